using Keystone.Core.Data;
using Keystone.Core.Indicators;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// The enterprise half of 指标挖潜 (docs/domain.md "Contribution by enterprise"): which enterprises a scope's
/// 规上工业 growth and its 工业投资 growth come from, in percentage points, computed by <see cref="Contribution"/>.
/// </summary>
public static class EnterpriseContributionData
{
    /// <summary>The 门类 of industry (采矿业, 制造业, 电力热力燃气及水): the enterprises 规上工业 counts.</summary>
    public static readonly IReadOnlyList<char> IndustrySections = ['B', 'C', 'D'];

    /// <summary>
    /// 规上工业 by enterprise: each above-scale industrial enterprise registered in the scope, its year-to-date
    /// 工业总产值 (the sum of its approved months, January to the period's month) and the same months a year
    /// before. An enterprise above scale by the period counts for both years (its last year from zero when it
    /// reported nothing then). Enterprises with no approved month in either year are left out.
    /// </summary>
    public static async Task<ContributionTable> AboveScaleOutputAsync(AppDbContext db, OrgTree tree, int scopeId, Period period, CancellationToken ct = default)
    {
        var units = tree.Subtree(scopeId);
        var enterprises = await db.Enterprises.AsNoTracking()
            .Where(e => units.Contains(e.OwnerUnitId) && e.AboveScale)
            .Select(e => new { e.Id, e.Uscc, e.Name, e.IndustryCode, e.AboveScaleSince })
            .ToListAsync(ct);
        var counted = enterprises
            .Where(e => e.IndustryCode is { Length: > 0 } code && IndustrySections.Contains(char.ToUpperInvariant(code[0])))
            .Where(e => e.AboveScaleSince is not { } since || since <= period)
            .ToList();
        var ids = counted.Select(e => e.Id).ToList();
        var from = new Period(period.Year - 1, 1);
        var months = await db.EnterpriseMonths.AsNoTracking()
            .Where(m => ids.Contains(m.EnterpriseId) && m.Status == ReportStatus.Approved && m.Output != null && m.Period >= from && m.Period <= period)
            .Select(m => new { m.EnterpriseId, m.Period, m.Output })
            .ToListAsync(ct);
        decimal? YearToDate(int id, int year)
        {
            var own = months.Where(m => m.EnterpriseId == id && m.Period.Year == year && m.Period.Month <= period.Month).ToList();
            return own.Count == 0 ? null : own.Sum(m => m.Output!.Value.Wan);
        }

        var items = counted
            .Select(e => (e, This: YearToDate(e.Id, period.Year), Last: YearToDate(e.Id, period.Year - 1)))
            .Where(x => x.This is not null || x.Last is not null)
            .Select(x => new ContributionItem(x.e.Name, x.e.Uscc.Value, x.This ?? 0m, x.Last));
        return Contribution.Of(items);
    }

    /// <summary>
    /// 工业投资 by enterprise: the scope's industrial projects' year to date (as <see cref="IndicatorData.IndustrialInvestmentAsync"/>
    /// reads it), summed per project enterprise (项目单位); projects without one are one row, "未关联企业".
    /// </summary>
    public static async Task<ContributionTable> InvestmentByEnterpriseAsync(AppDbContext db, OrgTree tree, int scopeId, Period period, CancellationToken ct = default)
    {
        var byProject = await IndicatorData.IndustrialInvestmentAsync(db, tree, scopeId, period, ct);
        var codes = byProject.Rows.Select(r => r.Code).OfType<string>().ToList();
        var owners = await db.Projects.AsNoTracking()
            .Where(p => codes.Contains(p.Code) && p.EnterpriseId != null)
            .Select(p => new { p.Code, p.Enterprise!.Uscc, p.Enterprise.Name })
            .ToListAsync(ct);
        var ofProject = owners.ToDictionary(o => o.Code, o => (Uscc: (string?)o.Uscc.Value, o.Name));
        var items = byProject.Rows
            .GroupBy(r => r.Code is { } c && ofProject.TryGetValue(c, out var o) ? o : (Uscc: null, Name: "未关联企业"))
            .Select(g => new ContributionItem(g.Key.Name, g.Key.Uscc, g.Sum(r => r.This), g.Sum(r => r.Last)));
        return Contribution.Of(items);
    }

    /// <summary>
    /// The whole 经济运行 briefing's input for a scope and month (as <see cref="IndicatorData.EconomyAsync"/>), with
    /// the enterprises' part: 规上工业 by enterprise, and the month's service as of its last day (or
    /// <paramref name="today"/> while it runs) — coverage, visits and their problems, the pool.
    /// </summary>
    public static async Task<Briefings.EconomyInput> EconomyAsync(
        AppDbContext db, OrgTree tree, OrgUnitInfo scope, Period period, Enterprises.PoolThresholds thresholds, DateOnly today, CancellationToken ct = default)
    {
        var input = await IndicatorData.EconomyAsync(db, tree, scope, period, ct);
        var asOf = period.LastDay < today ? period.LastDay : today;
        var units = tree.Subtree(scope.Id);
        var coverage = await EnterpriseData.CoverageAsync(db, units, period, asOf, ct);
        var visits = (await EnterpriseData.VisitsAsync(db, units, period, null, ct)).Where(v => v.Visit.VisitedOn <= asOf).ToList();
        var numbers = visits.SelectMany(v => v.Problems).ToList();
        var problems = await ProblemData.ListAsync(db, tree, db.Problems.AsNoTracking().Where(p => numbers.Contains(p.Number)), new Problems.ProblemQuery { AsOf = asOf }, today, ct);
        var pool = (await EnterpriseData.PoolAsync(db, units, period, thresholds, ct)).Where(r => DeskDate.Of(r.Entry.AddedAt) <= asOf).ToList();
        var waiting = pool.Where(r => r.Entry.EnteredMonth is not { } m || m > period).ToList();
        return input with
        {
            Enterprises = await AboveScaleOutputAsync(db, tree, scope.Id, period, ct),
            Service = new Briefings.EnterpriseService
            {
                Assigned = coverage.Assigned,
                Covered = coverage.Visited,
                Visits = visits.Count,
                Problems = problems.Count,
                ProblemsClosed = problems.Count(p => p.Standing.IsClosed),
                OpenProblems = problems.Where(p => !p.Standing.IsClosed).Select(p => p.Row.Title).Take(5).ToList(),
                PoolCandidates = waiting.Count,
                PoolOnTrack = waiting.Count(r => r.Standing.OnTrack),
                PoolOverdue = waiting.Where(r => r.Entry.ExpectedMonth < period).Select(r => r.Name).ToList(),
                PoolEntered = pool.Where(r => r.Entry.EnteredMonth is { } m && m.Year == period.Year && m <= period).Select(r => r.Name).ToList(),
            },
        };
    }
}
