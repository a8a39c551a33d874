#!/usr/bin/env bash
# Fault drills of docs/benchmarks.md ("Faults"), on a throwaway PostgreSQL cluster of its own (a free loopback
# port, removed at the end; a cluster it did not start is never touched):
#   1. `keystone import` of a 100,000-project ledger killed (SIGKILL) mid-way: nothing of it is in the database,
#      and the same import then runs to the end;
#   2. the web app killed mid-way through the same import over the API: nothing of it is in the database, and
#      the node started again is ready on its own;
#   3. two web nodes on one database under load (scripts/load.sh's rounds, half the clients on each): one node
#      killed and started again, then PostgreSQL restarted under the load. Every report a node acknowledged is
#      in the database, the node left standing served throughout, and both nodes answer again by themselves.
# Prints one line per check (ok / FAILED) and exits 1 when any failed. Bounded: about five minutes.
#   ./scripts/faults.sh
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
failures=0
check() { if [ "$1" = ok ]; then echo "ok      $2"; else echo "FAILED  $2"; failures=$((failures + 1)); fi; }
stop9() { kill -9 "$1" 2>/dev/null; for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

work=$(mktemp -d /tmp/keystone-faults.XXXXXX)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  pg_run "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

say "building (Release)"
dotnet build -c Release src/Keystone -v q -nologo >/dev/null || exit 1
dotnet build -c Release benchmarks/Keystone.Benchmarks -v q -nologo >/dev/null || exit 1
k=$PWD/src/Keystone/bin/Release/net10.0/keystone
bench="dotnet $PWD/benchmarks/Keystone.Benchmarks/bin/Release/net10.0/Keystone.Benchmarks.dll"

say "PostgreSQL: a throwaway cluster in $work"
pg_run "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg_port=$(free_port)
pg_run "$pg_bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -w -t 60 start \
  -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null || { cat "$work/pg.log"; exit 1; }
sql() { pg_run "$pg_bin/psql" -qtA -h "$work" -p "$pg_port" -U postgres -d "$1" -c "$2"; }
sql postgres "CREATE ROLE keystone LOGIN PASSWORD 'keystone'" >/dev/null
cs() { echo "Host=127.0.0.1;Port=$pg_port;Username=keystone;Password=keystone;Database=$1"; }
for d in faults_cli faults_web faults_load; do
  sql postgres "CREATE DATABASE $d OWNER keystone" >/dev/null
  "$k" db migrate --db "$(cs $d)" >/dev/null || exit 1
done
projects() { sql "$1" 'SELECT count(*) FROM projects'; }

python3 scripts/bench-ledger.py 100000 100 "$work/big.csv"
python3 scripts/bench-ledger.py 500 1 "$work/zone.csv"

# 1. The command line's import, killed mid-way.
say "1. keystone import killed mid-way"
"$k" import "$work/big.csv" --db "$(cs faults_cli)" --year 2024 --period 2024-03 >"$work/import1.log" 2>&1 &
import=$!
sleep 6
if kill -0 "$import" 2>/dev/null; then
  kill -9 "$import"; wait "$import" 2>/dev/null
  n=$(projects faults_cli)
  [ "$n" = 0 ] && check ok "import killed after 6 s: nothing written (0 projects)" || check failed "import killed after 6 s: $n projects left behind"
else
  check failed "the import finished within 6 s: make the ledger bigger to kill it mid-way"
fi
started=$(date +%s.%N)
"$k" import "$work/big.csv" --db "$(cs faults_cli)" --year 2024 --period 2024-03 >"$work/import2.log" 2>&1
n=$(projects faults_cli)
[ "$n" = 100000 ] && check ok "the same import again: 100000 projects ($(python3 -c "import time; print(f'{time.time()-$started:.1f}')") s)" || check failed "the same import again: $n projects"

# The web nodes: page cache off (every page reads the database), sign-ins not rate-limited for the drill.
serve() { # NAME DB PORT
  Keystone__PageCacheSeconds=0 Keystone__SignIn__PerMinute=100000 Logging__LogLevel__Default=Warning \
    "$k" serve --db "$(cs "$2")" --no-demo --urls "http://127.0.0.1:$3" >>"$work/$1.log" 2>&1 &
  echo $!
}
ready() { # PORT SECONDS
  for _ in $(seq 1 $(( $2 * 2 ))); do curl -fs "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done
  return 1
}
# Both web drills start from the 500-project zone (its units hold the account).
for d in faults_web faults_load; do
  "$k" import "$work/zone.csv" --db "$(cs $d)" --year 2024 --period 2024-03 >/dev/null 2>&1
  echo 'faults-password-1234' | "$k" users add --db "$(cs $d)" --username bench --role ProvinceAdmin --unit 山西省 --password-stdin >/dev/null
done

# 2. The web app killed mid-way through an import over the API.
say "2. a web node killed mid-way through an import"
port=$(free_port)
node=$(serve web faults_web "$port"); pids+=("$node")
ready "$port" 60 || { check failed "web node did not start"; cat "$work/web.log"; }
token=$(curl -fs -X POST "http://127.0.0.1:$port/api/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"faults-password-1234"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -s -o "$work/upload.out" -w '%{http_code}' -H "Authorization: Bearer $token" -F "file=@$work/big.csv" -F year=2024 -F period=2024-03 \
  "http://127.0.0.1:$port/api/ledger/import" >"$work/upload.code" 2>/dev/null &
upload=$!
sleep 8
if kill -0 "$upload" 2>/dev/null; then
  stop9 "$node"; wait "$upload" 2>/dev/null
  n=$(projects faults_web)
  [ "$n" = 500 ] && check ok "node killed 8 s into the import: nothing of it written (the 500 projects before it)" || check failed "node killed mid-import: $n projects instead of the 500 before it"
else
  check failed "the web import finished within 8 s (answer $(cat "$work/upload.code")): make the ledger bigger"
fi
node=$(serve web faults_web "$port"); pids+=("$node")
ready "$port" 60 && check ok "the node started again is ready by itself" || check failed "the node started again is not ready"
stop9 "$node"

# 3. Two nodes under load: one killed and back, then PostgreSQL restarted.
say "3. two nodes under load: a node killed, then PostgreSQL restarted"
port_a=$(free_port); port_b=$(free_port)
node_a=$(serve node-a faults_load "$port_a"); pids+=("$node_a")
node_b=$(serve node-b faults_load "$port_b"); pids+=("$node_b")
ready "$port_a" 60 && ready "$port_b" 60 || { check failed "the two nodes did not start"; exit 1; }
drill() { # NODE PORT SHARE
  $bench load --url "http://127.0.0.1:$2" --user bench --password faults-password-1234 --clients 10 --seconds 60 --warm-up 2 \
    --scope 基准开发区0 --as-of 2024-04-10 --period 2024-03 --share "$3" --writes "$work/$1.writes" >"$work/$1.load" 2>&1
}
drill a "$port_a" 0/2 & load_a=$!
drill b "$port_b" 1/2 & load_b=$!
sleep 15
stop9 "$node_a"
say "   node a killed at 15 s"
sleep 5
node_a=$(serve node-a faults_load "$port_a"); pids+=("$node_a")
ready "$port_a" 60 && check ok "node a, started again, is ready by itself" || check failed "node a did not come back"
sleep 5
say "   PostgreSQL restarted at ~30 s"
pg_run "$pg_bin/pg_ctl" -D "$work/data" -m fast -w -t 60 restart -l "$work/pg.log" \
  -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
wait "$load_a" "$load_b" 2>/dev/null
b_errors=$(grep -o 'errors: [0-9]*' "$work/b.load" | awk '{print $2}')
echo "        node a's clients: $(grep 'throughput' "$work/a.load")"
echo "        node b's clients: $(grep 'throughput' "$work/b.load")"
grep -h 'errors, first' "$work/a.load" "$work/b.load" | cut -c1-300 | sed 's/^/        /'

for p in "$port_a" "$port_b"; do
  ready "$p" 30 && check ok "node on $p ready after the database restart, by itself" || check failed "node on $p not ready after the database restart"
done
grep -q throughput "$work/a.load" && check ok "node a's clients ran to the end through its death and return" || check failed "node a's load did not finish: $(grep -v '^   at ' "$work/a.load" | tail -3)"
# Node b was never killed: its only errors may fall in the database's restart.
[ -n "$b_errors" ] && check ok "node b served through node a's death ($b_errors errors, all in the database's restart window or none)" || check failed "node b's load did not finish: $(tail -3 "$work/b.load")"

# Every acknowledged report is stored: per project, the last acknowledged month investment, or a later one
# whose answer was lost in the faults (it may have committed).
sql faults_load "SELECT p.\"Code\", r.\"MonthInvestment\" FROM progress_reports r JOIN projects p ON p.\"Id\" = r.\"ProjectId\" WHERE r.\"Period\" = 202403" >"$work/stored.txt"
verdict=$(python3 - "$work/stored.txt" "$work/a.writes" "$work/b.writes" <<'PY'
import sys
stored = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if "|" in line:
        code, fen = line.strip().split("|")
        stored[code] = int(fen)
acked, lost, checked = 0, [], 0
for path in sys.argv[2:]:
    history = {}
    for line in open(path, encoding="utf-8"):
        code, month, status = line.rstrip("\n").split("\t")
        history.setdefault(code, []).append((int(month) * 1_000_000, status))
    for code, attempts in history.items():
        last_ok = max((i for i, (_, s) in enumerate(attempts) if s == "ok"), default=None)
        if last_ok is None:
            continue
        checked += 1
        acked += sum(1 for _, s in attempts if s == "ok")
        allowed = {attempts[last_ok][0]} | {fen for fen, s in attempts[last_ok + 1:]}
        if stored.get(code) not in allowed:
            lost.append(f"{code}: stored {stored.get(code)}, acknowledged {attempts[last_ok][0]}")
print(("ok" if not lost else "failed") + f" {acked} acknowledged reports on {checked} projects, {len(lost)} lost" + ("; " + "; ".join(lost[:3]) if lost else ""))
PY
)
check "${verdict%% *}" "every acknowledged report is in the database: ${verdict#* }"

echo
if [ "$failures" = 0 ]; then echo "faults: every check passed"; else echo "faults: $failures check(s) FAILED (logs were in $work)"; fi
[ "$failures" = 0 ]
