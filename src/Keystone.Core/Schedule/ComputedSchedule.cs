using Keystone.Core.Lights;

namespace Keystone.Core.Schedule;

/// <summary>A stored plan, its computed schedule, and its nodes' lights.</summary>
public sealed record ComputedSchedule(SchedulePlanFile.Plan Plan, ScheduleResult Result, IReadOnlyList<MilestoneLight> Nodes)
{
    /// <summary>One stored schedule, computed as of a date, its nodes judged by <paramref name="rules"/> (its project's unit's).</summary>
    public static ComputedSchedule Of(ProjectSchedule schedule, DateOnly asOf, LightRules rules)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Of(schedule.Plan, asOf, rules);
    }

    /// <summary>A plan (stored, or kept by a closed month), computed as of a date, its nodes judged by <paramref name="rules"/>.</summary>
    public static ComputedSchedule Of(SchedulePlanFile.Plan plan, DateOnly asOf, LightRules rules)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var computed = Scheduler.Compute(plan, asOf);
        return new ComputedSchedule(plan, computed, MilestoneLights.Evaluate(Milestones(computed), asOf, rules));
    }

    /// <summary>
    /// The nodes whose lights the traffic-light rules judge: every activity with a due date, and every
    /// milestone, each with its forecast finish, so one forecast past its due date is lit before that date.
    /// </summary>
    public static IReadOnlyList<Milestone> Milestones(ScheduleResult computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        return computed.Activities
            .Where(a => a.Activity.Due is not null || a.IsMilestone)
            .Select(a => new Milestone(a.Name, a.Activity.Due ?? a.EarlyFinish, a.Activity.ActualFinish) { Forecast = a.EarlyFinish })
            .ToList();
    }

    /// <summary>What the schedule's summary may say of it (see <see cref="ScheduleOutlook"/>).</summary>
    public ScheduleOutlook Outlook => ScheduleOutlook.Of(Result, Nodes);

    /// <summary>The node reasons of each project whose nodes give any, keyed by project id.</summary>
    public static Dictionary<int, IReadOnlyList<LightReason>> NodeReasons(IReadOnlyDictionary<int, ComputedSchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        var result = new Dictionary<int, IReadOnlyList<LightReason>>();
        foreach (var (projectId, computed) in schedules)
        {
            var reasons = computed.Nodes.SelectMany(l => l.Reasons).ToList();
            if (reasons.Count > 0)
            {
                result[projectId] = reasons;
            }
        }

        return result;
    }
}

/// <summary>Whether a schedule will meet its deadline, as its summary says it.</summary>
public enum ScheduleStanding
{
    /// <summary>No 工期目标 to meet.</summary>
    NoDeadline,

    /// <summary>Forecast on time, nothing behind and no node overdue: 可按期完成.</summary>
    OnTime,

    /// <summary>Forecast on time by the plan, but work is already behind or a node overdue: 按期完成存在风险.</summary>
    AtRisk,

    /// <summary>Forecast past the deadline: 预计逾期.</summary>
    Late,
}

/// <summary>
/// The summary of a schedule that agrees with its table: a project with late activities or overdue (red)
/// nodes is never "可按期完成", however much float the plan's forecast leaves (the forecast assumes the late
/// work catches up). <see cref="Margin"/> is the days from the forecast finish to the deadline.
/// </summary>
public sealed record ScheduleOutlook(ScheduleStanding Standing, int? Margin, int LateActivities, int OverdueNodes)
{
    /// <summary>What <see cref="Margin"/> counts: calendar days or working days (工作日).</summary>
    public ScheduleDays Days { get; init; }

    public static ScheduleOutlook Of(ScheduleResult result, IReadOnlyList<MilestoneLight> nodes)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(nodes);
        var late = result.Late.Count();
        var overdue = nodes.Count(n => n.Light == Light.Red);
        var standing = result.Deadline is null ? ScheduleStanding.NoDeadline
            : !result.MeetsDeadline ? ScheduleStanding.Late
            : late > 0 || overdue > 0 ? ScheduleStanding.AtRisk
            : ScheduleStanding.OnTime;
        return new ScheduleOutlook(standing, result.DeadlineMargin, late, overdue) { Days = result.Days };
    }
}
