#!/usr/bin/env bash
# Sets up and runs the whole test suite on this machine: installs what the tests talk to
# (fuse3, PostgreSQL, chromium and playwright-core for the browser test), starts a throwaway
# PostgreSQL on 127.0.0.1, builds, runs every test,
# and stops what it started, even on failure. Needs root (FUSE mounts, apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v fusermount3 >/dev/null 2>&1 || need_packages+=(fuse3)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need_packages+=(postgresql)
command -v npm >/dev/null 2>&1 || need_packages+=(nodejs npm)
# The browser test drives Debian's chromium (playwright-core never downloads a browser here).
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# playwright-core for the browser test, into Tests/Browser/node_modules (no global install); skipped when the
# locked version is already there, so a re-run costs nothing.
if ! grep -qs '"version": "'"$(sed -n 's/.*"playwright-core": "\(.*\)".*/\1/p' Tests/Browser/package.json)"'"' Tests/Browser/node_modules/playwright-core/package.json; then
  echo "test.sh: installing playwright-core into Tests/Browser/node_modules"
  (cd Tests/Browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

work=$(mktemp -d /tmp/wcache-test.XXXXXX)
# PostgreSQL runs as its own user and must reach its data directory below this one.
chmod 755 "$work"
pg_port=${WCACHE_TEST_PG_PORT:-55439}
cleanup() {
  scripts/s3rver.sh stop "$work/s3rver" || true
  scripts/postgres.sh stop "$work/postgres" || true
  rm -rf "$work"
}
trap cleanup EXIT

export WCACHE_TEST_POSTGRES
WCACHE_TEST_POSTGRES=$(scripts/postgres.sh start "$work/postgres" "$pg_port")
echo "test.sh: PostgreSQL on 127.0.0.1:$pg_port"

export WCACHE_TEST_S3
WCACHE_TEST_S3=$(scripts/s3rver.sh start "$work/s3rver" "${WCACHE_TEST_S3_PORT:-4569}")
echo "test.sh: s3rver at $WCACHE_TEST_S3"

dotnet build Orleans.sln -c Release -nologo -clp:ErrorsOnly
dotnet test Orleans.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}

# The runner's own totals, as the last line: 'N passed, N failed, N skipped'.
summary=$(grep -E "^(Passed|Failed)!" "$work/test.log" | tail -n 1 || true)
if [[ $summary =~ Failed:\ +([0-9]+),\ +Passed:\ +([0-9]+),\ +Skipped:\ +([0-9]+) ]]; then
  echo "${BASH_REMATCH[2]} passed, ${BASH_REMATCH[1]} failed, ${BASH_REMATCH[3]} skipped"
else
  echo "0 passed, 1 failed"
  status=1
fi
exit "$status"
