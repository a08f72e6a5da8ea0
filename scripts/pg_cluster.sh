#!/usr/bin/env bash
# Manages a throwaway PostgreSQL 15 cluster for tests and benchmarks (run as root; the server runs
# as the `postgres` OS user). Only the URL goes to stdout; everything else goes to stderr.
#
#   scripts/pg_cluster.sh start DIR           initdb in DIR/data, start on a free 127.0.0.1 port,
#                                             write the URL to DIR/url and print it
#   scripts/pg_cluster.sh stop DIR            fast shutdown (fine if already stopped)
#   scripts/pg_cluster.sh restart-server DIR  start a stopped cluster again on its old port
#   scripts/pg_cluster.sh destroy DIR         stop, then remove DIR
#
# PG_BIN overrides the server binaries' folder (default /usr/lib/postgresql/15/bin).
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
FIRST_PORT=55432
LAST_PORT=56431

die() {
  echo "pg_cluster.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 {start|stop|restart-server|destroy} DIR" >&2
  exit 2
}

# Runs a command as the postgres user, from a folder it can enter (it warns about the cwd otherwise).
as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then
    (cd "$DIR" && runuser -u postgres -- "$@")
  else
    (cd "$DIR" && "$@")
  fi
}

ensure_binaries() {
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] && return 0
  echo "pg_cluster.sh: installing postgresql-15" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y postgresql-15 >&2; then
    apt-get update >&2
    apt-get install -y postgresql-15 >&2
  fi
  [[ -x "$PG_BIN/initdb" ]] || die "no initdb in $PG_BIN after installing postgresql-15"
  getent passwd postgres >/dev/null || die "the postgres user does not exist"
}

# Lets the postgres user walk down to DIR: mktemp makes 0700 folders owned by root.
make_traversable() {
  local d="$DIR"
  chown postgres: "$d"
  chmod 0755 "$d"
  d="$(dirname "$d")"
  while [[ "$d" != "/" ]]; do
    if ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      echo "pg_cluster.sh: chmod o+x $d so that postgres can reach the cluster" >&2
      chmod o+x "$d"
    fi
    d="$(dirname "$d")"
  done
}

port_in_use() {
  [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

is_running() {
  [[ -d "$DIR/data" ]] && as_postgres "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

# Starts the server on port $1; fails (without exiting) when it does not come up.
start_server() {
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
    -o "-p $1 -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" \
    start >&2
}

url_for() {
  echo "postgresql://postgres@127.0.0.1:$1/postgres"
}

cmd_start() {
  ensure_binaries
  [[ -e "$DIR/data" ]] && die "$DIR/data exists already; use restart-server or destroy"
  mkdir -p "$DIR"
  [[ "$(id -u)" == 0 ]] && make_traversable
  as_postgres "$PG_BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-sync >&2
  local port
  for ((port = FIRST_PORT; port <= LAST_PORT; port++)); do
    port_in_use "$port" && continue
    # Another process may take the port between the probe and the bind: then try the next one.
    if start_server "$port"; then
      url_for "$port" >"$DIR/url"
      cat "$DIR/url"
      return 0
    fi
    grep -q "could not bind\|could not create any TCP/IP sockets\|Address already in use" "$DIR/log" 2>/dev/null ||
      die "the server did not start; see $DIR/log"
  done
  die "no free port in $FIRST_PORT..$LAST_PORT"
}

cmd_stop() {
  [[ -d "$DIR/data" ]] || return 0
  if is_running; then
    as_postgres "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
  fi
}

cmd_restart_server() {
  ensure_binaries
  [[ -f "$DIR/url" && -d "$DIR/data" ]] || die "$DIR holds no cluster; use start"
  local port
  port="$(sed -E 's#^.*:([0-9]+)/.*$#\1#' "$DIR/url")"
  [[ "$port" =~ ^[0-9]+$ ]] || die "cannot read the port from $DIR/url"
  if ! is_running; then
    start_server "$port" || die "the server did not start on port $port; see $DIR/log"
  fi
  cat "$DIR/url"
}

cmd_destroy() {
  [[ -e "$DIR" ]] || return 0
  # Refuse to remove a folder that does not look like ours.
  if [[ -n "$(ls -A "$DIR")" && ! -e "$DIR/data" && ! -e "$DIR/url" ]]; then
    die "$DIR does not look like a cluster made by this script; not removing it"
  fi
  cmd_stop || true
  rm -rf -- "$DIR"
}

[[ $# -eq 2 ]] || usage
[[ -n "$2" ]] || usage
DIR="$(realpath -m -- "$2")"
[[ "$DIR" != "/" ]] || die "refusing to use /"

case "$1" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart-server) cmd_restart_server ;;
  destroy) cmd_destroy ;;
  *) usage ;;
esac
