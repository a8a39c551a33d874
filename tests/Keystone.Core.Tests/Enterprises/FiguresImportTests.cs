using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Enterprises;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Ledger;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Enterprises;

/// <summary>
/// The statistics office's table of enterprises' figures goes in as it comes (titles, units, 合计, a two-row
/// header, year-to-date totals), all or nothing, replacing the month's figures, and the pool reads them.
/// The sample files are built here (fixtures in code, no binaries).
/// </summary>
public class FiguresImportTests
{
    private static readonly string UsccA = "91140300MA0F00001" + Uscc.CheckCharacter("91140300MA0F00001");
    private static readonly string UsccB = "91140300MA0F00002" + Uscc.CheckCharacter("91140300MA0F00002");
    private static readonly string Unknown = "91140300MA0F00009" + Uscc.CheckCharacter("91140300MA0F00009");
    private static readonly DateTimeOffset At = new(2024, 4, 10, 2, 0, 0, TimeSpan.Zero);

    /// <summary>甲 (in the pool) and 乙 (matched by name), with approved January and February, and 乙's March as its reporter filed it.</summary>
    private static async Task SeedAsync(TestDatabase db)
    {
        await using var c = db.NewContext();
        var zone = await c.OrgUnits.SingleAsync(u => u.Name == "阳泉高新区");
        var a = new Enterprise(new Uscc(UsccA), "甲材料有限公司", zone);
        var b = new Enterprise(new Uscc(UsccB), "乙装备有限公司", zone);
        c.Enterprises.AddRange(a, b);
        await c.SaveChangesAsync();
        MonthFigures F(decimal output, decimal revenue, decimal tax) => new() { Output = new Money(output), Revenue = new Money(revenue), Tax = new Money(tax) };
        c.EnterpriseMonths.AddRange(
            new EnterpriseMonth(a, new Period(2024, 1), F(320, 300, 10), "t", At, needsReview: false),
            new EnterpriseMonth(a, new Period(2024, 2), F(480, 500, 15), "t", At, needsReview: false),
            new EnterpriseMonth(b, new Period(2024, 1), F(90, 100, 5), "t", At, needsReview: false),
            new EnterpriseMonth(b, new Period(2024, 2), F(120, 150, 5), "t", At, needsReview: false),
            new EnterpriseMonth(b, new Period(2024, 3), F(999, 999, 99), "reporter", At, needsReview: true));
        c.PoolEntries.Add(new PoolEntry(zone.Id, a, null, PoolThresholds.Industry, new Period(2024, 9), null, "t", At));
        await c.SaveChangesAsync();
    }

    private static async Task<FiguresImportResult> ImportAsync(TestDatabase db, LedgerSource file, Period? period = null, bool createMissing = false, bool dryRun = false)
    {
        await using var c = db.NewContext();
        var tree = await c.LoadTreeAsync();
        return await FiguresImport.ApplyAsync(c, tree, tree.Resolve("阳泉高新区").Id, file, period, createMissing, "统计员", At, dryRun);
    }

    /// <summary>The office's 1-3月 table in 千元, with a 序号 column and a 合计 row.</summary>
    public static TestLedger YearToDate(params object?[][] rows)
    {
        var file = new TestLedger { Sheet = "规上工业", Headers = ["序号", "统一社会信用代码", "企业名称", "工业总产值", "营业收入", "税金总额", "从业人员（人）"] };
        file.Title("2024年1-3月阳泉高新区规模以上工业企业主要经济指标");
        file.Title("单位：千元");
        foreach (var row in rows)
        {
            file.Row(row);
        }

        return file;
    }

