using System.Text;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Ledger;

public class LedgerImporterTests
{
    static LedgerImporterTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly FakeTimeProvider Clock = new(TestDatabase.DemoDay);

    private static async Task<LedgerImportResult> ImportAsync(TestDatabase db, LedgerSource source, LedgerImportOptions? options = null)
    {
        await using var context = db.NewContext();
        return await new LedgerImporter(context, Clock).ImportAsync(source, options ?? new LedgerImportOptions { Year = 2024 });
    }

    private static async Task<(int Projects, int Plans, int Reports, int Units, int Enterprises)> CountsAsync(TestDatabase db)
    {
        await using var c = db.NewContext();
        return (await c.Projects.CountAsync(), await c.AnnualPlans.CountAsync(), await c.ProgressReports.CountAsync(), await c.OrgUnits.CountAsync(), await c.Enterprises.CountAsync());
    }

    /// <summary>A ledger as a zone keeps it: a merged title, a "填报单位" line, amounts in 亿元, other header spellings, text dates.</summary>
    private static TestLedger Messy()
    {
        var ledger = new TestLedger
        {
            Headers = ["序号", "项目代码", "项目名称", "地市", "区县", "级别", "类别", "新建/续建", "建设单位", "统一社会信用代码", "总投资（亿元）", "2024年计划投资（亿元）", "1-3月完成投资（万元）", "开工时间", "2024年开复工时间", "形象进度", "联系人电话微信"],
        };
        ledger.Title("阳泉高新区2024年重点项目建设台账");
        ledger.Title("填报单位：阳泉高新区管委会（盖章）", null, null, null, null, null, null, null, null, null, "数据截至2024年3月底");
        ledger.Row(1, "2404-140300-04-01-563821", "数字化精密泵阀研发检验检测一体化中心示范项目", "阳泉市", "阳泉高新区", "省级重点工程", "产业类", "新开工", "阳泉阀门股份有限公司", "91140300CBPRNJHCCN", "5.8372", "0.3223", "668", "2024.3.5", "2024年3月5日", "厂房桩基施工", "老王");
        ledger.Row(2, "", "高新区老年福利中心建设项目", "阳泉市", "阳泉高新区", "市重点", "民生", "续建", "", "", "3.7301", "0.7072", "1,121", "2023-08", "3月中旬", "边坡治理", "");
        ledger.Row(3, "2404-140212-04-01-220301", "新荣区锐华新能源装备产业项目", "大同市", "新荣区", "省市重点", "产业类", "新建", "新荣区锐华新有限公司", "91140200P5U069AMCY", "5", "3", "7,470", new DateOnly(2024, 1, 20), new DateOnly(2024, 1, 20), "产线筹备", "");
        ledger.Row("合计", "", "", "", "", "", "", "", "", "", "14.5673", "4.0295", "9259", "", "", "", "");
        return ledger;
    }

    [Theory]
    [DatabaseData]
    public async Task ARowWhoseCumulativeDoesNotRiseByTheYearToDate_IsAProblemOfThatRow(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var february = TestLedger.Standard().Add(TestLedger.Project("OK-1", "好项目"));
        var first = await ImportAsync(db, february.Xlsx(), new LedgerImportOptions { Year = 2024, Period = new Period(2024, 2) });
        Assert.True(first.Applied, string.Join("\n", first.Problems));
        var before = await CountsAsync(db);

        var row = TestLedger.Project("OK-1", "好项目");
        row[LedgerField.YearToDate] = 1000m;
        row[LedgerField.Cumulative] = 1500m;
        var march = await ImportAsync(db, TestLedger.Standard().Add(row).Xlsx(), new LedgerImportOptions { Year = 2024, Period = new Period(2024, 3) });
        Assert.False(march.Applied);
        var problem = Assert.Single(march.Problems);
        Assert.Equal(2, problem.Row);
        Assert.Contains("增加700万元", problem.Reason.Zh, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(db));

        row[LedgerField.Cumulative] = 1000m;
        var fixedUp = await ImportAsync(db, TestLedger.Standard().Add(row).Xlsx(), new LedgerImportOptions { Year = 2024, Period = new Period(2024, 3) });
        Assert.True(fixedUp.Applied, string.Join("\n", fixedUp.Problems));
    }

