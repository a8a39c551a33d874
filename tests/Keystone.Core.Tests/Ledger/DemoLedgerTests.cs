using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Ledger;

/// <summary>The demo ledger loads through the importer and reproduces the totals seed 004 prints.</summary>
public class DemoLedgerTests
{
    [Theory]
    [DatabaseData]
    public async Task Demo_ReproducesTheSeed004Totals(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = new OrgTree(await db.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());
        var totals = await PlanTotals.ForYearAsync(db, tree, 2024);

        var yangquan = totals.Single(t => t.Unit.Name == "阳泉高新区");
        Assert.Equal(65, yangquan.Projects);
        Assert.Equal("332亿元", yangquan.TotalInvestment.ToString());
        Assert.Equal("50亿元", yangquan.AnnualPlan.ToString());

        var guxian = totals.Single(t => t.Unit.Name == "古县经济技术开发区");
        Assert.Equal(16, guxian.Projects);
        Assert.Equal("147.77亿元", guxian.TotalInvestment.ToString());
        Assert.Equal("28.11亿元", guxian.AnnualPlan.ToString());

        var province = totals.Single(t => t.Unit.Kind == OrgUnitKind.Province);
        Assert.Equal(await db.Projects.CountAsync(), province.Projects);
        Assert.Equal(province.Projects, totals.Where(t => t.Depth == 1).Sum(t => t.Projects));

        var zoneId = yangquan.Unit.Id;
        var provincial = await db.Projects.Where(p => p.OrgUnitId == zoneId && (p.Levels & ProjectLevels.Provincial) != 0).Include(p => p.Plans).ToListAsync();
        Assert.Equal(12, provincial.Count);
        Assert.Equal("91.4亿元", Money.Sum(provincial.Select(p => p.TotalInvestment)).ToString());
        Assert.Equal("17亿元", Money.Sum(provincial.Select(p => p.Plans.Single().PlannedInvestment)).ToString());
        var municipal = await db.Projects.Where(p => p.OrgUnitId == zoneId && (p.Levels & ProjectLevels.Municipal) != 0).Include(p => p.Plans).ToListAsync();
        Assert.Equal(16, municipal.Count);
        Assert.Equal("86.27亿元", Money.Sum(municipal.Select(p => p.TotalInvestment)).ToString());
        Assert.Equal("9.66亿元", Money.Sum(municipal.Select(p => p.Plans.Single().PlannedInvestment)).ToString());
    }

    [Theory]
    [DatabaseData]
    public async Task Demo_CarriesTheSeedFacts(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var taizhong = await db.Projects.Include(p => p.Unit).Include(p => p.Reports).SingleAsync(p => p.Code == "2404-140100-04-01-102938");
        Assert.Equal("太重中大型工程起重机智能制造项目", taizhong.Name);
        Assert.Equal("山西转型综改示范区潇河新兴产业园区", taizhong.Unit!.Name);
        Assert.Equal(OrgUnitKind.Zone, taizhong.Unit.Kind);
        Assert.Equal(340m, taizhong.LandArea!.Value.Mu);
        Assert.Equal(700, taizhong.JobsTarget);
        Assert.Equal("60亿元", taizhong.OutputValueTarget.ToString());
        var report = Assert.Single(taizhong.Reports);
        Assert.Equal(DemoData.Period, report.Period);
        Assert.Equal(new Money(8347), report.YearToDate);

        var changzhi = await db.Projects.SingleAsync(p => p.Code == "2304-140471-04-01-318852");
        Assert.Equal(119.84m, changzhi.LandArea!.Value.Mu);
        Assert.Equal("2.96亿元", changzhi.TotalInvestment.ToString());

        var xinrong = await db.OrgUnits.SingleAsync(u => u.Name == "新荣区");
        Assert.Equal(OrgUnitKind.County, xinrong.Kind);
    }

    [Theory]
    [DatabaseData]
    public async Task ImportingTheSameLedgerAgain_ChangesNothing(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        int projects, plans, reports, units;
        await using (var db = test.NewContext())
        {
            (projects, plans, reports, units) = (await db.Projects.CountAsync(), await db.AnnualPlans.CountAsync(), await db.ProgressReports.CountAsync(), await db.OrgUnits.CountAsync());
        }

        await using (var db = test.NewContext())
        {
            var again = await DemoData.LoadAsync(db, new FakeTimeProvider(TestDatabase.DemoDay.AddDays(30)));
            Assert.Equal(0, again.New);
            Assert.Equal(0, again.Updated);
            Assert.Equal(projects, again.Unchanged);
            Assert.Empty(again.CreatedUnits);
            Assert.All(again.Changes, c => Assert.Empty(c.Fields));
        }

        await using (var db = test.NewContext())
        {
            Assert.Equal((projects, plans, reports, units), (await db.Projects.CountAsync(), await db.AnnualPlans.CountAsync(), await db.ProgressReports.CountAsync(), await db.OrgUnits.CountAsync()));
        }
    }
}
