#!/usr/bin/env bash
# Starts (start DIR PORT) or stops (stop DIR) a throwaway PostgreSQL server on 127.0.0.1, for tests and the local cluster.
# Uses Debian's postgresql package; as root the server runs as the 'postgres' user.
set -euo pipefail

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || { echo "postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
  echo "$dir"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

case "${1:-}" in
  start)
    dir=$2; port=$3; bin=$(bin_dir)
    mkdir -p "$dir/data" "$dir/socket"
    [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
    chmod 700 "$dir/data"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb -D '$dir/data' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_owner "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -t 60 -o '-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=on -c max_connections=400' start" >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    dir=$2; bin=$(bin_dir)
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl -D '$dir/data' -m fast -w stop" >/dev/null || true
    ;;
  *)
    echo "usage: postgres.sh start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
