namespace Keystone.Core.Targets;

/// <summary>
/// One entry of the figures JSON's <c>targets</c> object: the target, the actual figure (null when not known
/// yet), rate = actual / target in percent (one decimal) and gap = target − actual (negative when passed).
/// Counts and rates in their own units, money in 万元.
/// </summary>
public sealed record TargetReport(decimal Target, decimal? Actual, decimal? Rate, decimal? Gap)
{
    public static TargetReport Of(TargetFigure f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Target, f.Actual, f.Rate?.Rounded, f.Gap);
    }

    /// <summary>The <c>targets</c> object: keyed by name, in the engine's order; other areas add their entries to it.</summary>
    public static Dictionary<string, TargetReport> Object(IEnumerable<TargetFigure> figures) =>
        figures.ToDictionary(f => f.Key, Of, StringComparer.Ordinal);
}

/// <summary>The figures JSON's <c>investmentGrowth</c>: completed this year and last year to the same day (万元), and the growth in percent (null: "—", no base).</summary>
public sealed record GrowthReport(decimal Completed, decimal? LastYear, decimal? Growth)
{
    public static GrowthReport Of(InvestmentGrowth g)
    {
        ArgumentNullException.ThrowIfNull(g);
        return new(g.Completed.Wan, g.LastYear?.Wan, g.Growth?.Rounded);
    }
}
