using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Periods;

/// <summary>The figures of a scope as of a date: frozen ones when the month is closed, with any restatement.</summary>
public sealed record ScopeRows(IReadOnlyList<PlanRow> Rows, ClosedPeriod? Closed, IReadOnlyList<PlanRow>? Live);

/// <summary>Closing months and reading the rows of a scope through closed months.</summary>
public static class PeriodClosing
{
    public static async Task<ClosedPeriod> CloseAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, Period period, DateTimeOffset now, string? closedBy, CancellationToken ct = default)
    {
        if (period > Period.Of(DateOnly.FromDateTime(now.Date)))
        {
            throw new DomainException(new($"{period}尚未结束，不能关账", $"{period} has not ended yet and cannot be closed"), "month");
        }

        if (await db.ClosedPeriods.AnyAsync(c => c.OrgUnitId == scope.Id && c.Period == period, ct))
        {
            throw new DomainException(new($"{scope.Name}的{period}已关账", $"{period} is already closed for {scope.Name}"), "month");
        }

        var rows = await BriefingData.ScopeRowsAsync(db, tree, scope, period.Year, period.LastDay, ct);
        var closed = new ClosedPeriod(scope.Id, period, rows, now, closedBy);
        db.ClosedPeriods.Add(closed);
        await db.SaveChangesAsync(ct);
        return closed;
    }

    /// <summary>The closed period covering a unit's month: closed for the unit itself or for a unit above it.</summary>
    public static async Task<ClosedPeriod?> CoveringAsync(AppDbContext db, OrgTree tree, int unitId, Period period, CancellationToken ct = default)
    {
        var ancestors = new List<int>();
        for (int? current = unitId; current is { } id; current = tree[id].ParentId)
        {
            ancestors.Add(id);
        }

        var closed = await db.ClosedPeriods.AsNoTracking()
            .Where(c => c.Period == period && ancestors.Contains(c.OrgUnitId))
            .ToListAsync(ct);
        return closed.OrderBy(c => ancestors.IndexOf(c.OrgUnitId)).FirstOrDefault();
    }

    /// <summary>
    /// The rows for a scope as of a date. When the month is closed the frozen rows are used (those of the
    /// scope's units), and the live rows come too if they differ, for the restatement.
    /// </summary>
    public static async Task<ScopeRows> RowsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var live = await BriefingData.ScopeRowsAsync(db, tree, scope, year, asOf, ct);
        if (asOf.Year != year || await CoveringAsync(db, tree, scope.Id, Period.Of(asOf), ct) is not { } closed)
        {
            return new ScopeRows(live, null, null);
        }

        var units = tree.Subtree(scope.Id).ToHashSet();
        var frozen = closed.Snapshot().Where(r => units.Contains(r.UnitId)).ToList();
        var same = frozen.Count == live.Count && frozen.OrderBy(r => r.ProjectId).SequenceEqual(live.OrderBy(r => r.ProjectId));
        return new ScopeRows(frozen, closed, same ? null : live);
    }

    /// <summary>Whether a report for this unit's month needs a correction reason (the month is closed).</summary>
    public static async Task<bool> IsFrozenAsync(AppDbContext db, OrgTree tree, int unitId, Period period, CancellationToken ct = default) =>
        await CoveringAsync(db, tree, unitId, period, ct) is not null;
}
