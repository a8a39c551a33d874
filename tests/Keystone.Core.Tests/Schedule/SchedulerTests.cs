using Keystone.Core.Schedule;

namespace Keystone.Core.Tests.Schedule;

/// <summary>
/// Small networks computed by hand. The project starts on Friday 1 March 2024 (day 0; 2024 is a leap
/// year, so day −1 is 29 February). Rows are written "MM-dd" early start, early finish, late start,
/// late finish, then total and free float.
/// </summary>
public class SchedulerTests
{
    private static readonly DateOnly Start = new(2024, 3, 1);

    private static ScheduleActivity A(string id, int duration, params Predecessor[] after) => new(id, id, duration) { After = after };

    private static Predecessor FS(string id, int lag = 0) => new(id, LinkType.FinishToStart, lag);

    private static Predecessor SS(string id, int lag = 0) => new(id, LinkType.StartToStart, lag);

    private static Predecessor FF(string id, int lag = 0) => new(id, LinkType.FinishToFinish, lag);

    private static Predecessor SF(string id, int lag = 0) => new(id, LinkType.StartToFinish, lag);

    private static ScheduleResult Run(params ScheduleActivity[] activities) => Scheduler.Compute(activities, Start);

    private static string Row(ScheduleResult result, string id)
    {
        var a = result.Activities.Single(x => x.Id == id);
        return $"{a.EarlyStart:MM-dd} {a.EarlyFinish:MM-dd} {a.LateStart:MM-dd} {a.LateFinish:MM-dd} {a.TotalFloat} {a.FreeFloat}";
    }

    private static string[] CriticalIds(ScheduleResult result) => result.Critical.Select(a => a.Id).ToArray();

    [Fact]
    public void FinishToStart_Chain_FinishesAtTheEndOfTheLastDay_AndTheSuccessorStartsTheNextDay()
    {
        var r = Run(A("A", 3), A("B", 2, FS("A")), A("C", 4, FS("B")));

        Assert.Equal("03-01 03-03 03-01 03-03 0 0", Row(r, "A")); // 3 days: 1, 2, 3 March
        Assert.Equal("03-04 03-05 03-04 03-05 0 0", Row(r, "B"));
        Assert.Equal("03-06 03-09 03-06 03-09 0 0", Row(r, "C"));
        Assert.Equal(new DateOnly(2024, 3, 9), r.Finish);
        Assert.Equal(["A", "B", "C"], CriticalIds(r));
        Assert.Equal(0, r.CriticalFloat);
        Assert.True(r.MeetsDeadline);
    }

    [Theory]
    [InlineData(0, "03-04 03-05")]
    [InlineData(2, "03-06 03-07")] // two idle days, 4 and 5 March (curing, inspection)
    [InlineData(-1, "03-03 03-04")] // one day of overlap
    public void FinishToStart_Lag(int lag, string expected)
    {
        var r = Run(A("A", 3), A("B", 2, FS("A", lag)));

        Assert.StartsWith(expected, Row(r, "B"));
    }

    [Theory]
    [InlineData(0, "03-05 03-06")]
    [InlineData(2, "03-07 03-08")]
    [InlineData(-2, "03-03 03-04")]
    [InlineData(-9, "03-01 03-02")] // never before the project starts
    public void StartToStart_Lag(int lag, string expected)
    {
        // A starts 5 March, after X's four days.
        var r = Run(A("X", 4), A("A", 5, FS("X")), A("B", 2, SS("A", lag)));

        Assert.StartsWith(expected, Row(r, "B"));
    }

    [Theory]
    [InlineData(0, "03-04 03-05")] // finishes with A on 5 March
    [InlineData(1, "03-05 03-06")]
    [InlineData(-2, "03-02 03-03")]
    [InlineData(-5, "03-01 03-02")] // would start on 28 February: held at the start date
    public void FinishToFinish_Lag(int lag, string expected)
    {
        var r = Run(A("A", 5), A("B", 2, FF("A", lag)));

        Assert.StartsWith(expected, Row(r, "B"));
    }

    [Theory]
    [InlineData(0, "03-07 03-09")] // finishes the evening before A starts on the 10th
    [InlineData(1, "03-08 03-10")]
    [InlineData(2, "03-09 03-11")]
    [InlineData(-2, "03-05 03-07")]
    public void StartToFinish_Lag(int lag, string expected)
    {
        // A starts 10 March, after X's nine days; B (3 days) must not finish before A starts + lag.
        var r = Run(A("X", 9), A("A", 2, FS("X")), A("B", 3, SF("A", lag)));

        Assert.StartsWith(expected, Row(r, "B"));
    }

