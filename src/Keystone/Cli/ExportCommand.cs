using System.CommandLine;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>`keystone export`: a scope's ledger for a year in the standard template (.xlsx or .csv).</summary>
public static class ExportCommand
{
    private static readonly Option<string> Scope = new("--scope") { Description = "单位（名称、路径或编号）/ the unit (name, path or id)", Required = true };
    private static readonly Option<int> Year = new("--year") { Description = "计划年度 / the plan year", Required = true };
    private static readonly Option<FileInfo> Out = new("--out") { Description = "输出文件 .xlsx 或 .csv / the file to write", Required = true };
    private static readonly Option<string?> PeriodOption = new("--period") { Description = "进度截至月份（默认该年最近有填报的月份）/ the month progress is stated for (default: the latest reported)" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("export", "导出台账 / export a ledger") { Scope, Year, Out, PeriodOption };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var file = result.GetValue(Out)!;
            var format = file.Extension.ToLowerInvariant() switch
            {
                ".xlsx" => LedgerExportFormat.Xlsx,
                ".csv" => LedgerExportFormat.Csv,
                _ => throw new DomainException(new("输出文件应以 .xlsx 或 .csv 结尾", "The output file must end in .xlsx or .csv"), "out"),
            };
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var scope = tree.Resolve(result.GetValue(Scope)!);
            var year = result.GetValue(Year);
            var units = tree.Subtree(scope.Id);
            var exporter = new LedgerExporter(db);
            var period = result.GetValue(PeriodOption) is { } p ? Period.Parse(p) : await exporter.LatestPeriodAsync(units, year, ct) ?? LedgerImporter.DefaultPeriod(year, c.Clock);
            var temp = file.FullName + ".tmp";
            int count;
            await using (var output = File.Create(temp))
            {
                count = await exporter.WriteAsync(output, format, tree, scope.Name, units, year, period, ct);
            }

            File.Move(temp, file.FullName, overwrite: true);
            c.Out.MarkupLine(c.English
                ? $"Wrote {count} projects of {Markup.Escape(scope.Name)} ({year}, progress as of {period}) to {Markup.Escape(file.FullName)}"
                : $"已导出{Markup.Escape(scope.Name)}{year}年项目{count}个（进度截至{period.Year}年{period.Month}月）到 {Markup.Escape(file.FullName)}");
            return 0;
        }));
        return command;
    }
}
