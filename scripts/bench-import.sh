#!/usr/bin/env bash
# The ledger import benchmark of docs/benchmarks.md: a generated ledger of ROWS projects (default 100,000),
# read by MiniExcel alone and by Keystone's XlsxReader alone, then imported into a fresh SQLite file (or DB, a PostgreSQL connection string),
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
$bench read "$file"
$bench read-xlsx "$file"
$bench read "$file"
$bench read-xlsx "$file"
if [ $# -ge 2 ]; then $bench import "$file" "$2"; else $bench import "$file"; fi
