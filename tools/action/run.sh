#!/usr/bin/env bash
# The scan step of action.yml (tested by cli's ActionTest, which runs this script against a local repository).
# Gets lastmile (a release jar checked against its pinned SHA-256, or this action's own source), makes sure the
# history the scan needs is there, scans the pull request (or a push, or everything), writes the Markdown summary
# to the job summary and sets the step's outputs. It never fails the step itself: the Verdict step does, after the
# SARIF upload, so a failing pull request still gets its code-scanning alerts.
set -euo pipefail
action_path="${GITHUB_ACTION_PATH:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
out_dir="${RUNNER_TEMP:-$(mktemp -d)}/lastmile"
mkdir -p "$out_dir"
sarif="$out_dir/lastmile.sarif"
summary="$out_dir/summary.md"
: "${GITHUB_OUTPUT:=/dev/null}" "${GITHUB_STEP_SUMMARY:=/dev/null}"

output() { printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; }
fail() { echo "::error title=lastmile::$1"; output exit-code "${2:-2}"; exit 0; }

# 1. lastmile itself
java_bin() {
  local j
  for j in "${JAVA_HOME_21_X64:-}" "${JAVA_HOME_25_X64:-}" "${JAVA_HOME:-}"; do
    if [ -n "$j" ] && [ -x "$j/bin/java" ]; then echo "$j/bin/java"; return; fi
  done
  . "$action_path/tools/find-java.sh"; lastmile_find_jdk runtime
  [ -n "$LASTMILE_JDK" ] && echo "$LASTMILE_JDK/bin/java"
}
if [ -n "${LASTMILE_CMD:-}" ]; then
  read -r -a cmd <<< "$LASTMILE_CMD"          # tests: the CLI from the build's class path
elif [ -n "${LASTMILE_VERSION:-}" ]; then
  [[ "${LASTMILE_JAR_SHA256:-}" =~ ^[0-9a-f]{64}$ ]] \
    || fail "version ${LASTMILE_VERSION} needs jar-sha256 (the release's SHA256SUMS line for lastmile-${LASTMILE_VERSION}.jar)"
  base_url="${LASTMILE_DOWNLOAD_BASE:-https://github.com/lastmile-dev/lastmile/releases/download}"
  jar="$out_dir/lastmile-${LASTMILE_VERSION}.jar"
  curl -fsSL --retry 3 -o "$jar" "$base_url/v${LASTMILE_VERSION}/lastmile-${LASTMILE_VERSION}.jar" \
    || fail "cannot download lastmile ${LASTMILE_VERSION} from $base_url"
  actual="$(sha256sum "$jar" | cut -d' ' -f1)"
  if [ "$actual" != "$LASTMILE_JAR_SHA256" ]; then
    rm -f "$jar"
    fail "lastmile-${LASTMILE_VERSION}.jar has SHA-256 $actual, not the pinned $LASTMILE_JAR_SHA256: refused"
  fi
  java="$(java_bin)" || true
  [ -n "$java" ] || fail "no Java 21 or newer on the runner (ubuntu-latest has one; else add actions/setup-java)"
  cmd=("$java" -XX:TieredStopAtLevel=1 -jar "$jar")
else
  cmd=("$action_path/lastmile")               # builds from this action's source on first use
fi

# 2. the history the scan needs: the base commit, and the commits of the pull request (the credentials check
# reads each one). actions/checkout fetches one commit by default.
if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
  git fetch --quiet --no-tags --unshallow origin || fail "cannot fetch the repository's history (git fetch --unshallow)"
fi
event="${GITHUB_EVENT_NAME:-}"
base="${LASTMILE_EVENT_BASE:-}"
if [ -n "$base" ] && [ "$base" != 0000000000000000000000000000000000000000 ] && ! git cat-file -e "$base^{commit}" 2>/dev/null; then
  git fetch --quiet --no-tags origin "$base" 2>/dev/null || true
fi

# 3. what to scan. A pull request's checkout is GitHub's merge commit: its first parent is the base branch as merged,
# so HEAD^1..HEAD is exactly the change. A push compares with the commit before it; anything else scans every file.
args=()
if [[ "$event" == pull_request* ]] && git rev-parse -q --verify "HEAD^2" >/dev/null 2>&1; then
  args=(--base "HEAD^1" --head HEAD)
elif [ -n "$base" ] && [ "$base" != 0000000000000000000000000000000000000000 ] && git cat-file -e "$base^{commit}" 2>/dev/null; then
  args=(--base "$(git merge-base "$base" HEAD 2>/dev/null || echo "$base")" --head HEAD)
else
  args=(--full)
fi
[ -n "${LASTMILE_FAIL_ON:-}" ] && args+=(--fail-on "$LASTMILE_FAIL_ON")
[ -n "${LASTMILE_CHECKS:-}" ] && args+=(--checks "$LASTMILE_CHECKS")
[ -n "${LASTMILE_BASELINE:-}" ] && args+=(--baseline "$LASTMILE_BASELINE")
[ "${LASTMILE_OFFLINE:-false}" = true ] && args+=(--offline)
if [ -n "${GITHUB_REPOSITORY:-}" ]; then
  args+=(--repository "$GITHUB_REPOSITORY" --link-base "${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/blob/${LASTMILE_HEAD_SHA:-$(git rev-parse HEAD)}/")
fi

# 4. the scan: text in the log, Markdown for the job summary, SARIF for code scanning
rm -f "$sarif" "$summary"
set +e
"${cmd[@]}" scan "${args[@]}" --format text --write sarif="$sarif" --write markdown="$summary"
rc=$?
set -e

from_fork=false
if [[ "$event" == pull_request* ]] && [ -n "${LASTMILE_HEAD_REPOSITORY:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ] \
    && [ "$LASTMILE_HEAD_REPOSITORY" != "$GITHUB_REPOSITORY" ]; then
  from_fork=true
fi
if [ -f "$summary" ]; then
  cat "$summary" >> "$GITHUB_STEP_SUMMARY"
  if [ "$from_fork" = true ]; then
    printf '\n> Code scanning upload skipped: a pull request from a fork runs without the security-events permission. The findings above are complete.\n' >> "$GITHUB_STEP_SUMMARY"
  fi
  output summary-file "$summary"
else
  printf '### lastmile\nThe scan ended with exit code %s before writing its summary; the step log says why.\n' "$rc" >> "$GITHUB_STEP_SUMMARY"
fi
[ -f "$sarif" ] && output sarif-file "$sarif"
output from-fork "$from_fork"
output exit-code "$rc"
exit 0
