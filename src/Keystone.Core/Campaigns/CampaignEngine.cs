using System.Globalization;
using Keystone.Core.Lights;
using Keystone.Core.Targets;

namespace Keystone.Core.Campaigns;

/// <summary>
/// One task of a campaign with the ledger's facts it is judged by, as of the day the loader read them:
/// for a start, the project's start in the deadline's year (本年开复工时间, or a new entry's 实际开工时间);
/// for an approval, the checklist item of that name (whether there is one, its application and approval);
/// for a node, the schedule's activity of that id (whether there is one, its name, its actual finish).
/// </summary>
public sealed record CampaignTaskFacts
{
    public required int TaskId { get; init; }

    public required int ProjectId { get; init; }

    public required string Code { get; init; }

    public required string ProjectName { get; init; }

    public required CampaignTaskKind Kind { get; init; }

    public string? Reference { get; init; }

    public required DateOnly DueBy { get; init; }

    public string? Note { get; init; }

    /// <summary>A continuing project resumes (复工) rather than starts (开工).</summary>
    public bool Continuing { get; init; }

    /// <summary>Whether the checklist item or the schedule node exists; a start always "exists".</summary>
    public bool Found { get; init; } = true;

    /// <summary>The node's name, for the reasons ("完成主体结构").</summary>
    public string? NodeName { get; init; }

    /// <summary>When the approval was applied for (申报), for the reason while it waits.</summary>
    public DateOnly? AppliedOn { get; init; }

    /// <summary>When the task was done: the start, the approval, the node's actual finish. Null: not (yet).</summary>
    public DateOnly? DoneOn { get; init; }
}

/// <summary>A campaign with its tasks' facts, as the engine reads it.</summary>
public sealed record CampaignFacts
{
    public required int Id { get; init; }

    public required int UnitId { get; init; }

    public required string UnitName { get; init; }

    public required string Name { get; init; }

    public required DateOnly StartsOn { get; init; }

    public required DateOnly EndsOn { get; init; }

    public string? Goal { get; init; }

    public CampaignTargets Targets { get; init; } = CampaignTargets.None;

    public IReadOnlyList<CampaignTaskFacts> Tasks { get; init; } = [];
}

public enum CampaignPhase
{
    /// <summary>未开始: the day is before the campaign's first day.</summary>
    NotStarted,

    /// <summary>进行中.</summary>
    Running,

    /// <summary>已结束: the day is after its last day.</summary>
    Ended,
}

/// <summary>A task judged on the day: done or not, on time or late, its light and the sentence that says why.</summary>
public sealed record CampaignTaskProgress(CampaignTaskFacts Task, bool Met, bool Late, bool Overdue, Light Light, Text Reason);

/// <summary>A named project's tasks judged on the day; its light is the worst of them.</summary>
public sealed record CampaignProjectProgress(int ProjectId, string Code, string Name, Light Light, int Tasks, int Met, IReadOnlyList<CampaignTaskProgress> Items);

/// <summary>
/// A campaign judged on a day: tasks met (on time, late), open, overdue and due soon; the share met; the share of the
/// campaign's days gone; its light (the worst task's) with its reason; each project; each target against what was met.
/// </summary>
public sealed record CampaignProgress(
    CampaignFacts Campaign,
    DateOnly AsOf,
    CampaignPhase Phase,
    int Projects,
    int Tasks,
    int Met,
    int MetLate,
    int Overdue,
    int DueSoon,
    Percent? Rate,
    Percent Elapsed,
    Light Light,
    Text Reason,
    IReadOnlyList<CampaignProjectProgress> ProjectProgress,
    IReadOnlyList<TargetFigure> Against)
{
    /// <summary>Met by its deadline.</summary>
    public int MetOnTime => Met - MetLate;

    /// <summary>Not met, whether overdue or not.</summary>
    public int Open => Tasks - Met;

    /// <summary>Tasks met of one kind (开工 2, 手续办结 1 …).</summary>
    public int MetOf(CampaignTaskKind kind) => ProjectProgress.SelectMany(p => p.Items).Count(i => i.Met && i.Task.Kind == kind);

    public int TasksOf(CampaignTaskKind kind) => ProjectProgress.SelectMany(p => p.Items).Count(i => i.Task.Kind == kind);
}

