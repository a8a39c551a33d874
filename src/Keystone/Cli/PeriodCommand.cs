using System.CommandLine;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Periods;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>`keystone period close|list`: freezing a month's figures (关账) so they read the same later.</summary>
public static class PeriodCommand
{
    public static Command Create(CliConsole console)
    {
        var period = new Command("period", "报告期 / reporting periods");
        var scopeOption = ScopeOptions.Scope();
        var month = new Option<string>("--month") { Description = "月份，如 2024-03 / the month, e.g. 2024-03", Required = true };
        var close = new Command("close", "关账：冻结该月数据 / close a month: freeze its figures") { scopeOption, month };
        close.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var when = Period.Parse(result.GetValue(month)!);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var scope = tree.Resolve(result.GetValue(scopeOption)!);
            var closed = await PeriodClosing.CloseAsync(db, tree, scope, when, c.Clock.GetUtcNow(), Environment.UserName, ct);
            Keystone.Web.OperationsLog.Closed(c.Log, when.ToString(), tree.PathOf(scope.Id), KeystoneCli.Operator, closed.Rows);
            c.Out.MarkupLine(c.English
                ? $"Closed {when} for {Markup.Escape(scope.Name)}: {closed.Rows} plan entries frozen."
                : $"已关账：{Markup.Escape(scope.Name)} {when.Year}年{when.Month}月，冻结年度计划项目{closed.Rows}个。");
            return 0;
        }));
        period.Subcommands.Add(close);

        var list = new Command("list", "已关账的月份 / the closed months");
        list.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns(c.English ? "Unit" : "单位", c.English ? "Month" : "月份", c.English ? "Entries" : "项目数", c.English ? "Closed at" : "关账时间");
            foreach (var p in (await db.ClosedPeriods.AsNoTracking().ToListAsync(ct)).OrderBy(p => p.Period).ThenBy(p => p.OrgUnitId))
            {
                table.AddRow(Markup.Escape(tree.PathOf(p.OrgUnitId)), p.Period.ToString(), p.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), p.ClosedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            }

            c.Out.Write(table);
            return 0;
        }));
        period.Subcommands.Add(list);
        return period;
    }
}
