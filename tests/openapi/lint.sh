#!/usr/bin/env bash
# CTest case api/sqlite/openapi_lint: the OpenAPI document that `rapport openapi` prints, for a fresh
# SQLite database and for one given custom fields on person and a custom object with every field
# type (through MetaService, as the server adds them), validated by scripts/openapi_lint.sh. Fails
# on any problem the validator reports.
#   tests/openapi/lint.sh RAPPORT_BINARY FIXTURE_BINARY
set -euo pipefail
rapport=$1
fixture=$2
here="$(cd "$(dirname "$0")" && pwd)"
tmp=$(mktemp -d /tmp/rapport-openapi.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

"$rapport" openapi --log-level warn --database "sqlite:$tmp/fresh.db" > "$tmp/fresh.json"

"$fixture" "sqlite:$tmp/custom.db" "$here/custom_person_fields.json" "$here/custom_project.json"
"$rapport" openapi --log-level warn --database "sqlite:$tmp/custom.db" > "$tmp/custom.json"
# The custom metadata must be in the document, not only valid.
for expected in '"/api/v1/objects/project"' '"/api/v1/objects/project/{id}/purge"' '"ProjectCreate"' \
                '"loyalty_points"' '"x-registry-version":6'; do
  grep -qF "$expected" "$tmp/custom.json" || { echo "custom.json lacks $expected" >&2; exit 1; }
done

"$here/../../scripts/openapi_lint.sh" "$tmp/fresh.json" "$tmp/custom.json"