    [Fact]
    public void StartToFinish_LateDates_LetTheSuccessorFinishAsLateAsTheProject()
    {
        var r = Run(A("X", 9), A("A", 2, FS("X")), A("B", 3, SF("A")));

        Assert.Equal("03-01 03-09 03-01 03-09 0 0", Row(r, "X"));
        Assert.Equal("03-10 03-11 03-10 03-11 0 0", Row(r, "A"));
        Assert.Equal("03-07 03-09 03-09 03-11 2 2", Row(r, "B"));
        Assert.Equal(["X", "A"], CriticalIds(r));
    }

    [Fact]
    public void StartToStart_WithALongerSuccessor_CannotPushThePredecessorsLateFinishPastTheProjectFinish()
    {
        // A (10 days) is followed only through SS by B (2 days): A must still finish by the project's end.
        var r = Run(A("A", 10), A("B", 2, SS("A", 1)));

        Assert.Equal("03-01 03-10 03-01 03-10 0 0", Row(r, "A"));
        Assert.Equal("03-02 03-03 03-09 03-10 7 7", Row(r, "B"));
    }

    [Fact]
    public void BackwardPass_ThroughEachLinkType()
    {
        // The late dates of a predecessor follow from each link type: hand-computed against the finish of 15 March.
        var r = Run(
            A("P1", 2), A("S1", 3, FS("P1", 1)),
            A("P2", 2), A("S2", 3, SS("P2", 1)),
            A("P3", 2), A("S3", 3, FF("P3", 1)),
            A("P4", 2), A("S4", 3, SF("P4", 4)),
            A("End", 15));

        // FS+1: S1 may start 13 March, so P1 must finish by the 11th.
        Assert.Equal("03-01 03-02 03-10 03-11 9 0", Row(r, "P1"));
        Assert.Equal("03-04 03-06 03-13 03-15 9 9", Row(r, "S1"));
        // SS+1: S2 may start 13 March, so P2 must start by the 12th (and finish by the 13th).
        Assert.Equal("03-01 03-02 03-12 03-13 11 0", Row(r, "P2"));
        Assert.Equal("03-02 03-04 03-13 03-15 11 11", Row(r, "S2"));
        // FF+1: S3 may finish 15 March, so P3 must finish by the 14th.
        Assert.Equal("03-01 03-02 03-13 03-14 12 0", Row(r, "P3"));
        Assert.Equal("03-01 03-03 03-13 03-15 12 12", Row(r, "S3"));
        // SF+4: S4 may finish 15 March, i.e. by the morning of the 16th; so P4 must start by the 12th.
        Assert.Equal("03-01 03-02 03-12 03-13 11 0", Row(r, "P4"));
        Assert.Equal("03-02 03-04 03-13 03-15 11 11", Row(r, "S4"));
    }

    [Fact]
    public void FreeFloat_DiffersFromTotalFloat_WhenTheSlackIsShared()
    {
        // B → D → C and A → C: B and D share one day of slack. Delaying B a day moves D; delaying D a day moves nothing.
        var r = Run(A("A", 3), A("B", 1), A("D", 1, FS("B")), A("C", 2, FS("A"), FS("D")));

        Assert.Equal("03-01 03-01 03-02 03-02 1 0", Row(r, "B"));
        Assert.Equal("03-02 03-02 03-03 03-03 1 1", Row(r, "D"));
        Assert.Equal("03-01 03-03 03-01 03-03 0 0", Row(r, "A"));
        Assert.Equal(["A", "C"], CriticalIds(r));
    }

    [Fact]
    public void MultipleCriticalPaths_AreAllCritical()
    {
        var r = Run(A("A", 2), A("B", 3, FS("A")), A("X", 4), A("Y", 1, FS("X")), A("Side", 2));

        Assert.Equal(["A", "B", "X", "Y"], CriticalIds(r));
        Assert.Equal(3, r.Activities.Single(a => a.Id == "Side").TotalFloat);
    }

