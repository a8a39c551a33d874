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
    public static async Task<IReadOnlyList<PlanRow>> RowsAsync(AppDbContext db, IReadOnlyCollection<int>? unitIds, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var plans = db.AnnualPlans.AsNoTracking().Where(a => a.Year == year);
        if (unitIds is not null)
        {
            plans = plans.Where(a => unitIds.Contains(a.Project!.OrgUnitId));
        }

        // A phased or packaged project counts once: its parts, or itself when none of them is in the plan.
        return FiguresEngine.CountOnce(await RowsAsync(db, plans, year, asOf, ct));
    }

    /// <summary>The plan rows of the scope and everything below it (the whole province's without narrowing when it is the one root).</summary>
    public static Task<IReadOnlyList<PlanRow>> ScopeRowsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default) =>
        RowsAsync(db, scope.ParentId is null && tree.Roots.Count() == 1 ? null : tree.Subtree(scope.Id), year, asOf, ct);

    /// <summary>
    /// The year-to-date investment of every report of these rows' projects in year Y up to the as-of month
    /// (any status, as the cockpit's chart has always read them), for <see cref="MonthlyInvestment.ByMonth"/>.
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
            .Where(r => ids.Contains(r.ProjectId) && r.Period >= first && r.Period <= last)
            .Select(r => new { r.ProjectId, r.Period, r.YearToDate })
            .ToListAsync(ct);
        return reports.Select(r => new MonthReport(r.ProjectId, r.Period, r.YearToDate)).ToList();
    }

    /// <summary>
    /// The rows of just these projects (a page of the ledger, one project's page), read the same way, so a
    /// light shown beside one project is the light the scope's figures give it.
    /// </summary>
    public static async Task<IReadOnlyList<PlanRow>> ProjectRowsAsync(AppDbContext db, IReadOnlyCollection<int> projectIds, int year, DateOnly asOf, CancellationToken ct = default) =>
        projectIds.Count == 0 ? [] : await RowsAsync(db, db.AnnualPlans.AsNoTracking().Where(a => a.Year == year && projectIds.Contains(a.ProjectId)), year, asOf, ct);

    /// <summary>
    /// The months of year Y whose reports count as of <paramref name="asOf"/>: January up to the as-of month
    /// (all of Y once it is over); before Y starts, an empty range (December .. January).
    /// </summary>
    public static (Period First, Period Last) ReportWindow(int year, DateOnly asOf)
    {
        var from = new Period(year, 1);
        return asOf.Year > year ? (from, new Period(year, 12)) : asOf.Year < year ? (new Period(year, 12), from) : (from, Period.Of(asOf));
    }

    private static async Task<IReadOnlyList<PlanRow>> RowsAsync(AppDbContext db, IQueryable<AnnualPlan> plans, int year, DateOnly asOf, CancellationToken ct)
    {
        var (first, last) = ReportWindow(year, asOf);
        var rows = await plans
            .Select(a => new
            {
                a.ProjectId,
                a.Project!.Code,
                a.Project.Name,
                a.Project.OrgUnitId,
                a.Project.ParentId,
                a.Project.Levels,
                a.Project.Category,
                a.Project.IndustryChain,
                a.Nature,
                a.Project.TotalInvestment,
                a.PlannedInvestment,
                a.PlannedStart,
                a.StartDate,
                a.Project.ActualStart,
                YearToDate = db.ProgressReports
                    .Where(r => r.ProjectId == a.ProjectId && r.Period >= first && r.Period <= last && r.Status == ReportStatus.Approved)
                    .OrderByDescending(r => r.Period)
                    .Select(r => (long?)EF.Property<long>(r, nameof(ProgressReport.YearToDate)))
                    .FirstOrDefault(),
                SigningTarget = db.Leads.Any(l => l.ProjectId == a.ProjectId && l.SignedOn == null && l.State != Promotion.LeadState.Terminated),
            })
            .ToListAsync(ct);

        return rows.Select(r => new PlanRow
        {
            ProjectId = r.ProjectId,
            Code = r.Code,
            Name = r.Name,
            UnitId = r.OrgUnitId,
            ParentId = r.ParentId,
            Levels = r.Levels,
            Category = r.Category,
            IndustryChain = r.IndustryChain,
            Nature = r.Nature,
            TotalInvestment = r.TotalInvestment,
            PlannedInvestment = r.PlannedInvestment,
            PlannedStart = r.PlannedStart,
            StartDate = r.StartDate,
            ActualStart = r.ActualStart,
            YearToDate = r.YearToDate is { } fen ? Money.FromFen(fen) : null,
            SigningTarget = r.SigningTarget,
        }).ToList();
    }
}
