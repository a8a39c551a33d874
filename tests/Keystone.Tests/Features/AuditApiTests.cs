using System.Net;
using System.Text.Json.Nodes;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Web;

namespace Keystone.Tests.Features;

/// <summary>GET /api/audit: every kind of change can be read back, and only by those whose scope it is in.</summary>
public class AuditApiTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    private const string Other = "gx-officer"; // an officer of 古县经济技术开发区 (临汾市), a sibling of the demo zone

    private static async Task<KeystoneApp> StartAsync(DbProvider provider)
    {
        var app = await KeystoneApp.StartAsync(provider);
        await using var db = app.NewContext();
        await Keystone.Core.Accounts.Accounts.AddAsync(db, await db.LoadTreeAsync(default), Other, Role.ZoneOfficer, "古县经济技术开发区", Keystone.Core.Accounts.Accounts.DemoPassword, app.Clock.GetUtcNow());
        return app;
    }

    private static async Task<JsonArray> AuditAsync(KeystoneApp app, string query, string user) =>
        (await app.GetJsonAsync("/api/audit?" + query, user: user))["items"]!.AsArray();

    private static async Task<HttpStatusCode> StatusAsync(KeystoneApp app, string query, string user)
    {
        using var client = app.Client(user: user);
        return (await client.GetAsync("/api/audit?" + query)).StatusCode;
    }

    private static async Task Ok(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    [Theory]
    [DatabaseData]
    public async Task EveryKindOfChange_IsReadBack_WithItsValuesBeforeAndAfter(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        await Ok(await app.SendJsonAsync(HttpMethod.Put, $"/api/lights/rules?unit={Q("阳泉高新区")}", new { problemRouteDays = 3, problemAnswerDays = 10 }, user: "demo-zone"));
        await Ok(await app.SendJsonAsync(HttpMethod.Post, "/api/periods/close", new { scope = "阳泉高新区", month = "2024-03" }, user: "demo-zone"));
        await Ok(await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/factors/land", new { neededMu = 50 }, user: "demo-zone"));
        await Ok(await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/factors/land", new { neededMu = 60 }, user: "demo-zone"));
        await Ok(await app.SendJsonAsync(HttpMethod.Post, "/api/projects/YQGX-2024-024/procedures", new { }, user: "demo-zone"));
        var input = KeystoneApp.NewProjectInput("AUD-ENT-1");
        input["enterprise"] = new { uscc = "91350100M000100Y43", name = "审计新企业有限公司" };
        await Ok(await app.SendJsonAsync(HttpMethod.Post, "/api/projects", input, user: "demo-zone"));
        var photo = await app.ReportAsync("YQGX-2024-001", new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "100" }, ("现场.png", TestPhotos.Png()));
        Assert.Equal(HttpStatusCode.Redirect, photo.StatusCode);
        using (var anonymous = app.AnonymousClient())
        {
            await anonymous.PostAsync("/api/auth/token", System.Net.Http.Json.JsonContent.Create(new { username = "demo-enterprise", password = "wrong-password" }));
        }

        var rules = await AuditAsync(app, $"entity=lightRules&id={Q("阳泉高新区")}", "demo-zone");
        var set = JsonNode.Parse((string)JsonNode.Parse((string)rules.Single()!["after"]!)!["rulesJson"]!)!;
        Assert.Equal(3, (int)set["problemRouteDays"]!);
        Assert.Equal("阳泉高新区", (string)rules.Single()!["unit"]!);

        var closed = await AuditAsync(app, $"entity=closedPeriod&id={Q("阳泉高新区")}", "demo-zone");
        Assert.Equal("created", (string)closed.Single()!["action"]!);

        var land = await AuditAsync(app, "entity=factors&id=YQGX-2024-001", "demo-zone");
        var changed = land.First(e => (string)e!["action"]! == "updated")!;
        Assert.Equal((50m, 60m), (LandMu(changed["before"]), LandMu(changed["after"])));

        var procedures = await AuditAsync(app, "entity=procedure&id=YQGX-2024-024", "demo-zone");
        Assert.Equal(8, procedures.Count);
        Assert.Single(await AuditAsync(app, $"entity=procedure&id=YQGX-2024-024/{Q("施工许可")}", "demo-zone"));

        var enterprise = await AuditAsync(app, "entity=enterprise&id=91350100M000100Y43", "demo-zone");
        Assert.Equal("审计新企业有限公司", (string)JsonNode.Parse((string)enterprise.Single()!["after"]!)!["name"]!);

        var photos = await AuditAsync(app, "entity=photo&id=YQGX-2024-001", "demo-zone");
        Assert.Equal("YQGX-2024-001/2024-04/现场.png", (string)photos.Single()!["key"]!);
        Assert.DoesNotContain("\"content\"", (string)photos.Single()!["after"]!, StringComparison.Ordinal);

        var user = await AuditAsync(app, "entity=user&id=demo-enterprise", "demo-zone");
        // The wrong password is counted in SQL (no tracked change to log), and logged as a failed sign-in of that user.
        var failed = user.Single(e => (string)e!["entity"]! == "signIn" && (string)e!["action"]! == "failed")!;
        Assert.DoesNotContain("passwordHash", (string)failed["after"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", (string)failed["after"]!, StringComparison.Ordinal);
        Assert.Contains(await AuditAsync(app, "entity=user&id=demo-zone", "demo-zone"), e => (string)e!["entity"]! == "token"); // the token this test signed in with

        var units = await AuditAsync(app, $"entity=unit&id={Q("阳泉高新区")}", "demo-province");
        Assert.Equal("created", (string)units.Single()!["action"]!);

        // Another zone's officer reads none of it: what is not in its scope does not exist.
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, $"entity=lightRules&id={Q("阳泉高新区")}", Other));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "entity=factors&id=YQGX-2024-001", Other));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "entity=user&id=demo-enterprise", Other));
        Assert.Empty(await AuditAsync(app, "entity=enterprise&id=91350100M000100Y43", Other));

        // A reporter reads its project's history (its photos too), not the officers' logs.
        Assert.Single(await AuditAsync(app, "entity=photo&id=YQGX-2024-001", "demo-enterprise"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(app, "entity=factors&id=YQGX-2024-001", "demo-enterprise"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(app, "entity=user&id=demo-enterprise", "demo-enterprise"));
    }

    /// <summary>The land needed, as logged (㎡), in 亩.</summary>
    private static decimal LandMu(JsonNode? json) => Math.Round((decimal)JsonNode.Parse((string)json!)!["landNeeded"]! * 15 / 10_000, 2);

    [Theory]
    [DatabaseData]
    public async Task AUnitsLog_HoldsOnlyEntriesInsideTheCallersScope(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        await Ok(await app.SendJsonAsync(HttpMethod.Put, $"/api/lights/rules?unit={Q("阳泉高新区")}", new { problemRouteDays = 3, problemAnswerDays = 10 }, user: "demo-zone"));
        await Ok(await app.SendJsonAsync(HttpMethod.Put, $"/api/lights/rules?unit={Q("古县经济技术开发区")}", new { problemRouteDays = 4, problemAnswerDays = 8 }, user: Other));
        await using (var db = app.NewContext())
        {
            db.AuditEntries.Add(new AuditEntry(app.Clock.GetUtcNow(), "anonymous", "signIn", "no-such-user", "failed", null, null, null));
            await db.SaveChangesAsync();
        }

        var own = await AuditAsync(app, $"unit={Q("阳泉高新区")}&pageSize=200", "demo-zone");
        Assert.Contains(own, e => (string)e!["entity"]! == "lightRules" && (string)e!["actor"]! == "demo-zone");
        Assert.All(own, e => Assert.Equal("阳泉高新区", (string?)e!["unit"]));
        Assert.Equal(
            (await AuditAsync(app, "pageSize=200", "demo-zone")).Select(e => (long)e!["id"]!),
            own.Select(e => (long)e!["id"]!)); // without unit=, the caller's own unit

        var sibling = await AuditAsync(app, $"unit={Q("古县经济技术开发区")}", Other);
        Assert.Contains(sibling, e => (string)e!["entity"]! == "lightRules" && (string)e!["actor"]! == Other);
        Assert.All(sibling, e => Assert.Equal("古县经济技术开发区", (string?)e!["unit"]));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, $"unit={Q("古县经济技术开发区")}", "demo-zone"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, $"unit={Q("阳泉高新区")}", Other));

        var cityLog = (await AuditAsync(app, $"unit={Q("阳泉市")}&entity=lightRules", "demo-city")).Select(e => (string)e!["actor"]!).ToList();
        Assert.Contains("demo-zone", cityLog);
        Assert.DoesNotContain(Other, cityLog);
        var provinceLog = (await AuditAsync(app, $"unit={Q("山西省")}&entity=lightRules", "demo-province")).Select(e => (string)e!["actor"]!).ToList();
        Assert.Equal([Other, "demo-zone"], provinceLog.Take(2));

        // An entry about no unit (a sign-in under an unknown name) is the province administrator's alone.
        Assert.Contains(await AuditAsync(app, $"unit={Q("山西省")}&entity=signIn", "demo-province"), e => (string)e!["key"]! == "no-such-user");
        Assert.DoesNotContain(await AuditAsync(app, $"unit={Q("阳泉市")}&entity=signIn", "demo-city"), e => (string)e!["key"]! == "no-such-user");

        // Dates are whole days, the last included.
        Assert.NotEmpty(await AuditAsync(app, $"unit={Q("阳泉高新区")}&from=2024-04-10&to=2024-04-10&entity=lightRules", "demo-zone"));
        Assert.Empty(await AuditAsync(app, $"unit={Q("阳泉高新区")}&from=2024-04-11&entity=lightRules", "demo-zone"));
        Assert.Empty(await AuditAsync(app, $"unit={Q("阳泉高新区")}&to=2024-04-09&entity=lightRules", "demo-zone"));

        // Only officers list a unit's log.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(app, $"unit={Q("阳泉高新区")}", "demo-enterprise"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(app, $"unit={Q("阳泉高新区")}", "demo-department"));
    }

    [Theory]
    [DatabaseData]
    public async Task ABadQuery_IsRefusedInTheCallersLanguage_NamingTheField(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client("en-US", user: "demo-zone");
        var kind = await KeystoneApp.ProblemAsync(await client.GetAsync("/api/audit?entity=password&id=x"));
        Assert.Contains("not a kind of audit entry", (string)kind["errors"]!["entity"]![0]!);
        var dates = await KeystoneApp.ProblemAsync(await client.GetAsync("/api/audit?from=2024-04-30&to=2024-04-01"));
        Assert.Contains("after the end", (string)dates["errors"]!["from"]![0]!);
        var format = await KeystoneApp.ProblemAsync(await client.GetAsync("/api/audit?to=30.4.2024"));
        Assert.Contains("2024-04-10", (string)format["errors"]!["to"]![0]!);
        var uscc = await KeystoneApp.ProblemAsync(await client.GetAsync("/api/audit?entity=enterprise&id=123"));
        Assert.NotNull(uscc["errors"]!["id"]);
    }

    [Theory]
    [DatabaseData]
    public async Task AProjectMovedIn_DoesNotBringItsFormerUnitsHistory(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var update = KeystoneApp.NewProjectInput("YQGX-2024-002");
        var before = await app.GetJsonAsync("/api/projects/YQGX-2024-002");
        update["name"] = (string)before["name"]!;
        update["unit"] = "古县经济技术开发区";
        update.Remove("enterprise");
        await Ok(await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-002", update));

        // The move is the province's (above both units); what the project was in 阳泉 stays 阳泉's.
        var province = await AuditAsync(app, "entity=project&id=YQGX-2024-002", "demo-province");
        Assert.Contains(province, e => (string)e!["action"]! == "updated" && (string?)e!["unit"] == "山西省");
        Assert.Empty(await AuditAsync(app, "entity=project&id=YQGX-2024-002", Other));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "entity=project&id=YQGX-2024-002", "demo-zone"));
    }
}