    [Fact]
    public void Deadline_LaterThanTheFinish_GivesEveryoneTheSameSlack_AndTheLongestPathIsStillCritical()
    {
        var r = Scheduler.Compute([A("A", 3), A("B", 2, FS("A")), A("Side", 1)], Start, deadline: new DateOnly(2024, 3, 10));

        Assert.Equal(new DateOnly(2024, 3, 5), r.Finish);
        Assert.Equal("03-01 03-03 03-06 03-08 5 0", Row(r, "A"));
        Assert.Equal("03-04 03-05 03-09 03-10 5 0", Row(r, "B")); // free float is against the forecast finish, not the deadline
        Assert.Equal("03-01 03-01 03-10 03-10 9 4", Row(r, "Side"));
        Assert.Equal(5, r.CriticalFloat);
        Assert.Equal(["A", "B"], CriticalIds(r));
        Assert.True(r.MeetsDeadline);
    }

    [Fact]
    public void ReverseScheduling_AgainstAnImpossibleDeadline_GivesNegativeFloat_AndLateDatesBeforeTheStart()
    {
        // Nine days of work, seven days to the deadline: the critical chain is two days short.
        var r = Scheduler.Compute(
            [A("A", 3), A("B", 2, FS("A")), A("C", 4, FS("B")), A("Side", 1)],
            Start,
            deadline: new DateOnly(2024, 3, 7));

        Assert.Equal(new DateOnly(2024, 3, 9), r.Finish);
        Assert.False(r.MeetsDeadline);
        Assert.Equal(-2, r.CriticalFloat);
        Assert.Equal("03-01 03-03 02-28 03-01 -2 0", Row(r, "A"));
        Assert.Equal("03-04 03-05 03-02 03-03 -2 0", Row(r, "B"));
        Assert.Equal("03-06 03-09 03-04 03-07 -2 0", Row(r, "C"));
        Assert.Equal("03-01 03-01 03-07 03-07 6 8", Row(r, "Side")); // free float is against early dates, so it can exceed total float
        Assert.Equal(["A", "B", "C"], CriticalIds(r));
    }

    [Fact]
    public void Late_AsOfADate_IsNotStartedPastTheLateStart_OrUnfinishedPastTheLateFinish()
    {
        ScheduleActivity[] plan = [A("A", 3), A("B", 2, FS("A")), A("C", 4, FS("B"))];
        var deadline = new DateOnly(2024, 3, 7);

        // A's late start was 28 February and B's 2 March: both late on 3 March; C may still start on the 4th.
        var r = Scheduler.Compute(plan, Start, deadline, asOf: new DateOnly(2024, 3, 3));
        Assert.Equal(["A", "B"], r.Late.Select(a => a.Id));

        // Started, A is still late: its late finish (1 March) has passed.
        plan[0] = plan[0] with { ActualStart = new DateOnly(2024, 3, 1) };
        r = Scheduler.Compute(plan, Start, deadline, asOf: new DateOnly(2024, 3, 3));
        Assert.True(r.Activities[0].Late);
        Assert.Equal(ActivityProgress.InProgress, r.Activities[0].Progress);

        // Finished, it is not late any more, whatever its dates were.
        plan[0] = plan[0] with { ActualFinish = new DateOnly(2024, 3, 2) };
        r = Scheduler.Compute(plan, Start, deadline, asOf: new DateOnly(2024, 3, 3));
        Assert.False(r.Activities[0].Late);
        Assert.Equal(ActivityProgress.Finished, r.Activities[0].Progress);

        // On its late finish day itself an activity is not yet late; the day after, it is.
        var onTime = Scheduler.Compute([A("A", 3)], Start, asOf: new DateOnly(2024, 3, 1));
        Assert.False(onTime.Activities[0].Late);
        var lateStart = Scheduler.Compute([A("A", 3)], Start, asOf: new DateOnly(2024, 3, 2));
        Assert.True(lateStart.Activities[0].Late);
        Assert.Empty(Scheduler.Compute([A("A", 3)], Start).Late);
    }

    [Fact]
    public void ActualStart_OverridesThePlan_AndMovesTheSuccessors()
    {
        var r = Run(A("A", 3) with { ActualStart = new DateOnly(2024, 3, 2) }, A("B", 2, FS("A")));

        Assert.Equal("03-02 03-04 03-02 03-04 0 0", Row(r, "A"));
        Assert.Equal("03-05 03-06 03-05 03-06 0 0", Row(r, "B"));
    }

