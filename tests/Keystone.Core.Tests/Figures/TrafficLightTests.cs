using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Plans;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Figures;

public class TrafficLightTests
{
    private const int Year = 2024;

    /// <summary>Exactly half of 2024 has passed: 序时进度 50%.</summary>
    private static readonly DateOnly MidYear = new(2024, 7, 1);

    private static ProjectLight One(PlanRow row, DateOnly asOf, LightRules? rules = null) =>
        Assert.Single(TrafficLights.Evaluate([row], Year, asOf, rules ?? LightRules.Default));

    /// <summary>A New project that should have started on 15 January and has not; no pace data to muddle it.</summary>
    private static PlanRow Late => Rows.Plan(1, Nature.New, planned: 0) with { PlannedStart = new DateOnly(2024, 1, 15) };

    [Theory]
    [InlineData(4, 14, Light.Green)]
    [InlineData(4, 15, Light.Red)] // three whole months after 15 January
    [InlineData(4, 16, Light.Red)]
    public void NewProjectNotStarted_IsRed_ThreeMonthsAfterItsPlannedStart(int month, int day, Light expected)
    {
        Assert.Equal(expected, One(Late, new DateOnly(2024, month, day)).Light);
    }

    [Fact]
    public void StartOverdue_SaysWhenItWasPlanned_AndHowLongItIsOverdue_InBothLanguages()
    {
        var reason = Assert.Single(One(Late, new DateOnly(2024, 6, 20)).Reasons);

        Assert.Equal(LightRuleKind.StartOverdue, reason.Rule);
        Assert.Equal(Light.Red, reason.Light);
        Assert.Equal("计划2024年1月开工，已逾期5个月未开工", reason.Text.Zh);
        Assert.Equal("Planned to start in January 2024; 5 months overdue and not started", reason.Text.En);
    }

    [Fact]
    public void StartOverdue_OneMonth_IsSingularInEnglish()
    {
        var light = One(Late, new DateOnly(2024, 2, 20), LightRules.Default with { StartOverdueMonths = 1 });

        Assert.Equal("Planned to start in January 2024; 1 month overdue and not started", Assert.Single(light.Reasons).Text.En);
        Assert.Equal("计划2024年1月开工，已逾期1个月未开工", light.Reasons[0].Text.Zh);
    }

    [Fact]
    public void StartOverdue_DoesNotApply_ToStartedNewProjects()
    {
        var asOf = new DateOnly(2024, 6, 20);

        Assert.Equal(Light.Green, One(Late with { StartDate = new DateOnly(2024, 6, 1) }, asOf).Light);
        Assert.Equal(Light.Green, One(Late with { ActualStart = new DateOnly(2024, 6, 1) }, asOf).Light);
        // Broke ground last year though listed as new this year: not "未开工".
        Assert.Equal(Light.Green, One(Late with { ActualStart = new DateOnly(2023, 11, 1) }, asOf).Light);
        // Starts after the as-of date: still not started on it.
        Assert.Equal(Light.Red, One(Late with { StartDate = new DateOnly(2024, 6, 21) }, asOf).Light);
    }

    [Fact]
    public void StartOverdue_DoesNotApply_ToContinuingProjects_OrWithoutAPlannedStart_OrWhenSwitchedOff()
    {
        var asOf = new DateOnly(2024, 6, 20);

        Assert.Equal(Light.Green, One(Late with { Nature = Nature.Continuing }, asOf).Light);
        Assert.Equal(Light.Green, One(Late with { PlannedStart = null }, asOf).Light);
        Assert.Equal(Light.Green, One(Late, asOf, LightRules.Default with { StartOverdueMonths = null }).Light);
    }

    [Fact]
    public void StartOverdue_ForAPastYear_IsCountedToTheYearsEnd()
    {
        var row = Late with { PlannedStart = new DateOnly(2023, 9, 1) };

        var light = Assert.Single(TrafficLights.Evaluate([row], 2023, new DateOnly(2024, 6, 1), LightRules.Default));

        Assert.Equal("计划2023年9月开工，已逾期3个月未开工", Assert.Single(light.Reasons).Text.Zh);
    }

