#!/usr/bin/env bash
# bench/run.sh: the same workloads, interleaved over several rounds in one invocation, on four targets:
#   wcache   our FUSE mount (./wcache local, WriteCache:DefaultPolicy=WRITE_BACK)
#   disk     a plain directory on the same filesystem as our --data (where the page store lives)
#   overlay  fuse-overlayfs over a directory on that same disk (C passthrough FUSE: the FUSE reference)
#   rclone   rclone mount --vfs-cache-mode writes against an s3rver bucket on 127.0.0.1
# Workloads: (a) sequential write of BENCH_SIZE_MIB MiB in 1 MiB blocks of random bytes, fsync, close;
# (b) read-back of that file with dd bs=1M after dropping the page cache; (c) BENCH_FILES files of 4 KiB
# created, written and closed one after another from one Python loop; on the local disk the same loop runs again
# with fsync before each close, as a reference for the durability our close gives. Before each timed step the
# background uploads of the targets that have them (rclone, and ours under WRITE_BACK) are let finish, untimed.
# Also samples the wcache process's
# VmRSS every 100 ms during (a). Prints per-round figures, medians, ratios against the targets, and a
# diagnostic strace -c of the wcache process over a small-file loop (not part of the timed rounds).
#
# Usage (as root, from anywhere):  bash bench/run.sh
# Environment: BENCH_ROUNDS (3), BENCH_SIZE_MIB (1024), BENCH_FILES (2000), BENCH_DIAG_FILES (300; 0 = no
# strace pass), BENCH_WORKDIR_PARENT (/var/tmp: where the work dir, our --data and the other targets go),
# BENCH_CACHE (~/.cache/wcache-bench: where s3rver is npm-installed once), BENCH_START_TIMEOUT (900 s,
# includes ./wcache's first build), BENCH_STEP_TIMEOUT (1200 s per step), BENCH_SETTLE_TIMEOUT (600 s for
# rclone's uploads to drain between steps), BENCH_REV (unset: run ./wcache from this working tree, as it is;
# a git revision, e.g. HEAD: run a `git archive` snapshot of that commit, built inside the work dir, so a
# half-edited working tree does not decide what is measured; the repository is only read).
# Needs: root (mounts, drop_caches), Debian apt-get for missing packages, npm, the .NET SDK for ./wcache.
# Network: 127.0.0.1 only. Everything it starts is stopped and everything it creates is removed on exit.
set -euo pipefail

ROUNDS=${BENCH_ROUNDS:-3}
SIZE_MIB=${BENCH_SIZE_MIB:-1024}
FILES=${BENCH_FILES:-2000}
DIAG_FILES=${BENCH_DIAG_FILES:-300}
PARENT=${BENCH_WORKDIR_PARENT:-/var/tmp}
CACHE=${BENCH_CACHE:-${HOME:-/root}/.cache/wcache-bench}
START_TIMEOUT=${BENCH_START_TIMEOUT:-900}
STEP_TIMEOUT=${BENCH_STEP_TIMEOUT:-1200}
SETTLE_TIMEOUT=${BENCH_SETTLE_TIMEOUT:-600}
REV=${BENCH_REV:-}
S3RVER_VERSION=3.7.1
RSS_MAX_SAMPLES=36000   # 1 h at 100 ms: the sampler's hard bound

root=$(cd "$(dirname "$0")/.." && pwd)

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*"; }

for v in ROUNDS SIZE_MIB FILES DIAG_FILES START_TIMEOUT STEP_TIMEOUT SETTLE_TIMEOUT; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "BENCH_$v must be a whole number (was '${!v}')"
done
[ "$ROUNDS" -ge 1 ] && [ "$SIZE_MIB" -ge 1 ] && [ "$FILES" -ge 1 ] || die "rounds, size and files must be at least 1"
[ "$ROUNDS" -ge 3 ] || echo "bench: warning: fewer than 3 rounds; medians mean little" >&2
[ "$(id -u)" = 0 ] || die "run as root (FUSE mounts and /proc/sys/vm/drop_caches)"
[ -w /proc/sys/vm/drop_caches ] || die "/proc/sys/vm/drop_caches is not writable"

