using Keystone.Core.Factors;
using Keystone.Core.Lights;
using Keystone.Core.Work;

namespace Keystone.Core.Tests.Work;

public class WorkListTests
{
    private static readonly DateOnly Day = new(2024, 4, 10);

    [Theory]
    [InlineData("2024-04-10", "2024-03")]
    [InlineData("2024-04-01", "2024-03")]
    [InlineData("2024-01-15", "2023-12")]
    [InlineData("2024-03-31", "2024-03")]
    [InlineData("2024-03-30", "2024-02")]
    public void AReporterFillsInTheMonthThatHasJustEnded(string asOf, string period) =>
        Assert.Equal(Period.Parse(period), WorkList.ReportingPeriod(DateOnly.Parse(asOf)));

    [Fact]
    public void ALaterMonthsReportCountsAsReported_UpToTheYearsEnd()
    {
        Assert.Equal(["2024-10", "2024-11", "2024-12"], WorkList.FromToYearEnd(new Period(2024, 10)).Select(p => p.ToString()));
        Assert.Single(WorkList.FromToYearEnd(new Period(2024, 12)));
        Assert.Equal(12, WorkList.FromToYearEnd(new Period(2024, 1)).Count);
    }

    private static NoticeRowForWork Notice(string issued, string replyBy, string? replied = null) =>
        new("督字〔2024〕1号", "P2024-0001", "供水", 1, "发改局", DateOnly.Parse(issued), DateOnly.Parse(replyBy), replied is null ? null : DateOnly.Parse(replied));

    [Fact]
    public void ANotice_IsListedFromAWeekBeforeItsReplyIsDue_UntilItIsAnswered()
    {
        Assert.Null(WorkList.Due(Notice("2024-04-01", "2024-04-18"), Day)); // 8 days ahead
        Assert.False(WorkList.Due(Notice("2024-04-01", "2024-04-17"), Day)!.Overdue); // 7 days ahead
        Assert.True(WorkList.Due(Notice("2024-04-01", "2024-04-09"), Day)!.Overdue);
        Assert.False(WorkList.Due(Notice("2024-04-01", "2024-04-10"), Day)!.Overdue); // due today, not yet late
        Assert.Null(WorkList.Due(Notice("2024-04-01", "2024-04-09", replied: "2024-04-08"), Day));
        Assert.NotNull(WorkList.Due(Notice("2024-04-01", "2024-04-09", replied: "2024-04-11"), Day)); // answered after the day asked about
        Assert.Null(WorkList.Due(Notice("2024-04-11", "2024-04-12"), Day)); // not yet issued on the day
    }

    private static ObligationLight Obligation(string due, string? done = null) =>
        new(1, "C-1", "项目", 1, "环评", ObligationKind.SupplyPapers, "补齐材料", DateOnly.Parse(due), done is null ? null : DateOnly.Parse(done), Light.Yellow, []);

    [Fact]
    public void AnObligation_IsListedWithinSevenDaysOfItsDueDay_OrLate_UntilMet()
    {
        Assert.True(WorkList.IsDueSoon(Obligation("2024-04-17"), Day));
        Assert.False(WorkList.IsDueSoon(Obligation("2024-04-18"), Day));
        Assert.True(WorkList.IsDueSoon(Obligation("2024-03-01"), Day));
        Assert.False(WorkList.IsDueSoon(Obligation("2024-04-12", done: "2024-04-09"), Day));
        Assert.True(WorkList.IsDueSoon(Obligation("2024-04-12", done: "2024-04-11"), Day)); // met after the day asked about
    }

    [Fact]
    public void AReminder_AsksForAnEndedMonthsMissingReport_OnceADay()
    {
        Reminders.Check(new Period(2024, 3), Day, reported: false, remindedToday: false);
        Assert.Contains("尚未结束", Assert.Throws<DomainException>(() => Reminders.Check(new Period(2024, 4), Day, false, false)).Text.Zh);
        Assert.Contains("尚未结束", Assert.Throws<DomainException>(() => Reminders.Check(new Period(2024, 4), new DateOnly(2024, 4, 30), false, false)).Text.Zh);
        Reminders.Check(new Period(2024, 4), new DateOnly(2024, 5, 1), false, false);
        Assert.Contains("无需催报", Assert.Throws<DomainException>(() => Reminders.Check(new Period(2024, 3), Day, true, false)).Text.Zh);
        Assert.Equal("project", Assert.Throws<DomainException>(() => Reminders.Check(new Period(2024, 3), Day, false, true)).Field);
    }
}
