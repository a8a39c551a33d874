using Keystone.Core.Figures;
using Keystone.Core.Problems;

namespace Keystone.Core.Lights;

/// <summary>
/// A project's whole light, as docs/domain.md's default rules list them: the plan rules (<see cref="TrafficLights"/>:
/// not started in time, behind 序时进度), its nodes past or near their dates (<see cref="Schedule.MilestoneLights"/>),
/// and its problems past their deadline (<see cref="ProblemClock"/>), every one judged by the rules of the
/// project's own unit (<see cref="RuleBook"/>). The only composition: the ledger, the project page, the
/// cockpit, the briefing, the battle map and /api/lights all compose lights here, so one project shows one
/// light everywhere, whichever scope lists it.
/// </summary>
public static class ProjectLights
{
    /// <summary>The lights of these plan rows as of a day, every rule counted.</summary>
    /// <param name="nodeReasons">The reasons of each project's nodes, keyed by project id (judged by the same book).</param>
    /// <param name="problems">Problems judged as of the day; the overdue ones of these projects count.</param>
    public static IReadOnlyList<ProjectLight> Compose(
        IEnumerable<PlanRow> rows, int year, DateOnly asOf, RuleBook rules,
        IReadOnlyDictionary<int, IReadOnlyList<LightReason>> nodeReasons, IEnumerable<JudgedProblem> problems)
    {
        var lights = TrafficLights.Evaluate(rows, year, asOf, rules);
        return With(lights, nodeReasons, ProblemReasons(problems, lights));
    }

    /// <summary>Lights with more reasons added: a project's light is the worst of all its reasons.</summary>
    public static IReadOnlyList<ProjectLight> With(IReadOnlyList<ProjectLight> lights, params IReadOnlyList<IReadOnlyDictionary<int, IReadOnlyList<LightReason>>> more)
    {
        ArgumentNullException.ThrowIfNull(lights);
        ArgumentNullException.ThrowIfNull(more);
        var result = new List<ProjectLight>(lights.Count);
        foreach (var l in lights)
        {
            // Most projects have no node or problem reason: looked up without building a list for each.
            List<LightReason>? extra = null;
            foreach (var m in more)
            {
                if (m.TryGetValue(l.ProjectId, out var reasons) && reasons.Count > 0)
                {
                    (extra ??= []).AddRange(reasons);
                }
            }

            result.Add(extra is null ? l : l with { Reasons = [.. l.Reasons, .. extra], Light = l.Reasons.Concat(extra).Max(r => r.Light) });
        }

        return result;
    }

    /// <summary>The reasons of the overdue ones among problems already judged, keyed by the id of their project among <paramref name="lights"/>.</summary>
    public static Dictionary<int, IReadOnlyList<LightReason>> ProblemReasons(IEnumerable<JudgedProblem> judged, IReadOnlyList<ProjectLight> lights)
    {
        ArgumentNullException.ThrowIfNull(judged);
        ArgumentNullException.ThrowIfNull(lights);
        var overdue = judged.Where(j => j.Standing.IsOverdue && j.Row.ProjectCode is not null).ToList();
        if (overdue.Count == 0)
        {
            return [];
        }

        // The first light of each code: a province's hundred thousand lights are indexed without grouping them.
        var idOf = new Dictionary<string, int>(lights.Count, StringComparer.Ordinal);
        foreach (var l in lights)
        {
            idOf.TryAdd(l.Code, l.ProjectId);
        }

        return overdue
            .Where(j => idOf.ContainsKey(j.Row.ProjectCode!))
            .GroupBy(j => idOf[j.Row.ProjectCode!])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LightReason>)g.OrderBy(j => j.Row.Number, StringComparer.Ordinal).SelectMany(j => j.Standing.Reasons).ToList());
    }
}
