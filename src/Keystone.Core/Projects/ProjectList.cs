using Keystone.Core.Data;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Projects;

public enum ProjectSort
{
    Code,
    Name,
    Unit,
    TotalInvestment,
    AnnualPlan,
    Status,
}

/// <summary>The ledger page's filters over year Y's plan: unset parts match everything.</summary>
public sealed record ProjectListQuery
{
    public required int Year { get; init; }

    /// <summary>The units whose projects are listed; null for every project the caller may see.</summary>
    public IReadOnlyCollection<int>? UnitIds { get; init; }

    public ProjectLevels? Levels { get; init; }

    public ProjectCategory? Category { get; init; }

    public string? IndustryChain { get; init; }

    public Nature? Nature { get; init; }

    public ProjectStatus? Status { get; init; }

    /// <summary>Only these projects (those with a given light, which only the engine can tell).</summary>
    public IReadOnlyCollection<int>? ProjectIds { get; init; }

    /// <summary>Part of the name or the code.</summary>
    public string? Search { get; init; }

    public ProjectSort Sort { get; init; } = ProjectSort.Code;

    public bool Descending { get; init; }
}

/// <summary>The 合计 of a filtered ledger; the completion rate is of the sums (Σ本年完成 / Σ年度计划), never an average of rates.</summary>
public sealed record ProjectListTotals(int Count, Money TotalInvestment, Money AnnualPlan, Money YearToDate, Money Cumulative)
{
    public Percent? CompletionRate => Percent.Of(YearToDate, AnnualPlan);
}

/// <summary>A ledger line's further columns of the standard template (dates, people, the report's cumulative and 形象进度).</summary>
public sealed record ProjectListDetails(
    int ProjectId, string? Enterprise, DateOnly? PlannedStart, DateOnly? ActualStart, DateOnly? StartDate, bool StartDateApproximate,
    DateOnly? PlannedCompletion, string? Leader, string? ResponsibleUnit, Money? Cumulative, string? ImageProgress);

/// <summary>One line of the ledger: the project and its entry in year Y's plan.</summary>
public sealed record ProjectListItem(
    int ProjectId, string Code, string Name, int UnitId, string UnitName, ProjectLevels Levels, ProjectCategory Category,
    string? IndustryChain, ProjectStatus Status, Nature Nature, Money TotalInvestment, Money AnnualPlan);

/// <summary>
/// The ledger as a page of a filtered, sorted list, counted and paged in SQL so a province of 100,000
/// projects costs one count and one page. Starts from the projects the caller may see.
/// </summary>
public static class ProjectList
{
    public static IQueryable<ProjectListItem> Query(AppDbContext db, IQueryable<Project> visible, ProjectListQuery q)
    {
        var rows = Filtered(db, visible, q);
        rows = (q.Sort, q.Descending) switch
        {
            (ProjectSort.Name, false) => rows.OrderBy(x => x.P.Name).ThenBy(x => x.P.Code),
            (ProjectSort.Name, true) => rows.OrderByDescending(x => x.P.Name).ThenBy(x => x.P.Code),
            (ProjectSort.Unit, false) => rows.OrderBy(x => x.P.Unit!.Name).ThenBy(x => x.P.Code),
            (ProjectSort.Unit, true) => rows.OrderByDescending(x => x.P.Unit!.Name).ThenBy(x => x.P.Code),
            (ProjectSort.TotalInvestment, false) => rows.OrderBy(x => x.P.TotalInvestment).ThenBy(x => x.P.Code),
            (ProjectSort.TotalInvestment, true) => rows.OrderByDescending(x => x.P.TotalInvestment).ThenBy(x => x.P.Code),
            (ProjectSort.AnnualPlan, false) => rows.OrderBy(x => x.A.PlannedInvestment).ThenBy(x => x.P.Code),
            (ProjectSort.AnnualPlan, true) => rows.OrderByDescending(x => x.A.PlannedInvestment).ThenBy(x => x.P.Code),
            (ProjectSort.Status, false) => rows.OrderBy(x => x.P.Status).ThenBy(x => x.P.Code),
            (ProjectSort.Status, true) => rows.OrderByDescending(x => x.P.Status).ThenBy(x => x.P.Code),
            (ProjectSort.Code, false) => rows.OrderBy(x => x.P.Code),
            (ProjectSort.Code, true) => rows.OrderByDescending(x => x.P.Code),
        };

        return rows.Select(x => new ProjectListItem(
            x.P.Id, x.P.Code, x.P.Name, x.P.OrgUnitId, x.P.Unit!.Name, x.P.Levels, x.P.Category,
            x.P.IndustryChain, x.P.Status, x.A.Nature, x.P.TotalInvestment, x.A.PlannedInvestment));
    }

