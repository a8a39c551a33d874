using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Problems;
using Keystone.Web;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>`keystone problems list|overdue`: a scope's problems, overdue first, as a table or JSON.</summary>
public static class ProblemsCommand
{
    public static Command Create(CliConsole console)
    {
        var problems = new Command("problems", "问题与督办 / problems and their supervision");
        problems.Subcommands.Add(List(console, "list", "问题列表，逾期在前 / a scope's problems, overdue first", overdueOnly: false));
        problems.Subcommands.Add(List(console, "overdue", "逾期问题（已提级督办）/ the overdue problems, escalated", overdueOnly: true));
        return problems;
    }

    private static Command List(CliConsole console, string name, string description, bool overdueOnly)
    {
        var scopeOption = ScopeOptions.Scope();
        var asOfOption = ScopeOptions.AsOf();
        var statusOption = new Option<string?>("--status") { Description = "open|closed|unassigned|assigned|answered|returned（默认全部 / default all）" };
        var departmentOption = new Option<string?>("--department") { Description = "责任单位 / the department" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var command = new Command(name, description) { scopeOption, asOfOption, departmentOption, json };
        if (!overdueOnly)
        {
            command.Options.Add(statusOption);
        }

        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var today = ScopeOptions.ParseDate(null, c);
            var asOf = ScopeOptions.ParseDate(result.GetValue(asOfOption), c);
            var status = overdueOnly ? ProblemStatusFilter.Overdue : ProblemQuery.ParseStatus(result.GetValue(statusOption));
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var scope = tree.Resolve(result.GetValue(scopeOption)!);
            var query = new ProblemQuery { Units = tree.Subtree(scope.Id), Department = result.GetValue(departmentOption), Status = status, AsOf = asOf };
            var judged = await ProblemData.ListAsync(db, tree, db.Problems, query, today, ct);
            var items = judged.Select(p => ProblemItem.Of(p, tree, c.Culture)).ToList();
            if (result.GetValue(json))
            {
                c.Raw(JsonSerializer.Serialize(new ListResponse<ProblemItem>(items, items.Count), ApiJson.Options));
                return 0;
            }

            Print(c, scope.Name, asOf, items, overdueOnly);
            return 0;
        }));
        return command;
    }

    private static void Print(CliConsole c, string scope, DateOnly asOf, IReadOnlyList<ProblemItem> items, bool overdueOnly)
    {
        var en = c.English;
        var what = overdueOnly ? (en ? "overdue problems" : "逾期问题") : (en ? "problems" : "问题");
        var title = en
            ? $"{scope}: {items.Count} {what} as of {asOf:yyyy-MM-dd}"
            : $"{scope} {what}{items.Count}个（截至{ChineseFormat.Date(asOf)}）";
        if (items.Count == 0)
        {
            c.Out.MarkupLine(Markup.Escape(title));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn(new TableColumn(en ? "No." : "编号").NoWrap());
        table.AddColumn(new TableColumn(en ? "Problem (project or enterprise)" : "问题（项目/企业）").Width(26));
        table.AddColumn(en ? "Department" : "责任单位");
        table.AddColumn(new TableColumn(en ? "Deadline" : "办理时限").NoWrap());
        table.AddColumn(new TableColumn(en ? "Status" : "状态").NoWrap());
        table.AddColumn(en ? "Overdue" : "逾期");
        foreach (var p in items)
        {
            var overdue = p.Overdue
                ? (en ? $"{p.OverdueDays} working days" : $"{p.OverdueDays}个工作日") + (p.EscalatedTo is { } to ? (en ? $" → {to}" : $"→{to}") : "")
                : "";
            string Cell(string text) => p.Light == Light.Red ? $"[red]{Markup.Escape(text)}[/]" : Markup.Escape(text);
            table.AddRow(
                Cell(p.Number),
                Cell($"[{p.CategoryName}] {p.Title}") + $"\n[dim]{Markup.Escape(p.ProjectName ?? p.Enterprise ?? "")}[/]",
                Cell(p.Department ?? (en ? "(not routed)" : "（未交办）")),
                Cell(p.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                Cell(p.StatusName),
                Cell(overdue));
        }

        c.Out.Write(table);
    }
}
