#!/usr/bin/env bash
# The ledger import benchmark of docs/benchmarks.md: a generated ledger of ROWS projects (default 100,000),
# read by each reader alone (MiniExcel dynamic and typed, OpenXml's SAX reader, Keystone's XlsxReader),
# alternating, twice each, then imported into a fresh SQLite file (or DB, a PostgreSQL connection string),
# each step in its own process so its peak memory is its own.
#   ./scripts/bench-import.sh [ROWS] [DB]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
dotnet build -c Release benchmarks/Keystone.Benchmarks -v q -nologo >/dev/null
bench="dotnet benchmarks/Keystone.Benchmarks/bin/Release/net10.0/Keystone.Benchmarks.dll"
file=$(mktemp --suffix=.xlsx)
trap 'rm -f "$file"' EXIT
$bench gen-ledger "$file" "$rows"
echo "ledger: $rows rows, $(du -h "$file" | cut -f1)"
uptime
for _ in 1 2; do
  for reader in read read-typed read-openxml read-xlsx; do $bench "$reader" "$file"; done
done
uptime
if [ $# -ge 2 ]; then $bench import "$file" "$2"; else $bench import "$file"; fi
