using System.CommandLine;
using Keystone.Core.Data;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>`keystone db migrate|status`: the schema, explicitly (PostgreSQL is never migrated behind the operator's back).</summary>
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
        return db;
    }
}
