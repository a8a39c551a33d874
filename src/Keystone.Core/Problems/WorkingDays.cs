using Keystone.Core.Calendar;

namespace Keystone.Core.Problems;

/// <summary>
/// Service levels count working days (工作日) on China's calendar (<see cref="WorkingCalendar.Current"/>):
/// Monday to Friday less the public holidays, plus the 调休 weekends worked in their place.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly date) => WorkingCalendar.Current.IsWorkingDay(date);

    /// <summary>
    /// The day <paramref name="days"/> working days after <paramref name="from"/>: a problem raised on a
    /// Thursday with 2 days to route is due on the Monday; raised on a Saturday, on the Tuesday.
    /// </summary>
    public static DateOnly Add(DateOnly from, int days) => WorkingCalendar.Current.Add(from, days);

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public static int Between(DateOnly from, DateOnly to) => WorkingCalendar.Current.Between(from, to);
}
