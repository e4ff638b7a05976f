#!/usr/bin/env bash
# Coverage and speed of the dbt module on a dbt project directory.
# usage: bench/sql/run-coverage.sh PROJECT_DIR [dialect]   (builds checks/dbt first if needed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
java_home=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cp_file="$here/target/classpath.txt"
mkdir -p "$here/target/classes"
if [ ! -f "$cp_file" ] || [ ! -d "$repo/checks/dbt/target/classes" ]; then
  (cd "$repo" && JAVA_HOME=$java_home ./mvnw -q -B -pl checks/dbt -am install -DskipTests)
  (cd "$repo" && JAVA_HOME=$java_home ./mvnw -q -B -pl checks/dbt dependency:build-classpath -Dmdep.outputFile="$cp_file")
fi
cp="$(cat "$cp_file"):$repo/checks/dbt/target/classes"
"$java_home/bin/javac" -d "$here/target/classes" -cp "$cp" "$here/src/Coverage.java" "$here/src/Profile.java"
exec "$java_home/bin/java" -Xmx512m -cp "$cp:$here/target/classes" Coverage "$@"
