using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class FactorsApiTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static IEnumerable<string> Gaps(JsonObject project) => project["gaps"]!.AsArray().Select(g => (string)g!);

    [Theory]
    [DatabaseData]
    public async Task AScopesGaps_AreListed_WithTheApprovalsAndTheirObligations(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var f = await app.GetJsonAsync($"/api/factors?scope={Q("阳泉高新区")}", user: "demo-zone");
        Assert.Equal(7, (int)f["projects"]!);
        Assert.Equal(420m, (decimal)f["landGapMu"]!);
        Assert.Equal(18000m, (decimal)f["energyGapTce"]!);
        Assert.Equal(170000m, (decimal)f["fundsApplied"]!);
        Assert.Equal(63.6m, (decimal)f["fundsInPlaceRate"]!);
        Assert.Equal(["specialBonds", "ultraLongBonds", "bankLoans"], f["fundsBySource"]!.AsArray().Select(s => (string)s!["source"]!));
        Assert.Equal("超长期特别国债", (string)f["fundsBySource"]![1]!["name"]!);

        var items = f["items"]!.AsArray();
        Assert.Equal(items.Count, (int)f["total"]!);
        var grid = items.Single(i => (string)i!["code"]! == "YQGX-2024-008")!;
        Assert.Equal(["用地缺口120亩（已批复待供地）", "能耗指标缺口3000吨标准煤", "前期手续未办结7项"], grid["gaps"]!.AsArray().Select(g => (string)g!));
        Assert.Contains(items, i => (string)i!["code"]! == "YQGX-2024-010" && i["gaps"]!.AsArray().Any(g => (string)g! == "申请资金2亿元待批复"));

        var approvals = f["approvals"]!;
        Assert.Equal(15, (int)approvals["items"]!);
        Assert.Equal(8, (int)approvals["approved"]!);
        Assert.Equal(7m, (decimal)approvals["averageDaysLandToStart"]!);
        Assert.Equal(1, (int)approvals["startedOnLandDay"]!);
        var obligation = approvals["obligations"]![0]!;
        Assert.Equal("red", (string)obligation["light"]!);
        Assert.Equal("supplyPapers", (string)obligation["kind"]!);
        Assert.Equal("“施工许可”容缺受理须补正施工图审查合格书，限2024年4月5日前完成，已逾期5天", (string)obligation["reasons"]![0]!);

        var en = await OkAsync(await app.Client("en-US", "demo-zone").GetAsync($"/api/factors?scope={Q("阳泉高新区")}"));
        Assert.Contains("land short by 120 mu (approved, not yet supplied)", en["items"]!.AsArray().Single(i => (string)i!["code"]! == "YQGX-2024-008")!["gaps"]!.AsArray().Select(g => (string)g!));
    }

    [Theory]
    [DatabaseData]
    public async Task AProjectsSheet_IsKeptFactorByFactor_AndRefusesWhatCannotBe(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        const string url = "/api/projects/YQGX-2024-040/factors";
        var empty = await app.GetJsonAsync(url, user: "demo-zone");
        Assert.Empty(Gaps(empty));
        Assert.Equal("notStarted", (string)empty["land"]!["stage"]!);

        var filing = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, url + "/land", new { neededMu = 50, stage = "组卷报批" }, user: "demo-zone"));
        Assert.Equal(["用地缺口50亩（组卷报批中）"], Gaps(filing));
        var supplied = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, url + "/land", new { neededMu = 50, stage = "supplied", suppliedMu = 50, suppliedOn = "2024-03-07" }, user: "demo-zone"));
        Assert.Empty(Gaps(supplied));
        Assert.Equal(50m, (decimal)supplied["land"]!["suppliedMu"]!);

        var funds = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, url + "/funds/" + Q("专项债"), new { applied = 8000, approved = 8000, received = 2000 }, user: "demo-zone"));
        Assert.Equal(["资金到位率25%"], Gaps(funds));
        var tooMuch = await app.SendJsonAsync(HttpMethod.Put, url + "/funds/bankLoans", new { applied = 100, approved = 200, received = 300 }, user: "demo-zone");
        Assert.Equal(["approved", "received"], (await KeystoneApp.ProblemAsync(tooMuch))["errors"]!.AsObject().Select(e => e.Key).Order());
        var badSource = await app.SendJsonAsync(HttpMethod.Put, url + "/funds/lottery", new { applied = 100 }, user: "demo-zone");
        Assert.Equal("source", (await KeystoneApp.ProblemAsync(badSource))["errors"]!.AsObject().Single().Key);

        var energy = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, url + "/energy", new { neededTce = 2000, review = "已报送" }, user: "demo-zone"));
        Assert.Contains("能耗指标缺口2000吨标准煤", Gaps(energy));
        var emission = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, url + "/emissions/" + Q("氮氧化物"), new { needed = 6, obtained = 2 }, user: "demo-zone"));
        Assert.Contains("氮氧化物排放指标缺口4吨", Gaps(emission));
        Assert.Equal(4m, (decimal)emission["emissions"]![0]!["gap"]!);

        // Project 040 started on the day its land came: the zone's 拿地即开工 count goes up.
        var zone = await app.GetJsonAsync($"/api/factors?scope={Q("阳泉高新区")}", user: "demo-zone");
        Assert.Equal(2, (int)zone["approvals"]!["startedOnLandDay"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task AChecklist_StartsFromTheTemplate_And容缺受理LeavesAnObligationWithItsOwnLight(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        const string url = "/api/projects/YQGX-2024-024/procedures";
        var created = await app.SendJsonAsync(HttpMethod.Post, url, new { }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var checklist = (await created.Content.ReadFromJsonAsync<JsonObject>())!["procedures"]!.AsArray();
        Assert.Equal(8, checklist.Count); // an industrial project
        Assert.All(checklist, p => Assert.Equal("notStarted", (string)p!["status"]!));
        Assert.Equal(8, (await OkAsync(await app.SendJsonAsync(HttpMethod.Post, url, new { }, user: "demo-zone")))["procedures"]!.AsArray().Count); // nothing twice

        var other = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, url, new { kind = "other", name = "消防设计审查", department = "阳泉高新区住建局" }, user: "demo-zone"));
        Assert.Equal(9, other["procedures"]!.AsArray().Count);

        var approveFirst = await app.SendJsonAsync(HttpMethod.Post, url + "/" + Q("施工许可") + "/approve", new { }, user: "demo-zone");
        Assert.Contains("尚未申报", (string)(await KeystoneApp.ProblemAsync(approveFirst))["detail"]!);

        var missing = await app.SendJsonAsync(HttpMethod.Post, url + "/constructionPermit/apply", new { mode = "容缺受理" }, user: "demo-zone");
        Assert.Equal(["missingPapers", "supplyBy"], (await KeystoneApp.ProblemAsync(missing))["errors"]!.AsObject().Select(e => e.Key).Order());

        var applied = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, url + "/" + Q("施工许可") + "/apply",
            new { mode = "容缺受理", missingPapers = "施工图审查合格书", supplyBy = "2024-04-22" }, user: "demo-zone"));
        JsonNode Permit(JsonObject o) => o["procedures"]!.AsArray().Single(p => (string)p!["name"]! == "施工许可")!;
        Assert.Equal("applied", (string)Permit(applied)["status"]!);
        Assert.Equal("green", (string)Permit(applied)["light"]!);
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, url + "/" + Q("施工许可") + "/approve", new { on = "2024-04-10" }, user: "demo-zone"));

        app.Clock.Advance(TimeSpan.FromDays(7)); // 17 April: five days to go
        var near = await app.GetJsonAsync("/api/projects/YQGX-2024-024/factors", user: "demo-zone");
        Assert.Equal("yellow", (string)Permit(near.AsObject())["light"]!);
        Assert.Equal("“施工许可”容缺受理须补正施工图审查合格书，还有5天到期", (string)Permit(near.AsObject())["reasons"]![0]!);

        app.Clock.Advance(TimeSpan.FromDays(7)); // 24 April: two days overdue
        var late = await app.GetJsonAsync("/api/projects/YQGX-2024-024/factors", user: "demo-zone");
        Assert.Equal("red", (string)Permit(late.AsObject())["light"]!);
        Assert.Contains("容缺补正或承诺核查逾期1项", Gaps(late.AsObject()));
        var zone = await app.GetJsonAsync($"/api/factors?scope={Q("阳泉高新区")}", user: "demo-zone");
        Assert.Equal(2, (int)zone["approvals"]!["obligationsOverdue"]!);

        var supplied = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, url + "/" + Q("施工许可") + "/supply", new { }, user: "demo-zone"));
        Assert.Equal("green", (string)Permit(supplied)["light"]!);
        Assert.Equal("2024-04-24", (string)Permit(supplied)["suppliedOn"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.SendJsonAsync(HttpMethod.Post, url + "/" + Q("施工许可") + "/supply", new { }, user: "demo-zone")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Post, url + "/" + Q("安评") + "/apply", new { }, user: "demo-zone")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task Factors_AreForOfficers_WithinTheirScope(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var zone = app.Client(user: "demo-zone");
        Assert.Equal(HttpStatusCode.NotFound, (await zone.GetAsync($"/api/factors?scope={Q("古县经济技术开发区")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zone.GetAsync("/api/projects/GX-2024-002/factors")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Put, "/api/projects/GX-2024-002/factors/land", new { neededMu = 1 }, user: "demo-zone")).StatusCode);
        foreach (var user in new[] { "demo-department", "demo-enterprise" })
        {
            using var client = app.Client(user: user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/factors")).StatusCode);
        }

        var city = await app.GetJsonAsync("/api/factors", user: "demo-city");
        Assert.Equal("阳泉市", (string)city["scope"]!);
        Assert.Equal(420m, (decimal)city["landGapMu"]!);
        Assert.Equal(0m, (decimal)(await app.GetJsonAsync($"/api/factors?scope={Q("古县经济技术开发区")}"))["landGapMu"]!);
    }
}
