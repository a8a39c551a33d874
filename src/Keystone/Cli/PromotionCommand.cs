using System.CommandLine;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Promotion;
using Keystone.Features.Promotion;
using Keystone.Web;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>`keystone promotion`: the promotion figures of a scope, year and date (招商引资), as a table or the JSON of GET /api/promotion/figures.</summary>
public static class PromotionCommand
{
    public static Command Create(CliConsole console)
    {
        var scopeOption = ScopeOptions.Scope();
        var yearOption = ScopeOptions.Year();
        var asOfOption = ScopeOptions.AsOf();
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var command = new Command("promotion", "招商引资：线索、签约、开工落地 / the promotion figures: leads, signings, landed") { scopeOption, yearOption, asOfOption, json };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var asOf = ScopeOptions.ParseDate(result.GetValue(asOfOption), c);
            var year = result.GetValue(yearOption) ?? asOf.Year;
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var scope = tree.Resolve(result.GetValue(scopeOption)!);
            var figures = await PromotionData.FiguresAsync(db, tree, scope, year, asOf, ct);
            var report = PromotionFiguresDto.Of(scope.Name, figures, tree);
            if (result.GetValue(json))
            {
                c.Raw(JsonSerializer.Serialize(report, ApiJson.Options));
                return 0;
            }

            Print(c, report);
            return 0;
        }));
        return command;
    }

    private static void Print(CliConsole c, PromotionFiguresDto r)
    {
        var en = c.English;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"{r.Scope} {r.Year}" + (en ? $" as of {r.AsOf}" : $"年 截至{r.AsOf}")));
        table.AddColumn(en ? "Figure" : "指标");
        table.AddColumn(new TableColumn(en ? "Value" : "数值").RightAligned());
        void Row(string zh, string english, string value) => table.AddRow(Markup.Escape(en ? english : zh), Markup.Escape(value));
        Row("线索总数", "Leads", $"{r.Leads}");
        foreach (var stage in PromotionVocabulary.Stages)
        {
            Row("　" + PromotionVocabulary.Name(stage), "  " + PromotionVocabulary.Code(stage), $"{r.ByStage[PromotionVocabulary.Code(stage)]}");
        }

        Row("　搁置 / 终止", "  shelved / terminated", $"{r.ByStage["shelved"]} / {r.ByStage["terminated"]}");
        Row("新签约项目（任务）", "Signed (task)", $"{r.Signed}（{r.SignedTarget?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"}）");
        Row("签约总额", "Signed amount", new Money(r.SignedAmount).ToString());
        Row("完成年度任务", "Of the task", r.SignedRate is { } rate ? ChineseFormat.Percent(new Percent(rate)) : "—");
        Row("开工落地", "Landed", $"{r.Landed}");
        Row("签约到开工平均天数", "Days from signing to start", r.AverageDaysToStart is { } d ? ChineseFormat.Trim(d) : "—");
        Row("未跟进（黄/红）", "Stale leads", $"{r.Stale}");
        c.Out.Write(table);
        foreach (var w in r.Waiting)
        {
            c.Out.MarkupLine(Markup.Escape(en ? $"Signed, not started: {w.Name} ({w.Days} days since {w.SignedOn})" : $"已签约未开工：{w.Name}（{w.SignedOn}签约，已{w.Days}天）"));
        }
    }
}
