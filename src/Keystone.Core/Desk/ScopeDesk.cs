using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Periods;
using Keystone.Core.Problems;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>The plan rows of a scope as of a date: the frozen ones when the month is closed, with the live ones when they differ (the restatement).</summary>
public sealed record ScopeRows(IReadOnlyList<PlanRow> Rows, ClosedPeriod? Closed, IReadOnlyList<PlanRow>? Live);

/// <summary>A scope's figures as of a date, frozen when the month is closed, with the corrected figures when they differ.</summary>
public sealed record ScopeFiguresResult(ScopeFigures Figures, ScopeFigures? Restated, ClosedMonth? Closed);

/// <summary>
/// A scope's figures for a page (the cockpit): the rows, the figures of the scope, its key lists and its
/// children, the lights — the briefing's input without its problems, factors and stages — and the corrected
/// figures when a closed month was corrected since.
/// </summary>
public sealed record ScopeBoard(ScopeRows Rows, BriefingInput Figures, ScopeFigures? Corrected);

/// <summary>
/// A scope's board from its kept sums (ADR 0015), without reading a row: the figures of the scope, its key lists and
/// children (<see cref="Figures"/>, with no lights), by level and category, and month by month.
/// </summary>
public sealed record KeptBoard(BriefingInput Figures, IReadOnlyList<LevelFigures> Levels, IReadOnlyList<CategoryFigures> Categories, IReadOnlyList<MonthFigures> Months);

/// <summary>
/// A scope as it stood on a date, read once: everything the engines compute a briefing (or a page) from.
/// Plain data: the org tree, the plan rows (frozen when the month is closed) with their latest approved
/// reports, the closed month and the live rows when corrected since, the rules, the problems judged on
/// the day, the factor figures, the schedules' node reasons and the work items' stages — the closed
/// month's copies of these where it kept them (<see cref="ClosedFacts"/>).
/// </summary>
public sealed record ScopeSnapshot
{
    public required OrgTree Tree { get; init; }

    public required OrgUnitInfo Scope { get; init; }

    public required int Year { get; init; }

    public required DateOnly AsOf { get; init; }

    /// <summary>The rows the figures count: the frozen ones of a closed month.</summary>
    public required IReadOnlyList<PlanRow> Rows { get; init; }

    /// <summary>The figures of <see cref="Rows"/>, when already computed (for the targets): the draft counts them once.</summary>
    public ScopeFigures? Figures { get; init; }

    public ClosedPeriod? Closed { get; init; }

    /// <summary>The live rows of a closed month when they differ from the frozen ones.</summary>
    public IReadOnlyList<PlanRow>? Live { get; init; }

    public required RuleBook Rules { get; init; }

    /// <summary>The scope's problems (every unit below it), judged on the day.</summary>
    public required ProblemSummary Problems { get; init; }

    public required FactorFigures Factors { get; init; }

    /// <summary>The reasons each project's nodes give, judged by the project's own unit's rules.</summary>
    public required IReadOnlyDictionary<int, IReadOnlyList<LightReason>> NodeReasons { get; init; }

    /// <summary>Each project's buildings and plots, phrased ("A地块5栋楼完成封顶，…").</summary>
    public required IReadOnlyDictionary<int, string> Stages { get; init; }

    /// <summary>Where the scope stands among its parent's units of its kind; null with no parent or no peer.</summary>
    public Standing? Standing { get; init; }

    /// <summary>The scope's promotion figures (招商引资), read from the leads' dated stages.</summary>
    public Promotion.PromotionFigures? Promotion { get; init; }
    /// <summary>增速 against last year's same day and the scope's own targets for the year.</summary>
    public Targets.TargetStanding? Targets { get; init; }

    /// <summary>The latest 形象进度 of the started projects on the provincial and municipal lists.</summary>
    public IReadOnlyDictionary<int, string> Progress { get; init; } = new Dictionary<int, string>();

    /// <summary>The 集中开复工 events held by the scope's units in the year (a closed month: those recorded by its closing).</summary>
    public IReadOnlyList<Keystone.Core.Campaigns.StartEventFacts> Events { get; init; } = [];

    /// <summary>The campaigns the briefing tells of, judged on the day.</summary>
    public IReadOnlyList<Keystone.Core.Campaigns.CampaignProgress> Campaigns { get; init; } = [];
}