    [Theory]
    [InlineData(2024, 3, 15, 2024, 6, 14, 2)]
    [InlineData(2024, 3, 15, 2024, 6, 15, 3)]
    [InlineData(2024, 1, 31, 2024, 2, 29, 1)] // the month's last day counts as a whole month
    [InlineData(2024, 1, 31, 2024, 2, 28, 0)]
    [InlineData(2023, 11, 1, 2024, 2, 1, 3)]
    [InlineData(2024, 5, 1, 2024, 4, 1, 0)]
    public void WholeMonths_AreCountedFromDayToDay(int fy, int fm, int fd, int ty, int tm, int td, int months)
    {
        Assert.Equal(months, TrafficLights.WholeMonths(new DateOnly(fy, fm, fd), new DateOnly(ty, tm, td)));
    }

    [Theory]
    [InlineData(401, Light.Green)] // 9.9 points behind
    [InlineData(400.6, Light.Green)] // 9.94 → 9.9
    [InlineData(400.5, Light.Yellow)] // 9.95 → 10.0, at the half
    [InlineData(400, Light.Yellow)] // 10 behind
    [InlineData(200, Light.Yellow)] // 30 behind
    [InlineData(199.6, Light.Yellow)] // 30.04 → 30.0
    [InlineData(199.5, Light.Red)] // 30.05 → 30.1
    [InlineData(199, Light.Red)] // 30.1 behind
    [InlineData(0, Light.Red)]
    [InlineData(600, Light.Green)] // ahead
    [InlineData(1500, Light.Green)] // over-fulfilled
    public void PaceBehind_TenToThirtyPointsIsYellow_MoreThanThirtyIsRed(decimal yearToDate, Light expected)
    {
        var row = Rows.Plan(1, Nature.Continuing, planned: 1000) with { YearToDate = new Money(yearToDate) };

        var light = One(row, MidYear);

        Assert.Equal(expected, light.Light);
        Assert.Equal(expected == Light.Green ? 0 : 1, light.Reasons.Count);
    }

    [Fact]
    public void PaceBehind_SaysTheRateAndThePoints_InBothLanguages()
    {
        // 22 April 2024 is day 113 of 366: 30.87% elapsed; 125.4 of 1000 is 12.54%; 18.33 points behind.
        var row = Rows.Plan(1, Nature.Continuing, planned: 1000) with { YearToDate = new Money(125.4m) };

        var reason = Assert.Single(One(row, new DateOnly(2024, 4, 22)).Reasons);

        Assert.Equal((LightRuleKind.PaceBehind, Light.Yellow), (reason.Rule, reason.Light));
        Assert.Equal("投资完成率12.5%，落后序时进度18.3个百分点", reason.Text.Zh);
        Assert.Equal("Investment 12.5% complete, 18.3 points behind the time elapsed (30.9%)", reason.Text.En);
    }

    [Fact]
    public void PaceBehind_WithoutAReport_CountsAsNothingCompleted_AndSaysItWasNotReported()
    {
        var reason = Assert.Single(One(Rows.Plan(1, Nature.Continuing, planned: 1000), MidYear).Reasons);

        Assert.Equal(Light.Red, reason.Light);
        Assert.Equal("本年未填报完成投资，落后序时进度50个百分点", reason.Text.Zh);
        Assert.Equal("No investment reported this year, 50 points behind the time elapsed (50%)", reason.Text.En);
    }

    [Fact]
    public void PaceBehind_AReportedZero_IsSaidAsZeroPercent()
    {
        var row = Rows.Plan(1, Nature.Continuing, planned: 1000) with { YearToDate = Money.Zero };

        Assert.Equal("投资完成率0%，落后序时进度50个百分点", Assert.Single(One(row, MidYear).Reasons).Text.Zh);
    }

    [Fact]
    public void PaceBehind_WaitsForANewProjectsPlannedStart()
    {
        // 赛迪 in the demo is planned to start in August: in April it is not behind anything yet.
        var notDue = Rows.Plan(1, Nature.New, planned: 1000) with { PlannedStart = new DateOnly(2024, 8, 1) };
        Assert.Equal(Light.Green, One(notDue, new DateOnly(2024, 4, 10)).Light);

        var due = notDue with { PlannedStart = new DateOnly(2024, 3, 1) };
        Assert.Equal(LightRuleKind.PaceBehind, Assert.Single(One(due, new DateOnly(2024, 4, 10)).Reasons).Rule);

        var started = notDue with { StartDate = new DateOnly(2024, 4, 1) };
        Assert.Equal(LightRuleKind.PaceBehind, Assert.Single(One(started, new DateOnly(2024, 4, 10)).Reasons).Rule);

        var undated = Rows.Plan(2, Nature.New, planned: 1000);
        Assert.Equal(Light.Green, One(undated, MidYear).Light);
    }

