using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Problems;

namespace Keystone.Core.Tests.Problems;

public class ProblemClockTests
{
    private static readonly EscalationTarget City = new(2, "阳泉市");
    private static readonly DateTimeOffset At = new(2024, 4, 11, 9, 0, 0, TimeSpan.FromHours(8));

    private static ProblemStanding Judge(Problem problem, string day, LightRules? rules = null) =>
        ProblemClock.Judge(problem.Timeline, DateOnly.Parse(day), rules ?? LightRules.Default, City)!;

    [Fact]
    public void AnUnroutedProblem_IsOverdueAfterTwoWorkingDays_RedAndEscalated()
    {
        var problem = ProblemLifecycleTests.New(); // Thursday 11 April, due 19 April

        var monday = Judge(problem, "2024-04-15");
        Assert.False(monday.IsOverdue);
        Assert.Equal(Light.Green, monday.Light);
        Assert.Equal(new DateOnly(2024, 4, 15), monday.DueBy);
        Assert.Null(monday.EscalatedTo);

        var tuesday = Judge(problem, "2024-04-16");
        Assert.Equal(Lateness.Routing, tuesday.Late);
        Assert.Equal(1, tuesday.OverdueDays);
        Assert.Equal(Light.Red, tuesday.Light);
        Assert.Equal(City, tuesday.EscalatedTo);
        var reason = Assert.Single(tuesday.Reasons);
        Assert.Equal(LightRuleKind.ProblemOverdue, reason.Rule);
        Assert.Equal("问题“施工用电临时线路迁改”提出后2个工作日内未交办，已逾期1个工作日，已提级至阳泉市督办", reason.Text.Zh);
        Assert.Equal("Problem \"施工用电临时线路迁改\" was not routed within 2 working days of being raised; 1 working day overdue, escalated to 阳泉市", reason.Text.En);
    }

    [Fact]
    public void AProblemRaisedBeforeSpringFestival_IsNotLateDuringTheHoliday_AndTheSundayWorkedCounts()
    {
        // Raised Thursday 2024-02-08, two working days to route: Friday the 9th, then Sunday the 18th (调休);
        // the 10th to the 17th are the 春节 holiday. Counting Monday to Friday it would be late from the 13th.
        var raised = new DateOnly(2024, 2, 8);
        var problem = new Problem(2024, 8, ProblemLifecycleTests.Raise(deadline: new DateOnly(2024, 2, 29), origin: ProblemOrigin.Visit("张明", raised, "侯志钢（项目负责人）")), "demo-zone", new DateTimeOffset(2024, 2, 8, 9, 0, 0, TimeSpan.FromHours(8)), raised);

        var inTheHoliday = Judge(problem, "2024-02-16");
        Assert.False(inTheHoliday.IsOverdue);
        Assert.Equal(new DateOnly(2024, 2, 18), inTheHoliday.DueBy);

        var monday = Judge(problem, "2024-02-19");
        Assert.Equal(Lateness.Routing, monday.Late);
        Assert.Equal(1, monday.OverdueDays);
    }

    [Fact]
    public void AnAssignedProblem_IsOverdueTheDayAfterItsDeadline_CountingWorkingDays()
    {
        var problem = ProblemLifecycleTests.In(ProblemStatus.Assigned); // due Friday 19 April
        Assert.False(Judge(problem, "2024-04-19").IsOverdue);
        Assert.Equal(1, Judge(problem, "2024-04-20").OverdueDays); // a Saturday still counts as one day late
        Assert.Equal(1, Judge(problem, "2024-04-22").OverdueDays);
        var late = Judge(problem, "2024-04-26");
        Assert.Equal(Lateness.Answer, late.Late);
        Assert.Equal(5, late.OverdueDays);
        Assert.Equal("问题“施工用电临时线路迁改”限2024年4月19日前办结，已逾期5个工作日，已提级至阳泉市督办", late.Reasons[0].Text.Zh);
    }

