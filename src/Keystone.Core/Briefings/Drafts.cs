using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Periods;
using Keystone.Core.Problems;
using Keystone.Core.Projects;
using Keystone.Core.Schedule;
using Keystone.Core.Units;

namespace Keystone.Core.Briefings;

/// <summary>A scope's figures as of a date, frozen when the month is closed, with the corrected figures when they differ.</summary>
public sealed record ScopeFiguresResult(ScopeFigures Figures, ScopeFigures? Restated, ClosedPeriod? Closed);

/// <summary>A drafted briefing with the input it was drafted from (for the .xlsx tables and the JSON).</summary>
public sealed record DraftedBriefing(BriefingInput Input, Briefing Briefing, ClosedPeriod? Closed, OrgTree? Tree = null)
{
    /// <summary>The rows the briefing was drafted from, for breakdowns that must agree with it (the cockpit's charts).</summary>
    public IReadOnlyList<PlanRow> Rows { get; init; } = [];
}

/// <summary>
/// The one way figures and briefings are produced from the database — for the API, the pages and the CLI —
/// so every number a leader sees, anywhere, is computed the same way from the same rows.
/// </summary>
public static class Drafts
{
    public static async Task<ScopeFiguresResult> FiguresAsync(
        AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, PlanRowFilter? filter = null, CancellationToken ct = default)
    {
        var rows = await PeriodClosing.RowsAsync(db, tree, scope, year, asOf, ct);
        IEnumerable<PlanRow> Narrow(IEnumerable<PlanRow> r) => filter is null ? r : filter.Apply(r);
        var figures = FiguresEngine.Compute(Narrow(rows.Rows), year, asOf);
        var restated = rows.Live is { } live ? FiguresEngine.Compute(Narrow(live), year, asOf) : null;
        return new ScopeFiguresResult(figures, restated is not null && restated != figures ? restated : null, rows.Closed);
    }

    public static async Task<DraftedBriefing> BriefingAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var rows = await PeriodClosing.RowsAsync(db, tree, scope, year, asOf, ct);
        var rules = await BriefingData.RulesAsync(db, tree, scope.Id, ct);
        var input = BriefingData.Input(tree, scope, year, asOf, rows.Rows, rules) with
        {
            Standing = await StandingAsync(db, tree, scope, year, asOf, rows.Rows, ct),
            // Problems are read as they stood on the day from their dated steps, so a closed month's
            // briefing reads the same later; factor sheets are as they are now (ADR 0011).
            Problems = await ProblemDesk.SummaryAsync(db, tree, scope, year, asOf, ct),
            Factors = await FactorDesk.ScopeAsync(db, tree, scope, asOf, ct),
        };
        var projectIds = rows.Rows.Select(r => r.ProjectId).ToList();
        // The lights count the nodes and the overdue problems (judged once, for the 问题督办 paragraph too).
        var nodes = await ScheduleData.NodeReasonsAsync(db, projectIds, asOf, rules, ct);
        input = input with { Lights = ProjectLights.With(input.Lights, nodes, ProjectLights.ProblemReasons(input.Problems.OverdueProblems, input.Lights)) };
        var briefing = BriefingWriter.Write(input);
        if (StageProgress(rows.Rows, await ScheduleData.RollupsAsync(db, projectIds, ct)) is { } progress)
        {
            // Before the lights: what has been built, then what is behind.
            var at = briefing.Sections.ToList().FindIndex(s => s.Kind == BriefingSectionKind.Lights);
            var sections = briefing.Sections.ToList();
            sections.Insert(at < 0 ? sections.Count : at, new BriefingSection(BriefingSectionKind.StageProgress, progress));
            briefing = briefing with { Sections = sections };
        }

        if (rows.Closed is { } closed && rows.Live is { } live)
        {
            var corrected = FiguresEngine.Compute(live, year, asOf);
            if (Restatement(input.Figures, corrected, closed.Period) is { } text)
            {
                briefing = briefing with { Sections = [.. briefing.Sections, new BriefingSection(BriefingSectionKind.Restatement, text)] };
            }
        }

