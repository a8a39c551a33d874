using System.Globalization;

namespace Keystone.Core;

/// <summary>
/// "Today" and the as-of date, one way for the pages, the API and the command line. Today is the date in the
/// desk's time zone (<see cref="Zone"/>, Asia/Shanghai unless <c>Keystone:TimeZone</c> says otherwise), never
/// the server's: a server on UTC would otherwise still be on yesterday until 08:00 Beijing time. An as-of date
/// is written 2024-04-10.
/// </summary>
public static class DeskDate
{
    /// <summary>The setting that names the desk's time zone (an IANA id such as Asia/Shanghai).</summary>
    public const string Setting = "Keystone:TimeZone";

    /// <summary>The same setting as an environment variable (how the command line reads it).</summary>
    public const string Variable = "Keystone__TimeZone";

    public const string DefaultZoneId = "Asia/Shanghai";

    /// <summary>The formats a person may type at the command line besides 2024-04-10.</summary>
    private static readonly string[] Typed = ["yyyy-MM-dd", "yyyy-M-d", "yyyyMMdd", "yyyy/M/d"];

    private static TimeZoneInfo zone = ZoneFrom(null);

    /// <summary>
    /// The zone business dates are taken in: set once when the program starts (<see cref="Configure"/>), like
    /// <see cref="Calendar.WorkingCalendar.Current"/> — reference data, one per process.
    /// </summary>
    public static TimeZoneInfo Zone => Volatile.Read(ref zone);

    /// <summary>Sets <see cref="Zone"/> from the setting's value (null or blank: Asia/Shanghai), or refuses naming the setting.</summary>
    public static void Configure(string? id) => Volatile.Write(ref zone, ZoneFrom(id));

    /// <summary>
    /// The zone <paramref name="id"/> names (null or blank: Asia/Shanghai), or a refusal naming the setting.
    /// Without the system's time-zone data (a slim container), Asia/Shanghai is still known: China keeps
    /// UTC+8 all year, with no daylight saving since 1991.
    /// </summary>
    public static TimeZoneInfo ZoneFrom(string? id)
    {
        var name = string.IsNullOrWhiteSpace(id) ? DefaultZoneId : id.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (name == DefaultZoneId)
            {
                return TimeZoneInfo.CreateCustomTimeZone(DefaultZoneId, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
            }

            throw new DomainException(new(
                $"设置 {Setting}（环境变量 {Variable}）的时区“{name}”无法识别，请写作 IANA 时区名，如 {DefaultZoneId}",
                $"The time zone \"{name}\" of the setting {Setting} (environment variable {Variable}) is not known; give an IANA zone such as {DefaultZoneId}"),
                Setting);
        }
    }

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Of(clock.GetUtcNow());
    }

    /// <summary>The business date of an instant: its date in the desk's zone.</summary>
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>An instant as the desk's wall clock shows it (the times pages print).</summary>
    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant a business day begins (its midnight in the desk's zone).</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
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
