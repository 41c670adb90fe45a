#!/usr/bin/env bash
# Starts (start DIR PORT [BUCKET...]) or stops (stop DIR) a throwaway s3rver (S3 emulator, npm) on 127.0.0.1,
# for the S3 UFS tests. Installs s3rver@3.7.1 into DIR/tool on first use; keys are S3RVER/S3RVER.
# Prints the endpoint (http://127.0.0.1:PORT) on success.
set -euo pipefail

version=3.7.1
wait_seconds=30

port_answers() {
  # bash's /dev/tcp avoids needing curl or nc; the subshell closes the socket at once.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Fixes two s3rver 3.7.1 bugs where it departs from S3, so the tests check our code against S3's behaviour, not the
# emulator's. Each patch is a single-line substitution; it fails loudly if the source no longer matches.
#  1. CopyObject: AWSSDK v4 URL-encodes the whole x-amz-copy-source ('/' as %2F), as S3 allows; s3rver decodes it with
#     decodeURI, which leaves %2F, and answers NoSuchBucket.
#  2. ListObjects with a delimiter: s3rver does not walk below a common prefix, so a "directory" holding only
#     subdirectories (a/b/c.bin listed under a/) is missing from the listing.
patch_s3rver() {
  local lib=$1
  if ! grep -q "decodeURIComponent(ctx.headers\['x-amz-copy-source'\])" "$lib/controllers/object.js"; then
    sed -i "s/decodeURI(ctx.headers\['x-amz-copy-source'\])/decodeURIComponent(ctx.headers['x-amz-copy-source'])/" "$lib/controllers/object.js"
    grep -q "decodeURIComponent(ctx.headers\['x-amz-copy-source'\])" "$lib/controllers/object.js" \
      || { echo "s3rver.sh: could not patch s3rver's copy-source decoding ($lib/controllers/object.js)" >&2; exit 1; }
  fi
  if grep -q "dirPath.slice(prefixPath.length).indexOf(delimiterEnc) !== -1" "$lib/stores/filesystem.js"; then
    sed -i "s/dirPath.slice(prefixPath.length).indexOf(delimiterEnc) !== -1/false \/* s3rver.sh: walk below common prefixes *\//" "$lib/stores/filesystem.js"
  fi
  grep -q "s3rver.sh: walk below common prefixes" "$lib/stores/filesystem.js" \
    || { echo "s3rver.sh: could not patch s3rver's common-prefix walk ($lib/stores/filesystem.js)" >&2; exit 1; }
}

case "${1:-}" in
  start)
    [ $# -ge 3 ] || { echo "usage: s3rver.sh start DIR PORT [BUCKET...]" >&2; exit 2; }
    dir=$2; port=$3; shift 3
    command -v node >/dev/null 2>&1 || { echo "s3rver.sh: node is not installed (apt-get install nodejs npm)" >&2; exit 1; }
    mkdir -p "$dir/data"
    bin="$dir/tool/node_modules/.bin/s3rver"
    if [ ! -x "$bin" ]; then
      npm install --no-audit --no-fund --silent --prefix "$dir/tool" "s3rver@$version" >"$dir/npm.log" 2>&1 \
        || { cat "$dir/npm.log" >&2; echo "s3rver.sh: npm install s3rver@$version failed" >&2; exit 1; }
    fi
    patch_s3rver "$dir/tool/node_modules/s3rver/lib"
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "s3rver.sh: already running with pid $(cat "$dir/pid") (stop $dir first)" >&2; exit 1
    fi
    if port_answers "$port"; then
      echo "s3rver.sh: port $port on 127.0.0.1 is already in use" >&2; exit 1
    fi
    args=(-d "$dir/data" -a 127.0.0.1 -p "$port" --silent)
    for bucket in "$@"; do
      args+=(--configure-bucket "$bucket")
    done
    # s3rver signs ListObjectsV2 continuation tokens with DES, which Node's OpenSSL 3 only has in its legacy provider:
    # without it every listing of more than 1,000 keys fails with a 500.
    nohup node --openssl-legacy-provider "$bin" "${args[@]}" >"$dir/server.log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
    for _ in $(seq 1 $((wait_seconds * 10))); do
      if port_answers "$port"; then
        echo "http://127.0.0.1:$port"
        exit 0
      fi
      if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
        cat "$dir/server.log" >&2
        echo "s3rver.sh: s3rver exited before answering on 127.0.0.1:$port" >&2; exit 1
      fi
      sleep 0.1
    done
    cat "$dir/server.log" >&2
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    echo "s3rver.sh: s3rver did not answer on 127.0.0.1:$port within ${wait_seconds}s" >&2; exit 1
    ;;
  stop)
    [ $# -ge 2 ] || { echo "usage: s3rver.sh stop DIR" >&2; exit 2; }
    dir=$2
    [ -f "$dir/pid" ] || exit 0
    pid=$(cat "$dir/pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      # Bounded wait for a clean exit, then force it.
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/pid"
    ;;
  *)
    echo "usage: s3rver.sh start DIR PORT [BUCKET...] | stop DIR" >&2; exit 2 ;;
esac
