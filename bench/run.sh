#!/usr/bin/env bash
# `make bench`: drives the Release binary with wrk on loopback and reports each case as a ratio to
# a baseline measured in the same run (the machines are shared and noisy). Writes bench/results.json.
#
# Cases (each issue adds its own here):
#   healthz      GET /healthz, answered from memory: the baseline of the HTTP stack
#   tag_read     GET /api/v1/tags/{id}: a primary-key read of a JSON object of a few fields
# Each runs on SQLite and on PostgreSQL (a throwaway cluster), alternating rounds so that drift in
# the machine's load hits both sides alike; the median round counts.
#
# Record engine (issue 3), on a database made by `rapport bench-data` (1 M people, 10 M interactions,
# 50 k organizations on SQLite; cached in bench/data/ by sizes and schema hash; a copy is served so
# the cache stays as generated), each round running in turn:
#   healthz       the baseline again, in the same server
#   person_get    GET /api/v1/people/{random id}                       (bench/lua/person_get.lua)
#   people_list   a filtered, sorted page of 50, some deeper by cursor (bench/lua/people_list.lua)
#   people_search q= with typed prefixes ("mül", "anna sch", ...)       (bench/lua/people_search.lua)
#   person_create POST /api/v1/people with varied bodies                (bench/lua/person_create.lua)
# Targets: person_get >= 0.4 x healthz, people_list and people_search p99 <= 20 ms, person_create
# >= 5000/s on SQLite; PostgreSQL (smaller data by default, it is generated every run) beside them.
# CSV import (issue 4): bench/import.sh, also run alone, imports 1 M generated people into a fresh
# SQLite database against the sqlite3 tool's .import of the same file (BENCH_IMPORT=0 skips it).
# Sales (issue 6): bench/sales.sh, also run alone: the forecast over 100 k open deals and cross-sell
# suggestions over 10 M order lines, p99 <= 50 ms each (BENCH_SALES=0 skips it).
# The bench measures: it prints PASS/MISS per target and does not fail on a miss.
# Environment: BENCH_PEOPLE, BENCH_INTERACTIONS, BENCH_ORGANIZATIONS (SQLite sizes),
# BENCH_PG_PEOPLE, BENCH_PG_INTERACTIONS, BENCH_PG_ORGANIZATIONS (PostgreSQL sizes),
# BENCH_RECORDS=0 skips the record engine, BENCH_POSTGRES=0 skips PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BENCH_BIN:-./build/release/rapport}
THREADS=${BENCH_WRK_THREADS:-2}
CONNECTIONS=${BENCH_WRK_CONNECTIONS:-64}
LATENCY_CONNECTIONS=${BENCH_LATENCY_CONNECTIONS:-8}
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

