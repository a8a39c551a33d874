using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Targets;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// Reads a unit's targets and last year's base for 增速: the scope's rows of year Y−1 as of the same day of
/// Y−1, through the same door as this year's (closed months frozen), so last year's reports — or the ledger of
/// last year imported with its 本年完成投资 — are the base.
/// </summary>
public static class TargetData
{
    /// <summary>The targets a unit set for a year; null when it set none.</summary>
    public static async Task<TargetValues?> ValuesAsync(AppDbContext db, int unitId, int year, CancellationToken ct = default)
    {
        var target = await db.UnitTargets.AsNoTracking().FirstOrDefaultAsync(t => t.OrgUnitId == unitId && t.Year == year, ct);
        return target?.Values;
    }

    /// <summary>增速 of the scope's completed investment (<paramref name="current"/>, its figures of year Y as of the day).</summary>
    public static async Task<InvestmentGrowth> GrowthAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, ScopeFigures current, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var lastYear = current.Year - 1;
        var day = InvestmentGrowth.SameDayLastYear(current.AsOf);
        // Last year's figures as they were reported (a closed month's frozen ones), from the kept sums where there are some.
        var last = (await ScopeDesk.FiguresAsync(db, tree, scope, lastYear, day, ct: ct)).Figures;
        return InvestmentGrowth.Of(current, last.Planned == 0 ? null : last);
    }

    /// <summary>The growth and the unit's own targets against <paramref name="current"/> (the whole scope's figures, not a level's).</summary>
    public static async Task<TargetStanding> StandingAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, ScopeFigures current, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var growth = await GrowthAsync(db, tree, scope, current, ct);
        var targets = await ValuesAsync(db, scope.Id, current.Year, ct);
        return new TargetStanding(growth, targets, targets is null ? [] : TargetsEngine.Against(targets, current, growth));
    }
}
