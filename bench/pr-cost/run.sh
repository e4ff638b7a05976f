#!/usr/bin/env bash
# What a pull request costs against a full scan, on Tuva (tuva-health/tuva, 1,200 models) at 6be34c7a: wall time and
# max RSS of `lastmile scan` with every check, full (--full) and for the last commit (HEAD~1..HEAD, 19 files), and of
# the residency check alone on the pull request. Each figure is the median of $RUNS runs (default 3); the JVM runs as
# the launcher runs it (quick compiler only). Tuva is cloned into bench/pr-cost/target (none of its code is
# committed); with no network, point LASTMILE_BENCH_MIRROR at a folder of mirrors laid out as <owner>+<name>/repo.
# usage: bench/pr-cost/run.sh [JAR]     (default: cli/target/lastmile.jar, built with `./build -o -q -pl cli -am package -DskipTests`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
jar=${1:-$repo/cli/target/lastmile.jar}
runs=${RUNS:-3}
commit=6be34c7add402a897dd020fa51c6be586847eb41
. "$repo/tools/find-java.sh"
lastmile_find_jdk
java="$LASTMILE_JDK/bin/java"
[ -f "$jar" ] || (cd "$repo" && ./build -o -q -pl cli -am package -DskipTests)
dir="$here/target/tuva"
if [ ! -d "$dir/.git" ]; then
  url=https://github.com/tuva-health/tuva.git
  mirror=${LASTMILE_BENCH_MIRROR:-}
  [ -n "$mirror" ] && [ -d "$mirror/tuva-health+tuva/repo" ] && url="$mirror/tuva-health+tuva/repo"
  mkdir -p "$here/target" && git clone -q "$url" "$dir"
fi
git -C "$dir" checkout -q -f "$commit"
out="$here/target/out"
mkdir -p "$out"

# one measured run: prints "wall_seconds max_rss_kb"
measure() { # label args...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/$label.time" "$java" -XX:TieredStopAtLevel=1 -Xshare:auto ${LASTMILE_JAVA_OPTS:-} \
      -jar "$jar" scan --repo="$dir" --offline --format=json --out="$out/$label.json" "$@" >/dev/null 2>&1 || true
  tail -1 "$out/$label.time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

report() { # label args...
  local label=$1; shift
  local walls=() rss=()
  for i in $(seq "$runs"); do
    read -r w m < <(measure "$label" "$@")
    walls+=("$w"); rss+=("$m")
  done
  local w m
  w=$(printf '%s\n' "${walls[@]}" | median)
  m=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
  echo "$label $w $m"
}

full=$(report full --full)
pr=$(report pr --base=HEAD~1 --head=HEAD)
res=$(report pr-residency --base=HEAD~1 --head=HEAD --checks=residency)

read -r _ fw fm <<<"$full"; read -r _ pw pm <<<"$pr"; read -r _ rw rm <<<"$res"
printf '%-34s %8s %10s\n' "Tuva at ${commit:0:8}, every check" "wall s" "max RSS MB"
printf '%-34s %8s %10d\n' "full scan" "$fw" $((fm / 1024))
printf '%-34s %8s %10d   (%s%% of the full scan)\n' "pull request HEAD~1..HEAD" "$pw" $((pm / 1024)) \
    "$(awk -v a="$pw" -v b="$fw" 'BEGIN {printf "%.0f", 100 * a / b}')"
printf '%-34s %8s %10d\n' "pull request, residency alone" "$rw" $((rm / 1024))
# the checks' own durations and findings of the last pull-request run, for the record
python3 - "$out/pr.json" "$out/full.json" <<'PY'
import json, sys, collections
for path in sys.argv[1:]:
    d = json.load(open(path))
    print(path.rsplit('/', 1)[-1], {c['name']: c['durationMs'] for c in d['checks']},
          dict(sorted(collections.Counter(f['ruleId'] for f in d['findings']).items())))
PY
