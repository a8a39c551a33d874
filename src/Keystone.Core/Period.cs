using System.Globalization;

namespace Keystone.Core;

/// <summary>A reporting period: one calendar month. Stored as the integer yyyymm so it sorts and compares in SQL.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(PeriodJsonConverter))]
public readonly record struct Period : IComparable<Period>
{
    public Period(int year, int month)
    {
        if (year is < 1990 or > 2200 || month is < 1 or > 12)
        {
            throw new DomainException(new($"报告期 {year}-{month} 不存在", $"The period {year}-{month} does not exist"), "period");
        }

        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public int Key => Year * 100 + Month;

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => new(Year, Month, DateTime.DaysInMonth(Year, Month));

    public static Period FromKey(int key) => new(key / 100, key % 100);

    public static Period Of(DateOnly date) => new(date.Year, date.Month);

    public Period Previous => Month == 1 ? new(Year - 1, 12) : new(Year, Month - 1);

    public Period Next => Month == 12 ? new(Year + 1, 1) : new(Year, Month + 1);

    /// <summary>Parses "2024-03" (also "2024-3", "202403").</summary>
    public static Period Parse(string text)
    {
        var s = (text ?? "").Trim();
        string[] formats = ["yyyy-MM", "yyyy-M", "yyyyMM", "yyyy/M", "yyyy.M"];
        if (DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return new(d.Year, d.Month);
        }

        throw new DomainException(new($"报告期“{s}”应写作 2024-03", $"The period \"{s}\" should look like 2024-03"), "period");
    }

    public int CompareTo(Period other) => Key.CompareTo(other.Key);

    public static bool operator <(Period a, Period b) => a.Key < b.Key;

    public static bool operator >(Period a, Period b) => a.Key > b.Key;

    public static bool operator <=(Period a, Period b) => a.Key <= b.Key;

    public static bool operator >=(Period a, Period b) => a.Key >= b.Key;

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
