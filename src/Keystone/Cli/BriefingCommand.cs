using System.CommandLine;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Documents;
using Keystone.Core.Figures;
using Keystone.Web;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>`keystone briefing`: the 通报 drafted from the figures, as text, JSON, .docx or .xlsx.</summary>
public static class BriefingCommand
{
    public static Command Create(CliConsole console)
    {
        var scopeOption = ScopeOptions.Scope();
        var yearOption = ScopeOptions.Year();
        var asOfOption = ScopeOptions.AsOf();
        var format = new Option<string>("--format") { Description = "text|json|docx|xlsx", DefaultValueFactory = _ => "text" };
        var outOption = new Option<FileInfo?>("--out") { Description = "输出文件（docx、xlsx 默认写到当前目录）/ the file to write" };
        var issuer = new Option<string?>("--issuer") { Description = "发文机关标志，如“阳泉高新区管委会”（docx）/ the issuing body line of the .docx" };
        var briefingKind = new Option<string>("--kind") { Description = "projects（重点项目通报，默认）| economy（经济运行分析，按 --period 月份）/ the project briefing (default) or the economy one", DefaultValueFactory = _ => "projects" };
        var periodOption = new Option<string?>("--period") { Description = "与 --kind economy 同用：月份，如 2022-03（默认最近有数的月份）/ with --kind economy: the month" };
        var command = new Command("briefing", "起草通报 / draft the briefing") { scopeOption, yearOption, asOfOption, format, outOption, issuer, briefingKind, periodOption };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var kind = result.GetValue(format)!.Trim().ToLowerInvariant();
            if (kind is not ("text" or "json" or "docx" or "xlsx"))
            {
                throw new DomainException(new($"格式“{kind}”无效：可用 text、json、docx、xlsx", $"The format \"{kind}\" is not valid: use text, json, docx or xlsx"), "format");
            }

            var asOf = ScopeOptions.ParseDate(result.GetValue(asOfOption), c);
            var year = result.GetValue(yearOption) ?? asOf.Year;
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var scope = tree.Resolve(result.GetValue(scopeOption)!);
            var file = result.GetValue(outOption);
            if (result.GetValue(briefingKind)?.Trim().ToLowerInvariant() is "economy" or "经济运行")
            {
                return await EconomyAsync(c, db, tree, scope, result.GetValue(periodOption), kind, file, result.GetValue(issuer), ct);
            }

            var drafted = await ScopeDesk.BriefingAsync(db, tree, scope, year, asOf, ct);

            switch (kind)
            {
                case "text" or "json":
                    var text = kind == "text"
                        ? drafted.Briefing.ToPlainText()
                        : JsonSerializer.Serialize(BriefingReport.Of(scope.Name, drafted), ApiJson.Options);
                    if (file is null)
                    {
                        c.Raw(text);
                    }
                    else
                    {
                        await File.WriteAllTextAsync(file.FullName, text + "\n", ct);
                        c.Out.MarkupLine((c.English ? "Wrote " : "已写入 ") + Markup.Escape(file.FullName));
                    }

                    break;
                default:
                    var path = (file ?? new FileInfo($"{scope.Name}{year}年重点项目通报（截至{asOf:yyyyMMdd}）.{kind}")).FullName;
                    await using (var output = File.Create(path))
                    {
                        if (kind == "docx")
                        {
                            BriefingDocx.Write(drafted.Briefing, new BriefingDocxOptions { IssuingBody = result.GetValue(issuer), Date = asOf, Created = c.Clock.GetUtcNow() }, output);
                        }
                        else
                        {
                            BriefingXlsx.Write(drafted.Input, drafted.Briefing, output);
                        }
                    }

                    c.Out.MarkupLine((c.English ? "Wrote " : "已写入 ") + Markup.Escape(path));
                    break;
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The 经济运行 briefing (keystone briefing --kind economy): text, JSON or .docx.</summary>
    private static async Task<int> EconomyAsync(
        CliConsole c, Keystone.Core.Data.AppDbContext db, Keystone.Core.Units.OrgTree tree, Keystone.Core.Units.OrgUnitInfo scope, string? period, string format, FileInfo? file, string? issuer, CancellationToken ct)
    {
        var month = period is { } p ? Period.Parse(p) : await IndicatorData.LatestPeriodAsync(db, scope.Id, DeskDate.Today(c.Clock), ct);
        // The pool's thresholds as the server reads them (Keystone__Enterprises__Thresholds__工业 …).
        var thresholds = Keystone.Core.Enterprises.PoolThresholds.From(k => c.Environment(k.Replace(":", "__", StringComparison.Ordinal)));
        var briefing = EconomyBriefingWriter.Write(await EnterpriseContributionData.EconomyAsync(db, tree, scope, month, thresholds, DeskDate.Today(c.Clock), ct));
        switch (format)
        {
            case "text" or "json":
                var text = format == "text" ? briefing.ToPlainText() : JsonSerializer.Serialize(briefing, ApiJson.Options);
                if (file is null)
                {
                    c.Raw(text);
                }
                else
                {
                    await File.WriteAllTextAsync(file.FullName, text + "\n", ct);
                    c.Out.MarkupLine((c.English ? "Wrote " : "已写入 ") + Markup.Escape(file.FullName));
                }

                return 0;
            case "docx":
                var path = (file ?? new FileInfo(briefing.Title + ".docx")).FullName;
                await using (var output = File.Create(path))
                {
                    BriefingDocx.Write(briefing, new BriefingDocxOptions { IssuingBody = issuer, Date = month.LastDay, Created = c.Clock.GetUtcNow() }, output);
                }

                c.Out.MarkupLine((c.English ? "Wrote " : "已写入 ") + Markup.Escape(path));
                return 0;
            default:
                throw new DomainException(new("经济运行通报可输出 text、json 或 docx", "The economy briefing comes as text, json or docx"), "format");
        }
    }
}
