using Keystone.Core.Plans;
using Keystone.Core.Progress;

namespace Keystone.Core.Tests.Projects;

/// <summary>A change to a plan entry that restates a closed month needs a reason (docs/domain.md "Closed months and corrections").</summary>
public class PlanCorrectionTests
{
    private static readonly DateTimeOffset Now = new(2024, 4, 12, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Period[] ClosedToMarch = [new(2024, 1), new(2024, 2), new(2024, 3)];

    private static PlanEntry Entry(decimal planned, Nature nature = Nature.New, DateOnly? plannedStart = null, DateOnly? start = null) =>
        new() { Nature = nature, PlannedInvestment = new Money(planned), PlannedStart = plannedStart, StartDate = start };

    private static PlanCorrection Because(string? reason) => new(reason, Now, "demo-zone");

    [Fact]
    public void ChangingTheYearsAmountOrNature_OnceAMonthIsClosed_IsRefusedWithoutAReason_AndChangesNothing()
    {
        var project = ProjectTests.NewProject();
        project.Plan(2024, Entry(1000m, plannedStart: new DateOnly(2024, 6, 1)));
        var entry = project.Plans.Single().Entry;
        foreach (var change in new[] { entry with { PlannedInvestment = new Money(1200m) }, entry with { Nature = Nature.Continuing } })
        {
            var e = Assert.Throws<DomainException>(() => project.Plan(2024, change, ClosedToMarch, Because("  ")));
            Assert.Equal("correctionReason", e.Field);
            Assert.StartsWith("2024年3月已关账", e.Text.Zh, StringComparison.Ordinal);
            Assert.Contains("更正原因", e.Text.Zh, StringComparison.Ordinal);
            Assert.Contains("correction reason", e.Text.En, StringComparison.Ordinal);
            Assert.Equal(entry, project.Plans.Single().Entry);
            Assert.Null(project.Plans.Single().CorrectionReason);
        }

        var refused = Assert.Throws<DomainException>(() => project.Plan(2024, entry with { PlannedInvestment = new Money(1200m) }, ClosedToMarch, null));
        Assert.Contains("年度计划投资", refused.Text.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void AReason_LetsTheChangeThrough_AndIsKeptTrimmed_WithWhenAndWho()
    {
        var project = ProjectTests.NewProject();
        project.Plan(2024, Entry(1000m));
        var plan = project.Plan(2024, Entry(1200m), ClosedToMarch, Because("  年中计划调整，追加设备投资  "));
        Assert.Equal(new Money(1200m), plan.PlannedInvestment);
        Assert.Equal("年中计划调整，追加设备投资", plan.CorrectionReason);
        Assert.Equal(Now.ToUniversalTime(), plan.CorrectedAt);
        Assert.Equal("demo-zone", plan.CorrectedBy);

        // A later change that restates nothing leaves the last correction as it was.
        project.Plan(2024, Entry(1200m, plannedStart: new DateOnly(2024, 7, 1)), ClosedToMarch, Because(null));
        Assert.Equal("年中计划调整，追加设备投资", plan.CorrectionReason);
    }

    [Fact]
    public void AStartOrPlannedStart_RestatesAClosedMonth_OnlyWhenBeforeOrAfterFallsInOrBeforeIt()
    {
        var project = ProjectTests.NewProject();
        project.Plan(2024, Entry(1000m, plannedStart: new DateOnly(2024, 5, 1)));
        var entry = project.Plans.Single().Entry;

        // After the latest closed month's end: the closed months' figures and lights do not read it.
        project.Plan(2024, entry with { StartDate = new DateOnly(2024, 4, 15) }, ClosedToMarch, null);
        project.Plan(2024, project.Plans.Single().Entry with { PlannedStart = new DateOnly(2024, 6, 1) }, ClosedToMarch, null);
        Assert.Null(project.Plans.Single().CorrectionReason);

        // Moved into March (closed): the March figures would count the start.
        var start = Assert.Throws<DomainException>(() => project.Plan(2024, project.Plans.Single().Entry with { StartDate = new DateOnly(2024, 3, 20) }, ClosedToMarch, null));
        Assert.Equal("correctionReason", start.Field);
        Assert.Contains("本年开复工时间", start.Text.Zh, StringComparison.Ordinal);
        var planned = Assert.Throws<DomainException>(() => project.Plan(2024, project.Plans.Single().Entry with { PlannedStart = new DateOnly(2023, 12, 1) }, ClosedToMarch, null));
        Assert.Contains("计划开工时间", planned.Text.Zh, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 4, 15), project.Plans.Single().StartDate);
    }

    [Fact]
    public void AStart_ThatTheActualStartAlreadyGave_RestatesNothing()
    {
        // A new entry without 本年开复工时间 counts its 实际开工时间 in the year: writing that same date down changes no figure.
        var project = ProjectTests.NewProject(actualStart: new DateOnly(2024, 2, 10));
        project.Plan(2024, Entry(1000m));
        var plan = project.Plan(2024, Entry(1000m, start: new DateOnly(2024, 2, 10)), ClosedToMarch, null);
        Assert.Equal(new DateOnly(2024, 2, 10), plan.StartDate);
        Assert.Throws<DomainException>(() => project.Plan(2024, Entry(1000m, start: new DateOnly(2024, 2, 20)), ClosedToMarch, null));
    }

    [Fact]
    public void ANewEntry_InAYearWithAClosedMonth_NeedsAReason_ButNotInAnOpenYear()
    {
        var project = ProjectTests.NewProject();
        var e = Assert.Throws<DomainException>(() => project.Plan(2024, Entry(1000m), ClosedToMarch, null));
        Assert.Equal("correctionReason", e.Field);
        Assert.Empty(project.Plans);

        // 2025 has no closed month, and a closed month of another year restates nothing of 2025's.
        project.Plan(2025, Entry(1000m), ClosedToMarch, null);
        project.Plan(2025, Entry(2000m, Nature.Continuing), [new Period(2024, 12)], null);
        Assert.Equal(new Money(2000m), project.Plans.Single().PlannedInvestment);
        Assert.Null(project.Plans.Single().CorrectionReason);
    }

    [Fact]
    public void AnEntryGivenAsItStands_ChangesNothing_AndNeedsNoReason()
    {
        var project = ProjectTests.NewProject();
        project.Plan(2024, Entry(1000m));
        var plan = project.Plan(2024, Entry(1000m), ClosedToMarch, null);
        Assert.Null(plan.CorrectionReason);
        Assert.Null(plan.CorrectedAt);
    }

    [Fact]
    public void ACorrectionReason_IsAtMost500Characters_ForAPlanAndForAReport()
    {
        var project = ProjectTests.NewProject();
        project.Plan(2024, Entry(1000m));
        var tooLong = new string('因', 501);
        var plan = Assert.Throws<DomainException>(() => project.Plan(2024, Entry(1200m), ClosedToMarch, Because(tooLong)));
        Assert.Equal("correctionReason", plan.Field);
        Assert.Contains("500", plan.Text.Zh, StringComparison.Ordinal);
        Assert.Equal(new Money(1000m), project.Plans.Single().PlannedInvestment);

        var figures = new ProgressFigures { Month = new Money(100), YearToDate = new Money(100), Cumulative = new Money(100), CorrectionReason = tooLong };
        var report = Assert.Throws<DomainException>(() => project.Report(new Period(2024, 1), figures, Now, frozen: true));
        Assert.Equal("correctionReason", report.Field);
        Assert.Contains("500", report.Text.En, StringComparison.Ordinal);
        Assert.Empty(project.Reports);

        // 500 characters, with spaces around that are trimmed, are taken.
        project.Report(new Period(2024, 1), figures with { CorrectionReason = " " + new string('因', 500) + " " }, Now, frozen: true);
        Assert.Equal(500, project.Reports.Single().CorrectionReason!.Length);
    }
}
