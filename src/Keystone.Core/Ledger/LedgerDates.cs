using System.Globalization;
using System.Text.RegularExpressions;

namespace Keystone.Core.Ledger;

/// <summary>
/// The date forms ledgers use (docs/domain.md): real Excel dates, "2023-08-15", "2023.8.15", "2023/8/15",
/// "2023年8月15日", "2023年8月", "6月底" (in the plan year). A month alone means its first day,
/// 月底/月末 its last, 上旬/中旬/下旬 the 10th/20th/last day. Whatever the form, a date outside
/// <see cref="SaneDate"/>'s range (1949–2100) is refused, naming the date and the range.
/// </summary>
public static partial class LedgerDates
{
    public static bool Parse(object? cell, int planYear, out DateOnly date, out Text reason)
    {
        if (!ParseAny(cell, planYear, out date, out reason))
        {
            return false;
        }

        if (!SaneDate.Contains(date))
        {
            reason = SaneDate.OutOfRange(date);
            date = default;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether a cell that parses as a date names its day: a real date, an Excel serial, or text with a day
    /// ("2024-03-18", "2024年3月18日"). A month alone, 上旬/中旬/下旬, 月底/月末 and 月份 do not: their day is a convention.
    /// </summary>
    public static bool IsDayPrecise(object? cell)
    {
        if (cell is DateTime or DateOnly or double)
        {
            return true;
        }

        var text = LedgerParser.FoldWidth(LedgerValues.AsText(cell)).Replace(" ", "", StringComparison.Ordinal);
        var m = DatePattern().Match(text);
        return m.Success && m.Groups["d"].Success;
    }

    /// <summary>
    /// A month-level date as the ledger wrote it, so an export read back keeps its precision: the 1st is "2024年3月",
    /// the 10th "2024年3月上旬", the 20th "2024年3月中旬", the last day "2024年3月底"; any other day is the date itself.
    /// </summary>
    public static object MonthText(DateOnly date) => date.Day switch
    {
        1 => Month(date, ""),
        10 => Month(date, "上旬"),
        20 => Month(date, "中旬"),
        _ when date.Day == DateTime.DaysInMonth(date.Year, date.Month) => Month(date, "底"),
        _ => date,
    };

    private static string Month(DateOnly date, string part) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{part}");

    private static bool ParseAny(object? cell, int planYear, out DateOnly date, out Text reason)
    {
        reason = default;
        date = default;
        switch (cell)
        {
            case DateTime dt:
                date = DateOnly.FromDateTime(dt);
                return true;
            case DateOnly d:
                date = d;
                return true;
            case double serial when serial is >= 1 and < 2958466:
                date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return true;
        }

        var text = LedgerParser.FoldWidth(LedgerValues.AsText(cell)).Replace(" ", "", StringComparison.Ordinal);
        var m = DatePattern().Match(text);
        if (!m.Success)
        {
            reason = new("不是日期：可写作 2024-03-15、2024.3.15、2024年3月15日、2024年3月、3月底",
                "Not a date: write 2024-03-15, 2024.3.15, 2024年3月15日, 2024年3月 or 3月底");
            return false;
        }

        var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : planYear;
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || year < 1)
        {
            reason = new($"日期“{text}”不存在", $"The date \"{text}\" does not exist");
            return false;
        }

        var last = DateTime.DaysInMonth(year, month);
        var day = 1;
        if (m.Groups["d"].Success)
        {
            day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        }
        else if (m.Groups["part"].Success)
        {
            day = m.Groups["part"].Value switch
            {
                "上旬" => 10,
                "中旬" => 20,
                "份" => 1,
                _ => last,
            };
        }

        if (day < 1 || day > last)
        {
            reason = new($"日期“{text}”不存在：{year}年{month}月只有{last}天", $"The date \"{text}\" does not exist: {year}-{month:D2} has {last} days");
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    // 2023-08-15, 2023.8.15, 2023/8/15, 2023年8月15日, 2023年8月, 2023-08, 20230815, 6月底, 6月份, 2023年6月下旬;
    // a trailing time of day is ignored. A bare number is not a date.
    [GeneratedRegex(@"^(?:(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})|(?:(?<y>\d{4})(?:年|[-./])(?<m>\d{1,2})月?|(?<m>\d{1,2})月)(?:[-./]?(?<d>\d{1,2})日?|(?<part>底|末|上旬|中旬|下旬|份))?)(?:T?\d{1,2}:\d{2}(?::\d{2})?)?$")]
    private static partial Regex DatePattern();
}
