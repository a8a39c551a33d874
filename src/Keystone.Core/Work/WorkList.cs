using Keystone.Core.Enterprises;
using Keystone.Core.Factors;
using Keystone.Core.Problems;
using Keystone.Core.Progress;
using Keystone.Core.Promotion;

namespace Keystone.Core.Work;

/// <summary>A report as the to-do list shows it: waiting for review, or returned to its reporter with the comment.</summary>
public sealed record WorkReport(int UnitId, string Code, string Name, Period Period, ReportStatus Status, DateTimeOffset ReportedAt, string? ReportedBy, string? Comment);

/// <summary>A project of the plan without its month's report by the day it was due, and the latest 催报 sent about it.</summary>
public sealed record LateReport(int UnitId, string Code, string Name, Period Period, DateOnly Due, DateTimeOffset? RemindedAt, string? RemindedBy);

/// <summary>A 督办单 whose reply is due within the window, or overdue.</summary>
public sealed record NoticeDue(string Reference, string ProblemNumber, string ProblemTitle, int UnitId, string Addressee, DateOnly ReplyBy, bool Overdue);

/// <summary>A 包联 enterprise its liaison officer has not visited in the desk date's month (on or before the day).</summary>
public sealed record VisitDue(string Uscc, string Enterprise, int UnitId, string Officer, string? Department);

/// <summary>A project an enterprise reporter fills in: the month to report, and that month's report if one was filed.</summary>
public sealed record ReportToFile(string Code, string Name, Period Period, ReportStatus? Status, string? Comment);

/// <summary>
/// An officer's to-do list (工作台) as of a day: what waits on the officer's desk, each list ordered so the most
/// urgent comes first. Every list is the scope's (the officer's unit and those below it).
/// </summary>
public sealed record OfficerWork
{
    public required DateOnly AsOf { get; init; }

    /// <summary>The month whose reports were due, and the day they were due by.</summary>
    public required Period DuePeriod { get; init; }

    public required DateOnly DueOn { get; init; }

    public IReadOnlyList<WorkReport> ToReview { get; init; } = [];

    public IReadOnlyList<LateReport> LateReports { get; init; } = [];

    /// <summary>Raised or returned, waiting to be routed to a department (待交办, 退回重办).</summary>
    public IReadOnlyList<JudgedProblem> ToRoute { get; init; } = [];

    public IReadOnlyList<JudgedProblem> Overdue { get; init; } = [];

    /// <summary>Answered by the department, waiting for the desk to close with the raiser's verdict.</summary>
    public IReadOnlyList<JudgedProblem> ToClose { get; init; } = [];

    public IReadOnlyList<NoticeDue> NoticesDue { get; init; } = [];

    /// <summary>容缺/承诺 obligations not met, due within <see cref="WorkList.ObligationWindowDays"/> days or already late.</summary>
    public IReadOnlyList<ObligationLight> ObligationsDue { get; init; } = [];

    /// <summary>
    /// Leads (招商线索) no one has followed up for their unit's yellow (default 30) days or more: active, not yet
    /// started, the longest first — the /promotion page's 超期未跟进. Empty where the scope keeps no leads.
    /// </summary>
    public IReadOnlyList<StaleLead> StaleLeads { get; init; } = [];

    /// <summary>The month whose 包联 visits are counted: the desk date's month, up to the day.</summary>
    public Period VisitMonth { get; init; }

    /// <summary>包联 enterprises of the scope (those with a liaison officer).</summary>
    public int VisitsAssigned { get; init; }

    /// <summary>Those not yet visited this month by their liaison officer (每月开展一次入企访谈).</summary>
    public IReadOnlyList<VisitDue> Unvisited { get; init; } = [];

    public int Total => ToReview.Count + LateReports.Count + ToRoute.Count + Overdue.Count + ToClose.Count + NoticesDue.Count + ObligationsDue.Count
        + StaleLeads.Count + Unvisited.Count;
}

/// <summary>An enterprise reporter's to-do list: its projects' reports to file, those returned, its open problems.</summary>
public sealed record ReporterWork
{
    public required DateOnly AsOf { get; init; }

    /// <summary>The month the reporter fills in now: the last month that has ended.</summary>
    public required Period Period { get; init; }

    public IReadOnlyList<ReportToFile> ToFile { get; init; } = [];

    public IReadOnlyList<WorkReport> Returned { get; init; } = [];

    public IReadOnlyList<JudgedProblem> OpenProblems { get; init; } = [];

    public int Total => ToFile.Count(r => r.Status is null or ReportStatus.Returned) + Returned.Count + OpenProblems.Count;
}

/// <summary>The rules the to-do lists are cut by. Pure.</summary>
public static class WorkList
{
    /// <summary>Obligations and 督办单 replies show from this many days before they are due.</summary>
    public const int ObligationWindowDays = 7;

    /// <summary>
    /// The month a reporter fills in on <paramref name="asOf"/>: the month that has just ended — the month before,
    /// or the day's own month on its last day (a desk judged as of 31 March reads March's reports).
    /// </summary>
    public static Period ReportingPeriod(DateOnly asOf) =>
        asOf == Period.Of(asOf).LastDay ? Period.Of(asOf) : Period.Of(asOf).Previous;

    /// <summary>The months from <paramref name="period"/> to the end of its year: a later month's report means the project reported.</summary>
    public static IReadOnlyList<Period> FromToYearEnd(Period period) =>
        Enumerable.Range(period.Month, 13 - period.Month).Select(m => new Period(period.Year, m)).ToList();

    /// <summary>A 督办单 belongs on the list when unanswered on the day and its reply is due within the window (or past).</summary>
    public static NoticeDue? Due(NoticeRowForWork n, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(n);
        if (n.IssuedOn > asOf || (n.RepliedOn is { } replied && replied <= asOf) || n.ReplyBy > asOf.AddDays(ObligationWindowDays))
        {
            return null;
        }

        return new NoticeDue(n.Reference, n.ProblemNumber, n.ProblemTitle, n.UnitId, n.Addressee, n.ReplyBy, n.ReplyBy < asOf);
    }

    /// <summary>An obligation belongs on the list when not met on the day and due within the window (or past).</summary>
    public static bool IsDueSoon(ObligationLight o, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(o);
        return (o.Done is null || o.Done > asOf) && o.Due <= asOf.AddDays(ObligationWindowDays);
    }
}

/// <summary>A 督办单 as the to-do list reads it.</summary>
public sealed record NoticeRowForWork(string Reference, string ProblemNumber, string ProblemTitle, int UnitId, string Addressee, DateOnly IssuedOn, DateOnly ReplyBy, DateOnly? RepliedOn);

/// <summary>The rules a 催报 is held to: a month that has ended, a report still missing, once a day.</summary>
public static class Reminders
{
    public static void Check(Period period, DateOnly today, bool reported, bool remindedToday)
    {
        if (period.LastDay >= today)
        {
            throw new DomainException(new($"{period.Year}年{period.Month}月尚未结束，不能催报", $"{period.Year}-{period.Month:00} has not ended yet: nothing to remind about"), "period");
        }

        if (reported)
        {
            throw new DomainException(new($"项目已填报{period.Year}年{period.Month}月进度，无需催报", $"The project has already reported {period.Year}-{period.Month:00}"), "period");
        }

        if (remindedToday)
        {
            throw new DomainException(new("今天已催报过这个项目", "This project was already reminded today"), "project");
        }
    }
}