    [Theory]
    [DatabaseData]
    public async Task TheParentColumn_LinksParts_RefusesWhatCannotBe_AndABlankCellDetaches(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        static Dictionary<LedgerField, object?> Row(string code, string? parent, string unit = "阳泉高新区")
        {
            var row = TestLedger.Project(code, "项目" + code, unit);
            row[LedgerField.Parent] = parent;
            return row;
        }

        async Task<Dictionary<string, string?>> ParentsAsync()
        {
            await using var c = db.NewContext();
            return await c.Projects.Select(p => new { p.Code, Parent = p.Parent!.Code }).ToDictionaryAsync(p => p.Code, p => (string?)p.Parent);
        }

        // A part listed before its parent; a project with none; one in another unit.
        var first = await ImportAsync(db, TestLedger.Standard().Add(Row("P-2", "P-1")).Add(Row("P-1", null)).Add(Row("Q-1", null)).Add(Row("R-1", null, "盂县")).Xlsx());
        Assert.True(first.Applied, string.Join("\n", first.Problems));
        var linked = new Dictionary<string, string?> { ["P-1"] = null, ["P-2"] = "P-1", ["Q-1"] = null, ["R-1"] = null };
        Assert.Equal(linked.OrderBy(p => p.Key), (await ParentsAsync()).OrderBy(p => p.Key));

        // Refused, and nothing changed: a parent that is not there, one of another unit, and a project with parts made a part.
        foreach (var (file, why) in new[]
        {
            (TestLedger.Standard().Add(Row("Q-1", "NOPE-1")), "找不到上级项目"),
            (TestLedger.Standard().Add(Row("Q-1", "R-1")), "属于其他单位"),
            (TestLedger.Standard().Add(Row("P-1", "Q-1")), "已有子项目"),
            (TestLedger.Standard().Add(Row("Q-1", "P-2")), "只分一级"),
        })
        {
            var refused = await ImportAsync(db, file.Xlsx());
            Assert.False(refused.Applied);
            Assert.Contains(refused.Problems, p => p.Reason.Zh.Contains(why, StringComparison.Ordinal));
            Assert.Equal(linked.OrderBy(p => p.Key), (await ParentsAsync()).OrderBy(p => p.Key));
        }

        // A blank cell detaches a part from its parent, and says so; a project the file does not list keeps what it has.
        var second = await ImportAsync(db, TestLedger.Standard().Add(Row("P-2", null)).Add(Row("Q-1", "P-1")).Xlsx());
        Assert.True(second.Applied, string.Join("\n", second.Problems));
        Assert.Contains(second.Changes, c => c.Code == "P-2" && c.Fields.Any(f => f.Before == "P-1" && f.After == ""));
        Assert.Contains(second.Changes, c => c.Code == "Q-1" && c.Fields.Any(f => f.Before == "" && f.After == "P-1"));
        linked["P-2"] = null;
        linked["Q-1"] = "P-1";
        Assert.Equal(linked.OrderBy(p => p.Key), (await ParentsAsync()).OrderBy(p => p.Key));
    }

    [Theory]
    [DatabaseData]
    public async Task AMalformedNationalCode_IsAProblemOfItsRow(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var result = await ImportAsync(db, TestLedger.Standard().Add(TestLedger.Project("2404-990300-04-01-563821", "坏代码项目")).Xlsx());
        var problem = Assert.Single(result.Problems);
        Assert.Contains("区划", problem.Reason.Zh, StringComparison.Ordinal);
        Assert.Equal(0, (await CountsAsync(db)).Projects);
    }

