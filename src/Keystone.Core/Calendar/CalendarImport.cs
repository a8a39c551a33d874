using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Calendar;

/// <summary>The outcome of a calendar import: the years replaced and the days each holds.</summary>
public sealed record CalendarImportResult(IReadOnlyList<int> Years, int Holidays, int Workdays);

/// <summary>
/// Loads and imports the working-day calendar (docs/domain.md, Working days). The file is the State Council's
/// yearly notice as a table, one line per holiday or 调休 day or range: 日期 (2024-02-10, or 2024-02-10..2024-02-17 /
/// 2024-02-10至2024-02-17), 类型 (休/放假 or 班/上班), 名称 (春节). Each year the file names replaces that year
/// whole; a bad line refuses the whole file, naming the line, and changes nothing.
/// </summary>
public static class CalendarImport
{
    private static readonly string[] HolidayWords = ["休", "放假", "假", "休息", "holiday", "off"];
    private static readonly string[] WorkdayWords = ["班", "上班", "调休上班", "补班", "workday", "work"];

    /// <summary>The shipped notices overlaid with what the database holds.</summary>
    public static async Task<WorkingCalendar> LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var stored = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        return WorkingCalendar.Builtin.With(stored.Select(d => d.ToDay()));
    }

    /// <summary>Reads a notice table (CSV or .xlsx), refusing the whole file on any bad line.</summary>
    public static IReadOnlyList<CalendarDay> Read(LedgerSource source)
    {
        var sheet = source.SheetNames[0];
        var problems = new List<LedgerProblem>();
        var days = new Dictionary<DateOnly, (CalendarDay Day, int Row)>();
        int[]? columns = null;
        foreach (var row in source.Rows(sheet))
        {
            if (row.IsBlank)
            {
                continue;
            }

            if (columns is null)
            {
                columns = Header(row, sheet);
                continue;
            }

            var (dateText, kindText, name) = (row.TextAt(columns[0]), row.TextAt(columns[1]), columns[2] < 0 ? "" : row.TextAt(columns[2]));
            var kind = HolidayWords.Contains(kindText, StringComparer.OrdinalIgnoreCase) ? CalendarDayKind.Holiday
                : WorkdayWords.Contains(kindText, StringComparer.OrdinalIgnoreCase) ? CalendarDayKind.Workday
                : (CalendarDayKind?)null;
            if (kind is null)
            {
                problems.Add(new(sheet, row.Number, "类型", kindText, new("类型应为“休”（放假）或“班”（调休上班）", "The kind must be 休 (a holiday) or 班 (a weekend worked)")));
                continue;
            }

            if (!Range(row.Cells.ElementAtOrDefault(columns[0]), dateText, out var first, out var last, out var reason))
            {
                problems.Add(new(sheet, row.Number, "日期", dateText, reason));
                continue;
            }

            if (name.Length == 0)
            {
                name = kind == CalendarDayKind.Holiday ? "节假日" : "调休上班";
            }

            if (name.Length > CalendarEntry.MaxNameLength)
            {
                problems.Add(new(sheet, row.Number, "名称", name[..20] + "…", new($"名称不能超过{CalendarEntry.MaxNameLength}个字", $"The name must be at most {CalendarEntry.MaxNameLength} characters")));
                continue;
            }

            for (var d = first; d <= last; d = d.AddDays(1))
            {
                if (days.TryGetValue(d, out var earlier))
                {
                    problems.Add(new(sheet, row.Number, "日期", d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                        new($"这一天已在第{earlier.Row}行列出", $"This day is already listed on row {earlier.Row}")));
                    break;
                }

                days[d] = (new CalendarDay(d, kind.Value, name), row.Number);
            }
        }

        if (columns is null || (days.Count == 0 && problems.Count == 0))
        {
            throw new DomainException(new("文件中没有节假日安排：需要“日期”“类型”两列及至少一行", "The file holds no holiday arrangements: it needs the columns 日期 and 类型 and at least one row"), "file");
        }

        if (problems.Count > 0)
        {
            throw new DomainException(new(
                "节假日安排有误，未作任何更改：" + string.Join("；", problems.Take(10).Select(p => p.ToString(false))),
                "The holiday arrangements have errors; nothing was changed: " + string.Join("; ", problems.Take(10).Select(p => p.ToString(true)))), "file");
        }

        return days.Values.Select(v => v.Day).OrderBy(d => d.Date).ToList();
    }

    /// <summary>Replaces the years <paramref name="days"/> covers with them, in one transaction, and returns what now stands.</summary>
    public static async Task<CalendarImportResult> SaveAsync(AppDbContext db, IReadOnlyList<CalendarDay> days, DateTimeOffset now, string? by, CancellationToken ct = default)
    {
        var years = days.Select(d => d.Date.Year).Distinct().Order().ToList();
        var entries = days.Select(d => new CalendarEntry(d, now, by)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var replaced = await db.CalendarDays.Where(d => years.Contains(d.Date.Year)).ToListAsync(ct);
        db.CalendarDays.RemoveRange(replaced);
        await db.SaveChangesAsync(ct);
        db.CalendarDays.AddRange(entries);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(years, days.Count(d => d.Kind == CalendarDayKind.Holiday), days.Count(d => d.Kind == CalendarDayKind.Workday));
    }

    private static int[] Header(RawRow row, string sheet)
    {
        var names = Enumerable.Range(0, row.Cells.Count).Select(row.TextAt).ToList();
        int Find(params string[] candidates) => names.FindIndex(n => candidates.Contains(n, StringComparer.OrdinalIgnoreCase));
        var date = Find("日期", "date");
        var kind = Find("类型", "kind", "type");
        if (date < 0 || kind < 0)
        {
            throw new DomainException(new(
                $"{sheet} 第{row.Number}行应为表头，需要“日期”“类型”两列（“名称”可选），实为：{string.Join("、", names.Where(n => n.Length > 0))}",
                $"{sheet} row {row.Number} should be the header, with the columns 日期 and 类型 (名称 optional); found: {string.Join(", ", names.Where(n => n.Length > 0))}"), "file");
        }

        return [date, kind, Find("名称", "name", "节日")];
    }

    private static bool Range(object? cell, string text, out DateOnly first, out DateOnly last, out Text reason)
    {
        reason = default;
        first = last = default;
        var parts = text.Split(["..", "至", "～", "~"], StringSplitOptions.TrimEntries);
        if (parts.Length > 2)
        {
            reason = new("日期应为一天或“起..止”", "The date must be one day or first..last");
            return false;
        }

        if (!LedgerDates.Parse(parts.Length == 1 ? cell : parts[0], 0, out first, out reason))
        {
            return false;
        }

        last = first;
        if (parts.Length == 2 && !LedgerDates.Parse(parts[1], 0, out last, out reason))
        {
            return false;
        }

        if (last < first || last.DayNumber - first.DayNumber > 31)
        {
            reason = new("日期范围应从早到晚且不超过一个月", "A range must run forwards and span at most a month");
            return false;
        }

        return true;
    }
}
