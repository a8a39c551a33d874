using Keystone.Core.Projects;

namespace Keystone.Core.Enterprises;

/// <summary>
/// A candidate in the cultivation pool (上规入统培育库): an enterprise expected to cross its sector's threshold
/// in <see cref="ExpectedMonth"/>, or a project near production (its enterprise to be counted once it
/// produces). <see cref="EnteredMonth"/> is the month it entered the statistics (入统); an entry that crossed
/// stays in the pool's history.
/// </summary>
public sealed class PoolEntry
{
    public const int MaxTextLength = 500;

    public PoolEntry(int unitId, Enterprise? enterprise, Project? project, string sector, Period expected, string? note, string by, DateTimeOffset at)
    {
        if (enterprise is null && project is null)
        {
            throw new DomainException(new("培育对象须为一家企业或一个项目", "A candidate is an enterprise or a project"), "uscc");
        }

        if (enterprise is { AboveScale: true })
        {
            throw new DomainException(new($"{enterprise.Name}已是规上企业，无需纳入培育库", $"{enterprise.Name} is above-scale already"), "uscc");
        }

        OrgUnitId = unitId;
        Enterprise = enterprise;
        EnterpriseId = enterprise?.Id;
        Project = project;
        ProjectId = project?.Id;
        Sector = PoolThresholds.CheckSector(sector);
        ExpectedMonth = expected;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim().Length > MaxTextLength
            ? throw new DomainException(new("说明不超过500字", "The note is at most 500 characters"), "note")
            : note.Trim();
        AddedBy = by;
        AddedAt = at.ToUniversalTime();
    }

    private PoolEntry()
    {
        Sector = "";
        AddedBy = "";
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public int? EnterpriseId { get; private set; }

    public Enterprise? Enterprise { get; private set; }

    public int? ProjectId { get; private set; }

    public Project? Project { get; private set; }

    /// <summary>The sector whose threshold applies (工业, 批发业, 零售业, 住宿业, 餐饮业, 服务业 …).</summary>
    public string Sector { get; private set; }

    public Period ExpectedMonth { get; private set; }

    public Period? EnteredMonth { get; private set; }

    public string? Note { get; private set; }

    public string AddedBy { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>
    /// 入统: the candidate crossed and entered the statistics in <paramref name="month"/>; its enterprise becomes
    /// above-scale from that month. Needs <see cref="Enterprise"/> loaded (a project's entry names its enterprise then).
    /// </summary>
    public void Enter(Period month)
    {
        if (EnteredMonth is not null)
        {
            throw new DomainException(new("该培育对象已入统", "This candidate has entered the statistics already"), "enteredMonth");
        }

        var enterprise = Enterprise ?? Project?.Enterprise
            ?? throw new DomainException(new("项目尚未关联企业，入统前请先填写项目单位", "The project has no enterprise yet; name it before it enters the statistics"), "uscc");
        enterprise.EnterAboveScale(month);
        Enterprise = enterprise;
        EnterpriseId = enterprise.Id;
        EnteredMonth = month;
    }
}
