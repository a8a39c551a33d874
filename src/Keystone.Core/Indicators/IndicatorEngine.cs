using Keystone.Core.Units;

namespace Keystone.Core.Indicators;

/// <summary>Where a unit stands among its peers for one indicator: 列全省第2位 (of 11).</summary>
/// <param name="Rank">1 is best; ties share a place.</param>
/// <param name="Peers">How many units it is ranked among (itself included).</param>
/// <param name="Published">The rank was given as published, its peers' values not being in the system.</param>
/// <param name="Among">"全省" or "全市": where the peers are.</param>
public sealed record IndicatorStanding(int Rank, int Peers, bool Published, string Among);

/// <summary>A yearly target and the distance to it: for a value, what is left to do (negative) or done beyond it; for a growth, the points above or below.</summary>
/// <param name="Gap">Value − target (stored unit), or growth − target (percentage points); null while there is nothing to compare.</param>
/// <param name="Completion">For a value target, the share of it done, in percent.</param>
public sealed record TargetGap(TargetKind Kind, decimal Target, decimal? Gap, decimal? Completion);

/// <summary>One indicator of one unit for one month, with its growth, standing and target.</summary>
/// <param name="Growth">Exact, in percent: as given, or computed from the value and last year's.</param>
/// <param name="GrowthGiven">The growth was published (stored as given), not computed.</param>
/// <param name="Decimals">The decimals the growth prints with.</param>
public sealed record IndicatorRow(
    IndicatorInfo Indicator, int UnitId, Period Period, decimal? Value, decimal? LastYear, decimal? Growth, bool GrowthGiven, int Decimals,
    IndicatorStanding? Standing, TargetGap? Target)
{
    /// <summary>The growth as published: rounded half away from zero to its decimals, keeping them (6.0, 19.42).</summary>
    public decimal? PrintedGrowth => Growth is { } g ? IndicatorEngine.Published(g, Decimals) : null;
}

/// <summary>What the engine reads: the tree, the catalogue, and the facts of the unit and its peers for the month and the same month a year before.</summary>
public sealed record IndicatorInputs
{
    public required OrgTree Tree { get; init; }

    public required IReadOnlyList<IndicatorInfo> Catalogue { get; init; }

    public required IReadOnlyList<IndicatorFact> Facts { get; init; }

    public IReadOnlyList<TargetFact> Targets { get; init; } = [];
}

/// <summary>
/// Growth, rank among peers and target gaps of economic indicators (docs/domain.md "Economic indicators"):
/// pure functions over plain facts, shared by the API, the pages, the CLI and the briefing.
/// </summary>
public static class IndicatorEngine
{
    /// <summary>(this − last) / last in percent, exact; null without a base (none, or zero).</summary>
    public static decimal? Growth(decimal? value, decimal? lastYear) =>
        value is { } v && lastYear is { } l && l != 0 ? (v - l) * 100m / l : null;

