using Keystone.Core.Units;

namespace Keystone.Core.Figures;

/// <summary>列第N位: higher is better.</summary>
public static class Ranking
{
    /// <summary>
    /// Standard competition ranks (1, 2, 2, 4) for <paramref name="values"/>, in the same order: a value's
    /// rank is one more than the number of values strictly better. Nulls (a rate with no denominator) are
    /// worse than any value and share the last rank.
    /// </summary>
    public static IReadOnlyList<int> Competition(IReadOnlyList<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var known = values.Where(v => v is not null).Select(v => v!.Value).OrderDescending().ToArray();
        return values
            .Select(v => v is { } x ? CountGreater(known, x) + 1 : known.Length + 1)
            .ToList();
    }

    /// <summary>
    /// Which unit each unit below the scope is ranked as: with no <paramref name="kind"/>, the scope's direct
    /// children (each standing for its whole subtree); with a kind, every unit of that kind anywhere below the
    /// scope (the province's 开发区 across all its cities), each standing for its own subtree. Units in no such
    /// group (a city's own projects when ranking its zones) are left out: ranking them would be unfair.
    /// </summary>
    public static Dictionary<int, int> Groups(OrgTree tree, int scopeId, OrgUnitKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var ranked = kind is { } k
            ? tree.Subtree(scopeId).Where(id => id != scopeId && tree[id].Kind == k)
            : tree.ChildrenOf(scopeId).Select(c => c.Id);
        var map = new Dictionary<int, int>();
        foreach (var unit in ranked)
        {
            foreach (var id in tree.Subtree(unit))
            {
                map[id] = unit;
            }
        }

        return map;
    }

    /// <summary>"zone", "county", "city" or 开发区, 县区, 市 → the kind; null text is null (the direct children).</summary>
    public static OrgUnitKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "zone" or "zones" or "开发区" => OrgUnitKind.Zone,
        "county" or "counties" or "县区" or "县" => OrgUnitKind.County,
        "city" or "cities" or "市" => OrgUnitKind.City,
        "province" or "provinces" or "省" => OrgUnitKind.Province,
        _ => throw new DomainException(
            new($"排名单位类型“{text}”无效：可用 zone（开发区）、county（县区）、city（市）或 province（省）", $"The kind \"{text}\" is not valid: use zone, county, city or province"),
            "kind"),
    };

    /// <summary>The code <see cref="ParseKind"/> reads: zone, county, city, province.</summary>
    public static string KindCode(OrgUnitKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// Where <paramref name="unitId"/> stands among <paramref name="peers"/> (its parent's units of its kind,
    /// ranked by <see cref="FiguresEngine.ByUnit"/>); null when it is not among them or has no peer to stand against.
    /// </summary>
    public static Standing? StandingOf(int unitId, OrgUnitKind kind, string among, OrgUnitKind amongKind, IReadOnlyList<UnitFigures> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        if (peers.Count < 2 || peers.FirstOrDefault(p => p.UnitId == unitId) is not { } self)
        {
            return null;
        }

        // Completion ranks nothing until someone has reported: every peer would tie at 0%.
        var reported = peers.Any(p => p.Figures.Reported > 0);
        return new Standing(
            among, amongKind, kind, peers.Count, self.OverallStartRateRank,
            reported ? self.CompletionRateRank : null, reported ? self.PaceRank : null);
    }

    /// <summary>"在全市5个开发区中，总开工率列第3位，投资完成率列第2位。"</summary>
    public static string Sentence(Standing standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        var whole = standing.AmongKind switch
        {
            OrgUnitKind.Nation => "全国",
            OrgUnitKind.Province => "全省",
            _ => "全市",
        };
        var peers = standing.Kind switch
        {
            OrgUnitKind.City => "个市",
            OrgUnitKind.Province => "个省",
            _ => "个" + OrgUnit.KindName(standing.Kind),
        };
        var text = $"在{whole}{standing.Peers}{peers}中，总开工率列第{standing.OverallStartRateRank}位";
        if (standing.CompletionRateRank is { } completion)
        {
            text += $"，投资完成率列第{completion}位";
        }

        return text + "。";
    }

    private static int CountGreater(decimal[] descending, decimal value)
    {
        // Binary search for the first position not greater than value: O(n log n) for a province's thousands of zones.
        int lo = 0, hi = descending.Length;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (descending[mid] > value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

/// <summary>
/// Where a unit stands among its parent's units of its kind (列全市第N位): its ranks for the figures the briefing
/// ranks, 1 best, ties sharing a place; the completion and pace ranks are null while no peer has reported.
/// </summary>
public sealed record Standing(
    string Among,
    OrgUnitKind AmongKind,
    OrgUnitKind Kind,
    int Peers,
    int OverallStartRateRank,
    int? CompletionRateRank,
    int? PaceRank)
{
    /// <summary>The briefing's sentence: "在全市5个开发区中，总开工率列第3位，投资完成率列第2位。"</summary>
    public string Text => Ranking.Sentence(this);
}
