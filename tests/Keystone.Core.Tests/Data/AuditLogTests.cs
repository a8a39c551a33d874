using System.Text.Json.Nodes;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Data;

/// <summary>
/// The audit log: every change with its values and the unit it is about, the importer's bulk rows as well
/// as EF's, and a table the database itself keeps append-only.
/// </summary>
public class AuditLogTests
{
    private static readonly FakeTimeProvider Clock = new(TestDatabase.DemoDay);

    private static async Task<List<AuditEntry>> LogAsync(TestDatabase test, Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> filter)
    {
        await using var db = test.NewContext();
        return await filter(db.AuditEntries.AsNoTracking()).OrderBy(a => a.Id).ToListAsync();
    }

    private static async Task<int> UnitIdAsync(TestDatabase test, string name)
    {
        await using var db = test.NewContext();
        return await db.OrgUnits.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    [Theory]
    [DatabaseData]
    public async Task AnImport_LogsEachNewProjectPlanReportAndEnterprise_WithItsValuesUnitAndRow(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var ledger = TestLedger.Standard();
        ledger.Add(TestLedger.Project("IMP-1", "导入的新材料项目"));
        var second = TestLedger.Project("IMP-2", "长治的项目", unit: "长治高新区", city: "长治市");
        second[LedgerField.Uscc] = null;
        ledger.Add(second);
        await using (var db = test.NewContext())
        {
            var result = await new LedgerImporter(db, Clock).ImportAsync(ledger.Xlsx(), new LedgerImportOptions { Year = 2024, Period = new Period(2024, 3), SourceName = "台账.xlsx" });
            Assert.True(result.Applied, string.Join("\n", result.Problems));
        }

        var zone = await UnitIdAsync(test, "阳泉高新区");
        var log = await LogAsync(test, q => q.Where(a => a.Action == "imported"));
        var project = log.Single(a => a.Entity == "project" && a.EntityKey == "IMP-1");
        var values = JsonNode.Parse(project.After!)!;
        Assert.Equal("导入的新材料项目", (string)values["name"]!);
        Assert.Equal(20_000m, (decimal)values["totalInvestment"]!);
        Assert.Equal(zone, (int)values["orgUnitId"]!);
        Assert.Null(project.Before);
        Assert.Equal(zone, project.OrgUnitId);
        Assert.Equal($"台账.xlsx {ledger.Sheet} 第{ledger.RowNumber(0)}行", project.Reason);

        var plan = log.Single(a => a.Entity == "plan" && a.EntityKey == "IMP-1/2024");
        Assert.Equal(5_000m, (decimal)JsonNode.Parse(plan.After!)!["plannedInvestment"]!);
        Assert.Equal("new", (string)JsonNode.Parse(plan.After!)!["nature"]!);
        Assert.Equal((zone, project.Reason), (plan.OrgUnitId!.Value, plan.Reason));
        var report = log.Single(a => a.Entity == "report" && a.EntityKey == "IMP-1/2024-03");
        Assert.Equal(800m, (decimal)JsonNode.Parse(report.After!)!["yearToDate"]!);
        Assert.Equal("主体施工", (string)JsonNode.Parse(report.After!)!["imageProgress"]!);
        Assert.Equal(zone, report.OrgUnitId);
        var enterprise = log.Single(a => a.Entity == "enterprise");
        Assert.Equal(("91140300CBPRNJHCCN", "测试新材料有限公司", zone), (enterprise.EntityKey, (string)JsonNode.Parse(enterprise.After!)!["name"]!, enterprise.OrgUnitId!.Value));

        // Each row in its own unit: 长治's project is not logged in 阳泉's.
        var elsewhere = log.Where(a => a.EntityKey.StartsWith("IMP-2", StringComparison.Ordinal)).ToList();
        Assert.Equal(["project", "plan", "report"], elsewhere.Select(a => a.Entity));
        Assert.All(elsewhere, a => Assert.Equal(a.OrgUnitId, elsewhere[0].OrgUnitId));
        Assert.Equal(await UnitIdAsync(test, "长治高新区"), elsewhere[0].OrgUnitId);

        // The units the import created are logged too, each in the nearest unit that already existed: none
        // did here, so the province is logged without a unit, and a city in the province.
        var units = await LogAsync(test, q => q.Where(a => a.Entity == "unit"));
        Assert.Contains(units, a => a.EntityKey == "阳泉高新区" && a.Action == "created");
    }

    [Theory]
    [DatabaseData]
    public async Task TheBulkPath_LogsTheValuesTheInterceptorLogs(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var zone = new OrgUnit("长治高新区", OrgUnitKind.Zone, new OrgUnit("长治市", OrgUnitKind.City, new OrgUnit("山西省", OrgUnitKind.Province, null)));
        db.OrgUnits.Add(zone);
        await db.SaveChangesAsync();
        var tracked = Build("SAME-1", zone);
        db.Projects.Add(tracked);
        await db.SaveChangesAsync();
        var logged = await db.AuditEntries.Where(a => a.Entity == "project" && a.EntityKey == "SAME-1").Select(a => a.After).SingleAsync();

        db.ChangeTracker.Clear();
        var bulk = Build("SAME-1", zone);
        Assert.Equal(logged, new BulkInsert(db).AuditValues(bulk));
    }

    [Theory]
    [DatabaseData]
    public async Task WhatIsSavedWithTheNewThingItBelongsTo_IsLoggedWithTheIdsTheSaveGave_NeverTemporaryOnes(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.NewContext())
        {
            // A province, a city, a zone and a project with its plan, in one save: none has an id until it is saved.
            db.Projects.Add(Build("ONE-SAVE-1", new OrgUnit("长治高新区", OrgUnitKind.Zone, new OrgUnit("长治市", OrgUnitKind.City, new OrgUnit("山西省", OrgUnitKind.Province, null)))));
            await db.SaveChangesAsync();
        }

        var log = await LogAsync(test, q => q);
        Assert.Equal(["plan", "project", "unit", "unit", "unit"], log.Select(a => a.Entity).Order());
        Assert.DoesNotContain(log, a => System.Text.RegularExpressions.Regex.IsMatch(a.After!, "\":-[0-9]"));
        await using (var db = test.NewContext())
        {
            var units = await db.OrgUnits.ToDictionaryAsync(u => u.Name, u => u.Id);
            var project = await db.Projects.Include(p => p.Plans).SingleAsync();
            string After(string entity, string key) => log.Single(a => a.Entity == entity && a.EntityKey == key).After!;
            Assert.Contains($"\"parentId\":{units["长治市"]}", After("unit", "长治高新区"), StringComparison.Ordinal);
            Assert.Contains($"\"parentId\":{units["山西省"]}", After("unit", "长治市"), StringComparison.Ordinal);
            Assert.Contains($"\"orgUnitId\":{units["长治高新区"]}", After("project", "ONE-SAVE-1"), StringComparison.Ordinal);
            Assert.Contains($"\"projectId\":{project.Id}", After("plan", "ONE-SAVE-1/2024"), StringComparison.Ordinal);
        }

        // Created with the units they belong to, they are logged in the unit above that existed already: none here.
        Assert.All(log, a => Assert.Null(a.OrgUnitId));

        // Both writes are one transaction: a save refused at its first write leaves no unit and no entry.
        await using (var db = test.NewContext())
        {
            var zone = await db.OrgUnits.SingleAsync(u => u.Name == "长治高新区");
            db.Projects.Add(Build("ONE-SAVE-2", new OrgUnit("潞州区", OrgUnitKind.County, zone.Parent ?? await db.OrgUnits.SingleAsync(u => u.Name == "长治市"))));
            db.Projects.Add(Build("ONE-SAVE-1", zone)); // the code is taken
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(log.Count, (await LogAsync(test, q => q)).Count);
        await using (var db = test.NewContext())
        {
            Assert.False(await db.OrgUnits.AnyAsync(u => u.Name == "潞州区"));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task ManyEntries_GoInThroughTheBulkPath_AllOfThemInOrder(DbProvider provider)
    {
        // More than one statement's worth of rows (the log's triggers make SQLite take them 64 at a time) and a remainder.
        await using var test = await TestDatabase.CreateAsync(provider);
        var entries = Enumerable.Range(1, 150).Select(i => new AuditEntry(Clock.GetUtcNow(), "importer", "project", $"B-{i}", "imported", null, $$"""{"n":{{i}}}""", "台账.xlsx", i % 7)).ToList();
        await using (var db = test.NewContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var bulk = new BulkInsert(db);
            await bulk.AssignIdsAsync(entries);
            await bulk.InsertAsync(entries);
            await tx.CommitAsync();
        }

        var log = await LogAsync(test, q => q);
        Assert.Equal(entries.Select(e => (e.EntityKey, e.After, e.OrgUnitId)), log.Select(e => (e.EntityKey, e.After, e.OrgUnitId)));
    }

    private static Project Build(string code, OrgUnit zone)
    {
        var project = new Project(new ProjectCode(code), zone, PersistenceTests.Facts);
        project.Plan(2024, new PlanEntry { Nature = Nature.New, PlannedInvestment = new Money(300) });
        return project;
    }

    [Theory]
    [DatabaseData]
    public async Task EachChange_IsLoggedInTheUnitItIsAbout(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        var zone = await UnitIdAsync(test, "阳泉高新区");
        var city = await UnitIdAsync(test, "阳泉市");
        var other = await UnitIdAsync(test, "古县经济技术开发区");
        var since = (await LogAsync(test, q => q)).Max(a => a.Id);
        await using (var db = test.NewContext())
        {
            // A unit and a project in it, created in one save: the unit has no id yet, so both are logged in
            // the unit above it.
            var parent = await db.OrgUnits.SingleAsync(u => u.Id == city);
            var fresh = new OrgUnit("阳泉新建园区", OrgUnitKind.Zone, parent);
            db.Projects.Add(new Project(new ProjectCode("NEW-UNIT-1"), fresh, PersistenceTests.Facts));

            // A photo: its name, size and place are logged, never its bytes.
            var project = await db.Projects.SingleAsync(p => p.Code == "YQGX-2024-001");
            db.ReportPhotos.Add(new ReportPhoto(project.Id, new Period(2024, 3), "现场.png", PhotoFile.Inspect("现场.png", TestPhotos.Png(), PhotoLimits.Default), Clock.GetUtcNow()));

            // A sign-in entry written by the sign-in code names a user: it is that user's unit's.
            db.AuditEntries.Add(new AuditEntry(Clock.GetUtcNow(), "demo-zone", "signIn", "demo-zone", "failed", null, null, null));
            db.AuditEntries.Add(new AuditEntry(Clock.GetUtcNow(), "nobody", "signIn", "nobody", "failed", null, null, null));
            await db.SaveChangesAsync();

            // A project moved between two zones of different cities belongs to the province above both.
            var moved = await db.Projects.SingleAsync(p => p.Code == "YQGX-2024-002");
            moved.MoveTo(await db.OrgUnits.SingleAsync(u => u.Id == other));
            var user = await db.Users.SingleAsync(u => u.UserName == "demo-zone");
            user.ResetPassword(PasswordHashing.Hash("a-new-password-123"));
            await db.SaveChangesAsync();
        }

        var log = await LogAsync(test, q => q.Where(a => a.Id > since));
        Assert.Equal(city, log.Single(a => a.Entity == "unit" && a.EntityKey == "阳泉新建园区").OrgUnitId);
        Assert.Equal(city, log.Single(a => a.Entity == "project" && a.EntityKey == "NEW-UNIT-1").OrgUnitId);

        var photo = log.Single(a => a.Entity == "photo");
        Assert.Equal(("YQGX-2024-001/2024-03/现场.png", zone), (photo.EntityKey, photo.OrgUnitId!.Value));
        var photoValues = JsonNode.Parse(photo.After!)!.AsObject();
        Assert.Equal("image/png", (string)photoValues["contentType"]!);
        Assert.Equal(TestPhotos.Png().Length, (int)photoValues["length"]!);
        Assert.False(photoValues.ContainsKey("content"));

        Assert.Equal(zone, log.Single(a => a.Entity == "signIn" && a.EntityKey == "demo-zone").OrgUnitId);
        Assert.Null(log.Single(a => a.Entity == "signIn" && a.EntityKey == "nobody").OrgUnitId);

        var move = log.Single(a => a.Entity == "project" && a.EntityKey == "YQGX-2024-002");
        Assert.Equal(await UnitIdAsync(test, "山西省"), move.OrgUnitId);
        Assert.Equal(other, (int)JsonNode.Parse(move.After!)!["orgUnitId"]!);

        var reset = log.Single(a => a.Entity == "user" && a.EntityKey == "demo-zone");
        Assert.Equal(zone, reset.OrgUnitId);
        Assert.DoesNotContain("passwordHash", reset.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("securityStamp", reset.After!, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryEntityOfTheModel_IsLogged_UnlessLeftOutOnPurpose()
    {
        // Nothing is left out by accident: the interceptor logs every entity but these, each with its reason
        // in AuditInterceptor.Unaudited. A new entity is logged by default; leaving it out is a decision here.
        using var db = DatabaseTarget.Resolve(Path.Combine(Path.GetTempPath(), "keystone-no-such.db"), null).CreateContext();
        var left = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(AuditInterceptor.Unaudited.Contains).Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["AuditEntry", "ClosedRollup", "DataProtectionKey", "FigureRollup", "LedgerUpload", "NotificationMessage", "ProblemStep", "RollupYear"], left);
    }

    [Theory]
    [DatabaseData]
    public async Task TheLog_RefusesUpdateDeleteAndReplace_BySql_AndKeepsTheRow(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        long id;
        await using (var db = test.NewContext())
        {
            db.AuditEntries.Add(new AuditEntry(Clock.GetUtcNow(), "someone", "project", "P-1", "created", null, """{"name":"甲"}""", null, 7));
            await db.SaveChangesAsync();
            id = await db.AuditEntries.Select(a => a.Id).SingleAsync();
        }

        var statements = new List<string>
        {
            """UPDATE audit_log SET "Actor" = 'forger'""",
            """UPDATE audit_log SET "OrgUnitId" = NULL""",
            "DELETE FROM audit_log",
        };
        statements.Add(provider == DbProvider.Sqlite
            ? $"""INSERT OR REPLACE INTO audit_log ("Id", "At", "Actor", "Entity", "EntityKey", "Action") VALUES ({id}, '2024-04-10 01:00:00', 'forger', 'project', 'P-1', 'created')"""
            : "TRUNCATE audit_log");
        statements.Add($"""INSERT INTO audit_log ("Id", "At", "Actor", "Entity", "EntityKey", "Action") VALUES ({id}, '2024-04-10 01:00:00', 'forger', 'project', 'P-1', 'created')""");
        if (provider == DbProvider.Postgres)
        {
            statements.Add($"""INSERT INTO audit_log ("Id", "At", "Actor", "Entity", "EntityKey", "Action") VALUES ({id}, '2024-04-10 01:00:00', 'forger', 'project', 'P-1', 'created') ON CONFLICT ("Id") DO UPDATE SET "Actor" = 'forger'""");
        }

        foreach (var sql in statements)
        {
            await using var db = test.NewContext();
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(sql));
        }

        var row = (await LogAsync(test, q => q)).Single();
        Assert.Equal((id, "someone", """{"name":"甲"}""", 7), (row.Id, row.Actor, row.After, row.OrgUnitId!.Value));
    }

    [Theory]
    [DatabaseData]
    public async Task TheMigration_NamesTheUnitOfEarlierEntries(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateBlankAsync(provider);
        await using (var db = test.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("ProblemsFactorsApprovals");
            string[] rows =
            [
                """INSERT INTO org_units ("Id", "Name", "Kind", "ParentId") VALUES (1, '山西省', 'Province', NULL), (2, '阳泉市', 'City', 1), (3, '阳泉高新区', 'Zone', 2)""",
                """INSERT INTO projects ("Id", "Code", "Name", "OrgUnitId", "Levels", "Category", "Status", "TotalInvestment") VALUES (1, 'P-1', '项目', 3, 1, 'Industrial', 'Preparing', 100)""",
                """INSERT INTO users ("Id", "UserName", "Role", "OrgUnitId", "PasswordHash", "SecurityStamp", "Disabled", "FailedSignIns", "CreatedAt") VALUES (1, 'zone-user', 'ZoneOfficer', 3, 'x', 'y', FALSE, 0, '2024-04-01 00:00:00')""",
                """
                INSERT INTO audit_log ("At", "Actor", "Entity", "EntityKey", "Action") VALUES
                ('2024-04-01 00:00:00', 'a', 'project', 'P-1', 'created'),
                ('2024-04-01 00:00:00', 'a', 'report', 'P-1/2024-03', 'updated'),
                ('2024-04-01 00:00:00', 'a', 'user', 'zone-user', 'created'),
                ('2024-04-01 00:00:00', 'a', 'lightRules', '3', 'updated'),
                ('2024-04-01 00:00:00', 'a', 'closedPeriod', '2/2024-03', 'created'),
                ('2024-04-01 00:00:00', 'a', 'unit', '阳泉高新区', 'created'),
                ('2024-04-01 00:00:00', 'a', 'unit', '阳泉市', 'updated'),
                ('2024-04-01 00:00:00', 'a', 'enterprise', '91140300CBPRNJHCCN', 'created')
                """,
            ];
            foreach (var sql in rows)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }

            await DatabaseSetup.MigrateAsync(db);
        }

        var units = (await LogAsync(test, q => q)).Select(a => (a.Entity, a.EntityKey, a.OrgUnitId)).ToList();
        Assert.Equal(
            [
                ("project", "P-1", 3), ("report", "P-1/2024-03", 3), ("user", "zone-user", 3), ("lightRules", "3", 3),
                ("closedPeriod", "2/2024-03", 2), ("unit", "阳泉高新区", 2), ("unit", "阳泉市", 2), ("enterprise", "91140300CBPRNJHCCN", (int?)null),
            ],
            units);

        // The trigger lifted for the backfill is back.
        await using var check = test.NewContext();
        await Assert.ThrowsAnyAsync<Exception>(() => check.Database.ExecuteSqlRawAsync("""UPDATE audit_log SET "Actor" = 'forger'"""));
    }
}
