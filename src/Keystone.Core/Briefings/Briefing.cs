using System.Text.Json.Serialization;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Units;

namespace Keystone.Core.Briefings;

/// <summary>What a briefing section reports; serialised by name so stored briefings survive reordering.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BriefingSectionKind>))]
public enum BriefingSectionKind
{
    /// <summary>The whole scope: projects, investment, starts, completion and pace.</summary>
    Overview,

    /// <summary>省级重点工程项目.</summary>
    ProvincialKey,

    /// <summary>市级重点工程项目.</summary>
    MunicipalKey,

    /// <summary>红黑榜: the child units' best and worst start and completion rates.</summary>
    Rankings,

    /// <summary>集中开复工 days.</summary>
    ConcurrentStarts,

    /// <summary>Red and yellow projects with their reasons.</summary>
    Lights,

    /// <summary>形象进度: the buildings and plots of the projects that keep them ("A地块5栋楼完成封顶…").</summary>
    StageProgress,

    /// <summary>更正说明: a closed month's figures as reported (原报) against the corrected ones (更正后).</summary>
    Restatement,

    /// <summary>问题督办: problems raised and closed, open and overdue, escalated and supervised, the overdue ones named.</summary>
    Problems,

    /// <summary>要素保障: land, energy, funds, emissions and approvals the projects still lack.</summary>
    Factors,

    /// <summary>经济运行: the scope's economic indicators with growth, rank and targets (<see cref="EconomyBriefingWriter"/>).</summary>
    Economy,
    /// <summary>招商引资: new signings against the annual task, by channel, landed, and the signed still waiting to start.</summary>
    Promotion,
    /// <summary>What each started provincial key project is doing ("续建的5个项目中，…；新开工的4个项目中，…").</summary>
    ProvincialProgress,

    /// <summary>What each started municipal key project is doing.</summary>
    MunicipalProgress,

    /// <summary>年度目标: the year's targets and where the scope stands against them (seed 004's forward paragraph).</summary>
    Targets,

    /// <summary>专项行动: each campaign running on the day, or its closing summary once ended in the year.</summary>
    Campaigns,
}

/// <summary>One paragraph of a briefing.</summary>
public sealed record BriefingSection(BriefingSectionKind Kind, string Text);

/// <summary>A drafted 通报: plain strings only, so it goes to JSON, .xlsx or a page unchanged.</summary>
public sealed record Briefing(string Title, IReadOnlyList<BriefingSection> Sections)
{
    /// <summary>The title and the paragraphs separated by blank lines, for a terminal or a clipboard.</summary>
    public string ToPlainText() => string.Join("\n\n", Sections.Select(s => s.Text).Prepend(Title));
}

/// <summary>A child unit of the scope with its name, for the rankings.</summary>
public sealed record BriefingUnit(string Name, UnitFigures Unit);

/// <summary>
/// Everything a briefing says, already computed by the figures engine and the lights: the writer only
/// words it, so every number in a briefing is one the API returns too.
/// </summary>
public sealed record BriefingInput
{
    /// <summary>"阳泉高新区".</summary>
    public required string ScopeName { get; init; }

    /// <summary>How later paragraphs name the scope ("高新区", as seed 004 does); the full name when unset.</summary>
    public string? ShortName { get; init; }

    public required OrgUnitKind ScopeKind { get; init; }

    public required int Year { get; init; }

    public required DateOnly AsOf { get; init; }

    /// <summary>The whole scope.</summary>
    public required ScopeFigures Figures { get; init; }

    /// <summary>The scope's provincial key projects; no paragraph when there are none.</summary>
    public required ScopeFigures Provincial { get; init; }

    /// <summary>The scope's municipal key projects; no paragraph when there are none.</summary>
    public required ScopeFigures Municipal { get; init; }

    /// <summary>Where the scope stands among its parent's units of its kind ("在全市5个开发区中，总开工率列第3位"); none when unset.</summary>
    public Standing? Standing { get; init; }

    /// <summary>The child units, ranked; used for a City or Province scope only.</summary>
    public IReadOnlyList<BriefingUnit> Children { get; init; } = [];

    public IReadOnlyList<ConcurrentStart> ConcurrentStarts { get; init; } = [];

    /// <summary>Project lights; green ones are ignored.</summary>
    public IReadOnlyList<ProjectLight> Lights { get; init; } = [];

    /// <summary>The scope's problems as of the day; no paragraph when there are none.</summary>
    public Problems.ProblemSummary? Problems { get; init; }

    /// <summary>The scope's factor figures; no paragraph when nothing is lacking.</summary>
    public Factors.FactorFigures? Factors { get; init; }

    /// <summary>The projects that keep buildings and plots, each with its stages phrased ("A地块5栋楼完成封顶，…"); no paragraph when none.</summary>
    public IReadOnlyList<ProjectStages> Stages { get; init; } = [];

    /// <summary>The scope's promotion figures (招商引资); no paragraph when it has no lead and no task.</summary>
    public Promotion.PromotionFigures? Promotion { get; init; }

    /// <summary>The closed month the figures are frozen at, when they are.</summary>
    public Period? ClosedPeriod { get; init; }

    /// <summary>The figures as corrected since the month was closed, when they differ from the frozen ones (更正说明).</summary>
    public ScopeFigures? Corrected { get; init; }

    /// <summary>The started projects on the provincial and municipal lists, each with its latest 形象进度 (none: no narrative).</summary>
    public IReadOnlyList<ListProject> ListProjects { get; init; } = [];

    /// <summary>增速 and the unit's own targets against its figures; no growth phrase and no target paragraph when unset.</summary>
    public Targets.TargetStanding? Targets { get; init; }

    /// <summary>The campaigns of the scope's units running on the day or ended in the year, judged on the day; no paragraph when none.</summary>
    public IReadOnlyList<Keystone.Core.Campaigns.CampaignProgress> Campaigns { get; init; } = [];
}

/// <summary>A started project on a key list and its latest image progress (形象进度), null when it reported none.</summary>
public sealed record ListProject(Projects.ProjectLevels Levels, Plans.Nature Nature, string Code, string Name, string? Progress);

/// <summary>A project's buildings and plots as the briefing prints them.</summary>
public sealed record ProjectStages(string Code, string Name, string Text);
