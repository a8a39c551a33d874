using Keystone.Core.Data;
using Keystone.Core.Promotion;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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

/// <summary>Upgrading a database whose data an older version wrote: nothing is lost to a tighter rule.</summary>
public class MigrationUpgradeTests
{
    [Theory]
    [DatabaseData]
    public async Task AnEnterpriseOnTwoLinks_KeepsItsFirstPlace_AndTheOtherRowStaysByName(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateBlankAsync(provider);
        await using (var db = test.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("RecordVersions");
            string[] rows =
            [
                """INSERT INTO org_units ("Id", "Name", "Kind", "ParentId") VALUES (1, '山西省', 'Province', NULL), (2, '阳泉市', 'City', 1), (3, '阳泉高新区', 'Zone', 2)""",
                """INSERT INTO enterprises ("Id", "Uscc", "Name", "OwnerUnitId", "AboveScale", "ChainLeader", "Version") VALUES (1, '91140300CBPRNJHCCN', '康博特', 3, FALSE, FALSE, 1)""",
                """INSERT INTO promotion_chains ("Id", "OrgUnitId", "Name") VALUES (1, 3, '第三代半导体')""",
                """INSERT INTO promotion_chain_links ("Id", "ChainId", "Sequence", "Name", "Segment") VALUES (1, 1, 1, '材料', 'Upstream'), (2, 1, 2, '装备', 'Upstream')""",
                """INSERT INTO promotion_chain_members ("Id", "LinkId", "Name", "EnterpriseId", "IsChainLeader") VALUES (1, 1, '康博特', 1, FALSE), (2, 2, '康博特', 1, FALSE)""",
            ];
            foreach (var sql in rows)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }

            await DatabaseSetup.MigrateAsync(db);
        }

        await using var check = test.NewContext();
        var members = await check.Set<ChainMember>().AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.LinkId, m.Name, m.EnterpriseId }).ToListAsync();
        Assert.Equal([new { LinkId = 1, Name = "康博特", EnterpriseId = (int?)1 }, new { LinkId = 2, Name = "康博特", EnterpriseId = (int?)null }], members);
    }
}
