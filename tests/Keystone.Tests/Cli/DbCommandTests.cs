using System.Net.Http.Json;
using Keystone.Cli;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace Keystone.Tests.Cli;

public class DbCommandTests
{
    [Theory]
    [DatabaseData]
    public async Task DbMigrate_CreatesTheSchema_ThenStatusIsUpToDate(DbProvider provider)
    {
        await using var blank = await TestDatabase.CreateBlankAsync(provider);
        var status = await CliRunner.RunAsync("db", "status", "--db", blank.Target.ConnectionString);
        Assert.Equal(3, status.ExitCode);
        Assert.Contains("待应用", status.Output);

        var migrate = await CliRunner.RunAsync("db", "migrate", "--db", blank.Target.ConnectionString);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("已迁移", migrate.Output);

        status = await CliRunner.RunAsync("db", "status", "--db", blank.Target.ConnectionString, "--lang", "en");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("up to date", status.Output);
    }

    [Theory]
    [DatabaseData]
    public async Task DbRollups_RebuildsTheYearsSums_AndTheFiguresStayAsTheRowsGiveThem(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        string Figures(CliRunner.Result r) => r.Output[r.Output.IndexOf('{')..];
        var before = await CliRunner.RunAsync("figures", "--db", test.Target.ConnectionString, "--scope", "山西省", "--as-of", "2024-04-10", "--json");
        Assert.Equal(0, before.ExitCode);

        // Damaged sums (a manual repair gone wrong) are put right by the rebuild.
        await using (var db = test.NewContext())
        {
            await db.FigureRollups.ExecuteDeleteAsync();
        }

        var rebuilt = await CliRunner.RunAsync("db", "rollups", "--db", test.Target.ConnectionString, "--lang", "en");
        Assert.Equal(0, rebuilt.ExitCode);
        Assert.Contains("Rebuilt the figure rollups of 2024", rebuilt.Output);
        var after = await CliRunner.RunAsync("figures", "--db", test.Target.ConnectionString, "--scope", "山西省", "--as-of", "2024-04-10", "--json");
        Assert.Equal(Figures(before), Figures(after));
        await using (var db = test.NewContext())
        {
            Assert.True(await db.FigureRollups.AnyAsync());
        }
    }

    [Theory]
    [DatabaseData]
    public async Task Nation_PutsTheNationAboveTheProvinces_WithItsFigures_AndOnlyOnce(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        string Figures(CliRunner.Result r) => r.Output[r.Output.IndexOf('{')..];
        var province = await CliRunner.RunAsync("figures", "--db", test.Target.ConnectionString, "--scope", "山西省", "--as-of", "2024-04-10", "--json");
        int audited;
        await using (var db = test.NewContext())
        {
            audited = await db.AuditEntries.CountAsync();
        }

        var added = await CliRunner.RunAsync("db", "nation", "--db", test.Target.ConnectionString);
        Assert.Equal(0, added.ExitCode);
        Assert.Contains("已设全国单位", added.Output);
        Assert.Contains("山西省", added.Output);

        // The nation's figures are its one province's, read from its kept sums; the province's are unchanged.
        var nation = await CliRunner.RunAsync("figures", "--db", test.Target.ConnectionString, "--scope", "全国", "--as-of", "2024-04-10", "--json");
        Assert.Equal(0, nation.ExitCode);
        Assert.Equal(Figures(province).Replace("\"scope\": \"山西省\"", "\"scope\": \"全国\"", StringComparison.Ordinal), Figures(nation));
        Assert.Equal(Figures(province), Figures(await CliRunner.RunAsync("figures", "--db", test.Target.ConnectionString, "--scope", "山西省", "--as-of", "2024-04-10", "--json")));
        await using (var db = test.NewContext())
        {
            var tree = await db.LoadTreeAsync();
            Assert.Equal(["全国"], tree.Roots.Select(r => r.Name));
            Assert.Equal(Keystone.Core.Units.OrgUnitKind.Nation, tree.Roots.Single().Kind);
            Assert.True(await db.AuditEntries.CountAsync() > audited, "the new unit and the moved province are logged");
        }

        // Twice is refused, naming the nation, and changes nothing.
        var again = await CliRunner.RunAsync("db", "nation", "--db", test.Target.ConnectionString, "--name", "中国");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("已有全国单位“全国”", again.Output + again.Error);
        await using (var db = test.NewContext())
        {
            Assert.Equal(0, await db.OrgUnits.CountAsync(u => u.Name == "中国"));
        }
    }

