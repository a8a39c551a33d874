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
        var computed = Scheduler.Compute(plan.Activities, plan.Start, plan.Deadline, asOf);
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
