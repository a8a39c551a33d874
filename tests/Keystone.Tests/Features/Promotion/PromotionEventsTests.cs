using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Promotion;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features.Promotion;

/// <summary>Promotion events (推介会, 外出招商, 签约仪式…) with the leads they touched: recorded, listed, counted, each zone's own.</summary>
public class PromotionEventsTests
{
    private const string Guxian = "gx-officer";

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

    private static async Task<int> LeadAsync(KeystoneApp app, string name)
    {
        await using var db = app.NewContext();
        return await db.Leads.Where(l => l.Name == name).Select(l => l.Id).SingleAsync();
    }

    [Theory]
    [DatabaseData]
    public async Task AnEvent_IsRecordedWithTheLeadsItTouched_ListedAndCountedInTheFigures(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var demo = await app.GetJsonAsync("/api/promotion/events?year=2024", user: "demo-zone");
        Assert.Equal(["赴洛阳中信重工总部招商对接", "碳化硅衬底材料项目签约仪式", "第三代半导体产业链招商推介会"], demo["items"]!.AsArray().Select(e => (string)e!["name"]!));
        Assert.Equal(3, (int)(await app.GetJsonAsync("/api/promotion/figures?year=2024", user: "demo-zone"))["events"]!);
        var signing = (await app.GetJsonAsync("/api/promotion/events?year=2021&kind=签约仪式", user: "demo-zone"))["items"]!.AsArray().Single()!;
        Assert.Equal(("2021-09-03", "signing", "国电投阳泉绿电交通示范项目"), ((string)signing["on"]!, (string)signing["kind"]!, (string)signing["leads"]![0]!["name"]!));

        var citic = await LeadAsync(app, "中信重工高端特种金属材料项目");
        var saidi = await LeadAsync(app, "赛迪·中化科创产业园项目");
        var created = await app.SendJsonAsync(HttpMethod.Post, "/api/promotion/events",
            new { on = "2024-04-09", kind = "推介会", name = "阳泉高新区新材料产业招商推介会", place = "北京", outcome = "对接企业20家", leads = new[] { citic, saidi, citic } }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var e = await OkAsync(created);
        Assert.Equal(("阳泉高新区", "conference", "推介会"), ((string)e["unit"]!, (string)e["kind"]!, (string)e["kindName"]!));
        Assert.Equal(new[] { citic, saidi }.Order(), e["leads"]!.AsArray().Select(l => (int)l!["id"]!));
        var id = (int)e["id"]!;
        Assert.Equal("北京", (string)(await app.GetJsonAsync($"/api/promotion/events/{id}", user: "demo-zone"))["place"]!);

        // The figures count the year's events up to the day; the province sees its own and its zones'.
        Assert.Equal(4, (int)(await app.GetJsonAsync("/api/promotion/figures?year=2024", user: "demo-zone"))["events"]!);
        Assert.Equal(2, (int)(await app.GetJsonAsync("/api/promotion/figures?year=2024&asOf=2024-03-31", user: "demo-zone"))["events"]!);
        Assert.Equal(5, (int)(await app.GetJsonAsync("/api/promotion/figures?year=2024", user: "demo-province"))["events"]!);

        var revised = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, $"/api/promotion/events/{id}",
            new { on = "2024-04-09", kind = "conference", name = "阳泉高新区新材料产业招商推介会", place = "北京", leads = new[] { saidi } }, user: "demo-zone"));
        Assert.Equal([saidi], revised["leads"]!.AsArray().Select(l => (int)l!["id"]!));
        Assert.Null(revised["outcome"]);