    [Fact]
    public async Task Serve_RefusesAnUnmigratedPostgresDatabase_AndSaysWhatToRun()
    {
        Assert.SkipWhen(TestDatabase.PostgresServer is null, "PostgreSQL not configured");
        await using var blank = await TestDatabase.CreateBlankAsync(DbProvider.Postgres);
        var result = await CliRunner.RunAsync("serve", "--db", blank.Target.ConnectionString, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("keystone db migrate", result.Error);
    }

    [Fact]
    public async Task Serve_OnAFreshSqliteFile_MigratesLoadsTheDemoAndAnswers()
    {
        var file = Path.Combine(Path.GetTempPath(), "keystone-tests", $"fresh-{Guid.NewGuid():N}.db");
        var console = new CliConsole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null, new FakeTimeProvider(TestDatabase.DemoDay), _ => null);
        await using var app = await KeystoneWeb.BuildAsync(new ServeOptions { Database = file, Urls = "http://127.0.0.1:0" }, console.ForServe, CancellationToken.None);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
            Assert.Equal("Healthy", await http.GetStringAsync("/health"));
            Assert.Equal("/login", (await http.GetAsync("/")).Headers.Location!.AbsolutePath); // pages need a signed-in user
            var token = await http.PostAsJsonAsync("/api/auth/token", new { username = "demo-zone", password = Keystone.Core.Accounts.Accounts.DemoPassword });
            var auth = (await token.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (string)auth["token"]!);
            var projects = (await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/projects"))!;
            Assert.Equal(65, (int)projects["total"]!); // demo-zone sees 阳泉高新区's projects
            Assert.True(File.Exists(file));
        }
        finally
        {
            await app.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Serve_WithNoDemo_LeavesTheDatabaseEmpty_AndSaysHowToMakeTheFirstAdministrator()
    {
        var file = Path.Combine(Path.GetTempPath(), "keystone-tests", $"nodemo-{Guid.NewGuid():N}.db");
        var error = new StringWriter();
        var console = new CliConsole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), error, TimeProvider.System, _ => null);
        await using (var app = await KeystoneWeb.BuildAsync(new ServeOptions { Database = file, Urls = "http://127.0.0.1:0", NoDemo = true }, console.ForServe, CancellationToken.None))
        {
        }

        Assert.Contains("keystone users add", error.ToString());

        await using (var db = DatabaseTarget.Resolve(file, null).CreateContext())
        {
            Assert.True(await DatabaseSetup.IsEmptyAsync(db));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    [Theory]
    [DatabaseData]
    public async Task DemoLoad_RefusesANonEmptyDatabase(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        var result = await CliRunner.RunAsync("demo", "load", "--db", test.Target.ConnectionString);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("不是空的", result.Error);
    }

    [Theory]
    [DatabaseData]
    public async Task DemoLoad_FillsAnEmptyMigratedDatabase(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var result = await CliRunner.RunAsync("demo", "load", "--db", test.Target.ConnectionString);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("已载入演示数据", result.Output);
        await using var db = test.NewContext();
        Assert.Equal(89, db.Projects.Count());
    }

    [Fact]
    public async Task UnknownArguments_AreRefused()
    {
        var result = await CliRunner.RunAsync("db", "migrate", "--nonsense");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--nonsense", result.Error);
    }

    [Fact]
    public void ConnectionStringFromEnvironment_IsTheFallback()
    {
        var console = new CliConsole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null, TimeProvider.System,
            name => name == "ConnectionStrings__Keystone" ? "Host=example;Database=ks" : null);
        var root = new System.CommandLine.RootCommand();
        root.Options.Add(KeystoneCli.Db);
        Assert.Equal(DbProvider.Postgres, KeystoneCli.Target(root.Parse([]), console).Provider);
        Assert.Equal(DbProvider.Sqlite, KeystoneCli.Target(root.Parse(["--db", "/tmp/a.db"]), console).Provider);
    }
}
