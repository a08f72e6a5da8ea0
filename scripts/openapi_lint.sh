#!/usr/bin/env bash
# Validates OpenAPI documents (such as the output of `rapport openapi`) with Redocly CLI, pinned in
# tools/openapi-lint/package-lock.json and installed there by `npm ci` on first use. The rules are in
# tools/openapi-lint/redocly.yaml; any problem fails.
#   scripts/openapi_lint.sh FILE.json...
set -euo pipefail
[[ $# -gt 0 ]] || { echo "usage: $0 FILE.json..." >&2; exit 2; }
tool="$(cd "$(dirname "$0")/../tools/openapi-lint" && pwd)"
command -v node >/dev/null && command -v npm >/dev/null ||
  { echo "$0: node and npm are needed (scripts/deps.sh test installs them)" >&2; exit 1; }

files=()
for f in "$@"; do files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done

# Several callers (ctest -j) may arrive at once: one installs, the others wait for it.
exec 9>"$tool/.npm-ci.lock"
flock 9
if [[ ! -x "$tool/node_modules/.bin/redocly" || "$tool/package-lock.json" -nt "$tool/node_modules/.package-lock.json" ]]; then
  (cd "$tool" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
flock -u 9

# No telemetry and no update check: the lint runs offline.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
cd "$tool"
exec node_modules/.bin/redocly lint --config redocly.yaml --format stylish "${files[@]}"
