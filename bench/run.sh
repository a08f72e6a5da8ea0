#!/usr/bin/env bash
# `make bench`: drives the Release binary with wrk on loopback and reports each case as a ratio to
# a baseline measured in the same run (the machines are shared and noisy). Writes bench/results.json.
#
# Cases (each issue adds its own here):
#   healthz      GET /healthz, answered from memory: the baseline of the HTTP stack
#   tag_read     GET /api/v1/tags/{id}: a primary-key read of a JSON object of a few fields
# Each runs on SQLite and on PostgreSQL (a throwaway cluster), alternating rounds so that drift in
# the machine's load hits both sides alike; the median round counts.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=./build/release/rapport
THREADS=${BENCH_WRK_THREADS:-2}
CONNECTIONS=${BENCH_WRK_CONNECTIONS:-64}
SECONDS_PER_ROUND=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}

work=$(mktemp -d /tmp/rapport-bench.XXXXXX)
pg_dir="$work/pg"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  scripts/pg_cluster.sh destroy "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {  # $1 = database URL; port 0 lets the server pick, its log says which
  "$BIN" serve --host 127.0.0.1 --port 0 --database "$1" --access-log false >"$work/server.log" 2>&1 &
  server_pid=$!
  BASE=""
  for _ in $(seq 1 200); do
    BASE=$(grep -o '"url":"http://[^"]*"' "$work/server.log" | head -1 | cut -d'"' -f4 || true)
    [[ -n "$BASE" ]] && curl -sf "$BASE/healthz" >/dev/null && return 0
    sleep 0.05
  done
  echo "the server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}

stop_server() {
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }

# wrk for one URL: prints "requests_per_second p50_ms p99_ms".
run_wrk() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" --latency "$1" >"$work/wrk.txt"
  awk '
    /Requests\/sec/ {rps=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    $1=="50%" {p50=ms($2)} $1=="99%" {p99=ms($2)}
    END {printf "%s %.3f %.3f\n", rps, p50, p99}' "$work/wrk.txt"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A RESULT
measure_store() {  # $1 = store name, $2 = database URL
  local store=$1
  start_server "$2"
  local idle_rss
  idle_rss=$(rss_kb)
  local id
  id=$(curl -sf -X POST "$BASE/api/v1/tags" -H 'Content-Type: application/json' \
    -d '{"name":"bench","color":"#336699","description":"A tag read by the benchmark"}' |
    sed -E 's/.*"id":([0-9]+).*/\1/')
  run_wrk "$BASE/healthz" >/dev/null  # warm-up
  local h=() r=() hp99=() rp99=()
  for _ in $(seq 1 "$ROUNDS"); do
    read -r rps _ p99 < <(run_wrk "$BASE/healthz"); h+=("$rps"); hp99+=("$p99")
    read -r rps _ p99 < <(run_wrk "$BASE/api/v1/tags/$id"); r+=("$rps"); rp99+=("$p99")
  done
  RESULT[$store.healthz]=$(printf '%s\n' "${h[@]}" | median)
  RESULT[$store.read]=$(printf '%s\n' "${r[@]}" | median)
  RESULT[$store.healthz_p99]=$(printf '%s\n' "${hp99[@]}" | median)
  RESULT[$store.read_p99]=$(printf '%s\n' "${rp99[@]}" | median)
  RESULT[$store.idle_rss_kb]=$idle_rss
  RESULT[$store.peak_rss_kb]=$(awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status")
  stop_server
}

measure_store sqlite "sqlite:$work/sqlite/bench.db"
pg_url=$(scripts/pg_cluster.sh start "$pg_dir")
measure_store postgres "$pg_url"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf '\n%-10s %-12s %12s %10s %9s\n' store case "requests/s" "p99 ms" "ratio"
for store in sqlite postgres; do
  printf '%-10s %-12s %12.0f %10.2f %9s\n' "$store" healthz "${RESULT[$store.healthz]}" "${RESULT[$store.healthz_p99]}" 1.00
  printf '%-10s %-12s %12.0f %10.2f %9s\n' "$store" tag_read "${RESULT[$store.read]}" "${RESULT[$store.read_p99]}" \
    "$(ratio "${RESULT[$store.read]}" "${RESULT[$store.healthz]}")"
  printf '%-10s idle RSS %s KiB, peak RSS after load %s KiB\n' "$store" "${RESULT[$store.idle_rss_kb]}" "${RESULT[$store.peak_rss_kb]}"
done
echo "target: sqlite tag_read >= 0.50 x healthz (wrk -t$THREADS -c$CONNECTIONS, median of $ROUNDS rounds of ${SECONDS_PER_ROUND}s)"

cat >bench/results.json <<JSON
{
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)",
  "wrk": {"threads": $THREADS, "connections": $CONNECTIONS, "seconds": $SECONDS_PER_ROUND, "rounds": $ROUNDS},
  "sqlite": {
    "healthz_rps": ${RESULT[sqlite.healthz]}, "tag_read_rps": ${RESULT[sqlite.read]},
    "tag_read_ratio": $(ratio "${RESULT[sqlite.read]}" "${RESULT[sqlite.healthz]}"),
    "healthz_p99_ms": ${RESULT[sqlite.healthz_p99]}, "tag_read_p99_ms": ${RESULT[sqlite.read_p99]},
    "idle_rss_kb": ${RESULT[sqlite.idle_rss_kb]}, "peak_rss_kb": ${RESULT[sqlite.peak_rss_kb]}
  },
  "postgres": {
    "healthz_rps": ${RESULT[postgres.healthz]}, "tag_read_rps": ${RESULT[postgres.read]},
    "tag_read_ratio": $(ratio "${RESULT[postgres.read]}" "${RESULT[postgres.healthz]}"),
    "healthz_p99_ms": ${RESULT[postgres.healthz_p99]}, "tag_read_p99_ms": ${RESULT[postgres.read_p99]},
    "idle_rss_kb": ${RESULT[postgres.idle_rss_kb]}, "peak_rss_kb": ${RESULT[postgres.peak_rss_kb]}
  }
}
JSON
echo "wrote bench/results.json"