/// <summary>
/// Judges a campaign from the ledger's facts as of a day (docs/domain.md "Campaigns"): pure. A task is met when it
/// was done on or before the day; late when done after its deadline; overdue (red) when its deadline has passed
/// undone; yellow when undone within <c>yellowDays</c> of its deadline, or when the checklist item or schedule
/// node it names does not exist yet; green otherwise.
/// </summary>
public static class CampaignEngine
{
    public const string Starts = "starts";
    public const string Approvals = "approvals";
    public const string Nodes = "nodes";

    /// <summary>
    /// Whether a briefing of year Y as of D tells of the campaign: it has begun by D and either runs on D (and
    /// touches Y) or ended in Y before D (the closing summary).
    /// </summary>
    public static bool ToldIn(CampaignFacts campaign, int year, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.StartsOn <= asOf && (campaign.EndsOn >= asOf
            ? campaign.EndsOn.Year >= year && campaign.StartsOn.Year <= year
            : campaign.EndsOn.Year == year);
    }

    public static CampaignProgress Judge(CampaignFacts campaign, DateOnly asOf, int? yellowDays = 7)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var items = campaign.Tasks.Select(t => JudgeTask(t, asOf, yellowDays)).ToList();
        var projects = items
            .GroupBy(i => i.Task.ProjectId)
            .Select(g =>
            {
                var list = g.OrderBy(i => i.Task.DueBy).ThenBy(i => i.Task.Kind).ThenBy(i => i.Task.Reference, StringComparer.Ordinal).ToList();
                var first = list[0].Task;
                return new CampaignProjectProgress(first.ProjectId, first.Code, first.ProjectName, list.Max(i => i.Light), list.Count, list.Count(i => i.Met), list);
            })
            .OrderByDescending(p => p.Light)
            .ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();

        var phase = asOf < campaign.StartsOn ? CampaignPhase.NotStarted : asOf > campaign.EndsOn ? CampaignPhase.Ended : CampaignPhase.Running;
        var days = campaign.EndsOn.DayNumber - campaign.StartsOn.DayNumber + 1;
        var gone = Math.Clamp(asOf.DayNumber - campaign.StartsOn.DayNumber + 1, 0, days);
        var met = items.Count(i => i.Met);
        var overdue = items.Count(i => i.Overdue);
        var dueSoon = items.Count(i => !i.Met && !i.Overdue && i.Light == Light.Yellow);
        var light = items.Count == 0 ? Light.Green : items.Max(i => i.Light);
        Text reason = overdue > 0 ? new(Invariant($"逾期未完成{overdue}项"), Invariant($"{overdue} overdue"))
            : dueSoon > 0 ? new(Invariant($"{dueSoon}项任务临近期限或尚未纳入清单"), Invariant($"{dueSoon} due soon or not yet on a checklist"))
            : items.Count == 0 ? new("尚未列入项目", "No project named yet")
            : met == items.Count ? new("任务全部完成", "Every task met")
            : new("进展正常", "On track");

        var against = new List<TargetFigure>();
        foreach (var (key, target, kind) in new[] { (Starts, campaign.Targets.Starts, CampaignTaskKind.Start), (Approvals, campaign.Targets.Approvals, CampaignTaskKind.Approval), (Nodes, campaign.Targets.Nodes, CampaignTaskKind.Node) })
        {
            if (target is { } t)
            {
                against.Add(TargetFigure.Of(key, t, items.Count(i => i.Met && i.Task.Kind == kind)));
            }
        }

