using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Briefings;

/// <summary>
/// Gathers everything a briefing says for a scope, year and as-of date from the database, through the same
/// rows and engine the figures API uses: the CLI, the API and the pages call this one method.
/// </summary>
public static class BriefingData
{
    public static async Task<BriefingInput> InputAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var rows = await ScopeRowsAsync(db, tree, scope, year, asOf, ct);
        var rules = await RulesAsync(db, tree, scope.Id, ct);
        return Input(tree, scope, year, asOf, rows, rules);
    }

    /// <summary>The briefing input from rows already read (a frozen period's snapshot, or live rows).</summary>
    public static BriefingInput Input(OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, IReadOnlyList<PlanRow> rows, LightRules rules)
    {
        var children = new List<BriefingUnit>();
        if (scope.Kind is OrgUnitKind.City or OrgUnitKind.Province)
        {
            var childOf = ChildOf(tree, scope);
            children = FiguresEngine.ByUnit(rows, year, asOf, id => childOf.TryGetValue(id, out var c) ? c : null)
                .Select(u => new BriefingUnit(tree[u.UnitId].Name, u))
                .ToList();
        }

        return new BriefingInput
        {
            ScopeName = scope.Name,
            ShortName = ShortName(tree, scope),
            ScopeKind = scope.Kind,
            Year = year,
            AsOf = asOf,
            Figures = FiguresEngine.Compute(rows, year, asOf),
            Provincial = FiguresEngine.Compute(rows.Where(r => r.Levels.HasFlag(ProjectLevels.Provincial)), year, asOf),
            Municipal = FiguresEngine.Compute(rows.Where(r => r.Levels.HasFlag(ProjectLevels.Municipal)), year, asOf),
            Children = children,
            ConcurrentStarts = FiguresEngine.ConcurrentStarts(rows, year, asOf),
            Lights = TrafficLights.Evaluate(rows, year, asOf, rules),
        };
    }

    /// <summary>The plan rows of the scope and everything below it.</summary>
    public static Task<IReadOnlyList<PlanRow>> ScopeRowsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default) =>
        FiguresData.RowsAsync(db, scope.ParentId is null && tree.Roots.Count() == 1 ? null : tree.Subtree(scope.Id), year, asOf, ct);

    /// <summary>Each unit below the scope mapped to the scope's child it falls under.</summary>
    public static Dictionary<int, int> ChildOf(OrgTree tree, OrgUnitInfo scope) => Ranking.Groups(tree, scope.Id);

    /// <summary>The light rules in force for a unit: its own, else its nearest ancestor's, else the defaults.</summary>
    public static async Task<LightRules> RulesAsync(AppDbContext db, OrgTree tree, int unitId, CancellationToken ct = default)
    {
        var sets = await db.LightRuleSets.AsNoTracking().ToDictionaryAsync(s => s.OrgUnitId, ct);
        for (int? current = unitId; current is { } id; current = tree[id].ParentId)
        {
            if (sets.TryGetValue(id, out var set))
            {
                return set.Rules;
            }
        }

        return LightRules.Default;
    }

    /// <summary>
    /// How later paragraphs name the scope, as seed 004 does: "阳泉高新区" under 阳泉市 becomes "高新区";
    /// a name that does not start with its city's name stays whole.
    /// </summary>
    public static string ShortName(OrgTree tree, OrgUnitInfo scope)
    {
        if (scope.ParentId is not { } parentId || tree[parentId].Kind != OrgUnitKind.City)
        {
            return scope.Name;
        }

        var city = tree[parentId].Name.TrimEnd('市');
        return scope.Name.Length > city.Length + 1 && scope.Name.StartsWith(city, StringComparison.Ordinal) ? scope.Name[city.Length..] : scope.Name;
    }
}
