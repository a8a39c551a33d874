using Keystone.Core.Figures;
using Keystone.Core.Lights;

namespace Keystone.Core.Briefings;

public sealed record BriefingSectionReport(BriefingSectionKind Kind, string Text);

public sealed record LightReport(string Code, string Name, Light Light, IReadOnlyList<string> Reasons);

/// <summary>A briefing as JSON (`--format json`, GET /api/briefings): its text, and the figures every number in it comes from.</summary>
public sealed record BriefingReport
{
    public required string Title { get; init; }

    /// <summary>The day the briefing is drafted as of (the asOf asked for, else the scope's data date).</summary>
    public DateOnly? AsOf { get; init; }

    public required string Text { get; init; }

    public required IReadOnlyList<BriefingSectionReport> Sections { get; init; }

    public required FiguresReport Figures { get; init; }

    public required FiguresReport Provincial { get; init; }

    public required FiguresReport Municipal { get; init; }

    public required IReadOnlyList<LightReport> Lights { get; init; }

    /// <summary>The closed month the figures are frozen at, when they are (yyyy-MM).</summary>
    public string? ClosedPeriod { get; init; }

    /// <summary>The numbers of the 问题督办 paragraph, with the overdue problems it names.</summary>
    public Problems.ProblemSummaryReport? Problems { get; init; }

    /// <summary>The numbers of the 要素保障 paragraph, with the projects lacking anything.</summary>
    public Factors.FactorsReport? Factors { get; init; }

    public static BriefingReport Of(string scope, DraftedBriefing drafted) => new()
    {
        Title = drafted.Briefing.Title,
        AsOf = drafted.Input.AsOf,
        Text = drafted.Briefing.ToPlainText(),
        Sections = drafted.Briefing.Sections.Select(s => new BriefingSectionReport(s.Kind, s.Text)).ToList(),
        Figures = FiguresReport.Of(scope, drafted.Input.Figures),
        Provincial = FiguresReport.Of(scope, drafted.Input.Provincial, Projects.ProjectLevels.Provincial),
        Municipal = FiguresReport.Of(scope, drafted.Input.Municipal, Projects.ProjectLevels.Municipal),
        Lights = drafted.Input.Lights.Where(l => l.Light != Light.Green)
            .OrderByDescending(l => l.Light).ThenBy(l => l.Code, StringComparer.Ordinal)
            .Select(l => new LightReport(l.Code, l.Name, l.Light, l.Reasons.Select(r => r.Text.Zh).ToList()))
            .ToList(),
        ClosedPeriod = drafted.Closed?.Period.ToString(),
        Problems = drafted.Input.Problems is { } p && drafted.Tree is { } tree ? Keystone.Core.Problems.ProblemSummaryReport.Of(p, tree, Chinese) : null,
        Factors = drafted.Input.Factors is { } f && drafted.Tree is { } t ? Keystone.Core.Factors.FactorsReport.Of(scope, drafted.Input.AsOf, f, t, Chinese) : null,
    };

    /// <summary>A briefing's JSON speaks the briefing's language, whatever the request's (its lights' reasons are Chinese too).</summary>
    private static readonly System.Globalization.CultureInfo Chinese = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
}
