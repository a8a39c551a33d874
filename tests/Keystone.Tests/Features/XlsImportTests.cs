using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Tests.Cli;

namespace Keystone.Tests.Features;

/// <summary>An .xls ledger (tests/Shared/Fixtures) through every door a ledger comes in: the API, the upload page and `keystone import`.</summary>
public class XlsImportTests
{
    private static byte[] Xls => File.ReadAllBytes(TestFixtures.ZoneLedgerXls);

    [Theory]
    [DatabaseData]
    public async Task TheApi_ImportsAnXls_AndTheSameAgainChangesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, demo: false);
        using var client = app.Client();
        var response = await client.PostAsync("/api/ledger/import", LedgerApiTests.Form(Xls, "台账.xls", ("year", "2024")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((true, 3, "2024年重点项目台账"), ((bool)report["applied"]!, (int)report["new"]!, (string)report["sheet"]!));

        response = await client.PostAsync("/api/ledger/import", LedgerApiTests.Form(Xls, "台账.xls", ("year", "2024")));
        Assert.Equal(3, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["unchanged"]!);
        var project = await app.GetJsonAsync("/api/projects/2404-140300-04-01-900002");
        Assert.Equal("-1号地块标准化厂房", (string)project["name"]!);
        Assert.Equal("阳泉高新区", (string)project["unit"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task TheUploadPage_PreviewsAnXls_AndImportsItOnConfirmation(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var preview = await WriteScopeTests.UploadAsync(app, "demo-zone", Xls, "台账.xls");
        var (status, html) = await app.PageAsAsync("demo-zone", preview);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("2024年重点项目台账", html, StringComparison.Ordinal);
        Assert.Contains("项目代码", html, StringComparison.Ordinal);

        var confirm = await WriteScopeTests.PostWithTokenAsync(app, "demo-zone", $"/ledger/import/{WriteScopeTests.UploadId(preview)}/confirm", [("year", "2024")]);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var pump = await app.GetJsonAsync("/api/projects/2404-140300-04-01-900001", user: "demo-zone");
        Assert.Equal(25_000m, (decimal)pump["totalInvestment"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task TheCommandLine_ImportsAnXls(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: false);
        var dry = await CliRunner.RunAsync("import", TestFixtures.ZoneLedgerXls, "--db", db.Target.ConnectionString, "--year", "2024", "--dry-run", "--json");
        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Equal(3, (int)JsonNode.Parse(dry.Output)!["new"]!);

        var real = await CliRunner.RunAsync("import", TestFixtures.ZoneLedgerXls, "--db", db.Target.ConnectionString, "--year", "2024");
        Assert.True(real.ExitCode == 0, real.Error);
        await using var c = db.NewContext();
        Assert.Equal(3, c.Projects.Count());
    }
}