    [Fact]
    public void PaceBehind_DoesNotApply_WithoutPlannedInvestment()
    {
        var light = One(Rows.Plan(1, Nature.Continuing, planned: 0) with { YearToDate = Money.Zero }, MidYear);

        Assert.Equal(Light.Green, light.Light);
        Assert.Empty(light.Reasons);
    }

    [Fact]
    public void PaceBehind_RulesCanBeChangedOrSwitchedOff()
    {
        var row = Rows.Plan(1, Nature.Continuing, planned: 1000) with { YearToDate = new Money(300) }; // 20 behind

        Assert.Equal(Light.Green, One(row, MidYear, LightRules.Default with { PaceYellowPoints = null }).Light);
        Assert.Equal(Light.Red, One(row, MidYear, LightRules.Default with { PaceRedPoints = 15 }).Light);
        Assert.Equal(Light.Green, One(row, MidYear, new LightRules { PaceYellowPoints = null, PaceRedPoints = null }).Light);
    }

    [Fact]
    public void ALight_IsTheWorstOfItsReasons_AndKeepsThemAll()
    {
        // Overdue to start (red) and 20 points behind (yellow).
        var row = Late with { PlannedInvestment = new Money(1000), YearToDate = new Money(300) };

        var light = One(row, MidYear);

        Assert.Equal(Light.Red, light.Light);
        Assert.Equal([(LightRuleKind.StartOverdue, Light.Red), (LightRuleKind.PaceBehind, Light.Yellow)], light.Reasons.Select(r => (r.Rule, r.Light)));
    }

    [Fact]
    public void EveryRowGetsALight_InOrder_WithItsProjectNamed()
    {
        PlanRow[] rows =
        [
            Rows.Plan(7, Nature.Continuing, planned: 1000, unit: 3) with { YearToDate = new Money(1000) },
            Late with { ProjectId = 2, Name = "迟迟未开工项目" },
        ];

        var lights = TrafficLights.Evaluate(rows, Year, MidYear, LightRules.Default);

        Assert.Equal([(7, "P0007", "项目7", 3, Light.Green), (2, "P0001", "迟迟未开工项目", 1, Light.Red)],
            lights.Select(l => (l.ProjectId, l.Code, l.Name, l.UnitId, l.Light)));
        Assert.Empty(lights[0].Reasons);
    }

    [Fact]
    public void ManyRowsTogether_GetTheLightsAndWordsEachGetsAlone()
    {
        // Rows with the same numbers share their worded reasons within one evaluation: the light must still be
        // each unit's own (unit 2 is stricter), and an unreported 0 must not borrow a reported 0's words.
        var strict = LightRules.Default with { PaceYellowPoints = 5m, PaceRedPoints = 15m, StartOverdueMonths = 1 };
        var book = new RuleBook(new OrgTree([new OrgUnitInfo(1, "甲开发区", OrgUnitKind.Zone, null), new OrgUnitInfo(2, "乙开发区", OrgUnitKind.Zone, null)]), new Dictionary<int, LightRules> { [2] = strict });
        var rows = new List<PlanRow>();
        for (var i = 0; i < 240; i++)
        {
            var unit = 1 + (i / 120); // rows i and i + 120 mostly share their numbers
            var row = Rows.Plan(i + 1, i % 3 == 0 ? Nature.New : Nature.Continuing, planned: 1000, unit: unit) with
            {
                PlannedStart = new DateOnly(2024, 1 + (i % 5), 1 + (i % 3)),
                YearToDate = (i % 7) switch { 0 => null, 1 => Money.Zero, _ => new Money(25m * (i % 40) + 0.01m * (i % 3)) },
            };
            rows.Add(row);
        }

        var together = TrafficLights.Evaluate(rows, Year, MidYear, book);

        for (var i = 0; i < rows.Count; i++)
        {
            var alone = Assert.Single(TrafficLights.Evaluate([rows[i]], Year, MidYear, book));
            Assert.Equal(alone.Light, together[i].Light);
            Assert.Equal(alone.Reasons, together[i].Reasons);
        }

        Assert.Contains(together, l => l.Reasons.Count > 1);
        Assert.Contains(together, l => l.UnitId == 2 && l.Light == Light.Red && l.Reasons.All(r => r.Rule == LightRuleKind.PaceBehind));
    }

    [Fact]
    public void Lights_OrderBySeverity()
    {
        Assert.True(Light.Red > Light.Yellow);
        Assert.True(Light.Yellow > Light.Green);
    }
}
