using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Plans;

/// <summary>A unit's share of a year's plan, its own projects and everything below it together.</summary>
public sealed record UnitPlanTotals(OrgUnitInfo Unit, int Depth, int Projects, Money TotalInvestment, Money AnnualPlan);

/// <summary>
/// Per-unit totals of a year's plan (项目个数, 总投资, 年度计划投资), summed in SQL per unit (money is
/// stored as integer fen for exactly this) and rolled up the org tree in memory.
/// </summary>
public static class PlanTotals
{
    public static async Task<IReadOnlyList<UnitPlanTotals>> ForYearAsync(AppDbContext db, OrgTree tree, int year, CancellationToken ct = default)
    {
        var direct = await db.AnnualPlans.AsNoTracking()
            .Where(a => a.Year == year)
            .GroupBy(a => a.Project!.OrgUnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                Count = g.Count(),
                Total = g.Sum(a => (long?)EF.Property<long>(a.Project!, nameof(Projects.Project.TotalInvestment))) ?? 0,
                Planned = g.Sum(a => (long?)EF.Property<long>(a, nameof(AnnualPlan.PlannedInvestment))) ?? 0,
            })
            .ToDictionaryAsync(x => x.UnitId, ct);

        var result = new List<UnitPlanTotals>();
        foreach (var root in tree.Roots)
        {
            Walk(root, 0);
        }

        return result;

        (int Count, long Total, long Planned) Walk(OrgUnitInfo unit, int depth)
        {
            var index = result.Count;
            result.Add(null!);
            var own = direct.GetValueOrDefault(unit.Id);
            var sum = (Count: own?.Count ?? 0, Total: own?.Total ?? 0, Planned: own?.Planned ?? 0);
            foreach (var child in tree.ChildrenOf(unit.Id))
            {
                var c = Walk(child, depth + 1);
                sum = (sum.Count + c.Count, sum.Total + c.Total, sum.Planned + c.Planned);
            }

            result[index] = new UnitPlanTotals(unit, depth, sum.Count, Money.FromFen(sum.Total), Money.FromFen(sum.Planned));
            return sum;
        }
    }

    /// <summary>The year the home page shows by default: this year if it has a plan, else the latest planned year.</summary>
    public static async Task<int?> DefaultYearAsync(AppDbContext db, int thisYear, CancellationToken ct = default)
    {
        if (await db.AnnualPlans.AnyAsync(a => a.Year == thisYear, ct))
        {
            return thisYear;
        }

        return await db.AnnualPlans.MaxAsync(a => (int?)a.Year, ct);
    }
}