# ---------------------------------------------------------------- install what is missing
need=()
command -v fuse-overlayfs >/dev/null 2>&1 || need+=(fuse-overlayfs)
command -v rclone >/dev/null 2>&1 || need+=(rclone)
command -v fusermount3 >/dev/null 2>&1 || need+=(fuse3)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v strace >/dev/null 2>&1 || need+=(strace)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing ${need[*]} and no apt-get to install them"
  log "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
s3rver_home="$CACHE/s3rver-$S3RVER_VERSION"
if [ ! -x "$s3rver_home/node_modules/.bin/s3rver" ]; then
  log "installing s3rver@$S3RVER_VERSION into $s3rver_home"
  mkdir -p "$s3rver_home"
  npm install --no-audit --no-fund --silent --prefix "$s3rver_home" "s3rver@$S3RVER_VERSION" >"$CACHE/npm.log" 2>&1 \
    || { cat "$CACHE/npm.log" >&2; die "npm install s3rver@$S3RVER_VERSION failed"; }
fi

# ---------------------------------------------------------------- work dir, state, cleanup
mkdir -p "$PARENT"
WORK=$(mktemp -d "$PARENT/wcache-bench.XXXXXX")
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
  SRC=$(mktemp /dev/shm/wcache-bench-src.XXXXXX)
else
  SRC="$WORK/src.bin"   # still read once into the writer's memory before the clock starts
fi
DATA="$WORK/wcache-data"
DISK="$WORK/disk"
MNT_WC="$WORK/mnt-wcache"
MNT_OVL="$WORK/mnt-overlay"
MNT_RC="$WORK/mnt-rclone"
mkdir -p "$DATA" "$DISK" "$MNT_WC" "$MNT_OVL" "$MNT_RC" "$WORK/ovl/lower" "$WORK/ovl/upper" "$WORK/ovl/work" \
  "$WORK/s3" "$WORK/rclone-cache"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

wc_pid= ovl_pid= rc_pid= s3_pid= sampler_pid= strace_pid= s3_via_script=0

