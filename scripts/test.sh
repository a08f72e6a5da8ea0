#!/usr/bin/env bash
# Everything `make test` runs: the Release build's unit, API (SQLite and PostgreSQL) and system
# tests, the web app's unit and end-to-end tests (headless Chromium against the Release binary),
# then the unit and API suites again under AddressSanitizer + UndefinedBehaviorSanitizer.
# Starts a throwaway PostgreSQL cluster for the run and removes it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

pg_dir=$(mktemp -d /tmp/rapport-pg.XXXXXX)
trap 'scripts/pg_cluster.sh destroy "$pg_dir" >/dev/null 2>&1 || true' EXIT
RAPPORT_TEST_PG_URL=$(scripts/pg_cluster.sh start "$pg_dir")
export RAPPORT_TEST_PG_URL

status=0
echo "== Release build: unit, API on SQLite and PostgreSQL, system tests"
scripts/web.sh build
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "$jobs"
(cd build/release && ctest -j "$jobs" --output-on-failure -L 'unit|api|pg' && ctest --output-on-failure -L system) || status=1

echo "== Web app: unit tests (vitest), end-to-end tests (Chromium against build/release/rapport)"
scripts/web.sh test || status=1

echo "== ASan+UBSan build: unit, API on SQLite and PostgreSQL"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRAPPORT_SANITIZE=ON >/dev/null
cmake --build build/asan -j "$jobs" --target rapport_unit_tests rapport_api_runner rapport_http_tests rapport rapport_openapi_fixture
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build/asan && ctest -j "$jobs" --output-on-failure -L 'unit|api|pg') || status=1

exit $status
