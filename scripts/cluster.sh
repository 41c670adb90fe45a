#!/usr/bin/env bash
# The production topology as processes on one machine, all on 127.0.0.1: PostgreSQL (metadata and membership),
# s3rver (the S3 UFS), three silos with ReplicationFactor 2, and one FUSE gateway mounted at DIR/mnt.
#
#   scripts/cluster.sh start DIR        build Release if needed, start everything, wait for every port and the mount
#   scripts/cluster.sh status DIR       what runs, what died, whether the mount is up
#   scripts/cluster.sh kill-silo DIR N  SIGKILL silo N (1-3): a node lost without warning
#   scripts/cluster.sh stop DIR         SIGTERM everything (SIGKILL after a bounded wait), unmount, stop the servers
#
# DIR/pids/NAME holds each process's pid, DIR/logs/NAME.log its output, DIR/silo-N/pages silo N's page store.
# Ports (override through the environment): PostgreSQL $WCACHE_CLUSTER_PG_PORT (55441), s3rver
# $WCACHE_CLUSTER_S3_PORT (45690), silo N on $WCACHE_CLUSTER_SILO_PORT+N (21110+N) and gateway port
# $WCACHE_CLUSTER_GATEWAY_PORT+N (23000+N). Extra silo settings: WCACHE_CLUSTER_SILO_ARGS="--Key:Sub=value ...".
# WCACHE_CLUSTER_BUILD=auto (default: build when an output is missing or older than a source), always or never.
# Needs root (the gateway calls mount(2)), PostgreSQL (Debian) and node/npm for s3rver.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
pg_port=${WCACHE_CLUSTER_PG_PORT:-55441}
s3_port=${WCACHE_CLUSTER_S3_PORT:-45690}
silo_port_base=${WCACHE_CLUSTER_SILO_PORT:-21110}
gateway_port_base=${WCACHE_CLUSTER_GATEWAY_PORT:-23000}
bucket=wcache
silos=3
start_seconds=120
stop_seconds=30

silo_dll=$repo/Silo/bin/Release/net10.0/WriteCache.Silo.dll
cli_dll=$repo/Cli/bin/Release/net10.0/wcache.dll

die() { echo "cluster.sh: $*" >&2; exit 1; }

