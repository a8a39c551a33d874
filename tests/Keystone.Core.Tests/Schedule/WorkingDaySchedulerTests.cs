using Keystone.Core.Calendar;
using Keystone.Core.Schedule;

namespace Keystone.Core.Tests.Schedule;

/// <summary>
/// Schedules that count working days (工作日) on China's calendar, computed by hand on the shipped 2024
/// notices: 国庆 10-01..10-07 off with Sunday 09-29 and Saturday 10-12 worked; 春节 02-10..02-17 off with
/// Sundays 02-04 and 02-18 worked. Each case is pinned against <see cref="WorkingCalendar.Builtin"/>, not the
/// process's current calendar, so an import elsewhere cannot move it.
/// </summary>
public class WorkingDaySchedulerTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.Builtin;

    private static ScheduleActivity A(string id, int duration, params Predecessor[] after) => new(id, id, duration) { After = after };

    private static ScheduleResult Working(DateOnly start, DateOnly? deadline, DateOnly? asOf, params ScheduleActivity[] activities) =>
        Scheduler.Compute(activities, start, deadline, asOf, ScheduleDays.Working, China);

    private static ScheduleResult Calendar(DateOnly start, DateOnly? deadline, DateOnly? asOf, params ScheduleActivity[] activities) =>
        Scheduler.Compute(activities, start, deadline, asOf, ScheduleDays.Calendar, China);

    private static string Row(ScheduleResult result, string id)
    {
        var a = result.Activities.Single(x => x.Id == id);
        return $"{a.EarlyStart:MM-dd} {a.EarlyFinish:MM-dd} {a.LateStart:MM-dd} {a.LateFinish:MM-dd} {a.TotalFloat} {a.FreeFloat}";
    }

    [Fact]
    public void TenWorkingDays_FromFriday27September2024_AcrossGuoqing_EndOn15October()
    {
        // 09-27 Fri (1), 09-29 Sun 调休 (2), 09-30 (3), 10-01..07 off, 10-08..11 (4–7), 10-12 Sat 调休 (8), 10-14 (9), 10-15 (10).
        var r = Working(new(2024, 9, 27), null, null, A("A", 10));

        Assert.Equal("09-27 10-15 09-27 10-15 0 0", Row(r, "A"));
        Assert.Equal(new DateOnly(2024, 10, 15), r.Finish);
        Assert.Equal(ScheduleDays.Working, r.Days);

        // The same plan in calendar days is unchanged: ten days, 27 September to 6 October.
        Assert.Equal("09-27 10-06 09-27 10-06 0 0", Row(Calendar(new(2024, 9, 27), null, null, A("A", 10)), "A"));
    }

    [Fact]
    public void TenWorkingDays_FromFriday2February2024_AcrossChunjie_EndOn20February()
    {
        // 02-02 Fri (1), 02-03 Sat off, 02-04 Sun 调休 (2), 02-05..09 (3–7), 02-10..17 off, 02-18 Sun 调休 (8), 02-19 (9), 02-20 (10).
        var r = Working(new(2024, 2, 2), null, null, A("A", 10));

        Assert.Equal("02-02 02-20 02-02 02-20 0 0", Row(r, "A"));
    }

    [Fact]
    public void AStartOnAHoliday_CountsFromTheNextWorkingDay()
    {
        // Planned to start on 1 October, the first working day is 8 October: 3 working days are 10-08, 10-09, 10-10.
        var r = Working(new(2024, 10, 1), null, null, A("A", 3));

        Assert.Equal("10-08 10-10 10-08 10-10 0 0", Row(r, "A"));
    }

    [Fact]
    public void FinishToStartLags_CountWorkingDays()
    {
        // A: 09-27, 09-29, 09-30. B waits 2 working days after A (10-08, 10-09) and takes 10-10, 10-11.
        var r = Working(new(2024, 9, 27), null, null, A("A", 3), A("B", 2, new Predecessor("A", LinkType.FinishToStart, 2)));

        Assert.Equal("09-27 09-30 09-27 09-30 0 0", Row(r, "A"));
        Assert.Equal("10-10 10-11 10-10 10-11 0 0", Row(r, "B"));

        // A lag of 0 starts B on the next working day, 8 October, not 1 October.
        var next = Working(new(2024, 9, 27), null, null, A("A", 3), A("B", 2, new Predecessor("A")));
        Assert.Equal("10-08 10-09 10-08 10-09 0 0", Row(next, "B"));

        // In calendar days the same plan runs B on 2–3 October.
        var calendar = Calendar(new(2024, 9, 27), null, null, A("A", 3), A("B", 2, new Predecessor("A", LinkType.FinishToStart, 2)));
        Assert.Equal("10-02 10-03 10-02 10-03 0 0", Row(calendar, "B"));
    }

    [Fact]
    public void StartToStartLag_OverTheHoliday_CountsWorkingDays()
    {
        // B starts 3 working days after A starts: A's days are 09-27 (0), 09-29 (1), 09-30 (2), so B starts 10-08 (3).
        var r = Working(new(2024, 9, 27), null, null, A("A", 5), A("B", 1, new Predecessor("A", LinkType.StartToStart, 3)));

        Assert.Equal("10-08 10-08 10-09 10-09 1 1", Row(r, "B"));
    }

    [Fact]
    public void FloatAndTheDeadlineMargin_CountWorkingDays()
    {
        // A 5 working days (09-27 .. 10-09), B 2 (09-27, 09-29), C after both, 1 day (10-10). The deadline Monday
        // 14 October leaves 10-11, 10-12 (调休 Saturday) and 10-14: 3 working days, where the calendar counts 4.
        var r = Working(
            new(2024, 9, 27), new(2024, 10, 14), null,
            A("A", 5), A("B", 2), A("C", 1, new Predecessor("A"), new Predecessor("B")));

        Assert.Equal("09-27 10-09 10-08 10-12 3 0", Row(r, "A"));
        Assert.Equal("09-27 09-29 10-11 10-12 6 3", Row(r, "B"));
        Assert.Equal("10-10 10-10 10-14 10-14 3 0", Row(r, "C")); // free float is to the forecast finish
        Assert.Equal(new DateOnly(2024, 10, 10), r.Finish);
        Assert.Equal(3, r.DeadlineMargin);
        Assert.Equal(3, r.CriticalFloat);

        var outlook = ScheduleOutlook.Of(r, []);
        Assert.Equal(ScheduleStanding.OnTime, outlook.Standing);
        Assert.Equal((3, ScheduleDays.Working), (outlook.Margin, outlook.Days));
        Assert.Equal(new Text("3个工作日", "3 working day(s)"), outlook.Days.Count(3));
    }

    [Fact]
    public void ANodeForecastPastItsDueDate_IsPastDueByWorkingDays()
    {
        // A (4 working days: 09-27, 09-29, 09-30, 10-08) finishes 10-08; its due date 30 September is one working day earlier, not eight.
        var r = Working(new(2024, 9, 27), null, null, A("A", 4) with { Due = new DateOnly(2024, 9, 30) });

        var a = r.Activities.Single();
        Assert.Equal(new DateOnly(2024, 10, 8), a.EarlyFinish);
        Assert.Equal(1, a.DaysPastDue);
        Assert.Equal(-1, a.TotalFloat);
    }

    [Fact]
    public void Late_IsJudgedOnDates_EvenOnAHoliday()
    {
        // Deadline 30 September: A (2 days) must finish 09-30 and start by 09-29, a 调休 Sunday.
        var plan = new[] { A("A", 2) };
        Assert.False(Working(new(2024, 9, 27), new(2024, 9, 30), new(2024, 9, 29), plan).Activities.Single().Late);
        Assert.True(Working(new(2024, 9, 27), new(2024, 9, 30), new(2024, 9, 30), plan).Activities.Single().Late);

        // On 5 October, a holiday, work still due by 8 October is not late; work due by 30 September is.
        var holiday = new DateOnly(2024, 10, 5);
        Assert.False(Working(new(2024, 9, 27), new(2024, 10, 8), holiday, A("B", 1) with { ActualStart = new DateOnly(2024, 9, 27) }).Activities.Single().Late);
        Assert.True(Working(new(2024, 9, 27), new(2024, 9, 30), holiday, A("B", 3) with { ActualStart = new DateOnly(2024, 9, 27) }).Activities.Single().Late);
    }

    [Fact]
    public void ActualDatesOnAHoliday_ArePrintedAsReported_AndTheRestIsCountedFromTheNextWorkingDay()
    {
        // The site started on 5 October, a holiday: 3 working days run 10-08 .. 10-10; the start shows 10-05.
        var r = Working(new(2024, 9, 27), null, null, A("A", 3) with { ActualStart = new DateOnly(2024, 10, 5) }, A("B", 1, new Predecessor("A")));

        Assert.Equal("10-05 10-10", $"{r.Activities[0].EarlyStart:MM-dd} {r.Activities[0].EarlyFinish:MM-dd}");
        Assert.Equal("10-11 10-11", $"{r.Activities[1].EarlyStart:MM-dd} {r.Activities[1].EarlyFinish:MM-dd}");

        // Finished on a holiday (6 October): it shows 10-06, and what follows starts on the next working day, 10-08.
        var done = Working(new(2024, 9, 27), null, null, A("A", 3) with { ActualStart = new DateOnly(2024, 9, 27), ActualFinish = new DateOnly(2024, 10, 6) }, A("B", 1, new Predecessor("A")));
        Assert.Equal("09-27 10-06", $"{done.Activities[0].EarlyStart:MM-dd} {done.Activities[0].EarlyFinish:MM-dd}");
        Assert.Equal("10-08 10-08", $"{done.Activities[1].EarlyStart:MM-dd} {done.Activities[1].EarlyFinish:MM-dd}");
    }

    [Fact]
    public void AMilestone_AfterWork_IsTheLastWorkingDay_AndBeforeWork_TheFirst()
    {
        var r = Working(new(2024, 9, 27), null, null, A("A", 3), A("M", 0, new Predecessor("A")), A("S", 0), A("B", 1, new Predecessor("M")));

        Assert.Equal("09-30 09-30", $"{r.Activities[1].EarlyStart:MM-dd} {r.Activities[1].EarlyFinish:MM-dd}"); // closes A on its last day
        Assert.Equal("09-27 09-27", $"{r.Activities[2].EarlyStart:MM-dd} {r.Activities[2].EarlyFinish:MM-dd}"); // the start
        Assert.Equal("10-08 10-08", $"{r.Activities[3].EarlyStart:MM-dd} {r.Activities[3].EarlyFinish:MM-dd}");
    }

    [Fact]
    public void SwitchingAPlanBetweenKinds_ChangesItsDates_AndSwitchingBackRestoresThem()
    {
        var plan = new SchedulePlanFile.Plan(new(2024, 9, 27), new(2024, 10, 31), [A("A", 10), A("B", 5, new Predecessor("A"))]);
        Assert.Equal(ScheduleDays.Calendar, plan.Days);
        var calendar = Scheduler.Compute(plan, null, China);
        Assert.Equal(new DateOnly(2024, 10, 11), calendar.Finish);
        Assert.Equal(20, calendar.DeadlineMargin);

        var working = SchedulePlanEdits.Dates(plan, plan.Start, plan.Deadline, ScheduleDays.Working);
        Assert.Equal(ScheduleDays.Working, working.Days);
        var w = Scheduler.Compute(working, null, China);
        Assert.Equal(new DateOnly(2024, 10, 22), w.Finish); // A to 10-15, B 10-16 .. 10-22
        Assert.Equal(7, w.DeadlineMargin); // 10-23, 24, 25, 28, 29, 30, 31

        // Moving the dates keeps the kind; switching back gives the calendar-day schedule again.
        Assert.Equal(ScheduleDays.Working, SchedulePlanEdits.Dates(working, plan.Start, null).Days);
        var back = SchedulePlanEdits.Dates(working, plan.Start, plan.Deadline, ScheduleDays.Calendar);
        Assert.Equal(calendar.Activities.Select(a => (a.EarlyStart, a.EarlyFinish, a.TotalFloat)), Scheduler.Compute(back, null, China).Activities.Select(a => (a.EarlyStart, a.EarlyFinish, a.TotalFloat)));
    }

    [Fact]
    public void TheFile_CarriesTheKind_AndAPlanWithoutOneCountsCalendarDays()
    {
        const string Old = """{"start": "2024-09-27", "activities": [{"id": "A", "duration": 10}]}""";
        var plan = SchedulePlanFile.Stored(Old);
        Assert.Equal(ScheduleDays.Calendar, plan.Days);
        Assert.DoesNotContain("days", SchedulePlanFile.Write(plan), StringComparison.Ordinal); // stored plans stay as they were

        var working = plan with { Days = ScheduleDays.Working };
        var json = SchedulePlanFile.Write(working);
        Assert.Contains("\"days\":\"working\"", json, StringComparison.Ordinal);
        Assert.Equal(ScheduleDays.Working, SchedulePlanFile.Stored(json).Days);

        Assert.Equal(ScheduleDays.Working, SchedulePlanFile.Stored("""{"start": "2024-09-27", "days": "工作日", "activities": [{"id": "A", "duration": 1}]}""").Days);
        Assert.Equal(ScheduleDays.Calendar, SchedulePlanFile.Stored("""{"start": "2024-09-27", "days": "Calendar", "activities": [{"id": "A", "duration": 1}]}""").Days);
    }

    [Fact]
    public void AnUnknownKind_IsRefused_NamingTheField()
    {
        var e = Assert.Throws<DomainException>(() => SchedulePlanFile.Parse("""{"start": "2024-09-27", "days": "weekdays", "activities": [{"id": "A", "duration": 1}]}"""u8.ToArray(), "plan.json"));
        Assert.Equal("days", e.Field);
        Assert.Contains("plan.json", e.Text.Zh, StringComparison.Ordinal);
        Assert.Contains("\"weekdays\"", e.Text.Zh, StringComparison.Ordinal);
        Assert.Contains("working", e.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void DurationsPastTheCalendar_AreRefused_NotLoopedOver()
    {
        var e = Assert.Throws<DomainException>(() => Working(new(2024, 9, 27), null, null, A("A", int.MaxValue / 2)));
        Assert.Equal("activities", e.Field);
    }

    [Fact]
    public void TheScale_CountsAsTheCalendarDoes_AndNumbersEveryWorkingDayOnce()
    {
        var random = new Random(18);
        var scale = DayScale.Of(ScheduleDays.Working, new(2024, 9, 27), China);
        for (var k = 0; k < 500; k++)
        {
            var from = new DateOnly(2023, 1, 1).AddDays(random.Next(0, 1400));
            var to = from.AddDays(random.Next(0, 200));
            Assert.Equal(China.Between(from, to), scale.Between(from, to));
            Assert.Equal(-China.Between(from, to), scale.Between(to, from));
        }

        var day = scale.Begin(new DateOnly(2023, 1, 1));
        for (var d = new DateOnly(2023, 1, 1); d < new DateOnly(2027, 1, 1); d = d.AddDays(1))
        {
            if (China.IsWorkingDay(d))
            {
                Assert.Equal(d, scale.Date(day++));
            }
        }
    }

    /// <summary>Every day a working day from 2000 to 2049: Saturdays and Sundays all 调休, no holidays.</summary>
    private static readonly WorkingCalendar EveryDay = WorkingCalendar.Weekdays.With(
        Enumerable.Range(new DateOnly(2000, 1, 1).DayNumber, new DateOnly(2050, 1, 1).DayNumber - new DateOnly(2000, 1, 1).DayNumber)
            .Select(DateOnly.FromDayNumber)
            .Where(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            .Select(d => new CalendarDay(d, CalendarDayKind.Workday, "test")));

    [Fact]
    public void WithEveryDayWorked_WorkingDays_AreCalendarDays_OnRandomPlans()
    {
        var start = new DateOnly(2024, 3, 1);
        foreach (var seed in Enumerable.Range(1, 30))
        {
            var random = new Random(seed * 7919);
            var network = SchedulerTests.RandomNetwork(random.Next(1, 120), seed).Select(a => random.Next(10) switch
            {
                0 => a with { Duration = 0 },
                1 => a with { Due = start.AddDays(random.Next(0, 400)) },
                2 => a with { ActualStart = start.AddDays(random.Next(-5, 60)) },
                3 when a.Duration > 0 => a with { ActualStart = start.AddDays(random.Next(0, 30)), ActualFinish = start.AddDays(random.Next(30, 90)) },
                4 => a with { ActualFinish = start.AddDays(random.Next(0, 90)) },
                _ => a,
            }).ToArray();
            DateOnly? deadline = random.Next(3) == 0 ? null : start.AddDays(random.Next(30, 500));
            var asOf = start.AddDays(random.Next(-10, 300));

            var calendar = Scheduler.Compute(network, start, deadline, asOf, ScheduleDays.Calendar, EveryDay);
            var working = Scheduler.Compute(network, start, deadline, asOf, ScheduleDays.Working, EveryDay);

            Assert.Equal((calendar.Finish, calendar.CriticalFloat, calendar.DeadlineMargin), (working.Finish, working.CriticalFloat, working.DeadlineMargin));
            Assert.Equal(calendar.Activities, working.Activities);
        }
    }
}
