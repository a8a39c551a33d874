using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// Reads the plan rows the figures engine needs, straight from the database: one row per entry in year
/// Y's plan within a scope, with the year-to-date investment of its latest report of year Y whose month is
/// on or before the as-of date's month (a report is dated by its month) that the zone has approved (a
/// reporter's pending report does not count yet). Everything else is the engine's.
/// </summary>
public static class FiguresData
{
    /// <summary>The rows of the projects in <paramref name="unitIds"/> (all units when null).</summary>
    public static Task<IReadOnlyList<PlanRow>> RowsAsync(AppDbContext db, IReadOnlyCollection<int>? unitIds, int year, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RowsAsync(db, unitIds, year, asOf, Parts(db, unitIds), ct);
    }

    /// <summary>
    /// The rows of the projects in <paramref name="unitIds"/>, read in <paramref name="parts"/> parts at once (null: one query);
    /// on SQLite through EF's materializer when <paramref name="throughEf"/> (tests compare it with <see cref="SqliteCursor"/>'s).
    /// </summary>
    internal static async Task<IReadOnlyList<PlanRow>> RowsAsync(
        AppDbContext db, IReadOnlyCollection<int>? unitIds, int year, DateOnly asOf, int? parts, CancellationToken ct, bool throughEf = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        IQueryable<AnnualPlan> Plans(AppDbContext context)
        {
            var plans = context.AnnualPlans.AsNoTracking().Where(a => a.Year == year);
            return unitIds is null ? plans : plans.Where(a => unitIds.Contains(a.Project!.OrgUnitId));
        }

        // A phased or packaged project counts once: its parts, or itself when none of them is in the plan.
        return FiguresEngine.CountOnce(parts is { } count
            ? await PartedRowsAsync(db, count, Plans, year, asOf, throughEf, ct)
            : await RowsAsync(db, Plans(db), year, asOf, throughEf, ct));
    }

    /// <summary>
    /// Into how many parts a scope's rows are read at once, each on its own connection (null: one query on the
    /// context's own). Reading a row costs more than finding it — on SQLite most of a province's time goes to taking
    /// 16 columns of 100,000 rows out of the provider — so a scope of many units (a province, the whole database) is
    /// read in as many parts as there are cores, up to four; a zone's or a city's few thousand rows are one query, as
    /// two more connections would cost them more than they save. Never inside a transaction, whose uncommitted rows
    /// another connection would not see, nor on a connection its caller holds open (an in-memory SQLite database
    /// lives only on its own connection).
    /// </summary>
    private static int? Parts(AppDbContext db, IReadOnlyCollection<int>? unitIds) =>
        Cores.Parts is var parts and >= 2
            && (unitIds is null || unitIds.Count >= PartedUnits)
            && db.Database.CurrentTransaction is null
            && db.Database.GetDbConnection() is var connection && connection.State != System.Data.ConnectionState.Open
            ? parts
            : null;

    /// <summary>How many units a scope spans before its rows are read in parts (more than a city with its zones and parks).</summary>
    private const int PartedUnits = 32;

    /// <summary>
    /// The rows read in <paramref name="parts"/> parts, each the plans of an even range of the database's project ids, on
    /// a context of its own; part after part, each in its query's order (as one query, the rows come in no set order).
    /// </summary>
    private static async Task<IReadOnlyList<PlanRow>> PartedRowsAsync(
        AppDbContext db, int parts, Func<AppDbContext, IQueryable<AnnualPlan>> plans, int year, DateOnly asOf, bool throughEf, CancellationToken ct)
    {
        if (await db.Projects.MinAsync(p => (int?)p.Id, ct) is not { } first || await db.Projects.MaxAsync(p => (int?)p.Id, ct) is not { } last)
        {
            return [];
        }

        var span = (long)last - first + 1;
        var read = Enumerable.Range(0, parts).Select(part => Task.Run(
            async () =>
            {
                var (from, to) = ((int)(first + (span * part / parts)), (int)(first + (span * (part + 1) / parts)));
                await using var context = db.Sibling();
                return await RowsAsync(context, plans(context).Where(a => a.ProjectId >= from && a.ProjectId < to), year, asOf, throughEf, ct);
            },
            ct));
        return (await Task.WhenAll(read)).SelectMany(r => r).ToList();
    }

