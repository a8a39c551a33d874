using System.CommandLine;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Promotion.Files;
using Keystone.Core.Units;
using Keystone.Features.Promotion;
using Keystone.Web;
using Spectre.Console;
using Text = Keystone.Core.Text;

namespace Keystone.Cli;

/// <summary>
/// `keystone leads import FILE [--unit NAME]`, `keystone leads export`, `keystone targets import FILE [--unit NAME]`
/// and `keystone targets export`: the promotion desk's files with the ledger's conventions. An import is all or
/// nothing: every problem is printed and a marked-up copy written beside the file (exit 2, nothing changed);
/// importing the same file again changes nothing.
/// </summary>
public static class PromotionFilesCommand
{
    private sealed record Kind(string Command, Text Title, Text Noun, string FileName, bool Leads);

    private static readonly Kind LeadKind = new("leads", new("招商线索", "Leads"), new("条线索", " leads"), "招商线索", true);

    private static readonly Kind TargetKind = new("targets", new("目标企业库", "The target-enterprise library"), new("家目标企业", " target enterprises"), "目标企业库", false);

    public static Command Leads(CliConsole console) => Create(console, LeadKind);

    public static Command Targets(CliConsole console) => Create(console, TargetKind);

    private static Command Create(CliConsole console, Kind kind)
    {
        var command = new Command(kind.Command, $"{kind.Title.Zh} / {kind.Title.En.ToLowerInvariant()}");
        command.Subcommands.Add(Import(console, kind));
        command.Subcommands.Add(Export(console, kind));
        return command;
    }

    private static OrgUnitInfo Unit(OrgTree tree, string? unit) =>
        unit is { Length: > 0 } u ? tree.Resolve(u)
        : tree.Roots.Count() == 1 ? tree.Roots.Single()
        : throw new DomainException(new("请用 --unit 指定单位", "Name the unit with --unit"), "unit");

    private static Command Import(CliConsole console, Kind kind)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "文件 .xlsx、.xls 或 .csv / the file" };
        var unit = new Option<string?>("--unit") { Description = "导入到的单位（默认顶级单位）/ the unit the rows belong to (default the root)" };
        var sheet = new Option<string?>("--sheet") { Description = "工作表名称 / the sheet" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查，不写入 / check, change nothing" };
        var errors = new Option<FileInfo?>("--errors") { Description = "错误标注文件路径（默认 FILE.errors.xlsx）/ where to write the marked-up copy" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出结果 / print the result as JSON" };
        var command = new Command("import", $"导入{kind.Title.Zh} / import {kind.Title.En.ToLowerInvariant()}") { file, unit, sheet, dryRun, errors, json };
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
            var target = Unit(tree, result.GetValue(unit));
            var today = ScopeOptions.ParseDate(null, c);
            var outcome = kind.Leads
                ? await LeadImport.ApplyAsync(db, target.Id, LeadFile.Read(source, today.Year, result.GetValue(sheet)), today, "cli", c.Clock.GetUtcNow(), result.GetValue(dryRun), ct)
                : await TargetFile.ApplyAsync(db, target.Id, TargetFile.Read(source, result.GetValue(sheet)), result.GetValue(dryRun), ct);
            Keystone.Web.OperationsLog.Import(c.Log, kind.Leads ? "leads" : "promotionTargets", path.Name, KeystoneCli.Operator, outcome.Applied, result.GetValue(dryRun), outcome.Changes.Count, outcome.Problems.Count);
            string? errorsPath = null;
            if (outcome.Problems.Count > 0)
            {
                errorsPath = (result.GetValue(errors) ?? new FileInfo(Path.ChangeExtension(path.FullName, null) + ".errors.xlsx")).FullName;
                await using var output = File.Create(errorsPath);
                ErrorWorkbook.Write(source, outcome.Sheet, outcome.HeaderRow, outcome.Problems, outcome.Columns, output, c.English);
            }

            if (result.GetValue(json))
            {
                c.Raw(JsonSerializer.Serialize(PromotionImportReport.Of(outcome, c.Culture), ApiJson.Options));
            }
            else
            {
                Print(c, path.Name, target.Name, outcome, errorsPath);
            }

            return outcome.Problems.Count > 0 ? 2 : 0;
        }));
        return command;
    }

    private static void Print(CliConsole c, string file, string unit, PromotionImportResult r, string? errorsPath)
    {
        var en = c.English;
        c.Out.MarkupLine(en
            ? $"[bold]{Markup.Escape(file)}[/] → {Markup.Escape(unit)} · sheet {Markup.Escape(r.Sheet)} · header row {r.HeaderRow}"
            : $"[bold]{Markup.Escape(file)}[/] → {Markup.Escape(unit)} · 工作表「{Markup.Escape(r.Sheet)}」· 表头在第{r.HeaderRow}行");
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
            : $"{(r.Applied ? "已导入" : "检查通过（未写入）")}：新增{r.New}条，更新{r.Updated}条，未变{r.Unchanged}条");
        foreach (var change in r.Changes.Where(x => x.Kind == ChangeKind.Updated))
        {
            c.Out.MarkupLine(Markup.Escape($"  {change.Name}: " + string.Join(en ? "; " : "；", change.Fields.Select(f => $"{f.Column} {f.Before} → {f.After}"))));
        }
    }

    private static Command Export(CliConsole console, Kind kind)
    {
        var unit = new Option<string?>("--unit") { Description = "单位（默认顶级单位）/ the unit (default the root)" };
        var output = new Option<FileInfo?>("--out") { Description = $"输出文件（默认 单位{kind.FileName}.xlsx）/ the file to write" };
        var command = new Command("export", $"导出{kind.Title.Zh} .xlsx / export {kind.Title.En.ToLowerInvariant()}") { unit, output };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var target = Unit(tree, result.GetValue(unit));
            var file = result.GetValue(output) ?? new FileInfo($"{target.Name}{kind.FileName}.xlsx");
            if (!file.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                throw new DomainException(new("输出文件应以 .xlsx 结尾", "The output file must end in .xlsx"), "out");
            }

            var temp = file.FullName + ".tmp";
            int count;
            await using (var stream = File.Create(temp))
            {
                count = kind.Leads ? await PromotionExport.LeadsAsync(db, tree, target.Id, stream, ct) : await PromotionExport.TargetsAsync(db, tree, target.Id, stream, ct);
            }

            File.Move(temp, file.FullName, overwrite: true);
            c.Out.MarkupLine(c.English
                ? $"Wrote {count}{kind.Noun.En} of {Markup.Escape(target.Name)} to {Markup.Escape(file.FullName)}"
                : $"已导出{Markup.Escape(target.Name)}{count}{kind.Noun.Zh}到 {Markup.Escape(file.FullName)}");
            return 0;
        }));
        return command;
    }
}
