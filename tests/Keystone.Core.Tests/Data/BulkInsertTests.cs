using System.Data.Common;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Data;

/// <summary>
/// The importer writes new projects through <see cref="BulkInsert"/>, bypassing EF: every value it stores
/// must be stored exactly as EF would store it (same storage class, same text), or queries and sums over
/// imported and hand-entered projects would disagree.
/// </summary>
public class BulkInsertTests
{
    private static readonly DateTimeOffset Now = new(2024, 4, 10, 9, 30, 15, 123, TimeSpan.FromHours(8));

    [Theory]
    [DatabaseData]
    public async Task EveryColumn_IsStoredAsEfStoresIt(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.NewContext())
        {
            var province = new OrgUnit("山西省", OrgUnitKind.Province, null);
            var zone = new OrgUnit("长治高新区", OrgUnitKind.Zone, new OrgUnit("长治市", OrgUnitKind.City, province));
            db.OrgUnits.Add(zone);
            await db.SaveChangesAsync();

            var (tracked, trackedAudit) = Build("EF-1", "91140400A4LTDXE9K2", zone);
            db.Projects.Add(tracked);
            db.AuditEntries.Add(trackedAudit);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            var (bulk, bulkAudit) = Build("BULK-1", "91350100M000100Y43", zone);
            await using var tx = await db.Database.BeginTransactionAsync();
            var insert = new BulkInsert(db);
            await insert.AssignIdsAsync([bulk.Enterprise!]);
            await insert.InsertAsync([bulk.Enterprise!]);
            await insert.AssignIdsAsync([bulk]);
            await insert.InsertAsync([bulk]);
            await insert.AssignIdsAsync(bulk.Plans.ToList());
            await insert.InsertAsync(bulk.Plans.ToList());
            await insert.AssignIdsAsync(bulk.Reports.ToList());
            await insert.InsertAsync(bulk.Reports.ToList());
            await insert.AssignIdsAsync([bulkAudit]);
            await insert.InsertAsync([bulkAudit]);
            await tx.CommitAsync();
        }

