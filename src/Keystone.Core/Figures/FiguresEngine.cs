using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Core.Figures;

/// <summary>
/// The figures leaders quote (docs/domain.md "Figures"), computed from plan rows alone: no database, no clock.
/// Every breakdown (level, category, child unit) is <see cref="Compute"/> over a subset of the rows, so
/// a breakdown can never disagree with the total.
/// </summary>
public static class FiguresEngine
{
    /// <summary>
    /// The entry's start (开工/复工) in year Y: its 本年开复工时间, or for a New entry without one its 实际开工时间
    /// when that falls in Y. A Continuing entry's first start, years ago, is not a resumption in Y, and a
    /// date outside Y is not a start in Y whichever field it sits in.
    /// </summary>
    public static DateOnly? StartDateInYear(PlanRow row, int year)
    {
        ArgumentNullException.ThrowIfNull(row);
        return StartDateInYear(row.Nature, row.StartDate, row.ActualStart, year);
    }

    /// <summary>The same start in Y from an entry's nature and 本年开复工时间 and the project's 实际开工时间.</summary>
    public static DateOnly? StartDateInYear(Nature nature, DateOnly? startDate, DateOnly? actualStart, int year)
    {
        if (startDate is { } start && start.Year == year)
        {
            return start;
        }

        if (nature == Nature.New && actualStart is { } actual && actual.Year == year)
        {
            return actual;
        }

        return null;
    }

    /// <summary>Whether the entry has started (开工/复工) in year Y on or before <paramref name="asOf"/>.</summary>
    public static bool HasStarted(PlanRow row, int year, DateOnly asOf) =>
        StartDateInYear(row, year) is { } start && start <= asOf;

    /// <summary>
    /// 序时进度: days of year Y up to and including <paramref name="asOf"/> over the days in Y, so 1 January is
    /// 1/365 (1/366 in a leap year) and 31 December is 100%. Before Y it is 0, after Y 100%.
    /// </summary>
    public static Percent TimeElapsed(int year, DateOnly asOf)
    {
        var first = new DateOnly(year, 1, 1);
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        var elapsed = Math.Clamp(asOf.DayNumber - first.DayNumber + 1, 0, days);
        return new Percent(elapsed * 100m / days);
    }

    /// <summary>
    /// A project is never counted twice (docs/domain.md "Parent projects"): when any part (一期/二期, a part of a
    /// 打包 project) of a parent is among the rows, the parts count and the parent is left out; a parent none of
    /// whose parts is among them counts itself. Rows without parents come back unchanged, in order.
    /// </summary>
    public static IReadOnlyList<PlanRow> CountOnce(IReadOnlyList<PlanRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var parents = rows.Where(r => r.ParentId is not null).Select(r => r.ParentId!.Value).ToHashSet();
        return parents.Count == 0 ? rows : rows.Where(r => !parents.Contains(r.ProjectId)).ToList();
    }

    public static ScopeFigures Compute(IEnumerable<PlanRow> rows, int year, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int planned = 0, continuing = 0, resumed = 0, newlyStarted = 0, reported = 0;
        decimal total = 0, plan = 0, completed = 0;
        foreach (var row in rows)
        {
            planned++;
            total += row.TotalInvestment.Wan;
            plan += row.PlannedInvestment.Wan;
            var started = HasStarted(row, year, asOf);
            switch (row.Nature)
            {
                case Nature.Continuing:
                    continuing++;
                    resumed += started ? 1 : 0;
                    break;
                case Nature.New:
                    newlyStarted += started ? 1 : 0;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(rows), row.Nature, $"Project {row.ProjectId} has no valid nature");
            }

            if (row.YearToDate is { } ytd)
            {
                reported++;
                completed += ytd.Wan;
            }
        }

