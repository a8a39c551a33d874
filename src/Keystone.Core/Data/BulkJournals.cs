using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Data;

/// <summary>
/// SQLite: keeps the statement journals of a bulk write in memory (PRAGMA temp_store = MEMORY) for as long
/// as it lasts, then restores the connection's setting. Every statement that fires a trigger (the audit log's
/// inserts) is journaled so that a RAISE can undo it, and by default each such journal is a temporary file:
/// an import of 100,000 rows created and removed one per 64 log rows. Only where the journals live changes;
/// the database's own journal (WAL) and synchronous setting are untouched, so a commit is as durable as before.
/// Open it before the transaction begins (SQLite refuses the change inside one) and dispose of it after
/// the transaction ends. On PostgreSQL it does nothing.
/// </summary>
public sealed class BulkJournals : IAsyncDisposable
{
    private readonly AppDbContext? db;
    private readonly long before;

    private BulkJournals(AppDbContext? db, long before) => (this.db, this.before) = (db, before);

    public static async Task<BulkJournals> InMemoryAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return new(null, 0);
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var before = await PragmaAsync(db, "PRAGMA temp_store", ct);
            await PragmaAsync(db, "PRAGMA temp_store = MEMORY", ct);
            return new(db, before);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (db is null)
        {
            return;
        }

        try
        {
            await PragmaAsync(db, FormattableString.Invariant($"PRAGMA temp_store = {before}"), CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> PragmaAsync(AppDbContext db, string sql, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct) is long value ? value : 0;
    }
}
