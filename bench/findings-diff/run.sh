#!/usr/bin/env bash
# Findings before and after: runs `lastmile scan --full --offline --format json` with two builds on the pinned
# benchmark projects and diffs their findings by (check, rule, path, line, fingerprint). A refactoring must leave
# them identical; every divergence is listed for a person to explain (a bug fixed, or one made) in README.md here.
# The old build is made from OLD_REV with `git archive` into bench/findings-diff/target/old (package, never install);
# the new one is cli/target/lastmile.jar (built when absent). Projects are cloned from LASTMILE_BENCH_MIRROR
# (<owner>+<name>/repo, this machine's /work/.mirror) or GitHub into target/projects; none of their code is committed.
# usage: bench/findings-diff/run.sh OLD_REV [NEW_JAR]    e.g. bench/findings-diff/run.sh f711d07
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
old_rev=${1:?usage: run.sh OLD_REV [NEW_JAR]}
new_jar=${2:-$repo/cli/target/lastmile.jar}
. "$repo/tools/find-java.sh"
lastmile_find_jdk
java="$LASTMILE_JDK/bin/java"
target="$here/target"
mkdir -p "$target/projects" "$target/out"

# owner/name  commit  (the whole repository is scanned, every dbt project in it, as a user's scan would)
projects='
dbt-labs/jaffle-shop                  7be2c5838dbdeca8e915d4e46db70e910753d7f6
mattermost/mattermost-data-warehouse  61af2424d790a8f83267f2b9ee12589fd32bcfa9
david-but-its-daweed/dbt-spark-models edcfcb961cbc20c8939a3559bde7a26d1a574b96
Velir/dbt-ga4                         2d7b1f1c5224b6e2f3c6284f416dd5fd3ce94360
OHDSI/dbt-synthea                     b9486865d6c2f95e6bda34187391244131243585
dbt-labs/dbt-project-evaluator        927abbd523b627f4f1595e2fb93ebf2244314bd6
tuva-health/tuva                      6be34c7add402a897dd020fa51c6be586847eb41
'

old_sha=$(git -C "$repo" rev-parse --short "$old_rev")
old_dir="$target/old-$old_sha"
old_jar="$old_dir/cli/target/lastmile.jar"
if [ ! -f "$old_jar" ]; then
  rm -rf "$old_dir" && mkdir -p "$old_dir"
  git -C "$repo" archive "$old_rev" | tar -x -C "$old_dir"
  (cd "$old_dir" && ./build -o -q -pl cli -am package -DskipTests) >&2
fi
[ -f "$new_jar" ] || (cd "$repo" && ./build -o -q -pl cli -am package -DskipTests) >&2

scan() { # jar dir out
  "$java" -XX:TieredStopAtLevel=1 -jar "$1" scan --repo="$2" --full --offline --format=json --out="$3" >/dev/null 2>"$3.err" || true
}

echo "$projects" | while read -r name commit; do
  [ -z "$name" ] && continue
  dir="$target/projects/${name/\//+}"
  if [ ! -d "$dir/.git" ]; then
    url="https://github.com/$name.git"
    mirror=${LASTMILE_BENCH_MIRROR:-}
    [ -n "$mirror" ] && [ -d "$mirror/${name/\//+}/repo" ] && url="$mirror/${name/\//+}/repo"
    git clone -q --no-checkout "$url" "$dir"
  fi
  # a mirror may lack large data blobs: check out what it has (the scan reads what is there, both builds alike)
  git -C "$dir" checkout -q -f "$commit" 2>/dev/null || git -C "$dir" checkout -q "$commit" -- '*.sql' '*.yml' '*.py' '*.md' 2>/dev/null || true
  label=${name/\//+}
  scan "$old_jar" "$dir" "$target/out/$label.old.json"
  scan "$new_jar" "$dir" "$target/out/$label.new.json"
  python3 "$here/diff.py" "$name" "$target/out/$label.old.json" "$target/out/$label.new.json"
done
