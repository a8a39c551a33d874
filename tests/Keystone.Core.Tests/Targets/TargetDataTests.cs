using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Ledger;
using Keystone.Core.Targets;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Targets;

/// <summary>增速 read from last year's imported ledger, and targets kept per unit and year, on both providers.</summary>
public class TargetDataTests
{
    private static async Task<OrgTree> TreeAsync(AppDbContext db) =>
        new(await db.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());

    /// <summary>A ledger of one year: each project a 续建 entry of 阳泉高新区 with its 本年完成投资, for the month given.</summary>
    private static async Task ImportAsync(AppDbContext db, int year, int month, params (string Code, decimal YearToDate)[] projects)
    {
        var ledger = TestLedger.Standard();
        ledger.Title($"{year}年重点项目台账");
        foreach (var (code, ytd) in projects)
        {
            var row = TestLedger.Project(code, "增速测试项目" + code);
            row[LedgerField.Nature] = "续建";
            row[LedgerField.YearToDate] = ytd;
            row[LedgerField.Cumulative] = ytd + 1_000m;
            row[LedgerField.PlannedStart] = new DateOnly(year - 1, 3, 1);
            row[LedgerField.ActualStart] = new DateOnly(year - 1, 3, 18);
            row[LedgerField.StartDate] = new DateOnly(year, 2, 20);
            ledger.Add(row);
        }

        var result = await new LedgerImporter(db, new FakeTimeProvider(TestDatabase.DemoDay)).ImportAsync(ledger.Xlsx(), new LedgerImportOptions { Year = year, Period = new Period(year, month) });
        Assert.True(result.Applied, string.Join("; ", result.Problems));
    }

    [Theory]
    [DatabaseData]
    public async Task Growth_ReadsLastYearsLedger_AsOfTheSameDay(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.NewContext())
        {
            await ImportAsync(db, 2023, 3, ("GR-2023-1", 700m), ("GR-2023-2", 900m));
        }

        await using (var db = test.NewContext())
        {
            await ImportAsync(db, 2024, 3, ("GR-2024-1", 800m), ("GR-2024-2", 1_200m));
        }

        await using var read = test.NewContext();
        var tree = await TreeAsync(read);
        var zone = tree.Resolve("阳泉高新区");

        async Task<InvestmentGrowth> GrowthOn(DateOnly day) =>
            await TargetData.GrowthAsync(read, tree, zone, (await ScopeDesk.FiguresAsync(read, tree, zone, 2024, day)).Figures);

        // 2,000 against 1,600 (the March 2023 reports count by 10 April 2023): +25%.
        var april = await GrowthOn(new DateOnly(2024, 4, 10));
        Assert.Equal((new Money(2_000m), new Money(1_600m), 25m), (april.Completed, april.LastYear!.Value, april.Growth!.Value.Rounded));
        Assert.Equal("同比增长25%", april.Phrase());
        // By 29 February neither year had reported: "—".
        var february = await GrowthOn(new DateOnly(2024, 2, 29));
        Assert.Null(february.LastYear);
        Assert.Null(february.Growth);
        // The city above sees the same base.
        var city = tree.Resolve("阳泉市");
        var cityGrowth = await TargetData.GrowthAsync(read, tree, city, (await ScopeDesk.FiguresAsync(read, tree, city, 2024, new DateOnly(2024, 4, 10))).Figures);
        Assert.Equal(25m, cityGrowth.Growth!.Value.Rounded);
    }

    [Theory]
    [DatabaseData]
    public async Task TheDemoZonesTargets_StandAgainstItsFigures_InTheFiguresAndTheBriefing(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var zone = tree.Resolve("阳泉高新区");
        var asOf = new DateOnly(2024, 4, 10);
        var figures = (await ScopeDesk.FiguresAsync(db, tree, zone, 2024, asOf)).Figures;
        var standing = await TargetData.StandingAsync(db, tree, zone, figures);
        Assert.NotNull(standing.Targets); // the demo carries seed 004's targets
        var against = standing.Against.ToDictionary(a => a.Key);
        Assert.Equal((26m, 23m, "88.5%", 3m), (against["newStarts"].Target, against["newStarts"].Actual, against["newStarts"].Rate.ToString(), against["newStarts"].Gap));
        Assert.Equal("88.6%", against["startRate"].Rate.ToString());

        var text = (await ScopeDesk.BriefingAsync(db, tree, zone, 2024, asOf)).Briefing.ToPlainText();
        Assert.Contains("高新区今年的目标是：在21个续建项目100%复工的基础上，推动新开工项目达到26个，开工率达到59%，完成投资8.1亿元，增速达到11%。目前新开工23个，完成目标的88.5%；开工率52.3%；", text);

        // Another zone set none: no paragraph, and the targets are per unit and year.
        var guxian = tree.Resolve("古县经济技术开发区");
        Assert.Null(await TargetData.ValuesAsync(db, guxian.Id, 2024));
        Assert.Null(await TargetData.ValuesAsync(db, zone.Id, 2025));
        Assert.DoesNotContain("的目标是", (await ScopeDesk.BriefingAsync(db, tree, guxian, 2024, asOf)).Briefing.ToPlainText());
    }
}
