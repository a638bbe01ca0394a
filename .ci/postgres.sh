#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: `source .ci/postgres.sh` starts one in a
# temporary directory, exports QUEUE_POSTGRES_URL, and stops and removes it when the sourcing
# shell exits (an EXIT trap). `bash .ci/postgres.sh` alone starts one and prints its URL and
# the command that stops it, for working by hand.
#
# The server refuses to run as root, so when we are root its directory belongs to the
# `postgres` user and every server command runs as that user. Trust authentication on
# 127.0.0.1 only, on a free port, fsync off (a test server: speed over durability).

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then
      echo "$dir"
      return
    fi
  done
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "PostgreSQL is missing: apt-get install -y postgresql" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
    for dir in /usr/lib/postgresql/*/bin; do
      if [ -x "$dir/initdb" ]; then
        echo "$dir"
        return
      fi
    done
  fi
  echo "no PostgreSQL server (initdb) on this machine" >&2
  return 1
}

pg_as() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_start() {
  PG_BIN=$(pg_bin)
  PG_DIR=$(mktemp -d /tmp/cnq-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$PG_DIR"
  fi
  PG_PORT=$(pg_free_port)
  pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 >"$PG_DIR/initdb.log" 2>&1 || {
    cat "$PG_DIR/initdb.log" >&2
    return 1
  }
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=200" \
    start >/dev/null || {
    cat "$PG_DIR/server.log" >&2
    return 1
  }
  export QUEUE_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  export PG_BIN PG_DIR PG_PORT
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  pg_start
  echo "export QUEUE_POSTGRES_URL=$QUEUE_POSTGRES_URL"
  echo "# stop: runuser -u postgres -- $PG_BIN/pg_ctl -D $PG_DIR/data stop && rm -rf $PG_DIR"
else
  pg_start
  trap pg_stop EXIT
fi
