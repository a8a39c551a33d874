using Keystone.Core.Data;
using Keystone.Core.Plans;
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
        ArgumentNullException.ThrowIfNull(q);
        var year = q.Year;
        // A parent counts only when none of its parts is in year Y's plan, as in the figures (docs/domain.md "Parent projects").
        var rows = from p in visible
                   join a in db.AnnualPlans on p.Id equals a.ProjectId
                   where a.Year == year && !db.Projects.Any(c => c.ParentId == p.Id && c.Plans.Any(cp => cp.Year == year))
                   select new { p, a };
        if (q.UnitIds is { } units)
        {
            rows = rows.Where(x => units.Contains(x.p.OrgUnitId));
        }

        if (q.Levels is { } levels)
        {
            rows = rows.Where(x => (x.p.Levels & levels) != 0);
        }

        if (q.Category is { } category)
        {
            rows = rows.Where(x => x.p.Category == category);
        }

        if (!string.IsNullOrWhiteSpace(q.IndustryChain))
        {
            var chain = q.IndustryChain.Trim();
            rows = rows.Where(x => x.p.IndustryChain == chain);
        }

        if (q.Nature is { } nature)
        {
            rows = rows.Where(x => x.a.Nature == nature);
        }

        if (q.Status is { } status)
        {
            rows = rows.Where(x => x.p.Status == status);
        }

        if (q.ProjectIds is { } ids)
        {
            rows = rows.Where(x => ids.Contains(x.p.Id));
        }

        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var term = q.Search.Trim();
            rows = rows.Where(x => x.p.Name.Contains(term) || x.p.Code.Contains(term));
        }

        rows = (q.Sort, q.Descending) switch
        {
            (ProjectSort.Name, false) => rows.OrderBy(x => x.p.Name).ThenBy(x => x.p.Code),
            (ProjectSort.Name, true) => rows.OrderByDescending(x => x.p.Name).ThenBy(x => x.p.Code),
            (ProjectSort.Unit, false) => rows.OrderBy(x => x.p.Unit!.Name).ThenBy(x => x.p.Code),
            (ProjectSort.Unit, true) => rows.OrderByDescending(x => x.p.Unit!.Name).ThenBy(x => x.p.Code),
            (ProjectSort.TotalInvestment, false) => rows.OrderBy(x => x.p.TotalInvestment).ThenBy(x => x.p.Code),
            (ProjectSort.TotalInvestment, true) => rows.OrderByDescending(x => x.p.TotalInvestment).ThenBy(x => x.p.Code),
            (ProjectSort.AnnualPlan, false) => rows.OrderBy(x => x.a.PlannedInvestment).ThenBy(x => x.p.Code),
            (ProjectSort.AnnualPlan, true) => rows.OrderByDescending(x => x.a.PlannedInvestment).ThenBy(x => x.p.Code),
            (ProjectSort.Status, false) => rows.OrderBy(x => x.p.Status).ThenBy(x => x.p.Code),
            (ProjectSort.Status, true) => rows.OrderByDescending(x => x.p.Status).ThenBy(x => x.p.Code),
            (ProjectSort.Code, false) => rows.OrderBy(x => x.p.Code),
            (ProjectSort.Code, true) => rows.OrderByDescending(x => x.p.Code),
        };

        return rows.Select(x => new ProjectListItem(
            x.p.Id, x.p.Code, x.p.Name, x.p.OrgUnitId, x.p.Unit!.Name, x.p.Levels, x.p.Category,
            x.p.IndustryChain, x.p.Status, x.a.Nature, x.p.TotalInvestment, x.a.PlannedInvestment));
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
