using System.Globalization;

namespace Keystone.Core.Campaigns;

/// <summary>What a campaign asks of a named project by its deadline (docs/domain.md "Campaigns").</summary>
public enum CampaignTaskKind
{
    /// <summary>开工/复工: the project starts (or resumes) in the deadline's year by the deadline.</summary>
    Start,

    /// <summary>手续办结: an item of the project's approval checklist (前期手续), named, is approved by the deadline.</summary>
    Approval,

    /// <summary>节点: a node (activity) of the project's schedule, by its id, is finished by the deadline.</summary>
    Node,
}

/// <summary>A campaign's own targets (counts of tasks met): "推动4个项目开工", "办结手续10项"; each optional.</summary>
public sealed record CampaignTargets
{
    /// <summary>Projects to start (开工/复工).</summary>
    public int? Starts { get; init; }

    /// <summary>Approvals to obtain (手续办结).</summary>
    public int? Approvals { get; init; }

    /// <summary>Schedule nodes to reach.</summary>
    public int? Nodes { get; init; }

    public static CampaignTargets None { get; } = new();
}

/// <summary>
/// A campaign (专项行动: 百日攻坚, 冬季行动, 开门红 …) of an org unit: its name, its days, its targets and the
/// projects named in it, each with what must happen by when (<see cref="CampaignTask"/>). The engine
/// (<see cref="CampaignEngine"/>) judges it from the ledger's own facts; the campaign keeps no progress of its own.
/// </summary>
public sealed class Campaign : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public const int MaxNameLength = 100;
    public const int MaxGoalLength = 500;
    public const int MaxNoteLength = 200;
    public const int MaxReferenceLength = 50;
    public const int MaxTasks = 500;

    /// <summary>A campaign longer than this is not a campaign but the year's plan.</summary>
    public const int MaxDays = 366;

    private readonly List<CampaignTask> tasks = [];

    public Campaign(int unitId, string? name, DateOnly startsOn, DateOnly endsOn, string? goal, CampaignTargets? targets, string by, DateTimeOffset at)
    {
        var errors = new List<DomainException>();
        var n = Clean(name);
        if (n is null || n.Length > MaxNameLength)
        {
            errors.Add(new(new("行动名称不能为空，且不超过100字", "The campaign's name is required and at most 100 characters"), "name"));
        }

        if (endsOn < startsOn)
        {
            errors.Add(new(new($"结束日期{ChineseFormat.Date(endsOn)}早于开始日期{ChineseFormat.Date(startsOn)}", $"The end {endsOn:yyyy-MM-dd} is before the start {startsOn:yyyy-MM-dd}"), "end"));
        }
        else if (endsOn.DayNumber - startsOn.DayNumber + 1 > MaxDays)
        {
            errors.Add(new(new("专项行动不能超过366天", "A campaign lasts at most 366 days"), "end"));
        }

        if (Clean(goal) is { Length: > MaxGoalLength })
        {
            errors.Add(new(new("行动目标说明不能超过500字", "The goal cannot be longer than 500 characters"), "goal"));
        }

        var t = targets ?? CampaignTargets.None;
        foreach (var (value, field, zh) in new[] { (t.Starts, "starts", "开工"), (t.Approvals, "approvals", "手续办结"), (t.Nodes, "nodes", "节点") })
        {
            if (value is < 0 or > 100_000)
            {
                errors.Add(new(new($"{zh}目标应在0到100000之间", $"The {field} target must be between 0 and 100,000"), "targets." + field));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        OrgUnitId = unitId;
        Name = n!;
        StartsOn = startsOn;
        EndsOn = endsOn;
        Goal = Clean(goal);
        StartsTarget = t.Starts;
        ApprovalsTarget = t.Approvals;
        NodesTarget = t.Nodes;
        CreatedBy = by;
        CreatedAt = at.ToUniversalTime();
    }

    private Campaign()
    {
        Name = "";
        CreatedBy = "";
    }

    public int Id { get; private set; }

    /// <summary>The unit that runs the campaign; its projects (and those of units below it) may be named.</summary>
    public int OrgUnitId { get; private set; }

    /// <summary>"项目前期手续办理“百日攻坚”", "冬季行动", "开门红".</summary>
    public string Name { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>The goal in the zone's words ("推动冀东水泥分布式光伏发电等项目陆续开工建设").</summary>
    public string? Goal { get; private set; }

    public int? StartsTarget { get; private set; }

    public int? ApprovalsTarget { get; private set; }

    public int? NodesTarget { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<CampaignTask> Tasks => tasks;

    public CampaignTargets Targets => new() { Starts = StartsTarget, Approvals = ApprovalsTarget, Nodes = NodesTarget };

    /// <summary>
    /// Names a project in the campaign with what it must do by when: start, a named approval, or a schedule node
    /// (by its id). The deadline falls within the campaign (none given: its last day); the same project is not
    /// asked the same thing twice.
    /// </summary>
    public CampaignTask AddTask(int projectId, CampaignTaskKind kind, string? reference, DateOnly? dueBy, string? note, DateTimeOffset at)
    {
        var errors = new List<DomainException>();
        if (!Enum.IsDefined(kind))
        {
            errors.Add(new(new("任务类型应为开工、手续办结或节点", "The task must be a start, an approval or a node"), "kind"));
        }

        var r = Clean(reference);
        if (kind == CampaignTaskKind.Start)
        {
            r = null;
        }
        else if (r is null || r.Length > MaxReferenceLength)
        {
            errors.Add(kind == CampaignTaskKind.Approval
                ? new(new("手续办结任务须写明手续名称（不超过50字），如“施工许可”", "An approval task names the approval (at most 50 characters), e.g. 施工许可"), "procedure")
                : new(new("节点任务须写明节点计划中的节点编号（不超过50字）", "A node task names the node's id in the schedule (at most 50 characters)"), "node"));
        }

        var due = dueBy ?? EndsOn;
        if (due < StartsOn || due > EndsOn)
        {
            errors.Add(new(
                new($"完成期限{ChineseFormat.Date(due)}不在行动期间（{ChineseFormat.Date(StartsOn)}至{ChineseFormat.Date(EndsOn)}）内", $"The deadline {due:yyyy-MM-dd} is outside the campaign ({StartsOn:yyyy-MM-dd} to {EndsOn:yyyy-MM-dd})"),
                "due"));
        }

        if (Clean(note) is { Length: > MaxNoteLength })
        {
            errors.Add(new(new("任务说明不能超过200字", "The note cannot be longer than 200 characters"), "note"));
        }

        if (tasks.Count >= MaxTasks)
        {
            errors.Add(new(new($"一个专项行动最多{MaxTasks}项任务", $"A campaign has at most {MaxTasks} tasks"), "project"));
        }

        if (errors.Count == 0 && tasks.Any(t => t.ProjectId == projectId && t.Kind == kind && string.Equals(t.Reference, r, StringComparison.Ordinal)))
        {
            errors.Add(new(new("该项目已列入本行动的同一任务", "The project already has this task in the campaign"), "project"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var task = new CampaignTask(this, projectId, kind, r, due, Clean(note), at);
        tasks.Add(task);
        return task;
    }

    /// <summary>Takes a project out of the campaign: every task it was given. Refused when it has none.</summary>
    public IReadOnlyList<CampaignTask> RemoveProject(int projectId, string projectName)
    {
        var removed = tasks.Where(t => t.ProjectId == projectId).ToList();
        if (removed.Count == 0)
        {
            throw new DomainException(new($"“{projectName}”未列入“{Name}”", $"\"{projectName}\" is not in \"{Name}\""), "project");
        }

        tasks.RemoveAll(t => t.ProjectId == projectId);
        return removed;
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({StartsOn:yyyy-MM-dd}–{EndsOn:yyyy-MM-dd})");
}

/// <summary>One thing a named project must do by a date in a campaign.</summary>
public sealed class CampaignTask
{
    internal CampaignTask(Campaign campaign, int projectId, CampaignTaskKind kind, string? reference, DateOnly dueBy, string? note, DateTimeOffset at)
    {
        Campaign = campaign;
        ProjectId = projectId;
        Kind = kind;
        Reference = reference;
        DueBy = dueBy;
        Note = note;
        AddedAt = at.ToUniversalTime();
    }

    private CampaignTask()
    {
    }

    public int Id { get; private set; }

    public int CampaignId { get; private set; }

    public Campaign? Campaign { get; private set; }

    public int ProjectId { get; private set; }

    public Projects.Project? Project { get; private set; }

    public CampaignTaskKind Kind { get; private set; }

    /// <summary>The approval's name (施工许可) for <see cref="CampaignTaskKind.Approval"/>, the node's id for <see cref="CampaignTaskKind.Node"/>.</summary>
    public string? Reference { get; private set; }

    public DateOnly DueBy { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }
}
