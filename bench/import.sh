#!/usr/bin/env bash
# CSV import of people (issue 4): `rapport import people` of a generated file of 1 M people into a
# fresh SQLite database, against the sqlite3 tool's `.import` of the same file into a plain table
# without indexes, one after the other in the same run. The import validates every row, upserts by
# email (1 row in 100 repeats an earlier person's email with a new job title, so it updates), links
# 5,000 organizations by name, and leaves the people indexed and searchable. Peak RSS of the import
# by /usr/bin/time -v. Targets: at least 0.25 x the speed of sqlite3 .import; peak RSS under 300 MB.
#
#   bench/import.sh [ROWS]   (default 1000000; BENCH_BIN, default ./build/release/rapport)
# Prints the figures; with BENCH_IMPORT_JSON=FILE also writes them to FILE as JSON (bench/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BENCH_BIN:-./build/release/rapport}
ROWS=${1:-${BENCH_IMPORT_ROWS:-1000000}}
work=$(mktemp -d /tmp/rapport-bench-import.XXXXXX)
trap 'rm -rf "$work"' EXIT
csv="$work/people.csv"

# The file: realistic columns of a CRM export, deterministic.
awk -v rows="$ROWS" 'BEGIN {
  split("Anna Ben Clara David Emma Felix Greta Hugo Ida Jonas Karla Leon Mia Noah Olga Paul Rosa Sven Tina Uwe Zoë Jörg Åsa Łukasz", first, " ")
  split("Schmidt Müller Weber Fischer Meyer Wagner Becker Hoffmann Schulz Koch Richter Klein Wolf Neumann Braun Zimmermann Krüger Hartmann Lange Werner", last, " ")
  split("Engineer|Sales Manager|CEO|\"Head of Sales, EMEA\"|Buyer|Consultant|Accountant|Designer", titles, "|")
  split("prospect lead customer repeat loyal churned", stages, " ")
  split("Alpha Beta Gamma Delta Nord Süd Ost West Berg Tal", words, " ")
  print "First Name,Last Name,Email,Phone Number,Company Name,Job Title,Birthday,Lifecycle Stage"
  for (i = 1; i <= rows; i++) {
    id = (i % 100 == 0 && i > 50) ? i - 50 : i  # 1 row in 100: a person already in the file, again
    f = first[id % 24 + 1]; l = last[int(id / 24) % 20 + 1]
    email = tolower(f) "." tolower(l) "." id "@example.com"
    c = id % 5000
    company = words[c % 10 + 1] " " words[int(c / 10) % 10 + 1] " " int(c / 100) " GmbH"
    title = titles[(id + (id != i)) % 8 + 1]
    printf "%s,%s,%s,+49 30 %07d,%s,%s,%04d-%02d-%02d,%s\n", f, l, email, id, company, title,
           1940 + id % 60, id % 12 + 1, id % 28 + 1, stages[id % 6 + 1]
  }
}' >"$csv"
bytes=$(stat -c %s "$csv")
echo "bench import: $ROWS rows, $((bytes / 1000000)) MB" >&2

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN {printf "%.2f", e - s}'; }

start=$(now)
sqlite3 "$work/plain.db" ".import --csv $csv people"
sqlite3_s=$(elapsed "$start")

start=$(now)
status=0
/usr/bin/time -v -o "$work/time.txt" "$BIN" import people "$csv" --database "sqlite:$work/rapport.db" \
  --log-level warn >"$work/summary.txt" 2>"$work/report.csv" || status=$?
rapport_s=$(elapsed "$start")
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
cat "$work/summary.txt" >&2
[[ $status == 0 ]] || { echo "bench import: rapport import exited $status" >&2; head -5 "$work/report.csv" >&2; }

people=$(sqlite3 "$work/rapport.db" "SELECT count(*) FROM people WHERE deleted_at IS NULL")
organizations=$(sqlite3 "$work/rapport.db" "SELECT count(*) FROM organizations")
found=$(sqlite3 "$work/rapport.db" "SELECT count(*) FROM people_search WHERE people_search MATCH 'zoe* AND mull*'")
ratio=$(awk -v a="$sqlite3_s" -v b="$rapport_s" 'BEGIN {printf "%.3f", a / b}')
rows_per_s=$(awk -v n="$ROWS" -v s="$rapport_s" 'BEGIN {printf "%.0f", n / s}')
speed_ok=$(awk -v r="$ratio" 'BEGIN {print (r >= 0.25 ? "PASS" : "MISS")}')
rss_ok=$(awk -v k="$peak_kb" 'BEGIN {print (k < 300 * 1024 ? "PASS" : "MISS")}')
printf 'import     %s rows (%s MB): rapport import %s s (%s rows/s), sqlite3 .import %s s; speed ratio %s (target >= 0.25: %s); peak RSS %s KiB (target < 300 MB: %s)\n' \
  "$ROWS" "$((bytes / 1000000))" "$rapport_s" "$rows_per_s" "$sqlite3_s" "$ratio" "$speed_ok" "$peak_kb" "$rss_ok"
printf 'import     after it: %s people, %s organizations; a search for "zoe mull" finds %s\n' "$people" "$organizations" "$found"
if [[ -n "${BENCH_IMPORT_JSON:-}" ]]; then
  cat >"$BENCH_IMPORT_JSON" <<JSON
{"rows": $ROWS, "bytes": $bytes, "rapport_s": $rapport_s, "rows_per_s": $rows_per_s, "sqlite3_s": $sqlite3_s,
   "speed_ratio": $ratio, "peak_rss_kb": $peak_kb, "people": $people, "organizations": $organizations,
   "exit_status": $status, "targets": {"speed_ratio_0.25": "$speed_ok", "peak_rss_300mb": "$rss_ok"}}
JSON
fi