    [Theory]
    [DatabaseData]
    public async Task AYearToDateTable_InQianYuan_GivesMarchItsOwnAmount_NewAndReplaced_AndThePoolReadsIt(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SeedAsync(db);
        var file = YearToDate(
            [1, UsccA, "甲材料有限公司", 12000, 11000, 500, 88],
            [2, "", "乙装备有限公司", 3000, 4000, 100, 40],
            ["合计", "", "", 15000, 15000, 600, 128]);

        var result = await ImportAsync(db, file.Xlsx("统计局.xlsx"), period: null);

        Assert.True(result.Applied, string.Join("\n", result.Problems));
        Assert.Equal((new Period(2024, 3), PeriodSource.Title, true), (result.Period!.Value, result.PeriodSource!.Value, result.Cumulative));
        Assert.Equal((1, 1), (result.New, result.Replaced));
        await using var c = db.NewContext();
        var months = await c.EnterpriseMonths.AsNoTracking().Include(m => m.Enterprise).Where(m => m.Period == new Period(2024, 3)).ToListAsync();
        var a = months.Single(m => m.Enterprise!.Uscc == new Uscc(UsccA));
        var b = months.Single(m => m.Enterprise!.Uscc == new Uscc(UsccB));
        // 甲: 1200 − (320 + 480) = 400; 1100 − (300 + 500) = 300; 50 − (10 + 15) = 25 (万元).
        Assert.Equal((400m, 300m, 25m, 88), (a.Output!.Value.Wan, a.Revenue!.Value.Wan, a.Tax!.Value.Wan, a.Employees!.Value));
        // 乙, matched by name, its reported 999 replaced: 300 − 210 = 90; 400 − 250 = 150; 10 − 10 = 0.
        Assert.Equal((90m, 150m, 0m, 40), (b.Output!.Value.Wan, b.Revenue!.Value.Wan, b.Tax!.Value.Wan, b.Employees!.Value));
        Assert.All(months.Where(m => m.Enterprise!.Name.StartsWith('甲') || m.Enterprise!.Name.StartsWith('乙')), m =>
            Assert.Equal((ReportStatus.Approved, EnterpriseMonth.StatisticsOffice), (m.Status, m.Source)));

        var tree = await c.LoadTreeAsync();
        var pool = await EnterpriseData.PoolAsync(c, tree.Subtree(tree.Resolve("阳泉高新区").Id), new Period(2024, 3), PoolThresholds.Default);
        var standing = pool.Single(r => r.Uscc == UsccA).Standing;
        Assert.Equal(1100m, standing.YearToDate.Wan); // the file's 1-3月 营业收入, 11000千元
        Assert.Equal(3, standing.MonthsReported);
        Assert.Equal(4400m, standing.Projected!.Value.Wan); // 1100 / 3 × 12

        // The same file again: both months replaced with the same figures; nothing doubles.
        var again = await ImportAsync(db, file.Xlsx("统计局.xlsx"));
        Assert.Equal((0, 2), (again.New, again.Replaced));
        await using var c2 = db.NewContext();
        Assert.Equal(300m, (await c2.EnterpriseMonths.AsNoTracking().SingleAsync(m => m.Period == new Period(2024, 3) && m.EnterpriseId == a.EnterpriseId)).Revenue!.Value.Wan);
    }

    [Theory]
    [DatabaseData]
    public async Task ATwoRowHeader_TakesTheMonthColumn_InYi_WithThePeriodGiven(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SeedAsync(db);
        var file = new TestLedger { Sheet = "企业", Headers = ["", "", "本月", "1-3月累计", "本月", "上年同期", "同比增长（%）", ""] };
        file.Title("阳泉高新区重点企业月报");
        file.Title("统一社会信用代码", "企业名称", "工业总产值（亿元）", "", "营业收入（亿元）", "", "", "从业人员");
        file.Row(UsccA, "甲材料有限公司", 0.05m, 0.12m, 0.04m, 0.03m, 33.3m, 90);

        var result = await ImportAsync(db, file.Xlsx(), new Period(2024, 3));

        Assert.True(result.Applied, string.Join("\n", result.Problems));
        Assert.Equal((PeriodSource.Option, false, 1, 0), (result.PeriodSource!.Value, result.Cumulative, result.New, result.Replaced));
        await using var c = db.NewContext();
        var a = await c.EnterpriseMonths.AsNoTracking().Include(m => m.Enterprise).SingleAsync(m => m.Period == new Period(2024, 3) && m.Enterprise!.Name == "甲材料有限公司");
        Assert.Equal((500m, 400m, 90), (a.Output!.Value.Wan, a.Revenue!.Value.Wan, a.Employees!.Value)); // 0.05亿元 = 500万元, the 本月 column
    }

