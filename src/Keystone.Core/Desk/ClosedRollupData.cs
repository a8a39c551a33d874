using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Periods;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// A closed month's figures from kept sums (docs/decisions/0015-figure-rollups.md): when a month closes, the rows it froze
/// are summed per unit and slice (<see cref="ClosedRollup"/>), so the month's figures of any scope under the closing read a
/// few kept rows instead of deserialising every frozen row. The sums answer any day of the closed month, the only days
/// the closing covers.
/// </summary>
public static class ClosedRollupData
{
    /// <summary>The sums of a closing's frozen rows: each unit's own, per slice, and always the closing unit's whole-slice row (its mark).</summary>
    public static IReadOnlyList<ClosedRollup> Of(ClosedPeriod closed, IReadOnlyList<PlanRow> rows)
    {
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(rows);
        var year = closed.Period.Year;
        var own = new Dictionary<int, FigureSums[]>();
        foreach (var row in rows)
        {
            var rollupRow = RowOf(row, closed.Period);
            if (!own.TryGetValue(row.UnitId, out var sums))
            {
                own[row.UnitId] = sums = RollupData.Empty();
            }

            foreach (var slice in RollupSlice.Of(rollupRow))
            {
                sums[slice].Add(rollupRow, year);
            }
        }

        var kept = own
            .SelectMany(u => Enumerable.Range(0, RollupSlice.Count)
                .Where(s => !u.Value[s].IsEmpty)
                .Select(s => new ClosedRollup(closed.Id, u.Key, s, u.Value[s])))
            .ToList();
        if (!kept.Any(r => r.OrgUnitId == closed.OrgUnitId && r.Slice == RollupSlice.All))
        {
            kept.Add(new ClosedRollup(closed.Id, closed.OrgUnitId, RollupSlice.All, new FigureSums()));
        }

        return kept;
    }

    /// <summary>
    /// The figures of a scope in the month a closing covers, from the closing's kept sums (the units of the scope's
    /// subtree), or null when the closing was made before sums were kept.
    /// </summary>
    public static async Task<ScopeFigures?> FiguresAsync(
        AppDbContext db, OrgTree tree, ClosedMonth closed, int scopeId, DateOnly asOf, int slice, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(closed);
        var rows = await db.ClosedRollups.AsNoTracking()
            .Where(r => r.ClosedPeriodId == closed.Id && (r.Slice == slice || (r.Slice == RollupSlice.All && r.OrgUnitId == closed.OrgUnitId)))
            .ToListAsync(ct);
        if (!rows.Any(r => r.OrgUnitId == closed.OrgUnitId && r.Slice == RollupSlice.All))
        {
            return null;
        }

        var units = tree.Subtree(scopeId).ToHashSet();
        var sums = new FigureSums();
        foreach (var row in rows.Where(r => r.Slice == slice && units.Contains(r.OrgUnitId)))
        {
            sums.Add(row.Read());
        }

        return sums.Figures(closed.Period.Year, asOf);
    }

    /// <summary>Keeps the sums of every closing that has none (closed before they were kept): run by every start, after the migrations.</summary>
    public static async Task BuildMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var missing = await db.ClosedPeriods.AsNoTracking()
            .Where(c => !db.ClosedRollups.Any(r => r.ClosedPeriodId == c.Id && r.OrgUnitId == c.OrgUnitId && r.Slice == RollupSlice.All))
            .Select(c => c.Id)
            .ToListAsync(ct);
        foreach (var id in missing)
        {
            var closed = await db.ClosedPeriods.AsNoTracking().SingleAsync(c => c.Id == id, ct);
            db.ClosedRollups.AddRange(Of(closed, closed.Snapshot()));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A frozen row as a rollup adds it: its year to date stands from the closed month on (no day of an earlier month is covered).</summary>
    private static RollupRow RowOf(PlanRow row, Period period)
    {
        var ytd = new long?[12];
        for (var m = period.Month - 1; m < 12; m++)
        {
            ytd[m] = row.YearToDate?.Fen;
        }

        return new RollupRow
        {
            Levels = row.Levels,
            Category = row.Category,
            Nature = row.Nature,
            TotalFen = row.TotalInvestment.Fen,
            PlanFen = row.PlannedInvestment.Fen,
            Start = FiguresEngine.StartDateInYear(row, period.Year),
            YearToDate = ytd,
        };
    }
}
