using Keystone.Core.Data;
using Keystone.Core.Problems;
using Keystone.Core.Schedule;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Figures;

/// <summary>
/// A project's whole light, as docs/domain.md's default rules list them: the plan rules (<see cref="TrafficLights"/>:
/// not started in time, behind 序时进度), its nodes past or near their dates (<see cref="ScheduleData"/>), and
/// its problems past their deadline (<see cref="ProblemClock"/>, each judged by its own unit's service levels).
/// The ledger, the project page, the cockpit, the briefing, the battle map and /api/lights all read lights
/// through here, so one project shows one light everywhere.
/// </summary>
public static class ProjectLights
{
    /// <summary>The lights of these plan rows as of a day, every rule counted.</summary>
    public static async Task<IReadOnlyList<ProjectLight>> EvaluateAsync(
        AppDbContext db, OrgTree tree, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, LightRules rules, CancellationToken ct = default)
    {
        var lights = TrafficLights.Evaluate(rows, year, asOf, rules);
        var nodes = await ScheduleData.NodeReasonsAsync(db, lights.Select(l => l.ProjectId).ToList(), asOf, rules, ct);
        return With(lights, nodes, await ProblemReasonsAsync(db, tree, lights, asOf, ct));
    }

    /// <summary>Lights with more reasons added: a project's light is the worst of all its reasons.</summary>
    public static IReadOnlyList<ProjectLight> With(IReadOnlyList<ProjectLight> lights, params IReadOnlyList<IReadOnlyDictionary<int, IReadOnlyList<LightReason>>> more) =>
        lights.Select(l =>
        {
            var extra = more.SelectMany(m => m.TryGetValue(l.ProjectId, out var reasons) ? reasons : []).ToList();
            return extra.Count == 0 ? l : l with { Reasons = [.. l.Reasons, .. extra], Light = l.Reasons.Concat(extra).Max(r => r.Light) };
        }).ToList();

    /// <summary>
    /// The reasons of each project's problems overdue on <paramref name="asOf"/> (read from their dated steps,
    /// so a past day reads the same later), keyed by project id. A zone's projects are looked up by id; a
    /// larger scope reads every project problem once (there are far fewer problems than projects).
    /// </summary>
    public static async Task<Dictionary<int, IReadOnlyList<LightReason>>> ProblemReasonsAsync(
        AppDbContext db, OrgTree tree, IReadOnlyList<ProjectLight> lights, DateOnly asOf, CancellationToken ct = default)
    {
        if (lights.Count == 0)
        {
            return [];
        }

        var problems = db.Problems.Where(p => p.ProjectId != null);
        if (lights.Count <= 1000)
        {
            var ids = lights.Select(l => l.ProjectId).ToList();
            problems = problems.Where(p => ids.Contains(p.ProjectId!.Value));
        }

        var rows = await ProblemDesk.RowsAsync(problems, ct);
        if (rows.Count == 0)
        {
            return [];
        }

        return ProblemReasons(ProblemDesk.Judge(rows, tree, await RuleBook.LoadAsync(db, tree, ct), asOf), lights);
    }

    /// <summary>The reasons of the overdue ones among problems already judged, keyed by the id of their project among <paramref name="lights"/>.</summary>
    public static Dictionary<int, IReadOnlyList<LightReason>> ProblemReasons(IEnumerable<JudgedProblem> judged, IReadOnlyList<ProjectLight> lights)
    {
        var idOf = lights.GroupBy(l => l.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ProjectId, StringComparer.Ordinal);
        return judged
            .Where(j => j.Standing.IsOverdue && j.Row.ProjectCode is { } code && idOf.ContainsKey(code))
            .GroupBy(j => idOf[j.Row.ProjectCode!])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LightReason>)g.OrderBy(j => j.Row.Number, StringComparer.Ordinal).SelectMany(j => j.Standing.Reasons).ToList());
    }
}