/// <summary>
/// The single door for reads of "a scope as of a date": the API, the pages and the CLI ask here for rows,
/// figures, a snapshot or a briefing, so every number a leader sees, anywhere, is computed the same way
/// from the same rows by the pure engines.
/// </summary>
public static class ScopeDesk
{
    /// <summary>
    /// The rows for a scope as of a date. When the month is closed the frozen rows are used (those of the
    /// scope's units), and the live rows come too if they differ, for the restatement.
    /// </summary>
    public static async Task<ScopeRows> RowsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var live = await FiguresData.ScopeRowsAsync(db, tree, scope, year, asOf, ct);
        if (asOf.Year != year || await PeriodClosing.CoveringAsync(db, tree, scope.Id, Period.Of(asOf), ct) is not { } closed)
        {
            return new ScopeRows(live, null, null);
        }

        var units = tree.Subtree(scope.Id).ToHashSet();
        var frozen = closed.Snapshot().Where(r => units.Contains(r.UnitId)).ToList();
        var same = frozen.Count == live.Count && frozen.OrderBy(r => r.ProjectId).SequenceEqual(live.OrderBy(r => r.ProjectId));
        return new ScopeRows(frozen, closed, same ? null : live);
    }

    /// <summary>
    /// The day a scope's data stands at for year <paramref name="year"/>, the date a desk opens at when none is
    /// asked for: today when the scope has approved reports of this month or the month before (it is being kept
    /// up); else the last day of the latest month with approved reports (a year whose reporting stopped, the
    /// demo); else today in the current year, the year's last day in a past one, its first in a future one.
    /// </summary>
    public static async Task<DateOnly> DataDateAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(scope);
        var fallback = year == today.Year ? today : year < today.Year ? new DateOnly(year, 12, 31) : new DateOnly(year, 1, 1);
        if (year > today.Year)
        {
            return fallback;
        }

        var (first, last) = (new Period(year, 1), year == today.Year ? Period.Of(today) : new Period(year, 12));
        var reports = db.ProgressReports.AsNoTracking().Where(r => r.Status == ReportStatus.Approved && r.Period >= first && r.Period <= last);
        if (!(scope.ParentId is null && tree.Roots.Count() == 1))
        {
            var units = tree.Subtree(scope.Id);
            reports = reports.Where(r => units.Contains(r.Project!.OrgUnitId));
        }

        var latest = await reports.OrderByDescending(r => r.Period).Select(r => r.Period).Take(1).ToListAsync(ct);
        if (latest.Count == 0)
        {
            return fallback;
        }

        return year == today.Year && latest[0] >= Period.Of(today).Previous ? today : latest[0].LastDay;
    }

    /// <summary>The figures of a scope (narrowed by <paramref name="filter"/>), with the corrected ones when a closed month was corrected since.</summary>
    public static async Task<ScopeFiguresResult> FiguresAsync(
        AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, PlanRowFilter? filter = null, CancellationToken ct = default)
    {
        // The scope's kept sums (ADR 0015), when the year has them and a slice answers the filter: in a closed month the
        // closing's sums, restated by the live ones when they differ; outside one the live sums.
        if (RollupSlice.Of(filter) is { } slice)
        {
            var closed = asOf.Year == year ? await PeriodClosing.CoveringMonthAsync(db, tree, scope.Id, Period.Of(asOf), ct) : null;
            if (await RollupData.FiguresAsync(db, scope.Id, year, asOf, slice, ct) is { } live)
            {
                if (closed is null)
                {
                    return new ScopeFiguresResult(live, null, null);
                }

                if (await ClosedRollupData.FiguresAsync(db, tree, closed, scope.Id, asOf, slice, ct) is { } frozen)
                {
                    return new ScopeFiguresResult(frozen, live != frozen ? live : null, closed);
                }
            }
        }

        return await PlainFiguresAsync(db, tree, scope, year, asOf, filter, ct);
    }

    /// <summary>The figures computed from every row of the scope, as <see cref="FiguresAsync"/> gives them (the rollups are checked against it).</summary>
    public static async Task<ScopeFiguresResult> PlainFiguresAsync(
        AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, PlanRowFilter? filter = null, CancellationToken ct = default)
    {
        var rows = await RowsAsync(db, tree, scope, year, asOf, ct);
        IEnumerable<PlanRow> Narrow(IEnumerable<PlanRow> r) => filter is null ? r : filter.Apply(r);
        var figures = FiguresEngine.Compute(Narrow(rows.Rows), year, asOf);
        var restated = rows.Live is { } live ? FiguresEngine.Compute(Narrow(live), year, asOf) : null;
        return new ScopeFiguresResult(figures, restated is not null && restated != figures ? restated : null, rows.Closed?.Month());
    }

    /// <summary>The scope's lights as of a date (through closed months), each project judged by its own unit's rules.</summary>
    public static async Task<IReadOnlyList<ProjectLight>> LightsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var rows = await RowsAsync(db, tree, scope, year, asOf, ct);
        return await LightsData.EvaluateAsync(db, tree, rows.Rows, year, asOf, rows.Closed?.Facts(), ct);
    }

    /// <summary>The figures and lights of a scope as of a date, for the pages that show figures (not a briefing).</summary>
    public static async Task<ScopeBoard> BoardAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var rows = await RowsAsync(db, tree, scope, year, asOf, ct);
        var lights = await LightsData.EvaluateAsync(db, tree, rows.Rows, year, asOf, rows.Closed?.Facts(), ct);
        var corrected = rows.Live is { } live ? FiguresEngine.Compute(live, year, asOf) : null;
        return new ScopeBoard(rows, BriefingInputs.Of(tree, scope, year, asOf, rows.Rows, lights), corrected);
    }

    /// <summary>A scope of more plan entries than this has its board from the kept sums (<see cref="KeptBoardAsync"/>): the nation's.</summary>
    public const int BoardRowsUpTo = 200_000;

    /// <summary>
    /// The board of a scope from its kept sums, as <see cref="BoardAsync"/> and the engines would compute it from the rows
    /// (figures, key lists, children ranked, by level and category, month by month), but with no light judged; null when
    /// the year has no rollups or the date is in a month closed for the scope (its frozen rows are the figures then).
    /// </summary>
    public static async Task<KeptBoard?> KeptBoardAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(scope);
        if (asOf.Year == year && await PeriodClosing.IsFrozenAsync(db, tree, scope.Id, Period.Of(asOf), ct)
            || await RollupData.SlicesAsync(db, scope.Id, year, ct) is not { } slices)
        {
            return null;
        }

        ScopeFigures Slice(int slice) => slices[slice].Figures(year, asOf);
        var levels = ProjectVocabulary.AllLevels.Select((level, i) => new LevelFigures(level, Slice(1 + i))).ToList();
        var categories = Enum.GetValues<ProjectCategory>().Select(c => new CategoryFigures(c, Slice(5 + (int)c))).ToList();
        IReadOnlyList<BriefingUnit> children = [];
        if (BriefingInputs.RanksChildren(scope.Kind)
            && await RollupData.PeersAsync(db, tree.ChildrenOf(scope.Id).Select(c => c.Id).ToList(), year, asOf, ct) is { } ranked)
        {
            children = ranked.Select(u => new BriefingUnit(tree[u.UnitId].Name, u)).ToList();
        }

        var figures = Slice(RollupSlice.All);
        var input = new BriefingInput
        {
            ScopeName = scope.Name,
            ShortName = BriefingInputs.ShortName(tree, scope),
            ScopeKind = scope.Kind,
            Year = year,
            AsOf = asOf,
            Figures = figures,
            Provincial = levels.Single(l => l.Level == ProjectLevels.Provincial).Figures,
            Municipal = levels.Single(l => l.Level == ProjectLevels.Municipal).Figures,
            Children = children,
        };
        return new KeptBoard(input, levels, categories, KeptMonths(slices[RollupSlice.All], figures, year, asOf));
    }

    /// <summary>
    /// The year's months up to the date from the scope's live kept sums, closed month or not; null when the year has no
    /// rollups. In a closed month they are the months of the frozen rows whenever those are the live rows (no
    /// restatement): the chart reads the approved reports of the same projects either way.
    /// </summary>
    public static async Task<IReadOnlyList<MonthFigures>?> KeptMonthsAsync(AppDbContext db, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return await RollupData.SlicesAsync(db, scope.Id, year, ct) is { } slices
            ? KeptMonths(slices[RollupSlice.All], slices[RollupSlice.All].Figures(year, asOf), year, asOf)
            : null;
    }

    /// <summary>The months of the year up to the date from kept sums, as <see cref="MonthlyInvestment.ByMonth"/> gives them from the rows.</summary>
    private static IReadOnlyList<MonthFigures> KeptMonths(FigureSums sums, ScopeFigures figures, int year, DateOnly asOf) =>
        figures.Planned == 0 ? [] : MonthlyInvestment.Months(year, asOf, (_, day) => sums.Figures(year, day));

    /// <summary>The scope's child units with their figures, ranked (the briefing's own 列第N位).</summary>
    public static async Task<IReadOnlyList<BriefingUnit>> ChildrenAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var rows = await RowsAsync(db, tree, scope, year, asOf, ct);
        return BriefingInputs.Children(tree, scope, rows.Rows, year, asOf);
    }

    /// <summary>The year's completed investment month by month for these rows (the cockpit's chart).</summary>
    public static async Task<IReadOnlyList<MonthFigures>> MonthsAsync(AppDbContext db, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, CancellationToken ct = default) =>
        MonthlyInvestment.ByMonth(rows, await FiguresData.MonthReportsAsync(db, rows, year, asOf, ct), year, asOf);

    /// <summary>
    /// Everything about a scope as of a date, read once, for the briefing. In a closed month with kept facts
    /// every input is the month's copy (rules, schedules, stages, factor sheets, the scope's standing) and
    /// problems are judged from their dated steps, so the briefing drafted later is the same, byte for byte.
    /// </summary>
    public static async Task<ScopeSnapshot> LoadAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var rows = await RowsAsync(db, tree, scope, year, asOf, ct);
        var facts = rows.Closed?.Facts();
        var rules = LightsData.RulesOf(tree, facts) ?? await LightsData.RulesAsync(db, tree, ct);
        var projectIds = rows.Rows.Select(r => r.ProjectId).ToHashSet();
        var sheets = facts?.Factors.Within(tree.Subtree(scope.Id).ToHashSet()) ?? await FactorData.ScopeSheetsAsync(db, tree, scope, ct);
        var figures = FiguresEngine.Compute(rows.Rows, year, asOf);
        return new ScopeSnapshot
        {
            Tree = tree,
            Scope = scope,
            Year = year,
            AsOf = asOf,
            Rows = rows.Rows,
            Figures = figures,
            Closed = rows.Closed,
            Live = rows.Live,
            Rules = rules,
            Problems = await ProblemData.SummaryAsync(db, tree, scope, year, asOf, rules, ct),
            Factors = sheets.Figures(asOf, rules),
            NodeReasons = await LightsData.NodeReasonsAsync(db, rows.Rows, rules, asOf, facts, ct),
            Stages = facts is null ? await ScheduleData.RollupsAsync(db, projectIds, ct) : facts.Stages.Where(s => projectIds.Contains(s.Key)).ToDictionary(),
            Standing = facts is not null && rows.Closed!.OrgUnitId == scope.Id ? facts.Standing : await StandingAsync(db, tree, scope, year, asOf, rows.Rows, ct),
            Promotion = await PromotionData.FiguresAsync(db, tree, scope, year, asOf, ct),
            Targets = await TargetData.StandingAsync(db, tree, scope, figures, ct),
            Progress = facts?.Progress is { } kept ? kept.Where(p => projectIds.Contains(p.Key)).ToDictionary() : await NarrativeData.ImageProgressAsync(db, rows.Rows, year, asOf, ct),
            Events = await CampaignData.EventsAsync(db, tree, scope, year, rows.Closed?.ClosedAt, ct),
            Campaigns = await CampaignData.BriefingAsync(db, tree, scope, year, asOf, rules, facts?.Campaigns, ct),
        };
    }

    /// <summary>
    /// What a month closed for <paramref name="scope"/> keeps besides its rows (<paramref name="rows"/>, as of the
    /// month's end <paramref name="asOf"/>): the rules, the schedules, the stages and the factor sheets as they
    /// are now, and the scope's standing among its peers.
    /// </summary>
    public static async Task<ClosedFacts> FactsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, DateOnly asOf, IReadOnlyList<PlanRow> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var rules = await LightsData.RulesAsync(db, tree, ct);
        var kept = tree.Subtree(scope.Id).ToHashSet();
        for (var up = scope.ParentId; up is { } id; up = tree[id].ParentId)
        {
            kept.Add(id);
        }

        var projectIds = rows.Select(r => r.ProjectId).Distinct().ToList();
        return new ClosedFacts
        {
            Rules = rules.Sets.Where(s => kept.Contains(s.Key)).ToDictionary(),
            Schedules = await ScheduleData.PlansAsync(db, projectIds, ct),
            Stages = await ScheduleData.RollupsAsync(db, projectIds, ct),
            Factors = await FactorData.ScopeSheetsAsync(db, tree, scope, ct),
            Standing = await StandingAsync(db, tree, scope, asOf.Year, asOf, rows, ct),
            Progress = await NarrativeData.ImageProgressAsync(db, rows, asOf.Year, asOf, ct),
            Campaigns = await CampaignData.KeptAsync(db, tree, scope, ct),
        };
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
        if (RankedAmong(tree, scope) is not { } parent)
        {
            return null;
        }

        // Outside a closed month every row is live, so each peer's figures are its kept sums (ADR 0015): a few rows
        // read instead of the parent's every plan row (a city's thousands, for a zone's figures and briefing).
        if ((asOf.Year != year || !await PeriodClosing.IsFrozenAsync(db, tree, scope.Id, Period.Of(asOf), ct))
            && await RollupData.PeersAsync(db, Ranking.Groups(tree, parent.Id, scope.Kind).Values.Distinct().ToList(), year, asOf, ct) is { } kept)
        {
            return Ranking.StandingOf(scope.Id, scope.Kind, parent.Name, parent.Kind, kept);
        }

        return await PlainStandingAsync(db, tree, scope, year, asOf, scopeRows, ct);
    }

    /// <summary>The parent the scope is ranked among, or null when it has none or no peer of its kind there.</summary>
    private static OrgUnitInfo? RankedAmong(OrgTree tree, OrgUnitInfo scope) =>
        scope.ParentId is { } parentId && tree.Subtree(parentId).Count(id => tree[id].Kind == scope.Kind) >= 2 ? tree[parentId] : null;

    /// <summary>The standing computed from the parent's rows, as <see cref="StandingAsync"/> gives it (the kept path is checked against it).</summary>
    public static async Task<Standing?> PlainStandingAsync(
        AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, IReadOnlyList<PlanRow>? scopeRows = null, CancellationToken ct = default)
    {
        if (RankedAmong(tree, scope) is not { } parent)
        {
            return null;
        }

        var own = scopeRows ?? (await RowsAsync(db, tree, scope, year, asOf, ct)).Rows;
        var inScope = tree.Subtree(scope.Id).ToHashSet();
        var peerRows = (await RowsAsync(db, tree, parent, year, asOf, ct)).Rows.Where(r => !inScope.Contains(r.UnitId)).Concat(own);
        var groups = Ranking.Groups(tree, parent.Id, scope.Kind);
        var peers = FiguresEngine.ByUnit(peerRows, year, asOf, id => groups.TryGetValue(id, out var g) ? g : null);
        return Ranking.StandingOf(scope.Id, scope.Kind, parent.Name, parent.Kind, peers);
    }

    /// <summary>The briefing of a scope as of a date: the snapshot, and every sentence <see cref="BriefingWriter"/> writes from it.</summary>
    public static async Task<DraftedBriefing> BriefingAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default) =>
        Draft(await LoadAsync(db, tree, scope, year, asOf, ct));

    /// <summary>The briefing of a snapshot (pure): the lights composed once, the input worded by the writer.</summary>
    public static DraftedBriefing Draft(ScopeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var (tree, scope, year, asOf, rows) = (snapshot.Tree, snapshot.Scope, snapshot.Year, snapshot.AsOf, snapshot.Rows);
        // The lights count the nodes and the overdue problems (judged once, for the 问题督办 paragraph too).
        var lights = ProjectLights.Compose(rows, year, asOf, snapshot.Rules, snapshot.NodeReasons, snapshot.Problems.OverdueProblems);
        var input = BriefingInputs.Of(tree, scope, year, asOf, rows, lights, snapshot.Figures) with
        {
            Standing = snapshot.Standing,
            Problems = snapshot.Problems,
            Factors = snapshot.Factors,
            Stages = rows.Where(r => snapshot.Stages.ContainsKey(r.ProjectId)).Select(r => new ProjectStages(r.Code, r.Name, snapshot.Stages[r.ProjectId])).ToList(),
            ClosedPeriod = snapshot.Closed?.Period,
            Corrected = snapshot.Live is { } live ? FiguresEngine.Compute(live, year, asOf) : null,
            Promotion = snapshot.Promotion,
            Targets = snapshot.Targets,
            ListProjects = BriefingInputs.ListProjects(rows, year, asOf, snapshot.Progress),
            ConcurrentStarts = Keystone.Core.Campaigns.StartEvents.Recorded(snapshot.Events, rows, year, asOf, scope.Id),
            Campaigns = snapshot.Campaigns,
        };
        return new DraftedBriefing(input, BriefingWriter.Write(input), snapshot.Closed, tree) { Rows = rows };
    }
}
