using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Figures;

/// <summary>The figures read from the database (the demo ledger), on both providers.</summary>
public class FiguresDataTests
{
    private static readonly DateOnly AsOf = new(2024, 4, 10);

    private static async Task<OrgTree> TreeAsync(AppDbContext db) =>
        new(await db.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());

    [Theory]
    [DatabaseData]
    public async Task TheDemo_GivesSeed004sFigures_For阳泉高新区(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var f = (await ScopeDesk.FiguresAsync(db, tree, tree.Resolve("阳泉高新区"), 2024, AsOf)).Figures;
        Assert.Equal((65, 21, 44, 21, 23, 44), (f.Planned, f.Continuing, f.New, f.Resumed, f.NewlyStarted, f.Started));
        Assert.Equal(("332亿元", "50亿元", "100%", "52.3%"), (f.TotalInvestment.ToString(), f.AnnualPlan.ToString(), f.ResumeRate.ToString(), f.StartRate.ToString()));

        var provincial = (await ScopeDesk.FiguresAsync(db, tree, tree.Resolve("阳泉高新区"), 2024, AsOf, new PlanRowFilter { Levels = ProjectLevels.Provincial })).Figures;
        Assert.Equal((12, 9, 5, 4), (provincial.Planned, provincial.Started, provincial.Resumed, provincial.NewlyStarted));
        var municipal = (await ScopeDesk.FiguresAsync(db, tree, tree.Resolve("阳泉高新区"), 2024, AsOf, new PlanRowFilter { Levels = ProjectLevels.Municipal })).Figures;
        Assert.Equal((16, 11, 5, 6), (municipal.Planned, municipal.Started, municipal.Resumed, municipal.NewlyStarted));
        Assert.Equal("86.27亿元", municipal.TotalInvestment.ToString());
    }

    [Theory]
    [DatabaseData]
    public async Task CompletedInvestment_IsTheLatestReportUpToTheAsOfMonth(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var zone = tree.Resolve("长治高新区");
        Assert.Equal(new Money(1532), (await ScopeDesk.FiguresAsync(db, tree, zone, 2024, AsOf)).Figures.CompletedInvestment);
        Assert.Equal(Money.Zero, (await ScopeDesk.FiguresAsync(db, tree, zone, 2024, new DateOnly(2024, 2, 29))).Figures.CompletedInvestment); // the March report is not yet there
        Assert.Equal(0, (await ScopeDesk.FiguresAsync(db, tree, zone, 2024, new DateOnly(2024, 2, 29))).Figures.Reported);
        Assert.Equal(new Money(1532), (await ScopeDesk.FiguresAsync(db, tree, zone, 2024, new DateOnly(2025, 6, 1))).Figures.CompletedInvestment); // a past year: as at its end
    }

    [Theory]
    [DatabaseData]
    public async Task AParentsFigures_AreTheSumOfItsChildren(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var province = tree.Resolve("山西省");
        var whole = (await ScopeDesk.FiguresAsync(db, tree, province, 2024, AsOf)).Figures;
        var children = new List<ScopeFigures>();
        foreach (var city in tree.ChildrenOf(province.Id))
        {
            children.Add((await ScopeDesk.FiguresAsync(db, tree, city, 2024, AsOf)).Figures);
        }

        Assert.Equal(whole.Planned, children.Sum(c => c.Planned));
        Assert.Equal(whole.Started, children.Sum(c => c.Started));
        Assert.Equal(whole.Resumed, children.Sum(c => c.Resumed));
        Assert.Equal(whole.TotalInvestment, Money.Sum(children.Select(c => c.TotalInvestment)));
        Assert.Equal(whole.CompletedInvestment, Money.Sum(children.Select(c => c.CompletedInvestment)));
    }

    [Theory]
    [DatabaseData]
    public async Task Started_NeverFalls_AsTheAsOfDateMovesOn(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var province = tree.Resolve("山西省");
        var rows = await FiguresData.ScopeRowsAsync(db, tree, province, 2024, new DateOnly(2024, 12, 31));
        var previous = -1;
        for (var day = new DateOnly(2024, 1, 1); day.Year == 2024; day = day.AddDays(7))
        {
            var f = FiguresEngine.Compute(rows, 2024, day);
            Assert.Equal(f.Resumed + f.NewlyStarted, f.Started);
            Assert.True(f.Started >= previous, $"started fell on {day}");
            previous = f.Started;
        }
    }

