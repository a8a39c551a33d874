using System.CommandLine;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Targets;
using Keystone.Web;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>`keystone figures`: the figures leaders quote for a scope, year and date, as a table or JSON.</summary>
public static class FiguresCommand
{
    public static Command Create(CliConsole console)
    {
        var scopeOption = ScopeOptions.Scope();
        var yearOption = ScopeOptions.Year();
        var asOfOption = ScopeOptions.AsOf();
        var levelOption = new Option<string?>("--level") { Description = "只看某级别：provincial|municipal|zone|ordinary 或 省级重点… / narrow to one level" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var rank = new Option<bool>("--rank") { Description = "列出下级单位排名（红黑榜）/ rank the units below the scope" };
        var kindOption = new Option<string?>("--kind") { Description = "与 --rank 同用：zone|county|city，排名范围内所有该类单位（默认直属下级）/ with --rank: every unit of this kind below the scope (default: the direct children)" };
        var command = new Command("figures", "开工率、复工率、投资完成率等 / the figures: start rates, completion, pace") { scopeOption, yearOption, asOfOption, levelOption, json, rank, kindOption };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var asOf = ScopeOptions.ParseDate(result.GetValue(asOfOption), c);
            var year = result.GetValue(yearOption) ?? asOf.Year;
            var level = result.GetValue(levelOption) is { } l ? PlanRowFilter.ParseLevel(l) : (Keystone.Core.Projects.ProjectLevels?)null;
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var scope = tree.Resolve(result.GetValue(scopeOption)!);
            if (result.GetValue(rank) || result.GetValue(kindOption) is not null)
            {
                return await RankAsync(c, db, tree, scope, year, asOf, Ranking.ParseKind(result.GetValue(kindOption)), result.GetValue(json), ct);
            }

            var figures = await ScopeDesk.FiguresAsync(db, tree, scope, year, asOf, level is { } f ? new PlanRowFilter { Levels = f } : null, ct);
            var targets = level is null ? await TargetData.StandingAsync(db, tree, scope, figures.Figures, ct) : null;
            var report = FiguresReport.Of(scope.Name, figures.Figures, level) with
            {
                Standing = level is null ? await ScopeDesk.StandingAsync(db, tree, scope, year, asOf, ct: ct) : null,
                InvestmentGrowth = targets is null ? null : GrowthReport.Of(targets.Growth),
                Targets = targets is null ? null : TargetReport.Object(targets.Against),
            };
            if (result.GetValue(json))
            {
                c.Raw(JsonSerializer.Serialize(report, ApiJson.Options));
                return 0;
            }

            Print(c, report, figures);
            return 0;
        }));
        return command;
    }

    /// <summary>The units below the scope ranked (列第N位) as /api/figures/breakdown?by=unit&amp;kind= ranks them, best first.</summary>
    private static async Task<int> RankAsync(CliConsole c, Keystone.Core.Data.AppDbContext db, Keystone.Core.Units.OrgTree tree, Keystone.Core.Units.OrgUnitInfo scope, int year, DateOnly asOf, Keystone.Core.Units.OrgUnitKind? kind, bool json, CancellationToken ct)
    {
        var rows = (await ScopeDesk.RowsAsync(db, tree, scope, year, asOf, ct)).Rows;
        var groups = Ranking.Groups(tree, scope.Id, kind);
        var ranked = FiguresEngine.ByUnit(rows, year, asOf, id => groups.TryGetValue(id, out var g) ? g : null)
            .OrderBy(u => u.OverallStartRateRank).ThenBy(u => tree[u.UnitId].Name, StringComparer.Ordinal)
            .ToList();
        if (json)
        {
            c.Raw(JsonSerializer.Serialize(
                ranked.Select(u => new
                {
                    Unit = tree[u.UnitId].Name,
                    Path = tree.PathOf(u.UnitId),
                    u.OverallStartRateRank,
                    u.CompletionRateRank,
                    u.PaceRank,
                    Figures = FiguresReport.Of(tree[u.UnitId].Name, u.Figures),
                }),
                ApiJson.Options));
            return 0;
        }

        var en = c.English;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"{scope.Name} {year}" + (en ? $" as of {asOf:yyyy-MM-dd}" : $"年 截至{ChineseFormat.Date(asOf)}")));
        table.AddColumn(en ? "Unit" : "单位");
        table.AddColumn(new TableColumn(en ? "Start rate (rank)" : "总开工率（名次）").RightAligned());
        table.AddColumn(new TableColumn(en ? "Completion (rank)" : "投资完成率（名次）").RightAligned());
        foreach (var u in ranked)
        {
            table.AddRow(
                Markup.Escape(tree.PathOf(u.UnitId)),
                Markup.Escape($"{ChineseFormat.Percent(u.Figures.OverallStartRate)}（{u.OverallStartRateRank}）"),
                Markup.Escape($"{ChineseFormat.Percent(u.Figures.CompletionRate)}（{u.CompletionRateRank}）"));
        }

        c.Out.Write(table);
        return 0;
    }

    private static void Print(CliConsole c, FiguresReport r, ScopeFiguresResult result)
    {
        var en = c.English;
        var f = result.Figures;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"{r.Scope} {r.Year}" + (en ? $" as of {r.AsOf:yyyy-MM-dd}" : $"年 截至{ChineseFormat.Date(r.AsOf)}") + (r.Level is null ? "" : $" · {r.Level}")));
        table.AddColumn(en ? "Figure" : "指标");
        table.AddColumn(new TableColumn(en ? "Value" : "数值").RightAligned());
        void Row(string zh, string english, string value) => table.AddRow(Markup.Escape(en ? english : zh), Markup.Escape(value));
        Row("谋划实施项目", "Projects in the plan", $"{f.Planned}");
        Row("总投资", "Total investment", f.TotalInvestment.ToString());
        Row("年度计划投资", "Annual plan", f.AnnualPlan.ToString());
        Row("续建 / 新建", "Continuing / new", $"{f.Continuing} / {f.New}");
        Row("复工（复工率）", "Resumed (rate)", $"{f.Resumed}（{ChineseFormat.Percent(f.ResumeRate)}）");
        Row("新开工（开工率）", "Newly started (rate)", $"{f.NewlyStarted}（{ChineseFormat.Percent(f.StartRate)}）");
        Row("已开工（总开工率）", "Started (overall rate)", $"{f.Started}（{ChineseFormat.Percent(f.OverallStartRate)}）");
        Row("完成投资", "Completed investment", f.CompletedInvestment.ToString());
        Row("投资完成率", "Completion rate", ChineseFormat.Percent(f.CompletionRate));
        Row("序时进度", "Time elapsed", ChineseFormat.Percent(f.TimeElapsed));
        Row("超/欠序时进度", "Pace", f.Pace is { } p ? ChineseFormat.Points(p) : "—");
        if (r.InvestmentGrowth is { } growth)
        {
            Row("完成投资增速（同比）", "Investment growth (year on year)", growth.Growth is { } g ? ChineseFormat.Trim(g) + "%" : "—");
        }

        foreach (var (key, t) in r.Targets ?? new Dictionary<string, TargetReport>())
        {
            Row("目标 " + key, "Target " + key, $"{ChineseFormat.Trim(t.Target)} · {(t.Actual is { } a ? ChineseFormat.Trim(a) : "—")} · {(t.Rate is { } rate ? ChineseFormat.Trim(rate) + "%" : "—")}");
        }

        c.Out.Write(table);
        if (r.Standing is { } standing)
        {
            c.Out.MarkupLine(Markup.Escape(en
                ? $"Among the {standing.Peers} {Ranking.KindCode(standing.Kind)} units of {standing.Among}: overall start rate #{standing.OverallStartRateRank}" + (standing.CompletionRateRank is { } cr ? $", completion #{cr}" : "")
                : standing.Text));
        }

        if (result.Closed is { } closed)
        {
            c.Out.MarkupLine(en ? $"{closed.Period} is closed: these are the figures as reported." : $"{closed.Period.Year}年{closed.Period.Month}月已关账，以上为原报数据。");
        }

        if (result.Restated is { } restated)
        {
            c.Out.MarkupLine(Markup.Escape((en ? "Corrected since: " : "更正后：") + JsonSerializer.Serialize(FiguresReport.Of(r.Scope, restated), ApiJson.Options)));
        }
    }
}
