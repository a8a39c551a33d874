#!/usr/bin/env bash
# Retakes the README's pictures: runs only ReadmeScreenshotsBrowserTests (the demo in Debian's Chromium,
# 1280 wide, on the desk's data date) and copies what it took into docs/screenshots/. Needs chromium and
# fonts-noto-cjk (scripts/test.sh installs them). Look at each picture before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."

shots=(cockpit ledger battle-map schedule factors-project import-preview)
project=tests/Keystone.Tests
dotnet build "$project" -warnaserror
out=$(dotnet msbuild "$project" -getProperty:OutputPath)
out=${out//\\//} # MSBuild answers with a Windows separator: bin\Debug/net10.0/
dir="$project/$out/TestResults/screenshots"
for shot in "${shots[@]}"; do rm -f "$dir/$shot.png"; done

dotnet test "$project" --no-build --filter "FullyQualifiedName~ReadmeScreenshotsBrowserTests"

mkdir -p docs/screenshots
for shot in "${shots[@]}"; do
  cp "$dir/$shot.png" "docs/screenshots/$shot.png"
  echo "docs/screenshots/$shot.png"
done
