using System.Net;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features.Operations;

public class MetricsTests
{
    private static Dictionary<string, string> Settings() => new()
    {
        ["Keystone:Telemetry:Prometheus"] = "true",
        ["Keystone:Proxy:KnownNetworks"] = "10.0.0.0/24",
    };

    [Theory]
    [DatabaseData]
    public async Task AfterAnImport_TheScrapeShowsTheImportRowsCounter(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, demo: false);
        await using var site = app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in Settings())
            {
                b.UseSetting(key, value);
            }
        });
        using var client = site.SignedIn(app);
        var ledger = TestLedger.Standard().Add(TestLedger.Project("OK-1", "好项目"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/ledger/import", LedgerApiTests.Form(ledger.ToXlsx(), "台账.xlsx", ("year", "2024")), TestContext.Current.CancellationToken)).StatusCode);

        // Prometheus asks without signing in (the test server's loopback peer).
        using var scraper = site.CreateClient();
        var scrape = await scraper.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Contains("keystone_import_rows_total{", scrape, StringComparison.Ordinal);
        Assert.Contains("outcome=\"imported\"", scrape, StringComparison.Ordinal);
        Assert.Contains("keystone_import_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
    }

    [Theory]
    [DatabaseData]
    public async Task TheScrape_IsRefusedToAnyoneOutsideTheKnownNetworks(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, Settings());
        await using var site = app.WithPeers();

        using var inside = site.ClientFrom("10.0.0.7");
        Assert.Equal(HttpStatusCode.OK, (await inside.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);

        using var outside = site.ClientFrom("198.51.100.20");
        Assert.Equal(HttpStatusCode.NotFound, (await outside.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);

        // Through the proxy from the internet: the client is outside.
        using var throughProxy = site.ClientFrom("10.0.0.5");
        throughProxy.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");
        Assert.Equal(HttpStatusCode.NotFound, (await throughProxy.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
    }
}
