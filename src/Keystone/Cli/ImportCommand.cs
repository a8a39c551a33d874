using System.CommandLine;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Web;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>
/// `keystone import FILE`: a ledger (.xlsx, .xls or .csv) into the database, all or nothing. Every problem is
/// printed (sheet, row, column, value, why) and a copy of the file with the bad cells marked is written
/// next to it; exit 2 then, and nothing changed.
/// </summary>
public static class ImportCommand
{
    private static readonly Argument<FileInfo> File = new("FILE") { Description = "台账文件 .xlsx、.xls 或 .csv / the ledger file" };
    private static readonly Option<int?> Year = new("--year") { Description = "计划年度（默认取标题中的年份，否则今年）/ the plan year (default: the year the title names, else this year)" };
    private static readonly Option<string?> Sheet = new("--sheet") { Description = "工作表名称（默认第一个含台账表头的表）/ the sheet (default: the first with a ledger header)" };
    private static readonly Option<string[]> Map = new("--map") { Description = "表头=字段，可多次 / header=field, repeatable (fields: " + string.Join(", ", LedgerFormat.Fields.Select(LedgerFormat.Key)) + ")", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<bool> GoodRowsOnly = new("--good-rows-only") { Description = "只导入无误的行，报告其余 / import the good rows and report the rest" };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "只检查，不写入 / check and count, change nothing" };
    private static readonly Option<string?> PeriodOption = new("--period") { Description = "本年/累计完成投资所属月份，如 2024-03 / the month the progress columns are for" };
    private static readonly Option<string?> Reason = new("--reason") { Description = "更正原因：台账修改已关账月份的数据时必填 / the correction reason, needed when the ledger changes what a closed month counts" };
    private static readonly Option<FileInfo?> Errors = new("--errors") { Description = "错误标注文件路径（默认 FILE.errors.xlsx）/ where to write the marked-up copy" };
    private static readonly Option<string?> Province = new("--province") { Description = "各行城市所属的省，新建的市和区县放在其下（默认山西省）/ the province the rows' cities are in, and new ones go under (default 山西省)" };
    private static readonly Option<bool> Json = new("--json") { Description = "以 JSON 输出结果 / print the result as JSON" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("import", "导入台账 / import a ledger (.xlsx, .xls, .csv)")
        {
            File, Year, Sheet, Map, GoodRowsOnly, DryRun, PeriodOption, Reason, Province, Errors, Json,
        };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var file = result.GetValue(File)!;
            if (!file.Exists)
            {
                throw new DomainException(new($"找不到文件“{file.FullName}”", $"No file at \"{file.FullName}\""), "file");
            }

            var limits = LedgerLimits.From(key => c.Environment(key.Replace(":", "__", StringComparison.Ordinal)));
            var options = new LedgerImportOptions
            {
                Limits = limits,
                Year = result.GetValue(Year),
                Sheet = result.GetValue(Sheet),
                Map = LedgerFormat.ParseMap(result.GetValue(Map) ?? []),
                GoodRowsOnly = result.GetValue(GoodRowsOnly),
                DryRun = result.GetValue(DryRun),
                Period = result.GetValue(PeriodOption) is { } p ? Period.Parse(p) : null,
                CorrectionReason = result.GetValue(Reason),
                By = Environment.UserName,
            };
            if (result.GetValue(Province) is { Length: > 0 } province)
            {
                options = options with { Province = province.Trim() };
            }

            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            LedgerSource source;
            await using (var stream = file.OpenRead())
            {
                source = await LedgerSource.ReadAsync(stream, file.Name, limits, ct);
            }

            var importer = new LedgerImporter(db, c.Clock);
            var outcome = await KeystoneTelemetry.ImportAsync(c.Log, file.Name, KeystoneCli.Operator, options,
                () => CliProgress.RunAsync(c, c.English ? "Importing" : "导入", progress => importer.ImportAsync(source, options, progress, ct)));

            string? errorsPath = null;
            if (outcome.Problems.Count > 0)
            {
                errorsPath = (result.GetValue(Errors) ?? new FileInfo(Path.ChangeExtension(file.FullName, null) + ".errors.xlsx")).FullName;
                await using var output = System.IO.File.Create(errorsPath);
                ErrorWorkbook.Write(source, outcome, output, c.English);
            }

            if (result.GetValue(Json))
            {
                c.Raw(JsonSerializer.Serialize(LedgerImportReport.Of(outcome, errorsPath, c.Culture), ApiJson.Options));
            }
            else
            {
                Print(c, file.Name, outcome, errorsPath, options);
            }

            return outcome.Problems.Count > 0 && !options.GoodRowsOnly ? 2 : 0;
        }));
        return command;
    }

    private static void Print(CliConsole c, string file, LedgerImportResult r, string? errorsPath, LedgerImportOptions options)
    {
        var en = c.English;
        c.Out.MarkupLine(en
            ? $"[bold]{Markup.Escape(file)}[/] · sheet {Markup.Escape(r.Sheet)} · header row {r.HeaderRow} · plan year {r.Year} ({LedgerPlanYear.Describe(r.YearFrom).En}) · progress of {r.Period}"
            : $"[bold]{Markup.Escape(file)}[/] · 工作表「{Markup.Escape(r.Sheet)}」· 表头在第{r.HeaderRow}行 · {r.Year}年度计划（{LedgerPlanYear.Describe(r.YearFrom).Zh}）· 进度为{r.Period.Year}年{r.Period.Month}月");
        if (r.UnknownHeaders.Count > 0)
        {
            c.Out.MarkupLine((en ? "[yellow]Columns not imported:[/] " : "[yellow]未导入的列：[/]") + Markup.Escape(string.Join(en ? ", " : "、", r.UnknownHeaders)));
        }

        if (r.Problems.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns(en ? "Row" : "行", en ? "Column" : "列", en ? "Value" : "值", en ? "Why" : "原因");
            foreach (var p in r.Problems)
            {
                table.AddRow(p.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(p.Column ?? ""), Markup.Escape(p.Value ?? ""), Markup.Escape(en ? p.Reason.En : p.Reason.Zh));
            }

            c.Out.Write(table);
            c.Out.MarkupLine(en
                ? $"[red]{r.Problems.Count} problem(s) in {r.BadRows} row(s).[/]"
                : $"[red]{r.BadRows}行有问题，共{r.Problems.Count}处。[/]");
            if (errorsPath is not null)
            {
                c.Out.MarkupLine((en ? "Marked-up copy: " : "已标注错误的副本：") + Markup.Escape(errorsPath));
            }
        }

        if (!r.Applied && !options.DryRun)
        {
            c.Out.MarkupLine(en
                ? "[red]Nothing was imported.[/] Fix the rows above and import again, or use --good-rows-only."
                : "[red]未导入任何数据。[/]请修改以上各行后重新导入，或使用 --good-rows-only 只导入无误的行。");
            return;
        }

        c.Out.MarkupLine((options.DryRun ? (en ? "[bold]Dry run[/] — would be: " : "[bold]试导入[/]（未写入）：") : "")
            + (en ? $"{r.New} new, {r.Updated} updated, {r.Unchanged} unchanged." : $"新增{r.New}个，更新{r.Updated}个，未变{r.Unchanged}个。"));
        if (r.CreatedUnits.Count > 0)
        {
            c.Out.MarkupLine((en ? "New units: " : "新建单位：") + Markup.Escape(string.Join(en ? ", " : "、", r.CreatedUnits)));
        }

        foreach (var change in r.Changes.Where(x => x.Kind == ChangeKind.Updated).Take(50))
        {
            c.Out.MarkupLine($"  {Markup.Escape(change.Code)} {Markup.Escape(change.Name)}: " + Markup.Escape(string.Join(en ? "; " : "；", change.Fields.Select(f => $"{f.Column} {f.Before} → {f.After}"))));
        }

        if (r.Updated > 50)
        {
            c.Out.MarkupLine(en ? $"  … and {r.Updated - 50} more" : $"  ……另有{r.Updated - 50}个");
        }
    }
}