port_answers() {
  # bash's /dev/tcp avoids needing curl or nc; the subshell closes the socket at once.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Whether DIR is a FUSE mount, read from /proc/mounts: stat(2) on a mount whose server died would hang or fail.
is_mounted() {
  awk -v target="$1" '$2 == target && $3 ~ /^fuse/ { found = 1 } END { exit !found }' /proc/mounts
}

build_if_needed() {
  local mode=${WCACHE_CLUSTER_BUILD:-auto}
  [ "$mode" = never ] && return 0
  if [ "$mode" = auto ] && [ -f "$silo_dll" ] && [ -f "$cli_dll" ]; then
    local oldest=$silo_dll
    [ "$cli_dll" -ot "$oldest" ] && oldest=$cli_dll
    if [ -z "$(find "$repo" \( -name bin -o -name obj -o -name .git -o -name node_modules -o -name .data -o -name Tests \) -prune \
        -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.sql' -o -name 'appsettings.json' \) \
        -newer "$oldest" -print -quit)" ]; then
      return 0
    fi
  fi
  echo "cluster.sh: building Release (dotnet build Orleans.sln -c Release)"
  (cd "$repo" && dotnet build Orleans.sln -c Release -nologo -v q) >"$dir/logs/build.log" 2>&1 \
    || { tail -n 30 "$dir/logs/build.log" >&2; die "the Release build failed (log: $dir/logs/build.log)"; }
}

# wait_for NAME WHAT CHECK...: polls CHECK for at most $start_seconds while process NAME lives.
wait_for() {
  local name=$1 what=$2; shift 2
  for _ in $(seq 1 $((start_seconds * 10))); do
    if "$@"; then return 0; fi
    if ! alive "$dir/pids/$name"; then
      tail -n 30 "$dir/logs/$name.log" >&2 || true
      die "$name exited before $what (log: $dir/logs/$name.log)"
    fi
    sleep 0.1
  done
  tail -n 30 "$dir/logs/$name.log" >&2 || true
  die "$name: no $what within ${start_seconds}s (log: $dir/logs/$name.log)"
}

# launch NAME WORKDIR COMMAND...: runs COMMAND detached (own session, so it outlives this script and its terminal).
launch() {
  local name=$1 workdir=$2; shift 2
  mkdir -p "$workdir"
  (cd "$workdir" && exec setsid "$@" >"$dir/logs/$name.log" 2>&1 </dev/null) &
  echo $! >"$dir/pids/$name"
}

# stop_pid NAME: SIGTERM, a bounded wait, then SIGKILL.
stop_pid() {
  local file=$dir/pids/$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((stop_seconds * 10))); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cluster.sh: $1 (pid $pid) ignored SIGTERM for ${stop_seconds}s; SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

connection_string() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=wcache"; }

silo_args() {
  local n=$1
  local args=(
    "--Cluster:Membership=PostgreSql"
    "--Cluster:Name=silo-$n"
    "--Cluster:SiloPort=$((silo_port_base + n))"
    "--Cluster:GatewayPort=$((gateway_port_base + n))"
    "--Admin:Urls=http://127.0.0.1:$((8080 + n))"
    "--Metadata:Provider=PostgreSql"
    "--Metadata:ConnectionString=$(connection_string)"
    "--PageStore:Directory=$dir/silo-$n/pages"
    "--PageStore:ReplicationFactor=2"
    "--S3:ServiceUrl=http://127.0.0.1:$s3_port"
    "--S3:AccessKey=S3RVER"
    "--S3:SecretKey=S3RVER"
    "--Ufs:Mounts:0:Prefix=/"
    "--Ufs:Mounts:0:Location=s3://$bucket/cache"
  )
  # shellcheck disable=SC2206 # word splitting of the extra arguments is the point
  args+=(${WCACHE_CLUSTER_SILO_ARGS:-})
  printf '%s\n' "${args[@]}"
}

start_silo() {
  local n=$1 args
  mapfile -t args < <(silo_args "$n")
  launch "silo-$n" "$dir/silo-$n" dotnet "$silo_dll" "${args[@]}"
}

cmd_start() {
  [ "$(id -u)" = 0 ] || die "run as root: the gateway mounts with mount(2)"
  mkdir -p "$dir/pids" "$dir/logs"
  chmod 755 "$dir"   # PostgreSQL runs as 'postgres' and must reach its data directory below DIR
  for f in "$dir"/pids/*; do
    [ -e "$f" ] || continue
    alive "$f" && die "$(basename "$f") is still running (pid $(cat "$f")): cluster.sh stop $dir first"
    rm -f "$f"
  done
  build_if_needed

  scripts=$repo/scripts
  "$scripts/postgres.sh" start "$dir/postgres" "$pg_port" >/dev/null
  head -n 1 "$dir/postgres/data/postmaster.pid" >"$dir/pids/postgres"
  echo "cluster.sh: PostgreSQL on 127.0.0.1:$pg_port"
  "$scripts/s3rver.sh" start "$dir/s3rver" "$s3_port" "$bucket" >/dev/null
  cp "$dir/s3rver/pid" "$dir/pids/s3rver"
  echo "cluster.sh: s3rver on 127.0.0.1:$s3_port (bucket $bucket)"

  # Silo 1 first: it creates the database and applies the schema; 2 and 3 then find both ready.
  start_silo 1
  wait_for silo-1 "gateway port $((gateway_port_base + 1))" port_answers $((gateway_port_base + 1))
  echo "cluster.sh: silo-1 up (silo port $((silo_port_base + 1)), gateway port $((gateway_port_base + 1)))"
  for n in $(seq 2 $silos); do
    start_silo "$n"
  done
  for n in $(seq 2 $silos); do
    wait_for "silo-$n" "gateway port $((gateway_port_base + n))" port_answers $((gateway_port_base + n))
    echo "cluster.sh: silo-$n up (silo port $((silo_port_base + n)), gateway port $((gateway_port_base + n)))"
  done

  mkdir -p "$dir/mnt"
  launch gateway "$dir" dotnet "$cli_dll" mount "$dir/mnt" \
    "--Cluster:Membership=PostgreSql" "--Metadata:ConnectionString=$(connection_string)"
  wait_for gateway "FUSE mount at $dir/mnt" is_mounted "$dir/mnt"
  echo "cluster.sh: gateway mounted at $dir/mnt"
}

cmd_stop() {
  # The gateway first, so the mount goes before the silos it needs; it unmounts on SIGTERM.
  stop_pid gateway
  if is_mounted "$dir/mnt"; then
    umount -l "$dir/mnt" || true
  fi
  local n
  for n in $(seq 1 $silos); do
    [ -f "$dir/pids/silo-$n" ] && kill -TERM "$(cat "$dir/pids/silo-$n")" 2>/dev/null || true
  done
  for n in $(seq 1 $silos); do
    stop_pid "silo-$n"
  done
  "$repo/scripts/s3rver.sh" stop "$dir/s3rver" || true
  rm -f "$dir/pids/s3rver"
  "$repo/scripts/postgres.sh" stop "$dir/postgres" || true
  rm -f "$dir/pids/postgres"
  echo "cluster.sh: stopped"
}

cmd_kill_silo() {
  local n=$1 file=$dir/pids/silo-$1
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le $silos ] || die "kill-silo: N must be 1..$silos"
  alive "$file" || die "silo-$n is not running"
  kill -KILL "$(cat "$file")"
  rm -f "$file"
  echo "cluster.sh: silo-$n killed (SIGKILL); its page store stays in $dir/silo-$n/pages"
}

cmd_status() {
  local name state any=1
  for name in postgres s3rver $(seq -f 'silo-%g' 1 $silos) gateway; do
    if [ -f "$dir/pids/$name" ]; then
      any=0
      if alive "$dir/pids/$name"; then state="running (pid $(cat "$dir/pids/$name"))"; else state="DEAD (pid $(cat "$dir/pids/$name"))"; fi
    else
      state="not running"
    fi
    printf '%-9s %s\n' "$name" "$state"
  done
  if is_mounted "$dir/mnt"; then echo "mount     $dir/mnt"; else echo "mount     none"; fi
  return $any
}

[ $# -ge 2 ] || { echo "usage: cluster.sh start DIR | stop DIR | status DIR | kill-silo DIR N" >&2; exit 2; }
command=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
case "$command" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill-silo) [ $# -eq 3 ] || die "usage: cluster.sh kill-silo DIR N"; cmd_kill_silo "$3" ;;
  *) echo "usage: cluster.sh start DIR | stop DIR | status DIR | kill-silo DIR N" >&2; exit 2 ;;
esac
