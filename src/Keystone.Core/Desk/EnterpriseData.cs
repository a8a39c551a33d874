using Keystone.Core.Data;
using Keystone.Core.Enterprises;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>One enterprise as the register's list shows it: its record, its liaison, its month's visits and whether it is in the pool.</summary>
/// <param name="Place">Its industry chain and link (产业链 · 环节), when it is on one.</param>
public sealed record EnterpriseRow(Enterprise Enterprise, int VisitsThisMonth, DateOnly? LastVisit, bool InPool, Period? PoolExpected, Enterprises.Service.ChainPlace? Place = null);

/// <summary>What the register list is narrowed to (null: no narrowing).</summary>
public sealed record EnterpriseFilter
{
    public bool? AboveScale { get; init; }

    public bool? InPool { get; init; }

    /// <summary>"none" for enterprises without a liaison, else a liaison officer's name.</summary>
    public string? Liaison { get; init; }

    /// <summary>Only those with no visit in the month.</summary>
    public bool Unvisited { get; init; }

    public string? Search { get; init; }

    /// <summary>Only those on the industry chain of this name (产业链).</summary>
    public string? Chain { get; init; }

    /// <summary>The day the list is judged on: visits after it are not counted (a page's 截至 date); all when null.</summary>
    public DateOnly? AsOf { get; init; }
}

/// <summary>A pool entry with its standing as of a month.</summary>
public sealed record PoolRow(PoolEntry Entry, string Name, string? Uscc, string? ProjectCode, PoolStanding Standing);

/// <summary>An enterprise's page: its projects, visits (with the problems each raised), problems and monthly figures.</summary>
public sealed record EnterprisePage(
    Enterprise Enterprise, IReadOnlyList<Project> Projects, IReadOnlyList<(EnterpriseVisit Visit, IReadOnlyList<string> Problems)> Visits,
    IReadOnlyList<Problems.Problem> Problems, IReadOnlyList<EnterpriseMonth> Months, IReadOnlyList<PoolEntry> Pool);

/// <summary>
/// Reading the enterprises a unit keeps and the service around them (包联, visits, pool, monthly figures). A
/// unit's service records are those of the enterprises registered in its subtree and the visits its officers
/// (or those below) made.
/// </summary>
public static class EnterpriseData
{
    public static async Task<IReadOnlyList<EnterpriseRow>> ListAsync(AppDbContext db, IReadOnlyList<int> units, EnterpriseFilter filter, Period month, CancellationToken ct = default)
    {
        var query = db.Enterprises.AsNoTracking().Where(e => units.Contains(e.OwnerUnitId));
        if (filter.AboveScale is { } above)
        {
            query = query.Where(e => e.AboveScale == above);
        }

        if (filter.Liaison is { Length: > 0 } l)
        {
            var name = l.Trim();
            query = name == "none" ? query.Where(e => e.LiaisonName == null) : query.Where(e => e.LiaisonName == name);
        }

        if (filter.Search is { Length: > 0 } s)
        {
            var text = s.Trim();
            query = query.Where(e => e.Name.Contains(text));
        }

        var enterprises = await query.OrderBy(e => e.Name).ToListAsync(ct);
        var ids = enterprises.Select(e => e.Id).ToList();
        var until = filter.AsOf ?? DateOnly.MaxValue;
        var visits = await db.EnterpriseVisits.AsNoTracking().Where(v => ids.Contains(v.EnterpriseId) && v.VisitedOn <= until)
            .Select(v => new { v.EnterpriseId, v.VisitedOn }).ToListAsync(ct);
        // In the pool on the day: added by then, and not entered the statistics by that month.
        var entries = await db.PoolEntries.AsNoTracking().Where(p => p.EnterpriseId != null && ids.Contains(p.EnterpriseId.Value))
            .Select(p => new { Id = p.EnterpriseId!.Value, p.ExpectedMonth, p.EnteredMonth, p.AddedAt }).ToListAsync(ct);
        var pool = entries.Where(p => filter.AsOf is not { } d
                ? p.EnteredMonth is null
                : DeskDate.Of(p.AddedAt) <= d && (p.EnteredMonth is not { } entered || entered > Period.Of(d)))
            .ToList();
        var places = await Enterprises.Service.EnterpriseChains.PlacesAsync(db, ids, ct);
        var rows = enterprises.Select(e =>
        {
            var own = visits.Where(v => v.EnterpriseId == e.Id).ToList();
            var entry = pool.FirstOrDefault(p => p.Id == e.Id);
            return new EnterpriseRow(
                e, own.Count(v => v.VisitedOn >= month.FirstDay && v.VisitedOn <= month.LastDay), own.Count == 0 ? null : own.Max(v => v.VisitedOn), entry is not null, entry?.ExpectedMonth,
                places.GetValueOrDefault(e.Id));
        });
        if (filter.Chain is { Length: > 0 } chain)
        {
            var name = chain.Trim();
            rows = rows.Where(r => r.Place?.Chain == name);
        }
        if (filter.InPool is { } inPool)
        {
            rows = rows.Where(r => r.InPool == inPool);
        }

        if (filter.Unvisited)
        {
            rows = rows.Where(r => r.VisitsThisMonth == 0);
        }

        return rows.ToList();
    }

