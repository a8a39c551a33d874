using Keystone.Core.Calendar;

namespace Keystone.Core.Schedule;

/// <summary>
/// How a schedule counts its durations, lags and floats: calendar days (日历天, every day, the default: sites
/// work through weekends and holidays when a deadline presses) or working days (工作日) on China's calendar
/// (<see cref="WorkingCalendar"/>: Monday to Friday less the public holidays, plus the 调休 weekends worked).
/// </summary>
public enum ScheduleDays : byte
{
    Calendar,
    Working,
}

/// <summary>The codes of the schedule file ("calendar", "working") and the words users read.</summary>
public static class ScheduleDayKinds
{
    public static string Code(this ScheduleDays days) => days == ScheduleDays.Working ? "working" : "calendar";

    /// <summary>"calendar" or "working" in either case, or the Chinese 日历天 / 工作日; anything else is not a kind.</summary>
    public static bool TryParse(string? code, out ScheduleDays days)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "calendar" or "日历天" or "日历日": days = ScheduleDays.Calendar; return true;
            case "working" or "工作日": days = ScheduleDays.Working; return true;
            default: days = default; return false;
        }
    }

    /// <summary>The kind as users read it: 日历天 / calendar days, 工作日 / working days.</summary>
    public static Text Name(this ScheduleDays days) =>
        days == ScheduleDays.Working ? new("工作日", "working days") : new("日历天", "calendar days");

    /// <summary>A count in the kind's unit: "5天" / "5 days", "5个工作日" / "5 working days".</summary>
    public static Text Count(this ScheduleDays days, int count) =>
        days == ScheduleDays.Working
            ? new($"{count}个工作日", $"{count} working day(s)")
            : new($"{count}天", $"{count} day(s)");
}

/// <summary>
/// A schedule's day numbers: the one conversion between dates and the whole days its durations, lags and
/// floats are counted in, from day 0 at the start date. On calendar days a day's number is its distance from
/// the start. On working days only working days are numbered: day 0 is the first working day on or after the
/// start, day k the k-th after it (negative before the start), and a day not worked begins at the number of
/// the next working day — so work that starts on a holiday starts, in the count, on the next working day, and
/// a date that is due on a holiday is due at the end of the working day before.
/// </summary>
public sealed class DayScale
{
    private readonly WorkingCalendar? calendar;
    private readonly int origin;
    private readonly int originCount;

    private DayScale(ScheduleDays days, DateOnly start, WorkingCalendar? calendar)
    {
        Days = days;
        origin = start.DayNumber;
        if (days == ScheduleDays.Working)
        {
            this.calendar = calendar ?? WorkingCalendar.Current;
            originCount = this.calendar.WorkingDaysBefore(origin);
        }
    }

    /// <summary>The scale of a schedule starting on <paramref name="start"/>; working days on <paramref name="calendar"/>, by default the <see cref="WorkingCalendar.Current"/> one.</summary>
    public static DayScale Of(ScheduleDays days, DateOnly start, WorkingCalendar? calendar = null) => new(days, start, calendar);

    public ScheduleDays Days { get; }

    /// <summary>The number of the instant <paramref name="date"/> begins: the days counted from the start up to it.</summary>
    public int Begin(DateOnly date) =>
        calendar is null ? date.DayNumber - origin : calendar.WorkingDaysBefore(date.DayNumber) - originCount;

    /// <summary>The number of the instant <paramref name="date"/> ends: one past its own on a day counted.</summary>
    public int End(DateOnly date) =>
        calendar is null ? date.DayNumber + 1 - origin : calendar.WorkingDaysBefore(date.DayNumber + 1) - originCount;

    /// <summary>
    /// The day numbered <paramref name="day"/>: on working days the working day it numbers. Throws
    /// <see cref="OverflowException"/> beyond the dates <see cref="DateOnly"/> can hold.
    /// </summary>
    public DateOnly Date(int day)
    {
        if (calendar is null)
        {
            var number = (long)origin + day;
            return number < DateOnly.MinValue.DayNumber || number > DateOnly.MaxValue.DayNumber
                ? throw new OverflowException()
                : DateOnly.FromDayNumber((int)number);
        }

        // The working day numbered k overall is the first day whose end counts more than k working days.
        var target = (long)originCount + day;
        var last = DateOnly.MaxValue.DayNumber;
        if (target < 0 || target >= calendar.WorkingDaysBefore(last + 1))
        {
            throw new OverflowException();
        }

        int lo = 0, hi = last;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (calendar.WorkingDaysBefore(mid + 1) > target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return DateOnly.FromDayNumber(lo);
    }

    /// <summary>
    /// The days from <paramref name="from"/> to <paramref name="to"/>, negative when <paramref name="to"/> is
    /// earlier: on working days, the working days after the one up to and including the other (富余, 逾期).
    /// </summary>
    public int Between(DateOnly from, DateOnly to) =>
        calendar is null ? to.DayNumber - from.DayNumber : End(to) - End(from);
}
