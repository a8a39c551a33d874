using System.Globalization;

namespace Keystone.Core;

/// <summary>
/// The calendar dates any input may carry: 1949-01-01 to 2100-12-31. Nothing a development zone records —
/// a plan, a report, a deadline, a start, a schedule's node — falls outside, and a year such as 9999 is a
/// typing slip that would otherwise stretch every time axis and period list it reaches. One rule for every
/// path in: the ledger's dates, the API's JSON, the pages' forms, schedule files, the command line.
/// </summary>
public static class SaneDate
{
    public const int FirstYear = 1949;

    public const int LastYear = 2100;

    public static bool Contains(DateOnly date) => date.Year is >= FirstYear and <= LastYear;

    /// <summary>Why <paramref name="date"/> is refused, naming <paramref name="field"/> when given.</summary>
    public static Text OutOfRange(DateOnly date, string? field = null)
    {
        var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return field is null
            ? new($"日期{iso}超出可接受的范围（{FirstYear}年至{LastYear}年）", $"The date {iso} is outside the range accepted ({FirstYear} to {LastYear})")
            : new($"“{field}”的日期{iso}超出可接受的范围（{FirstYear}年至{LastYear}年）", $"{field}: the date {iso} is outside the range accepted ({FirstYear} to {LastYear})");
    }

    /// <summary><paramref name="date"/> when it is within the range, else a <see cref="DomainException"/> naming <paramref name="field"/>.</summary>
    public static DateOnly Check(DateOnly date, string field) =>
        Contains(date) ? date : throw new DomainException(OutOfRange(date, field), field);

    /// <inheritdoc cref="Check(DateOnly, string)"/>
    public static DateOnly? Check(DateOnly? date, string field) => date is { } d ? Check(d, field) : null;
}
