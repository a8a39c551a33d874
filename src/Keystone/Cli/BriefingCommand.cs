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
        var command = new Command("briefing", "起草通报 / draft the briefing") { scopeOption, yearOption, asOfOption, format, outOption, issuer };
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
            var drafted = await ScopeDesk.BriefingAsync(db, tree, scope, year, asOf, ct);
            var file = result.GetValue(outOption);

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
}
