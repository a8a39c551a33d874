namespace Keystone.Core.Problems;

/// <summary>
/// Service levels count working days (工作日), Monday to Friday. Public holidays and the weekends worked in
/// their place (调休) are not known to Keystone yet (ADR 0011): a deadline that falls in a holiday week is
/// counted as if it were an ordinary week.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The day <paramref name="days"/> working days after <paramref name="from"/>: a problem raised on a
    /// Thursday with 2 days to route is due on the Monday; raised on a Saturday, on the Tuesday.
    /// </summary>
    public static DateOnly Add(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        for (var left = days; left > 0;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                left--;
            }
        }

        return date;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public static int Between(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return 0;
        }

        var days = to.DayNumber - from.DayNumber;
        var weeks = days / 7;
        var count = weeks * 5;
        for (var d = from.AddDays(weeks * 7 + 1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }
}
