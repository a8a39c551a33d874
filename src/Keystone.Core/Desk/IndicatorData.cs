using Keystone.Core.Data;
using Keystone.Core.Indicators;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// The reads and writes of economic indicators: the catalogue a unit sees, the facts its table needs (its own and
/// its peers', this month and a year before), recording a value and a target, and the projects behind
/// 工业投资's growth. The engine (<see cref="IndicatorEngine"/>) computes from what this loads.
/// </summary>
public static class IndicatorData
{
    /// <summary>The seeded catalogue and the indicators added by the unit's province, in order.</summary>
    public static async Task<IReadOnlyList<IndicatorInfo>> CatalogueAsync(AppDbContext db, OrgTree tree, int unitId, CancellationToken ct = default)
    {
        var province = ProvinceOf(tree, unitId);
        var rows = await db.Indicators.AsNoTracking().Where(i => i.ProvinceId == null || i.ProvinceId == province).ToListAsync(ct);
        return rows.Select(i => i.Info).OrderBy(i => i.Order).ThenBy(i => i.Id).ToList();
    }

    /// <summary>An indicator of the unit's catalogue by name or id; refused naming the ones there are.</summary>
    public static IndicatorInfo Find(IReadOnlyList<IndicatorInfo> catalogue, string name)
    {
        var n = (name ?? "").Trim();
        return catalogue.FirstOrDefault(i => i.Name == n || i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == n)
            ?? throw new DomainException(
                new($"没有名为“{n}”的指标（可选：{string.Join("、", catalogue.Select(i => i.Name))}）", $"There is no indicator named \"{n}\" (the catalogue: {string.Join(", ", catalogue.Select(i => i.Name))})"),
                "indicator");
    }

    /// <summary>
    /// What the engine needs for the tables of <paramref name="units"/> at <paramref name="period"/>: the facts of
    /// the units and of all their peers for the <paramref name="months"/> months up to the period and the same
    /// months a year before, and the units' targets for the period's year.
    /// </summary>
    public static async Task<IndicatorInputs> InputsAsync(AppDbContext db, OrgTree tree, IReadOnlyCollection<int> units, Period period, int months = 1, CancellationToken ct = default)
    {
        var catalogue = units.Count == 0 ? [] : await CatalogueAsync(db, tree, units.First(), ct);
        var ids = units.SelectMany(u => IndicatorEngine.Peers(tree, u)).Concat(units).Distinct().ToList();
        var first = period;
        for (var i = 1; i < months; i++)
        {
            first = first.Previous;
        }

        var fromPeriod = new Period(first.Year - 1, first.Month);
        var values = await db.IndicatorValues.AsNoTracking()
            .Where(v => ids.Contains(v.OrgUnitId) && v.Period >= fromPeriod && v.Period <= period)
            .ToListAsync(ct);
        var unitList = units.ToList();
        var targets = await db.IndicatorTargets.AsNoTracking()
            .Where(t => unitList.Contains(t.OrgUnitId) && t.Year == period.Year)
            .ToListAsync(ct);
        return new IndicatorInputs
        {
            Tree = tree,
            Catalogue = catalogue,
            Facts = values.Select(v => v.Fact).ToList(),
            Targets = targets.Select(t => t.Fact).ToList(),
        };
    }

