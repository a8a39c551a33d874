using System.CommandLine;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>`keystone db migrate|status|rollups|nation`: the schema, explicitly (PostgreSQL is never migrated behind the operator's back), and the figure rollups rebuilt from the rows.</summary>
public static class DbCommand
{
    public static Command Create(CliConsole console)
    {
        var db = new Command("db", "数据库结构 / the database schema");

        var migrate = new Command("migrate", "应用全部迁移 / apply every pending migration");
        migrate.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var target = KeystoneCli.Target(result, c);
            await using var context = target.CreateContext();
            var pending = await DatabaseSetup.PendingMigrationsAsync(context, ct);
            await DatabaseSetup.MigrateAsync(context, ct);
            c.Out.MarkupLine(c.English
                ? $"Migrated [bold]{Markup.Escape(target.Display)}[/]: {pending.Count} migration(s) applied."
                : $"已迁移 [bold]{Markup.Escape(target.Display)}[/]：应用了 {pending.Count} 个迁移。");
            return 0;
        }));
        db.Subcommands.Add(migrate);

        var status = new Command("status", "列出未应用的迁移 / list pending migrations");
        status.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var target = KeystoneCli.Target(result, c);
            await using var context = target.CreateContext();
            var pending = await DatabaseSetup.PendingMigrationsAsync(context, ct);
            c.Out.WriteLine($"{target.Display}: " + (pending.Count == 0
                ? (c.English ? "up to date" : "已是最新")
                : (c.English ? "pending " : "待应用 ") + string.Join(", ", pending)));
            return pending.Count == 0 ? 0 : 3;
        }));
        db.Subcommands.Add(status);

        var yearOption = new Option<int?>("--year") { Description = "只重建该年度（默认为所有有计划的年度）/ rebuild this plan year only (default: every year with plan entries)" };
        var nationName = new Option<string>("--name") { Description = "全国单位的名称 / the nation unit's name", DefaultValueFactory = _ => "全国" };
        var nation = new Command("nation", "在各省之上设全国单位 / put a nation unit above every province (ADR 0017)") { nationName };
        nation.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            await using var context = await KeystoneCli.OpenAsync(result, c, ct);
            var done = await Keystone.Core.Units.NationSetup.AddAsync(context, result.GetValue(nationName)!, ct);
            c.Out.MarkupLine(c.English
                ? $"Added the nation [bold]{Markup.Escape(done.Nation)}[/] above {done.Provinces.Count} province(s): {Markup.Escape(string.Join(", ", done.Provinces))}; the figure rollups were rebuilt."
                : $"已设全国单位 [bold]{Markup.Escape(done.Nation)}[/]，其下{done.Provinces.Count}个省：{Markup.Escape(string.Join("、", done.Provinces))}；指标汇总已重建。");
            return 0;
        }));
        db.Subcommands.Add(nation);

        var rollups = new Command("rollups", "从台账数据重建指标汇总 / rebuild the figure rollups from the rows (ADR 0015)") { yearOption };
        rollups.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var target = KeystoneCli.Target(result, c);
            await using var context = target.CreateContext();
            var years = result.GetValue(yearOption) is { } one
                ? [one]
                : await context.AnnualPlans.Select(a => a.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
            var tree = await context.LoadTreeAsync(ct);
            foreach (var year in years)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                await using var tx = await context.Database.BeginTransactionAsync(ct);
                await RollupData.BuildAsync(context, tree, year, ct);
                await tx.CommitAsync(ct);
                c.Out.MarkupLine(c.English
                    ? $"Rebuilt the figure rollups of {year} in {watch.Elapsed.TotalSeconds:0.0} s."
                    : $"已重建 {year} 年度指标汇总，用时 {watch.Elapsed.TotalSeconds:0.0} 秒。");
            }

            return 0;
        }));
        db.Subcommands.Add(rollups);
        return db;
    }
}
