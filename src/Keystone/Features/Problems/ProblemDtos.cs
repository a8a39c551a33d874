using System.Globalization;
using Keystone.Core;
using Keystone.Core.Problems;
using Keystone.Core.Units;

namespace Keystone.Features.Problems;

/// <summary>How a problem was raised: kind report (period), visit (visitor, visitedOn, met) or inspection (leader, inspectedOn, words).</summary>
public sealed record SourceInput(string? Kind, string? Period, string? Visitor, DateOnly? VisitedOn, string? Met, string? Leader, DateOnly? InspectedOn, string? Words);

/// <summary>
/// POST /api/problems: a problem on a project (projectCode) or, without one, on an enterprise (enterprise:
/// its USCC, and unit: the zone raising it). The deadline is when the department must answer by.
/// </summary>
public sealed record ProblemInput(
    string? ProjectCode, string? Title, string? Category, DateOnly? Deadline, string? Department = null, string? Detail = null,
    string? Enterprise = null, string? Unit = null, SourceInput? Source = null);

/// <summary>
/// The steps on a problem each may name the problem's <c>version</c> they were made from (a notice's reply: the
/// notice's), or send it as If-Match; a stale step is refused and nothing changes.
/// </summary>
public sealed record AssignInput(string? Department, DateOnly? Deadline, int? Version = null);

/// <summary>
/// 转为问题并交办: a report's 存在问题 raised as a problem and routed at once. The category and the department
/// are required (no default is assumed); the text is the report's unless given; the deadline the unit's
/// answer days unless given.
/// </summary>
public sealed record ReportProblemInput(string? Category, string? Department, DateOnly? Deadline = null, string? Text = null);

public sealed record AnswerInput(string? Answer, int? Version = null);

public sealed record ReturnInput(string? Reason, int? Version = null);

public sealed record CloseInput(string? Satisfaction, string? Comment, int? Version = null);

/// <summary>A supervision notice: the reply date (default: the unit's answer days from today) and the requirement in the issuer's words.</summary>
public sealed record NoticeInput(DateOnly? ReplyBy, string? Requirement, int? Version = null);

public sealed record ReplyInput(string? Reply, int? Version = null);

public sealed record StepDto(int Sequence, ProblemStepKind Kind, string KindName, DateTimeOffset At, DateOnly On, string By, string? Department, DateOnly? Deadline, string? Text, Satisfaction? Satisfaction);

public sealed record NoticeDto(
    int Sequence, string Reference, string Issuer, string Addressee, string? Department, DateOnly Deadline, int OverdueDays, DateOnly ReplyBy, string? Requirement,
    DateOnly IssuedOn, string IssuedBy, string? Reply, DateOnly? RepliedOn, string? RepliedBy, string Document, int Version = 1);

public sealed record OriginDto(ProblemSource Kind, string KindName, string? Period, string? Visitor, DateOnly? VisitedOn, string? Met, string? Leader, DateOnly? InspectedOn, string? Words, string? Meeting = null, DateOnly? MeetingOn = null);

/// <summary>One problem with its thread: everything the list says, plus what was raised, answered and said, step by step, and its notices.</summary>
public sealed record ProblemDetailDto
{
    public required ProblemItem Problem { get; init; }

    /// <summary>The problem's version (its ETag): what a step sends back as If-Match or <c>version</c>.</summary>
    public int Version { get; init; }

    public string? Detail { get; init; }

    public required OriginDto Origin { get; init; }

    public string? Answer { get; init; }

    public Satisfaction? Satisfaction { get; init; }

    public string? Comment { get; init; }

    public required IReadOnlyList<StepDto> Steps { get; init; }

    public required IReadOnlyList<NoticeDto> Notices { get; init; }

    /// <summary>The day the problem is judged as of (its overdue days and light).</summary>
    public DateOnly? AsOf { get; init; }

    public static ProblemDetailDto Of(Problem problem, ProblemItem item, OrgTree tree, CultureInfo culture) => new()
    {
        Problem = item,
        Version = problem.Version,
        Detail = problem.Detail,
        Origin = new OriginDto(
            problem.Source, ProblemVocabulary.Name(problem.Source).For(culture), problem.ReportPeriod?.ToString(), problem.Visitor, problem.VisitedOn, problem.VisitMet,
            problem.Leader, problem.InspectedOn, problem.LeaderWords, problem.MeetingTitle, problem.MeetingOn),
        Answer = problem.AnswerText,
        Satisfaction = problem.Satisfaction,
        Comment = problem.Comment,
        Steps = problem.Steps.OrderBy(s => s.Sequence)
            .Select(s => new StepDto(s.Sequence, s.Kind, StepName(s.Kind).For(culture), s.At, s.On, s.By, s.Department, s.Deadline, s.Text, s.Satisfaction))
            .ToList(),
        Notices = problem.Notices.OrderBy(n => n.Sequence)
            .Select(n => new NoticeDto(
                n.Sequence, n.Reference, tree.Contains(n.IssuingUnitId) ? tree[n.IssuingUnitId].Name : "", n.Addressee, n.Department, n.Deadline, n.OverdueDays, n.ReplyBy,
                n.Requirement, n.IssuedOn, n.IssuedBy, n.ReplyText, n.RepliedOn, n.RepliedBy,
                $"/api/problems/{problem.Number}/notices/{n.Sequence.ToString(CultureInfo.InvariantCulture)}?format=docx", n.Version))
            .ToList(),
    };

    public static Text StepName(ProblemStepKind kind) => kind switch
    {
        ProblemStepKind.Raised => new("提出", "Raised"),
        ProblemStepKind.Assigned => new("交办", "Assigned"),
        ProblemStepKind.Answered => new("答复", "Answered"),
        ProblemStepKind.Returned => new("退回", "Returned"),
        ProblemStepKind.Closed => new("办结", "Closed"),
        ProblemStepKind.NoticeIssued => new("督办", "Supervision notice"),
        ProblemStepKind.NoticeReplied => new("督办反馈", "Notice replied"),
    };
}

/// <summary>A department that answers problems in a scope, with how many it has open and overdue.</summary>
public sealed record DepartmentDto(string Name, int Open, int Overdue);
