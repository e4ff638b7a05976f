#!/usr/bin/env bash
# Speed and memory of the SQL check on synthetic dbt projects (600, 2000, 5000 models): wall time including JVM
# start-up, the scan's own files/s, peak heap, and max RSS. CI runs it; the figures go to docs/sql-coverage.md.
# usage: bench/sql/run-bench.sh [sizes...]     (default: 600 2000 5000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cp_file="$here/target/classpath-sql.txt"
mkdir -p "$here/target/classes"
if [ ! -f "$cp_file" ]; then
  (cd "$repo" && JAVA_HOME=$java_home ./mvnw -q -B -pl checks/sql -am install -DskipTests)
  (cd "$repo" && JAVA_HOME=$java_home ./mvnw -q -B -pl checks/sql dependency:build-classpath -Dmdep.outputFile="$cp_file")
fi
cp="$(cat "$cp_file"):$repo/checks/sql/target/classes"
"$java_home/bin/javac" -d "$here/target/classes" -cp "$cp" "$here"/src/*.java
sizes=${*:-600 2000 5000}
for n in $sizes; do
  dir="$here/target/synth-$n"
  rm -rf "$dir"
  "$java_home/bin/java" -cp "$here/target/classes" GenerateProject "$dir" "$n" snowflake
  echo "== $n models: java -Xmx512m ScanBench (wall and max RSS from /usr/bin/time)"
  /usr/bin/time -f "wall %e s, max RSS %M KB" "$java_home/bin/java" -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -cp "$cp:$here/target/classes" ScanBench "$dir" 2>&1 | grep -v SLF4J
done