        return new CampaignProgress(
            campaign, asOf, phase, projects.Count, items.Count, met, items.Count(i => i.Met && i.Late), overdue, dueSoon,
            Percent.Of(met, items.Count), new Percent(gone * 100m / days), light, reason, projects, against);
    }

    /// <summary>One task on the day, with the sentence a leader reads ("应于4月30日前开工，已逾期10天").</summary>
    public static CampaignTaskProgress JudgeTask(CampaignTaskFacts task, DateOnly asOf, int? yellowDays = 7)
    {
        ArgumentNullException.ThrowIfNull(task);
        var what = What(task);
        var due = Day(task.DueBy, asOf);
        if (task.DoneOn is { } done && done <= asOf)
        {
            var late = done > task.DueBy;
            var zh = Invariant($"{what.Zh.Subject}已于{Day(done, asOf)}{what.Zh.Verb}");
            var en = Invariant($"{what.En.Subject} {what.En.Verb} on {done:yyyy-MM-dd}").TrimStart();
            if (late)
            {
                var days = done.DayNumber - task.DueBy.DayNumber;
                zh += Invariant($"，晚于期限（{due}）{days}天");
                en += Invariant($", {days} days after the deadline ({task.DueBy:yyyy-MM-dd})");
            }

            return new CampaignTaskProgress(task, true, late, false, Light.Green, new(zh, en));
        }

        var missing = Missing(task);
        var owed = Invariant($"应于{due}前{what.Zh.Verb}");
        var owedEn = Invariant($"to be {what.En.Verb} by {task.DueBy:yyyy-MM-dd}");
        var pending = task.Kind == CampaignTaskKind.Approval && task.AppliedOn is { } applied && applied <= asOf
            ? new Text(Invariant($"{task.Reference}已于{Day(applied, asOf)}申报，"), Invariant($"{task.Reference} applied for on {applied:yyyy-MM-dd}; "))
            : new Text("", "");
        var named = what.Zh.Subject.Length == 0 ? new Text("", "") : new Text(what.Zh.Subject, what.En.Subject + " ");
        var prefix = missing is { } m ? new Text(m.Zh + "，", m.En + "; ") : pending.Zh.Length > 0 ? pending : named;
        if (asOf > task.DueBy)
        {
            var days = asOf.DayNumber - task.DueBy.DayNumber;
            return new CampaignTaskProgress(task, false, false, true, Light.Red,
                new(Invariant($"{prefix.Zh}{owed}，已逾期{days}天"), Invariant($"{prefix.En}{owedEn}, {days} days overdue")));
        }

        var left = task.DueBy.DayNumber - asOf.DayNumber;
        var soon = yellowDays is { } y && left <= y;
        var remaining = left == 0 ? new Text("今日到期", "due today") : new Text(Invariant($"还剩{left}天"), Invariant($"{left} days left"));
        return new CampaignTaskProgress(task, false, false, false, soon || missing is not null ? Light.Yellow : Light.Green,
            new(Invariant($"{prefix.Zh}{owed}，{remaining.Zh}"), Invariant($"{prefix.En}{owedEn}, {remaining.En}")));
    }

    /// <summary>What the task asks, as subject and verb in both languages: "开工", "施工许可…办结", "节点“完成主体结构”…完成".</summary>
    private static ((string Subject, string Verb) Zh, (string Subject, string Verb) En) What(CampaignTaskFacts task) => task.Kind switch
    {
        CampaignTaskKind.Start => (("", task.Continuing ? "复工" : "开工"), ("", task.Continuing ? "resumed" : "started")),
        CampaignTaskKind.Approval => ((task.Reference ?? "", "办结"), (task.Reference ?? "", "approved")),
        CampaignTaskKind.Node => ((Invariant($"节点“{task.NodeName ?? task.Reference}”"), "完成"), (Invariant($"node \"{task.NodeName ?? task.Reference}\""), "reached")),
    };

    /// <summary>The checklist item or node the task names, when the project does not have it yet.</summary>
    private static Text? Missing(CampaignTaskFacts task) => task.Found ? null : task.Kind switch
    {
        CampaignTaskKind.Approval => new Text(Invariant($"手续清单中尚无“{task.Reference}”"), Invariant($"no \"{task.Reference}\" on the approval checklist")),
        CampaignTaskKind.Node => new Text(Invariant($"节点计划中尚无节点{task.Reference}"), Invariant($"no node {task.Reference} in the schedule")),
        _ => null,
    };

    /// <summary>"4月30日" within the day's year, else "2023年4月30日".</summary>
    public static string Day(DateOnly date, DateOnly asOf) =>
        date.Year == asOf.Year ? Invariant($"{date.Month}月{date.Day}日") : ChineseFormat.Date(date);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
