#!/usr/bin/env bash
# Adds a migration with the same name for both providers (SQLite and PostgreSQL): one model, two sets.
#   ./scripts/add-migration.sh AddAuditLog
# A test (MigrationTests) fails when the model has changes that no migration covers.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh MigrationName}"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project src/Keystone.Core --startup-project src/Keystone \
    --context "${provider}AppDbContext" \
    --output-dir "Data/Migrations/$provider" --namespace "Keystone.Core.Data.Migrations.$provider"
done