    [Theory]
    [DatabaseData]
    public async Task TheGuxianBriefing_TellsOfTheConcurrentStart(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var drafted = await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("古县经济技术开发区"), 2024, AsOf);
        var text = drafted.Briefing.ToPlainText();
        Assert.Contains("10个重点项目（包括5个产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元", text);
    }

    [Theory]
    [DatabaseData]
    public async Task LightRules_AreTheUnitsOwn_ElseTheNearestAncestors(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var city = tree.Resolve("阳泉市");
        var zone = tree.Resolve("阳泉高新区");
        Assert.Equal(LightRules.Default, (await LightsData.RulesAsync(db, tree)).For(zone.Id));
        db.LightRuleSets.Add(new LightRuleSet(city.Id, LightRules.Default with { StartOverdueMonths = 2 }));
        await db.SaveChangesAsync();
        Assert.Equal(2, (await LightsData.RulesAsync(db, tree)).For(zone.Id).StartOverdueMonths);
        Assert.Equal(3, (await LightsData.RulesAsync(db, tree)).For(tree.Resolve("古县经济技术开发区").Id).StartOverdueMonths);
        Assert.Throws<ValidationException>(() => new LightRuleSet(zone.Id, LightRules.Default with { PaceYellowPoints = 40, PaceRedPoints = 30 }));
    }

    [Theory]
    [DatabaseData]
    public async Task AScopesRows_ReadInPartsOnTheirOwnConnections_AreTheRowsOfOneQuery(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var random = new Random(7);
        var scopes = new[] { "山西省", "阳泉市", "阳泉高新区" }.Select(name => (IReadOnlyCollection<int>?)tree.Subtree(tree.Resolve(name).Id)).Append(null);
        foreach (var units in scopes)
        {
            foreach (var asOf in Enumerable.Range(0, 4).Select(_ => new DateOnly(2024, 1, 1).AddDays(random.Next(366))).Append(AsOf))
            {
                var once = await FiguresData.RowsAsync(db, units, 2024, asOf, parts: null, TestContext.Current.CancellationToken);
                Assert.NotEmpty(once);
                foreach (var parts in new[] { 2, 3 })
                {
                    var parted = await FiguresData.RowsAsync(db, units, 2024, asOf, parts, TestContext.Current.CancellationToken);
                    Assert.Equal(once.OrderBy(r => r.ProjectId), parted.OrderBy(r => r.ProjectId));
                }
            }
        }
    }

    [Fact]
    public async Task OnSqlite_RowsTakenFromTheStatement_AreTheRowsEfMaterializes()
    {
        await using var test = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        await using (var write = test.NewContext())
        {
            // A part of a parent project, which the demo has none of.
            var pair = await write.Projects.Include(p => p.Parent).Where(p => p.OrgUnitId == write.Projects.Min(q => q.OrgUnitId)).OrderBy(p => p.Id).Take(2).ToListAsync();
            pair[1].SetParent(pair[0], hasParts: false);
            await write.SaveChangesAsync();
        }

        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var random = new Random(11);
        var scopes = new[] { "山西省", "阳泉市", "阳泉高新区" }.Select(name => (IReadOnlyCollection<int>?)tree.Subtree(tree.Resolve(name).Id)).Append(null);
        var seen = new List<PlanRow>();
        foreach (var units in scopes)
        {
            foreach (var asOf in Enumerable.Range(0, 4).Select(_ => new DateOnly(2024, 1, 1).AddDays(random.Next(366))).Append(AsOf).Append(new DateOnly(2025, 3, 1)))
            {
                foreach (var parts in new int?[] { null, 2 })
                {
                    var ef = await FiguresData.RowsAsync(db, units, 2024, asOf, parts, TestContext.Current.CancellationToken, throughEf: true);
                    var taken = await FiguresData.RowsAsync(db, units, 2024, asOf, parts, TestContext.Current.CancellationToken);
                    Assert.NotEmpty(ef);
                    Assert.Equal(ef.OrderBy(r => r.ProjectId), taken.OrderBy(r => r.ProjectId));
                    seen.AddRange(taken);
                }
            }
        }

        // The demo's rows hold every kind of value the reader converts: each nullable column both null and set, every nature.
        Assert.Contains(seen, r => r.YearToDate is null);
        Assert.Contains(seen, r => r.YearToDate is not null);
        Assert.Contains(seen, r => r.ParentId is not null);
        Assert.Contains(seen, r => r.IndustryChain is not null);
        Assert.Contains(seen, r => r.PlannedStart is not null);
        Assert.Contains(seen, r => r.StartDate is null);
        Assert.Contains(seen, r => r.StartDate is not null);
        Assert.Contains(seen, r => r.ActualStart is not null);
        Assert.Contains(seen, r => r.SigningTarget);
        Assert.Equal(Enum.GetValues<Keystone.Core.Plans.Nature>().Length, seen.Select(r => r.Nature).Distinct().Count());
        Assert.True(seen.Select(r => r.Category).Distinct().Count() > 1);
        Assert.True(seen.Select(r => r.Levels).Distinct().Count() > 2);
    }

    [Theory]
    [DatabaseData]
    public async Task AListProjectsImageProgress_IsItsLatestApprovedReportWithText_UpToTheMonth(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using (var db = test.NewContext())
        {
            // Three reporting projects: a later approved report without text, a later text still awaiting review, a later approved text.
            var projects = await db.Projects.Include(p => p.Reports).Where(p => p.Reports.Any(r => r.ImageProgress != null)).OrderBy(p => p.Id).Take(3).ToListAsync();
            Assert.Equal(3, projects.Count);
            var at = new DateTimeOffset(2024, 6, 5, 0, 0, 0, TimeSpan.Zero);
            foreach (var (project, text, review) in projects.Zip(new (string?, bool)[] { (null, false), ("待审核的进度", true), ("主体结构封顶", false) }, (p, t) => (p, t.Item1, t.Item2)))
            {
                var last = project.Reports.MaxBy(r => r.Period)!;
                var step = new Money(10);
                project.Report(last.Period.Next, new ProgressFigures { Month = step, YearToDate = last.YearToDate + step, Cumulative = last.Cumulative + step, ImageProgress = text }, at, by: review ? "enterprise" : null, needsReview: review);
            }

            await db.SaveChangesAsync();
        }

        await using var read = test.NewContext();
        var tree = await TreeAsync(read);
        var province = tree.Resolve("山西省");
        var reports = await read.ProgressReports.AsNoTracking().ToListAsync();
        foreach (var asOf in new[] { new DateOnly(2024, 1, 31), new DateOnly(2024, 3, 15), AsOf, new DateOnly(2024, 5, 31), new DateOnly(2024, 7, 1), new DateOnly(2024, 12, 31), new DateOnly(2025, 2, 1) })
        {
            var rows = await FiguresData.ScopeRowsAsync(read, tree, province, 2024, asOf);
            var listed = rows.Where(r => BriefingInputs.IsListed(r, 2024, asOf)).Select(r => r.ProjectId).ToHashSet();
            var last = asOf.Year > 2024 ? new Period(2024, 12) : Period.Of(asOf);
            var expected = reports
                .Where(r => listed.Contains(r.ProjectId) && r.Status == ReportStatus.Approved && r.ImageProgress is not null && r.Period >= new Period(2024, 1) && r.Period <= last)
                .GroupBy(r => r.ProjectId)
                .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Period)!.ImageProgress!);
            var found = await NarrativeData.ImageProgressAsync(read, rows, 2024, asOf);
            Assert.Equal(expected.OrderBy(e => e.Key), found.OrderBy(e => e.Key));
        }

        Assert.Contains(reports, r => r.ImageProgress == "主体结构封顶");
        Assert.Contains(reports, r => r.ImageProgress == "待审核的进度" && r.Status != ReportStatus.Approved);
    }

    [Fact]
    public void ShortName_DropsTheCityPrefix_AsSeed004Does()
    {
        var tree = new OrgTree(
        [
            new(1, "山西省", OrgUnitKind.Province, null),
            new(2, "阳泉市", OrgUnitKind.City, 1),
            new(3, "阳泉高新区", OrgUnitKind.Zone, 2),
            new(4, "临汾市", OrgUnitKind.City, 1),
            new(5, "古县经济技术开发区", OrgUnitKind.Zone, 4),
        ]);
        Assert.Equal("高新区", BriefingInputs.ShortName(tree, tree[3]));
        Assert.Equal("古县经济技术开发区", BriefingInputs.ShortName(tree, tree[5]));
        Assert.Equal("阳泉市", BriefingInputs.ShortName(tree, tree[2]));
    }
}