    /// <summary>The month's 包联 coverage of the enterprises registered in <paramref name="units"/>.</summary>
    public static async Task<CoverageResult> CoverageAsync(AppDbContext db, IReadOnlyList<int> units, Period month, DateOnly? asOf, CancellationToken ct = default)
    {
        var assigned = await db.Enterprises.AsNoTracking().Where(e => units.Contains(e.OwnerUnitId) && e.LiaisonName != null)
            .OrderBy(e => e.LiaisonName).ThenBy(e => e.Name)
            .Select(e => new { e.Id, e.Name, e.LiaisonUserId, e.LiaisonName, e.LiaisonDepartment }).ToListAsync(ct);
        var ids = assigned.Select(a => a.Id).ToList();
        var first = month.FirstDay;
        var last = month.LastDay;
        var visits = await db.EnterpriseVisits.AsNoTracking().Where(v => ids.Contains(v.EnterpriseId) && v.VisitedOn >= first && v.VisitedOn <= last)
            .Select(v => new { v.EnterpriseId, v.VisitorUserId, v.Visitor, v.VisitedOn }).ToListAsync(ct);
        return VisitCoverage.Compute(
            month,
            assigned.Select(a => new Assignment(a.Id, a.Name, new Officer(a.LiaisonUserId, a.LiaisonName!), a.LiaisonDepartment)).ToList(),
            visits.Select(v => new VisitFact(v.EnterpriseId, new Officer(v.VisitorUserId, v.Visitor), v.VisitedOn)).ToList(),
            asOf);
    }

