#!/usr/bin/env bash
# Sales (issue 6): the forecast over 100 k open deals and cross-sell suggestions for one customer
# over 10 M order lines, each judged by its p99 at the load of a busy team (8 clients), beside the
# healthz baseline of the same server. The data comes from `rapport bench-data` (500 k people,
# 2,000 products in 50 categories, 100 k open deals and 10 k closed, 2.5 M orders of 4 lines on
# average, 85 % paid, over two years) into SQLite, cached in bench/data/ by sizes and generator
# hash; PostgreSQL gets smaller data, generated each run, for figures beside them.
# Targets (SQLite): forecast p99 <= 50 ms, cross_sell p99 <= 50 ms; an import of order lines at no
# less than 0.5 x the speed of sqlite3 .import of the same file (measured on BENCH_SALES_IMPORT_LINES,
# 100 k by default, not 10 M: at today's speed 10 M would take hours).
#
#   bench/sales.sh   (BENCH_SALES_PEOPLE, BENCH_SALES_DEALS, BENCH_SALES_LINES; BENCH_PG_SALES_*;
#                     BENCH_POSTGRES=0 skips PostgreSQL; BENCH_BIN, default ./build/release/rapport)
# Prints the figures; with BENCH_SALES_JSON=FILE also writes them to FILE as JSON (bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BENCH_BIN:-./build/release/rapport}
SECONDS_PER_ROUND=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
CLIENTS=${BENCH_LATENCY_CONNECTIONS:-8}
work=$(mktemp -d /tmp/rapport-bench-sales.XXXXXX)
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  scripts/pg_cluster.sh destroy "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
export BENCH_LUA_DIR="$PWD/bench/lua"

generate() {  # $1 = database URL, $2 people, $3 deals, $4 order lines
  "$BIN" bench-data --database "$1" --log-level warn --seed 7 --organizations $(($2 / 50)) --people "$2" \
    --interactions 0 --products 2000 --deals "$3" --order-lines "$4" 2>&1 | tr '\r' '\n' | grep -v 'rows/s' >&2
}

start_server() {  # $1 = database URL
  "$BIN" serve --host 127.0.0.1 --port 0 --database "$1" --access-log false --admin-email bench@rapport.local \
    --admin-password "bench password $$" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 6000); do
    BASE=$(grep -o '"url":"http://[^"]*"' "$work/server.log" | head -1 | cut -d'"' -f4 || true)
    if [[ -n "$BASE" ]] && curl -sf "$BASE/healthz" >/dev/null; then
      BENCH_KEY=$("$BIN" api-key create --user bench@rapport.local --name bench --scope admin --database "$1" --log-level warn)
      return 0
    fi
    sleep 0.05
  done
  echo "the server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}

