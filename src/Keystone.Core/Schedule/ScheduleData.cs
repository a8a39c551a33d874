using Keystone.Core.Data;
using Keystone.Core.Figures;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Schedule;

/// <summary>The schedules and work items of many projects at once, for the lights, the briefing and the battle map.</summary>
public static class ScheduleData
{
    /// <summary>The node (milestone) reasons of each project that has a schedule, as of a date.</summary>
    public static async Task<Dictionary<int, IReadOnlyList<LightReason>>> NodeReasonsAsync(
        AppDbContext db, IReadOnlyCollection<int> projectIds, DateOnly asOf, LightRules rules, CancellationToken ct = default)
    {
        var result = new Dictionary<int, IReadOnlyList<LightReason>>();
        foreach (var ids in projectIds.Chunk(1000))
        {
            var schedules = await db.Schedules.AsNoTracking().Where(s => ids.Contains(s.ProjectId)).ToListAsync(ct);
            foreach (var schedule in schedules)
            {
                var plan = schedule.Plan;
                var computed = Scheduler.Compute(plan.Activities, plan.Start, plan.Deadline, asOf);
                var reasons = MilestoneLights.Evaluate(schedule.Milestones(computed), asOf, rules).SelectMany(l => l.Reasons).ToList();
                if (reasons.Count > 0)
                {
                    result[schedule.ProjectId] = reasons;
                }
            }
        }

        return result;
    }

    /// <summary>Lights with the nodes' reasons added: a project's light is the worst of all its reasons.</summary>
    public static IReadOnlyList<ProjectLight> WithNodes(IReadOnlyList<ProjectLight> lights, IReadOnlyDictionary<int, IReadOnlyList<LightReason>> nodes) =>
        lights.Select(l => nodes.TryGetValue(l.ProjectId, out var extra)
            ? l with { Reasons = [.. l.Reasons, .. extra], Light = l.Reasons.Concat(extra).Max(r => r.Light) }
            : l).ToList();

    /// <summary>Each project's buildings and plots, phrased as the briefing prints them ("A地块5栋楼完成封顶，…").</summary>
    public static async Task<Dictionary<int, string>> RollupsAsync(AppDbContext db, IReadOnlyCollection<int> projectIds, CancellationToken ct = default)
    {
        var result = new Dictionary<int, string>();
        foreach (var ids in projectIds.Chunk(1000))
        {
            var items = await db.WorkItems.AsNoTracking().Where(w => ids.Contains(w.ProjectId)).OrderBy(w => w.Id).ToListAsync(ct);
            foreach (var group in items.GroupBy(w => w.ProjectId))
            {
                result[group.Key] = StageRollups.Describe(group.Select(w => w.Item));
            }
        }

        return result;
    }
}