    /// <summary>The visits made by officers of <paramref name="units"/> in a month, newest first, with their problems' numbers.</summary>
    public static async Task<IReadOnlyList<(EnterpriseVisit Visit, IReadOnlyList<string> Problems)>> VisitsAsync(
        AppDbContext db, IReadOnlyList<int> units, Period month, string? officer, CancellationToken ct = default)
    {
        var first = month.FirstDay;
        var last = month.LastDay;
        var query = db.EnterpriseVisits.AsNoTracking().Include(v => v.Enterprise).Where(v => units.Contains(v.OrgUnitId) && v.VisitedOn >= first && v.VisitedOn <= last);
        if (officer is { Length: > 0 } o)
        {
            var name = o.Trim();
            query = query.Where(v => v.Visitor == name);
        }

        var visits = await query.OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).ToListAsync(ct);
        return await WithProblemsAsync(db, visits, ct);
    }

    private static async Task<IReadOnlyList<(EnterpriseVisit, IReadOnlyList<string>)>> WithProblemsAsync(AppDbContext db, List<EnterpriseVisit> visits, CancellationToken ct)
    {
        var ids = visits.Select(v => v.Id).ToList();
        var links = await db.VisitProblems.AsNoTracking().Where(l => ids.Contains(l.VisitId))
            .Join(db.Problems, l => l.ProblemId, p => p.Id, (l, p) => new { l.VisitId, p.Number }).ToListAsync(ct);
        return visits.Select(v => (v, (IReadOnlyList<string>)links.Where(l => l.VisitId == v.Id).Select(l => l.Number).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    /// <summary>The pool of <paramref name="units"/> with each candidate's standing as of <paramref name="asOf"/>: open entries first, by expected month.</summary>
    public static async Task<IReadOnlyList<PoolRow>> PoolAsync(AppDbContext db, IReadOnlyList<int> units, Period asOf, PoolThresholds thresholds, CancellationToken ct = default)
    {
        var entries = await db.PoolEntries.AsNoTracking().Include(p => p.Enterprise).Include(p => p.Project).ThenInclude(p => p!.Enterprise)
            .Where(p => units.Contains(p.OrgUnitId)).ToListAsync(ct);
        var enterpriseIds = entries.Select(e => e.EnterpriseId ?? e.Project?.EnterpriseId).OfType<int>().Distinct().ToList();
        var year = asOf.Year;
        var months = await db.EnterpriseMonths.AsNoTracking()
            .Where(m => enterpriseIds.Contains(m.EnterpriseId) && m.Status == ReportStatus.Approved && m.Revenue != null)
            .Select(m => new { m.EnterpriseId, m.Period, m.Revenue }).ToListAsync(ct);
        return entries.Select(e =>
        {
            var enterprise = e.Enterprise ?? e.Project?.Enterprise;
            var revenue = months.Where(m => m.EnterpriseId == enterprise?.Id && m.Period.Year == year).Select(m => new RevenueMonth(m.Period, m.Revenue!.Value)).ToList();
            var standing = PoolProgress.Judge(thresholds.For(e.Sector), asOf, e.ExpectedMonth, e.EnteredMonth, revenue);
            return new PoolRow(e, enterprise?.Name ?? e.Project?.Facts.Name ?? "", enterprise?.Uscc.Value, e.Project?.Code, standing);
        })
        .OrderBy(r => r.Entry.EnteredMonth is null ? 0 : 1).ThenBy(r => r.Entry.ExpectedMonth).ThenBy(r => r.Name, StringComparer.Ordinal)
        .ToList();
    }

    /// <summary>One enterprise's page, its projects and problems narrowed to <paramref name="units"/> (what the caller may see).</summary>
    public static async Task<EnterprisePage> PageAsync(AppDbContext db, Enterprise enterprise, IReadOnlyList<int> units, CancellationToken ct = default)
    {
        var projects = await db.Projects.AsNoTracking().Where(p => p.EnterpriseId == enterprise.Id && units.Contains(p.OrgUnitId)).OrderBy(p => p.Code).ToListAsync(ct);
        var visits = await db.EnterpriseVisits.AsNoTracking().Where(v => v.EnterpriseId == enterprise.Id && units.Contains(v.OrgUnitId))
            .OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).Take(100).ToListAsync(ct);
        var problems = await db.Problems.AsNoTracking().Where(p => p.EnterpriseId == enterprise.Id && units.Contains(p.OrgUnitId))
            .OrderByDescending(p => p.Id).Take(100).ToListAsync(ct);
        var months = await db.EnterpriseMonths.AsNoTracking().Where(m => m.EnterpriseId == enterprise.Id).OrderByDescending(m => m.Period).Take(24).ToListAsync(ct);
        var pool = await db.PoolEntries.AsNoTracking().Where(p => p.EnterpriseId == enterprise.Id && units.Contains(p.OrgUnitId)).ToListAsync(ct);
        return new EnterprisePage(enterprise, projects, await WithProblemsAsync(db, visits, ct), problems, months, pool);
    }
}
