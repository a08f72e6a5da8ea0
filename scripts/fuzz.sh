#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer target with clang (docs/fuzzing.md) and runs it.
#   FUZZ_RUNS (default 10000000) executions; the growing corpus is kept in FUZZ_CORPUS.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${FUZZ_RUNS:-10000000}
corpus=${FUZZ_CORPUS:-/tmp/rapport-fuzz-corpus}
CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRAPPORT_FUZZ=ON -DRAPPORT_TESTS=ON >/dev/null
cmake --build build/fuzz --target request_fuzzer
mkdir -p "$corpus"
build/fuzz/tests/fuzz/request_fuzzer -runs="$runs" -print_final_stats=1 "$corpus" tests/fuzz/corpus
