using System.CommandLine;
using Keystone.Web;

namespace Keystone.Cli;

/// <summary>`keystone serve` (also `keystone` alone): the web app and the JSON API.</summary>
public static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls")
    {
        Description = "监听地址 / the addresses to listen on (default http://127.0.0.1:5080)",
    };

    private static readonly Option<bool> NoDemo = new("--no-demo")
    {
        Description = "空 SQLite 数据库不载入演示数据 / do not load the demo dataset into an empty SQLite database",
    };

    public static Command Create(CliConsole console)
    {
        var serve = new Command("serve", "运行网站与 API / serve the web app and the API")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        Configure(serve, console);
        return serve;
    }

    /// <summary>Adds serve's options and action to a command (the root serves too).</summary>
    public static void Configure(Command command, CliConsole console)
    {
        command.Options.Add(Urls);
        command.Options.Add(NoDemo);
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var options = new ServeOptions
            {
                Database = result.GetValue(KeystoneCli.Db),
                Urls = result.GetValue(Urls),
                NoDemo = result.GetValue(NoDemo),
                HostArgs = [.. result.UnmatchedTokens],
            };
            var app = await KeystoneWeb.BuildAsync(options, console.ForServe, ct);
            await app.RunAsync();
            return 0;
        }));
    }
}
