using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Projects;

public class ProjectTests
{
    private static readonly DateTimeOffset Now = new(2024, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));

    internal static Project NewProject(decimal total = 10_000m, DateOnly? actualStart = null)
    {
        var province = new OrgUnit("山西省", OrgUnitKind.Province, null);
        var city = new OrgUnit("阳泉市", OrgUnitKind.City, province);
        var zone = new OrgUnit("阳泉高新区", OrgUnitKind.Zone, city);
        return new Project(new ProjectCode("T-001"), zone, new ProjectFacts
        {
            Name = "测试项目",
            Levels = ProjectLevels.Provincial | ProjectLevels.Municipal,
            Category = ProjectCategory.Industrial,
            TotalInvestment = new Money(total),
            ActualStart = actualStart,
        });
    }

    private static PlanEntry Entry(decimal planned, Nature nature = Nature.New, DateOnly? start = null) =>
        new() { Nature = nature, PlannedInvestment = new Money(planned), StartDate = start };

    private static ProgressFigures Figures(decimal month, decimal ytd, decimal cumulative, string? reason = null) =>
        new() { Month = new Money(month), YearToDate = new Money(ytd), Cumulative = new Money(cumulative), CorrectionReason = reason };

    [Fact]
    public void AProject_MayBeOnTheProvincialAndTheMunicipalListAtOnce()
    {
        var project = NewProject();
        Assert.True(project.Levels.HasFlag(ProjectLevels.Provincial));
        Assert.True(project.Levels.HasFlag(ProjectLevels.Municipal));
        Assert.Equal("省级重点、市级重点", ProjectVocabulary.Name(project.Levels));
    }

    [Fact]
    public void AnnualPlan_CannotExceedTheTotalInvestment()
    {
        var project = NewProject(total: 10_000m);
        var e = Assert.Throws<DomainException>(() => project.Plan(2024, Entry(10_000.01m)));
        Assert.Equal("plannedInvestment", e.Field);
        Assert.Empty(project.Plans);
        project.Plan(2024, Entry(10_000m));
        Assert.Single(project.Plans);
    }

    [Fact]
    public void TotalInvestment_CannotFallBelowAYearsPlan()
    {
        var project = NewProject(total: 10_000m);
        project.Plan(2024, Entry(6_000m));
        var e = Assert.Throws<ValidationException>(() => project.Revise(project.Facts with { TotalInvestment = new Money(5_000m) }, null));
        Assert.Contains(e.Errors, x => x.Field == "totalInvestment");
        Assert.Equal(new Money(10_000m), project.TotalInvestment);
    }

    [Fact]
    public void Revise_RefusesEveryBadFactAtOnce_AndChangesNothing()
    {
        var project = NewProject();
        var bad = project.Facts with { Name = " ", TotalInvestment = new Money(-1), Levels = ProjectLevels.None, JobsTarget = -3 };
        var e = Assert.Throws<ValidationException>(() => project.Revise(bad, null));
        Assert.Equal(["jobsTarget", "levels", "name", "totalInvestment"], e.Errors.Select(x => x.Field!).Order());
        Assert.Equal("测试项目", project.Name);
    }

    [Fact]
    public void PlanEntry_IsKeyedByYear_AndRevisedInPlace()
    {
        var project = NewProject();
        project.Plan(2024, Entry(1000m));
        project.Plan(2024, Entry(2000m, Nature.Continuing));
        project.Plan(2025, Entry(3000m));
        Assert.Equal(2, project.Plans.Count);
        Assert.Equal(new Money(2000m), project.Plans.Single(p => p.Year == 2024).PlannedInvestment);
        Assert.Equal(Nature.Continuing, project.Plans.Single(p => p.Year == 2024).Nature);
    }

    [Fact]
    public void StartDate_MustFallInThePlanYear()
    {
        var project = NewProject();
        var e = Assert.Throws<DomainException>(() => project.Plan(2024, Entry(1000m, start: new DateOnly(2023, 12, 31))));
        Assert.Equal("startDate", e.Field);
        var plan = project.Plan(2024, Entry(1000m));
        plan.RecordStart(new DateOnly(2024, 3, 18));
        Assert.Equal(new DateOnly(2024, 3, 18), plan.StartDate);
    }

    [Fact]
    public void Report_IsRefused_BeforeTheProjectExists()
    {
        var project = NewProject();
        var e = Assert.Throws<DomainException>(() => project.Report(new Period(2024, 3), Figures(1, 1, 1), Now));
        Assert.Contains("尚无年度计划", e.Text.Zh);

        project.Plan(2024, Entry(1000m));
        e = Assert.Throws<DomainException>(() => project.Report(new Period(2023, 12), Figures(1, 1, 1), Now));
        Assert.Equal("period", e.Field);
        project.Report(new Period(2024, 1), Figures(1, 1, 1), Now);
    }

    [Fact]
    public void Report_MayStartFromTheActualStart_InAnEarlierYear()
    {
        var project = NewProject(actualStart: new DateOnly(2023, 8, 15));
        project.Plan(2024, Entry(1000m, Nature.Continuing));
        project.Report(new Period(2023, 8), Figures(10, 10, 10), Now);
        Assert.Throws<DomainException>(() => project.Report(new Period(2023, 7), Figures(1, 1, 1), Now));
    }

    [Fact]
    public void Report_IsRefused_ForAMonthThatHasNotBegun()
    {
        var project = NewProject();
        project.Plan(2024, Entry(1000m));
        var e = Assert.Throws<DomainException>(() => project.Report(new Period(2024, 12), Figures(1, 1, 1), Now));
        Assert.Contains("未来", e.Text.Zh);
    }

    [Fact]
    public void Cumulative_NeverFalls_WithoutACorrectionReason()
    {
        var project = NewProject();
        project.Plan(2024, Entry(1000m));
        project.Report(new Period(2024, 3), Figures(100, 300, 900), Now);

        var e = Assert.Throws<DomainException>(() => project.Report(new Period(2024, 4), Figures(0, 300, 800), Now));
        Assert.Equal("cumulative", e.Field);
        Assert.Single(project.Reports);

        project.Report(new Period(2024, 4), Figures(0, 300, 800, reason: "3月多报，经核实更正"), Now);
        Assert.Equal("3月多报，经核实更正", project.Reports.Single(r => r.Period == new Period(2024, 4)).CorrectionReason);
    }

    [Fact]
    public void AnEarlierMonth_CannotBeFiledAboveALaterMonth_WithoutAReason()
    {
        var project = NewProject();
        project.Plan(2024, Entry(1000m));
        project.Report(new Period(2024, 5), Figures(100, 500, 900), Now);
        Assert.Throws<DomainException>(() => project.Report(new Period(2024, 4), Figures(100, 400, 950), Now));
        project.Report(new Period(2024, 4), Figures(100, 400, 850), Now);
    }

    [Fact]
    public void YearToDate_MayRestartInANewYear_ButNotFallWithinOne()
    {
        var project = NewProject(actualStart: new DateOnly(2023, 1, 5));
        project.Plan(2024, Entry(1000m, Nature.Continuing));
        project.Report(new Period(2023, 12), Figures(100, 1200, 1200), Now);
        project.Report(new Period(2024, 1), Figures(50, 50, 1250), Now);
        var e = Assert.Throws<DomainException>(() => project.Report(new Period(2024, 2), Figures(0, 40, 1250), Now));
        Assert.Equal("yearToDate", e.Field);
    }

    [Fact]
    public void Report_ChecksItsOwnFigures()
    {
        var project = NewProject();
        project.Plan(2024, Entry(1000m));
        var e = Assert.Throws<ValidationException>(() => project.Report(new Period(2024, 2), Figures(200, 100, 50), Now));
        Assert.Equal(["month", "yearToDate"], e.Errors.Select(x => x.Field!).Order().ToArray());
    }

    [Fact]
    public void FiguresFor_ContinuesFromTheLatestEarlierReport()
    {
        var project = NewProject(actualStart: new DateOnly(2023, 6, 1));
        project.Plan(2024, Entry(1000m, Nature.Continuing));
        project.Report(new Period(2023, 12), Figures(100, 700, 700), Now);
        var january = project.FiguresFor(new Period(2024, 1), new Money(40), null, null);
        Assert.Equal(new Money(40), january.YearToDate);
        Assert.Equal(new Money(740), january.Cumulative);
        project.Report(new Period(2024, 1), january, Now);
        var february = project.FiguresFor(new Period(2024, 2), new Money(60), null, null);
        Assert.Equal(new Money(100), february.YearToDate);
        Assert.Equal(new Money(800), february.Cumulative);
    }

    [Fact]
    public void Report_WhoseMonthIsNotTheYearToDateDifference_IsRefusedNamingTheNumbers()
    {
        var project = NewProject();
        project.Plan(2024, Entry(5000m));
        project.Report(new Period(2024, 2), Figures(2000, 2000, 2000), Now);

        var e = Assert.Throws<DomainException>(() => project.Report(new Period(2024, 3), Figures(1000, 2000, 3000), Now));
        Assert.Equal("month", e.Field);
        Assert.Contains("本月完成1000万元，与本年累计之差0万元不符", e.Text.Zh, StringComparison.Ordinal);
        Assert.Contains("1000", e.Text.En, StringComparison.Ordinal);

        // A correction reason does not excuse it: both figures are this year's.
        Assert.Throws<DomainException>(() => project.Report(new Period(2024, 3), Figures(1000, 2000, 3000, reason: "更正"), Now));
        Assert.Single(project.Reports);
        project.Report(new Period(2024, 3), Figures(1000, 3000, 3000), Now);
    }

    [Fact]
    public void Report_WhoseCumulativeDoesNotRiseByTheMonth_IsRefusedUnlessACorrection()
    {
        var project = NewProject(actualStart: new DateOnly(2023, 1, 5));
        project.Plan(2024, Entry(5000m, Nature.Continuing));
        project.Report(new Period(2024, 1), Figures(100, 100, 900), Now);

        var e = Assert.Throws<DomainException>(() => project.Report(new Period(2024, 2), Figures(50, 150, 1000), Now));
        Assert.Equal("cumulative", e.Field);
        Assert.Contains("增加100万元", e.Text.Zh, StringComparison.Ordinal);
        project.Report(new Period(2024, 2), Figures(50, 150, 950), Now);
        project.Report(new Period(2024, 2), Figures(50, 150, 1000, reason: "以前年度累计少报50万元"), Now);
        Assert.Equal(new Money(1000), project.Reports.Single(r => r.Period == new Period(2024, 2)).Cumulative);
    }

    [Fact]
    public void TheYearsFirstReport_InJanuary_IsAllTheYearToDate_AndAfterAGap_NoMoreThanIt()
    {
        var project = NewProject(actualStart: new DateOnly(2023, 1, 5));
        project.Plan(2024, Entry(5000m, Nature.Continuing));
        project.Report(new Period(2023, 12), Figures(100, 800, 800), Now);
        Assert.Throws<DomainException>(() => project.Report(new Period(2024, 1), Figures(50, 80, 880), Now));
        // Across a year the cumulative rises by at least the year to date (the earlier year may be unreported after).
        Assert.Throws<DomainException>(() => project.Report(new Period(2024, 1), Figures(80, 80, 850), Now));
        project.Report(new Period(2024, 1), Figures(80, 80, 880), Now);

        // March after an unreported February: the difference covers both months, the month only part of it.
        project.Report(new Period(2024, 3), Figures(30, 200, 1000), Now);
        Assert.Throws<DomainException>(() => project.Report(new Period(2024, 3), Figures(130, 200, 1000), Now));
    }

    [Fact]
    public void FiguresFor_DerivesTheMonthFromTheYearToDate_AndTheYearToDateFromTheMonth()
    {
        var project = NewProject();
        project.Plan(2024, Entry(5000m));
        project.Report(new Period(2024, 1), Figures(100, 100, 100), Now);
        var february = project.FiguresFor(new Period(2024, 2), null, new Money(250), null);
        Assert.Equal((new Money(150), new Money(250), new Money(250)), (february.Month, february.YearToDate, february.Cumulative));
        var e = Assert.Throws<DomainException>(() => project.FiguresFor(new Period(2024, 2), null, null, new Money(300)));
        Assert.Equal("month", e.Field);
    }

    [Fact]
    public void AProject_CannotBelongDirectlyToTheProvince()
    {
        var province = new OrgUnit("山西省", OrgUnitKind.Province, null);
        Assert.Throws<DomainException>(() => new Project(new ProjectCode("X"), province, new ProjectFacts
        {
            Name = "x",
            Levels = ProjectLevels.Zone,
            Category = ProjectCategory.Other,
            TotalInvestment = Money.Zero,
        }));
    }
}
