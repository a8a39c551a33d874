using System.Globalization;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Units;

namespace Keystone.Core.Problems;

/// <summary>
/// A problem as lists return it (GET /api/problems, `keystone problems list --json`): what, whose, where it
/// stands today, and why its light is lit. Field names are a contract with users' scripts: add, never rename.
/// </summary>
public sealed record ProblemItem
{
    public required string Number { get; init; }

    public required string Title { get; init; }

    public required ProblemCategory Category { get; init; }

    public required string CategoryName { get; init; }

    public required ProblemSource Source { get; init; }

    public required string SourceName { get; init; }

    public string? ProjectCode { get; init; }

    public string? ProjectName { get; init; }

    public string? Enterprise { get; init; }

    public required string Unit { get; init; }

    public required ProblemStatus Status { get; init; }

    public required string StatusName { get; init; }

    public string? Department { get; init; }

    /// <summary>办理时限.</summary>
    public required DateOnly Deadline { get; init; }

    /// <summary>The next date due (routing or answer), or the one missed when overdue.</summary>
    public required DateOnly DueBy { get; init; }

    public required bool Overdue { get; init; }

    public required int OverdueDays { get; init; }

    /// <summary>"routing" or "answer" when overdue.</summary>
    public Lateness? Late { get; init; }

    /// <summary>The unit it has escalated to, when overdue.</summary>
    public string? EscalatedTo { get; init; }

    public required Light Light { get; init; }

    public required IReadOnlyList<string> Reasons { get; init; }

    public required DateOnly RaisedOn { get; init; }

    public required string RaisedBy { get; init; }

    public required int Notices { get; init; }

    public static ProblemItem Of(JudgedProblem problem, OrgTree tree, CultureInfo culture)
    {
        var row = problem.Row;
        var s = problem.Standing;
        return new ProblemItem
        {
            Number = row.Number,
            Title = row.Title,
            Category = row.Category,
            CategoryName = ProblemVocabulary.Name(row.Category).For(culture),
            Source = row.Source,
            SourceName = ProblemVocabulary.Name(row.Source).For(culture),
            ProjectCode = row.ProjectCode,
            ProjectName = row.ProjectName,
            Enterprise = row.EnterpriseName,
            Unit = tree.Contains(row.UnitId) ? tree[row.UnitId].Name : "",
            Status = s.Status,
            StatusName = ProblemVocabulary.Name(s.Status).For(culture),
            Department = s.Department,
            Deadline = s.Deadline,
            DueBy = s.DueBy,
            Overdue = s.IsOverdue,
            OverdueDays = s.OverdueDays,
            Late = s.Late,
            EscalatedTo = s.EscalatedTo?.Name,
            Light = s.Light,
            Reasons = s.Reasons.Select(r => r.Text.For(culture)).ToList(),
            RaisedOn = row.Timeline.RaisedOn,
            RaisedBy = row.RaisedBy,
            Notices = row.NoticesIssued.Count,
        };
    }
}

/// <summary>A scope's problem figures as JSON (the briefing's `problems`): every number of its 问题督办 paragraph.</summary>
public sealed record ProblemSummaryReport
{
    public required int Year { get; init; }

    public required DateOnly AsOf { get; init; }

    public required int Raised { get; init; }

    public required int Instructions { get; init; }

    public int InstructionsClosed { get; init; }

    public int Decisions { get; init; }

    public int DecisionsClosed { get; init; }

    public required int Closed { get; init; }

    public required decimal? ClosureRate { get; init; }

    public required decimal? SatisfactionRate { get; init; }

    public required int Open { get; init; }

    public required int Overdue { get; init; }

    public required int Notices { get; init; }

    public required IReadOnlyList<ProblemItem> OverdueProblems { get; init; }

    public static ProblemSummaryReport Of(ProblemSummary summary, OrgTree tree, CultureInfo culture) => new()
    {
        Year = summary.Year,
        AsOf = summary.AsOf,
        Raised = summary.Raised,
        Instructions = summary.Instructions,
        InstructionsClosed = summary.InstructionsClosed,
        Decisions = summary.Decisions,
        DecisionsClosed = summary.DecisionsClosed,
        Closed = summary.Closed,
        ClosureRate = summary.ClosureRate?.Rounded,
        SatisfactionRate = summary.SatisfactionRate?.Rounded,
        Open = summary.Open,
        Overdue = summary.Overdue,
        Notices = summary.Notices,
        OverdueProblems = summary.OverdueProblems.Select(p => ProblemItem.Of(p, tree, culture)).ToList(),
    };
}