run_wrk() {  # $1 = URL, $2 = Lua script or "": prints "requests_per_second p99_ms"
  local script=()
  [[ -n "$2" ]] && script=(-s "$2")
  wrk -t2 -c"$CLIENTS" -d"${SECONDS_PER_ROUND}s" --latency -H "Authorization: Bearer $BENCH_KEY" "${script[@]}" "$1" \
    >"$work/wrk.txt"
  if grep -q 'Non-2xx' "$work/wrk.txt"; then echo "bench sales: $1 $2: $(grep 'Non-2xx' "$work/wrk.txt" | xargs)" >&2; fi
  awk 'function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       /Requests\/sec/ {rps=$2} $1=="99%" {p99=ms($2)} END {printf "%s %.3f\n", rps, p99}' "$work/wrk.txt"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A R
measure() {  # $1 = store, $2 = database URL, $3 = people
  local store=$1
  export BENCH_MIN_ID=1 BENCH_MAX_ID=$3
  start_server "$2"
  # The cross-sell counts as the daily sweep makes them; how long that takes is a figure too.
  local t0=$(date +%s.%N)
  curl -sf -X POST -H "Authorization: Bearer $BENCH_KEY" "$BASE/api/v1/cross_sell/refresh" >"$work/refresh.json"
  R[$store.refresh_s]=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
  run_wrk "$BASE/healthz" "" >/dev/null
  local c
  declare -A rps p99
  for _ in $(seq 1 "$ROUNDS"); do
    read -r r p < <(run_wrk "$BASE/healthz" ""); rps[healthz]+="$r "; p99[healthz]+="$p "
    for c in forecast cross_sell; do
      read -r r p < <(run_wrk "$BASE" "bench/lua/$c.lua"); rps[$c]+="$r "; p99[$c]+="$p "
    done
  done
  for c in healthz forecast cross_sell; do
    R[$store.$c]=$(printf '%s\n' ${rps[$c]} | median)
    R[$store.${c}_p99]=$(printf '%s\n' ${p99[$c]} | median)
  done
  kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=""
}

# `rapport import order_lines` of a CSV of new lines into existing orders (by number) of existing
# products (by SKU), against the store's own bulk load of the same file into a plain table without
# indexes: sqlite3 .import, PostgreSQL COPY. Each line goes through the record pipeline: checked,
# priced, its order's totals and its customer's purchase figures derived in the same transaction.
import_lines() {  # $1 = store, $2 = database URL, $3 = lines, $4 = orders in the data
  local store=$1 url=$2 lines=$3 orders=$4 csv="$work/order_lines.csv"
  awk -v lines="$lines" -v orders="$orders" 'BEGIN {
    print "Order,Product,Quantity,Unit Price"
    for (i = 1; i <= lines; i++) {
      o = (i * 104729) % orders + 1; p = (i * 7 + int(i / 2000)) % 2000 + 1  # spread, and new pairs
      printf "B-%d,BENCH-%06d,%d,%d.%02d EUR\n", o, p, i % 5 + 1, 5 + i % 200, i % 100
    }
  }' >"$csv"
  local t0 t1 t2
  if [[ $store == sqlite ]]; then
    t0=$(date +%s.%N)
    sqlite3 "$work/plain.db" ".import --csv $csv order_lines"
  else
    psql -q "$url" -c "CREATE TABLE plain_order_lines (order_number text, sku text, quantity text, unit_price text)"
    t0=$(date +%s.%N)
    psql -q "$url" -c "\\copy plain_order_lines FROM '$csv' WITH (FORMAT csv, HEADER true)"
  fi
  t1=$(date +%s.%N)
  "$BIN" import order_lines "$csv" --database "$url" --log-level warn >"$work/import.txt" 2>"$work/import-report.csv" ||
    { echo "bench sales: rapport import order_lines failed:" >&2; head -5 "$work/import-report.csv" >&2; }
  t2=$(date +%s.%N)
  head -1 "$work/import.txt" >&2
  R[$store.import_lines]=$lines
  R[$store.import_base_s]=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')
  R[$store.import_s]=$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.2f", b - a}')
}

P=${BENCH_SALES_PEOPLE:-500000} D=${BENCH_SALES_DEALS:-100000} L=${BENCH_SALES_LINES:-10000000}
hash=$(cat src/cli/bench_data.cc src/cli/bench_sales_data.cc | sha256sum | cut -c1-12)
cache="bench/data/sales-p$P-d$D-l$L-$hash.db"
mkdir -p bench/data
if [[ ! -f "$cache" ]]; then
  echo "bench sales: generating $cache (once; later runs reuse it)" >&2
  rm -f "$cache.tmp"*
  generate "sqlite:$cache.tmp" "$P" "$D" "$L"
  mv "$cache.tmp" "$cache"
fi
cp "$cache" "$work/sales.db"
stores=(sqlite)
measure sqlite "sqlite:$work/sales.db" "$P"
R[sqlite.sizes]="$P $D $L"
import_lines sqlite "sqlite:$work/sales.db" "${BENCH_SALES_IMPORT_LINES:-100000}" "$((L / 4))"

