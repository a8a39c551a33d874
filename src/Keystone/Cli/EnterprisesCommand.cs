using System.CommandLine;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Enterprises;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Ledger;
using Keystone.Core.Units;
using Keystone.Features.Enterprises;
using Keystone.Web;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>
/// `keystone enterprises import FILE` and `keystone enterprises export`: the enterprise register (企业库) as .xlsx,
/// with the ledger's conventions. An import is all or nothing: every problem is printed and a marked-up copy
/// written beside the file (exit 2, nothing changed); importing the same file again changes nothing.
/// </summary>
public static class EnterprisesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("enterprises", "企业库 / the enterprise register");
        command.Subcommands.Add(Import(console));
        command.Subcommands.Add(Export(console));
        var figures = new Command("figures", "企业月度数据 / enterprises' monthly figures");
        figures.Subcommands.Add(FiguresImportCommand(console));
        command.Subcommands.Add(figures);
        return command;
    }

    private static Command FiguresImportCommand(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "统计局企业数据表 .xlsx、.xls 或 .csv / the statistics office's table" };
        var period = new Option<string?>("--period") { Description = "月份，如 2024-03（文件标题写明月份时以标题为准）/ the month, e.g. 2024-03 (the file's title, when it names one, comes first)" };
        var scope = new Option<string?>("--scope") { Description = "单位（默认顶级单位）/ the unit (default the root)" };
        var createMissing = new Option<bool>("--create-missing") { Description = "企业库中没有的企业登记到该单位 / register unknown enterprises to the unit" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查，不写入 / check, change nothing" };
        var errors = new Option<FileInfo?>("--errors") { Description = "错误标注文件路径（默认 FILE.errors.xlsx）/ where to write the marked-up copy" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出结果 / print the result as JSON" };
        var command = new Command("import", "导入统计局企业月度数据 / import the statistics office's monthly figures") { file, period, scope, createMissing, dryRun, errors, json };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new DomainException(new($"找不到文件“{path.FullName}”", $"No file at \"{path.FullName}\""), "file");
            }

            var given = result.GetValue(period) is { Length: > 0 } p ? EnterpriseServiceApi.ParsePeriod(p, "period") : (Period?)null;
            var limits = LedgerLimits.From(key => c.Environment(key.Replace(":", "__", StringComparison.Ordinal)));
            LedgerSource source;
            await using (var stream = path.OpenRead())
            {
                source = await LedgerSource.ReadAsync(stream, path.Name, limits, ct);
            }

            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var unit = Scope(tree, result.GetValue(scope));
            var outcome = await FiguresImport.ApplyAsync(db, tree, unit.Id, source, given, result.GetValue(createMissing), KeystoneCli.Operator, c.Clock.GetUtcNow(), result.GetValue(dryRun), ct);
            OperationsLog.Import(c.Log, "enterpriseFigures", path.Name, KeystoneCli.Operator, outcome.Applied, result.GetValue(dryRun), outcome.Changes.Count, outcome.Problems.Count);
            string? errorsPath = null;
            if (outcome.Problems.Count > 0)
            {
                errorsPath = (result.GetValue(errors) ?? new FileInfo(Path.ChangeExtension(path.FullName, null) + ".errors.xlsx")).FullName;
                await using var output = File.Create(errorsPath);
                ErrorWorkbook.Write(source, outcome.Sheet, outcome.HeaderRow, outcome.Problems, outcome.Columns, output, c.English);
            }

            if (result.GetValue(json))
            {
                c.Raw(JsonSerializer.Serialize(FiguresReport.Of(outcome, c.Culture), ApiJson.Options));
            }
            else
            {
                PrintFigures(c, path.Name, outcome, errorsPath);
            }

            return outcome.Problems.Count > 0 ? 2 : 0;
        }));
        return command;
    }

    private static void PrintFigures(CliConsole c, string file, FiguresImportResult r, string? errorsPath)
    {
        var en = c.English;
        c.Out.MarkupLine(en
            ? $"[bold]{Markup.Escape(file)}[/] · sheet {Markup.Escape(r.Sheet)} · header row {r.HeaderRow}"
            : $"[bold]{Markup.Escape(file)}[/] · 工作表「{Markup.Escape(r.Sheet)}」· 表头在第{r.HeaderRow}行");
        if (r.Period is { } month)
        {
            c.Out.MarkupLine(Markup.Escape(FiguresReport.PeriodLine(r, en)));
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
            c.Out.MarkupLine(en ? $"[red]{r.Problems.Count} problem(s); nothing was imported.[/]" : $"[red]共{r.Problems.Count}处问题，未导入任何数据。[/]");
            if (errorsPath is not null)
            {
                c.Out.MarkupLine((en ? "Marked-up copy: " : "已标注错误的副本：") + Markup.Escape(errorsPath));
            }

            return;
        }

        c.Out.MarkupLine(Markup.Escape(FiguresReport.CountLine(r, en)));
    }

    private static OrgUnitInfo Scope(OrgTree tree, string? scope) =>
        scope is { Length: > 0 } s ? tree.Resolve(s)
        : tree.Roots.Count() == 1 ? tree.Roots.Single()
        : throw new DomainException(new("请用 --scope 指定单位", "Name the unit with --scope"), "scope");

    private static Command Import(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "企业库文件 .xlsx、.xls 或 .csv / the register file" };
        var scope = new Option<string?>("--scope") { Description = "导入到的单位（默认顶级单位）；新企业登记在“所属区域”列的单位 / the importing unit (default the root); new enterprises are registered to their 所属区域" };
        var sheet = new Option<string?>("--sheet") { Description = "工作表名称 / the sheet" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查，不写入 / check, change nothing" };
        var errors = new Option<FileInfo?>("--errors") { Description = "错误标注文件路径（默认 FILE.errors.xlsx）/ where to write the marked-up copy" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出结果 / print the result as JSON" };
        var command = new Command("import", "导入企业库 / import the register") { file, scope, sheet, dryRun, errors, json };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw new DomainException(new($"找不到文件“{path.FullName}”", $"No file at \"{path.FullName}\""), "file");
            }

            var limits = LedgerLimits.From(key => c.Environment(key.Replace(":", "__", StringComparison.Ordinal)));
            LedgerSource source;
            await using (var stream = path.OpenRead())
            {
                source = await LedgerSource.ReadAsync(stream, path.Name, limits, ct);
            }

            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var unit = Scope(tree, result.GetValue(scope));
            var read = RegisterFile.Read(source, ScopeOptions.ParseDate(null, c).Year, result.GetValue(sheet));
            var outcome = await RegisterImport.ApplyAsync(db, tree, unit.Id, read, result.GetValue(dryRun), ct);
            OperationsLog.Import(c.Log, "enterpriseRegister", path.Name, KeystoneCli.Operator, outcome.Applied, result.GetValue(dryRun), outcome.Changes.Count, outcome.Problems.Count);
            string? errorsPath = null;
            if (outcome.Problems.Count > 0)
            {
                errorsPath = (result.GetValue(errors) ?? new FileInfo(Path.ChangeExtension(path.FullName, null) + ".errors.xlsx")).FullName;
                await using var output = File.Create(errorsPath);
                ErrorWorkbook.Write(source, outcome.Sheet, outcome.HeaderRow, outcome.Problems, read.Columns, output, c.English);
            }

            if (result.GetValue(json))
            {
                c.Raw(JsonSerializer.Serialize(RegisterReport.Of(outcome, c.Culture), ApiJson.Options));
            }
            else
            {
                Print(c, path.Name, outcome, errorsPath);
            }

            return outcome.Problems.Count > 0 ? 2 : 0;
        }));
        return command;
    }

    private static void Print(CliConsole c, string file, RegisterImportResult r, string? errorsPath)
    {
        var en = c.English;
        c.Out.MarkupLine(en
            ? $"[bold]{Markup.Escape(file)}[/] · sheet {Markup.Escape(r.Sheet)} · header row {r.HeaderRow}"
            : $"[bold]{Markup.Escape(file)}[/] · 工作表「{Markup.Escape(r.Sheet)}」· 表头在第{r.HeaderRow}行");
        if (r.Problems.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns(en ? "Row" : "行", en ? "Column" : "列", en ? "Value" : "值", en ? "Why" : "原因");
            foreach (var p in r.Problems)
            {
                table.AddRow(p.Row.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(p.Column ?? ""), Markup.Escape(p.Value ?? ""), Markup.Escape(en ? p.Reason.En : p.Reason.Zh));
            }

            c.Out.Write(table);
            c.Out.MarkupLine(en ? $"[red]{r.Problems.Count} problem(s); nothing was imported.[/]" : $"[red]共{r.Problems.Count}处问题，未导入任何数据。[/]");
            if (errorsPath is not null)
            {
                c.Out.MarkupLine((en ? "Marked-up copy: " : "已标注错误的副本：") + Markup.Escape(errorsPath));
            }

            return;
        }

        c.Out.MarkupLine(en
            ? $"{(r.Applied ? "Imported" : "Checked (dry run)")}: {r.New} new, {r.Updated} updated, {r.Unchanged} unchanged"
            : $"{(r.Applied ? "已导入" : "检查通过（未写入）")}：新增{r.New}家，更新{r.Updated}家，未变{r.Unchanged}家");
        foreach (var change in r.Changes.Where(x => x.Kind == ChangeKind.Updated))
        {
            c.Out.MarkupLine(Markup.Escape($"  {change.Name}: " + string.Join(en ? "; " : "；", change.Fields.Select(f => $"{f.Column} {f.Before} → {f.After}"))));
        }
    }

    private static Command Export(CliConsole console)
    {
        var scope = new Option<string?>("--scope") { Description = "单位（默认顶级单位）/ the unit (default the root)" };
        var output = new Option<FileInfo?>("--out") { Description = "输出文件（默认 企业库.xlsx）/ the file to write (default 企业库.xlsx)" };
        var command = new Command("export", "导出企业库 .xlsx / export the register") { scope, output };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var unit = Scope(tree, result.GetValue(scope));
            var file = result.GetValue(output) ?? new FileInfo($"{unit.Name}企业库.xlsx");
            if (!file.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                throw new DomainException(new("输出文件应以 .xlsx 结尾", "The output file must end in .xlsx"), "out");
            }

            var temp = file.FullName + ".tmp";
            int count;
            await using (var stream = File.Create(temp))
            {
                count = await RegisterExport.WriteAsync(db, tree, unit.Id, stream, ct);
            }

            File.Move(temp, file.FullName, overwrite: true);
            c.Out.MarkupLine(c.English
                ? $"Wrote {count} enterprises of {Markup.Escape(unit.Name)} to {Markup.Escape(file.FullName)}"
                : $"已导出{Markup.Escape(unit.Name)}企业{count}家到 {Markup.Escape(file.FullName)}");
            return 0;
        }));
        return command;
    }
}
