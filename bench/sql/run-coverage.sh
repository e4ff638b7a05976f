#!/usr/bin/env bash
# Coverage and speed of the dbt module on a dbt project directory.
# usage: bench/sql/run-coverage.sh PROJECT_DIR [dialect|none]   (builds checks/dbt first if needed)
# "none": no dialect given, as a repository without a dbt profile and without the policy's sql.dialect
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cp_file="$here/target/classpath.txt"
mkdir -p "$here/target/classes"
if [ ! -f "$cp_file" ] || [ ! -d "$repo/checks/dbt/target/classes" ]; then
  # package, never install: ~/.m2 may be shared; the reactor puts core's jars from core/target on the classpath
  (cd "$repo" && ./build -o -q -pl checks/dbt -am package -DskipTests dependency:build-classpath -Dmdep.outputFile="$cp_file")
fi
cp="$(cat "$cp_file"):$repo/checks/dbt/target/classes"
"$java_home/bin/javac" -d "$here/target/classes" -cp "$cp" "$here/src/Coverage.java" "$here/src/Profile.java"
# LASTMILE_BENCH_ONE_CORE=1: pin the JVM to one CPU (the JVM then picks the serial collector, as on a Lambda
# function with fewer than two vCPUs) and warm up for 45 s, since the JIT now shares that CPU
pin=()
opts=${LASTMILE_BENCH_JAVA_OPTS:-}
if [ "${LASTMILE_BENCH_ONE_CORE:-0}" = 1 ] && command -v taskset >/dev/null; then
  pin=(taskset -c 0)
  opts="-Dbench.warmSeconds=45 $opts"
fi
exec ${pin[@]+"${pin[@]}"} "$java_home/bin/java" -Xmx512m $opts -cp "$cp:$here/target/classes" Coverage "$@"
