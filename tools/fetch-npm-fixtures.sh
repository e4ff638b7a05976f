#!/usr/bin/env bash
# Fetches GitHub's published descriptions the GitHub-side tests check lastmile against, from the npm registry, into
# .cache/npm/ (ignored by git; nothing of them is committed):
#   @octokit/webhooks-examples  GitHub's example webhook payloads        -> webhooks-examples/api.github.com/index.json
#   @octokit/webhooks-schemas   their JSON schemas                       -> webhooks-schemas/schema.json
#   @octokit/openapi            GitHub's REST API OpenAPI description    -> openapi/api.github.com.json
# The tests that read them skip, saying so, when they are absent. Versions are pinned so a test run is repeatable.
# Usage: tools/fetch-npm-fixtures.sh [target directory]
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-.cache/npm}"
mkdir -p "$target"
command -v npm >/dev/null 2>&1 || { echo "fetch-npm-fixtures: npm is not installed; the GitHub description tests will skip" >&2; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fetch() { # package@version, path inside the package, destination
  local pkg="$1" inner="$2" dest="$3"
  if [ -s "$target/$dest" ]; then return 0; fi
  (cd "$work" && npm pack --silent "$pkg" >/dev/null)
  local tgz
  tgz="$(ls "$work"/*.tgz | head -1)"
  mkdir -p "$(dirname "$target/$dest")"
  tar -xzf "$tgz" -C "$work" "package/$inner"
  mv "$work/package/$inner" "$target/$dest"
  rm -rf "$work"/*.tgz "$work/package"
  echo "fetch-npm-fixtures: $pkg -> $target/$dest" >&2
}
fetch @octokit/webhooks-examples@7.6.1 api.github.com/index.json webhooks-examples/api.github.com/index.json
fetch @octokit/webhooks-schemas@7.6.1 schema.json webhooks-schemas/schema.json
fetch @octokit/openapi@23.0.2 generated/api.github.com.json openapi/api.github.com.json
