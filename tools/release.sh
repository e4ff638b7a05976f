#!/usr/bin/env bash
# Builds a release of lastmile from a git tag, reproducibly:
#   tools/release.sh [--out DIR] [--skip-tests] [--snapshot] [--check-reproducible]
# From a clean clone of the tagged commit (vX.Y.Z) it builds, into DIR (default dist/):
#   lastmile-X.Y.Z.jar                  the command-line jar (java -jar, or through the launcher)
#   lastmile-X.Y.Z.tar.gz               the launcher, the jar, LICENSE and NOTICE (lastmile-X.Y.Z/lastmile ...)
#   lastmile-<function>-X.Y.Z.jar       one AWS Lambda jar per function (infra/template.yaml's CodeUri)
#   *.cdx.json                          a CycloneDX SBOM of each jar (runtime dependencies, licences, hashes)
#   SHA256SUMS                          sha256sum -c SHA256SUMS checks every file above
# The version comes from the tag; `lastmile --version` prints it with the commit. Every jar entry carries the tagged
# commit's time (project.build.outputTimestamp), so the same tag builds byte-identical files: --check-reproducible
# builds a second time in another clone and compares the sums. NOTICE is checked against every shaded module's
# runtime dependency tree before anything is written. --snapshot builds HEAD without a tag (version <pom>-<commit>).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/dist"; skip_tests=0; snapshot=0; check=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --skip-tests) skip_tests=1; shift ;;
    --snapshot) snapshot=1; shift ;;
    --check-reproducible) check=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

cd "$here"
commit="$(git rev-parse HEAD)"
short="${commit:0:12}"
pom_version="$(sed -n 's#^  <version>\(.*\)</version>$#\1#p' pom.xml | head -1)"
if tag="$(git describe --tags --exact-match --match 'v[0-9]*' HEAD 2>/dev/null)"; then
  version="${tag#v}"
elif [ "$snapshot" = 1 ]; then
  version="${pom_version%-SNAPSHOT}-SNAPSHOT-$short"
else
  echo "release: HEAD ($short) carries no vX.Y.Z tag; tag it (git tag -a v0.2.0) or pass --snapshot" >&2
  exit 2
fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "release: note: uncommitted edits are not part of the release (it is built from a clean clone of $short)" >&2
fi
# the commit's own time: the same on every machine, unlike the clock
epoch="$(git log -1 --format=%ct HEAD)"
timestamp="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -r "$epoch" +%Y-%m-%dT%H:%M:%SZ)"

functions=()
for d in functions/*/; do
  d="${d%/}"
  grep -q '<shadedClassifierName>lambda' functions/pom.xml && [ -f "$d/pom.xml" ] || continue
  case "$d" in functions/common|functions/pipeline-test) continue ;; esac
  functions+=("$d")
done
modules="cli$(printf ',%s' "${functions[@]}")"

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

# build DIR: clones the commit into DIR, sets the version, builds, checks NOTICE, collects the files into DIR/dist
build() {
  local dir="$1" src="$1/src" d name
  git clone -q --no-local --no-checkout "$here" "$src"
  git -C "$src" -c advice.detachedHead=false checkout -q "$commit"
  if [ "$version" != "$pom_version" ]; then
    find "$src" -name pom.xml -not -path '*/target/*' -exec \
      sed -i "s#<version>$pom_version</version>#<version>$version</version>#" {} +
  fi
  local goal=verify; local extra=()
  [ "$skip_tests" = 1 ] && { goal=package; extra+=(-DskipTests); }
  (cd "$src" && ./build -q -B -pl "$modules" -am "$goal" \
      org.apache.maven.plugins:maven-dependency-plugin:list \
      org.cyclonedx:cyclonedx-maven-plugin:makeBom \
      -DincludeScope=runtime -DoutputFile=target/release-dependencies.txt -DexcludeGroupIds=dev.lastmile \
      -DoutputFormat=json -DoutputName=bom -DincludeTestScope=false \
      -Dproject.build.outputTimestamp="$timestamp" -Dlastmile.commit="$short" "${extra[@]}" ${LASTMILE_RELEASE_MAVEN_OPTS:-})
  # NOTICE against what the released jars bundle: nothing missing, nothing stale
  local lists=("$src/cli/target/release-dependencies.txt")
  for d in "${functions[@]}"; do lists+=("$src/$d/target/release-dependencies.txt"); done
  "${LASTMILE_JDK}/bin/java" -cp "$src/cli/target/test-classes" dev.lastmile.cli.NoticeCheck "$src/NOTICE" "${lists[@]}"

  mkdir -p "$dir/dist"
  cp "$src/cli/target/lastmile.jar" "$dir/dist/lastmile-$version.jar"
  cp "$src/cli/target/bom.json" "$dir/dist/lastmile-$version.cdx.json"
  for d in "${functions[@]}"; do
    name="$(basename "$d")"
    cp "$src/$d"/target/*-"$version"-lambda.jar "$dir/dist/lastmile-$name-$version.jar"
    cp "$src/$d/target/bom.json" "$dir/dist/lastmile-$name-$version.cdx.json"
  done
  # the launcher and its JDK finder beside the jar: `lastmile` works from the unpacked folder or a symlink to it
  local pkg="$dir/pkg/lastmile-$version"
  mkdir -p "$pkg"
  cp "$src/lastmile" "$src/tools/find-java.sh" "$src/LICENSE" "$src/NOTICE" "$pkg/"
  cp "$src/cli/target/lastmile.jar" "$pkg/lastmile.jar"
  (cd "$dir/pkg" && tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner -cf - "lastmile-$version" \
      | gzip -n -9 > "$dir/dist/lastmile-$version.tar.gz")
  (cd "$dir/dist" && sha256sum -- *.jar *.tar.gz *.cdx.json > SHA256SUMS)
}

. "$here/tools/find-java.sh"
lastmile_find_jdk
[ -n "$LASTMILE_JDK" ] || { echo "release: needs a JDK 21 or newer" >&2; exit 2; }

echo "release: building lastmile $version from $short (timestamp $timestamp)" >&2
build "$work/a"
if [ "$check" = 1 ]; then
  echo "release: building a second time to check the build is reproducible" >&2
  build "$work/b"
  if ! diff <(cd "$work/a/dist" && cat SHA256SUMS) <(cd "$work/b/dist" && cat SHA256SUMS) >&2; then
    echo "release: two builds of $short differ (above): not reproducible" >&2
    exit 1
  fi
  echo "release: reproducible: both builds gave identical files" >&2
fi
mkdir -p "$out"
cp "$work/a/dist"/* "$out/"
(cd "$out" && sha256sum -c --quiet SHA256SUMS)
echo "release: lastmile $version in $out:" >&2
(cd "$out" && ls -1 >&2)