    [Theory]
    [DatabaseData]
    public async Task AMessyLedger_IsReadAsTheZoneMeantIt(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var result = await ImportAsync(db, Messy().Xlsx());

        Assert.True(result.Applied, string.Join("\n", result.Problems));
        Assert.Equal(3, result.HeaderRow);
        Assert.Equal(3, result.New);
        Assert.Equal(new Period(2024, 3), result.Period); // from "数据截至2024年3月底"
        Assert.Equal(["联系人电话微信"], result.UnknownHeaders);
        Assert.Equal(["山西省", "山西省/大同市", "山西省/大同市/新荣区", "山西省/阳泉市", "山西省/阳泉市/阳泉高新区"], result.CreatedUnits);

        await using var c = db.NewContext();
        var pump = await c.Projects.Include(p => p.Plans).Include(p => p.Reports).Include(p => p.Enterprise).SingleAsync(p => p.Code == "2404-140300-04-01-563821");
        Assert.Equal(new Money(58_372m), pump.TotalInvestment); // 5.8372亿元
        Assert.Equal(ProjectLevels.Provincial, pump.Levels);
        var plan = Assert.Single(pump.Plans);
        Assert.Equal(new Money(3_223m), plan.PlannedInvestment);
        Assert.Equal(Nature.New, plan.Nature);
        Assert.Equal(new DateOnly(2024, 3, 5), plan.StartDate);
        Assert.Equal(new DateOnly(2024, 3, 5), pump.ActualStart);
        Assert.Equal(new Money(668m), Assert.Single(pump.Reports).YearToDate);
        Assert.Equal("阳泉阀门股份有限公司", pump.Enterprise!.Name);

        var welfare = await c.Projects.Include(p => p.Plans).SingleAsync(p => p.Name == "高新区老年福利中心建设项目");
        Assert.StartsWith("KS-", welfare.Code); // no code in the file: one is derived from unit and name
        Assert.Equal(ProjectCategory.Livelihood, welfare.Category);
        Assert.Equal(new DateOnly(2024, 3, 20), welfare.Plans.Single().StartDate); // 3月中旬 of the plan year
        Assert.Equal(new DateOnly(2023, 8, 1), welfare.ActualStart);

        var xinrong = await c.Projects.Include(p => p.Unit).SingleAsync(p => p.Code == "2404-140212-04-01-220301");
        Assert.Equal(ProjectLevels.Provincial | ProjectLevels.Municipal, xinrong.Levels);
        Assert.Equal(OrgUnitKind.County, xinrong.Unit!.Kind);
    }

    [Theory]
    [DatabaseData]
    public async Task ImportingTheSameFileTwice_ChangesNothing_AndAChangedFile_SaysWhatChanged(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = Messy();
        await ImportAsync(db, ledger.Xlsx());
        var before = await CountsAsync(db);

        var again = await ImportAsync(db, ledger.Xlsx());
        Assert.Equal((0, 0, 3), (again.New, again.Updated, again.Unchanged));
        Assert.Equal(before, await CountsAsync(db));

        ledger.Rows[0][11] = "0.4"; // the plan goes up to 0.4亿元
        ledger.Rows[1][15] = "主体施工"; // the image progress moves on
        var changed = await ImportAsync(db, ledger.Xlsx());
        Assert.Equal((0, 2, 1), (changed.New, changed.Updated, changed.Unchanged));
        var planChange = changed.Changes.Single(x => x.Code == "2404-140300-04-01-563821").Fields.Single();
        Assert.Equal(("2024年计划投资（亿元）", "3223", "4000"), (planChange.Column, planChange.Before, planChange.After));
        Assert.Equal("主体施工", changed.Changes.Single(x => x.Name == "高新区老年福利中心建设项目").Fields.Single().After);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Theory]
    [DatabaseData]
    public async Task EveryBadCell_IsReported_AndTheFileChangesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var before = await CountsAsync(db);
        var ledger = TestLedger.Standard();
        ledger.Title("2024年重点项目台账");
        ledger.Add(TestLedger.Project("OK-1", "无误的项目"));
        var bad = TestLedger.Project("BAD-1", "");
        bad[LedgerField.Uscc] = "91140300CBPRNJHCCM";
        bad[LedgerField.TotalInvestment] = "-5";
        ledger.Add(bad);
        var overPlan = TestLedger.Project("BAD-2", "计划超总投资");
        overPlan[LedgerField.AnnualPlan] = 30_000m;
        overPlan[LedgerField.PlannedStart] = "2024-02-30";
        ledger.Add(overPlan);
        ledger.Add(TestLedger.Project("OK-1", "重复编号"));
        ledger.Add(TestLedger.Project("YQGX-2024-001", "别处项目", unit: "长治高新区", city: "长治市")); // the code is 阳泉's
        var nature = TestLedger.Project("BAD-3", "性质不明");
        nature[LedgerField.Nature] = "重建";
        nature[LedgerField.Levels] = "国家级";
        ledger.Add(nature);

