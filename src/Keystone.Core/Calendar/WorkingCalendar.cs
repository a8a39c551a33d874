using System.Collections.Frozen;
using System.Globalization;

namespace Keystone.Core.Calendar;

/// <summary>What a calendar entry says of its day: a public holiday (放假) or a weekend worked in its place (调休上班).</summary>
public enum CalendarDayKind
{
    Holiday,
    Workday,
}

/// <summary>One day the State Council's yearly notice names: 2024-02-10 放假 (春节), 2024-02-04 上班 (春节调休).</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// China's working days (工作日): Monday to Friday, except the public holidays (法定节假日) of the State Council's
/// notice for the year, plus the weekends it turns into working days (调休). Years the calendar holds no notice
/// for count Monday to Friday. Immutable: an operator's import makes a new calendar (<see cref="With"/>), and
/// a year imported replaces that year's entries as a whole, so a corrected notice is never merged with the old.
/// See docs/domain.md (Working days).
/// </summary>
public sealed class WorkingCalendar
{
    private readonly FrozenDictionary<DateOnly, CalendarDay> days;

    // Sorted, for counting the exceptions between two dates without walking every day.
    private readonly DateOnly[] extraHolidays;
    private readonly DateOnly[] extraWorkdays;

    private WorkingCalendar(IEnumerable<CalendarDay> entries)
    {
        var byDate = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in entries)
        {
            byDate[day.Date] = day;
        }

        days = byDate.ToFrozenDictionary();
        Years = byDate.Keys.Select(d => d.Year).Distinct().Order().ToArray();

