using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>/api/campaigns and /api/start-events, and the /campaigns page, on the demo (阳泉高新区's 百日攻坚, 古县's ceremony).</summary>
public class CampaignsApiTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    private static JsonObject Task(JsonObject detail, string code, string kind) =>
        detail["projects"]!.AsArray().Single(p => (string)p!["code"]! == code)!["items"]!.AsArray().Select(i => i!.AsObject()).Single(i => (string)i["kind"]! == kind);

    [Theory]
    [DatabaseData]
    public async Task ACampaign_IsStarted_NamesProjects_AndIsJudgedWithLightsAndReasons(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var list = await app.GetJsonAsync($"/api/campaigns?scope={Q("阳泉高新区")}&asOf=2024-04-10", user: "demo-zone");
        var demo = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal(("项目前期手续办理“百日攻坚”", 8, 1, 12.5m, "red", "逾期未完成1项"), ((string)demo["name"]!, (int)demo["tasks"]!, (int)demo["met"]!, (decimal)demo["rate"]!, ((string)demo["light"]!).ToLowerInvariant(), (string)demo["reason"]!));

        var detail = await app.GetJsonAsync($"/api/campaigns/{(int)demo["id"]!}?asOf=2024-04-10", user: "demo-zone");
        var permit = Task(detail, "YQGX-2024-025", "approval");
        Assert.Equal(("施工许可", "手续清单中尚无“施工许可”，应于3月29日前办结，已逾期12天"), ((string)permit["procedure"]!, (string)permit["reason"]!));

        // A new campaign of the zone with one project to start by 30 April; then a node and an approval are added.
        var created = await app.SendJsonAsync(HttpMethod.Post, "/api/campaigns", new
        {
            scope = "阳泉高新区",
            name = "开门红",
            start = "2024-04-01",
            end = "2024-04-30",
            targets = new { starts = 2 },
            projects = new[] { new { project = "YQGX-2024-027", kind = "开工", due = "2024-04-30" } },
        }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (int)(await created.Content.ReadFromJsonAsync<JsonObject>())!["campaign"]!["id"]!;
        var added = await app.SendJsonAsync(HttpMethod.Post, $"/api/campaigns/{id}/projects", new { project = "YQGX-2024-008", kind = "approval", procedure = "能评", due = "2024-04-20" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var now = await app.GetJsonAsync($"/api/campaigns/{id}?asOf=2024-04-15", user: "demo-zone");
        Assert.Equal("能评已于3月15日申报，应于4月20日前办结，还剩5天", (string)Task(now, "YQGX-2024-008", "approval")["reason"]!);
        Assert.Equal("yellow", ((string)Task(now, "YQGX-2024-008", "approval")["light"]!).ToLowerInvariant());
        Assert.Equal("应于4月30日前开工，还剩15天", (string)Task(now, "YQGX-2024-027", "start")["reason"]!);
        Assert.Equal((2m, 0m), ((decimal)now["targets"]![0]!["target"]!, (decimal)now["targets"]![0]!["actual"]!));

        // The same task twice, a deadline outside the campaign, a project of another zone: refused, naming the field.
        var twice = await app.SendJsonAsync(HttpMethod.Post, $"/api/campaigns/{id}/projects", new { project = "YQGX-2024-027", kind = "start" }, user: "demo-zone");
        Assert.NotNull((await KeystoneApp.ProblemAsync(twice))["errors"]!["project"]);
        var late = await app.SendJsonAsync(HttpMethod.Post, $"/api/campaigns/{id}/projects", new { project = "YQGX-2024-026", kind = "start", due = "2024-05-31" }, user: "demo-zone");
        Assert.NotNull((await KeystoneApp.ProblemAsync(late))["errors"]!["due"]);
        var elsewhere = await app.SendJsonAsync(HttpMethod.Post, $"/api/campaigns/{id}/projects", new { project = "GX-2024-002", kind = "start" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);

        // Taken out again; taking it out twice is refused.
        Assert.Equal(HttpStatusCode.OK, (await app.Client(user: "demo-zone").DeleteAsync($"/api/campaigns/{id}/projects/YQGX-2024-008")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client(user: "demo-zone").DeleteAsync($"/api/campaigns/{id}/projects/YQGX-2024-008")).StatusCode);

        // The city sees its zone's campaigns; another city's zone does not exist for it; every change is audited.
        Assert.Equal(2, (await app.GetJsonAsync($"/api/campaigns?scope={Q("阳泉市")}&asOf=2024-04-10", user: "demo-city"))["items"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(user: "demo-city").GetAsync($"/api/campaigns?scope={Q("古县经济技术开发区")}")).StatusCode);
        await using var db = app.NewContext();
        Assert.True(await db.AuditEntries.CountAsync(a => a.Entity == "campaign" || a.Entity == "campaignTask") >= 4);
    }

    [Theory]
    [DatabaseData]
    public async Task FiveDayPreciseStarts_AreProposed_AndConfirmedAsAnEvent_ThatTheBriefingTells(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var codes = new[] { "YQGX-2024-024", "YQGX-2024-025", "YQGX-2024-026", "YQGX-2024-027", "YQGX-2024-031" };
        await using (var db = app.NewContext())
        {
            foreach (var plan in await db.AnnualPlans.Include(a => a.Project).Where(a => a.Year == 2024 && codes.Contains(a.Project!.Code)).ToListAsync())
            {
                plan.RecordStart(new DateOnly(2024, 4, 9));
            }

            await db.SaveChangesAsync();
        }

        var proposals = await app.GetJsonAsync($"/api/start-events/proposals?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10", user: "demo-zone");
        var proposal = Assert.Single(proposals["items"]!.AsArray())!;
        Assert.Equal(("2024-04-09", 5), ((string)proposal["date"]!, (int)proposal["count"]!));

        // Not on a day with only two such starts (8 April); then confirmed with a title and a main venue.
        var wrong = await app.SendJsonAsync(HttpMethod.Post, "/api/start-events/proposals/confirm", new { scope = "阳泉高新区", date = "2024-04-08" }, user: "demo-zone");
        Assert.NotNull((await KeystoneApp.ProblemAsync(wrong))["errors"]!["date"]);
        var confirmed = await app.SendJsonAsync(HttpMethod.Post, "/api/start-events/proposals/confirm",
            new { scope = "阳泉高新区", date = "2024-04-09", title = "高新区二季度重点项目集中开工仪式", mainVenue = "YQGX-2024-024" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Empty((await app.GetJsonAsync($"/api/start-events/proposals?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10", user: "demo-zone"))["items"]!.AsArray());

        var briefing = await app.GetJsonAsync($"/api/briefings?scope={Q("阳泉市")}&year=2024&asOf=2024-04-10", user: "demo-city");
        var text = briefing.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) });
        Assert.Contains("4月9日，阳泉高新区举行高新区二季度重点项目集中开工仪式，冀东水泥分布式光伏发电项目现场作为主会场。此次活动，阳泉高新区共有5个重点项目", text);

        // An event recorded by hand; the same unit and day twice is refused.
        var recorded = await app.SendJsonAsync(HttpMethod.Post, "/api/start-events", new { scope = "阳泉高新区", date = "2024-03-11", projects = new[] { "YQGX-2024-010" } }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var again = await app.SendJsonAsync(HttpMethod.Post, "/api/start-events", new { scope = "阳泉高新区", date = "2024-03-11", projects = new[] { "YQGX-2024-010" } }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var events = await app.GetJsonAsync($"/api/start-events?scope={Q("阳泉高新区")}&year=2024", user: "demo-zone");
        Assert.Equal(["2024-03-11", "2024-04-09"], events["items"]!.AsArray().Select(e => (string)e!["date"]!));

        // 古县's ceremony is the province's to read, not 阳泉's.
        var guxian = await app.GetJsonAsync($"/api/start-events?scope={Q("古县经济技术开发区")}&year=2024");
        var ceremony = Assert.Single(guxian["items"]!.AsArray())!;
        Assert.Equal((10, 931_900m, "山西宏源清洁能源有限公司二氧化碳捕集制低碳甲醇联产LNG项目"), ((int)ceremony["count"]!, (decimal)ceremony["totalInvestment"]!, (string)ceremony["mainVenue"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(user: "demo-zone").GetAsync($"/api/start-events?scope={Q("古县经济技术开发区")}")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task ThePage_ShowsTheCampaign_AndItsForms_StartAndNameProjects(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsAsync("demo-zone", "/campaigns?asOf=2024-04-10");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("项目前期手续办理“百日攻坚”", WebUtility.HtmlDecode(html));

        var made = await app.SubmitAsync("/campaigns", "campaign-new", [("name", "冬季行动"), ("start", "2024-11-01"), ("end", "2025-01-31"), ("starts", "3")], user: "demo-zone");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var location = made.Headers.Location!.OriginalString;
        Assert.Contains("done=created", location, StringComparison.Ordinal);

        var added = await app.SubmitAsync(location, "campaign-add", [("project", "YQGX-2024-024"), ("kind", "start"), ("due", "2024-12-31")], user: "demo-zone");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (_, detail) = await app.PageAsAsync("demo-zone", added.Headers.Location!.OriginalString);
        Assert.Contains("冀东水泥分布式光伏发电项目", WebUtility.HtmlDecode(detail));

        // A deadline outside the campaign is refused on the page, saying why.
        var refused = await app.SubmitAsync(location, "campaign-add", [("project", "YQGX-2024-025"), ("kind", "start"), ("due", "2025-03-01")], user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("不在行动期间", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }
}
