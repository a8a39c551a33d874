using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Lights;
using Keystone.Core.Periods;
using Keystone.Core.Progress;
using Keystone.Core.Schedule;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Periods;

/// <summary>
/// A closed month's briefing — every paragraph — reads the same when drafted again later, whatever changed
/// since: the rules, schedules, work items, factor sheets, checklists, peers' figures and the month's own reports.
/// </summary>
public class ClosedMonthFactsTests
{
    private static readonly DateTimeOffset Closing = new(2024, 5, 6, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Later = new(2024, 6, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Period April = new(2024, 4);
    private static readonly DateOnly EndOfApril = April.LastDay;

    private static async Task<Briefing> DraftAsync(AppDbContext db)
    {
        var tree = await db.LoadTreeAsync();
        return (await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("阳泉市"), 2024, EndOfApril)).Briefing;
    }

    private static string Section(Briefing briefing, BriefingSectionKind kind) => Assert.Single(briefing.Sections, s => s.Kind == kind).Text;

    /// <summary>Two of the zone's projects in the year's plan, by code: one gets a schedule, one work items.</summary>
    private static async Task<(string Scheduled, string Built)> ProjectsAsync(AppDbContext db)
    {
        var codes = await db.AnnualPlans.Where(a => a.Year == 2024 && a.Project!.Code.StartsWith("YQGX")).Select(a => a.Project!.Code).OrderBy(c => c).Take(2).ToListAsync();
        return (codes[0], codes[1]);
    }

    private static string Plan(bool nodeReached) =>
        $$"""
        {"start": "2024-03-01", "deadline": "2024-12-31", "activities": [
          {"id": "A", "name": "桩基施工", "duration": 40, "actualStart": "2024-03-01"},
          {"id": "M1", "name": "桩基完成", "duration": 0, "after": ["A"], "due": "2024-04-05"{{(nodeReached ? ", \"actualFinish\": \"2024-04-05\"" : "")}}},
          {"id": "B", "name": "主体施工", "duration": 120, "after": ["M1"]}
        ]}
        """;

    /// <summary>Before closing: the zone has its own rules, one project a schedule with an overdue node, another its buildings.</summary>
    private static async Task PrepareAsync(AppDbContext db)
    {
        var tree = await db.LoadTreeAsync();
        var (scheduled, built) = await ProjectsAsync(db);
        db.LightRuleSets.Add(new LightRuleSet(tree.Resolve("阳泉高新区").Id, LightRules.Default with { PaceYellowPoints = 5m }));
        db.Schedules.Add(new ProjectSchedule(await db.Projects.SingleAsync(p => p.Code == scheduled), Plan(nodeReached: false), Closing, ScheduleLimits.Default));
        var project = await db.Projects.SingleAsync(p => p.Code == built);
        db.WorkItems.Add(new ProjectWorkItem(project, new WorkItem("A地块", "1号楼", ConstructionStage.MainStructure), Closing));
        db.WorkItems.Add(new ProjectWorkItem(project, new WorkItem("A地块", "2号楼", ConstructionStage.ToppedOut), Closing));
        await db.SaveChangesAsync();
    }

    /// <summary>After closing, everything a briefing reads changes.</summary>
    private static async Task ChangeEverythingAsync(AppDbContext db)
    {
        var tree = await db.LoadTreeAsync();
        var (scheduled, built) = await ProjectsAsync(db);

        // The zone's thresholds.
        var rules = await db.LightRuleSets.SingleAsync(s => s.OrgUnitId == tree.Resolve("阳泉高新区").Id);
        rules.Change(LightRules.Default with { PaceYellowPoints = 40m, PaceRedPoints = 60m });

        // The node is now recorded as reached on its due date; the buildings have moved on.
        var schedule = await db.Schedules.SingleAsync(s => s.Project!.Code == scheduled);
        schedule.Replace(Plan(nodeReached: true), Later, ScheduleLimits.Default);
        db.WorkItems.RemoveRange(db.WorkItems.Where(w => w.Project!.Code == built));
        var project = await db.Projects.SingleAsync(p => p.Code == built);
        db.WorkItems.Add(new ProjectWorkItem(project, new WorkItem("A地块", "1号楼", ConstructionStage.ToppedOut), Later));

        // Factor sheets and checklists, back-dated into April as people do.
        var units = tree.Subtree(tree.Resolve("阳泉市").Id).ToList();
        foreach (var sheet in await db.ProjectFactors.Include(f => f.Funds).Where(f => units.Contains(f.Project!.OrgUnitId)).ToListAsync())
        {
            foreach (var line in sheet.Funds.ToList())
            {
                sheet.RecordFunds(line.Source, line.Applied, line.Applied, line.Applied);
            }
        }

        var approvedOn = new DateOnly(2024, 4, 20);
        foreach (var item in await db.ProcedureItems.Where(i => i.AppliedOn <= approvedOn && i.ApprovedOn == null && units.Contains(i.Project!.OrgUnitId)).ToListAsync())
        {
            item.Approve(approvedOn);
        }

        // A peer city starts all its projects in April: Yangquan's standing among the cities would fall.
        var taiyuan = tree.Subtree(tree.Resolve("太原市").Id).ToList();
        foreach (var plan in await db.AnnualPlans.Where(a => a.Year == 2024 && taiyuan.Contains(a.Project!.OrgUnitId)).ToListAsync())
        {
            if (!(plan.Entry.StartDate <= new DateOnly(2024, 4, 15)))
            {
                plan.RecordStart(new DateOnly(2024, 4, 15));
            }
        }

        // A late report for the closed month itself, with its reason: it shows as a restatement.
        var march = new Period(2024, 3);
        var reported = await db.Projects.Include(p => p.Plans).Include(p => p.Reports)
            .OrderBy(p => p.Code).FirstAsync(p => p.Code.StartsWith("YQGX") && p.Reports.Any(r => r.Period == march) && !p.Reports.Any(r => r.Period == April));
        var last = reported.Reports.Single(r => r.Period == march);
        var more = new Money(1000);
        reported.Report(
            April,
            new ProgressFigures { Month = more, YearToDate = last.YearToDate + more, Cumulative = last.Cumulative + more, CorrectionReason = "补报4月设备购置1000万元" },
            Later,
            frozen: true);
        await db.SaveChangesAsync();
    }

    [Theory]
    [DatabaseData]
    public async Task AClosedMonthsBriefing_IsTheSameEveryParagraph_WhateverChangedSince(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        Briefing before;
        await using (var db = test.NewContext())
        {
            await PrepareAsync(db);
        }

        await using (var db = test.NewContext())
        {
            before = await DraftAsync(db);
            var tree = await db.LoadTreeAsync();
            await PeriodClosing.CloseAsync(db, tree, tree.Resolve("阳泉市"), April, Closing, "测试");
        }

        // Every paragraph the test changes below is there to be changed.
        Assert.Contains("在全省6个市中", Section(before, BriefingSectionKind.Overview));
        Assert.Contains("A地块1栋", Section(before, BriefingSectionKind.StageProgress));
        Assert.Contains("桩基完成", Section(before, BriefingSectionKind.Lights));
        Assert.Contains("资金到位率", Section(before, BriefingSectionKind.Factors));

        await using (var db = test.NewContext())
        {
            await ChangeEverythingAsync(db);
        }

        await using (var db = test.NewContext())
        {
            var after = await DraftAsync(db);
            Assert.Equal(before.Title, after.Title);
            Assert.Equal(before.Sections, after.Sections.Where(s => s.Kind != BriefingSectionKind.Restatement));
            Assert.Contains("2024年4月已关账", Section(after, BriefingSectionKind.Restatement));

            // Without the closing, the same day reads today's facts: each of those paragraphs differs.
            db.ClosedPeriods.RemoveRange(db.ClosedPeriods);
            await db.SaveChangesAsync();
            var live = await DraftAsync(db);
            foreach (var kind in new[] { BriefingSectionKind.Overview, BriefingSectionKind.StageProgress, BriefingSectionKind.Lights, BriefingSectionKind.Factors })
            {
                Assert.NotEqual(Section(before, kind), Section(live, kind));
            }

            Assert.DoesNotContain("在全省6个市中，总开工率列第4位", Section(live, BriefingSectionKind.Overview));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task AMonthClosedBeforeFactsWereKept_ReadsThemLive(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        Briefing before;
        await using (var db = test.NewContext())
        {
            await PrepareAsync(db);
            before = await DraftAsync(db);
            var tree = await db.LoadTreeAsync();
            var city = tree.Resolve("阳泉市");
            // A closing as an earlier Keystone stored it: the plan rows only.
            db.ClosedPeriods.Add(new ClosedPeriod(city.Id, April, await FiguresData.ScopeRowsAsync(db, tree, city, 2024, EndOfApril), Closing, "测试"));
            await db.SaveChangesAsync();
        }

        await using (var db = test.NewContext())
        {
            await ChangeEverythingAsync(db);
        }

        await using (var db = test.NewContext())
        {
            var after = await DraftAsync(db);
            Assert.NotNull(after.Sections.SingleOrDefault(s => s.Kind == BriefingSectionKind.Restatement));
            Assert.NotEqual(Section(before, BriefingSectionKind.Factors), Section(after, BriefingSectionKind.Factors));
            Assert.NotEqual(Section(before, BriefingSectionKind.StageProgress), Section(after, BriefingSectionKind.StageProgress));
        }
    }
}
