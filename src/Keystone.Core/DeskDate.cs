using System.Globalization;

namespace Keystone.Core;

/// <summary>
/// "Today" and the as-of date, one way for the pages, the API and the command line: today is the clock's
/// local date (the desk's time zone, the machine's), and an as-of date is written 2024-04-10.
/// </summary>
public static class DeskDate
{
    /// <summary>The formats a person may type at the command line besides 2024-04-10.</summary>
    private static readonly string[] Typed = ["yyyy-MM-dd", "yyyy-M-d", "yyyyMMdd", "yyyy/M/d"];

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    }

    /// <summary>
    /// The as-of date <paramref name="text"/> names (today when it is null), within the sane range, or a
    /// refusal naming the field. <paramref name="typed"/> also takes what people type (2024-4-10, 20240410,
    /// 2024/4/10), for the command line; URLs and JSON use 2024-04-10 only.
    /// </summary>
    public static DateOnly AsOf(string? text, TimeProvider clock, string field = "asOf", bool typed = false)
    {
        if (text is null)
        {
            return Today(clock);
        }

        var formats = typed ? Typed : Typed[..1];
        return DateOnly.TryParseExact(typed ? text.Trim() : text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? SaneDate.Check(date, field)
            : throw new DomainException(new($"日期“{text}”应写作 2024-04-10", $"The date \"{text}\" should look like 2024-04-10"), field);
    }
}
