using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Periods;

/// <summary>Closing months, and which closed month covers a unit (the rows through closed months are <see cref="Desk.ScopeDesk.RowsAsync"/>'s).</summary>
public static class PeriodClosing
{
    public static async Task<ClosedPeriod> CloseAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, Period period, DateTimeOffset now, string? closedBy, CancellationToken ct = default)
    {
        if (period > Period.Of(DeskDate.Of(now)))
        {
            throw new DomainException(new($"{period}尚未结束，不能关账", $"{period} has not ended yet and cannot be closed"), "month");
        }

        if (await db.ClosedPeriods.AnyAsync(c => c.OrgUnitId == scope.Id && c.Period == period, ct))
        {
            throw new DomainException(new($"{scope.Name}的{period}已关账", $"{period} is already closed for {scope.Name}"), "month");
        }

        var rows = await FiguresData.ScopeRowsAsync(db, tree, scope, period.Year, period.LastDay, ct);
        var facts = await ScopeDesk.FactsAsync(db, tree, scope, period.LastDay, rows, ct);
        var closed = new ClosedPeriod(scope.Id, period, rows, now, closedBy, facts);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.ClosedPeriods.Add(closed);
        await db.SaveChangesAsync(ct);

        // The month's figures are read from these sums from now on (ClosedRollupData).
        db.ClosedRollups.AddRange(ClosedRollupData.Of(closed, rows));
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return closed;
    }

    /// <summary>
    /// The closed period covering a unit's month: closed for the unit itself or for a unit above it. A closing never
    /// changes, so the node keeps the last few it read (<see cref="ClosingCache"/>): a zone's page of a month its province
    /// closed does not read and parse the province's frozen rows again.
    /// </summary>
    public static async Task<ClosedPeriod?> CoveringAsync(AppDbContext db, OrgTree tree, int unitId, Period period, CancellationToken ct = default)
    {
        if (await CoveringMonthAsync(db, tree, unitId, period, ct) is not { } month)
        {
            return null;
        }

        var key = (db.Database.GetConnectionString() ?? "", month.Id, month.ClosedAt);
        return ClosingCache.Get(key) ?? ClosingCache.Keep(key, await db.ClosedPeriods.AsNoTracking().SingleAsync(c => c.Id == month.Id, ct));
    }

    /// <summary>Which closing covers a unit's month (<see cref="CoveringAsync"/>), without reading its frozen rows and facts.</summary>
    public static async Task<ClosedMonth?> CoveringMonthAsync(AppDbContext db, OrgTree tree, int unitId, Period period, CancellationToken ct = default)
    {
        var ancestors = UnitAndAncestors(tree, unitId);
        var closed = await db.ClosedPeriods.AsNoTracking()
            .Where(c => c.Period == period && ancestors.Contains(c.OrgUnitId))
            .Select(c => new ClosedMonth(c.Id, c.OrgUnitId, c.Period, c.ClosedAt))
            .ToListAsync(ct);
        return closed.OrderBy(c => ancestors.IndexOf(c.OrgUnitId)).FirstOrDefault();
    }

    /// <summary>
    /// The months of <paramref name="year"/> closed for a unit, by itself or by a unit above it, in order: what a
    /// change to the unit's plan entries of that year is checked against (<see cref="Projects.Project.Plan(int, Plans.PlanEntry, IReadOnlyCollection{Period}, Plans.PlanCorrection?)"/>).
    /// </summary>
    public static async Task<IReadOnlyList<Period>> ClosedMonthsAsync(AppDbContext db, OrgTree tree, int unitId, int year, CancellationToken ct = default)
    {
        var ancestors = UnitAndAncestors(tree, unitId);
        var (first, last) = (new Period(year, 1), new Period(year, 12));
        var months = await db.ClosedPeriods.AsNoTracking()
            .Where(c => c.Period >= first && c.Period <= last && ancestors.Contains(c.OrgUnitId))
            .Select(c => c.Period)
            .ToListAsync(ct);
        return months.Distinct().Order().ToList();
    }

    /// <summary>Whether a report for this unit's month needs a correction reason (the month is closed).</summary>
    public static async Task<bool> IsFrozenAsync(AppDbContext db, OrgTree tree, int unitId, Period period, CancellationToken ct = default) =>
        await CoveringMonthAsync(db, tree, unitId, period, ct) is not null;

    /// <summary>The unit and every unit above it, nearest first: the units whose closing covers it.</summary>
    private static List<int> UnitAndAncestors(OrgTree tree, int unitId)
    {
        var ancestors = new List<int>();
        for (int? current = unitId; current is { } id; current = tree[id].ParentId)
        {
            ancestors.Add(id);
        }

        return ancestors;
    }
}
