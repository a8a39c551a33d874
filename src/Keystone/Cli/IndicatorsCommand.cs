using System.CommandLine;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Indicators;
using Keystone.Core.Indicators.Files;
using Keystone.Core.Ledger;
using Keystone.Web;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>
/// `keystone indicators --scope NAME --period 2022-03 [--json]`: a unit's economic indicators with growth, rank and
/// target; `keystone indicators import FILE [--period 2022-03]`: a table of values, all or nothing.
/// </summary>
public static class IndicatorsCommand
{
    public static Command Create(CliConsole console)
    {
        var scope = new Option<string?>("--scope") { Description = "单位（名称、路径或编号）/ the unit (name, path or id)" };
        var period = new Option<string?>("--period") { Description = "月份，如 2022-03（季度取其末月；默认该单位最近有数的月份）/ the month, e.g. 2022-03 (a quarter is its last month)" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var command = new Command("indicators", "经济指标：数值、增速、排名、目标 / economic indicators: value, growth, rank, target") { scope, period, json };
        command.Subcommands.Add(Import(console));
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var name = result.GetValue(scope) ?? throw new DomainException(new("请用 --scope 指定单位", "Name the unit with --scope"), "scope");
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var unit = tree.Resolve(name);
            var month = result.GetValue(period) is { } p ? Period.Parse(p) : await IndicatorData.LatestPeriodAsync(db, unit.Id, DeskDate.Today(c.Clock), ct);
            var rows = await IndicatorData.TableAsync(db, tree, unit.Id, month, ct);
            if (result.GetValue(json))
            {
                c.Raw(JsonSerializer.Serialize(IndicatorReport.Of(month, rows), ApiJson.Options));
                return 0;
            }

            var en = c.English;
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{unit.Name} {month.Year}年{IndicatorWording.Period(month)}"));
            table.AddColumn(en ? "Indicator" : "指标");
            table.AddColumn(new TableColumn(en ? "Value" : "数值").RightAligned());
            table.AddColumn(new TableColumn(en ? "Growth" : "同比增长").RightAligned());
            table.AddColumn(new TableColumn(en ? "Rank" : "排名").RightAligned());
            table.AddColumn(new TableColumn(en ? "Target (gap)" : "年度目标（差距）").RightAligned());
            foreach (var r in rows)
            {
                table.AddRow(
                    Markup.Escape(r.Indicator.Name),
                    Markup.Escape(r.Value is { } v ? IndicatorWording.Value(r.Indicator, v) : "—"),
                    Markup.Escape(r.Growth is { } g ? IndicatorWording.Percent(g, r.Decimals) : "—"),
                    Markup.Escape(r.Standing is { } s ? $"{s.Rank}/{s.Peers}" + (s.Published ? (en ? " (published)" : "（公布）") : "") : "—"),
                    Markup.Escape(r.Target is { } t ? $"{IndicatorWording.Target(r.Indicator, t)}（{IndicatorWording.Gap(r.Indicator, t)}）" : "—"));
            }

            c.Out.Write(table);
            if (rows.Count == 0)
            {
                c.Out.MarkupLine(Markup.Escape(en ? "No indicator values for this month." : "该月没有指标数据。"));
            }

            return 0;
        }));
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "指标表（.xlsx、.xls、.csv）/ the indicators table" };
        var period = new Option<string?>("--period") { Description = "月份，如 2022-03（默认取表中“报告期”列或标题）/ the month (default: the file's 报告期 column or title)" };
        var errors = new Option<FileInfo?>("--errors") { Description = "错误标注文件路径（默认 FILE.errors.xlsx）/ where to write the marked-up copy" };
        var command = new Command("import", "导入经济指标（全部成功才写入）/ import indicator values, all or nothing") { file, period, errors };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new DomainException(new($"找不到文件“{path.FullName}”", $"No file at \"{path.FullName}\""), "file");
            }

            var month = result.GetValue(period) is { } p ? Period.Parse(p) : (Period?)null;
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            LedgerSource source;
            await using (var stream = path.OpenRead())
            {
                source = await LedgerSource.ReadAsync(stream, path.Name, LedgerLimits.Default, ct);
            }

            var outcome = await new IndicatorImport(db, c.Clock).ImportAsync(source, month, KeystoneCli.Operator, ct);
            Keystone.Web.OperationsLog.Import(c.Log, "indicators", path.Name, KeystoneCli.Operator, outcome.Applied, dryRun: false, outcome.Values, outcome.Problems.Count);
            var en = c.English;
            if (!outcome.Applied)
            {
                var copy = (result.GetValue(errors) ?? new FileInfo(Path.ChangeExtension(path.FullName, null) + ".errors.xlsx")).FullName;
                await using (var output = File.Create(copy))
                {
                    ErrorWorkbook.Write(source, outcome.Sheet, outcome.HeaderRow, outcome.Problems, outcome.Columns, output, en);
                }

                c.Raw(en ? $"{path.Name}: nothing imported, {outcome.Problems.Count} problem(s):" : $"{path.Name}：未导入，发现{outcome.Problems.Count}个问题：");
                foreach (var problem in outcome.Problems)
                {
                    c.Raw("  " + problem.ToString(en));
                }

                c.Raw((en ? "Marked-up copy: " : "已标注错误的副本：") + copy);
                return 2;
            }

            var periods = string.Join(en ? ", " : "、", outcome.Periods.Select(x => x.ToString()));
            c.Raw(en ? $"{path.Name}: {outcome.Values} value(s) imported for {periods}." : $"{path.Name}：已导入{outcome.Values}个指标数值（{periods}）。");
            foreach (var created in outcome.UnitsCreated)
            {
                c.Raw((en ? "  new unit: " : "  新建单位：") + created);
            }

            return 0;
        }));
        return command;
    }
}
