#!/usr/bin/env bash
# The bounded-input benchmark of docs/benchmarks.md ("Bounds"), each step in its own process so its peak
# memory is its own:
#   1. the .xlsx reader against MiniExcel on the 100,000-row ledger of bench-import.sh (same run);
#   2. a ~9 MB .xlsx holding one 500 MB cell (ratio ~55, inside every size and ratio limit): time to refusal;
#   3. a CSV of 1,000,001 rows (scripts/bench-ledger.py): time to refusal;
#   4. a dry run of 1,000,000 rows: time and peak memory.
# Steps 3 and 4 raise Keystone__Import__MaxBytes to 200 MB: the CSV is 181 MB, above the 50 MB default.
#   ./scripts/bench-bounds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release benchmarks/Keystone.Benchmarks -v q -nologo >/dev/null
bench="dotnet benchmarks/Keystone.Benchmarks/bin/Release/net10.0/Keystone.Benchmarks.dll"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

$bench gen-ledger "$dir/ledger.xlsx" 100000
echo "ledger: 100000 rows, $(du -h "$dir/ledger.xlsx" | cut -f1)"
for _ in 1 2; do $bench read "$dir/ledger.xlsx"; $bench read-xlsx "$dir/ledger.xlsx"; done
$bench compare "$dir/ledger.xlsx"

python3 scripts/bench-bounds.py cell "$dir/cell.xlsx" 500
$bench bounds "$dir/cell.xlsx"

python3 scripts/bench-ledger.py 1000001 2700 "$dir/rows.csv"
head -n 1000002 "$dir/rows.csv" > "$dir/rows-1000000.csv"
export Keystone__Import__MaxBytes=209715200
$bench bounds "$dir/rows.csv"
$bench bounds "$dir/rows-1000000.csv" dry-run
