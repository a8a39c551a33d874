using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Periods;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Periods;

public class PeriodClosingTests
{
    private static readonly DateTimeOffset Now = new(2024, 4, 12, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Period March = new(2024, 3);
    private static readonly DateOnly EndOfMarch = new(2024, 3, 31);

    private static async Task<OrgTree> TreeAsync(AppDbContext db) =>
        new(await db.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());

    /// <summary>Closes March 2024 for 阳泉高新区; answers its briefing as of March's end as it read before.</summary>
    private static async Task<string> CloseMarchAsync(TestDatabase test)
    {
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var zone = tree.Resolve("阳泉高新区");
        var before = (await ScopeDesk.BriefingAsync(db, tree, zone, 2024, EndOfMarch)).Briefing.ToPlainText();
        await PeriodClosing.CloseAsync(db, tree, zone, March, Now, "测试");
        return before;
    }

    [Theory]
    [DatabaseData]
    public async Task ClosingsKeptByTheNode_AreEachDatabasesOwn_EvenWithTheSameIdAndInstant(DbProvider provider)
    {
        // Two databases with the same closing (id 1, the same instant) of different rows: each reads its own, twice.
        await using var one = await TestDatabase.CreateAsync(provider, demo: true);
        await using var two = await TestDatabase.CreateAsync(provider, demo: true);
        await using (var db = two.NewContext())
        {
            var project = await db.Projects.Include(p => p.Plans).SingleAsync(p => p.Code == "YQGX-2024-001");
            project.Plan(2024, project.Plans.Single(a => a.Year == 2024).Entry with { PlannedInvestment = new Money(4321) });
            await db.SaveChangesAsync();
        }

        foreach (var test in new[] { one, two })
        {
            await CloseMarchAsync(test);
        }

        foreach (var (test, planned) in new[] { (one, (decimal?)null), (two, 4321m), (one, null), (two, 4321m) })
        {
            await using var db = test.NewContext();
            var tree = await TreeAsync(db);
            var rows = await ScopeDesk.RowsAsync(db, tree, tree.Resolve("阳泉高新区"), 2024, EndOfMarch);
            Assert.NotNull(rows.Closed);
            var row = rows.Rows.Single(r => r.Code == "YQGX-2024-001");
            if (planned is { } wan)
            {
                Assert.Equal(new Money(wan), row.PlannedInvestment);
            }
            else
            {
                Assert.NotEqual(new Money(4321), row.PlannedInvestment);
            }
        }
    }

    [Theory]
    [DatabaseData]
    public async Task AClosedMonth_ReadsTheSameAfterACorrection_WhichShowsAsARestatement(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        var before = await CloseMarchAsync(test);

        await using (var db = test.NewContext())
        {
            // A correction to March: without a reason it is refused, with one it is taken.
            var tree = await TreeAsync(db);
            var project = await db.Projects.Include(p => p.Plans).Include(p => p.Reports).SingleAsync(p => p.Code == "YQGX-2024-001");
            var frozen = await PeriodClosing.IsFrozenAsync(db, tree, project.OrgUnitId, March);
            Assert.True(frozen);
            var corrected = new ProgressFigures { Month = new Money(4770), YearToDate = new Money(4770), Cumulative = new Money(16886) };
            var e = Assert.Throws<DomainException>(() => project.Report(March, corrected, Now, frozen));
            Assert.Equal("correctionReason", e.Field);
            project.Report(March, corrected with { CorrectionReason = "漏报设备购置1000万元" }, Now, frozen);
            await db.SaveChangesAsync();
        }

        await using (var db = test.NewContext())
        {
            var tree = await TreeAsync(db);
            var zone = tree.Resolve("阳泉高新区");
            var figures = await ScopeDesk.FiguresAsync(db, tree, zone, 2024, EndOfMarch);
            Assert.NotNull(figures.Closed);
            Assert.NotNull(figures.Restated);
            Assert.Equal(figures.Figures.CompletedInvestment + new Money(1000), figures.Restated!.CompletedInvestment);

            var after = await ScopeDesk.BriefingAsync(db, tree, zone, 2024, EndOfMarch);
            var text = after.Briefing.ToPlainText();
            Assert.StartsWith(before, text); // the closed month reads exactly as it did
            var restatement = Assert.Single(after.Briefing.Sections, s => s.Kind == BriefingSectionKind.Restatement).Text;
            Assert.Contains("2024年3月已关账", restatement);
            Assert.Contains($"完成投资{figures.Restated.CompletedInvestment}（原报{figures.Figures.CompletedInvestment}）", restatement);

            // April is open: live figures, no restatement.
            var april = await ScopeDesk.FiguresAsync(db, tree, zone, 2024, new DateOnly(2024, 4, 10));
            Assert.Null(april.Closed);
            Assert.Equal(figures.Restated.CompletedInvestment, april.Figures.CompletedInvestment);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task ClosingCoversTheUnitsBelow_ButNotSiblings(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        await PeriodClosing.CloseAsync(db, tree, tree.Resolve("阳泉市"), March, Now, null);
        Assert.True(await PeriodClosing.IsFrozenAsync(db, tree, tree.Resolve("阳泉高新区").Id, March));
        Assert.False(await PeriodClosing.IsFrozenAsync(db, tree, tree.Resolve("古县经济技术开发区").Id, March));
        Assert.False(await PeriodClosing.IsFrozenAsync(db, tree, tree.Resolve("阳泉高新区").Id, new Period(2024, 2)));
    }

    [Theory]
    [DatabaseData]
    public async Task AMonthIsClosedOnce_AndOnlyWhenItHasEnded(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var zone = tree.Resolve("阳泉高新区");
        var early = await Assert.ThrowsAsync<DomainException>(() => PeriodClosing.CloseAsync(db, tree, zone, new Period(2024, 5), Now, null));
        Assert.Contains("尚未结束", early.Text.Zh);
        await PeriodClosing.CloseAsync(db, tree, zone, March, Now, null);
        var twice = await Assert.ThrowsAsync<DomainException>(() => PeriodClosing.CloseAsync(db, tree, zone, March, Now, null));
        Assert.Contains("已关账", twice.Text.Zh);
    }

    [Theory]
    [DatabaseData]
    public async Task ClosedMonths_OfAYear_AreTheUnitsOwnAndThoseOfTheUnitsAbove(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        await PeriodClosing.CloseAsync(db, tree, tree.Resolve("阳泉市"), new Period(2024, 1), Now, null);
        await PeriodClosing.CloseAsync(db, tree, tree.Resolve("阳泉高新区"), new Period(2024, 1), Now, null);
        await PeriodClosing.CloseAsync(db, tree, tree.Resolve("阳泉高新区"), March, Now, null);
        await PeriodClosing.CloseAsync(db, tree, tree.Resolve("阳泉高新区"), new Period(2023, 12), Now, null);
        Assert.Equal([new Period(2024, 1), March], await PeriodClosing.ClosedMonthsAsync(db, tree, tree.Resolve("阳泉高新区").Id, 2024));
        Assert.Equal([new Period(2024, 1)], await PeriodClosing.ClosedMonthsAsync(db, tree, tree.Resolve("阳泉市").Id, 2024));
        Assert.Empty(await PeriodClosing.ClosedMonthsAsync(db, tree, tree.Resolve("古县经济技术开发区").Id, 2024));
    }

    [Theory]
    [DatabaseData]
    public async Task APlanCorrection_OfAClosedMonth_NeedsAReason_IsAudited_AndShowsAsARestatement(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        var before = await CloseMarchAsync(test);

        Money was;
        await using (var db = test.NewContext())
        {
            var tree = await TreeAsync(db);
            var project = await db.Projects.Include(p => p.Plans).SingleAsync(p => p.Code == "YQGX-2024-001");
            var closed = await PeriodClosing.ClosedMonthsAsync(db, tree, project.OrgUnitId, 2024);
            var entry = project.Plans.Single(p => p.Year == 2024).Entry;
            was = entry.PlannedInvestment;
            var lower = entry with { PlannedInvestment = new Money(was.Wan - 1000m) };
            var e = Assert.Throws<DomainException>(() => project.Plan(2024, lower, closed, new PlanCorrection(null, Now, "demo-zone")));
            Assert.Equal("correctionReason", e.Field);
            project.Plan(2024, lower, closed, new PlanCorrection("市里下达的年度计划调减1000万元", Now, "demo-zone"));
            await db.SaveChangesAsync();
        }

        await using (var db = test.NewContext())
        {
            var plan = await db.AnnualPlans.AsNoTracking().SingleAsync(p => p.Project!.Code == "YQGX-2024-001" && p.Year == 2024);
            Assert.Equal("市里下达的年度计划调减1000万元", plan.CorrectionReason);
            Assert.Equal("demo-zone", plan.CorrectedBy);
            Assert.Equal(Now.ToUniversalTime(), plan.CorrectedAt);
            var audited = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "plan" && a.EntityKey == "YQGX-2024-001/2024").OrderBy(a => a.Id).LastAsync();
            Assert.Equal("updated", audited.Action);
            Assert.Equal("市里下达的年度计划调减1000万元", audited.Reason);

            // The closed month reads as it did; the corrected plan shows as a restatement beside it.
            var tree = await TreeAsync(db);
            var zone = tree.Resolve("阳泉高新区");
            var figures = await ScopeDesk.FiguresAsync(db, tree, zone, 2024, EndOfMarch);
            Assert.NotNull(figures.Restated);
            Assert.Equal(figures.Figures.AnnualPlan - new Money(1000m), figures.Restated!.AnnualPlan);
            var after = await ScopeDesk.BriefingAsync(db, tree, zone, 2024, EndOfMarch);
            Assert.StartsWith(before, after.Briefing.ToPlainText());
            var restatement = Assert.Single(after.Briefing.Sections, s => s.Kind == BriefingSectionKind.Restatement).Text;
            Assert.Contains($"年度计划投资{figures.Restated.AnnualPlan}（原报{figures.Figures.AnnualPlan}）", restatement);
        }

        await using (var db = test.NewContext())
        {
            // A later change that restates nothing (a planned start after March) is logged without the earlier reason.
            var tree = await TreeAsync(db);
            var project = await db.Projects.Include(p => p.Plans).SingleAsync(p => p.Code == "YQGX-2024-001");
            var entry = project.Plans.Single(p => p.Year == 2024).Entry;
            project.Plan(2024, entry with { PlannedStart = new DateOnly(2024, 9, 1) }, await PeriodClosing.ClosedMonthsAsync(db, tree, project.OrgUnitId, 2024), null);
            await db.SaveChangesAsync();
            var audited = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "plan" && a.EntityKey == "YQGX-2024-001/2024").OrderBy(a => a.Id).LastAsync();
            Assert.Null(audited.Reason);
        }
    }
}
