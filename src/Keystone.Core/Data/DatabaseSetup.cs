using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Keystone.Core.Data;

/// <summary>Migrating and checking the schema: shared by `keystone serve`, `keystone db migrate` and the tests.</summary>
public static class DatabaseSetup
{
    /// <summary>Applies every pending migration; on SQLite also switches the file to WAL mode (a persistent setting).</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }
    }

    /// <summary>The migrations not yet applied; on a database without a history table, all of them (asked without an error in the log).</summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!await db.GetService<IHistoryRepository>().ExistsAsync(ct))
        {
            return db.Database.GetMigrations().ToList();
        }

        return (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
    }

    /// <summary>True when the database holds no org unit and no project: the demo may be loaded into it.</summary>
    public static async Task<bool> IsEmptyAsync(AppDbContext db, CancellationToken ct = default) =>
        !await db.OrgUnits.AnyAsync(ct) && !await db.Projects.AnyAsync(ct);
}
