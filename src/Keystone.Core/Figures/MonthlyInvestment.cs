namespace Keystone.Core.Figures;

/// <summary>One month of the year's investment: completed by its end, against the plan and 序时进度.</summary>
public sealed record MonthFigures(Period Period, Money Completed, Money InMonth, Money AnnualPlan, Percent? CompletionRate, Percent TimeElapsed)
{
    /// <summary>What 序时进度 asks to be done by the month's end: the annual plan times the share of the year gone.</summary>
    public Money DueByTime => new(AnnualPlan.Wan * TimeElapsed.Value / 100m);
}

/// <summary>A report's year-to-date investment, as the monthly chart reads it.</summary>
public sealed record MonthReport(int ProjectId, Period Period, Money YearToDate);

/// <summary>
/// The year's completed investment month by month, for the cockpit's chart: each month is the figures
/// engine run over the same rows with each entry's year-to-date as its latest report by that month stood,
/// so the last month equals the figures' 完成投资 whenever no closed month has been corrected since.
/// </summary>
public static class MonthlyInvestment
{
    /// <summary>The months of the year up to the as-of date, from the rows and their reports' year-to-date amounts.</summary>
    public static IReadOnlyList<MonthFigures> ByMonth(IReadOnlyList<PlanRow> rows, IReadOnlyList<MonthReport> reports, int year, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(reports);
        if (asOf.Year < year || rows.Count == 0)
        {
            return [];
        }

        var byProject = reports.Select(r => (r.ProjectId, r.Period.Key, r.YearToDate)).GroupBy(r => r.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Key).ToList());
        Money? Latest(int projectId, int key)
        {
            if (!byProject.TryGetValue(projectId, out var list))
            {
                return null;
            }

            var i = list.FindLastIndex(x => x.Key <= key);
            return i >= 0 ? list[i].YearToDate : null;
        }

        return Months(year, asOf, (month, day) => FiguresEngine.Compute(rows.Select(r => r with { YearToDate = Latest(r.ProjectId, month.Key) }), year, day));
    }

    /// <summary>
    /// The months of the year up to the as-of date, each from <paramref name="figuresOn"/> for the month and the day it is
    /// judged on (its last day; the as-of date for the as-of month): from the rows here, from kept sums for a large scope.
    /// </summary>
    public static IReadOnlyList<MonthFigures> Months(int year, DateOnly asOf, Func<Period, DateOnly, ScopeFigures> figuresOn)
    {
        ArgumentNullException.ThrowIfNull(figuresOn);
        if (asOf.Year < year)
        {
            return [];
        }

        var last = asOf.Year > year ? new Period(year, 12) : Period.Of(asOf);
        var months = new List<MonthFigures>();
        var previous = Money.Zero;
        for (var month = new Period(year, 1); month <= last; month = month.Next)
        {
            var figures = figuresOn(month, month == last && asOf.Year == year ? asOf : month.LastDay);
            months.Add(new MonthFigures(month, figures.CompletedInvestment, figures.CompletedInvestment - previous, figures.AnnualPlan, figures.CompletionRate, figures.TimeElapsed));
            previous = figures.CompletedInvestment;
            if (month.Month == 12)
            {
                break;
            }
        }

        return months;
    }
}