if [[ "${BENCH_POSTGRES:-1}" == 1 ]]; then
  PP=${BENCH_PG_SALES_PEOPLE:-100000} PD=${BENCH_PG_SALES_DEALS:-100000} PL=${BENCH_PG_SALES_LINES:-1000000}
  pg_url=$(scripts/pg_cluster.sh start "$work/pg")
  echo "bench sales: generating PostgreSQL data ($PP people, $PD open deals, $PL order lines)" >&2
  generate "$pg_url" "$PP" "$PD" "$PL"
  measure postgres "$pg_url" "$PP"
  R[postgres.sizes]="$PP $PD $PL"
  import_lines postgres "$pg_url" "${BENCH_PG_SALES_IMPORT_LINES:-20000}" "$((PL / 4))"
  stores+=(postgres)
fi

# A case that completed no request (all timed out) has no p99 to judge: a miss.
verdict() { awk -v v="$1" -v rps="$2" 'BEGIN {print (rps > 0 && v <= 50) ? "PASS" : "MISS"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
json=""
echo
echo "sales (people / open deals / order lines), wrk -c$CLIENTS, median of $ROUNDS rounds of ${SECONDS_PER_ROUND}s:"
printf '%-10s %-12s %12s %10s %9s\n' store case "requests/s" "p99 ms" "ratio"
for store in "${stores[@]}"; do
  for c in healthz forecast cross_sell; do
    printf '%-10s %-12s %12.0f %10.2f %9s\n' "$store" "$c" "${R[$store.$c]}" "${R[$store.${c}_p99]}" \
      "$(ratio "${R[$store.$c]}" "${R[$store.healthz]}")"
  done
  read -r sp sd sl <<<"${R[$store.sizes]}"
  tf=$(verdict "${R[$store.forecast_p99]}" "${R[$store.forecast]}")
  tc=$(verdict "${R[$store.cross_sell_p99]}" "${R[$store.cross_sell]}")
  printf '%-10s data %s; cross-sell refresh %s s; targets: forecast p99 <= 50 ms %s; cross_sell p99 <= 50 ms %s\n' \
    "$store" "${R[$store.sizes]}" "${R[$store.refresh_s]}" "$tf" "$tc"
  il=${R[$store.import_lines]} is=${R[$store.import_s]} ib=${R[$store.import_base_s]}
  ir=$(ratio "$ib" "$is")
  ti=$(awk -v r="$ir" 'BEGIN {print (r >= 0.5) ? "PASS" : "MISS"}')
  printf '%-10s import of %s order lines: rapport %s s (%.0f lines/s), bulk load %s s; speed ratio %s (target >= 0.5: %s)\n' \
    "$store" "$il" "$is" "$(awk -v n="$il" -v s="$is" 'BEGIN {print n / s}')" "$ib" "$ir" "$ti"
  json+="$( [[ -n "$json" ]] && echo , || true)\"$store\": {\"people\": $sp, \"open_deals\": $sd, \"order_lines\": $sl,"
  for c in healthz forecast cross_sell; do
    json+=" \"${c}_rps\": ${R[$store.$c]}, \"${c}_p99_ms\": ${R[$store.${c}_p99]}, \"${c}_ratio\": $(ratio "${R[$store.$c]}" "${R[$store.healthz]}"),"
  done
  json+=" \"cross_sell_refresh_s\": ${R[$store.refresh_s]}, \"import_lines\": $il, \"import_s\": $is,"
  json+=" \"import_bulk_load_s\": $ib, \"import_speed_ratio\": $ir,"
  json+=" \"targets\": {\"forecast_p99_50ms\": \"$tf\", \"cross_sell_p99_50ms\": \"$tc\", \"import_ratio_0.5\": \"$ti\"}}"
done
[[ -n "${BENCH_SALES_JSON:-}" ]] && echo "{$json}" >"$BENCH_SALES_JSON"
exit 0
