using Keystone.Core.Data;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Data;

public class PersistenceTests
{
    private static readonly DateTimeOffset Now = new(2024, 11, 20, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A project with every fact filled (the persistence and bulk-insert round trips share it).</summary>
    internal static readonly ProjectFacts Facts = new()
    {
        Name = "长治高新区智能高端装备制造产业三期项目",
        Levels = ProjectLevels.Provincial | ProjectLevels.Municipal,
        Category = ProjectCategory.Infrastructure,
        Status = ProjectStatus.UnderConstruction,
        TotalInvestment = Money.FromYi(2.96m),
        IndustryChain = "高端装备制造",
        Content = "厂房七栋、综合楼一栋",
        LandArea = new Area(79_892.88m),
        FloorArea = new Area(47_031.1415m),
        OutputValueTarget = new Money(12_345.678901m),
        TaxTarget = new Money(100),
        JobsTarget = 700,
        ActualStart = new DateOnly(2023, 9, 12),
        PlannedCompletion = new DateOnly(2025, 6, 30),
        ResponsibleLeader = "张三",
        ResponsibleUnit = "长治高新区管委会",
        Contact = "陈龙 13800000000",
        ProblemsNote = "用地指标待批",
        Remarks = "备注",
    };

    [Theory]
    [DatabaseData]
    public async Task AProject_WithItsPlanAndReports_ReadsBackExactly(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.NewContext())
        {
            var province = new OrgUnit("山西省", OrgUnitKind.Province, null);
            var city = new OrgUnit("长治市", OrgUnitKind.City, province);
            var zone = new OrgUnit("长治高新区", OrgUnitKind.Zone, city);
            var enterprise = new Enterprise(new Uscc("91140400A4LTDXE9K2"), "长治高新区智有限公司", zone);
            var project = new Project(new ProjectCode("2304-140471-04-01-318852"), zone, Facts, enterprise);
            project.Plan(2024, new PlanEntry { Nature = Nature.Continuing, PlannedInvestment = new Money(15_000), PlannedStart = new DateOnly(2023, 9, 1), StartDate = new DateOnly(2024, 3, 1) });
            project.Report(new Period(2024, 3), new ProgressFigures { Month = new Money(532), YearToDate = new Money(1532), Cumulative = new Money(5328), ImageProgress = "a1基础工程已完成80%" }, Now);
            db.Projects.Add(project);
            await db.SaveChangesAsync();
        }

        await using (var db = test.NewContext())
        {
            var project = await db.Projects.Include(p => p.Plans).Include(p => p.Reports).Include(p => p.Enterprise).Include(p => p.Unit)
                .SingleAsync(p => p.Code == "2304-140471-04-01-318852");
            Assert.Equal(Facts, project.Facts);
            Assert.Equal(119.84m, project.LandArea!.Value.Mu);
            Assert.Equal("长治高新区", project.Unit!.Name);
            Assert.Equal("91140400A4LTDXE9K2", project.Enterprise!.Uscc.Value);
            var plan = Assert.Single(project.Plans);
            Assert.Equal(new PlanEntry { Nature = Nature.Continuing, PlannedInvestment = new Money(15_000), PlannedStart = new DateOnly(2023, 9, 1), StartDate = new DateOnly(2024, 3, 1) }, plan.Entry);
            var report = Assert.Single(project.Reports);
            Assert.Equal(new Period(2024, 3), report.Period);
            Assert.Equal(new Money(5328), report.Cumulative);
            Assert.Equal("a1基础工程已完成80%", report.ImageProgress);
            Assert.Equal(Now, report.ReportedAt);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task ProjectCodes_AreUnique(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var province = new OrgUnit("山西省", OrgUnitKind.Province, null);
        var city = new OrgUnit("阳泉市", OrgUnitKind.City, province);
        var facts = new ProjectFacts { Name = "甲", Levels = ProjectLevels.Zone, Category = ProjectCategory.Other, TotalInvestment = Money.Zero };
        db.Projects.Add(new Project(new ProjectCode("DUP-1"), city, facts));
        db.Projects.Add(new Project(new ProjectCode("DUP-1"), city, facts with { Name = "乙" }));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task UnitNames_AreUniqueAmongSiblings_ButNotAcrossParents(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.NewContext())
        {
            var province = new OrgUnit("山西省", OrgUnitKind.Province, null);
            var yangquan = new OrgUnit("阳泉市", OrgUnitKind.City, province);
            var changzhi = new OrgUnit("长治市", OrgUnitKind.City, province);
            db.OrgUnits.AddRange(new OrgUnit("城区", OrgUnitKind.County, yangquan), new OrgUnit("城区", OrgUnitKind.County, changzhi));
            await db.SaveChangesAsync();
        }

        await using (var db = test.NewContext())
        {
            var yangquan = await db.OrgUnits.SingleAsync(u => u.Name == "阳泉市");
            db.OrgUnits.Add(new OrgUnit("城区", OrgUnitKind.County, yangquan));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }
}
