using System.Text.Json.Serialization;
using Keystone.Core.Projects;
using Keystone.Core.Targets;

namespace Keystone.Core.Figures;

/// <summary>
/// The figures as `keystone figures --json` and GET /api/figures return them: money in 万元, rates in percent
/// rounded to one decimal (half away from zero), null where the denominator is 0. The field names are a
/// contract with users' scripts: add, never rename.
/// </summary>
public sealed record FiguresReport
{
    public required string Scope { get; init; }

    public required int Year { get; init; }

    public required DateOnly AsOf { get; init; }

    public required int Planned { get; init; }

    public required decimal TotalInvestment { get; init; }

    public required decimal AnnualPlan { get; init; }

    public required int Continuing { get; init; }

    public required int New { get; init; }

    public required int Resumed { get; init; }

    public required int NewlyStarted { get; init; }

    public required int Started { get; init; }

    public required decimal? ResumeRate { get; init; }

    public required decimal? StartRate { get; init; }

    public required decimal? OverallStartRate { get; init; }

    public required decimal CompletedInvestment { get; init; }

    public required decimal? CompletionRate { get; init; }

    public required decimal TimeElapsed { get; init; }

    public required decimal? Pace { get; init; }

    /// <summary>The level the figures are narrowed to (provincial …), when they are.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Level { get; init; }

    /// <summary>The closed month (yyyy-MM) these figures are frozen at, when the as-of date falls in one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClosedPeriod { get; init; }

    /// <summary>The figures as corrected since the month was closed (更正后), when they differ.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FiguresReport? Restated { get; init; }

    /// <summary>
    /// Where the scope stands among its parent's units of its kind (列全市第N位), for the whole scope's figures
    /// (not a level's); absent for the province and for a unit without peers.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Standing? Standing { get; init; }

    /// <summary>
    /// 增速 of completed investment against the same day of last year, for the whole scope's figures (not a
    /// level's); its growth is null ("—") when last year has no base.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GrowthReport? InvestmentGrowth { get; init; }

    /// <summary>
    /// The unit's own targets for the year against its figures, keyed by name (newStarts, startRate, resumeRate,
    /// completedInvestment, growth, and those other areas add); empty when it set none; absent for a level.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, TargetReport>? Targets { get; init; }

    public static FiguresReport Of(string scope, ScopeFigures f, ProjectLevels? level = null) => new()
    {
        Scope = scope,
        Year = f.Year,
        AsOf = f.AsOf,
        Planned = f.Planned,
        TotalInvestment = f.TotalInvestment.Wan,
        AnnualPlan = f.AnnualPlan.Wan,
        Continuing = f.Continuing,
        New = f.New,
        Resumed = f.Resumed,
        NewlyStarted = f.NewlyStarted,
        Started = f.Started,
        ResumeRate = f.ResumeRate?.Rounded,
        StartRate = f.StartRate?.Rounded,
        OverallStartRate = f.OverallStartRate?.Rounded,
        CompletedInvestment = f.CompletedInvestment.Wan,
        CompletionRate = f.CompletionRate?.Rounded,
        TimeElapsed = f.TimeElapsed.Rounded,
        Pace = f.Pace is { } p ? decimal.Round(p, 1, MidpointRounding.AwayFromZero) : null,
        Level = level is { } l ? ProjectVocabulary.Code(l) : null,
    };
}