    [Theory]
    [DatabaseData]
    public async Task ABadFile_IsRefusedWhole_WithEveryProblemByRowAndColumn(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SeedAsync(db);
        var file = new TestLedger { Sheet = "企业", Headers = ["统一社会信用代码", "企业名称", "工业总产值（美元）", "营业收入（万元）", "从业人员"] };
        file.Title("2024年3月企业数据");
        file.Row(UsccA, "甲材料有限公司", 1, 100, 10); // row 3: good on its own
        file.Row(Unknown, "丙未登记公司", 1, 200, 5); // row 4: unknown
        file.Row(UsccA, "甲材料有限公司", 1, 100, 10); // row 5: the same enterprise again
        file.Row("", "乙装备有限公司", 1, "12a", 10); // row 6: not a number
        file.Row("", "乙装备有限公司", 1, 50, 2.5m); // row 7: half a person
        file.Row("", "乙装备有限公司", 1, -50, 3); // row 8: a negative amount
        int before;
        await using (var c = db.NewContext())
        {
            before = await c.EnterpriseMonths.CountAsync();
        }

        var result = await ImportAsync(db, file.Xlsx());

        Assert.False(result.Applied);
        Assert.Empty(result.Changes);
        var found = result.Problems.Select(p => (p.Row, p.Column)).ToList();
        Assert.Contains((2, "工业总产值（美元）"), found);
        Assert.Contains((4, "统一社会信用代码"), found);
        Assert.Contains((5, "统一社会信用代码"), found);
        Assert.Contains((6, "营业收入（万元）"), found);
        Assert.Contains((7, "从业人员"), found);
        Assert.Contains(result.Problems, p => p.Row == 8 && p.Column == "营业收入（万元）" && p.Reason.Zh == "不能为负数" && p.Reason.En == "Cannot be negative");
        Assert.Contains(result.Problems, p => p.Row == 4 && p.Reason.Zh.Contains("--create-missing", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Row == 5 && p.Reason.Zh.Contains("第3行", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Row == 2 && p.Reason.Zh.Contains("美元", StringComparison.Ordinal));
        await using (var c = db.NewContext())
        {
            Assert.Equal(before, await c.EnterpriseMonths.CountAsync());
        }

        // The marked-up copy names each problem on its row.
        using var copy = new MemoryStream();
        ErrorWorkbook.Write(file.Xlsx(), result.Sheet, result.HeaderRow, result.Problems, result.Columns, copy);
        Assert.True(copy.Length > 0);
    }

    [Theory]
    [DatabaseData]
    public async Task CreateMissing_RegistersTheUnknownEnterprise_AndATitleAtOddsWithThePeriodIsRefused(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SeedAsync(db);
        var file = new TestLedger { Sheet = "企业", Headers = ["统一社会信用代码", "企业名称", "营业收入（万元）"] };
        file.Title("2024年3月企业数据");
        file.Row(Unknown, "丙新材料有限公司", 120);

        var clash = await ImportAsync(db, file.Xlsx(), new Period(2024, 4), createMissing: true);
        Assert.Contains(clash.Problems, p => p.Reason.Zh.Contains("2024年3月", StringComparison.Ordinal) && p.Reason.Zh.Contains("2024-04", StringComparison.Ordinal));

        // A month not yet begun (the import is on 2024-04-10) is refused.
        var may = new TestLedger { Sheet = "企业", Headers = ["统一社会信用代码", "企业名称", "营业收入（万元）"] };
        may.Title("2024年5月企业数据");
        may.Row(UsccA, "甲材料有限公司", 120);
        var notYet = await ImportAsync(db, may.Xlsx());
        Assert.False(notYet.Applied);
        Assert.Contains(notYet.Problems, p => p.Reason.Zh.Contains("2024年5月尚未开始", StringComparison.Ordinal) && p.Reason.En.Contains("2024-05 has not begun", StringComparison.Ordinal));

        var result = await ImportAsync(db, file.Xlsx(), null, createMissing: true);
        Assert.True(result.Applied, string.Join("\n", result.Problems));
        Assert.Equal((1, 1), (result.New, result.Created));
        await using var c = db.NewContext();
        var e = await c.Enterprises.AsNoTracking().Include(x => x.OwnerUnit).SingleAsync(x => x.Uscc == new Uscc(Unknown));
        Assert.Equal(("丙新材料有限公司", "阳泉高新区"), (e.Name, e.OwnerUnit!.Name));
    }

    [Theory]
    [DatabaseData]
    public async Task TheTemplate_NamesTheMonthAndTheUnitsEnterprises_AndGoesBackInUntouched_ChangingNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SeedAsync(db);
        using var output = new MemoryStream();
        int written;
        await using (var c = db.NewContext())
        {
            var tree = await c.LoadTreeAsync();
            written = await FiguresTemplate.WriteAsync(c, tree, tree.Resolve("阳泉高新区").Id, new Period(2024, 3), output);
        }

        var source = LedgerSource.FromBytes(output.ToArray(), "模板.xlsx", LedgerLimits.Default);
        var rows = source.Rows("企业月度数据").ToList();
        Assert.StartsWith("2024年3月阳泉高新区", rows[0].TextAt(0), StringComparison.Ordinal);
        Assert.Equal(FiguresTemplate.Headers, Enumerable.Range(0, FiguresTemplate.Headers.Count).Select(rows[2].TextAt));
        Assert.Contains(rows, r => r.TextAt(0) == UsccA && r.TextAt(1) == "甲材料有限公司");
        Assert.Equal(written, rows.Count - 3);

        int before;
        await using (var c = db.NewContext())
        {
            before = await c.EnterpriseMonths.CountAsync();
        }

        var result = await ImportAsync(db, source);
        Assert.True(result.Applied, string.Join("\n", result.Problems));
        Assert.Equal((new Period(2024, 3), PeriodSource.Title, 0, 0), (result.Period!.Value, result.PeriodSource!.Value, result.New, result.Replaced));
        await using (var c = db.NewContext())
        {
            Assert.Equal(before, await c.EnterpriseMonths.CountAsync());
        }
    }
}
