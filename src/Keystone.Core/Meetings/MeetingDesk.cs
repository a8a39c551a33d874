using Keystone.Core.Data;
using Keystone.Core.Problems;
using Keystone.Core.Units;

namespace Keystone.Core.Meetings;

/// <summary>
/// A decision as the secretary records it: what was decided, for whom (a unit within the meeting's scope,
/// which routes it, or a department, which answers it), by when, and optionally about which project.
/// </summary>
public sealed record DecisionEntry
{
    public required string Text { get; init; }

    public string? Detail { get; init; }

    /// <summary>The unit it is addressed to ("高新区要…"); the problem belongs to that unit, which routes it.</summary>
    public int? UnitId { get; init; }

    /// <summary>The department that answers it (责任部门); the problem goes to it at once.</summary>
    public string? Department { get; init; }

    public required DateOnly Deadline { get; init; }

    public int? ProjectId { get; init; }

    /// <summary>The project's unit, when a project is named.</summary>
    public int? ProjectUnitId { get; init; }

    public int? EnterpriseId { get; init; }

    public ProblemCategory Category { get; init; } = ProblemCategory.Other;
}

/// <summary>The write side of meetings shared by the API, the pages and the demo: a decision becomes a problem of the loop and the meeting's next decision.</summary>
public static class MeetingDesk
{
    /// <summary>
    /// Records a decision of <paramref name="meeting"/> (tracked, with its decisions loaded): raises its problem
    /// (source: the meeting) in the responsible unit — the named unit, else the project's, else the meeting's —
    /// routed to the department when one is named, and saves both.
    /// </summary>
    public static async Task<MeetingDecision> DecideAsync(AppDbContext db, OrgTree tree, Meeting meeting, DecisionEntry entry, string by, DateTimeOffset at, DateOnly on, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(entry);
        meeting.RequireHeld(on, new("记录议定事项", "record decisions"));
        var errors = new List<DomainException>();
        if (entry.UnitId is null && string.IsNullOrWhiteSpace(entry.Department))
        {
            errors.Add(new(new("请指定责任单位或责任部门", "Name the responsible unit or department"), "department"));
        }

        if (entry.UnitId is { } unit && !(tree.Contains(unit) && tree.IsWithin(unit, meeting.OrgUnitId)))
        {
            errors.Add(new(new("责任单位须是会议所属单位或其下级单位", "The responsible unit is the meeting's unit or one below it"), "unit"));
        }

        if (entry.ProjectUnitId is { } projectUnit && !tree.IsWithin(projectUnit, meeting.OrgUnitId))
        {
            errors.Add(new(new("项目不在会议所属单位范围内", "The project is not in the meeting's scope"), "projectCode"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var raise = new ProblemRaise
        {
            UnitId = entry.UnitId ?? entry.ProjectUnitId ?? meeting.OrgUnitId,
            ProjectId = entry.ProjectId,
            EnterpriseId = entry.EnterpriseId,
            Title = entry.Text,
            Detail = entry.Detail,
            Category = entry.Category,
            Deadline = entry.Deadline,
            Department = string.IsNullOrWhiteSpace(entry.Department) ? null : entry.Department,
            Origin = meeting.Origin,
        };
        var problem = await ProblemDesk.RaiseAsync(db, raise, by, at, on, ct);
        var decision = meeting.Decide(problem, entry.UnitId, on);
        await db.SaveChangesAsync(ct);
        return decision;
    }
}