    [Fact]
    public void ActualStartAndFinish_ReplaceTheDuration()
    {
        // Planned for 3 days, took 5 (2–6 March).
        var r = Run(A("A", 3) with { ActualStart = new DateOnly(2024, 3, 2), ActualFinish = new DateOnly(2024, 3, 6) }, A("B", 2, FS("A")));

        Assert.Equal("03-02 03-06 03-02 03-06 0 0", Row(r, "A"));
        Assert.Equal("03-07 03-08 03-07 03-08 0 0", Row(r, "B"));
        Assert.Equal(ActivityProgress.Finished, r.Activities[0].Progress);
    }

    [Fact]
    public void ActualFinishAlone_PutsTheStartADurationEarlier()
    {
        var r = Run(A("A", 3) with { ActualFinish = new DateOnly(2024, 3, 2) }, A("B", 2, FS("A")));

        Assert.StartsWith("02-29 03-02", Row(r, "A"));
        Assert.StartsWith("03-03 03-04", Row(r, "B"));
    }

    [Fact]
    public void ActualStart_IgnoresPredecessors_ThatHaveNotFinished()
    {
        // B started out of sequence on 2 March although A runs to the 3rd: it started when it started.
        var r = Run(A("A", 3), A("B", 2, FS("A")) with { ActualStart = new DateOnly(2024, 3, 2) });

        Assert.StartsWith("03-02 03-03", Row(r, "B"));
        Assert.Equal(0, r.Activities[0].FreeFloat); // not negative: nothing can push B back any more
    }

