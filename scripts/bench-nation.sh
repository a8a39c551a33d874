#!/usr/bin/env bash
# The national-scale benchmark of docs/benchmarks.md ("Nation"): builds the benchmarks in Release, then builds
# 1,000,000 projects (12,000,000 monthly reports) into DB by binary COPY and times figures and briefings on it.
# DB is a PostgreSQL connection string naming a database that is empty or does not exist yet (it is created);
# no cluster is started for you. The build wants a few GB and is far faster on a cluster started with
# `-c fsync=off -c synchronous_commit=off -c max_wal_size=4GB -c maintenance_work_mem=512MB`.
# Further arguments go to the mode as they are: --projects N, --zones N, --provinces N, --year Y, --skip-build
# (re-time a database built before).
#   ./scripts/bench-nation.sh "Host=127.0.0.1;Port=5432;Username=…;Password=…;Database=keystone_nation" [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,9p' "$0"; exit 2; }
db="$1"; shift
dotnet build -c Release benchmarks/Keystone.Benchmarks -v q -nologo >/dev/null
exec dotnet benchmarks/Keystone.Benchmarks/bin/Release/net10.0/Keystone.Benchmarks.dll nation --db "$db" "$@"