    /// <summary>
    /// The 合计 row of a filtered ledger: sums over every project the filters match (not one page), the
    /// completed investment read as the figures read it (<see cref="Desk.FiguresData"/>: the latest approved
    /// report of year Y up to the as-of month). Projected and summed here, not in SQL, so both providers agree.
    /// </summary>
    public static async Task<ProjectListTotals> TotalsAsync(AppDbContext db, IQueryable<Project> visible, ProjectListQuery q, DateOnly asOf, CancellationToken ct = default)
    {
        var (first, last) = Desk.FiguresData.ReportWindow(q.Year, asOf);
        var rows = await Filtered(db, visible, q)
            .Select(x => new
            {
                x.P.TotalInvestment,
                x.A.PlannedInvestment,
                YearToDate = db.ProgressReports
                    .Where(r => r.ProjectId == x.P.Id && r.Period >= first && r.Period <= last && r.Status == ReportStatus.Approved)
                    .OrderByDescending(r => r.Period)
                    .Select(r => (long?)EF.Property<long>(r, nameof(ProgressReport.YearToDate)))
                    .FirstOrDefault(),
                Cumulative = db.ProgressReports
                    .Where(r => r.ProjectId == x.P.Id && r.Period >= first && r.Period <= last && r.Status == ReportStatus.Approved)
                    .OrderByDescending(r => r.Period)
                    .Select(r => (long?)EF.Property<long>(r, nameof(ProgressReport.Cumulative)))
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new ProjectListTotals(
            rows.Count,
            Money.Sum(rows.Select(r => r.TotalInvestment)),
            Money.Sum(rows.Select(r => r.PlannedInvestment)),
            Money.FromFen(rows.Sum(r => r.YearToDate ?? 0)),
            Money.FromFen(rows.Sum(r => r.Cumulative ?? 0)));
    }

    /// <summary>
    /// The standard template's further columns for one page of the ledger: the project's own facts, its plan
    /// entry's dates, and the cumulative investment and 形象进度 of the same report the year-to-date figure comes from.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, ProjectListDetails>> DetailsAsync(AppDbContext db, IReadOnlyCollection<int> projectIds, int year, DateOnly asOf, CancellationToken ct = default)
    {
        if (projectIds.Count == 0)
        {
            return new Dictionary<int, ProjectListDetails>();
        }

        var (first, last) = Desk.FiguresData.ReportWindow(year, asOf);
        var rows = await db.AnnualPlans.AsNoTracking()
            .Where(a => a.Year == year && projectIds.Contains(a.ProjectId))
            .Select(a => new
            {
                a.ProjectId,
                Enterprise = a.Project!.Enterprise == null ? null : a.Project.Enterprise.Name,
                a.PlannedStart,
                a.Project.ActualStart,
                a.StartDate,
                a.StartDateApproximate,
                a.Project.PlannedCompletion,
                a.Project.ResponsibleLeader,
                a.Project.ResponsibleUnit,
                Cumulative = db.ProgressReports
                    .Where(r => r.ProjectId == a.ProjectId && r.Period >= first && r.Period <= last && r.Status == ReportStatus.Approved)
                    .OrderByDescending(r => r.Period)
                    .Select(r => (long?)EF.Property<long>(r, nameof(ProgressReport.Cumulative)))
                    .FirstOrDefault(),
                ImageProgress = db.ProgressReports
                    .Where(r => r.ProjectId == a.ProjectId && r.Period >= first && r.Period <= last && r.Status == ReportStatus.Approved)
                    .OrderByDescending(r => r.Period)
                    .Select(r => r.ImageProgress)
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.ProjectId, r => new ProjectListDetails(
            r.ProjectId, r.Enterprise, r.PlannedStart, r.ActualStart, r.StartDate, r.StartDateApproximate, r.PlannedCompletion,
            r.ResponsibleLeader, r.ResponsibleUnit, r.Cumulative is { } fen ? Money.FromFen(fen) : null, r.ImageProgress));
    }

    private static IQueryable<PlanJoin> Filtered(AppDbContext db, IQueryable<Project> visible, ProjectListQuery q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var year = q.Year;
        // A parent counts only when none of its parts is in year Y's plan, as in the figures (docs/domain.md "Parent projects").
        var rows = from p in visible
                   join a in db.AnnualPlans on p.Id equals a.ProjectId
                   where a.Year == year && !db.Projects.Any(c => c.ParentId == p.Id && c.Plans.Any(cp => cp.Year == year))
                   select new PlanJoin { P = p, A = a };
        if (q.UnitIds is { } units)
        {
            rows = rows.Where(x => units.Contains(x.P.OrgUnitId));
        }

        if (q.Levels is { } levels)
        {
            rows = rows.Where(x => (x.P.Levels & levels) != 0);
        }

        if (q.Category is { } category)
        {
            rows = rows.Where(x => x.P.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(q.IndustryChain))
        {
            var chain = q.IndustryChain.Trim();
            rows = rows.Where(x => x.P.IndustryChain == chain);
        }

        if (q.Nature is { } nature)
        {
            rows = rows.Where(x => x.A.Nature == nature);
        }

        if (q.Status is { } status)
        {
            rows = rows.Where(x => x.P.Status == status);
        }

        if (q.ProjectIds is { } ids)
        {
            rows = rows.Where(x => ids.Contains(x.P.Id));
        }

        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var term = q.Search.Trim();
            rows = rows.Where(x => x.P.Name.Contains(term) || x.P.Code.Contains(term));
        }

        return rows;
    }

    /// <summary>A project joined with its entry in year Y's plan: a named pair, so the filters can be shared.</summary>
    private sealed class PlanJoin
    {
        public required Project P { get; init; }

        public required AnnualPlan A { get; init; }
    }

    public static async Task<(IReadOnlyList<ProjectListItem> Items, int Total)> PageAsync(
        AppDbContext db, IQueryable<Project> visible, ProjectListQuery q, int skip, int take, CancellationToken ct = default)
    {
        var query = Query(db, visible, q);
        var total = await query.CountAsync(ct);
        var items = skip >= total ? [] : await query.Skip(skip).Take(take).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>The industry chains named in year Y's plan, for the filter's choices.</summary>
    public static async Task<IReadOnlyList<string>> ChainsAsync(AppDbContext db, IQueryable<Project> visible, int year, CancellationToken ct = default) =>
        await (from p in visible
               join a in db.AnnualPlans on p.Id equals a.ProjectId
               where a.Year == year && p.IndustryChain != null
               select p.IndustryChain!).Distinct().OrderBy(c => c).ToListAsync(ct);
}
