#!/usr/bin/env bash
# Benchmark: the findings report over 2,000 run documents (100,000 finding rows) in an S3-compatible store.
# usage: bench/report/run.sh [runs] [findingsPerRun]     (defaults: 2000 50); heap capped at 512 MB
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/tools/find-java.sh"; lastmile_find_jdk
cd "$root"
./build -q -pl bench/report -am install -DskipTests
./build -q -pl bench/report dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt" >/dev/null
exec "$LASTMILE_JDK/bin/java" -Xmx512m -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.lastmile.bench.ReportBench "$@"
