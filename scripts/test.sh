#!/usr/bin/env bash
# The one test command (README, .ci/run). On a fresh Debian machine with the .NET SDK it:
#   1. installs what the tests need when missing: postgresql, chromium, fonts-noto-cjk (apt-get);
#   2. starts its own throwaway PostgreSQL cluster on a free port, with a test role that may create databases,
#      and a streaming read replica of it (scripts/pg-replica.sh) (a cluster it did not start is never touched,
#      so two runs side by side do not disturb each other);
#   3. checks formatting, builds, and runs every test project (data tests on SQLite and PostgreSQL,
#      browser tests in Debian's Chromium; the README's picture-takers, Category=Screenshots, are left to
#      scripts/screenshots.sh);
#   4. removes its cluster, and prints one line: N passed, N failed, N skipped.
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

# 2. PostgreSQL: a throwaway cluster of our own, in a temporary folder on a free loopback port. A cluster this
#    script did not make (the machine's own, another test run's) is never stopped, started or changed.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/keystone-pg.XXXXXX)
pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
stop_pg() {
  pg_run "$pg_bin/pg_ctl" -D "$pg_dir/replica/data" -m immediate stop >/dev/null 2>&1 || true
  pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
log "creating a throwaway PostgreSQL cluster in $pg_dir"
pg_run "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg_port=""
for _ in $(seq 1 20); do
  candidate=$(( 20000 + RANDOM % 40000 ))
  ss -ltn 2>/dev/null | grep -q ":$candidate " && continue
  if pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -t 60 start \
      -o "-p $candidate -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null; then
    pg_port=$candidate
    break
  fi
done
if [ -z "$pg_port" ]; then
  log "could not start PostgreSQL on a free port"; cat "$pg_dir/log" >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
pg_version=$("$pg_bin/postgres" --version | awk '{print $NF}')
pg_run "$pg_bin/psql" -q -h "$pg_dir" -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE keystone_test LOGIN CREATEDB PASSWORD 'keystone_test';" >/dev/null
export KEYSTONE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=keystone_test;Password=keystone_test;Database=postgres"
# A streaming read replica of that cluster, for the test that runs the web app on a primary and a replica.
if replica_port=$(scripts/pg-replica.sh "$pg_port" "$pg_dir/replica" 2>"$pg_dir/replica.err"); then
  export KEYSTONE_TEST_POSTGRES_REPLICA="Host=127.0.0.1;Port=$replica_port;Username=keystone_test;Password=keystone_test;Database=postgres"
else
  log "could not start the read replica (its test will be skipped)"; cat "$pg_dir/replica.err" >&2
fi

# 3. Format, build, test
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Whitespace and the order of usings here (seconds); the code-style rules and analyzers set to warning in .editorconfig
# are errors of the build below (EnforceCodeStyleInBuild, -warnaserror), so `dotnet format --severity warn`, which
# compiles the solution once more to run them (about 2 minutes), is not repeated here.
log "dotnet format whitespace --verify-no-changes"
format_failed=0
dotnet format whitespace Keystone.slnx --verify-no-changes >&2 || format_failed=1

log "dotnet build"
if ! dotnet build Keystone.slnx -c Release -warnaserror -nologo -v q >&2; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

log "dotnet test (SQLite, PostgreSQL $pg_version, Chromium)"
out=$(mktemp)
dotnet test Keystone.slnx -c Release --no-build -nologo --filter "Category!=Screenshots" 2>&1 | tee "$out" >&2
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
