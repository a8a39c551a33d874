using Keystone.Core.Data;
using Keystone.Core.Lights;
using Keystone.Core.Schedule;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>The schedules and work items of many projects at once, for the lights, the briefing and the battle map.</summary>
public static class ScheduleData
{
    /// <summary>The node (milestone) reasons of each project that has a schedule, as of a date, each judged by its project's rules.</summary>
    public static async Task<Dictionary<int, IReadOnlyList<LightReason>>> NodeReasonsAsync(
        AppDbContext db, IReadOnlyDictionary<int, LightRules> rulesOf, DateOnly asOf, CancellationToken ct = default) =>
        ComputedSchedule.NodeReasons(await ComputedAsync(db, rulesOf, asOf, ct));

    /// <summary>
    /// The schedules of the projects keyed in <paramref name="rulesOf"/>, each computed as of a date with its
    /// nodes judged by the rules given for its project (its own unit's); projects without a schedule are absent.
    /// </summary>
    public static async Task<Dictionary<int, ComputedSchedule>> ComputedAsync(
        AppDbContext db, IReadOnlyDictionary<int, LightRules> rulesOf, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rulesOf);
        var projectIds = rulesOf.Keys.ToList();
        var schedules = new List<ProjectSchedule>();
        foreach (var ids in await WithRowsAsync(db.Schedules.Select(s => s.ProjectId), projectIds, ct))
        {
            schedules.AddRange(await db.Schedules.AsNoTracking().Where(s => ids.Contains(s.ProjectId)).ToListAsync(ct));
        }

        // Reading each stored plan costs more than scheduling it; a province's thousands are shared among the cores.
        return schedules.Count < 256
            ? schedules.ToDictionary(s => s.ProjectId, s => ComputedSchedule.Of(s, asOf, rulesOf[s.ProjectId]))
            : schedules.AsParallel().WithCancellation(ct).Select(s => (s.ProjectId, Computed: ComputedSchedule.Of(s, asOf, rulesOf[s.ProjectId]))).ToDictionary(s => s.ProjectId, s => s.Computed);
    }

    /// <summary>Each scheduled project's stored plan (the schedule file's JSON), for a closed month to keep.</summary>
    public static async Task<Dictionary<int, string>> PlansAsync(AppDbContext db, IReadOnlyCollection<int> projectIds, CancellationToken ct = default)
    {
        var result = new Dictionary<int, string>();
        foreach (var ids in await WithRowsAsync(db.Schedules.Select(s => s.ProjectId), projectIds, ct))
        {
            foreach (var s in await db.Schedules.AsNoTracking().Where(s => ids.Contains(s.ProjectId)).Select(s => new { s.ProjectId, s.PlanJson }).ToListAsync(ct))
            {
                result[s.ProjectId] = s.PlanJson;
            }
        }

        return result;
    }

    /// <summary>The node reasons of kept plans (a closed month's), as of a date, each judged by its project's rules.</summary>
    public static Dictionary<int, IReadOnlyList<LightReason>> NodeReasons(
        IReadOnlyDictionary<int, string> plans, IReadOnlyDictionary<int, LightRules> rulesOf, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(rulesOf);
        var computed = plans.Where(p => rulesOf.ContainsKey(p.Key))
            .ToDictionary(p => p.Key, p => ComputedSchedule.Of(SchedulePlanFile.Stored(p.Value), asOf, rulesOf[p.Key]));
        return ComputedSchedule.NodeReasons(computed);
    }

    /// <summary>The rules of each row's project: its own unit's, from the book.</summary>
    public static Dictionary<int, LightRules> RulesOf(IEnumerable<Figures.PlanRow> rows, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rules);

        // A project's first row decides (a set of rows holds one per project); keys in the rows' order.
        var result = new Dictionary<int, LightRules>();
        foreach (var row in rows)
        {
            if (!result.ContainsKey(row.ProjectId))
            {
                result[row.ProjectId] = rules.For(row.UnitId);
            }
        }

        return result;
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
