#!/usr/bin/env bash
# The one test command (README, .ci/run). On a fresh Debian machine with the .NET SDK it:
#   1. installs what the tests need when missing: postgresql, chromium, fonts-noto-cjk (apt-get);
#   2. starts PostgreSQL when it is not running, and makes a test role that may create databases;
#   3. checks formatting, builds, and runs every test project (data tests on SQLite and PostgreSQL,
#      browser tests in Debian's Chromium);
#   4. stops what it started, and prints one line: N passed, N failed, N skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages
missing=()
for pkg in postgresql chromium fonts-noto-cjk; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. PostgreSQL
started_pg=""
cluster=$(pg_lsclusters -h 2>/dev/null | head -n 1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  log "creating PostgreSQL $version cluster"
  as_root pg_createcluster "$version" main >/dev/null
  cluster=$(pg_lsclusters -h | head -n 1)
fi
pg_version=$(echo "$cluster" | awk '{print $1}')
pg_name=$(echo "$cluster" | awk '{print $2}')
pg_port=$(echo "$cluster" | awk '{print $3}')
if ! echo "$cluster" | grep -q online; then
  log "starting PostgreSQL $pg_version/$pg_name"
  as_root pg_ctlcluster "$pg_version" "$pg_name" start
  started_pg=yes
fi
stop_pg() {
  if [ -n "$started_pg" ]; then
    log "stopping PostgreSQL $pg_version/$pg_name"
    as_root pg_ctlcluster "$pg_version" "$pg_name" stop || true
  fi
}
trap stop_pg EXIT
for _ in $(seq 1 30); do
  as_root runuser -u postgres -- pg_isready -q -p "$pg_port" && break
  sleep 1
done
as_root runuser -u postgres -- psql -q -p "$pg_port" -v ON_ERROR_STOP=1 -c \
  "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'keystone_test') THEN CREATE ROLE keystone_test LOGIN CREATEDB PASSWORD 'keystone_test'; END IF; END \$\$;" >/dev/null
export KEYSTONE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=keystone_test;Password=keystone_test;Database=postgres"

# 3. Format, build, test
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "dotnet format --verify-no-changes"
format_failed=0
dotnet format Keystone.slnx --verify-no-changes --severity warn >&2 || format_failed=1

log "dotnet build"
if ! dotnet build Keystone.slnx -c Release -warnaserror -nologo -v q >&2; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

log "dotnet test (SQLite, PostgreSQL $pg_version, Chromium)"
out=$(mktemp)
dotnet test Keystone.slnx -c Release --no-build -nologo 2>&1 | tee "$out" >&2
test_status=${PIPESTATUS[0]}

# 4. One line, summed over the test assemblies.
passed=0; failed=0; skipped=0; assemblies=0
while read -r f p s; do
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s)); assemblies=$((assemblies + 1))
done < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\).*/\1 \2 \3/p' "$out")
rm -f "$out"
expected=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$assemblies" -lt "$expected" ] || { [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  failed=$((failed + 1)) # a test assembly crashed or did not report
fi
if [ "$format_failed" -ne 0 ]; then
  log "formatting differs from .editorconfig: run 'dotnet format Keystone.slnx'"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
