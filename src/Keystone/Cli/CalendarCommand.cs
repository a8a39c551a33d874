using System.CommandLine;
using System.Globalization;
using Keystone.Core;
using Keystone.Core.Calendar;
using Keystone.Core.Ledger;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>
/// `keystone calendar import FILE | list [--year Y]`: the working-day calendar (法定节假日 and 调休) every deadline
/// is counted on. Keystone ships the State Council's notices for the years its data covers; an operator adds
/// next year's (or corrects one) from the notice, typed as a table of 日期, 类型 (休/班), 名称.
/// </summary>
public static class CalendarCommand
{
    public static Command Create(CliConsole console)
    {
        var calendar = new Command("calendar", "工作日历（法定节假日与调休）/ the working-day calendar (holidays and 调休)");

        var file = new Argument<FileInfo>("FILE") { Description = "节假日安排表 .csv、.xlsx 或 .xls：日期、类型（休/班）、名称 / the notice as a table: 日期, 类型 (休/班), 名称" };
        var import = new Command("import", "导入某年的节假日安排（整年替换）/ import a year's arrangements (replacing that year)") { file };
        import.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new DomainException(new($"找不到文件：{path.FullName}", $"No such file: {path.FullName}"), "FILE");
            }

            var limits = LedgerLimits.From(key => c.Environment(key.Replace(":", "__", StringComparison.Ordinal)));
            LedgerSource source;
            await using (var stream = path.OpenRead())
            {
                source = await LedgerSource.ReadAsync(stream, path.Name, limits, ct);
            }

            var days = CalendarImport.Read(source);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var saved = await CalendarImport.SaveAsync(db, days, c.Clock.GetUtcNow(), KeystoneCli.Operator, ct);
            WorkingCalendar.Current = await CalendarImport.LoadAsync(db, ct);
            Keystone.Web.OperationsLog.Import(c.Log, "calendar", path.Name, KeystoneCli.Operator, applied: true, dryRun: false, saved.Holidays + saved.Workdays, 0);
            var years = string.Join(c.English ? ", " : "、", saved.Years);
            c.Out.MarkupLine(c.English
                ? $"Imported the calendar of {years}: {saved.Holidays} holidays, {saved.Workdays} weekends worked."
                : $"已导入{years}年工作日历：放假{saved.Holidays}天，调休上班{saved.Workdays}天。");
            return 0;
        }));
        calendar.Subcommands.Add(import);

        var year = new Option<int?>("--year") { Description = "年份（默认今年）/ the year (default: this year)" };
        var list = new Command("list", "列出某年的节假日与调休 / list a year's holidays and 调休 days") { year };
        list.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var calendar = await CalendarImport.LoadAsync(db, ct);
            var y = result.GetValue(year) ?? DeskDate.Today(c.Clock).Year;
            var days = calendar.Days.Where(d => d.Date.Year == y).ToList();
            if (days.Count == 0)
            {
                c.Out.MarkupLine(c.English
                    ? $"No notice for {y}: working days are Monday to Friday. Import it with keystone calendar import FILE."
                    : $"{y}年没有节假日安排：工作日按周一至周五计算。可用 keystone calendar import FILE 导入。");
                return 0;
            }

            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns(c.English ? "Date" : "日期", c.English ? "Day" : "星期", c.English ? "Kind" : "类型", c.English ? "Name" : "名称");
            foreach (var d in days)
            {
                table.AddRow(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Date.ToString("ddd", c.Culture),
                    d.Kind == CalendarDayKind.Holiday ? (c.English ? "holiday" : "休") : (c.English ? "worked" : "班"), Markup.Escape(d.Name));
            }

            c.Out.Write(table);
            return 0;
        }));
        calendar.Subcommands.Add(list);
        return calendar;
    }
}
