# Sourced by ./lastmile, ./build and .ci/run: sets LASTMILE_JDK to a JDK 21+ home, or leaves it empty.
# Looks at LASTMILE_JAVA_HOME, JAVA_HOME, the java on PATH, then the usual install folders; prefers the newest.
# `lastmile_find_jdk runtime` accepts a Java runtime without javac (enough to run a released jar).
lastmile_java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}
lastmile_find_jdk() {
  local need_javac=1 candidates=() best="" best_major=0 m c d
  [ "${1:-}" = runtime ] && need_javac=0
  [ -n "${LASTMILE_JAVA_HOME:-}" ] && candidates+=("$LASTMILE_JAVA_HOME")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] || continue
    [ "$need_javac" = 0 ] || [ -x "$c/bin/javac" ] || continue
    m="$(lastmile_java_major "$c/bin/java")"
    [ -n "$m" ] || continue
    if [ "$m" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best="$c"; best_major="$m"; fi
  done
  LASTMILE_JDK="$best"
}
