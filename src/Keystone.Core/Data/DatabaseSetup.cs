using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Keystone.Core.Data;

/// <summary>Migrating and checking the schema: shared by `keystone serve`, `keystone db migrate` and the tests.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Applies every pending migration; on SQLite also switches the file to WAL mode (a persistent setting). Then builds
    /// the figure rollups of any year that has plan entries and none yet (a database from before them, ADR 0015).
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        // Asked first: migrating an up-to-date database still compares the model with the last migration's snapshot,
        // a few hundred milliseconds of every start (MigrationTests checks that no model change lacks a migration).
        if ((await PendingMigrationsAsync(db, ct)).Count > 0)
        {
            await db.Database.MigrateAsync(ct);
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }

        await Desk.RollupData.BuildMissingAsync(db, ct);
        await Desk.ClosedRollupData.BuildMissingAsync(db, ct);
    }

    /// <summary>The migrations not yet applied; on a database without a history table, all of them (asked without an error in the log).</summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!await HasHistoryAsync(db, ct))
        {
            return db.Database.GetMigrations().ToList();
        }

        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }

    // Asked of the catalogue: the history repository's own check queries the missing table on PostgreSQL,
    // which logs a failed command before the operator's clear message.
    private static async Task<bool> HasHistoryAsync(AppDbContext db, CancellationToken ct)
    {
        var table = HistoryRepository.DefaultTableName;
        var sql = db.Database.IsNpgsql()
            ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'"
            : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    /// <summary>True when the database holds no org unit and no project: the demo may be loaded into it.</summary>
    public static async Task<bool> IsEmptyAsync(AppDbContext db, CancellationToken ct = default) =>
        !await db.OrgUnits.AnyAsync(ct) && !await db.Projects.AnyAsync(ct);
}