        await using var db = app.NewContext();
        Assert.Equal(1, await db.Set<PromotionEventLead>().CountAsync(l => l.EventId == id));
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var zone = await db.OrgUnits.Where(u => u.Name == "阳泉高新区").Select(u => u.Id).SingleAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "promotionEvent" && a.Actor == "demo-zone" && a.Action == "created" && a.OrgUnitId == zone));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "promotionEvent" && a.EntityKey == key && a.Action != "created" && a.Actor == "demo-zone" && a.OrgUnitId == zone)); // the revision
    }

    [Theory]
    [DatabaseData]
    public async Task AnEvent_IsRefused_WithoutItsFacts_InTheFuture_OrTouchingAnotherZonesLead(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var empty = await app.SendJsonAsync(HttpMethod.Post, "/api/promotion/events", new { kind = "外出招商" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("活动日期", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unnamed = await app.SendJsonAsync(HttpMethod.Post, "/api/promotion/events", new { on = "2024-04-01", kind = "外出招商", name = "", place = "" }, user: "demo-zone");
        var text = await unnamed.Content.ReadAsStringAsync();
        Assert.Contains("活动名称不能为空", text, StringComparison.Ordinal);
        Assert.Contains("活动地点不能为空", text, StringComparison.Ordinal);
        var future = await app.SendJsonAsync(HttpMethod.Post, "/api/promotion/events", new { on = "2024-04-11", kind = "trip", name = "赴深圳招商", place = "深圳" }, user: "demo-zone");
        Assert.Contains("晚于今天", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badKind = await app.SendJsonAsync(HttpMethod.Post, "/api/promotion/events", new { on = "2024-04-01", kind = "宴请", name = "x", place = "y" }, user: "demo-zone");
        Assert.Contains("活动类型“宴请”无效", await badKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var guxianLead = (int)(await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/leads", new { name = "古县线索", investor = "古县投资方", channel = "产业招商", on = "2024-04-01" }, user: Guxian)))["id"]!;
        var foreign = await app.SendJsonAsync(HttpMethod.Post, "/api/promotion/events", new { on = "2024-04-09", kind = "推介会", name = "越界活动", place = "阳泉", leads = new[] { guxianLead } }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains($"找不到线索{guxianLead}", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var early = await app.SendJsonAsync(HttpMethod.Post, "/api/promotion/events", new { on = "2024-03-31", kind = "推介会", name = "早于线索", place = "古县", leads = new[] { guxianLead } }, user: Guxian);
        Assert.Contains("晚于活动日期", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = app.NewContext();
        Assert.False(await db.PromotionEvents.AnyAsync(e => e.Name == "越界活动" || e.Name == "早于线索" || e.Name == "赴深圳招商"));
    }

    [Theory]
    [DatabaseData]
    public async Task Events_AreAZonesOwn_AndNoneOfAReportersOrADepartments(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        await using (var db = app.NewContext())
        {
            var id = await db.PromotionEvents.Where(e => e.Name == "碳化硅衬底材料项目签约仪式").Select(e => e.Id).SingleAsync();
            Assert.Equal(HttpStatusCode.NotFound, (await app.Client(user: Guxian).GetAsync($"/api/promotion/events/{id}")).StatusCode);
            var put = await app.SendJsonAsync(HttpMethod.Put, $"/api/promotion/events/{id}", new { on = "2024-03-18", kind = "签约仪式", name = "改名", place = "古县" }, user: Guxian);
            Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
            foreach (var user in new[] { "demo-enterprise", "demo-department" })
            {
                Assert.False((await app.Client(user: user).GetAsync($"/api/promotion/events/{id}")).IsSuccessStatusCode, user);
                var list = await app.Client(user: user).GetAsync("/api/promotion/events");
                Assert.True(!list.IsSuccessStatusCode || (await list.Content.ReadFromJsonAsync<JsonObject>())!["total"]!.GetValue<int>() == 0, user);
                var post = await app.SendJsonAsync(HttpMethod.Post, "/api/promotion/events", new { on = "2024-04-01", kind = "推介会", name = "越权活动", place = "阳泉" }, user: user);
                Assert.False(post.IsSuccessStatusCode, user);
            }
        }

        Assert.Empty((await app.GetJsonAsync("/api/promotion/events", user: Guxian))["items"]!.AsArray());
        var outside = await app.Client(user: Guxian).GetAsync($"/api/promotion/events?scope={Uri.EscapeDataString("阳泉高新区")}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        await using var check = app.NewContext();
        Assert.Equal("碳化硅衬底材料项目签约仪式", await check.PromotionEvents.Where(e => e.Name.StartsWith("碳化硅")).Select(e => e.Name).SingleAsync());
        Assert.False(await check.PromotionEvents.AnyAsync(e => e.Name == "越权活动"));
    }
}
