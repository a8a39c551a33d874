using Keystone.Core.Figures;

namespace Keystone.Core.Targets;

/// <summary>
/// 增速 of completed investment (docs/domain.md "Figures"): year-to-date completed as of D against the same
/// as of the same day a year earlier. <see cref="Growth"/> is null ("—") when there is no base: nothing was
/// reported last year by that day, or what was reported sums to 0.
/// </summary>
public sealed record InvestmentGrowth(Money Completed, Money? LastYear, Percent? Growth)
{
    /// <summary>The growth of <paramref name="current"/> over <paramref name="lastYear"/> (the same scope, year Y−1, the same day of Y−1).</summary>
    public static InvestmentGrowth Of(ScopeFigures current, ScopeFigures? lastYear)
    {
        ArgumentNullException.ThrowIfNull(current);
        // Last year's base exists only where last year's reports (or last year's imported ledger) say so; an
        // unreported year is not a year of 0, which would make any growth infinite.
        var baseline = lastYear is { Reported: > 0 } l ? l.CompletedInvestment : (Money?)null;
        var growth = baseline is { } b && current.Reported > 0 ? Percent.Of((current.CompletedInvestment - b).Wan, b.Wan) : null;
        return new InvestmentGrowth(current.CompletedInvestment, baseline, growth);
    }

    /// <summary>The same day a year earlier: 29 February becomes 28 February.</summary>
    public static DateOnly SameDayLastYear(DateOnly day) => day.AddYears(-1);

    /// <summary>"同比增长11%", "同比下降2.1%", "与上年同期持平"; null without a base.</summary>
    public string? Phrase() => Growth is not { } g ? null
        : g.Rounded > 0 ? "同比增长" + g
        : g.Rounded < 0 ? "同比下降" + new Percent(-g.Value)
        : "与上年同期持平";
}

/// <summary>
/// Where one figure stands against its target: <see cref="Rate"/> = actual / target in percent (null when the
/// target is 0 or nothing is known yet) and <see cref="Gap"/> = target − actual (what is still to do; negative
/// when the target is passed). Counts and money compare as they are; rates and growth in percent.
/// </summary>
public sealed record TargetFigure(string Key, decimal Target, decimal? Actual, Percent? Rate, decimal? Gap)
{
    public static TargetFigure Of(string key, decimal target, decimal? actual) =>
        new(key, target, actual, actual is { } a ? Percent.Of(a, target) : null, actual is { } b ? target - b : null);
}

/// <summary>A scope's growth of completed investment and its own targets (none set: null) against its figures.</summary>
public sealed record TargetStanding(InvestmentGrowth Growth, TargetValues? Targets, IReadOnlyList<TargetFigure> Against);

/// <summary>
/// A unit's targets against its figures. The keys are the names of the figures JSON's <c>targets</c> object
/// (newStarts, startRate, resumeRate, completedInvestment, growth); other areas add their own entries beside
/// these, so the set is open and keyed by name.
/// </summary>
public static class TargetsEngine
{
    public const string NewStarts = "newStarts";
    public const string StartRate = "startRate";
    public const string ResumeRate = "resumeRate";
    public const string CompletedInvestment = "completedInvestment";
    public const string Growth = "growth";

    /// <summary>The targets that are set, each against the figure it targets, in the order above.</summary>
    public static IReadOnlyList<TargetFigure> Against(TargetValues targets, ScopeFigures figures, InvestmentGrowth growth)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(growth);
        var list = new List<TargetFigure>();
        if (targets.NewStarts is { } n)
        {
            list.Add(TargetFigure.Of(NewStarts, n, figures.NewlyStarted));
        }

        // Rates are compared as printed (one decimal), so "52.3% of 59%" is what a reader can check by hand.
        if (targets.StartRate is { } s)
        {
            list.Add(TargetFigure.Of(StartRate, s, figures.StartRate?.Rounded));
        }

        if (targets.ResumeRate is { } r)
        {
            list.Add(TargetFigure.Of(ResumeRate, r, figures.ResumeRate?.Rounded));
        }

        // No report at all is "not known yet": the investment is not 0 of its target.
        if (targets.CompletedInvestment is { } c)
        {
            list.Add(TargetFigure.Of(CompletedInvestment, c, figures.Reported > 0 ? figures.CompletedInvestment.Wan : null));
        }

        if (targets.Growth is { } g)
        {
            list.Add(TargetFigure.Of(Growth, g, growth.Growth?.Rounded));
        }

        return list;
    }
}
