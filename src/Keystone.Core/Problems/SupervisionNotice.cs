using System.Globalization;

namespace Keystone.Core.Problems;

/// <summary>Who issues a supervision notice, its number, and when the reply is due.</summary>
public sealed record NoticeIssue
{
    /// <summary>The unit issuing the notice: the problem's own unit or one above it (where it escalated).</summary>
    public required int IssuingUnitId { get; init; }

    /// <summary>The issuing unit's name, for the document number ("阳泉市督〔2024〕1号").</summary>
    public required string IssuingUnitName { get; init; }

    /// <summary>The problem's own unit's name: the addressee while no department has the problem.</summary>
    public required string ProblemUnitName { get; init; }

    /// <summary>The notice's number in the issuing unit's series for <see cref="Year"/>.</summary>
    public required int Number { get; init; }

    public required int Year { get; init; }

    /// <summary>By when the addressee must reply (限期反馈).</summary>
    public required DateOnly ReplyBy { get; init; }

    /// <summary>督办要求, in the issuer's words; a standard sentence when none.</summary>
    public string? Requirement { get; init; }
}

/// <summary>
/// A supervision notice (督办单) on an overdue problem: numbered in its issuing unit's series for the year,
/// naming the problem, its deadline and the department, with a date to reply by and the reply once given.
/// What it said is kept as issued, even if the problem is later reassigned.
/// </summary>
public sealed class SupervisionNotice : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public const int MaxTextLength = 2000;

    internal SupervisionNotice(Problem problem, int sequence, NoticeIssue issue, ProblemStanding standing, string by, DateTimeOffset at, DateOnly on)
    {
        if (issue.ReplyBy < on)
        {
            throw new DomainException(new($"反馈期限{ChineseFormat.Date(issue.ReplyBy)}已过", $"The reply date {issue.ReplyBy:yyyy-MM-dd} has passed"), "replyBy");
        }

        if (issue.Requirement is { } r && r.Trim().Length > MaxTextLength)
        {
            throw new DomainException(new("督办要求不能超过2000字", "The requirement cannot be longer than 2000 characters"), "requirement");
        }

        if (issue.Number < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(issue), "A notice number is positive");
        }

        Problem = problem;
        Sequence = sequence;
        IssuingUnitId = issue.IssuingUnitId;
        Year = issue.Year;
        Number = issue.Number;
        Reference = ReferenceOf(issue.IssuingUnitName, issue.Year, issue.Number);
        Department = problem.Department;
        Addressee = problem.Department ?? issue.ProblemUnitName;
        Deadline = standing.DueBy;
        OverdueDays = standing.OverdueDays;
        ReplyBy = issue.ReplyBy;
        Requirement = Problem.Clean(issue.Requirement);
        IssuedBy = by;
        IssuedAt = at.ToUniversalTime();
        IssuedOn = on;
    }

    private SupervisionNotice()
    {
        Reference = "";
        Addressee = "";
        IssuedBy = "";
    }

    public int Id { get; private set; }

    public int ProblemId { get; private set; }

    public Problem? Problem { get; private set; }

    /// <summary>1 for the problem's first notice, 2 for a second (二次督办) …</summary>
    public int Sequence { get; private set; }

    public int IssuingUnitId { get; private set; }

    public int Year { get; private set; }

    /// <summary>The number in the issuing unit's series for the year.</summary>
    public int Number { get; private set; }

    /// <summary>"阳泉市督〔2024〕1号": the document number (发文字号).</summary>
    public string Reference { get; private set; }

    /// <summary>The department the problem was with when the notice was issued; null when it had not been routed.</summary>
    public string? Department { get; private set; }

    /// <summary>Whom the notice is addressed to (主送): the department, or the problem's unit when it was never routed.</summary>
    public string Addressee { get; private set; }

    /// <summary>The date the problem was due by (its deadline, or the day it should have been routed by).</summary>
    public DateOnly Deadline { get; private set; }

    /// <summary>Working days overdue on the day of issue.</summary>
    public int OverdueDays { get; private set; }

    public DateOnly ReplyBy { get; private set; }

    public string? Requirement { get; private set; }

    public string IssuedBy { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public string? ReplyText { get; private set; }

    public string? RepliedBy { get; private set; }

    public DateTimeOffset? RepliedAt { get; private set; }

    public DateOnly? RepliedOn { get; private set; }

    public static string ReferenceOf(string issuer, int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{issuer}督〔{year}〕{number}号");

    /// <summary>The notice's own reply (办理情况反馈), given once.</summary>
    internal void Reply(string reply, string by, DateTimeOffset at, DateOnly on)
    {
        if (ReplyText is not null)
        {
            throw new DomainException(new($"{Reference}已于{ChineseFormat.Date(RepliedOn!.Value)}反馈，不能再次反馈", $"{Reference} was replied to on {RepliedOn:yyyy-MM-dd}; it cannot be replied to again"), "reply");
        }

        var text = Problem.Clean(reply);
        if (text is null || text.Length > MaxTextLength)
        {
            throw new DomainException(new("反馈内容不能为空，且不超过2000字", "The reply is required and at most 2000 characters"), "reply");
        }

        ReplyText = text;
        RepliedBy = by;
        RepliedAt = at.ToUniversalTime();
        RepliedOn = on;
    }
}
