using Keystone.Core.Projects;

namespace Keystone.Core.Enterprises;

/// <summary>
/// One enterprise visit (入企访谈): when, who went (a user, or a named officer), whom they met, what was talked
/// about. The problems raised there are problems in the problem loop (source "visit") linked by
/// <see cref="VisitProblem"/>; a visit with none is still a visit ("随时都在、无事不扰"). It belongs to the unit
/// whose officer visited (<see cref="OrgUnitId"/>), which must be one that may link to the enterprise.
/// </summary>
public sealed class EnterpriseVisit
{
    public const int MaxNameLength = 100;
    public const int MaxTextLength = 2000;

    public EnterpriseVisit(Enterprise enterprise, int unitId, DateOnly on, int? visitorUserId, string visitor, string? met, string? topics, string by, DateTimeOffset at, DateOnly today)
    {
        var errors = new List<DomainException>();
        var name = Clean(visitor);
        if (name is null || name.Length > MaxNameLength)
        {
            errors.Add(new(new("走访人不能为空，且不超过100字", "The visiting officer is required and at most 100 characters"), "visitor"));
        }

        if (on > today)
        {
            errors.Add(new(new($"走访日期{ChineseFormat.Date(on)}晚于今天", $"The visit date {on:yyyy-MM-dd} is after today"), "visitedOn"));
        }

        var whom = Clean(met);
        if (whom is null || whom.Length > MaxNameLength)
        {
            errors.Add(new(new("走访对象（接待人）不能为空，且不超过100字", "Whom they met is required and at most 100 characters"), "met"));
        }

        var about = Clean(topics);
        if (about is { Length: > MaxTextLength })
        {
            errors.Add(new(new("访谈内容不超过2000字", "The topics are at most 2000 characters"), "topics"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Enterprise = enterprise;
        EnterpriseId = enterprise.Id;
        OrgUnitId = unitId;
        VisitedOn = on;
        VisitorUserId = visitorUserId;
        Visitor = name!;
        Met = whom!;
        Topics = about;
        RecordedBy = by;
        RecordedAt = at.ToUniversalTime();
    }

    private EnterpriseVisit()
    {
        Visitor = "";
        Met = "";
        RecordedBy = "";
    }

    public int Id { get; private set; }

    public int EnterpriseId { get; private set; }

    public Enterprise? Enterprise { get; private set; }

    public int OrgUnitId { get; private set; }

    public DateOnly VisitedOn { get; private set; }

    public int? VisitorUserId { get; private set; }

    public string Visitor { get; private set; }

    /// <summary>Whom they met (接待人), as "张总（总经理）".</summary>
    public string Met { get; private set; }

    /// <summary>What they talked about (访谈内容).</summary>
    public string? Topics { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A problem raised on a visit: the visit's link into the problem loop.</summary>
public sealed class VisitProblem
{
    public VisitProblem(int visitId, int problemId)
    {
        VisitId = visitId;
        ProblemId = problemId;
    }

    public int VisitId { get; private set; }

    public int ProblemId { get; private set; }
}