        return new DraftedBriefing(input, briefing, rows.Closed, tree) { Rows = rows.Rows };
    }

    /// <summary>
    /// Where the scope stands among its parent's units of its kind (a zone among its city's zones, a city among
    /// the province's cities), ranked on the parent's rows as the parent's rankings rank them, except that the
    /// scope's own rows are <paramref name="scopeRows"/> (read here when null), so its rank is that of the figures
    /// its own briefing prints. Null for a scope with no parent or no peer.
    /// </summary>
    public static async Task<Standing?> StandingAsync(
        AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, IReadOnlyList<PlanRow>? scopeRows = null, CancellationToken ct = default)
    {
        if (scope.ParentId is not { } parentId || tree.Subtree(parentId).Count(id => tree[id].Kind == scope.Kind) < 2)
        {
            return null;
        }

        var parent = tree[parentId];
        var own = scopeRows ?? (await PeriodClosing.RowsAsync(db, tree, scope, year, asOf, ct)).Rows;
        var inScope = tree.Subtree(scope.Id).ToHashSet();
        var peerRows = (await PeriodClosing.RowsAsync(db, tree, parent, year, asOf, ct)).Rows.Where(r => !inScope.Contains(r.UnitId)).Concat(own);
        var groups = Ranking.Groups(tree, parent.Id, scope.Kind);
        var peers = FiguresEngine.ByUnit(peerRows, year, asOf, id => groups.TryGetValue(id, out var g) ? g : null);
        return Ranking.StandingOf(scope.Id, scope.Kind, parent.Name, parent.Kind, peers);
    }

    /// <summary>How many projects' buildings a briefing describes; the pages show all.</summary>
    public const int StageProgressNamed = 10;

    /// <summary>"形象进度方面，中电阳泉数字经济产业园项目A地块5栋楼完成封顶，4栋楼正在进行主体施工；……。"</summary>
    public static string? StageProgress(IReadOnlyList<PlanRow> rows, IReadOnlyDictionary<int, string> rollups)
    {
        var named = rows.Where(r => rollups.ContainsKey(r.ProjectId)).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            return null;
        }

        var parts = named.Take(StageProgressNamed).Select(r => r.Name + rollups[r.ProjectId]);
        var rest = named.Count > StageProgressNamed ? $"等{named.Count}个项目" : "";
        return $"形象进度方面，{string.Join("；", parts)}{rest}。";
    }

    /// <summary>"更正说明：…已关账，以上为原报数据。更正后，已开工项目45个（原报44个）…"; null when nothing differs.</summary>
    public static string? Restatement(ScopeFigures reported, ScopeFigures corrected, Period period)
    {
        var changes = new List<string>();
        void Count(string what, int before, int after, string unit)
        {
            if (before != after)
            {
                changes.Add($"{what}{after}{unit}（原报{before}{unit}）");
            }
        }

        void Amount(string what, Money before, Money after)
        {
            if (before != after)
            {
                changes.Add($"{what}{after}（原报{before}）");
            }
        }

        Count("谋划实施项目", reported.Planned, corrected.Planned, "个");
        Amount("总投资", reported.TotalInvestment, corrected.TotalInvestment);
        Amount("年度计划投资", reported.AnnualPlan, corrected.AnnualPlan);
        Count("已开工项目", reported.Started, corrected.Started, "个");
        Count("复工项目", reported.Resumed, corrected.Resumed, "个");
        Count("新开工项目", reported.NewlyStarted, corrected.NewlyStarted, "个");
        Amount("完成投资", reported.CompletedInvestment, corrected.CompletedInvestment);
        if (reported.CompletionRate?.Rounded != corrected.CompletionRate?.Rounded)
        {
            changes.Add($"投资完成率{ChineseFormat.Percent(corrected.CompletionRate)}（原报{ChineseFormat.Percent(reported.CompletionRate)}）");
        }

        return changes.Count == 0
            ? null
            : $"更正说明：{period.Year}年{period.Month}月已关账，以上为原报数据。经更正，{string.Join("，", changes)}。";
    }

    /// <summary>A level filter from a code or Chinese name (provincial, 省级重点 …), or a clear refusal.</summary>
    public static ProjectLevels ParseLevel(string text) =>
        ProjectVocabulary.ParseLevel(text)
        ?? throw new DomainException(
            new($"项目级别“{text}”无效：可用 provincial、municipal、zone、ordinary 或 省级重点、市级重点、区级、一般", $"The level \"{text}\" is not valid: use provincial, municipal, zone, ordinary or 省级重点, 市级重点, 区级, 一般"),
            "level");
}
