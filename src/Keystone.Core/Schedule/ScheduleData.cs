using Keystone.Core.Data;
using Keystone.Core.Figures;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Schedule;

/// <summary>A stored plan, its computed schedule, and its nodes' lights.</summary>
public sealed record ComputedSchedule(SchedulePlanFile.Plan Plan, ScheduleResult Result, IReadOnlyList<MilestoneLight> Nodes);

/// <summary>The schedules and work items of many projects at once, for the lights, the briefing and the battle map.</summary>
public static class ScheduleData
{
    /// <summary>The node (milestone) reasons of each project that has a schedule, as of a date.</summary>
    public static async Task<Dictionary<int, IReadOnlyList<LightReason>>> NodeReasonsAsync(
        AppDbContext db, IReadOnlyCollection<int> projectIds, DateOnly asOf, LightRules rules, CancellationToken ct = default)
    {
        var result = new Dictionary<int, IReadOnlyList<LightReason>>();
        foreach (var (projectId, computed) in await ComputedAsync(db, projectIds, asOf, rules, ct))
        {
            var reasons = computed.Nodes.SelectMany(l => l.Reasons).ToList();
            if (reasons.Count > 0)
            {
                result[projectId] = reasons;
            }
        }

        return result;
    }

    /// <summary>Each project's schedule as computed as of a date, with its nodes' lights (projects without a schedule are absent).</summary>
    public static async Task<Dictionary<int, ComputedSchedule>> ComputedAsync(
        AppDbContext db, IReadOnlyCollection<int> projectIds, DateOnly asOf, LightRules rules, CancellationToken ct = default)
    {
        var schedules = new List<ProjectSchedule>();
        foreach (var ids in await WithRowsAsync(db.Schedules.Select(s => s.ProjectId), projectIds, ct))
        {
            schedules.AddRange(await db.Schedules.AsNoTracking().Where(s => ids.Contains(s.ProjectId)).ToListAsync(ct));
        }

        // Reading each stored plan costs more than scheduling it; a province's thousands are shared among the cores.
        return schedules.Count < 256
            ? schedules.ToDictionary(s => s.ProjectId, s => Compute(s, asOf, rules))
            : schedules.AsParallel().WithCancellation(ct).Select(s => (s.ProjectId, Computed: Compute(s, asOf, rules))).ToDictionary(s => s.ProjectId, s => s.Computed);
    }

    /// <summary>One stored schedule, computed as of a date, and its nodes' lights.</summary>
    public static ComputedSchedule Compute(ProjectSchedule schedule, DateOnly asOf, LightRules rules)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var plan = schedule.Plan;
        var computed = Scheduler.Compute(plan.Activities, plan.Start, plan.Deadline, asOf);
        return new ComputedSchedule(plan, computed, MilestoneLights.Evaluate(schedule.Milestones(computed), asOf, rules));
    }

    /// <summary>Each project's buildings and plots, phrased as the briefing prints them ("A地块5栋楼完成封顶，…").</summary>
    public static async Task<Dictionary<int, string>> RollupsAsync(AppDbContext db, IReadOnlyCollection<int> projectIds, CancellationToken ct = default)
    {
        var result = new Dictionary<int, string>();
        foreach (var ids in await WithRowsAsync(db.WorkItems.Select(w => w.ProjectId).Distinct(), projectIds, ct))
        {
            var items = await db.WorkItems.AsNoTracking().Where(w => ids.Contains(w.ProjectId)).OrderBy(w => w.Id).ToListAsync(ct);
            foreach (var group in items.GroupBy(w => w.ProjectId))
            {
                result[group.Key] = StageRollups.Describe(group.Select(w => w.Item));
            }
        }

        return result;
    }

    /// <summary>
    /// The projects of <paramref name="projectIds"/> that have rows in a table, in chunks to look up. A zone's
    /// few hundred are looked up directly; a province's hundred thousand would be a hundred lookups that mostly
    /// find nothing, so the table's project ids are read once (an index scan) and matched in memory instead.
    /// </summary>
    private static async Task<IEnumerable<int[]>> WithRowsAsync(IQueryable<int> tableProjectIds, IReadOnlyCollection<int> projectIds, CancellationToken ct)
    {
        if (projectIds.Count <= Chunk)
        {
            return projectIds.Count == 0 ? [] : [projectIds.ToArray()];
        }

        var wanted = projectIds as IReadOnlySet<int> ?? projectIds.ToHashSet();
        return (await tableProjectIds.ToListAsync(ct)).Where(wanted.Contains).Distinct().Chunk(Chunk).ToList();
    }

    private const int Chunk = 1000;
}
