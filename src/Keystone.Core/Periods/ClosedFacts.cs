using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Lights;

namespace Keystone.Core.Periods;

/// <summary>
/// What a closed month keeps besides its plan rows, so every paragraph of its briefing reads the same later:
/// the light rules in force, each project's schedule plan, the work items' stages as phrased, the factor
/// sheets and approval checklists, and where the closed scope stood among its peers at the month's end.
/// Problems need no copy: they are judged from their dated steps (ADR 0011).
/// </summary>
public sealed record ClosedFacts
{
    /// <summary>The units' own light rules (the closed scope's units and its ancestors), keyed by unit id.</summary>
    public required IReadOnlyDictionary<int, LightRules> Rules { get; init; }

    /// <summary>Each scheduled project's plan as stored (the schedule file's JSON), keyed by project id.</summary>
    public required IReadOnlyDictionary<int, string> Schedules { get; init; }

    /// <summary>Each project's buildings and plots, phrased ("A地块5栋楼完成封顶，…"), keyed by project id.</summary>
    public required IReadOnlyDictionary<int, string> Stages { get; init; }

    public required FactorSheets Factors { get; init; }

    /// <summary>Where the closed scope stood among its parent's units of its kind at the month's end.</summary>
    public Standing? Standing { get; init; }

    /// <summary>
    /// The latest 形象进度 of the started key-list projects, keyed by project id, for the per-list narrative; null
    /// in months closed before it was kept (their narrative is read from the reports).
    /// </summary>
    public IReadOnlyDictionary<int, string>? Progress { get; init; }

    /// <summary>
    /// The campaigns of the closed scope's units with their tasks' facts as they stood at closing (a task added, an
    /// approval entered or a node reported later does not change the month's 专项行动 paragraph); null in months
    /// closed before campaigns were kept (read live).
    /// </summary>
    public IReadOnlyList<Campaigns.CampaignFacts>? Campaigns { get; init; }
}