    /// <summary>The plan rows of the scope and everything below it (the whole province's without narrowing when it is the one root).</summary>
    public static Task<IReadOnlyList<PlanRow>> ScopeRowsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default) =>
        RowsAsync(db, scope.ParentId is null && tree.Roots.Count() == 1 ? null : tree.Subtree(scope.Id), year, asOf, ct);

    /// <summary>
    /// The year-to-date investment of every approved report of these rows' projects in year Y up to the as-of month, for
    /// <see cref="MonthlyInvestment.ByMonth"/>: the reports the figures count, so the chart's last month is the figures'
    /// 完成投资 (a report filed but not yet approved counts in neither).
    /// </summary>
    public static async Task<IReadOnlyList<MonthReport>> MonthReportsAsync(AppDbContext db, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (asOf.Year < year || rows.Count == 0)
        {
            return [];
        }

        var first = new Period(year, 1);
        var last = asOf.Year > year ? new Period(year, 12) : Period.Of(asOf);
        var ids = rows.Select(r => r.ProjectId).ToList();
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(r => ids.Contains(r.ProjectId) && r.Status == ReportStatus.Approved && r.Period >= first && r.Period <= last)
            .Select(r => new { r.ProjectId, r.Period, r.YearToDate })
            .ToListAsync(ct);
        return reports.Select(r => new MonthReport(r.ProjectId, r.Period, r.YearToDate)).ToList();
    }

    /// <summary>
    /// The rows of just these projects (a page of the ledger, one project's page), read the same way, so a
    /// light shown beside one project is the light the scope's figures give it.
    /// </summary>
    public static async Task<IReadOnlyList<PlanRow>> ProjectRowsAsync(AppDbContext db, IReadOnlyCollection<int> projectIds, int year, DateOnly asOf, CancellationToken ct = default) =>
        projectIds.Count == 0 ? [] : await RowsAsync(db, db.AnnualPlans.AsNoTracking().Where(a => a.Year == year && projectIds.Contains(a.ProjectId)), year, asOf, throughEf: false, ct);

    /// <summary>
    /// The months of year Y whose reports count as of <paramref name="asOf"/>: January up to the as-of month
    /// (all of Y once it is over); before Y starts, an empty range (December .. January).
    /// </summary>
    public static (Period First, Period Last) ReportWindow(int year, DateOnly asOf)
    {
        var from = new Period(year, 1);
        return asOf.Year > year ? (from, new Period(year, 12)) : asOf.Year < year ? (new Period(year, 12), from) : (from, Period.Of(asOf));
    }

    /// <summary>
    /// The reports that count for year Y as of <paramref name="asOf"/>: approved, in <see cref="ReportWindow"/>.
    /// A project's completed investment, cumulative and 形象进度 are read from the latest of these (highest period);
    /// the ledger's columns and 合计 read the same report, so they cannot disagree with the figures.
    /// </summary>
    public static IQueryable<ProgressReport> CountedReports(AppDbContext db, int year, DateOnly asOf)
    {
        var (first, last) = ReportWindow(year, asOf);
        return db.ProgressReports.Where(r => r.Period >= first && r.Period <= last && r.Status == ReportStatus.Approved);
    }

    /// <summary>
    /// The rows of these plans. On SQLite they are taken straight from the statement (<see cref="SqliteCursor"/>): EF's
    /// materializer and the ADO.NET reader cost a province's rows more than SQLite takes to find them.
    /// </summary>
    private static async Task<IReadOnlyList<PlanRow>> RowsAsync(AppDbContext db, IQueryable<AnnualPlan> plans, int year, DateOnly asOf, bool throughEf, CancellationToken ct) =>
        db.Database.IsSqlite() && !throughEf
            ? await SqliteCursor.ReadAsync(db, Stored(db, plans, year, asOf), cursor => StoredRow.Reader(db, cursor), ct)
            : (await Stored(db, plans, year, asOf).ToListAsync(ct)).Select(r => r.ToPlanRow()).ToList();

    /// <summary>The plan rows as stored: each plan with its project's columns and its latest counted report's year to date.</summary>
    private static IQueryable<StoredRow> Stored(AppDbContext db, IQueryable<AnnualPlan> plans, int year, DateOnly asOf)
    {
        var counted = CountedReports(db, year, asOf);
        return plans.Select(a => new StoredRow
        {
            ProjectId = a.ProjectId,
            Code = a.Project!.Code,
            Name = a.Project.Name,
            OrgUnitId = a.Project.OrgUnitId,
            ParentId = a.Project.ParentId,
            Levels = a.Project.Levels,
            Category = a.Project.Category,
            IndustryChain = a.Project.IndustryChain,
            Nature = a.Nature,
            TotalInvestment = a.Project.TotalInvestment,
            PlannedInvestment = a.PlannedInvestment,
            PlannedStart = a.PlannedStart,
            StartDate = a.StartDate,
            ActualStart = a.Project.ActualStart,
            YearToDate = counted
                .Where(r => r.ProjectId == a.ProjectId)
                .OrderByDescending(r => r.Period)
                .Select(r => (long?)EF.Property<long>(r, nameof(ProgressReport.YearToDate)))
                .FirstOrDefault(),
            SigningTarget = db.Leads.Any(l => l.ProjectId == a.ProjectId && l.SignedOn == null && l.State != Promotion.LeadState.Terminated),
        });
    }

    /// <summary>A plan row as the query returns it (money in fen as stored for the report's year to date).</summary>
    private sealed class StoredRow
    {
        public int ProjectId { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public int OrgUnitId { get; init; }
        public int? ParentId { get; init; }
        public ProjectLevels Levels { get; init; }
        public ProjectCategory Category { get; init; }
        public string? IndustryChain { get; init; }
        public Nature Nature { get; init; }
        public Money TotalInvestment { get; init; }
        public Money PlannedInvestment { get; init; }
        public DateOnly? PlannedStart { get; init; }
        public DateOnly? StartDate { get; init; }
        public DateOnly? ActualStart { get; init; }
        public long? YearToDate { get; init; }
        public bool SigningTarget { get; init; }

        public PlanRow ToPlanRow() => new()
        {
            ProjectId = ProjectId,
            Code = Code,
            Name = Name,
            UnitId = OrgUnitId,
            ParentId = ParentId,
            Levels = Levels,
            Category = Category,
            IndustryChain = IndustryChain,
            Nature = Nature,
            TotalInvestment = TotalInvestment,
            PlannedInvestment = PlannedInvestment,
            PlannedStart = PlannedStart,
            StartDate = StartDate,
            ActualStart = ActualStart,
            YearToDate = YearToDate is { } fen ? Money.FromFen(fen) : null,
            SigningTarget = SigningTarget,
        };

        /// <summary>Reads a row from SQLite's statement as EF would materialize it (enums as their stored text or number, money in fen).</summary>
        public static Func<PlanRow> Reader(AppDbContext db, SqliteCursor c)
        {
            var project = db.Model.FindEntityType(typeof(Project))!;
            var category = new EnumColumn<ProjectCategory>(project.FindProperty(nameof(Project.Category))!);
            var nature = new EnumColumn<Nature>(db.Model.FindEntityType(typeof(AnnualPlan))!.FindProperty(nameof(AnnualPlan.Nature))!);
            var (id, code, name, unit, parent, levels, cat, chain, nat, total, planned, plannedStart, start, actual, ytd, signing) = (
                c.Ordinal(nameof(ProjectId)), c.Ordinal(nameof(Code)), c.Ordinal(nameof(Name)), c.Ordinal(nameof(OrgUnitId)), c.Ordinal(nameof(ParentId)),
                c.Ordinal(nameof(Levels)), c.Ordinal(nameof(Category)), c.Ordinal(nameof(IndustryChain)), c.Ordinal(nameof(Nature)), c.Ordinal(nameof(TotalInvestment)),
                c.Ordinal(nameof(PlannedInvestment)), c.Ordinal(nameof(PlannedStart)), c.Ordinal(nameof(StartDate)), c.Ordinal(nameof(ActualStart)),
                c.Ordinal(nameof(YearToDate)), c.Ordinal(nameof(SigningTarget)));
            return () => new PlanRow
            {
                ProjectId = c.Int32(id),
                Code = c.Text(code),
                Name = c.Text(name),
                UnitId = c.Int32(unit),
                ParentId = c.NullableInt32(parent),
                Levels = (ProjectLevels)c.Int32(levels),
                Category = c.Enum(cat, category),
                IndustryChain = c.NullableText(chain),
                Nature = c.Enum(nat, nature),
                TotalInvestment = Money.FromFen(c.Int64(total)),
                PlannedInvestment = Money.FromFen(c.Int64(planned)),
                PlannedStart = c.NullableDate(plannedStart),
                StartDate = c.NullableDate(start),
                ActualStart = c.NullableDate(actual),
                YearToDate = c.NullableInt64(ytd) is { } fen ? Money.FromFen(fen) : null,
                SigningTarget = c.Boolean(signing),
            };
        }
    }
}
