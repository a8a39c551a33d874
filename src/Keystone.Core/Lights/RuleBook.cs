using Keystone.Core.Units;

namespace Keystone.Core.Lights;

/// <summary>
/// Every unit's light rules and service levels, read once: a unit's own set, else its nearest ancestor's,
/// else the defaults. The one rules lookup: a project is judged by its own unit's rules wherever it is
/// listed (a city's ledger, its zone's, its own page, the briefing), and a problem by its own unit's
/// service levels.
/// </summary>
public sealed class RuleBook(OrgTree tree, IReadOnlyDictionary<int, LightRules> sets)
{
    private readonly Dictionary<int, (int? SetAt, LightRules Rules)> resolved = [];

    /// <summary>A book where no unit has its own set: the defaults everywhere.</summary>
    public static RuleBook Defaults(OrgTree tree) => new(tree, new Dictionary<int, LightRules>());

    /// <summary>The units' own sets, keyed by unit id (what a closed month keeps).</summary>
    public IReadOnlyDictionary<int, LightRules> Sets => sets;

    /// <summary>The rules in force for a unit: its own, else its nearest ancestor's, else the defaults.</summary>
    public LightRules For(int unitId) => Resolve(unitId).Rules;

    /// <summary>The unit whose own set is in force for <paramref name="unitId"/> (itself or an ancestor); null when the defaults are.</summary>
    public int? SetAt(int unitId) => Resolve(unitId).SetAt;

    private (int? SetAt, LightRules Rules) Resolve(int unitId)
    {
        if (resolved.TryGetValue(unitId, out var found))
        {
            return found;
        }

        found = (null, LightRules.Default);
        for (int? current = unitId; current is { } id && tree.Contains(id); current = tree[id].ParentId)
        {
            if (sets.TryGetValue(id, out var own))
            {
                found = (id, own);
                break;
            }
        }

        resolved[unitId] = found;
        return found;
    }
}