        // A holiday on a weekend changes nothing; a 调休 workday on a weekday changes nothing either.
        extraHolidays = byDate.Values.Where(d => d.Kind == CalendarDayKind.Holiday && !IsWeekend(d.Date)).Select(d => d.Date).Order().ToArray();
        extraWorkdays = byDate.Values.Where(d => d.Kind == CalendarDayKind.Workday && IsWeekend(d.Date)).Select(d => d.Date).Order().ToArray();
    }

    /// <summary>Monday to Friday, no holidays.</summary>
    public static WorkingCalendar Weekdays { get; } = new([]);

    /// <summary>The notices shipped with Keystone (<see cref="BuiltinNotices"/>).</summary>
    public static WorkingCalendar Builtin { get; } = new(Parse(BuiltinNotices));

    private static WorkingCalendar current = Builtin;

    /// <summary>
    /// The calendar every deadline is counted on: the shipped notices overlaid with the years an operator imported
    /// (<c>keystone calendar import</c>), set when the program opens its database. Reference data, like a time
    /// zone database: one per process.
    /// </summary>
    public static WorkingCalendar Current
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>The years some notice covers.</summary>
    public IReadOnlyList<int> Years { get; }

    public IEnumerable<CalendarDay> Days => days.Values.OrderBy(d => d.Date);

    /// <summary>This calendar with each year of <paramref name="imported"/> replacing that year's entries whole.</summary>
    public WorkingCalendar With(IEnumerable<CalendarDay> imported)
    {
        var list = imported.ToList();
        if (list.Count == 0)
        {
            return this;
        }

        var replaced = list.Select(d => d.Date.Year).ToHashSet();
        return new WorkingCalendar(days.Values.Where(d => !replaced.Contains(d.Date.Year)).Concat(list));
    }

    public CalendarDay? Entry(DateOnly date) => days.TryGetValue(date, out var day) ? day : null;

    public bool IsWorkingDay(DateOnly date) =>
        days.TryGetValue(date, out var day) ? day.Kind == CalendarDayKind.Workday : !IsWeekend(date);

    /// <summary>
    /// The day <paramref name="count"/> working days after <paramref name="from"/>: a problem raised on a
    /// Thursday with 2 days to route is due on the Monday; raised on 2024-02-08, the Thursday before 春节, on
    /// 2024-02-19 (the 9th is a working day, the 10th to the 17th are the holiday, the 18th a 调休 Sunday).
    /// </summary>
    public DateOnly Add(DateOnly from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var date = from;
        for (var left = count; left > 0;)
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
    public int Between(DateOnly from, DateOnly to)
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
            if (!IsWeekend(d))
            {
                count++;
            }
        }

        return count - CountIn(extraHolidays, from, to) + CountIn(extraWorkdays, from, to);
    }

    /// <summary>
    /// The working days before the day numbered <paramref name="dayNumber"/> (<see cref="DateOnly.DayNumber"/>),
    /// counted from 0001-01-01, a Monday: a schedule counting working days numbers its days by differences of
    /// this, in constant time however far apart they are. <paramref name="dayNumber"/> may be one past
    /// <see cref="DateOnly.MaxValue"/>.
    /// </summary>
    public int WorkingDaysBefore(int dayNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dayNumber);
        var weekdays = (dayNumber / 7 * 5) + Math.Min(dayNumber % 7, 5);
        return weekdays - Before(extraHolidays, dayNumber) + Before(extraWorkdays, dayNumber);
    }

    private static int Before(DateOnly[] dates, int dayNumber)
    {
        int lo = 0, hi = dates.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (dates[mid].DayNumber < dayNumber)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>How many of the sorted <paramref name="dates"/> fall after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    private static int CountIn(DateOnly[] dates, DateOnly from, DateOnly to)
    {
        var first = Array.BinarySearch(dates, from.AddDays(1));
        var last = Array.BinarySearch(dates, to.AddDays(1));
        return (last < 0 ? ~last : last) - (first < 0 ? ~first : first);
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>
    /// Reads the shipped notices' table: one line per holiday or 调休 range, "first[..last] 休|班 name". Holidays
    /// include the weekends inside them (as the notices list them); what matters is that they are not worked.
    /// </summary>
    public static IEnumerable<CalendarDay> Parse(string table)
    {
        foreach (var raw in table.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            var range = parts[0].Split("..");
            var first = DateOnly.ParseExact(range[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var last = range.Length > 1 ? DateOnly.ParseExact(range[1], "yyyy-MM-dd", CultureInfo.InvariantCulture) : first;
            var kind = parts[1] == "班" ? CalendarDayKind.Workday : CalendarDayKind.Holiday;
            for (var d = first; d <= last; d = d.AddDays(1))
            {
                yield return new CalendarDay(d, kind, parts[2]);
            }
        }
    }

    /// <summary>
    /// The State Council's notices on public holidays (国务院办公厅关于…部分节假日安排的通知), 2023 to 2026, as
    /// ranges: 休 a holiday, 班 a weekend worked in its place. An operator corrects or adds a year with
    /// <c>keystone calendar import</c>.
    /// </summary>
    public const string BuiltinNotices = """
        2023-01-01..2023-01-02 休 元旦
        2023-01-21..2023-01-27 休 春节
        2023-01-28..2023-01-29 班 春节调休
        2023-04-05 休 清明节
        2023-04-29..2023-05-03 休 劳动节
        2023-04-23 班 劳动节调休
        2023-05-06 班 劳动节调休
        2023-06-22..2023-06-24 休 端午节
        2023-06-25 班 端午节调休
        2023-09-29..2023-10-06 休 中秋节、国庆节
        2023-10-07..2023-10-08 班 国庆节调休
        2023-12-30..2023-12-31 休 元旦
        2024-01-01 休 元旦
        2024-02-10..2024-02-17 休 春节
        2024-02-04 班 春节调休
        2024-02-18 班 春节调休
        2024-04-04..2024-04-06 休 清明节
        2024-04-07 班 清明节调休
        2024-05-01..2024-05-05 休 劳动节
        2024-04-28 班 劳动节调休
        2024-05-11 班 劳动节调休
        2024-06-08..2024-06-10 休 端午节
        2024-09-15..2024-09-17 休 中秋节
        2024-09-14 班 中秋节调休
        2024-10-01..2024-10-07 休 国庆节
        2024-09-29 班 国庆节调休
        2024-10-12 班 国庆节调休
        2025-01-01 休 元旦
        2025-01-28..2025-02-04 休 春节
        2025-01-26 班 春节调休
        2025-02-08 班 春节调休
        2025-04-04..2025-04-06 休 清明节
        2025-05-01..2025-05-05 休 劳动节
        2025-04-27 班 劳动节调休
        2025-05-31..2025-06-02 休 端午节
        2025-10-01..2025-10-08 休 国庆节、中秋节
        2025-09-28 班 国庆节调休
        2025-10-11 班 国庆节调休
        2026-01-01..2026-01-03 休 元旦
        2026-01-04 班 元旦调休
        2026-02-15..2026-02-23 休 春节
        2026-02-14 班 春节调休
        2026-02-28 班 春节调休
        2026-04-04..2026-04-06 休 清明节
        2026-05-01..2026-05-05 休 劳动节
        2026-05-09 班 劳动节调休
        2026-06-19..2026-06-21 休 端午节
        2026-09-25..2026-09-27 休 中秋节
        2026-10-01..2026-10-07 休 国庆节
        2026-09-20 班 国庆节调休
        2026-10-10 班 国庆节调休
        """;
}