    /// <summary>What the 经济运行 briefing of a scope for a month says (<see cref="Briefings.EconomyBriefingWriter"/>).</summary>
    public static async Task<Briefings.EconomyInput> EconomyAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, Period period, CancellationToken ct = default) => new()
    {
        ScopeName = scope.Name,
        Period = period,
        Rows = await TableAsync(db, tree, scope.Id, period, ct),
        Investment = await IndustrialInvestmentAsync(db, tree, scope.Id, period, ct),
    };

    /// <summary>A unit's table for a month (its rows with growth, rank among its peers and target gap).</summary>
    public static async Task<IReadOnlyList<IndicatorRow>> TableAsync(AppDbContext db, OrgTree tree, int unitId, Period period, CancellationToken ct = default) =>
        IndicatorEngine.Table(await InputsAsync(db, tree, [unitId], period, ct: ct), unitId, period);

    /// <summary>The month a unit's indicators are shown for by default: its latest month with values up to <paramref name="today"/>'s, else the month before today's.</summary>
    public static Task<Period> LatestPeriodAsync(AppDbContext db, int unitId, DateOnly today, CancellationToken ct = default) =>
        LatestPeriodAsync(db, [unitId], today, ct);

    /// <summary>The latest month with values of any of <paramref name="units"/> up to today's, else the month before today's.</summary>
    public static async Task<Period> LatestPeriodAsync(AppDbContext db, IReadOnlyCollection<int> units, DateOnly today, CancellationToken ct = default)
    {
        var now = Period.Of(today);
        var ids = units.ToList();
        var latest = await db.IndicatorValues.AsNoTracking()
            .Where(v => ids.Contains(v.OrgUnitId) && v.Period <= now)
            .Select(v => v.Period)
            .ToListAsync(ct);
        return latest.Count > 0 ? latest.Max() : now.Previous;
    }

    /// <summary>
    /// Records a figure for a unit, indicator and month, replacing what was there (the audit log keeps the before).
    /// <paramref name="check"/> (the concurrency check) runs on the value as read, null when there is none yet, before anything changes.
    /// </summary>
    public static async Task<IndicatorValue> RecordAsync(
        AppDbContext db, int unitId, int indicatorId, Period period, IndicatorFigure figure, string by, DateTimeOffset at, CancellationToken ct = default, Func<IndicatorValue?, Task>? check = null)
    {
        var existing = await db.IndicatorValues.SingleOrDefaultAsync(v => v.OrgUnitId == unitId && v.IndicatorId == indicatorId && v.Period == period, ct);
        if (check is not null)
        {
            await check(existing);
        }

        if (existing is null)
        {
            existing = new IndicatorValue(unitId, indicatorId, period, figure, by, at);
            db.IndicatorValues.Add(existing);
        }
        else
        {
            existing.Record(figure, by, at);
        }

        await db.SaveChangesAsync(ct);
        return existing;
    }

    /// <summary>
    /// Sets a unit's yearly target for an indicator, or removes it when <paramref name="target"/> is null; the target
    /// as it now is (null when removed). <paramref name="check"/> (the concurrency check) runs on the target as read,
    /// null when there is none yet, before anything changes.
    /// </summary>
    public static async Task<IndicatorTarget?> SetTargetAsync(
        AppDbContext db, int unitId, int indicatorId, int year, TargetKind kind, decimal? target, CancellationToken ct = default, Func<IndicatorTarget?, Task>? check = null)
    {
        var existing = await db.IndicatorTargets.SingleOrDefaultAsync(t => t.OrgUnitId == unitId && t.IndicatorId == indicatorId && t.Year == year, ct);
        if (check is not null)
        {
            await check(existing);
        }

        if (target is not { } value)
        {
            if (existing is not null)
            {
                db.IndicatorTargets.Remove(existing);
                existing = null;
            }
        }
        else if (existing is null)
        {
            existing = new IndicatorTarget(unitId, indicatorId, year, kind, value);
            db.IndicatorTargets.Add(existing);
        }
        else
        {
            existing.Set(kind, value);
        }

        await db.SaveChangesAsync(ct);
        return existing;
    }

    /// <summary>
    /// 工业投资 from the ledger (指标挖潜): the industrial projects of the scope with their year to date at the
    /// month's end — each project's latest approved report of the year on or before it — and the same a year before.
    /// </summary>
    public static async Task<ContributionTable> IndustrialInvestmentAsync(AppDbContext db, OrgTree tree, int scopeId, Period period, CancellationToken ct = default)
    {
        var units = tree.Subtree(scopeId);
        var projects = await db.Projects.AsNoTracking()
            .Where(p => units.Contains(p.OrgUnitId) && p.Category == ProjectCategory.Industrial)
            .Select(p => new { p.Id, p.Code, p.Name })
            .ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var lastYear = new Period(period.Year - 1, period.Month);
        var yearStart = new Period(period.Year - 1, 1);
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(r => ids.Contains(r.ProjectId) && r.Status == ReportStatus.Approved && r.Period >= yearStart && r.Period <= period)
            .Select(r => new { r.ProjectId, r.Period, r.YearToDate })
            .ToListAsync(ct);
        decimal? Latest(int project, Period end) => reports
            .Where(r => r.ProjectId == project && r.Period.Year == end.Year && r.Period <= end)
            .OrderByDescending(r => r.Period.Key)
            .Select(r => (decimal?)r.YearToDate.Wan)
            .FirstOrDefault();
        var items = projects
            .Select(p => (p, This: Latest(p.Id, period), Last: Latest(p.Id, lastYear)))
            .Where(x => x.This is not null || x.Last is not null)
            .Select(x => new ContributionItem(x.p.Name, x.p.Code, x.This ?? 0m, x.Last));
        return Contribution.Of(items);
    }

    private static int? ProvinceOf(OrgTree tree, int unitId) => tree.ProvinceOf(unitId)?.Id;
}
