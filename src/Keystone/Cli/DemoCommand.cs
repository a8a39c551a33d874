using System.CommandLine;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>`keystone demo load`: loads the demo dataset into an empty database (PostgreSQL included, where serve never does it by itself).</summary>
public static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var demo = new Command("demo", "演示数据 / the demo dataset");
        var load = new Command("load", "向空数据库载入演示数据 / load the demo dataset into an empty database");
        load.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);

            if (!await DatabaseSetup.IsEmptyAsync(db, ct))
            {
                throw new DomainException(new("数据库不是空的，未载入演示数据", "The database is not empty; the demo dataset was not loaded"));
            }

            var loaded = await DemoData.LoadAsync(db, c.Clock, ct);
            c.Out.WriteLine(c.English
                ? $"Loaded the demo dataset: {loaded.New} projects, {loaded.CreatedUnits.Count} units."
                : $"已载入演示数据：项目 {loaded.New} 个，单位 {loaded.CreatedUnits.Count} 个。");
            return 0;
        }));
        demo.Subcommands.Add(load);
        return demo;
    }
}