        var result = await ImportAsync(db, ledger.Xlsx());

        Assert.False(result.Applied);
        Assert.Equal(before, await CountsAsync(db));
        string Reason(int index, LedgerField field) =>
            result.Problems.Single(p => p.Row == ledger.RowNumber(index) && p.Column == LedgerFormat.Header(field)).Reason.Zh;
        Assert.Contains("不能为空", Reason(1, LedgerField.Name));
        Assert.Contains("校验位", Reason(1, LedgerField.Uscc));
        Assert.Contains("负数", Reason(1, LedgerField.TotalInvestment));
        Assert.Contains("超过总投资", Reason(2, LedgerField.AnnualPlan));
        Assert.Contains("只有29天", Reason(2, LedgerField.PlannedStart));
        Assert.Contains("重复", Reason(3, LedgerField.Code));
        Assert.Contains("已属于", Reason(4, LedgerField.Code));
        Assert.Contains("新建", Reason(5, LedgerField.Nature));
        Assert.Contains("省级重点", Reason(5, LedgerField.Levels));
        Assert.Equal(5, result.BadRows);
        Assert.All(result.Problems, p => Assert.Equal(ledger.Sheet, p.Sheet));
        Assert.Equal("2024-02-30", result.Problems.Single(p => p.Column == LedgerFormat.Header(LedgerField.PlannedStart)).Value);
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrEmpty(p.Reason.En)));
    }

    [Theory]
    [DatabaseData]
    public async Task GoodRowsOnly_ImportsTheGoodRows_InOneGo(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = TestLedger.Standard();
        ledger.Add(TestLedger.Project("OK-1", "甲"));
        var bad = TestLedger.Project("BAD-1", "乙");
        bad[LedgerField.TotalInvestment] = "很多";
        ledger.Add(bad);
        ledger.Add(TestLedger.Project("OK-2", "丙"));

        var result = await ImportAsync(db, ledger.Xlsx(), new LedgerImportOptions { Year = 2024, GoodRowsOnly = true });
        Assert.True(result.Applied);
        Assert.Equal(2, result.New);
        Assert.Equal(1, result.BadRows);
        await using var c = db.NewContext();
        Assert.Equal(["OK-1", "OK-2"], await c.Projects.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task DryRun_CountsEverything_AndWritesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var result = await ImportAsync(db, Messy().Xlsx(), new LedgerImportOptions { Year = 2024, DryRun = true });
        Assert.False(result.Applied);
        Assert.Equal(3, result.New);
        Assert.Equal(5, result.CreatedUnits.Count);
        Assert.Equal((0, 0, 0, 0, 0), await CountsAsync(db));
    }

    [Theory]
    [DatabaseData]
    public async Task CsvLedgers_InEveryEncoding_ImportAlike(DbProvider provider)
    {
        foreach (var (encoding, bom) in new[] { (Encoding.UTF8, true), (new UTF8Encoding(false), false), (Encoding.GetEncoding("GB18030"), false) })
        {
            await using var db = await TestDatabase.CreateAsync(provider);
            var result = await ImportAsync(db, Messy().Csv(encoding, bom));
            Assert.True(result.Applied, encoding.WebName + ": " + string.Join("\n", result.Problems));
            Assert.Equal(3, result.New);
            await using var c = db.NewContext();
            Assert.True(await c.Projects.AnyAsync(p => p.Name == "高新区老年福利中心建设项目"), encoding.WebName);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task AHeaderItCannotPlace_IsSettledByMap(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = new TestLedger { Headers = ["项目名称", "所在县区开发区", "投资总额（万元）", "项目属性"] };
        ledger.Row("甲项目", "阳泉高新区", "1000", "新建");

        var e = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(db, ledger.Xlsx()));
        Assert.Contains("所属区域", e.Text.Zh);
        Assert.Contains("投资总额（万元）", e.Text.Zh); // listed among the headers not understood
        Assert.Contains("--map", e.Text.Zh);

        var map = LedgerFormat.ParseMap(["所在县区开发区=unit", "投资总额（万元）=总投资", "项目属性=nature"]);
        var result = await ImportAsync(db, ledger.Xlsx(), new LedgerImportOptions { Year = 2024, Map = map });
        Assert.True(result.Applied, string.Join("\n", result.Problems));
        Assert.Equal(1, result.New);
    }

    [Theory]
    [DatabaseData]
    public async Task TheSheetWithTheLedger_IsChosen_OrTheOneNamed(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var bytes = TwoSheets();
        var source = LedgerSource.FromBytes(bytes, "两表.xlsx", LedgerLimits.Default);
        Assert.Equal("台账", LedgerImporter.ChooseSheet(source, null));
        var e = Assert.Throws<DomainException>(() => LedgerImporter.ChooseSheet(source, "不存在"));
        Assert.Contains("说明、台账", e.Text.Zh);
        var result = await ImportAsync(db, source);
        Assert.Equal(1, result.New);
    }

    [Theory]
    [DatabaseData]
    public async Task RowLimit_IsEnforced(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = TestLedger.Standard();
        for (var i = 0; i < 5; i++)
        {
            ledger.Add(TestLedger.Project($"R-{i}", $"项目{i}"));
        }

        var e = await Assert.ThrowsAsync<DomainException>(() => ImportAsync(db, ledger.Xlsx(), new LedgerImportOptions { Year = 2024, Limits = new LedgerLimits { MaxRows = 3 } }));
        Assert.Contains("3行上限", e.Text.Zh);
        Assert.Equal(0, (await CountsAsync(db)).Projects);
    }

    [Theory]
    [DatabaseData]
    public async Task ABadRowAfterThousandsOfGoodOnes_StillLeavesTheDatabaseAsItWas(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var before = await CountsAsync(db);
        var ledger = TestLedger.Standard();
        for (var i = 0; i < 4500; i++)
        {
            ledger.Add(TestLedger.Project($"MANY-{i:D5}", $"批量项目{i}"));
        }

        var bad = TestLedger.Project("MANY-BAD", "最后一行有错");
        bad[LedgerField.TotalInvestment] = "-1";
        ledger.Add(bad);

        var result = await ImportAsync(db, ledger.Xlsx());
        Assert.False(result.Applied);
        Assert.Equal(4501, result.Rows);
        Assert.Equal(ledger.RowNumber(4500), Assert.Single(result.Problems).Row);
        Assert.Equal(before, await CountsAsync(db));
    }

    [Theory]
    [DatabaseData]
    public async Task AScopedImport_NeverTakesAProjectOfAnotherUnit_NorSaysWhoseItIs(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        int zone, guxian;
        await using (var c = db.NewContext())
        {
            zone = await c.OrgUnits.Where(u => u.Name == "阳泉高新区").Select(u => u.Id).SingleAsync();
            guxian = await c.OrgUnits.Where(u => u.Name == "古县经济技术开发区").Select(u => u.Id).SingleAsync();
        }

        async Task<int> UnitOfAsync(string code)
        {
            await using var c = db.NewContext();
            return await c.Projects.Where(p => p.Code == code).Select(p => p.OrgUnitId).SingleAsync();
        }

        // 古县's project by its code, under the importing zone's name: a row problem naming neither project nor unit.
        var takeover = TestLedger.Standard().Add(TestLedger.Project("GX-2024-002", "古县2024年重点产业项目1"));
        var before = await CountsAsync(db);
        var result = await ImportAsync(db, takeover.Xlsx(), new LedgerImportOptions { Year = 2024, ScopeUnitId = zone });
        Assert.False(result.Applied);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(LedgerFormat.Header(LedgerField.Code), problem.Column);
        Assert.Equal(new Text("项目编号已属于其他单位的项目", "This project code belongs to a project of another unit"), problem.Reason);
        Assert.Empty(result.Changes);
        Assert.Equal(before, await CountsAsync(db));
        Assert.Equal(guxian, await UnitOfAsync("GX-2024-002"));

        // A project without a code, moved out of the zone by the province, is not found again by its old unit and name.
        var codeless = TestLedger.Project("", "无编号的项目");
        codeless[LedgerField.Code] = null;
        var first = await ImportAsync(db, TestLedger.Standard().Add(codeless).Xlsx(), new LedgerImportOptions { Year = 2024, ScopeUnitId = zone });
        Assert.True(first.Applied);
        var code = Assert.Single(first.Changes).Code;
        var moved = TestLedger.Project(code, "无编号的项目", unit: "古县经济技术开发区", city: "临汾市");
        Assert.True((await ImportAsync(db, TestLedger.Standard().Add(moved).Xlsx())).Applied);
        var again = await ImportAsync(db, TestLedger.Standard().Add(codeless).Xlsx(), new LedgerImportOptions { Year = 2024, ScopeUnitId = zone });
        Assert.False(again.Applied);
        Assert.Equal("项目编号已属于其他单位的项目", Assert.Single(again.Problems).Reason.Zh);
        Assert.Equal(guxian, await UnitOfAsync(code));
    }

    [Theory]
    [DatabaseData]
    public async Task AnImportStoppedHalfway_LeavesTheDatabaseAsItWas(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var before = await CountsAsync(db);
        var ledger = TestLedger.Standard();
        for (var i = 0; i < 4500; i++)
        {
            ledger.Add(TestLedger.Project($"STOP-{i:D5}", $"中断项目{i}"));
        }

        using var stop = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Stage == "write" && p.Done > 0)
            {
                stop.Cancel(); // as if the process were killed after the first batch was written
            }
        });
        await using (var context = db.NewContext())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new LedgerImporter(context, Clock).ImportAsync(ledger.Xlsx(), new LedgerImportOptions { Year = 2024 }, progress, stop.Token));
        }

        Assert.Equal(before, await CountsAsync(db));
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Theory]
    [DatabaseData]
    public async Task ExportThenImport_ChangesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var before = await CountsAsync(db);
        foreach (var format in new[] { LedgerExportFormat.Xlsx, LedgerExportFormat.Csv })
        {
            using var file = new MemoryStream();
            await using (var c = db.NewContext())
            {
                var tree = new OrgTree(await c.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());
                var province = tree.Resolve("山西省");
                var exporter = new LedgerExporter(c);
                var period = await exporter.LatestPeriodAsync(tree.Subtree(province.Id), 2024);
                Assert.Equal(DemoData.Period, period);
                Assert.Equal(before.Projects, await exporter.WriteAsync(file, format, tree, province.Name, tree.Subtree(province.Id), 2024, period!.Value));
            }

            var name = format == LedgerExportFormat.Xlsx ? "export.xlsx" : "export.csv";
            var result = await ImportAsync(db, LedgerSource.FromBytes(file.ToArray(), name, LedgerLimits.Default), new LedgerImportOptions());
            Assert.True(result.Applied, string.Join("\n", result.Problems));
            Assert.Equal((0, 0, before.Projects), (result.New, result.Updated, result.Unchanged));
            Assert.Equal(2024, result.Year); // from the title row
            Assert.Equal(DemoData.Period, result.Period); // "数据截至2024年3月"
            Assert.Empty(result.UnknownHeaders);
            Assert.Equal(before, await CountsAsync(db));
        }
    }

    private static byte[] TwoSheets()
    {
        // A cover sheet, then the ledger: write both with OpenXml by hand (the test writer makes one sheet).
        using var output = new MemoryStream();
        using (var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
            var sheets = wb.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets());
            string[][][] content =
            [
                [["填表说明：请按模板填写"]],
                [["项目名称", "所属区域", "建设性质", "总投资"], ["甲项目", "阳泉高新区", "新建", "100"]],
            ];
            string[] names = ["说明", "台账"];
            for (var s = 0; s < 2; s++)
            {
                var part = wb.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
                var data = new DocumentFormat.OpenXml.Spreadsheet.SheetData();
                foreach (var row in content[s])
                {
                    data.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Row(row.Select(v => new DocumentFormat.OpenXml.Spreadsheet.Cell(new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(v))) { DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString })));
                }

                part.Worksheet = new DocumentFormat.OpenXml.Spreadsheet.Worksheet(data);
                sheets.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = wb.GetIdOfPart(part), SheetId = (uint)(s + 1), Name = names[s] });
            }
        }

        return output.ToArray();
    }
}
