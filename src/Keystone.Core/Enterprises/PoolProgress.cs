using System.Globalization;

namespace Keystone.Core.Enterprises;

/// <summary>
/// The yearly revenue (主营业务收入/营业收入, 万元) a sector's enterprise must reach to be counted above designated
/// size (规上): industry 2000万元 by default. Each is a setting (Keystone:Enterprises:Thresholds:工业 = 2000 …),
/// so a province whose statistics bureau draws other lines changes the number, not the code.
/// </summary>
public sealed class PoolThresholds
{
    public const string Industry = "工业";

    public static readonly IReadOnlyDictionary<string, Money> Defaults = new Dictionary<string, Money>
    {
        [Industry] = new(2000m),
        ["建筑业"] = new(5000m),
        ["批发业"] = new(2000m),
        ["零售业"] = new(500m),
        ["住宿业"] = new(200m),
        ["餐饮业"] = new(200m),
        ["服务业"] = new(1000m),
    };

    public static readonly PoolThresholds Default = new(Defaults);

    private readonly IReadOnlyDictionary<string, Money> bySector;

    public PoolThresholds(IReadOnlyDictionary<string, Money> bySector) => this.bySector = bySector;

    public IReadOnlyDictionary<string, Money> BySector => bySector;

    public Money For(string sector) => bySector.TryGetValue(sector, out var t) ? t : bySector.GetValueOrDefault(Industry, Defaults[Industry]);

    /// <summary>The defaults, each replaced by its setting where one is given (a positive number of 万元).</summary>
    public static PoolThresholds From(Func<string, string?> setting)
    {
        var values = Defaults.ToDictionary(
            d => d.Key,
            d => setting("Keystone:Enterprises:Thresholds:" + d.Key) is { Length: > 0 } v && decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n > 0 ? new Money(n) : d.Value);
        return new PoolThresholds(values);
    }

    public static string CheckSector(string? sector)
    {
        var s = (sector ?? "").Trim();
        return Defaults.ContainsKey(s)
            ? s
            : throw new DomainException(new($"行业门类“{s}”无效：可用{string.Join("、", Defaults.Keys)}", $"The sector \"{s}\" is not valid: use {string.Join(", ", Defaults.Keys)}"), "sector");
    }
}

/// <summary>A month's approved revenue of a candidate's enterprise.</summary>
public sealed record RevenueMonth(Period Period, Money Revenue);

/// <summary>How far a candidate has come toward its threshold in the as-of year.</summary>
public sealed record PoolStanding(
    Money Threshold, Money YearToDate, int MonthsReported, Money? Projected, Percent? Share, bool OnTrack, bool Crossed, bool Overdue);

/// <summary>
/// A cultivation candidate's progress (培育进度) as of a month, from its enterprise's approved monthly revenue: the
/// year-to-date sum (January to the as-of month), its share of the threshold, and the year's projection — the
/// year-to-date over the months reported, times 12 — which is on track when it reaches the threshold. A
/// candidate with no month reported has no projection and is not on track. Overdue: not entered by the end
/// of its expected month.
/// </summary>
public static class PoolProgress
{
    public static PoolStanding Judge(Money threshold, Period asOf, Period expected, Period? entered, IReadOnlyList<RevenueMonth> months)
    {
        var year = months.Where(m => m.Period.Year == asOf.Year && m.Period <= asOf).DistinctBy(m => m.Period).ToList();
        var ytd = Money.Sum(year.Select(m => m.Revenue));
        Money? projected = year.Count == 0 ? null : new Money(ytd.Wan / year.Count * 12m);
        var share = Percent.Of(ytd, threshold);
        return new PoolStanding(threshold, ytd, year.Count, projected, share, projected is { } p && p >= threshold, entered is not null, entered is null && expected < asOf);
    }
}
