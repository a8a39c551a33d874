using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Data;

public class MigrationTests
{
    /// <summary>Fails when the model changed and scripts/add-migration.sh was not run for a provider.</summary>
    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public void EveryModelChange_HasAMigration(DbProvider provider)
    {
        var target = provider == DbProvider.Sqlite
            ? DatabaseTarget.Resolve(Path.Combine(Path.GetTempPath(), "keystone-no-such.db"), null)
            : DatabaseTarget.Resolve("Host=localhost;Database=keystone_no_such", null);
        using var db = target.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes without a {provider} migration: run scripts/add-migration.sh");
    }

    [Theory]
    [DatabaseData]
    public async Task Migrate_CreatesTheSchema_OnAnEmptyDatabase(DbProvider provider)
    {
        await using var blank = await TestDatabase.CreateBlankAsync(provider);
        await using var db = blank.NewContext();
        Assert.NotEmpty(await DatabaseSetup.PendingMigrationsAsync(db));
        await DatabaseSetup.MigrateAsync(db);
        Assert.Empty(await DatabaseSetup.PendingMigrationsAsync(db));
        Assert.True(await DatabaseSetup.IsEmptyAsync(db));
    }

    [Fact]
    public async Task Sqlite_RunsInWalMode()
    {
        await using var test = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        await using var db = test.NewContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA busy_timeout";
        Assert.True(Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 5000);
    }

    [Fact]
    public void DatabaseArgument_ChoosesTheProvider()
    {
        Assert.Equal(DbProvider.Sqlite, DatabaseTarget.Resolve(null, null).Provider);
        Assert.EndsWith(Path.Combine("data", "keystone.db"), DatabaseTarget.Resolve(null, null).Display);
        Assert.Equal(DbProvider.Sqlite, DatabaseTarget.Resolve("/tmp/x.db", null).Provider);
        Assert.Equal(DbProvider.Postgres, DatabaseTarget.Resolve("Host=db;Database=k;Username=u", null).Provider);
        Assert.Equal(DbProvider.Postgres, DatabaseTarget.Resolve(null, "Host=db;Database=k").Provider);
        Assert.Equal(DbProvider.Sqlite, DatabaseTarget.Resolve("/tmp/y.db", "Host=db;Database=k").Provider);
        var url = DatabaseTarget.Resolve("postgres://keystone:s%40cret@db.example:5433/ks", null);
        Assert.Equal(DbProvider.Postgres, url.Provider);
        Assert.Contains("Port=5433", url.ConnectionString);
        Assert.Contains("Password=s@cret", url.ConnectionString);
    }
}