    public static decimal Round(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>Rounded to exactly <paramref name="decimals"/> places, zeros kept (6 → 6.0), as the growth is published.</summary>
    public static decimal Published(decimal value, int decimals) => Round(value, decimals) + new decimal(0, 0, 0, false, (byte)decimals);

    /// <summary>A stored amount without the trailing zeros a database column adds (745000.000000 → 745000).</summary>
    public static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>
    /// A fact's growth: as given when published; else, unless the indicator's growth is only ever published at
    /// comparable prices, computed from the value and last year's (given with it, else the stored value of the
    /// same month a year before).
    /// </summary>
    public static (decimal? Growth, bool Given) GrowthOf(IndicatorInfo indicator, IndicatorFact fact, decimal? storedLastYear)
    {
        if (fact.Growth is { } given)
        {
            return (given, true);
        }

        return indicator.ComparablePrices ? (null, false) : (Growth(fact.Value, fact.LastYear ?? storedLastYear), false);
    }

    /// <summary>
    /// A unit's peers, itself included: the units of its kind under the same parent (the cities of a province,
    /// the counties of a city); for a development zone, every zone of its province, across cities.
    /// </summary>
    public static IReadOnlyList<int> Peers(OrgTree tree, int unitId)
    {
        var unit = tree[unitId];
        if (unit.Kind == OrgUnitKind.Zone)
        {
            var top = ProvinceOf(tree, unitId);
            return tree.Subtree(top).Where(id => tree[id].Kind == OrgUnitKind.Zone).Order().ToList();
        }

        var siblings = unit.ParentId is { } parent ? tree.ChildrenOf(parent) : tree.Roots;
        return siblings.Where(u => u.Kind == unit.Kind).Select(u => u.Id).Order().ToList();
    }

    /// <summary>"全省" when the peers are across a province (cities, zones), "全市" when they are a city's counties.</summary>
    public static string Among(OrgTree tree, int unitId)
    {
        var unit = tree[unitId];
        if (unit.Kind == OrgUnitKind.Zone || unit.ParentId is not { } parent)
        {
            return "全省";
        }

        return tree[parent].Kind == OrgUnitKind.City ? "全市" : "全省";
    }

    /// <summary>
    /// Standard competition ranks, higher keys better: 1 + the number of strictly better keys, so ties share a
    /// place and the next place is skipped (1, 2, 2, 4). A null key has no rank.
    /// </summary>
    public static IReadOnlyList<int?> CompetitionRanks(IReadOnlyList<decimal?> keys) =>
        keys.Select(k => k is { } key ? 1 + keys.Count(o => o is { } other && other > key) : (int?)null).ToList();

    /// <summary>
    /// Where a unit stands for an indicator: ranked among all its peers when every one of them has a key (growth
    /// at its printed decimals, or the value); else the rank it was given as published; else none.
    /// </summary>
    public static IndicatorStanding? Standing(OrgTree tree, int unitId, Func<int, decimal?> key, int? published)
    {
        var peers = Peers(tree, unitId);
        var keys = peers.Select(key).ToList();
        var among = Among(tree, unitId);
        if (peers.Count > 1 && keys.All(k => k is not null))
        {
            var ranks = CompetitionRanks(keys);
            return new IndicatorStanding(ranks[IndexOf(peers, unitId)]!.Value, peers.Count, false, among);
        }

        return published is { } p ? new IndicatorStanding(p, Math.Max(peers.Count, p), true, among) : null;
    }

    /// <summary>The gap to a yearly target; a value target compares the year to date, a growth target the growth.</summary>
    public static TargetGap? Gap(TargetFact? target, decimal? value, decimal? growth)
    {
        if (target is null)
        {
            return null;
        }

        return target.Kind switch
        {
            TargetKind.Value => new TargetGap(target.Kind, target.Target, value is { } v ? v - target.Target : null, value is { } w ? w * 100m / target.Target : null),
            TargetKind.Growth => new TargetGap(target.Kind, target.Target, growth is { } g ? g - target.Target : null, null),
        };
    }

    /// <summary>The unit's row of every indicator of the catalogue that has a value or a growth for the month, in catalogue order.</summary>
    public static IReadOnlyList<IndicatorRow> Table(IndicatorInputs input, int unitId, Period period)
    {
        var resolver = new Resolver(input);
        return input.Catalogue.OrderBy(i => i.Order).ThenBy(i => i.Id)
            .Select(i => resolver.Row(i, unitId, period))
            .OfType<IndicatorRow>()
            .ToList();
    }

    /// <summary>One indicator's row of a unit, or null when nothing is known of it for the month.</summary>
    public static IndicatorRow? Row(IndicatorInputs input, IndicatorInfo indicator, int unitId, Period period) =>
        new Resolver(input).Row(indicator, unitId, period);

    /// <summary>The rows of <paramref name="units"/> for one indicator (a rank table), best first, those without a rank last.</summary>
    public static IReadOnlyList<IndicatorRow> RankTable(IndicatorInputs input, IndicatorInfo indicator, IEnumerable<int> units, Period period)
    {
        var resolver = new Resolver(input);
        return units.Select(u => resolver.Row(indicator, u, period)).OfType<IndicatorRow>()
            .OrderBy(r => r.Standing?.Rank ?? int.MaxValue).ThenBy(r => input.Tree[r.UnitId].Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The growth of each of the twelve months up to <paramref name="period"/> (the chart), null where unknown.</summary>
    public static IReadOnlyList<(Period Period, decimal? Growth)> Series(IndicatorInputs input, IndicatorInfo indicator, int unitId, Period period)
    {
        var resolver = new Resolver(input);
        var months = new List<Period>();
        for (var (p, i) = (period, 0); i < 12; p = p.Previous, i++)
        {
            months.Add(p);
        }

        months.Reverse();
        return months.Select(m => (m, resolver.Row(indicator, unitId, m, rank: false)?.PrintedGrowth)).ToList();
    }

    private static int IndexOf(IReadOnlyList<int> list, int value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        throw new ArgumentException("The unit is not among its own peers", nameof(value));
    }

    /// <summary>The unit's province, else (a unit above the provinces) the top of its tree.</summary>
    private static int ProvinceOf(OrgTree tree, int unitId)
    {
        if (tree.ProvinceOf(unitId) is { } province)
        {
            return province.Id;
        }

        var current = tree[unitId];
        while (current.ParentId is { } parent)
        {
            current = tree[parent];
        }

        return current.Id;
    }

    private sealed class Resolver(IndicatorInputs input)
    {
        private readonly Dictionary<(int Unit, int Indicator, int Period), IndicatorFact> facts =
            input.Facts.GroupBy(f => (f.UnitId, f.IndicatorId, f.Period.Key)).ToDictionary(g => g.Key, g => g.Last());

        private readonly Dictionary<(int Unit, int Indicator, int Year), TargetFact> targets =
            input.Targets.GroupBy(t => (t.UnitId, t.IndicatorId, t.Year)).ToDictionary(g => g.Key, g => g.Last());

        public IndicatorRow? Row(IndicatorInfo indicator, int unitId, Period period, bool rank = true)
        {
            if (Resolve(indicator, unitId, period) is not { } own)
            {
                return null;
            }

            var standing = rank ? Standing(input.Tree, unitId, peer => Key(indicator, peer, period), own.Fact.PublishedRank) : null;
            var target = Gap(targets.GetValueOrDefault((unitId, indicator.Id, period.Year)), own.Fact.Value, own.Growth);
            return new IndicatorRow(indicator, unitId, period, own.Fact.Value, own.LastYear, own.Growth, own.Given, own.Decimals, standing, target);
        }

        private (IndicatorFact Fact, decimal? LastYear, decimal? Growth, bool Given, int Decimals)? Resolve(IndicatorInfo indicator, int unitId, Period period)
        {
            if (!facts.TryGetValue((unitId, indicator.Id, period.Key), out var fact))
            {
                return null;
            }

            var stored = facts.GetValueOrDefault((unitId, indicator.Id, new Period(period.Year - 1, period.Month).Key))?.Value;
            var (growth, given) = GrowthOf(indicator, fact, stored);
            return (fact, fact.LastYear ?? stored, growth, given, fact.Decimals ?? indicator.GrowthDecimals);
        }

        private decimal? Key(IndicatorInfo indicator, int unitId, Period period)
        {
            if (Resolve(indicator, unitId, period) is not { } r)
            {
                return null;
            }

            // Ranked on what is printed, so two units printed alike share a place.
            return indicator.RankBy == IndicatorRankBy.Value ? r.Fact.Value : r.Growth is { } g ? Round(g, r.Decimals) : null;
        }
    }
}
