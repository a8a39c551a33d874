namespace Keystone.Core.Indicators;

/// <summary>One source of an indicator's total: a project's (or an enterprise's) year to date this year and in the same period last year.</summary>
public sealed record ContributionItem(string Name, string? Code, decimal This, decimal? Last);

/// <summary>A source's part in the growth (指标挖潜: "将具体支撑细化到企业、到项目").</summary>
/// <param name="Change">This − last (a source without last year's figure counts from zero).</param>
/// <param name="Points">Its contribution to the total's growth in percentage points: change / the total last year × 100.</param>
/// <param name="Share">Its share of this year's total, in percent.</param>
public sealed record ContributionRow(string Name, string? Code, decimal This, decimal Last, decimal Change, decimal? Points, decimal? Share);

/// <summary>The total's growth and each source's contribution; the points add up to the growth.</summary>
public sealed record ContributionTable(decimal This, decimal Last, decimal? Growth, IReadOnlyList<ContributionRow> Rows);

/// <summary>
/// Where an indicator's growth comes from (docs/domain.md "Economic indicators"): each source's change over the
/// total of last year, in percentage points, largest first. The points sum to the total's growth exactly, so a
/// table of them accounts for all of it.
/// </summary>
public static class Contribution
{
    public static ContributionTable Of(IEnumerable<ContributionItem> items)
    {
        var list = items.ToList();
        var totalThis = list.Sum(i => i.This);
        var totalLast = list.Sum(i => i.Last ?? 0m);
        var rows = list
            .Select(i =>
            {
                var last = i.Last ?? 0m;
                var change = i.This - last;
                return new ContributionRow(i.Name, i.Code, i.This, last, change,
                    totalLast == 0 ? null : change * 100m / totalLast,
                    totalThis == 0 ? null : i.This * 100m / totalThis);
            })
            .OrderByDescending(r => r.Change).ThenByDescending(r => r.This).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new ContributionTable(totalThis, totalLast, IndicatorEngine.Growth(totalThis, totalLast), rows);
    }
}
