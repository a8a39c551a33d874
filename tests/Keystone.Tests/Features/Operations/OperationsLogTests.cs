using System.Net;
using System.Net.Http.Json;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Keystone.Web;
using Microsoft.Extensions.Logging;

namespace Keystone.Tests.Features.Operations;

/// <summary>The log an operator reads: who did what, imports with their file, rows and outcome, refusals with their route.</summary>
public class OperationsLogTests
{
    [Theory]
    [DatabaseData]
    public async Task AnImport_IsLogged_WithItsFileRowsOutcomeAndUser(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, demo: false);
        var logs = new CapturedLogs();
        await using var site = app.WithLogs(logs);
        using var client = site.SignedIn(app);
        var good = TestLedger.Standard().Add(TestLedger.Project("OK-1", "好项目")).Add(TestLedger.Project("OK-2", "又一个项目"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/ledger/import", LedgerApiTests.Form(good.ToXlsx(), "五月台账.xlsx", ("year", "2024")))).StatusCode);
        var row = TestLedger.Project("OK-3", "好项目三");
        row[LedgerField.AnnualPlan] = 99_999m;
        var bad = TestLedger.Standard().Add(row);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostAsync("/api/ledger/import", LedgerApiTests.Form(bad.ToXlsx(), "坏台账.xlsx", ("year", "2024")))).StatusCode);

        var lines = logs.Lines.Where(l => l.Category == KeystoneTelemetry.LogCategory).ToList();
        var imported = Assert.Single(lines, l => l.Message.Contains("五月台账.xlsx", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, imported.Level);
        Assert.Contains("by demo-province: imported, 2 rows (2 new", imported.Message, StringComparison.Ordinal);
        var refused = Assert.Single(lines, l => l.Message.Contains("坏台账.xlsx", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, refused.Level);
        Assert.Contains("by demo-province: refused, 1 rows", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [DatabaseData]
    public async Task ARefusal_IsLogged_WithItsRouteUserAndReason(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var logs = new CapturedLogs();
        await using var site = app.WithLogs(logs);
        using var client = site.SignedIn(app, "demo-zone");

        var response = await client.PostAsJsonAsync("/api/periods/close", new { scope = "阳泉高新区" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var line = Assert.Single(logs.Lines, l => l.Message.StartsWith("Refused ", StringComparison.Ordinal));
        Assert.Equal("Refused POST /api/periods/close for demo-zone: 400 The month is required", line.Message);
    }

    [Theory]
    [DatabaseData]
    public async Task SignIns_AreLoggedWithWhoAndWhere_NeverThePassword(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, new Dictionary<string, string> { ["Keystone:SignIn:PerMinute"] = "100" });
        var logs = new CapturedLogs();
        await using var site = app.WithLogs(logs);
        using var client = site.CreateClient();
        const string Wrong = "not-the-password-7d1f";
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-city", password = Wrong }, TestContext.Current.CancellationToken);
        }

        await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-zone", password = Keystone.Core.Accounts.Accounts.DemoPassword }, TestContext.Current.CancellationToken);

        Assert.Contains(logs.Lines, l => l.Message.Contains("demo-city", StringComparison.Ordinal) && l.Message.Contains("locked for 15 minutes", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Message.StartsWith("Sign-in of demo-zone", StringComparison.Ordinal) && l.Message.EndsWith("succeeded", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(Wrong, StringComparison.Ordinal));
    }

    [Theory]
    [DatabaseData]
    public async Task ARegisterImport_IsLogged_Refused_DryRun_AndImported(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var logs = new CapturedLogs();
        await using var site = app.WithLogs(logs);
        using var client = site.SignedIn(app, "demo-zone");
        const string ZoneUscc = "91140300CBPRNJHCCN";
        string[] headers = ["统一社会信用代码", "企业名称", "行业代码", "是否规上", "上年营业收入（万元）", "包联干部", "包联单位"];
        var good = new TestLedger { Sheet = "企业库", Headers = [.. headers] }.Row(ZoneUscc, "阳泉东区智慧有限公司", "C3311", "是", "1200", "demo-zone", "经发局").ToXlsx();
        var bad = new TestLedger { Sheet = "企业库", Headers = [.. headers] }.Row("123", "坏公司", "", "", "", "", "").ToXlsx();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostAsync("/api/enterprises/import", LedgerApiTests.Form(bad, "坏企业库.xlsx"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/enterprises/import", LedgerApiTests.Form(good, "试企业库.xlsx", ("dryRun", "true")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/enterprises/import", LedgerApiTests.Form(good, "企业库.xlsx"))).StatusCode);

        var lines = logs.Lines.Where(l => l.Category == KeystoneTelemetry.LogCategory && l.Message.StartsWith("Import of enterpriseRegister", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                (LogLevel.Warning, "Import of enterpriseRegister file 坏企业库.xlsx by demo-zone: refused, 0 records, 1 problems"),
                (LogLevel.Information, "Import of enterpriseRegister file 试企业库.xlsx by demo-zone: dryRun, 1 records, 0 problems"),
                (LogLevel.Information, "Import of enterpriseRegister file 企业库.xlsx by demo-zone: imported, 1 records, 0 problems"),
            ],
            lines.Select(l => (l.Level, l.Message)));
    }
}
