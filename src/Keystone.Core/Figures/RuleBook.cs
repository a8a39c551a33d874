using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Figures;

/// <summary>
/// Every unit's light rules and service levels, read once: a unit's own set, else its nearest ancestor's,
/// else the defaults — the rule <see cref="Briefings.BriefingData.RulesAsync"/> applies to one unit, for
/// lists that span many units (a city's problems each judged by its own zone's service levels).
/// </summary>
public sealed class RuleBook(OrgTree tree, IReadOnlyDictionary<int, LightRules> sets)
{
    private readonly Dictionary<int, LightRules> resolved = [];

    public static async Task<RuleBook> LoadAsync(AppDbContext db, OrgTree tree, CancellationToken ct = default)
    {
        var sets = await db.LightRuleSets.AsNoTracking().ToListAsync(ct);
        return new RuleBook(tree, sets.ToDictionary(s => s.OrgUnitId, s => s.Rules));
    }

    public LightRules For(int unitId)
    {
        if (resolved.TryGetValue(unitId, out var rules))
        {
            return rules;
        }

        rules = LightRules.Default;
        for (int? current = unitId; current is { } id && tree.Contains(id); current = tree[id].ParentId)
        {
            if (sets.TryGetValue(id, out var own))
            {
                rules = own;
                break;
            }
        }

        resolved[unitId] = rules;
        return rules;
    }
}
