using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Enterprises;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Enterprises;

/// <summary>
/// 指标挖潜's enterprise half on the demo's 安泽 mines (docs/domain.md "Contribution by enterprise"), by hand:
/// first quarter 2023 玉华 45400, 安鑫 35400, 玉和泰 29700 (110500万元); 2024 49200, 36100, 28500 (113800万元).
/// </summary>
public class EnterpriseContributionTests
{
    private static async Task<OrgTree> TreeAsync(AppDbContext db) =>
        new(await db.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());

    [Theory]
    [DatabaseData]
    public async Task TheMinesOutput_SplitsTheZonesGrowthIntoPoints_ThatAddUpToIt(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var anze = tree.Resolve("安泽经济技术开发区");

        var table = await EnterpriseContributionData.AboveScaleOutputAsync(db, tree, anze.Id, new Period(2024, 3));
        Assert.Equal((113_800m, 110_500m), (table.This, table.Last));
        Assert.Equal(2.99m, decimal.Round(table.Growth!.Value, 2));
        // The washeries are below scale: not in the table.
        Assert.Equal(["安泽县玉华煤业有限公司", "安泽县安鑫煤业有限公司", "安泽县玉和泰煤业有限公司"], table.Rows.Select(r => r.Name));
        Assert.Equal([3.44m, 0.63m, -1.09m], table.Rows.Select(r => decimal.Round(r.Points!.Value, 2)));
        Assert.Equal(table.Growth!.Value, table.Rows.Sum(r => r.Points!.Value), 10);

        // Two months: 玉华 +2300, 安鑫 +300, 玉和泰 −800 over 72600.
        var february = await EnterpriseContributionData.AboveScaleOutputAsync(db, tree, anze.Id, new Period(2024, 2));
        Assert.Equal((74_400m, 72_600m), (february.This, february.Last));
        Assert.Equal([3.17m, 0.41m, -1.10m], february.Rows.Select(r => decimal.Round(r.Points!.Value, 2)));
    }

    [Theory]
    [DatabaseData]
    public async Task OnlyApprovedMonthsOfAboveScaleIndustry_Count_AndANewcomerCountsFromZero(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var anze = await db.OrgUnits.SingleAsync(u => u.Name == "安泽经济技术开发区");
        var at = TestDatabase.DemoDay;

        // A logistics company above scale (门类 G): not industry. A new mine above scale from February 2024, with
        // no 2023 figures: its whole output is growth. A submitted (not yet approved) month does not count.
        var logistics = new Enterprise(new Uscc("91141026MA0AX0007" + Uscc.CheckCharacter("91141026MA0AX0007")), "安泽县物流有限公司", anze);
        logistics.Describe(new EnterpriseProfile { IndustryCode = "G5430", AboveScale = true });
        var newcomer = new Enterprise(new Uscc("91141026MA0AX0008" + Uscc.CheckCharacter("91141026MA0AX0008")), "安泽县新矿业有限公司", anze);
        newcomer.Describe(new EnterpriseProfile { IndustryCode = "B0610", AboveScale = true, AboveScaleSince = new Period(2024, 2) });
        db.Enterprises.AddRange(logistics, newcomer);
        db.EnterpriseMonths.Add(new EnterpriseMonth(logistics, new Period(2024, 1), new MonthFigures { Output = new Money(5_000m) }, "t", at, needsReview: false));
        db.EnterpriseMonths.Add(new EnterpriseMonth(newcomer, new Period(2024, 2), new MonthFigures { Output = new Money(1_100m) }, "t", at, needsReview: false));
        db.EnterpriseMonths.Add(new EnterpriseMonth(newcomer, new Period(2024, 3), new MonthFigures { Output = new Money(9_999m) }, "t", at, needsReview: true));
        await db.SaveChangesAsync();

        var table = await EnterpriseContributionData.AboveScaleOutputAsync(db, tree, anze.Id, new Period(2024, 3));
        Assert.DoesNotContain(table.Rows, r => r.Name == "安泽县物流有限公司");
        var row = Assert.Single(table.Rows, r => r.Name == "安泽县新矿业有限公司");
        Assert.Equal((1_100m, 0m, 1_100m), (row.This, row.Last, row.Change));
        // (113800 + 1100 − 110500) / 110500 = 3.98%; its 1100 is 1.00 point of it.
        Assert.Equal((3.98m, 1.00m), (decimal.Round(table.Growth!.Value, 2), decimal.Round(row.Points!.Value, 2)));

        // Before it entered the statistics (January) it is not counted at all.
        var january = await EnterpriseContributionData.AboveScaleOutputAsync(db, tree, anze.Id, new Period(2024, 1));
        Assert.DoesNotContain(january.Rows, r => r.Name == "安泽县新矿业有限公司");
    }
}
