using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Periods;
using Keystone.Core.Problems;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// Reading what the lights are composed from — the rule book, the projects' schedules and their problems —
/// for <see cref="ProjectLights.Compose"/>. Every list, page and the briefing read lights through here or
/// through a <see cref="ScopeSnapshot"/>, so a project is judged by its own unit's rules wherever it shows.
/// </summary>
public static class LightsData
{
    /// <summary>Every unit's own light rules, read once, as the one rules lookup.</summary>
    public static async Task<RuleBook> RulesAsync(AppDbContext db, OrgTree tree, CancellationToken ct = default)
    {
        var sets = await db.LightRuleSets.AsNoTracking().ToListAsync(ct);
        return new RuleBook(tree, sets.ToDictionary(s => s.OrgUnitId, s => s.Rules));
    }

    /// <summary>
    /// The lights of these plan rows as of a day, every rule counted, each project judged by its own unit's
    /// rules — a closed month's kept rules and schedules when <paramref name="closed"/> has them.
    /// </summary>
    public static async Task<IReadOnlyList<ProjectLight>> EvaluateAsync(
        AppDbContext db, OrgTree tree, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, ClosedFacts? closed = null, CancellationToken ct = default)
    {
        var rules = RulesOf(tree, closed) ?? await RulesAsync(db, tree, ct);
        var nodes = await NodeReasonsAsync(db, rows, rules, asOf, closed, ct);
        return ProjectLights.Compose(rows, year, asOf, rules, nodes, await ProblemsAsync(db, tree, rows, asOf, rules, ct));
    }

    /// <summary>A closed month's kept rules; null when there is none (read the live ones).</summary>
    public static RuleBook? RulesOf(OrgTree tree, ClosedFacts? closed) => closed is null ? null : new RuleBook(tree, closed.Rules);

    /// <summary>The rows' projects' node reasons as of a day: from a closed month's kept plans, else from the stored schedules.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<LightReason>>> NodeReasonsAsync(
        AppDbContext db, IReadOnlyList<PlanRow> rows, RuleBook rules, DateOnly asOf, ClosedFacts? closed, CancellationToken ct = default)
    {
        var rulesOf = ScheduleData.RulesOf(rows, rules);
        return closed is null ? await ScheduleData.NodeReasonsAsync(db, rulesOf, asOf, ct) : ScheduleData.NodeReasons(closed.Schedules, rulesOf, asOf);
    }

    /// <summary>
    /// The problems of these rows' projects, judged on <paramref name="asOf"/> (from their dated steps, so a
    /// past day reads the same later). A zone's projects are looked up by id; a larger scope reads the problems of
    /// every project of the rows' units once (there are far fewer problems than projects), not the whole nation's.
    /// </summary>
    public static async Task<IReadOnlyList<JudgedProblem>> ProblemsAsync(
        AppDbContext db, OrgTree tree, IReadOnlyCollection<PlanRow> rows, DateOnly asOf, RuleBook rules, CancellationToken ct = default)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var problems = db.Problems.Where(p => p.ProjectId != null);
        if (rows.Count <= 1000)
        {
            var ids = rows.Select(l => l.ProjectId).ToList();
            problems = problems.Where(p => ids.Contains(p.ProjectId!.Value));
        }
        else
        {
            var units = rows.Select(r => r.UnitId).Distinct().ToList();
            problems = problems.Where(p => units.Contains(p.Project!.OrgUnitId));
        }

        var found = await ProblemData.RowsAsync(problems, ct);
        return found.Count == 0 ? [] : ProblemJudge.Judge(found, tree, rules, asOf);
    }
}
