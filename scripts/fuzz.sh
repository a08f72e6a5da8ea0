#!/usr/bin/env bash
# `make fuzz`: builds a libFuzzer target with clang (docs/fuzzing.md) and runs it.
#   scripts/fuzz.sh [request|filter|csv|vcard]   the target (default request)
#   FUZZ_RUNS (default 10000000) executions; the growing corpus is kept in FUZZ_CORPUS (default
#   /tmp/rapport-fuzz-corpus for request, /tmp/rapport-fuzz-corpus-<target> for the others);
#   FUZZ_JOBS limits the build's parallel jobs (default: ninja's); FUZZ_BUILD_DIR is the build
#   folder (default build/fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-request}
case "$target" in
  request)
    seeds=tests/fuzz/corpus
    default_corpus=/tmp/rapport-fuzz-corpus
    options=()
    ;;
  filter)
    seeds=tests/fuzz/filter_corpus
    default_corpus=/tmp/rapport-fuzz-corpus-filter
    options=(-dict=tests/fuzz/filter.dict)
    ;;
  vcard)
    seeds=tests/fuzz/vcard_corpus
    default_corpus=/tmp/rapport-fuzz-corpus-vcard
    options=(-max_len=1024)
    ;;
  csv)
    seeds=tests/fuzz/csv_corpus
    default_corpus=/tmp/rapport-fuzz-corpus-csv
    options=(-max_len=1024)
    ;;
  *)
    echo "usage: $0 [request|filter|csv|vcard]" >&2
    exit 2
    ;;
esac
runs=${FUZZ_RUNS:-10000000}
corpus=${FUZZ_CORPUS:-$default_corpus}
build=${FUZZ_BUILD_DIR:-build/fuzz}
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRAPPORT_FUZZ=ON -DRAPPORT_TESTS=ON >/dev/null
cmake --build "$build" --target "${target}_fuzzer" ${FUZZ_JOBS:+-j "$FUZZ_JOBS"}
mkdir -p "$corpus"
"$build/tests/fuzz/${target}_fuzzer" -runs="$runs" -print_final_stats=1 "${options[@]}" "$corpus" "$seeds"
