using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Core.Promotion;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using static Keystone.Tests.Features.EditRequests;

namespace Keystone.Tests.Features.Promotion;

/// <summary>
/// Two officers editing one promotion record (an event, a key investor, a unit's task, a lead on its page): the
/// save made from a copy read before the other's is refused — 412 by If-Match, 409 by a body's or a form's
/// version — and nothing of it is written; a save naming no version is applied as before.
/// </summary>
public partial class PromotionConcurrencyTests
{
    private const string Zone = "demo-zone";

    [Theory]
    [DatabaseData]
    public async Task AnEvent_AnswersItsETag_AndRefusesAStaleIfMatchOrVersion_WritingNothing(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: Zone);
        var id = (int)(await app.GetJsonAsync("/api/promotion/events?year=2024", user: Zone))["items"]![0]!["id"]!;
        var read = await client.GetAsync($"/api/promotion/events/{id}", ct);
        var tag = read.Headers.ETag!.Tag;
        var version = (int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal($"\"{version}\"", tag);

        // The first revision, from the ETag read: applied, version + 1 (its ETag and body say so).
        var saved = await SendAsync(client, HttpMethod.Put, $"/api/promotion/events/{id}", Event("甲改的活动", null), tag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal($"\"{version + 1}\"", saved.Headers.ETag!.Tag);
        Assert.Equal(version + 1, (int)(await saved.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!);

        // The second, from the same read: 412 with the version now, who changed it and what; nothing written.
        var refused = await SendAsync(client, HttpMethod.Put, $"/api/promotion/events/{id}", Event("乙改的活动", null), tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal($"\"{version + 1}\"", refused.Headers.ETag!.Tag);
        var problem = await KeystoneApp.ProblemAsync(refused);
        Assert.StartsWith("该招商活动已被他人（demo-zone）于 09:00 修改", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(version + 1, (int)problem["currentVersion"]!);
        Assert.Contains("甲改的活动", Assert.Single(problem["changes"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);

        // The body's old version: 409. No version at all: applied as it always was.
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Put, $"/api/promotion/events/{id}", Event("丙改的活动", version), null)).StatusCode);
        await using (var db = app.NewContext())
        {
            var stored = await db.PromotionEvents.SingleAsync(e => e.Id == id, ct);
            Assert.Equal(("甲改的活动", version + 1), (stored.Name, stored.Version));
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"/api/promotion/events/{id}", Event("不带版本", null), null)).StatusCode);
        await using (var db = app.NewContext())
        {
            var stored = await db.PromotionEvents.SingleAsync(e => e.Id == id, ct);
            Assert.Equal(("不带版本", version + 2), (stored.Name, stored.Version));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task AKeyInvestor_ListsItsVersion_AndRefusesAStaleIfMatchOrVersion_WritingNothing(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: Zone);
        var (id, version) = await InvestorAsync(app);
        var listed = (await app.GetJsonAsync("/api/promotion/investors", user: Zone))["items"]!.AsArray().Single(i => (int)i!["id"]! == id)!;
        Assert.Equal(version, (int)listed["version"]!);

        var saved = await SendAsync(client, HttpMethod.Put, $"/api/promotion/investors/{id}", new { name = "甲改的客商", version }, null);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal($"\"{version + 1}\"", saved.Headers.ETag!.Tag);
        var stale = await SendAsync(client, HttpMethod.Put, $"/api/promotion/investors/{id}", new { name = "乙改的客商", version }, null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.StartsWith("该客商已被他人（demo-zone）于 09:00 修改", (string)(await KeystoneApp.ProblemAsync(stale))["detail"]!, StringComparison.Ordinal);
        var precondition = await SendAsync(client, HttpMethod.Put, $"/api/promotion/investors/{id}", new { name = "丙改的客商" }, $"\"{version}\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, precondition.StatusCode);
        Assert.Equal($"\"{version + 1}\"", precondition.Headers.ETag!.Tag);
        await using (var db = app.NewContext())
        {
            var stored = await db.KeyInvestors.SingleAsync(i => i.Id == id, ct);
            Assert.Equal(("甲改的客商", version + 1), (stored.Name, stored.Version));
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"/api/promotion/investors/{id}", new { name = "不带版本" }, null)).StatusCode);
        await using (var db = app.NewContext())
        {
            Assert.Equal("不带版本", await db.KeyInvestors.Where(i => i.Id == id).Select(i => i.Name).SingleAsync(ct));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task AUnitsTask_IsVersionedInTheFigures_AVersionForATaskNotSetYetIsStale(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: Zone);
        const int year = 2031;

        // No task for the year: version 0 (also the ETag); a version 1 is refused as stale, nothing created.
        var none = await client.GetAsync($"/api/promotion/figures?year={year}", ct);
        Assert.Equal("\"0\"", none.Headers.ETag!.Tag);
        Assert.Equal(0, (int)(await none.Content.ReadFromJsonAsync<JsonObject>(ct))!["taskVersion"]!);
        var early = await SendAsync(client, HttpMethod.Put, $"/api/promotion/tasks/{year}", new { signedProjects = 5, version = 1 }, null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("\"0\"", early.Headers.ETag!.Tag);

        // If-Match "0": set only if nobody set it since; it was not, so it is set at version 1.
        var set = await SendAsync(client, HttpMethod.Put, $"/api/promotion/tasks/{year}", new { signedProjects = 6 }, "\"0\"");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("\"1\"", set.Headers.ETag!.Tag);
        Assert.Equal(1, (int)(await set.Content.ReadFromJsonAsync<JsonObject>(ct))!["taskVersion"]!);

        // A second officer who read "no task" too: 412, the task as the first set it.
        var second = await SendAsync(client, HttpMethod.Put, $"/api/promotion/tasks/{year}", new { signedProjects = 9 }, "\"0\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("\"1\"", second.Headers.ETag!.Tag);
        Assert.StartsWith("该招商任务已被他人", (string)(await KeystoneApp.ProblemAsync(second))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(6, (int)(await app.GetJsonAsync($"/api/promotion/figures?year={year}", user: Zone))["signedTarget"]!);

        // Without a version: applied as before.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"/api/promotion/tasks/{year}", new { signedProjects = 7 }, null)).StatusCode);
        var after = await app.GetJsonAsync($"/api/promotion/figures?year={year}", user: Zone);
        Assert.Equal((7, 2), ((int)after["signedTarget"]!, (int)after["taskVersion"]!));
    }

    [Theory]
    [DatabaseData]
    public async Task TheLeadPage_RefusesAStaleHalt_KeepingTheReasonTyped_AndShowingWhatTheOtherChanged(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        int leadId;
        await using (var db = app.NewContext())
        {
            var zone = await db.OrgUnits.SingleAsync(u => u.Name == "阳泉高新区", ct);
            var leads = await db.Leads.Where(l => l.OrgUnitId == zone.Id).OrderBy(l => l.Id).ToListAsync(ct);
            leadId = leads.First(l => l.State == LeadState.Active && l.Stage < LeadStage.Started).Id;
        }

        using var client = app.Client(user: Zone);
        var url = $"/promotion/leads/{leadId}";
        var form = HiddenFields(await client.GetStringAsync(url, ct), "halt-form");
        var version = int.Parse(form["version"], CultureInfo.InvariantCulture);

        // Someone revises the lead at 10:05 after the page was read.
        app.Clock.Advance(TimeSpan.FromMinutes(65));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"/api/leads/{leadId}", new { name = "甲改的线索", investor = "甲方", channel = "产业招商" }, null)).StatusCode);

        // The halt from the page read before: refused with 409, the reason typed kept, the other's change shown.
        var refused = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["state"] = "shelved", ["on"] = "2024-04-10", ["reason"] = "投资方暂缓" }), ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该线索已被他人（demo-zone）于 10:05 修改，请查看最新内容后再保存（未作任何更改）", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.Contains("甲改的线索", html, StringComparison.Ordinal);
        Assert.Contains("value=\"投资方暂缓\"", html, StringComparison.Ordinal);
        await using (var db = app.NewContext())
        {
            var stored = await db.Leads.SingleAsync(l => l.Id == leadId, ct);
            Assert.Equal((LeadState.Active, version + 1), (stored.State, stored.Version));
        }

        // Halted from the refused page (it carries the version now): accepted.
        var again = HiddenFields(html, "halt-form");
        Assert.Equal((version + 1).ToString(CultureInfo.InvariantCulture), again["version"]);
        var halted = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(again) { ["state"] = "shelved", ["on"] = "2024-04-10", ["reason"] = "投资方暂缓" }), ct);
        Assert.Equal(HttpStatusCode.Redirect, halted.StatusCode);
        await using (var db = app.NewContext())
        {
            Assert.Equal(LeadState.Shelved, (await db.Leads.SingleAsync(l => l.Id == leadId, ct)).State);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task TheInvestorsPage_RefusesAStaleEdit_KeepingWhatWasTyped(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        var (id, version) = await InvestorAsync(app);
        using var client = app.Client(user: Zone);
        var url = $"/promotion/investors?edit={id}";
        var form = HiddenFields(await client.GetStringAsync(url, ct), "investor-form");
        Assert.Equal(version.ToString(CultureInfo.InvariantCulture), form["version"]);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"/api/promotion/investors/{id}", new { name = "甲改的客商" }, null)).StatusCode);
        var refused = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["name"] = "乙改的客商" }), ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该客商已被他人（demo-zone）于 09:00 修改", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"乙改的客商\"", html, StringComparison.Ordinal);
        Assert.Equal((version + 1).ToString(CultureInfo.InvariantCulture), HiddenFields(html, "investor-form")["version"]);
        await using var db = app.NewContext();
        var stored = await db.KeyInvestors.SingleAsync(i => i.Id == id, ct);
        Assert.Equal(("甲改的客商", version + 1), (stored.Name, stored.Version));
    }

    private static async Task<(int Id, int Version)> InvestorAsync(KeystoneApp app)
    {
        await using var db = app.NewContext();
        var zone = await db.OrgUnits.SingleAsync(u => u.Name == "阳泉高新区");
        var investor = await db.KeyInvestors.Where(i => i.OrgUnitId == zone.Id).OrderBy(i => i.Id).FirstAsync();
        return (investor.Id, investor.Version);
    }

    private static object Event(string name, int? version) =>
        new { on = "2024-04-09", kind = "推介会", name, place = "北京", version };
}