        await using (var db = test.NewContext())
        {
            var ignored = new HashSet<string>(StringComparer.Ordinal) { "Id", "Code", "ProjectId", "EnterpriseId", "Uscc", "EntityKey" };
            foreach (var table in new[] { "enterprises", "projects", "annual_plans", "progress_reports", "audit_log" })
            {
                // The audit interceptor logs EF's own writes too: compare the two entries the test wrote.
                var rows = (await RawRowsAsync(db, table)).Where(r => table != "audit_log" || Equals(r["Reason"], "台账.xlsx 第3行")).ToList();
                Assert.True(rows.Count == 2, $"{table}: {rows.Count} rows");
                foreach (var (column, value) in rows[0].Where(c => !ignored.Contains(c.Key)))
                {
                    var other = rows[1][column];
                    Assert.True(Equals(value, other), $"{table}.{column}: EF stored {Describe(value)}, BulkInsert {Describe(other)}");
                }
            }

            // And EF reads the bulk rows back as it wrote its own.
            var read = await db.Projects.Include(p => p.Plans).Include(p => p.Reports).Include(p => p.Enterprise).SingleAsync(p => p.Code == "BULK-1");
            var own = await db.Projects.Include(p => p.Plans).Include(p => p.Reports).SingleAsync(p => p.Code == "EF-1");
            Assert.Equal(own.Facts, read.Facts);
            Assert.Equal(own.Plans.Single().Entry, read.Plans.Single().Entry);
            Assert.Equal(own.Reports.Single().Cumulative, read.Reports.Single().Cumulative);
            Assert.Equal(Now, read.Reports.Single().ReportedAt);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task UnitsAnImportCreates_AreStoredAndLoggedAsASaveStoresAndLogsThem(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        int city;
        await using (var db = test.NewContext())
        {
            var yangquan = new OrgUnit("阳泉市", OrgUnitKind.City, new OrgUnit("山西省", OrgUnitKind.Province, null));
            db.OrgUnits.Add(yangquan);
            await db.SaveChangesAsync();
            db.OrgUnits.Add(new OrgUnit("甲高新区", OrgUnitKind.Zone, yangquan)); // its own save, so its log names its parent's id
            await db.SaveChangesAsync();
            city = yangquan.Id;
        }

        // Saved through EF above; created by an import below, beside it and under a new city of the same province.
        await using (var db = test.NewContext())
        {
            var file = TestLedger.Standard().Add(TestLedger.Project("U-1", "乙高新区项目", unit: "乙高新区")).Add(TestLedger.Project("U-2", "丙高新区项目", unit: "丙高新区", city: "丁市"));
            var result = await new Keystone.Core.Ledger.LedgerImporter(db, TimeProvider.System).ImportAsync(file.Xlsx(), new Keystone.Core.Ledger.LedgerImportOptions { Year = 2024 });
            Assert.True(result.Applied, string.Join("\n", result.Problems));
            Assert.Equal(["山西省/丁市", "山西省/丁市/丙高新区", "山西省/阳泉市/乙高新区"], result.CreatedUnits);
        }

        await using (var read = test.NewContext())
        {
            var units = (await RawRowsAsync(read, "org_units")).ToDictionary(r => (string)r["Name"]!);
            foreach (var (column, value) in units["甲高新区"].Where(c => c.Key is not ("Id" or "Name")))
            {
                Assert.True(Equals(value, units["乙高新区"][column]), $"org_units.{column}: EF stored {Describe(value)}, the import {Describe(units["乙高新区"][column])}");
            }

            Assert.Equal(units["丁市"]["Id"], units["丙高新区"]["ParentId"]);
            var log = await read.AuditEntries.AsNoTracking().Where(a => a.Entity == "unit").ToDictionaryAsync(a => a.EntityKey);
            Assert.Equal(("created", (int?)city), (log["乙高新区"].Action, log["乙高新区"].OrgUnitId));
            Assert.Equal(log["甲高新区"].After!.Replace("甲高新区", "乙高新区", StringComparison.Ordinal), log["乙高新区"].After);
            var province = await read.OrgUnits.Where(u => u.Name == "山西省").Select(u => (int?)u.Id).SingleAsync();
            Assert.Equal([province, province], new[] { log["丁市"].OrgUnitId, log["丙高新区"].OrgUnitId }); // under the unit that was there before
            Assert.Contains($"\"parentId\":{units["丁市"]["Id"]}", log["丙高新区"].After, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AConstraintViolation_IsRefusedWithSqlitesMessage_AndWritesNothing()
    {
        await using var test = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        await using var db = test.NewContext();
        var zone = new OrgUnit("长治高新区", OrgUnitKind.Zone, new OrgUnit("长治市", OrgUnitKind.City, new OrgUnit("山西省", OrgUnitKind.Province, null)));
        db.OrgUnits.Add(zone);
        db.Projects.Add(new Project(new ProjectCode("DUP-1"), zone, new ProjectFacts { Name = "已有项目", Levels = ProjectLevels.Provincial, Category = ProjectCategory.Industrial, TotalInvestment = new Money(100) }));
        await db.SaveChangesAsync();

        var again = new Project(new ProjectCode("DUP-1"), zone, new ProjectFacts { Name = "重复编号", Levels = ProjectLevels.Provincial, Category = ProjectCategory.Industrial, TotalInvestment = new Money(100) });
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var insert = new BulkInsert(db);
            await insert.AssignIdsAsync([again]);
            var refused = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => insert.InsertAsync([again]));
            Assert.Contains("UNIQUE constraint failed", refused.Message);
        }

        db.ChangeTracker.Clear();
        Assert.Equal(["已有项目"], await db.Projects.Select(p => p.Name).ToListAsync());
    }

    private static (Project Project, AuditEntry Audit) Build(string code, string uscc, OrgUnit zone)
    {
        var project = new Project(new ProjectCode(code), zone, PersistenceTests.Facts, new Enterprise(new Uscc(uscc), "长治高新区智有限公司", zone));
        project.Plan(2024, new PlanEntry { Nature = Nature.Continuing, PlannedInvestment = new Money(15_000.5m), PlannedStart = new DateOnly(2023, 9, 1), StartDate = new DateOnly(2024, 3, 1) });
        project.Report(new Period(2024, 3), new ProgressFigures { Month = new Money(532), YearToDate = new Money(1532), Cumulative = new Money(5328.25m), ImageProgress = "a1基础工程已完成80%" }, Now);
        return (project, new AuditEntry(Now, "importer", "project", code, "imported", null, "{\"名称\":\"x\"}", "台账.xlsx 第3行"));
    }

    /// <summary>Every row of a table as the database holds it, each value as the provider returns it (SQLite: by storage class).</summary>
    private static async Task<List<Dictionary<string, object?>>> RawRowsAsync(AppDbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string Describe(object? value) => value is null ? "NULL" : $"{value.GetType().Name} {value}";
}
