using System.Net;
using System.Text.Json.Nodes;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Tests.Cli;
using Keystone.Web;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Tests.Features.Operations;

/// <summary>
/// "Today" is Beijing's date on a server whose clock runs in UTC: the web app, the API and the command line
/// agree. 20:00 UTC on 9 April is 04:00 on 10 April in Beijing.
/// </summary>
public class BusinessDateTests
{
    private static readonly DateTimeOffset LateEveningUtc = new(2024, 4, 9, 20, 0, 0, TimeSpan.Zero);

    private static string Q(string s) => Uri.EscapeDataString(s);

    [Theory]
    [DatabaseData]
    public async Task TheApi_JudgesOnBeijingsDate_AndTakesTheMonthThatHasBegunThere(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        // 17:00 UTC on 30 April is already 1 May in Beijing: May's report may be filed (an officer's is approved as
        // filed), and the zone's figures, judged on its data date (today, with reports this month), are as of 1 May.
        app.Clock.SetUtcNow(new DateTimeOffset(2024, 4, 30, 17, 0, 0, TimeSpan.Zero));
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-05", new { yearToDate = 4270m });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var figures = await app.GetJsonAsync($"/api/figures?scope={Q("阳泉高新区")}");
        Assert.Equal("2024-05-01", (string)figures["asOf"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task TheCommandLine_TakesBeijingsDate(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var result = await CliRunner.RunAsync(new FakeTimeProvider(LateEveningUtc), "figures", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2024-04-10", (string)JsonNode.Parse(result.Output)!["asOf"]!);
    }

    [Fact]
    public async Task AnUnknownZone_StopsTheCommandLine_NamingTheSetting()
    {
        var result = await CliRunner.RunAsync(new FakeTimeProvider(LateEveningUtc), new Dictionary<string, string> { ["Keystone__TimeZone"] = "Mars/Olympus" }, "serve");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Keystone__TimeZone", result.Error, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", result.Error, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 4, 10), DeskDate.Today(new FakeTimeProvider(LateEveningUtc))); // the zone in use is unchanged
    }

    [Fact]
    public async Task AnUnknownZone_StopsTheWebApp_NamingTheSetting()
    {
        var options = new ServeOptions { Database = Path.Combine(Path.GetTempPath(), $"keystone-never-{Guid.NewGuid():N}.db"), HostArgs = ["--Keystone:TimeZone=Mars/Olympus"] };
        var console = new ServeConsole(new FakeTimeProvider(LateEveningUtc), TextWriter.Null, English: false);
        var e = await Assert.ThrowsAsync<DomainException>(() => KeystoneWeb.BuildAsync(options, console, TestContext.Current.CancellationToken));
        Assert.Equal(DeskDate.Setting, e.Field);
        Assert.Contains("Mars/Olympus", e.Text.Zh, StringComparison.Ordinal);
    }
}