stop_pid() {   # pid signal seconds: signal, bounded wait, then SIGKILL
  local pid=$1 sig=$2 secs=$3 i
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

unmount() {    # dir: fusermount3 -u, then umount -l as the fallback
  local m=$1
  mountpoint -q "$m" 2>/dev/null || return 0
  fusermount3 -u "$m" 2>/dev/null || umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  [ -n "$sampler_pid" ] && { touch "$WORK/rss.stop" 2>/dev/null; stop_pid "$sampler_pid" TERM 2; }
  [ -n "$strace_pid" ] && stop_pid "$strace_pid" INT 10
  unmount "$MNT_RC"; stop_pid "$rc_pid" TERM 10
  unmount "$MNT_OVL"; stop_pid "$ovl_pid" TERM 10
  # wcache unmounts itself on SIGTERM; umount -l is the fallback for a wedged or dead server.
  stop_pid "$wc_pid" TERM 60
  mountpoint -q "$MNT_WC" 2>/dev/null && { umount -l "$MNT_WC" 2>/dev/null || true; }
  if [ "$s3_via_script" = 1 ]; then
    bash "$root/scripts/s3rver.sh" stop "$WORK/s3" >/dev/null 2>&1
  fi
  stop_pid "$s3_pid" TERM 5
  # Never descend into a mount that is still there.
  for m in "$MNT_RC" "$MNT_OVL" "$MNT_WC"; do
    mountpoint -q "$m" 2>/dev/null && umount -l "$m" 2>/dev/null
  done
  if [ $rc -ne 0 ] && [ -s "$WORK/wcache.log" ]; then
    echo "bench: last lines of the wcache log:" >&2
    tail -40 "$WORK/wcache.log" >&2
  fi
  rm -rf --one-file-system "$WORK" "$SRC"
  [ $rc -ne 0 ] && echo "bench: failed (exit $rc); everything it started is stopped and its files removed" >&2
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_ports() {  # n: free TCP ports on 127.0.0.1 (asks the kernel for ephemeral ones)
  python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
EOF
}
read -r SILO_PORT GW_PORT S3_PORT RC_PORT ADMIN_PORT <<<"$(free_ports 5)"

# ---------------------------------------------------------------- the Python helper (writer, small files, report)
cat >"$WORK/bench.py" <<'PYEOF'
import os, statistics, sys, time

MiB = 1 << 20

def write(dst, src, mib):
    # The whole random source is read into memory before the clock starts: the timed part is only our writes.
    buf = bytearray(mib * MiB)
    with open(src, "rb", buffering=0) as f:
        got = f.readinto(buf)
    if got != len(buf):
        sys.exit(f"source {src} holds {got} bytes, need {len(buf)}")
    mv = memoryview(buf)
    t0 = time.perf_counter()
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    for i in range(mib):
        chunk = mv[i * MiB:(i + 1) * MiB]
        while len(chunk):
            n = os.write(fd, chunk)
            if n <= 0:
                sys.exit("short write")
            chunk = chunk[n:]
    t1 = time.perf_counter()
    os.fsync(fd)
    t2 = time.perf_counter()
    os.close(fd)
    t3 = time.perf_counter()
    # total, writes, fsync, close (seconds)
    print(f"{t3 - t0:.6f} {t1 - t0:.6f} {t2 - t1:.6f} {t3 - t2:.6f}")

def small(d, n, sync=False):
    data = os.urandom(4096 * n)   # before the clock starts
    mv = memoryview(data)
    to = tw = tc = 0.0
    t0 = time.perf_counter()
    for i in range(n):
        a = time.perf_counter()
        fd = os.open(f"{d}/f{i:06d}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        b = time.perf_counter()
        if os.write(fd, mv[i * 4096:(i + 1) * 4096]) != 4096:
            sys.exit("short write")
        c = time.perf_counter()
        if sync:
            os.fsync(fd)   # counted in the close phase: what our close promises (durable before it returns)
        os.close(fd)
        e = time.perf_counter()
        to += b - a; tw += c - b; tc += e - c
    total = time.perf_counter() - t0
    # total, open, write, close (seconds)
    print(f"{total:.6f} {to:.6f} {tw:.6f} {tc:.6f}")

def report(path, size_mib, files, clk_tck):
    rows = {}
    for line in open(path):
        p = line.split()
        if p:
            rows.setdefault((p[0], p[1]), []).append([float(x) for x in p[3:]])
    names = {"wcache": "wcache (ours, WRITE_BACK)", "disk": "local disk", "overlay": "fuse-overlayfs",
             "rclone": "rclone vfs writes", "disksync": "local disk, fsync at close"}
    targets = ["wcache", "disk", "overlay", "rclone"]
    size = size_mib * MiB

    def rates(t, w):
        r = rows.get((t, w), [])
        if w == "small":
            return [files / x[0] for x in r]
        return [size / 1e6 / x[0] for x in r]

    def med(xs):
        return statistics.median(xs) if xs else float("nan")

    units = {"write": "MB/s", "read": "MB/s", "small": "files/s"}
    label = {"write": f"seq write {size_mib} MiB + fsync", "read": "read-back (cold cache)",
             "small": f"{files} x 4 KiB files"}
    print()
    print("== per round (MB/s = 10^6 bytes/s) ==")
    for w in ["write", "read", "small"]:
        for t in targets + (["disksync"] if w == "small" else []):
            vals = " ".join(f"{v:9.1f}" for v in rates(t, w))
            print(f"  {label[w]:32s} {names[t]:26s} {vals}  {units[w]}")
    print()
    print("== medians of the rounds ==")
    print(f"  {'workload':32s} " + " ".join(f"{names[t]:>26s}" for t in targets))
    m = {}
    for w in ["write", "read", "small"]:
        for t in targets:
            m[(t, w)] = med(rates(t, w))
        print(f"  {label[w] + ' (' + units[w] + ')':32s} " + " ".join(f"{m[(t, w)]:26.1f}" for t in targets))
    print()
    print("== ours vs the peers, against the issue's targets ==")
    checks = [("write", "overlay", 0.8), ("write", "rclone", 2.0), ("read", "overlay", 0.8),
              ("small", "overlay", 0.5), ("small", "rclone", 3.0)]
    for w, peer, goal in checks:
        ratio = m[("wcache", w)] / m[(peer, w)] if m[(peer, w)] else float("nan")
        verdict = "met" if ratio >= goal else "MISSED"
        print(f"  {label[w]:32s} ours / {names[peer]:18s} = {ratio:6.2f}x  target >= {goal}x  {verdict}")
    sync_rate = med(rates("disksync", "small"))
    if rates("disksync", "small"):
        print(f"  {label['small']:32s} reference: local disk with fsync at close {sync_rate:.1f} files/s = "
              f"{sync_rate / m[('overlay', 'small')]:.2f}x fuse-overlayfs, {sync_rate / m[('rclone', 'small')]:.2f}x rclone; "
              f"ours = {m[('wcache', 'small')] / sync_rate:.2f}x of it")
    rss = [x[0] for x in rows.get(("wcache", "rss"), [])]
    if rss:
        peak = max(rss) / 1024
        print(f"  {'gateway peak RSS during write':32s} {peak:8.1f} MiB (per round: "
              + ", ".join(f"{x / 1024:.1f}" for x in rss) + f")  target < 300 MiB  {'met' if peak < 300 else 'MISSED'}")
    hwm = rows.get(("wcache", "hwm"), [])
    if hwm:
        print(f"  {'gateway VmHWM (whole run)':32s} {hwm[-1][0] / 1024:8.1f} MiB")
    print()
    print("== where the time goes ==")
    for w in ["write", "read", "small"]:
        cpu = [x[0] / clk_tck for x in rows.get(("wcache", "cpu_" + w), [])]
        if cpu:
            per = f"{med(cpu) / (size_mib / 1024):.2f} CPU-s per GiB" if w != "small" else f"{med(cpu) / files * 1e6:.0f} CPU-us per file"
            print(f"  wcache process CPU during {label[w]:32s} median {med(cpu):6.2f} s ({per}; 2 cores on this machine)")
    meta = rows.get(("wcache", "meta_small"), [])
    if meta:
        tx, wo, de = (med([x[i] / files for x in meta]) for i in range(3))
        print(f"  wcache metadata per small file (median, uploads included): {tx:.2f} transactions, "
              f"{wo:.2f} waited-on writes, {de:.2f} deferred writes")
    for t in targets:
        r = rows.get((t, "write"), [])
        if r:
            print(f"  {names[t]:26s} write phases (median s): writes {med([x[1] for x in r]):7.3f}  fsync {med([x[2] for x in r]):7.3f}  close {med([x[3] for x in r]):7.3f}")
    for t in targets + ["disksync"]:
        r = rows.get((t, "small"), [])
        if r:
            o, wr, c = (med([x[i] / files * 1e6 for x in r]) for i in (1, 2, 3))
            print(f"  {names[t]:26s} small file phases (median us/file): open+create {o:8.0f}  write {wr:8.0f}  close {c:8.0f}")

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "write":
        write(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "small":
        small(sys.argv[2], int(sys.argv[3]), len(sys.argv) > 4 and sys.argv[4] == "fsync")
    elif cmd == "report":
        report(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
PYEOF

# ---------------------------------------------------------------- the machine
log "work dir $WORK (filesystem $(stat -f -c %T "$WORK"), device $(df --output=source "$WORK" | tail -1))"
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB RAM, kernel $(uname -r)"
log "settings: rounds $ROUNDS, write size $SIZE_MIB MiB, small files $FILES x 4 KiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$(stat -c %d "$DISK")" = "$(stat -c %d "$DATA")" ] || die "$DISK and $DATA are not on one filesystem"
work_dev=$(basename "$(df --output=source "$WORK" | tail -1)")
if [ -d "/proc/fs/ext4/$work_dev" ] && ! ls -d /proc/fs/jbd2/"$work_dev"-* >/dev/null 2>&1; then
  # Measured in the ninth session (docs/benchmarks.md): without a journal, ext4's inode allocator passes over every
  # inode freed in the last 60 s (300 s while its table block is dirty), one buffer lookup each, on every create.
  log "note: $work_dev is ext4 without a journal: each file create scans the inodes freed in the last minutes, so create-heavy figures depend on what was deleted just before (each round deletes the last); a target pays per inode it creates"
fi

log "generating $SIZE_MIB MiB of random source in $SRC"
head -c $((SIZE_MIB * 1048576)) /dev/urandom >"$SRC"

# ---------------------------------------------------------------- start the targets
log "starting s3rver on 127.0.0.1:$S3_PORT"
ln -s "$s3rver_home" "$WORK/s3/tool"   # scripts/s3rver.sh installs into DIR/tool: it finds the cached copy there
if [ -f "$root/scripts/s3rver.sh" ] && bash "$root/scripts/s3rver.sh" start "$WORK/s3" "$S3_PORT" bench >"$WORK/s3rver-start.log" 2>&1; then
  s3_via_script=1
  s3_pid=$(cat "$WORK/s3/pid" 2>/dev/null || true)
else
  [ -f "$root/scripts/s3rver.sh" ] && { echo "bench: scripts/s3rver.sh did not start s3rver; starting it directly:" >&2; cat "$WORK/s3rver-start.log" >&2; }
  mkdir -p "$WORK/s3/data"
  # The legacy OpenSSL provider: s3rver signs listing continuation tokens with DES (listings of > 1,000 keys).
  node --openssl-legacy-provider "$s3rver_home/node_modules/.bin/s3rver" -d "$WORK/s3/data" -a 127.0.0.1 -p "$S3_PORT" \
    --silent --configure-bucket bench >"$WORK/s3rver.log" 2>&1 </dev/null &
  s3_pid=$!
  ok=0
  for ((i = 0; i < 300; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null; then ok=1; break; fi
    kill -0 "$s3_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ $ok = 1 ] || { cat "$WORK/s3rver.log" >&2; die "s3rver did not answer on 127.0.0.1:$S3_PORT"; }
fi

cat >"$WORK/rclone.conf" <<EOF
[s3bench]
type = s3
provider = Other
endpoint = http://127.0.0.1:$S3_PORT
access_key_id = S3RVER
secret_access_key = S3RVER
force_path_style = true
EOF

wait_mount() {  # dir pid what
  local i
  for ((i = 0; i < 300; i++)); do
    mountpoint -q "$1" && return 0
    kill -0 "$2" 2>/dev/null || die "$3 exited before mounting"
    sleep 0.1
  done
  die "$3 did not mount $1 within 30 s"
}

log "starting rclone mount (vfs-cache-mode writes)"
env -u AWS_CA_BUNDLE rclone mount s3bench:bench "$MNT_RC" --config "$WORK/rclone.conf" --vfs-cache-mode writes \
  --cache-dir "$WORK/rclone-cache" --rc --rc-addr "127.0.0.1:$RC_PORT" --rc-no-auth \
  --log-file "$WORK/rclone.log" --log-level NOTICE </dev/null &
rc_pid=$!
wait_mount "$MNT_RC" "$rc_pid" "rclone mount"

log "starting fuse-overlayfs"
fuse-overlayfs -f -o "lowerdir=$WORK/ovl/lower,upperdir=$WORK/ovl/upper,workdir=$WORK/ovl/work" "$MNT_OVL" \
  >"$WORK/overlay.log" 2>&1 </dev/null &
ovl_pid=$!
wait_mount "$MNT_OVL" "$ovl_pid" "fuse-overlayfs"

wc_root=$root
if [ -n "$REV" ]; then
  commit=$(git -C "$root" rev-parse --verify "$REV^{commit}") || die "BENCH_REV=$REV is not a commit of $root"
  wc_root="$WORK/src"
  mkdir -p "$wc_root"
  git -C "$root" archive "$commit" | tar -x -C "$wc_root"
  log "measuring commit $commit ($(git -C "$root" log -1 --format=%s "$commit" | cut -c1-70)), snapshot in $wc_root"
else
  log "measuring the working tree of $root (HEAD $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), $(git -C "$root" status --porcelain 2>/dev/null | wc -l) changed or untracked paths)"
fi
log "starting ./wcache local (builds first if its sources changed; up to ${START_TIMEOUT}s)"
(cd "$wc_root" && exec ./wcache local --mount "$MNT_WC" --data "$DATA" \
  --Cluster:SiloPort="$SILO_PORT" --Cluster:GatewayPort="$GW_PORT" --Admin:Urls="http://127.0.0.1:$ADMIN_PORT" \
  --WriteCache:DefaultPolicy=WRITE_BACK \
  --PageStore:CapacityBytes=8589934592 --PageStore:PinnedCapacityRatio=0.5) >"$WORK/wcache.log" 2>&1 </dev/null &
wc_pid=$!
for ((i = 0; i < START_TIMEOUT * 10; i++)); do
  grep -q "wcache: mounted at" "$WORK/wcache.log" && break
  kill -0 "$wc_pid" 2>/dev/null || { cat "$WORK/wcache.log" >&2; die "wcache exited before mounting"; }
  sleep 0.1
done
grep -q "wcache: mounted at" "$WORK/wcache.log" || { tail -20 "$WORK/wcache.log" >&2; die "wcache did not mount within ${START_TIMEOUT}s"; }
[ "$(cat /proc/$wc_pid/comm)" = dotnet ] || die "pid $wc_pid is $(cat /proc/$wc_pid/comm), not the wcache dotnet process"
log "wcache serving at $MNT_WC (pid $wc_pid, silo port $SILO_PORT, gateway port $GW_PORT)"

# ---------------------------------------------------------------- measurement helpers
declare -A DIR=([wcache]="$MNT_WC" [disk]="$DISK" [overlay]="$MNT_OVL" [rclone]="$MNT_RC")
TARGETS=(wcache disk overlay rclone)
CLK_TCK=$(getconf CLK_TCK)

metadata_counts() {   # the silo's metadata counters: transactions, waited-on writes, deferred writes
  curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/metrics" | awk '
    /^writecache_metadata_transactions_total/ {t = $NF}
    /^writecache_metadata_writes_total.*kind="waited_on"/ {w = $NF}
    /^writecache_metadata_writes_total.*kind="deferred"/ {d = $NF}
    END {printf "%d %d %d\n", t, w, d}'
}

cpu_ticks() {   # pid: utime + stime in clock ticks
  local s
  s=$(cat "/proc/$1/stat")
  s=${s##*) }
  set -- $s
  echo $((${12} + ${13}))
}

rss_sampler() { # pid stopfile outfile: peak VmRSS (kB) every 100 ms until stopfile exists (bounded)
  local pid=$1 stop=$2 out=$3 peak=0 n=0 k v u
  while [ ! -e "$stop" ] && [ $n -lt $RSS_MAX_SAMPLES ]; do
    while read -r k v u; do
      if [ "$k" = "VmRSS:" ]; then
        if [ "$v" -gt "$peak" ]; then peak=$v; fi
        break
      fi
    done <"/proc/$pid/status" || break
    n=$((n + 1))
    sleep 0.1
  done
  echo "$peak $n" >"$out"
}

settle() {     # target: let rclone and wcache finish their background uploads before the next timed step (untimed, bounded)
  local i q zero=0
  if [ "$1" = wcache ]; then
    # Nothing pinned (every WRITE_BACK page persisted) and no upload queued or running, twice in a row 0.5 s apart:
    # the gap between a commit and its upload being queued is far shorter than that.
    for ((i = 0; i < SETTLE_TIMEOUT * 2; i++)); do
      q=$(curl -s --max-time 5 "http://127.0.0.1:$ADMIN_PORT/metrics" \
        | awk '/^writecache_page_store_pinned_bytes|^writecache_persistence_queue_depth/ {s += $NF; n++} END {print (n == 2 ? s : "?")}')
      if [ "$q" = 0 ]; then zero=$((zero + 1)); [ $zero -ge 2 ] && return 0; else zero=0; fi
      sleep 0.5
    done
    echo "bench: warning: wcache still had uploads or pinned bytes pending ($q) after ${SETTLE_TIMEOUT}s" >&2
    return 0
  fi
  [ "$1" = rclone ] || return 0
  for ((i = 0; i < SETTLE_TIMEOUT; i++)); do
    q=$(env -u AWS_CA_BUNDLE rclone rc vfs/stats --url "http://127.0.0.1:$RC_PORT/" 2>/dev/null \
      | python3 -c 'import json,sys; d=json.load(sys.stdin)["diskCache"]; print(d["uploadsInProgress"] + d["uploadsQueued"])' 2>/dev/null || echo "?")
    [ "$q" = 0 ] && return 0
    sleep 1
  done
  echo "bench: warning: rclone still had uploads pending ($q) after ${SETTLE_TIMEOUT}s" >&2
}

drop_caches() { sync; echo 3 >/proc/sys/vm/drop_caches; }

run_target() {  # target round
  local t=$1 r=$2 d=${DIR[$1]} out c0 c1 ns0 ns1 size
  local here="$d/r$r" prev="$d/r$(($2 - 1))"
  if [ -e "$prev" ]; then timeout "$STEP_TIMEOUT" rm -rf "$prev"; settle "$t"; fi
  mkdir -p "$here/small"
  sync

  # (a) sequential write + fsync
  if [ "$t" = wcache ]; then
    rm -f "$WORK/rss.stop" "$WORK/rss.out"
    rss_sampler "$wc_pid" "$WORK/rss.stop" "$WORK/rss.out" &
    sampler_pid=$!
    c0=$(cpu_ticks "$wc_pid")
  fi
  out=$(timeout "$STEP_TIMEOUT" python3 "$WORK/bench.py" write "$here/big.bin" "$SRC" "$SIZE_MIB")
  if [ "$t" = wcache ]; then
    c1=$(cpu_ticks "$wc_pid")
    touch "$WORK/rss.stop"
    wait "$sampler_pid" || true
    sampler_pid=
    echo "wcache rss $r $(cat "$WORK/rss.out")" >>"$RESULTS"
    echo "wcache cpu_write $r $((c1 - c0))" >>"$RESULTS"
  fi
  echo "$t write $r $out" >>"$RESULTS"
  size=$(stat -c %s "$here/big.bin")
  [ "$size" = $((SIZE_MIB * 1048576)) ] || die "$t: $here/big.bin is $size bytes after the write"
  settle "$t"

  # (b) read-back after dropping the page cache
  drop_caches
  [ "$t" = wcache ] && c0=$(cpu_ticks "$wc_pid")
  ns0=$(date +%s%N)
  timeout "$STEP_TIMEOUT" dd if="$here/big.bin" of=/dev/null bs=1M status=none
  ns1=$(date +%s%N)
  if [ "$t" = wcache ]; then c1=$(cpu_ticks "$wc_pid"); echo "wcache cpu_read $r $((c1 - c0))" >>"$RESULTS"; fi
  echo "$t read $r $(awk -v n=$((ns1 - ns0)) 'BEGIN{printf "%.6f", n/1e9}')" >>"$RESULTS"
  # Untimed spot check of the bytes read back: first and last MiB against the source.
  cmp -n 1048576 "$here/big.bin" "$SRC" >/dev/null \
    && cmp -i $((size - 1048576)) -n 1048576 "$here/big.bin" "$SRC" >/dev/null \
    || die "$t: $here/big.bin does not read back what was written"

  # (c) small files from one Python loop
  sync
  local m0=""
  [ "$t" = wcache ] && m0=$(metadata_counts) && c0=$(cpu_ticks "$wc_pid")
  out=$(timeout "$STEP_TIMEOUT" python3 "$WORK/bench.py" small "$here/small" "$FILES")
  if [ "$t" = wcache ]; then c1=$(cpu_ticks "$wc_pid"); echo "wcache cpu_small $r $((c1 - c0))" >>"$RESULTS"; fi
  echo "$t small $r $out" >>"$RESULTS"
  if [ "$t" = disk ]; then
    # Reference, not a peer: the same loop with fsync before each close, the durability our close gives.
    mkdir -p "$here/small-fsync"
    sync
    out=$(timeout "$STEP_TIMEOUT" python3 "$WORK/bench.py" small "$here/small-fsync" "$FILES" fsync)
    echo "disksync small $r $out" >>"$RESULTS"
  fi
  settle "$t"
  if [ -n "$m0" ]; then
    # Metadata transactions and writes of the small files, their uploads included (counted after the settle).
    echo "wcache meta_small $r $(paste -d' ' <(echo "$m0" | tr ' ' '\n') <(metadata_counts | tr ' ' '\n') | awk '{printf "%d ", $2 - $1}')" >>"$RESULTS"
  fi
  log "  round $r $t: write $(awk -v s="${SIZE_MIB}" '$1=="'"$t"'" && $2=="write" && $3=="'"$r"'" {printf "%.1f MB/s", s*1048576/1e6/$4}' "$RESULTS"), read $(awk -v s="${SIZE_MIB}" '$1=="'"$t"'" && $2=="read" && $3=="'"$r"'" {printf "%.1f MB/s", s*1048576/1e6/$4}' "$RESULTS"), small $(awk -v f="$FILES" '$1=="'"$t"'" && $2=="small" && $3=="'"$r"'" {printf "%.0f files/s", f/$4}' "$RESULTS")"
}

# ---------------------------------------------------------------- the rounds
for ((r = 1; r <= ROUNDS; r++)); do
  log "round $r of $ROUNDS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for ((k = 0; k < ${#TARGETS[@]}; k++)); do
    # Rotate the order each round so no target always runs right after the same neighbour.
    run_target "${TARGETS[$(((r - 1 + k) % ${#TARGETS[@]}))]}" "$r"
  done
done
log "rounds done (load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "wcache hwm 0 $(awk '/VmHWM/{print $2}' "/proc/$wc_pid/status")" >>"$RESULTS"

log "results ($ROUNDS rounds, $SIZE_MIB MiB, $FILES files)"
python3 "$WORK/bench.py" report "$RESULTS" "$SIZE_MIB" "$FILES" "$CLK_TCK"

# ---------------------------------------------------------------- diagnostic: syscalls of the wcache process per small file
if [ "$DIAG_FILES" -gt 0 ]; then
  echo
  echo "== diagnostic (not timed above): strace -f -c of the wcache process over $DIAG_FILES small files =="
  mkdir -p "$MNT_WC/diag"
  strace -f -c -o "$WORK/strace.txt" -p "$wc_pid" 2>"$WORK/strace.err" &
  strace_pid=$!
  sleep 3   # attaching to every thread of the process
  out=$(timeout "$STEP_TIMEOUT" python3 "$WORK/bench.py" small "$MNT_WC/diag" "$DIAG_FILES")
  stop_pid "$strace_pid" INT 30
  wait "$strace_pid" 2>/dev/null || true
  strace_pid=
  echo "  $DIAG_FILES files under strace in $(echo "$out" | awk '{print $1}') s (strace slows every syscall; counts matter, not time)"
  python3 - "$WORK/strace.txt" "$DIAG_FILES" <<'EOF'
import sys
path, n = sys.argv[1], int(sys.argv[2])
rows = []
for line in open(path):
    p = line.split()
    if len(p) >= 5 and p[0].replace(".", "").isdigit() and p[-1] not in ("total",):
        try:
            calls = int(p[3]); name = p[-1]
            rows.append((float(p[1]), calls, name))
        except ValueError:
            pass
rows.sort(reverse=True)
print(f"  {'syscall':18s} {'calls':>9s} {'per file':>9s} {'s (traced)':>11s}")
for secs, calls, name in rows[:18]:
    print(f"  {name:18s} {calls:9d} {calls / n:9.2f} {secs:11.3f}")
EOF
fi
log "done; cleaning up"
