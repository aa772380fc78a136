#!/usr/bin/env bash
# A throwaway PostgreSQL for the backend tests.
#
#   scripts/test-postgres.sh [start]   start a cluster; the URL is the last line printed
#   scripts/test-postgres.sh stop      stop it and delete its files
#
#   export CONFLICTWATCH_TEST_PG_URL=$(scripts/test-postgres.sh start | tail -n 1)
#
# The cluster lives in a fresh temporary directory, listens on 127.0.0.1 only (a free port) and
# trusts local connections: it is for tests, never for data. Debian's postgresql package is
# installed when no server binaries are found (needs root). Progress goes to stderr, so stdout
# carries only the URL.
set -euo pipefail

STATE_FILE=${CONFLICTWATCH_PG_STATE:-${TMPDIR:-/tmp}/conflictwatch-test-postgres.state}
DB_NAME=conflictwatch_test

say() { echo "test-postgres: $*" >&2; }
die() { say "$*"; exit 1; }

find_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] && command -v pg_ctl >/dev/null 2>&1; then
    dir=$(dirname "$(command -v pg_ctl)")
  fi
  echo "$dir"
}

install_postgres() {
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed; run as root to install it with apt-get"
  say "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y postgresql >&2
}

# Runs a server binary as the `postgres` user when we are root (initdb and postgres refuse root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

url_for() { echo "postgresql://postgres@127.0.0.1:$1/$DB_NAME"; }

# A cluster recorded by an earlier start: reused if it still runs, cleaned up if not.
reuse_or_clean() {
  [ -f "$STATE_FILE" ] || return 1
  local WORK PORT BIN_DIR
  # shellcheck disable=SC1090
  . "$STATE_FILE"
  if as_owner "$BIN_DIR/pg_ctl" -D "$WORK/data" status >/dev/null 2>&1; then
    say "reusing the running test cluster in $WORK"
    url_for "$PORT"
    return 0
  fi
  say "cleaning up a stale test cluster record"
  stop
  return 1
}

start() {
  reuse_or_clean && return 0
  local bin_dir
  bin_dir=$(find_bin_dir)
  if [ -z "$bin_dir" ]; then
    install_postgres
    bin_dir=$(find_bin_dir)
    [ -n "$bin_dir" ] || die "no PostgreSQL server binaries after installing"
  fi

  local work port
  work=$(mktemp -d "${TMPDIR:-/tmp}/conflictwatch-pg.XXXXXX")
  chmod 755 "$work"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$work"
  port=$(free_port)
  printf 'WORK=%q\nPORT=%q\nBIN_DIR=%q\n' "$work" "$port" "$bin_dir" >"$STATE_FILE"

  say "initdb in $work/data"
  as_owner "$bin_dir/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --no-instructions >&2
  say "starting on 127.0.0.1:$port"
  as_owner "$bin_dir/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off" start >&2 \
    || { cat "$work/server.log" >&2; die "the server did not start"; }
  as_owner "$bin_dir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME" >&2
  url_for "$port"
}

stop() {
  if [ ! -f "$STATE_FILE" ]; then
    say "no test cluster recorded in $STATE_FILE"
    return 0
  fi
  local WORK PORT BIN_DIR
  # shellcheck disable=SC1090
  . "$STATE_FILE"
  if [ -d "$WORK/data" ]; then
    as_owner "$BIN_DIR/pg_ctl" -D "$WORK/data" -m fast -w stop >&2 || say "server was not running"
  fi
  case "$WORK" in
    */conflictwatch-pg.*) rm -rf -- "$WORK" ;;
    *) say "not deleting unexpected directory $WORK" ;;
  esac
  rm -f -- "$STATE_FILE"
  say "stopped"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 [start|stop]" ;;
esac
