using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

public class PromotionApiTests
{
    private const string Guxian = "gx-officer"; // an officer of 古县经济技术开发区 (临汾市)

    private static string Q(string s) => Uri.EscapeDataString(s);

    private static async Task<KeystoneApp> StartAsync(DbProvider provider)
    {
        var app = await KeystoneApp.StartAsync(provider);
        await using var db = app.NewContext();
        await Keystone.Core.Accounts.Accounts.AddAsync(db, await db.LoadTreeAsync(default), Guxian, Role.ZoneOfficer, "古县经济技术开发区", Keystone.Core.Accounts.Accounts.DemoPassword, app.Clock.GetUtcNow());
        return app;
    }

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<int> IdOfAsync(KeystoneApp app, string name)
    {
        await using var db = app.NewContext();
        return await db.Leads.Where(l => l.Name == name).Select(l => l.Id).SingleAsync();
    }

    private static async Task<JsonObject> NewLeadAsync(KeystoneApp app, string user, object body) =>
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/leads", body, user: user));

    [Theory]
    [DatabaseData]
    public async Task ALead_MovesThroughItsStages_RefusingBackwardsAndSkips_WithFollowUps(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var lead = await NewLeadAsync(app, "demo-zone", new { name = "蓝宝石长晶炉项目", investor = "晶盛长晶装备有限公司", channel = "产业招商", chain = "第三代半导体", link = "装备", intendedInvestment = 20000m, officer = "李建军", on = "2024-03-01" });
        var id = (int)lead["id"]!;
        Assert.Equal("lead", (string)lead["stage"]!);
        Assert.Equal("阳泉高新区", (string)lead["unit"]!);

        var skip = await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/stage", new { stage = "洽谈", on = "2024-04-01" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
        Assert.Contains("须填写跳过的接洽、考察阶段的日期", await skip.Content.ReadAsStringAsync());

        var moved = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/stage",
            new { stage = "洽谈", on = "2024-04-01", passed = new Dictionary<string, string> { ["接洽"] = "2024-03-05", ["考察"] = "2024-03-20" } }, user: "demo-zone"));
        Assert.Equal("negotiating", (string)moved["stage"]!);
        Assert.Equal(["2024-03-01", "2024-03-05", "2024-03-20", "2024-04-01", null, null, null, null], moved["stages"]!.AsArray().Select(s => (string?)s!["on"]));

        var back = await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/stage", new { stage = "考察", on = "2024-04-05" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);

        var followed = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/follow-ups", new { on = "2024-04-09", who = "李建军", method = "视频洽谈", what = "对接设备选型", nextStep = "发送投资协议初稿" }, user: "demo-zone"));
        Assert.Equal("视频洽谈", (string)followed["followUps"]![0]!["methodName"]!);
        Assert.Equal("2024-04-09", (string)followed["lastContact"]!);

        var noReason = await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/halt", new { state = "搁置", on = "2024-04-10" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var halted = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/halt", new { state = "终止", on = "2024-04-10", reason = "企业选择落户外省" }, user: "demo-zone"));
        Assert.Equal("terminated", (string)halted["state"]!);

        // Every change is in the audit log, in the lead's unit.
        await using var db = app.NewContext();
        var unit = await db.OrgUnits.Where(u => u.Name == "阳泉高新区").Select(u => u.Id).SingleAsync();
        var logged = await db.AuditEntries.Where(a => (a.Entity == "lead" || a.Entity == "leadFollowUp") && a.Actor == "demo-zone").Select(a => new { a.Entity, a.Action, a.OrgUnitId }).ToListAsync();
        Assert.Equal(3, logged.Count(a => a.Entity == "lead" && a.OrgUnitId == unit)); // recorded, moved to 洽谈, terminated
        Assert.Single(logged, a => a.Entity == "leadFollowUp");
    }

    [Theory]
    [DatabaseData]
    public async Task ASignedLead_BecomesAProject_LinkedBothWays_AndItsStartIsReadFromTheProject(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var id = (int)(await NewLeadAsync(app, "demo-zone", new { name = "长晶炉生产线项目", investor = "晶盛长晶装备有限公司", channel = "以商招商", referrer = "日昌新材料山西有限责任公司", chain = "第三代半导体", on = "2024-01-05" }))["id"]!;

        var early = await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/project", new { }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/stage", new
        {
            stage = "签约",
            on = "2024-03-15",
            contractAmount = 35000m,
            contractTerms = "一期建设20条长晶炉生产线",
            passed = new Dictionary<string, string> { ["接洽"] = "2024-01-10", ["考察"] = "2024-02-01", ["洽谈"] = "2024-02-20" },
        }, user: "demo-zone"));
        var converted = await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/project", new { code = "ZS-TEST-001" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, converted.StatusCode);
        Assert.Equal("/api/projects/ZS-TEST-001", converted.Headers.Location!.OriginalString);
        Assert.Equal("ZS-TEST-001", (string)(await converted.Content.ReadFromJsonAsync<JsonObject>())!["projectCode"]!);

        var project = await app.GetJsonAsync("/api/projects/ZS-TEST-001", user: "demo-zone");
        Assert.Equal("长晶炉生产线项目", (string)project["name"]!);
        Assert.Equal(35000m, (decimal)project["totalInvestment"]!);
        Assert.Equal("阳泉高新区", (string)project["unit"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/project", new { code = "ZS-TEST-002" }, user: "demo-zone")).StatusCode);

        // Both ways: the project's lead is this one.
        await using (var db = app.NewContext())
        {
            var projectId = await db.Projects.Where(p => p.Code == "ZS-TEST-001").Select(p => p.Id).SingleAsync();
            Assert.Equal(id, await db.Leads.Where(l => l.ProjectId == projectId).Select(l => l.Id).SingleAsync());
        }

        // 开工 is the project's: the lead cannot record it, and shows it once the ledger does.
        var started = await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/stage", new { stage = "开工", on = "2024-04-01", passed = new Dictionary<string, string> { ["注册"] = "2024-03-20" } }, user: "demo-zone");
        Assert.Contains("开工、投产以项目台账为准", await started.Content.ReadAsStringAsync());
        var input = KeystoneApp.NewProjectInput("ZS-TEST-001");
        input["name"] = "长晶炉生产线项目";
        input["totalInvestment"] = 35000m;
        input["unit"] = "阳泉高新区";
        input["actualStart"] = "2024-04-02";
        input.Remove("enterprise");
        await OkAsync(await app.SendJsonAsync(HttpMethod.Put, "/api/projects/ZS-TEST-001", input, user: "demo-zone"));
        var lead = await app.GetJsonAsync($"/api/leads/{id}", user: "demo-zone");
        Assert.Equal("started", (string)lead["stage"]!);
        Assert.Equal("2024-04-02", (string?)lead["stages"]!.AsArray().Single(s => (string)s!["stage"]! == "started")!["on"]);
    }

    [Theory]
    [DatabaseData]
    public async Task Leads_AreTheZonesOwn_ACityAndTheProvinceSeeTheirZones_ReportersAndDepartmentsNone(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var citic = await IdOfAsync(app, "中信重工高端特种金属材料项目");

        Assert.Equal(10, (int)(await app.GetJsonAsync($"/api/leads?scope={Q("阳泉高新区")}", user: "demo-zone"))["total"]!);
        Assert.Equal(10, (int)(await app.GetJsonAsync($"/api/leads?scope={Q("阳泉市")}", user: "demo-city"))["total"]!);
        Assert.Equal(10, (int)(await app.GetJsonAsync($"/api/leads?scope={Q("山西省")}", user: "demo-province"))["total"]!);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(app, $"/api/leads/{citic}", "demo-city")).StatusCode);

        // Another city's zone: not found, in the list as by id, and no write.
        Assert.Equal(0, (int)(await app.GetJsonAsync("/api/leads", user: Guxian))["total"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(app, $"/api/leads/{citic}", Guxian)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(app, $"/api/leads?scope={Q("阳泉高新区")}", Guxian)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{citic}/follow-ups", new { who = "x", method = "电话", what = "越权" }, user: Guxian)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(app, $"/api/promotion/figures?scope={Q("阳泉高新区")}", Guxian)).StatusCode);

        // Reporters and departments: refused outright.
        foreach (var user in new[] { "demo-enterprise", "demo-department" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(app, "/api/leads", user)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(app, "/api/promotion/figures", user)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{citic}/follow-ups", new { who = "x", method = "电话", what = "越权" }, user: user)).StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(KeystoneApp app, string url, string user)
    {
        var client = app.Client(user: user);
        return await client.GetAsync(new Uri(url, UriKind.Relative));
    }

    [Theory]
    [DatabaseData]
    public async Task TheSameInvestorSignedInTwoZones_IsFlaggedOnBoth_AndTheProvinceCountsItOnce(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var before = await app.GetJsonAsync($"/api/promotion/figures?scope={Q("山西省")}&year=2024&asOf=2024-04-10");
        Assert.Equal(3, (int)before["signed"]!);

        // 古县 signs 晶源半导体 too, without its USCC and with a bracketed name: the same investor by its name.
        var id = (int)(await NewLeadAsync(app, Guxian, new { name = "碳化硅外延片项目", investor = "晶源半导体材料（有限公司）", channel = "industry", on = "2024-02-01" }))["id"]!;
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{id}/stage", new
        {
            stage = "signed",
            on = "2024-04-01",
            contractAmount = 20000m,
            passed = new Dictionary<string, string> { ["contacted"] = "2024-02-10", ["visited"] = "2024-03-01", ["negotiating"] = "2024-03-15" },
        }, user: Guxian));

        var theirs = await app.GetJsonAsync($"/api/leads/{id}", user: Guxian);
        Assert.True((bool)theirs["duplicate"]!);
        Assert.Empty(theirs["duplicateUnits"]!.AsArray()); // 古县 may not see which zone
        var sic = await app.GetJsonAsync($"/api/leads/{await IdOfAsync(app, "碳化硅衬底材料项目")}", user: "demo-province");
        Assert.True((bool)sic["duplicate"]!);
        Assert.Equal(["古县经济技术开发区"], sic["duplicateUnits"]!.AsArray().Select(u => (string)u!));

        var after = await app.GetJsonAsync($"/api/promotion/figures?scope={Q("山西省")}&year=2024&asOf=2024-04-10");
        Assert.Equal(3, (int)after["signed"]!); // counted once: the earlier signing (阳泉高新区, 3月18日)
        Assert.Equal(179529m, (decimal)after["signedAmount"]!);
        Assert.Equal(2, (int)after["duplicates"]!);
        var guxian = await app.GetJsonAsync($"/api/promotion/figures?scope={Q("古县经济技术开发区")}&year=2024&asOf=2024-04-10", user: Guxian);
        Assert.Equal(1, (int)guxian["signed"]!); // the zone's own signing is its own
    }

    [Theory]
    [DatabaseData]
    public async Task Figures_OfTheDemoZone_AgreeWithTheHandCount(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var f = await app.GetJsonAsync($"/api/promotion/figures?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10", user: "demo-zone");
        string[] named = ["leads", "byStage", "byChannel", "signed", "signedAmount", "signedTarget", "signedRate", "landed", "stale"];
        Assert.All(named, n => Assert.True(f.ContainsKey(n), n));
        Assert.Equal(10, (int)f["leads"]!);
        var byStage = f["byStage"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!);
        Assert.Equal(new Dictionary<string, int> { ["lead"] = 0, ["contacted"] = 1, ["visited"] = 0, ["negotiating"] = 3, ["signed"] = 2, ["registered"] = 0, ["started"] = 2, ["producing"] = 1, ["shelved"] = 1, ["terminated"] = 0 }, byStage);
        var byChannel = f["byChannel"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!);
        Assert.Equal(new Dictionary<string, int> { ["industry"] = 4, ["company"] = 1, ["intermediary"] = 2, ["fund"] = 1, ["business"] = 1, ["platform"] = 1 }, byChannel);
        Assert.Equal(3, (int)f["signed"]!); // 碳化硅衬底 3-18, 储能梯次利用 2-26, 国电投二期 1-12
        Assert.Equal(179529m, (decimal)f["signedAmount"]!);
        Assert.Equal(20, (int)f["signedTarget"]!);
        Assert.Equal(15m, (decimal)f["signedRate"]!);
        Assert.Equal(1, (int)f["landed"]!); // 国电投二期, started 2024-04-08 as its project records
        Assert.Equal(87m, (decimal)f["averageDaysToStart"]!);
        Assert.Equal(3, (int)f["stale"]!);
        Assert.Equal(
            ["线索“功率器件封装测试项目”已75天未跟进", "线索“新能源数字化仓储物流园项目”已71天未跟进", "线索“赛迪·中化科创产业园项目”已45天未跟进"],
            f["staleLeads"]!.AsArray().Select(s => (string)s!["reason"]!));
        Assert.Equal(["red", "red", "yellow"], f["staleLeads"]!.AsArray().Select(s => (string)s!["light"]!));
        Assert.Equal([("储能电池梯次利用项目", 44), ("碳化硅衬底材料项目", 23)], f["waiting"]!.AsArray().Select(w => ((string)w!["name"]!, (int)w["days"]!)));
    }

    [Theory]
    [DatabaseData]
    public async Task StaleDays_AreSetPerUnit_WithTheLightRules(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        await OkAsync(await app.SendJsonAsync(HttpMethod.Put, "/api/lights/rules", new { startOverdueMonths = 3, paceYellowPoints = 10, paceRedPoints = 30, leadYellowDays = 10, leadRedDays = 50 }, user: "demo-zone"));
        var f = await app.GetJsonAsync($"/api/promotion/figures?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10", user: "demo-zone");
        // 中信重工 (8 days) stays green; 储能 (13 days) turns yellow; 赛迪 (45) yellow; the two past 50 red.
        Assert.Equal([("red", 75), ("red", 71), ("yellow", 45), ("yellow", 13)], f["staleLeads"]!.AsArray().Select(s => ((string)s!["light"]!, (int)s["days"]!)));
    }

    [Theory]
    [DatabaseData]
    public async Task TheSigningTargets_AreNotLaggingProjects(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var lights = await app.GetJsonAsync($"/api/lights?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10", user: "demo-zone");
        Assert.Equal("", string.Join("; ", lights["items"]!.AsArray().Where(l => (string)l!["code"]! == "YQGX-2024-010").SelectMany(l => l!["reasons"]!.AsArray()).Select(r => (string)r!["text"]!)));

        // Signed, it is the ledger's again: a project not started three months after its planned start is red.
        var citic = await IdOfAsync(app, "中信重工高端特种金属材料项目");
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/leads/{citic}/stage", new { stage = "签约", on = "2024-04-09", contractAmount = 86881m }, user: "demo-zone"));
        lights = await app.GetJsonAsync($"/api/lights?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10", user: "demo-zone");
        Assert.Contains(lights["items"]!.AsArray(), l => (string)l!["code"]! == "YQGX-2024-010");
    }
}
