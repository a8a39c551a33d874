namespace Keystone.Core.Indicators;

/// <summary>A yearly target in the JSON: its kind (value or growth), the target (stored unit, or percent) and the gap to it.</summary>
public sealed record IndicatorTargetItem(TargetKind Kind, decimal Value, decimal? Gap);

/// <summary>
/// One indicator as `GET /api/indicators` and `keystone indicators --json` return it: the value in the stored unit
/// (万元 for money), the growth with its published decimals, the rank among how many peers, the target.
/// </summary>
public sealed record IndicatorItem(string Indicator, decimal? Value, string Unit, decimal? Growth, int? Rank, int? Peers, IndicatorTargetItem? Target)
{
    /// <summary>The month's value's version (its concurrency token; 0 when none is recorded), given by the API, which PUT /api/indicators checks.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Version { get; init; }

    /// <summary>The year's target's version (0 when none is set), given by the API, which PUT /api/indicators/targets checks.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? TargetVersion { get; init; }

    public static IndicatorItem Of(IndicatorRow row) => new(
        row.Indicator.Name,
        row.Value is { } v ? IndicatorEngine.Plain(v) : null,
        row.Indicator.StoredUnit,
        row.PrintedGrowth,
        row.Standing?.Rank,
        row.Standing?.Peers,
        row.Target is { } t ? new IndicatorTargetItem(t.Kind, IndicatorEngine.Plain(t.Target), t.Gap is { } g ? IndicatorEngine.Plain(decimal.Round(g, 6)) : null) : null);
}

/// <summary>`{"period", "items": [...]}`: a unit's indicators for one month.</summary>
public sealed record IndicatorReport(Period Period, IReadOnlyList<IndicatorItem> Items)
{
    public static IndicatorReport Of(Period period, IReadOnlyList<IndicatorRow> rows) => new(period, rows.Select(IndicatorItem.Of).ToList());
}