        return Of(year, asOf, planned, continuing, resumed, newlyStarted, new Money(total), new Money(plan), new Money(completed), reported);
    }

    /// <summary>
    /// The figures from their counts and sums — the one place the rates, the 序时进度 and the pace are worked out, for
    /// <see cref="Compute"/> over rows and for <see cref="FigureSums"/> over a rollup alike.
    /// </summary>
    public static ScopeFigures Of(
        int year, DateOnly asOf, int planned, int continuing, int resumed, int newlyStarted, Money total, Money plan, Money completed, int reported)
    {
        var newCount = planned - continuing;
        var completionRate = Percent.Of(completed, plan);
        var timeElapsed = TimeElapsed(year, asOf);
        return new ScopeFigures
        {
            Year = year,
            AsOf = asOf,
            Planned = planned,
            TotalInvestment = total,
            AnnualPlan = plan,
            Continuing = continuing,
            New = newCount,
            Resumed = resumed,
            NewlyStarted = newlyStarted,
            Started = resumed + newlyStarted,
            ResumeRate = Percent.Of(resumed, continuing),
            StartRate = Percent.Of(newlyStarted, newCount),
            OverallStartRate = Percent.Of(resumed + newlyStarted, planned),
            CompletedInvestment = completed,
            Reported = reported,
            CompletionRate = completionRate,
            TimeElapsed = timeElapsed,
            Pace = completionRate is { } c ? c.Value - timeElapsed.Value : null,
        };
    }

    /// <summary>Each of the four key lists, always all four; a project on two lists counts in both.</summary>
    public static IReadOnlyList<LevelFigures> ByLevel(IEnumerable<PlanRow> rows, int year, DateOnly asOf)
    {
        var list = rows.ToList();
        return ProjectVocabulary.AllLevels
            .Select(level => new LevelFigures(level, Compute(list.Where(r => r.Levels.HasFlag(level)), year, asOf)))
            .ToList();
    }

    /// <summary>Each category, always all four.</summary>
    public static IReadOnlyList<CategoryFigures> ByCategory(IEnumerable<PlanRow> rows, int year, DateOnly asOf)
    {
        var list = rows.ToList();
        return Enum.GetValues<ProjectCategory>()
            .Select(category => new CategoryFigures(category, Compute(list.Where(r => r.Category == category), year, asOf)))
            .ToList();
    }

    /// <summary>
    /// The figures of each child of the scope, ranked among the children. <paramref name="childOf"/> maps a
    /// row's unit to the child of the scope it falls under; rows it maps to null belong to the scope itself
    /// (a city's own projects) and are in no child, since ranking them against the zones would be unfair.
    /// Only children with rows appear; they are ordered by unit id.
    /// </summary>
    public static IReadOnlyList<UnitFigures> ByUnit(IEnumerable<PlanRow> rows, int year, DateOnly asOf, Func<int, int?> childOf)
    {
        ArgumentNullException.ThrowIfNull(childOf);
        var children = rows
            .Select(r => (Row: r, Child: childOf(r.UnitId)))
            .Where(x => x.Child is not null)
            .GroupBy(x => x.Child!.Value, x => x.Row)
            .OrderBy(g => g.Key)
            .Select(g => (Id: g.Key, Figures: Compute(g, year, asOf)))
            .ToList();
        return Ranked(children);
    }

    /// <summary>Units' figures (in the order given) with their competition ranks among each other.</summary>
    public static IReadOnlyList<UnitFigures> Ranked(IReadOnlyList<(int Id, ScopeFigures Figures)> children)
    {
        ArgumentNullException.ThrowIfNull(children);

        // Ranked on the printed (one-decimal) values: two zones shown at 52.3% must not be 1st and 2nd.
        var byStart = Ranking.Competition(children.Select(c => c.Figures.OverallStartRate?.Rounded).ToList());
        var byCompletion = Ranking.Competition(children.Select(c => c.Figures.CompletionRate?.Rounded).ToList());
        var byPace = Ranking.Competition(children.Select(c => RoundPoints(c.Figures.Pace)).ToList());
        return children
            .Select((c, i) => new UnitFigures(c.Id, c.Figures, byStart[i], byCompletion[i], byPace[i]))
            .ToList();
    }

    /// <summary>
    /// 集中开复工: days in year Y, on or before <paramref name="asOf"/>, on which at least
    /// <paramref name="minimum"/> entries started, in date order.
    /// </summary>
    public static IReadOnlyList<ConcurrentStart> ConcurrentStarts(IEnumerable<PlanRow> rows, int year, DateOnly asOf, int minimum = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        return rows
            .Select(r => (Row: r, Start: StartDateInYear(r, year)))
            .Where(x => x.Start is { } s && s <= asOf)
            .GroupBy(x => x.Start!.Value, x => x.Row)
            .Where(g => g.Count() >= minimum)
            .OrderBy(g => g.Key)
            .Select(g => new ConcurrentStart(
                g.Key,
                g.Count(),
                g.GroupBy(r => r.Category).OrderBy(c => c.Key).Select(c => new CategoryCount(c.Key, c.Count())).ToList(),
                g.Count(r => r.Nature == Nature.New),
                g.Count(r => r.Nature == Nature.Continuing),
                Money.Sum(g.Select(r => r.TotalInvestment)),
                Money.Sum(g.Select(r => r.PlannedInvestment)),
                g.Select(r => r.ProjectId).ToList()))
            .ToList();
    }

    internal static decimal? RoundPoints(decimal? points) =>
        points is { } p ? decimal.Round(p, 1, MidpointRounding.AwayFromZero) : null;
}
