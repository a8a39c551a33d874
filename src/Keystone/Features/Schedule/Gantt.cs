using System.Globalization;
using Keystone.Core.Schedule;

namespace Keystone.Features.Schedule;

/// <summary>
/// The geometry of a project's Gantt chart (横道图), drawn by the schedule page as inline SVG: a day is a
/// fixed width, a bar runs from the beginning of its early start day to the end of its early finish day
/// (ADR 0007), its float tail on to the end of its late finish day, a node sits at the instant it stands for
/// (the end of the day for one that closes work). Nothing here decides anything: critical, late and floats
/// are the scheduler's.
/// </summary>
public sealed class Gantt
{
    public const double LabelWidth = 230;
    public const double ChartWidth = 860;
    public const double RightMargin = 56;
    public const double AxisHeight = 46;
    public const double RowHeight = 26;
    public const double BarHeight = 12;

    public Gantt(ScheduleResult result, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
        AsOf = asOf;
        var min = result.Start;
        var max = result.Finish;
        foreach (var a in result.Activities)
        {
            min = Min(min, Min(a.EarlyStart, a.LateStart));
            max = Max(max, Max(a.EarlyFinish, a.LateFinish));
            if (a.Activity.Due is { } due)
            {
                max = Max(max, due);
            }
        }

        if (result.Deadline is { } deadline)
        {
            max = Max(max, deadline);
        }

        // Today is drawn when it is near the plan; a plan read years later is not squeezed to a sliver.
        ShowsToday = asOf >= min.AddYears(-1) && asOf <= max.AddYears(1);
        if (ShowsToday)
        {
            min = Min(min, asOf);
            max = Max(max, asOf);
        }

        From = new DateOnly(min.Year, min.Month, 1);
        To = new DateOnly(max.Year, max.Month, DateTime.DaysInMonth(max.Year, max.Month));
        DayWidth = ChartWidth / (To.DayNumber - From.DayNumber + 1);
    }

    public ScheduleResult Result { get; }

    public DateOnly AsOf { get; }

    public bool ShowsToday { get; }

    /// <summary>The first day on the axis (a month's first).</summary>
    public DateOnly From { get; }

    /// <summary>The last day on the axis (a month's last).</summary>
    public DateOnly To { get; }

    public double DayWidth { get; }

    public double Width => LabelWidth + ChartWidth + RightMargin;

    public double Height => AxisHeight + (Result.Activities.Count * RowHeight) + 8;

    /// <summary>The left edge of a day (the instant it begins).</summary>
    public double X(DateOnly day) => LabelWidth + ((day.DayNumber - From.DayNumber) * DayWidth);

    /// <summary>The right edge of a day (the instant it ends).</summary>
    public double XEnd(DateOnly day) => X(day) + DayWidth;

    public double RowY(int row) => AxisHeight + (row * RowHeight);

    public double BarY(int row) => RowY(row) + ((RowHeight - BarHeight) / 2);

    /// <summary>A milestone that follows finished work (an FS or FF predecessor) stands at the end of its day; any other at the beginning.</summary>
    public double NodeX(ScheduledActivity a, DateOnly day) =>
        a.Activity.After.Any(p => p.Type is LinkType.FinishToStart or LinkType.FinishToFinish) ? XEnd(day) : X(day);

    /// <summary>The month lines of the axis and which of them carry a label (every month when there is room).</summary>
    public IEnumerable<(DateOnly Month, double X, bool Labelled)> Months()
    {
        var months = ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;
        var perMonth = ChartWidth / months;
        var every = perMonth >= 34 ? 1 : perMonth >= 12 ? 3 : 12;
        var i = 0;
        for (var m = From; m <= To; m = m.AddMonths(1), i++)
        {
            yield return (m, X(m), (m.Month - 1) % every == 0);
        }
    }

    /// <summary>The diamond of a milestone at x, in SVG points.</summary>
    public static string Diamond(double x, double cy, double r = 7) =>
        string.Create(CultureInfo.InvariantCulture, $"{x:0.##},{cy - r:0.##} {x + r:0.##},{cy:0.##} {x:0.##},{cy + r:0.##} {x - r:0.##},{cy:0.##}");

    /// <summary>A number for an SVG attribute.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