    [Fact]
    public void AnAnsweredProblem_IsNotOverdue_UntilTheRaiserReturnsIt()
    {
        var problem = ProblemLifecycleTests.In(ProblemStatus.Answered);
        Assert.False(Judge(problem, "2024-05-30").IsOverdue);
        problem.Return("未解决", "demo-enterprise", At.AddDays(40), new DateOnly(2024, 5, 21));
        var returned = Judge(problem, "2024-05-30");
        Assert.Equal(ProblemStatus.Returned, returned.Status);
        Assert.True(returned.IsOverdue);
    }

    [Fact]
    public void APastDay_IsReadFromTheSteps_AsItStoodThen()
    {
        var problem = ProblemLifecycleTests.In(ProblemStatus.Closed); // assigned 11th, answered 12th, closed 13th
        Assert.Null(ProblemClock.Judge(problem.Timeline, new DateOnly(2024, 4, 10), LightRules.Default));
        Assert.Equal(ProblemStatus.Assigned, Judge(problem, "2024-04-11").Status);
        Assert.Equal(ProblemStatus.Answered, Judge(problem, "2024-04-12").Status);
        var closed = Judge(problem, "2024-04-13");
        Assert.Equal(ProblemStatus.Closed, closed.Status);
        Assert.Equal(Satisfaction.Satisfied, closed.Satisfaction);
        Assert.Equal("阳泉高新区自然资源分局", closed.Department);
    }

    [Fact]
    public void ServiceLevels_AreTheUnitsOwn()
    {
        var problem = ProblemLifecycleTests.New();
        Assert.True(Judge(problem, "2024-04-16").IsOverdue);
        Assert.False(Judge(problem, "2024-04-16", LightRules.Default with { ProblemRouteDays = 3 }).IsOverdue);
        Assert.False(Judge(problem, "2024-04-19", LightRules.Default with { ProblemRouteDays = null }).IsOverdue);
        var late = Judge(problem, "2024-04-22", LightRules.Default with { ProblemRouteDays = null });
        Assert.Equal(Lateness.Answer, late.Late); // unrouted past its deadline is late all the same
    }

    [Fact]
    public void WhenBothAreMissed_TheEarlierDateIsTheOneReported()
    {
        var problem = ProblemLifecycleTests.New(deadline: new DateOnly(2024, 4, 12)); // due before the routing limit
        var late = Judge(problem, "2024-04-17");
        Assert.Equal(Lateness.Answer, late.Late);
        Assert.Equal(new DateOnly(2024, 4, 12), late.DueBy);
        Assert.Equal(3, late.OverdueDays);
    }

    [Fact]
    public void WithoutAUnitAbove_NothingEscalates()
    {
        var problem = ProblemLifecycleTests.New();
        var standing = ProblemClock.Judge(problem.Timeline, new DateOnly(2024, 4, 16), LightRules.Default)!;
        Assert.True(standing.IsOverdue);
        Assert.Null(standing.EscalatedTo);
        Assert.DoesNotContain("提级", standing.Reasons[0].Text.Zh);
    }

    [Fact]
    public void Summary_CountsTheYear_AndNamesTheOverdue_MostOverdueFirst()
    {
        var closed = ProblemLifecycleTests.In(ProblemStatus.Closed);
        var assigned = ProblemLifecycleTests.In(ProblemStatus.Assigned);
        var open = ProblemLifecycleTests.New();
        JudgedProblem J(Problem p, string number) =>
            new(new ProblemRow { Number = number, Title = p.Title, Category = p.Category, Source = p.Source, UnitId = 8, ProjectName = "物流园", Timeline = p.Timeline with { Number = number } },
                Judge(p, "2024-04-24"));
        var summary = ProblemFigures.Summarize([J(closed, "P2024-0001"), J(assigned, "P2024-0002"), J(open, "P2024-0003")], 2024, new DateOnly(2024, 4, 24));
        Assert.Equal(3, summary.Raised);
        Assert.Equal(1, summary.Closed);
        Assert.Equal(33.3m, summary.ClosureRate!.Value.Rounded);
        Assert.Equal(100m, summary.SatisfactionRate!.Value.Rounded);
        Assert.Equal(2, summary.Open);
        Assert.Equal(2, summary.Overdue);
        Assert.Equal(["P2024-0003", "P2024-0002"], summary.OverdueProblems.Select(p => p.Row.Number)); // 7 working days late, then 3
    }
}