# Every request but /healthz needs credentials: the server makes the bench's admin at start, and
# an admin API key of theirs goes with every request (wrk -H, curl -H), the baseline's too.
BENCH_ADMIN=bench@rapport.local
start_server() {  # $1 = database URL; port 0 lets the server pick, its log says which
  "$BIN" serve --host 127.0.0.1 --port 0 --database "$1" --access-log false --admin-email "$BENCH_ADMIN" \
    --admin-password "bench password $$" >"$work/server.log" 2>&1 &
  server_pid=$!
  BASE=""
  # A large database may first get the indexes that the metadata gained since it was generated.
  for _ in $(seq 1 6000); do
    BASE=$(grep -o '"url":"http://[^"]*"' "$work/server.log" | head -1 | cut -d'"' -f4 || true)
    if [[ -n "$BASE" ]] && curl -sf "$BASE/healthz" >/dev/null; then
      BENCH_KEY=$("$BIN" api-key create --user "$BENCH_ADMIN" --name bench --scope admin --database "$1" --log-level warn)
      export BENCH_KEY
      return 0
    fi
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

# wrk for one URL, optionally with a Lua script: prints "requests_per_second p50_ms p99_ms". Warns
# on stderr when answers were not 2xx/3xx (they would make the figures meaningless).
run_wrk() {  # $1 = URL, $2 = Lua script (optional), $3 = connections (default $CONNECTIONS)
  local script=()
  [[ $# -ge 2 && -n "$2" ]] && script=(-s "$2")
  wrk -t"$THREADS" -c"${3:-$CONNECTIONS}" -d"${SECONDS_PER_ROUND}s" --latency -H "Authorization: Bearer $BENCH_KEY" \
    "${script[@]}" "$1" >"$work/wrk.txt"
  if grep -q 'Non-2xx' "$work/wrk.txt"; then
    echo "bench: $1 ${2:-}: $(grep 'Non-2xx' "$work/wrk.txt" | xargs)" >&2
  fi
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
  id=$(curl -sf -X POST "$BASE/api/v1/tags" -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_KEY" \
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

RUN_RECORDS=${BENCH_RECORDS:-1}
RUN_POSTGRES=${BENCH_POSTGRES:-1}
stores=(sqlite)
[[ "$RUN_POSTGRES" == 1 ]] && stores+=(postgres)

measure_store sqlite "sqlite:$work/sqlite/bench.db"
if [[ "$RUN_POSTGRES" == 1 ]]; then
  pg_url=$(scripts/pg_cluster.sh start "$pg_dir")
  measure_store postgres "$pg_url"
fi

# --- Record engine ---------------------------------------------------------------------------
export BENCH_LUA_DIR="$PWD/bench/lua"
RECORD_CASES=(person_get people_list people_search person_create timeline)
export BENCH_TIMELINE_ID=1

# Fills the database at $1 with $2 people, $3 interactions, $4 organizations; the seconds it took to $5.
generate() {
  local start=$SECONDS
  "$BIN" bench-data --database "$1" --log-level warn --people "$2" --interactions "$3" --organizations "$4" \
    --seed 42 >&2
  echo $((SECONDS - start)) >"$5"
}

measure_records() {  # $1 = store name, $2 = database URL, $3 = people (ids 1..$3)
  local store=$1
  export BENCH_MIN_ID=1 BENCH_MAX_ID=$3
  start_server "$2"
  run_wrk "$BASE/healthz" >/dev/null  # warm-up
  run_wrk "$BASE/api/v1/people/1" "bench/lua/person_get.lua" >/dev/null
  declare -A rps p99
  local c
  for _ in $(seq 1 "$ROUNDS"); do
    read -r r _ p < <(run_wrk "$BASE/healthz"); rps[healthz]+="$r "; p99[healthz]+="$p "
    for c in "${RECORD_CASES[@]}"; do
      # Latency targets (lists, search) are judged at the load of a busy team, LATENCY_CONNECTIONS
      # clients at once; at -c64 on 2 cores their p99 is mostly time spent queueing.
      local conns=$CONNECTIONS
      [[ $c == people_list || $c == people_search || $c == timeline ]] && conns=$LATENCY_CONNECTIONS
      read -r r _ p < <(run_wrk "$BASE/api/v1/people" "bench/lua/$c.lua" "$conns"); rps[$c]+="$r "; p99[$c]+="$p "
    done
  done
  for c in healthz "${RECORD_CASES[@]}"; do
    RESULT[$store.rec.$c]=$(printf '%s\n' ${rps[$c]} | median)
    RESULT[$store.rec.${c}_p99]=$(printf '%s\n' ${p99[$c]} | median)
  done
  RESULT[$store.rec.peak_rss_kb]=$(awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status")
  stop_server
}

# Export: every person as CSV through `rapport export`, against the sqlite3 tool writing the same
# rows of the same file as CSV, one after the other. Target: at least half the tool's speed.
seconds_of() { local start=$(date +%s.%N); "$@" >/dev/null; awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}'; }
measure_export() {  # $1 = the SQLite file
  RESULT[export.sqlite3_s]=$(seconds_of sqlite3 -csv "$1" "SELECT * FROM people WHERE deleted_at IS NULL ORDER BY id")
  RESULT[export.rapport_s]=$(seconds_of "$BIN" export people --database "sqlite:$1" --log-level warn -o /dev/null)
  RESULT[export.rows]=$(sqlite3 "$1" "SELECT count(*) FROM people WHERE deleted_at IS NULL")
}

if [[ "$RUN_RECORDS" == 1 ]]; then
  P=${BENCH_PEOPLE:-1000000} I=${BENCH_INTERACTIONS:-10000000} O=${BENCH_ORGANIZATIONS:-50000}
  # The cache key: the sizes and the generator. A cache made before later migrations, fields or
  # indexes is brought up to date by the server at start (migrations, then the tables synced to the
  # metadata), as any older database would be; that upgrade is part of what the run exercises.
  schema_hash=$(sha256sum src/cli/bench_data.cc | cut -c1-12)
  cache="bench/data/sqlite-p$P-i$I-o$O-$schema_hash.db"
  mkdir -p bench/data
  if [[ ! -f "$cache" ]]; then
    echo "bench: generating $cache (once; later runs reuse it)" >&2
    rm -f "$cache.tmp"*
    generate "sqlite:$cache.tmp" "$P" "$I" "$O" "$cache.seconds"
    mv "$cache.tmp" "$cache"
  fi
  RESULT[sqlite.rec.sizes]="$P $I $O"
  RESULT[sqlite.rec.generate_s]=$(cat "$cache.seconds" 2>/dev/null || echo null)
  mkdir -p "$work/records"
  cp "$cache" "$work/records/bench.db"
  # The timeline case reads person 1 with 10,000 more interactions, one an hour back from now.
  sqlite3 "$work/records/bench.db" "
    BEGIN;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
    INSERT INTO interactions (created_at, updated_at, channel, direction, occurred_at, subject)
      SELECT $(date +%s)000000, $(date +%s)000000, 'email', 'inbound', ($(date +%s) - i * 3600) * 1000000,
             'Timeline ' || i FROM n;
    INSERT INTO record_links (object, field, record_id, target_id)
      SELECT 'interaction', 'participants', id, 1 FROM interactions WHERE subject LIKE 'Timeline %';
    COMMIT;"
  # Written back before measuring: otherwise the first checkpoint's fsync waits for gigabytes of the
  # copy to reach the disk, and the write cases measure that.
  sync "$work/records/bench.db"
  measure_records sqlite "sqlite:$work/records/bench.db" "$P"
  measure_export "$work/records/bench.db"
  rm -f "$work/records/bench.db"*

  if [[ "$RUN_POSTGRES" == 1 ]]; then
    PP=${BENCH_PG_PEOPLE:-200000} PI=${BENCH_PG_INTERACTIONS:-1000000} PO=${BENCH_PG_ORGANIZATIONS:-10000}
    # The cluster of the cases above: their database has one tag and no records yet.
    pg_rec_url=$pg_url
    echo "bench: generating PostgreSQL data ($PP people, $PI interactions, $PO organizations)" >&2
    generate "$pg_rec_url" "$PP" "$PI" "$PO" "$work/pg.seconds"
    RESULT[postgres.rec.sizes]="$PP $PI $PO"
    RESULT[postgres.rec.generate_s]=$(cat "$work/pg.seconds")
    measure_records postgres "$pg_rec_url" "$PP"
  fi
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf '\n%-10s %-14s %12s %10s %9s\n' store case "requests/s" "p99 ms" "ratio"
for store in "${stores[@]}"; do
  printf '%-10s %-14s %12.0f %10.2f %9s\n' "$store" healthz "${RESULT[$store.healthz]}" "${RESULT[$store.healthz_p99]}" 1.00
  printf '%-10s %-14s %12.0f %10.2f %9s\n' "$store" tag_read "${RESULT[$store.read]}" "${RESULT[$store.read_p99]}" \
    "$(ratio "${RESULT[$store.read]}" "${RESULT[$store.healthz]}")"
  printf '%-10s idle RSS %s KiB, peak RSS after load %s KiB\n' "$store" "${RESULT[$store.idle_rss_kb]}" "${RESULT[$store.peak_rss_kb]}"
done
echo "target: sqlite tag_read >= 0.50 x healthz (wrk -t$THREADS -c$CONNECTIONS, median of $ROUNDS rounds of ${SECONDS_PER_ROUND}s;"
echo "        people_list and people_search at -c$LATENCY_CONNECTIONS)"

verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN {ok = op == ">=" ? v >= t : v <= t; print ok ? "PASS" : "MISS"}'; }
records_json=""
if [[ "$RUN_RECORDS" == 1 ]]; then
  echo
  echo "record engine (people / interactions / organizations; generation seconds):"
  printf '%-10s %-14s %12s %10s %9s\n' store case "requests/s" "p99 ms" "ratio"
  for store in "${stores[@]}"; do
    [[ -n "${RESULT[$store.rec.sizes]:-}" ]] || continue
    h=${RESULT[$store.rec.healthz]}
    for c in healthz "${RECORD_CASES[@]}"; do
      printf '%-10s %-14s %12.0f %10.2f %9s\n' "$store" "$c" "${RESULT[$store.rec.$c]}" "${RESULT[$store.rec.${c}_p99]}" \
        "$(ratio "${RESULT[$store.rec.$c]}" "$h")"
    done
    printf '%-10s data %s, generated in %s s; peak RSS %s KiB\n' "$store" "${RESULT[$store.rec.sizes]}" \
      "${RESULT[$store.rec.generate_s]}" "${RESULT[$store.rec.peak_rss_kb]}"
    read -r sp si so <<<"${RESULT[$store.rec.sizes]}"
    t_get=$(verdict "$(ratio "${RESULT[$store.rec.person_get]}" "$h")" ">=" 0.4)
    t_list=$(verdict "${RESULT[$store.rec.people_list_p99]}" "<=" 20)
    t_search=$(verdict "${RESULT[$store.rec.people_search_p99]}" "<=" 20)
    t_create=$(verdict "${RESULT[$store.rec.person_create]}" ">=" 5000)
    t_timeline=$(verdict "${RESULT[$store.rec.timeline_p99]}" "<=" 20)
    printf '%-10s targets: person_get >= 0.4 x healthz %s; people_list p99 <= 20 ms %s; people_search p99 <= 20 ms %s; person_create >= 5000/s %s; timeline p99 <= 20 ms %s\n' \
      "$store" "$t_get" "$t_list" "$t_search" "$t_create" "$t_timeline"
    cases_json=""
    for c in healthz "${RECORD_CASES[@]}"; do
      cases_json+="\"${c}_rps\": ${RESULT[$store.rec.$c]}, \"${c}_p99_ms\": ${RESULT[$store.rec.${c}_p99]}, \"${c}_ratio\": $(ratio "${RESULT[$store.rec.$c]}" "$h"), "
    done
    records_json+="$( [[ -n "$records_json" ]] && echo , || true)
    \"$store\": {\"people\": $sp, \"interactions\": $si, \"organizations\": $so, \"generate_s\": ${RESULT[$store.rec.generate_s]},
      ${cases_json}\"peak_rss_kb\": ${RESULT[$store.rec.peak_rss_kb]},
      \"targets\": {\"person_get_ratio_0.4\": \"$t_get\", \"people_list_p99_20ms\": \"$t_list\", \"people_search_p99_20ms\": \"$t_search\", \"person_create_5000\": \"$t_create\", \"timeline_p99_20ms\": \"$t_timeline\"}}"
  done
fi

import_json=""
if [[ "${BENCH_IMPORT:-1}" == 1 ]]; then
  echo
  BENCH_BIN=$BIN BENCH_IMPORT_JSON="$work/import.json" bench/import.sh
  import_json=", \"import\": $(cat "$work/import.json")"
fi

sales_json=""
if [[ "${BENCH_SALES:-1}" == 1 ]]; then
  echo
  BENCH_BIN=$BIN BENCH_POSTGRES=$RUN_POSTGRES BENCH_SALES_JSON="$work/sales.json" bench/sales.sh
  sales_json=", \"sales\": $(cat "$work/sales.json")"
fi

export_json=""
if [[ -n "${RESULT[export.rapport_s]:-}" ]]; then
  export_ratio=$(ratio "${RESULT[export.sqlite3_s]}" "${RESULT[export.rapport_s]}")
  t_export=$(verdict "$export_ratio" ">=" 0.5)
  echo
  printf 'export     %s people as CSV: rapport export %s s, sqlite3 -csv %s s; speed ratio %s (target >= 0.5: %s)\n' \
    "${RESULT[export.rows]}" "${RESULT[export.rapport_s]}" "${RESULT[export.sqlite3_s]}" "$export_ratio" "$t_export"
  export_json=", \"export\": {\"rows\": ${RESULT[export.rows]}, \"rapport_s\": ${RESULT[export.rapport_s]}, \"sqlite3_s\": ${RESULT[export.sqlite3_s]}, \"speed_ratio\": $export_ratio, \"target_0.5\": \"$t_export\"}"
fi

store_json() {  # $1 = store
  local s=$1
  cat <<JSON
  "$s": {
    "healthz_rps": ${RESULT[$s.healthz]}, "tag_read_rps": ${RESULT[$s.read]},
    "tag_read_ratio": $(ratio "${RESULT[$s.read]}" "${RESULT[$s.healthz]}"),
    "healthz_p99_ms": ${RESULT[$s.healthz_p99]}, "tag_read_p99_ms": ${RESULT[$s.read_p99]},
    "idle_rss_kb": ${RESULT[$s.idle_rss_kb]}, "peak_rss_kb": ${RESULT[$s.peak_rss_kb]}
  },
JSON
}

{
  echo "{"
  echo "  \"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\","
  echo "  \"commit\": \"$(git rev-parse --short HEAD 2>/dev/null || echo unknown)\","
  echo "  \"machine\": \"$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)\","
  echo "  \"wrk\": {\"threads\": $THREADS, \"connections\": $CONNECTIONS, \"latency_connections\": $LATENCY_CONNECTIONS, \"seconds\": $SECONDS_PER_ROUND, \"rounds\": $ROUNDS},"
  for store in "${stores[@]}"; do store_json "$store"; done
  echo "  \"records\": {$records_json"
  echo "  }$export_json$import_json$sales_json"
  echo "}"
} >bench/results.json
echo "wrote bench/results.json"
