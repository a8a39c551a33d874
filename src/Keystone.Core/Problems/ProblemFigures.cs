namespace Keystone.Core.Problems;

/// <summary>One problem as lists, pages and briefings show it: what and whose, and its steps.</summary>
public sealed record ProblemRow
{
    public required string Number { get; init; }

    public required string Title { get; init; }

    public required ProblemCategory Category { get; init; }

    public required ProblemSource Source { get; init; }

    public required int UnitId { get; init; }

    public string RaisedBy { get; init; } = "";

    public string? ProjectCode { get; init; }

    public string? ProjectName { get; init; }

    public string? EnterpriseName { get; init; }

    public required ProblemTimeline Timeline { get; init; }

    /// <summary>The days supervision notices were issued on.</summary>
    public IReadOnlyList<DateOnly> NoticesIssued { get; init; } = [];

    /// <summary>What the problem concerns: its project's name, else its enterprise's.</summary>
    public string Subject => ProjectName ?? EnterpriseName ?? "";
}

/// <summary>A problem with where it stood on the day asked about.</summary>
public sealed record JudgedProblem(ProblemRow Row, ProblemStanding Standing);

/// <summary>
/// The problems of a scope on a day: how many were raised in the year and closed, how many are open and
/// overdue, escalated and supervised — the numbers the problem pages, the API and the briefing's 问题督办
/// paragraph print, computed once.
/// </summary>
public sealed record ProblemSummary
{
    public required int Year { get; init; }

    public required DateOnly AsOf { get; init; }

    /// <summary>Raised in the year, up to the day.</summary>
    public int Raised { get; init; }

    /// <summary>Of those, leaders' instructions (调研交办).</summary>
    public int Instructions { get; init; }

    /// <summary>Of the instructions, closed by the day ("调研交办事项N项，已办结M项").</summary>
    public int InstructionsClosed { get; init; }

    /// <summary>Of those raised, meetings' decisions (会议交办).</summary>
    public int Decisions { get; init; }

    /// <summary>Of the decisions, closed by the day.</summary>
    public int DecisionsClosed { get; init; }

    /// <summary>Of those, closed by the day.</summary>
    public int Closed { get; init; }

    /// <summary>办结率 = closed / raised in the year.</summary>
    public Percent? ClosureRate { get; init; }

    /// <summary>满意率 = closed satisfied or basically satisfied / closed.</summary>
    public Percent? SatisfactionRate { get; init; }

    /// <summary>Not closed on the day, whenever raised.</summary>
    public int Open { get; init; }

    public int Overdue { get; init; }

    /// <summary>Supervision notices issued in the year, up to the day.</summary>
    public int Notices { get; init; }

    /// <summary>Overdue problems, the most overdue first.</summary>
    public IReadOnlyList<JudgedProblem> OverdueProblems { get; init; } = [];

    /// <summary>Whether there is anything to say.</summary>
    public bool IsEmpty => Raised == 0 && Open == 0;
}

/// <summary>Orders and counts judged problems. Pure.</summary>
public static class ProblemFigures
{
    /// <summary>Overdue first (the most overdue first), then the earliest due, then by number.</summary>
    public static IEnumerable<JudgedProblem> Ordered(IEnumerable<JudgedProblem> problems) =>
        problems
            .OrderByDescending(p => p.Standing.IsOverdue)
            .ThenByDescending(p => p.Standing.OverdueDays)
            .ThenBy(p => p.Standing.IsClosed)
            .ThenBy(p => p.Standing.DueBy)
            .ThenBy(p => p.Row.Number, StringComparer.Ordinal);

    public static ProblemSummary Summarize(IEnumerable<JudgedProblem> problems, int year, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var known = problems.Where(p => p.Row.Timeline.RaisedOn <= asOf).ToList();
        var thisYear = known.Where(p => p.Row.Timeline.RaisedOn.Year == year).ToList();
        var closed = thisYear.Where(p => p.Standing.IsClosed).ToList();
        var overdue = Ordered(known.Where(p => p.Standing.IsOverdue)).ToList();
        return new ProblemSummary
        {
            Year = year,
            AsOf = asOf,
            Raised = thisYear.Count,
            Instructions = thisYear.Count(p => p.Row.Source == ProblemSource.Inspection),
            InstructionsClosed = closed.Count(p => p.Row.Source == ProblemSource.Inspection),
            Decisions = thisYear.Count(p => p.Row.Source == ProblemSource.Meeting),
            DecisionsClosed = closed.Count(p => p.Row.Source == ProblemSource.Meeting),
            Closed = closed.Count,
            ClosureRate = Percent.Of(closed.Count, thisYear.Count),
            SatisfactionRate = Percent.Of(closed.Count(p => p.Standing.Satisfaction is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied), closed.Count),
            Open = known.Count(p => !p.Standing.IsClosed),
            Overdue = overdue.Count,
            Notices = known.Sum(p => p.Row.NoticesIssued.Count(d => d.Year == year && d <= asOf)),
            OverdueProblems = overdue,
        };
    }
}