    [Fact]
    public void ActualFinish_BeforeActualStart_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => Run(A("A", 3) with { ActualStart = new DateOnly(2024, 3, 5), ActualFinish = new DateOnly(2024, 3, 4) }));

        Assert.Equal("工作“A”的实际完成（2024年3月4日）早于实际开始（2024年3月5日）", e.Text.Zh);
        Assert.Equal("activities[0].actualFinish", e.Field);
    }

    [Fact]
    public void Milestone_AfterWork_IsPrintedOnTheDayTheWorkFinishes_AndItsSuccessorStartsTheNextDay()
    {
        var r = Run(A("A", 3), A("M", 0, FS("A")), A("B", 2, FS("M")));

        Assert.Equal("03-03 03-03 03-03 03-03 0 0", Row(r, "M"));
        Assert.Equal("03-04 03-05 03-04 03-05 0 0", Row(r, "B"));
        Assert.True(r.Activities[1].IsMilestone);
        Assert.True(r.Activities[1].Critical);
        Assert.Equal(new DateOnly(2024, 3, 5), r.Finish);
    }

    [Fact]
    public void Milestone_WithoutPredecessors_IsPrintedOnTheDayWorkBegins()
    {
        // 开工 on 1 March; the work after it starts the same day.
        var r = Run(A("开工", 0), A("A", 3, FS("开工")), A("竣工", 0, FS("A")));

        Assert.Equal("03-01 03-01 03-01 03-01 0 0", Row(r, "开工"));
        Assert.Equal("03-01 03-03 03-01 03-03 0 0", Row(r, "A"));
        Assert.Equal("03-03 03-03 03-03 03-03 0 0", Row(r, "竣工"));
        Assert.Equal(new DateOnly(2024, 3, 3), r.Finish);
    }

    [Fact]
    public void Milestone_AtTheDeadline_IsDueOnTheDeadline_NotTheDayAfter()
    {
        var r = Scheduler.Compute([A("A", 3), A("主体封顶", 0, FS("A"))], Start, deadline: new DateOnly(2024, 3, 10));

        Assert.Equal("03-03 03-03 03-10 03-10 7 0", Row(r, "主体封顶"));
        Assert.Equal("03-01 03-03 03-08 03-10 7 0", Row(r, "A"));
    }

    [Fact]
    public void UnlinkedMilestone_FloatsFromTheStartToTheFinish()
    {
        var r = Run(A("A", 3), A("M", 0));

        Assert.Equal("03-01 03-01 03-03 03-03 2 2", Row(r, "M"));
    }

    [Fact]
    public void Milestone_WithAnActualDate_IsFinishedOnThatDay()
    {
        var r = Run(A("A", 3), A("M", 0, FS("A")) with { ActualFinish = new DateOnly(2024, 3, 5) }, A("B", 1, FS("M")));

        Assert.StartsWith("03-05 03-05", Row(r, "M"));
        Assert.StartsWith("03-06 03-06", Row(r, "B"));
        Assert.Equal(ActivityProgress.Finished, r.Activities[1].Progress);
    }

    [Fact]
    public void Milestone_WithActualStartAndFinishOnDifferentDays_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => Run(A("M", 0) with { ActualStart = new DateOnly(2024, 3, 1), ActualFinish = new DateOnly(2024, 3, 2) }));

        Assert.Equal("节点“M”的实际开始（2024年3月1日）与实际完成（2024年3月2日）应为同一天", e.Text.Zh);
        Assert.Equal(ActivityProgress.Finished, Run(A("M", 0) with { ActualStart = new DateOnly(2024, 3, 1) }).Activities[0].Progress);
    }

    [Fact]
    public void Cycle_IsRefused_NamingEveryActivityInIt_AndNoOther()
    {
        var e = Assert.Throws<DomainException>(() => Run(
            A("X", 1),
            A("B", 1, FS("A")),
            A("A", 1, FS("X"), FS("C")),
            A("C", 1, SS("B"))));

        Assert.Equal("工作之间存在循环依赖：B → C → A → B", e.Text.Zh);
        Assert.Equal("The activities depend on each other in a cycle: B → C → A → B", e.Text.En);
    }

    [Fact]
    public void SelfLink_IsACycle()
    {
        var e = Assert.Throws<DomainException>(() => Run(A("A", 1, FS("A"))));

        Assert.Equal("工作之间存在循环依赖：A → A", e.Text.Zh);
    }

    [Fact]
    public void UnknownPredecessor_IsRefused_NamingTheActivityAndTheId()
    {
        var e = Assert.Throws<DomainException>(() => Run(A("A", 1), A("B", 1, FS("Z"))));

        Assert.Equal("工作“B”的前置工作“Z”不存在", e.Text.Zh);
        Assert.Equal("Activity \"B\" comes after \"Z\", which is not in the schedule", e.Text.En);
        Assert.Equal("activities[1].after", e.Field);
    }

    [Fact]
    public void DuplicateId_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => Run(A("A", 1), A("B", 1), A("A", 2)));

        Assert.Equal("工作编号“A”重复：第1项和第3项", e.Text.Zh);
        Assert.Equal("Duplicate activity id \"A\": activities #1 and #3", e.Text.En);
    }

    [Fact]
    public void NegativeDuration_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => Run(A("A", -1)));

        Assert.Equal("工作“A”的工期不能为负数（-1天）", e.Text.Zh);
        Assert.Equal("activities[0].duration", e.Field);
    }

    [Fact]
    public void EmptySchedule_IsRefused()
    {
        Assert.Throws<DomainException>(() => Run());
    }

    [Fact]
    public void DatesOutsideTheCalendar_AreRefused_NotOverflowed()
    {
        var e = Assert.Throws<DomainException>(() => Run(A("A", int.MaxValue), A("B", int.MaxValue, FS("A"))));

        Assert.Contains("超出", e.Text.Zh);
    }

    [Fact]
    public void Results_KeepTheInputOrder_AndCarryTheResponsibleUnit()
    {
        var r = Run(A("C", 1, FS("B")), A("B", 1, FS("A")), A("A", 1) with { Responsible = "中建二局" });

        Assert.Equal(["C", "B", "A"], r.Activities.Select(a => a.Id));
        Assert.Equal("中建二局", r.Activities[2].Responsible);
        Assert.Equal("03-03 03-03 03-03 03-03 0 0", Row(r, "C"));
    }

    [Fact]
    public void LongIds_AndPredecessorsInAnyList_AreResolved()
    {
        // Ids far longer than the id table's first guess at their size, links in an array, a List and a read-only collection.
        string Id(int i) => $"项目-2404-140300-04-01-563821/单体{i:D4}/工序/{new string('x', 40)}";
        var activities = Enumerable.Range(0, 1000).Select(i => new ScheduleActivity(Id(i), $"工序{i}", 1)
        {
            After = (i % 3) switch
            {
                _ when i == 0 => [],
                0 => new[] { FS(Id(i - 1)) },
                1 => new List<Predecessor> { FS(Id(i - 1)) },
                _ => new System.Collections.ObjectModel.ReadOnlyCollection<Predecessor>([FS(Id(i - 1))]),
            },
        }).ToList();

        var r = Scheduler.Compute(activities, Start);

        Assert.Equal(Start.AddDays(999), r.Finish);
        Assert.Equal(Start.AddDays(500), r.Activities[500].EarlyStart);
        Assert.Equal(activities[500], r.Activities[500].Activity);
    }

    [Fact]
    public void ConcurrentSchedules_DoNotShareWorkingArrays()
    {
        var networks = Enumerable.Range(1, 8).Select(seed => RandomNetwork(5000 + seed * 97, seed)).ToArray();
        var expected = networks.Select(n => Scheduler.Compute(n, Start).Activities.ToArray()).ToArray();

        var actual = new ScheduledActivity[networks.Length][];
        Parallel.For(0, networks.Length * 4, k => actual[k % networks.Length] = Scheduler.Compute(networks[k % networks.Length], Start).Activities.ToArray());

        for (var k = 0; k < networks.Length; k++)
        {
            Assert.Equal(expected[k], actual[k]);
        }
    }

    [Fact]
    public void ALongChain_DoesNotOverflowTheStack()
    {
        const int n = 200_000;
        var chain = new ScheduleActivity[n];
        chain[0] = A("0", 1);
        for (var i = 1; i < n; i++)
        {
            chain[i] = A(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, FS((i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // Listed last-first, so the search walks the whole chain before it orders anything.
        Array.Reverse(chain);
        var r = Scheduler.Compute(chain, Start);

        Assert.Equal(Start.AddDays(n - 1), r.Finish);
        Assert.All(r.Activities, a => Assert.True(a.Critical));
    }

    [Fact]
    public void HundredThousandActivities_AreAllScheduled_EachWithinTheProjectsSpan()
    {
        // Speed lives in docs/benchmarks.md (no timing asserts here); this pins that a network of the size a
        // province's plans reach is scheduled whole and consistently.
        var network = RandomNetwork(100_000, seed: 7);
        var r = Scheduler.Compute(network, Start);

        Assert.Equal(100_000, r.Activities.Count);
        Assert.All(r.Activities, a =>
        {
            Assert.True(a.EarlyStart >= Start && a.EarlyFinish <= r.Finish, a.Id);
            Assert.True(a.LateFinish >= a.EarlyFinish && a.TotalFloat == a.LateFinish.DayNumber - a.EarlyFinish.DayNumber, a.Id);
        });
        Assert.Contains(r.Activities, a => a.Critical);
    }

    [Fact]
    public void RandomNetworks_SatisfyEveryLink_AndTheFloatsAreConsistent()
    {
        foreach (var seed in Enumerable.Range(1, 20))
        {
            var network = RandomNetwork(300, seed);
            var r = Scheduler.Compute(network, Start);
            var byId = r.Activities.ToDictionary(a => a.Id);
            foreach (var a in network)
            {
                var s = byId[a.Id];
                Assert.Equal(s.LateFinish.DayNumber - s.EarlyFinish.DayNumber, s.TotalFloat);
                Assert.Equal(s.LateStart.DayNumber - s.EarlyStart.DayNumber, s.TotalFloat);
                Assert.True(s.FreeFloat >= 0);
                Assert.True(s.FreeFloat <= s.TotalFloat, $"{a.Id}: free {s.FreeFloat} > total {s.TotalFloat}");
                Assert.True(s.EarlyStart >= Start && s.EarlyFinish <= r.Finish && s.LateFinish <= r.Finish);
                foreach (var link in a.After)
                {
                    var p = byId[link.Id];
                    // Instants: a start is the beginning of its day, a finish the end of its day (+1).
                    var (from, to) = link.Type switch
                    {
                        LinkType.FinishToStart => (p.EarlyFinish.DayNumber + 1, s.EarlyStart.DayNumber),
                        LinkType.StartToStart => (p.EarlyStart.DayNumber, s.EarlyStart.DayNumber),
                        LinkType.FinishToFinish => (p.EarlyFinish.DayNumber + 1, s.EarlyFinish.DayNumber + 1),
                        LinkType.StartToFinish => (p.EarlyStart.DayNumber, s.EarlyFinish.DayNumber + 1),
                    };
                    Assert.True(to >= from + link.Lag, $"seed {seed}: {link} → {a.Id} broken");
                }
            }

            Assert.Equal(0, r.CriticalFloat);
            Assert.Contains(r.Activities, a => a.Critical && a.EarlyFinish == r.Finish);
        }
    }

    /// <summary>
    /// The node: 主体 takes 200 days (1 March – 16 September, day 0 – day 199), the node 封顶 closes it
    /// and is due 1 September (day 184), 装修 takes 30 days after it (17 September – 16 October), and the
    /// deadline is 30 November (day 274). Counted back from the deadline alone, 装修 may start on 1 November,
    /// so the node may close by 31 October: +45 days. Its due date is a latest finish too: 封顶 may close no
    /// later than 1 September, 15 days before its forecast, and so 主体 must finish by 1 September and start
    /// by 15 February — both −15. 装修 and the side task keep their floats from the deadline (Side: 10 days,
    /// 1–10 March; late finish 30 November, free float to the forecast finish 16 October: 220).
    /// </summary>
    private static ScheduleActivity[] DueNetwork(DateOnly? due) =>
    [
        A("主体", 200),
        A("封顶", 0, FS("主体")) with { Due = due },
        A("装修", 30, FS("封顶")),
        A("Side", 10),
    ];

    private static readonly DateOnly DueDeadline = new(2024, 11, 30);

    [Fact]
    public void DueDate_IsALatestFinish_ForTheNodeAndItsPredecessors_WithNegativeFloat()
    {
        var r = Scheduler.Compute(DueNetwork(new DateOnly(2024, 9, 1)), Start, DueDeadline);

        Assert.Equal("03-01 09-16 02-15 09-01 -15 0", Row(r, "主体"));
        Assert.Equal("09-16 09-16 09-01 09-01 -15 0", Row(r, "封顶"));
        Assert.Equal("09-17 10-16 11-01 11-30 45 0", Row(r, "装修"));
        Assert.Equal("03-01 03-10 11-21 11-30 265 220", Row(r, "Side"));
        Assert.Equal(-15, r.CriticalFloat);
        Assert.Equal(["主体", "封顶"], CriticalIds(r));
        Assert.Equal(15, r.Activities.Single(a => a.Id == "封顶").DaysPastDue);
        Assert.Null(r.Activities.Single(a => a.Id == "主体").DaysPastDue); // no due date of its own

        // The project as a whole still meets its deadline, with 45 days to spare.
        Assert.True(r.MeetsDeadline);
        Assert.Equal(45, r.DeadlineMargin);
    }

    [Fact]
    public void WithoutItsDueDate_TheNodeFloatsToTheDeadline()
    {
        var r = Scheduler.Compute(DueNetwork(null), Start, DueDeadline);

        Assert.Equal("09-16 09-16 10-31 10-31 45 0", Row(r, "封顶"));
        Assert.Equal("03-01 09-16 04-15 10-31 45 0", Row(r, "主体"));
        Assert.Null(r.Activities.Single(a => a.Id == "封顶").DaysPastDue);
    }

    [Fact]
    public void ANodeForecastPastItsDueDate_IsLate_BeforeTheDateArrives()
    {
        // 10 March, 主体 under way since 1 March: the node's date is almost six months off, but the forecast
        // already misses it, so the node is late now; without its due date nothing is late.
        var asOf = new DateOnly(2024, 3, 10);
        var plan = DueNetwork(new DateOnly(2024, 9, 1));
        plan[0] = plan[0] with { ActualStart = Start };

        var r = Scheduler.Compute(plan, Start, DueDeadline, asOf);
        Assert.Equal(["封顶"], r.Late.Select(a => a.Id));

        var undated = DueNetwork(null);
        undated[0] = undated[0] with { ActualStart = Start };
        Assert.Empty(Scheduler.Compute(undated, Start, DueDeadline, asOf).Late);

        // Finished, however late, it is not late any more.
        plan[1] = plan[1] with { ActualFinish = new DateOnly(2024, 9, 16) };
        plan[0] = plan[0] with { ActualFinish = new DateOnly(2024, 9, 16) };
        r = Scheduler.Compute(plan, Start, DueDeadline, new DateOnly(2024, 9, 20));
        Assert.Empty(r.Late);
        Assert.Null(r.Activities[1].DaysPastDue);
    }

    [Fact]
    public void DueDate_OfATask_BindsItsLastDay_AndLaterDueDatesChangeNothing()
    {
        // A task's due date is the last day it may be worked: B (4–5 March) due 4 March has −1 day, and A before it −1 too.
        var tight = Run(A("A", 3), A("B", 2, FS("A")) with { Due = new DateOnly(2024, 3, 4) }, A("C", 4));
        Assert.Equal("03-04 03-05 03-03 03-04 -1 0", Row(tight, "B"));
        Assert.Equal("03-01 03-03 02-29 03-02 -1 0", Row(tight, "A"));

        var loose = Run(A("A", 3), A("B", 2, FS("A")) with { Due = new DateOnly(2024, 3, 20) }, A("C", 4));
        Assert.Equal(
            Run(A("A", 3), A("B", 2, FS("A")), A("C", 4)).Activities.Select(Row),
            loose.Activities.Select(Row));
    }

    [Fact]
    public void RandomNetworks_WithDueDates_NeverGainFloat_AndKeepFloatIsLateFinishMinusEarlyFinish()
    {
        foreach (var seed in Enumerable.Range(1, 20))
        {
            var network = RandomNetwork(300, seed);
            var random = new Random(seed * 31);
            var free = Scheduler.Compute(network, Start);
            var byId = free.Activities.ToDictionary(a => a.Id);

            // A quarter of the activities get a due date anywhere from 30 days before their early finish to 30 after their late finish.
            var dued = network.Select(a =>
            {
                if (random.Next(4) != 0)
                {
                    return a;
                }

                var s = byId[a.Id];
                return a with { Due = s.EarlyFinish.AddDays(random.Next(-30, s.LateFinish.DayNumber - s.EarlyFinish.DayNumber + 31)) };
            }).ToArray();
            var r = Scheduler.Compute(dued, Start);

            for (var k = 0; k < network.Length; k++)
            {
                var (before, after) = (free.Activities[k], r.Activities[k]);
                Assert.Equal(before.EarlyStart, after.EarlyStart); // due dates never move the forward pass
                Assert.Equal(before.EarlyFinish, after.EarlyFinish);
                Assert.True(after.TotalFloat <= before.TotalFloat, $"seed {seed}: {after.Id} gained float");
                Assert.Equal(after.LateFinish.DayNumber - after.EarlyFinish.DayNumber, after.TotalFloat);
                Assert.Equal(after.LateStart.DayNumber - after.EarlyStart.DayNumber, after.TotalFloat);
                if (dued[k].Due is { } due)
                {
                    Assert.True(after.LateFinish <= due, $"seed {seed}: {after.Id} may finish after its due date");
                    Assert.Equal(after.EarlyFinish > due, after.DaysPastDue is not null);
                    Assert.True(after.DaysPastDue is null || after.TotalFloat <= -after.DaysPastDue, $"seed {seed}: {after.Id} late but float {after.TotalFloat}");
                }
            }

            // Due dates on or after each activity's unconstrained late finish change nothing at all.
            var later = network.Select(a => random.Next(2) == 0 ? a : a with { Due = byId[a.Id].LateFinish.AddDays(random.Next(0, 20)) }).ToArray();
            Assert.Equal(free.Activities.Select(Row), Scheduler.Compute(later, Start).Activities.Select(Row));
        }
    }

    private static string Row(ScheduledActivity a) => $"{a.Id} {a.EarlyStart:MM-dd} {a.EarlyFinish:MM-dd} {a.LateStart:MM-dd} {a.LateFinish:MM-dd} {a.TotalFloat} {a.FreeFloat} {a.Critical}";

    /// <summary>A random DAG of tasks (1–20 days): each links to up to 6 earlier ones (3 on average) of a random type and a lag of −2..+4.</summary>
    internal static ScheduleActivity[] RandomNetwork(int n, int seed)
    {
        var random = new Random(seed);
        var activities = new ScheduleActivity[n];
        for (var i = 0; i < n; i++)
        {
            var links = i == 0 ? 0 : random.Next(0, 7);
            var after = new Predecessor[links];
            for (var k = 0; k < links; k++)
            {
                after[k] = new Predecessor($"a{random.Next(i)}", (LinkType)random.Next(4), random.Next(-2, 5));
            }

            activities[i] = new ScheduleActivity($"a{i}", $"工作{i}", random.Next(1, 21)) { After = after };
        }

        return activities;
    }
}
