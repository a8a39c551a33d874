using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using static Keystone.Tests.Features.EditRequests;

namespace Keystone.Tests.Features;

/// <summary>
/// Optimistic concurrency (乐观并发) on the office's edits — schedules, work items, meeting minutes, an enterprise's
/// liaison and months, the enterprise page's chain place: a save made from a copy read before someone else's is
/// refused (412 for If-Match, 409 for a body's or a form's version) and writes nothing; a save naming no version
/// is not checked, as before.
/// </summary>
public partial class OfficeConcurrencyTests
{
    private const string Project = "YQGX-2024-001";
    private const string ZoneUscc = "91140300CBPRNJHCCN"; // 阳泉高新区's; demo-enterprise reports for it

    private static string Q(string s) => Uri.EscapeDataString(s);

    private static JsonNode Plan(params string[] names) => new JsonObject
    {
        ["start"] = "2024-04-01",
        ["activities"] = new JsonArray(names.Select((n, i) => (JsonNode)new JsonObject { ["id"] = $"A{i}", ["name"] = n, ["duration"] = 10 + i }).ToArray()),
    };

    [Theory]
    [DatabaseData]
    public async Task AScheduleSavedFromAnOldCopy_IsRefused_ByIfMatch412_ByTheBodysVersion409_AndWithoutEitherSavedAsBefore(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        var url = $"/api/projects/{Project}/schedule";

        // The first plan of a project without one is stored as before; its answer and its GET carry the version.
        var first = await SendAsync(client, HttpMethod.Put, url, Plan("基础"), null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var read = await client.GetAsync(url, ct);
        var etag = read.Headers.ETag!.Tag;
        var version = (int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal($"\"{version}\"", etag);
        Assert.Equal(etag, first.Headers.ETag!.Tag);

        // One saves from it: accepted, the version moves on.
        var saved = await SendAsync(client, HttpMethod.Put, url, Plan("基础", "主体"), etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal($"\"{version + 1}\"", saved.Headers.ETag!.Tag);

        // Another, from the same read: 412 with the version now, who changed it and what; nothing written.
        var refused = await SendAsync(client, HttpMethod.Put, url, Plan("乙的计划"), etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal($"\"{version + 1}\"", refused.Headers.ETag!.Tag);
        var problem = await KeystoneApp.ProblemAsync(refused);
        Assert.StartsWith("该项目的进度计划已被他人（demo-zone）于 09:00 修改", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(version + 1, (int)problem["currentVersion"]!);
        Assert.Single(problem["changes"]!.AsArray());
        Assert.Equal(2, (await app.GetJsonAsync(url, user: "demo-zone"))["activities"]!.AsArray().Count);

        // The version in the plan's JSON: 409, nothing written.
        var body = Plan("乙的计划");
        body["version"] = version;
        var conflict = await SendAsync(client, HttpMethod.Put, url, body, null);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(version + 1, (int)(await KeystoneApp.ProblemAsync(conflict))["currentVersion"]!);
        Assert.Equal(2, (await app.GetJsonAsync(url, user: "demo-zone"))["activities"]!.AsArray().Count);

        // The current version in the JSON, or none at all: stored.
        body["version"] = version + 1;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, url, body, null)).StatusCode);
        var plain = await SendAsync(client, HttpMethod.Put, url, Plan("丙", "丁", "戊"), null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(version + 3, (int)(await plain.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!);
        Assert.Equal(3, (await app.GetJsonAsync(url, user: "demo-zone"))["activities"]!.AsArray().Count);
    }

    [Theory]
    [DatabaseData]
    public async Task WorkItems_CarryTheListsVersion_AndAReplacementFromAnOldReadIsRefused(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        const string url = "/api/projects/YQGX-2024-002/work-items";
        object Items(params string[] names) => new { items = names.Select(n => new { name = n, stage = "主体" }).ToArray() };

        var read = await client.GetAsync(url, ct);
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal($"\"{(int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!}\"", etag);

        var saved = await SendAsync(client, HttpMethod.Put, url, Items("1号楼", "2号楼"), etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = saved.Headers.ETag!.Tag;
        Assert.NotEqual(etag, after);
        Assert.Equal(after, (await client.GetAsync(url, ct)).Headers.ETag!.Tag);

        // A replacement from the first read: 412 (If-Match) or 409 (version), the list as the first left it.
        var refused = await SendAsync(client, HttpMethod.Put, url, Items("乙楼"), etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(after, refused.Headers.ETag!.Tag);
        Assert.StartsWith("该形象进度事项已被他人修改", (string)(await KeystoneApp.ProblemAsync(refused))["detail"]!, StringComparison.Ordinal);
        var old = int.Parse(etag.Trim('"'), CultureInfo.InvariantCulture);
        var conflict = await SendAsync(client, HttpMethod.Put, url, new { items = new[] { new { name = "乙楼", stage = "主体" } }, version = old }, null);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(["1号楼", "2号楼"], (await app.GetJsonAsync(url, user: "demo-zone"))["items"]!.AsArray().Select(i => (string)i!["name"]!).ToArray());

        // With the list's version now, or none: replaced, and the version moves on each time.
        var now = int.Parse(after.Trim('"'), CultureInfo.InvariantCulture);
        var current = await SendAsync(client, HttpMethod.Put, url, new { items = new[] { new { name = "乙楼", stage = "主体" } }, version = now }, null);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var plain = await SendAsync(client, HttpMethod.Put, url, Items("丙楼"), null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.True((int)(await plain.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]! > (int)(await current.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!);
        Assert.Equal("丙楼", (string)(await app.GetJsonAsync(url, user: "demo-zone"))["items"]![0]!["name"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task MeetingMinutes_FromAnOldRead_AreRefused_AndWriteNothing(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        var id = await MarchMeetingAsync(app);
        var url = $"/api/meetings/{id}";

        var read = await client.GetAsync(url, ct);
        var etag = read.Headers.ETag!.Tag;
        var version = (int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal($"\"{version}\"", etag);

        var saved = await SendAsync(client, HttpMethod.Put, url + "/minutes", new { minutes = "甲的纪要" }, etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal($"\"{version + 1}\"", saved.Headers.ETag!.Tag);
        Assert.Equal(version + 1, (int)(await saved.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!);

        var refused = await SendAsync(client, HttpMethod.Put, url + "/minutes", new { minutes = "乙的纪要" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal($"\"{version + 1}\"", refused.Headers.ETag!.Tag);
        var problem = await KeystoneApp.ProblemAsync(refused);
        Assert.StartsWith("该会议已被他人（demo-zone）于 09:00 修改", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Contains("甲的纪要", Assert.Single(problem["changes"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);

        var conflict = await SendAsync(client, HttpMethod.Put, url + "/minutes", new { minutes = "乙的纪要", version }, null);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        await using (var db = app.NewContext())
        {
            var stored = await db.Meetings.SingleAsync(m => m.Id == id, ct);
            Assert.Equal(("甲的纪要", version + 1), (stored.Minutes, stored.Version));
        }

        var plain = await SendAsync(client, HttpMethod.Put, url + "/minutes", new { minutes = "丙的纪要" }, null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal($"\"{version + 2}\"", plain.Headers.ETag!.Tag);
    }

    [Theory]
    [DatabaseData]
    public async Task AnEnterprisesLiaisonAndMonths_FromAnOldRead_AreRefused_AndWriteNothing(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var officer = app.Client(user: "demo-zone");
        using var reporter = app.Client(user: "demo-enterprise");

        // The liaison: checked against the enterprise's version (its ETag on GET /api/enterprises/{uscc}).
        var read = await officer.GetAsync($"/api/enterprises/{ZoneUscc}", ct);
        var etag = read.Headers.ETag!.Tag;
        var liaisonUrl = $"/api/enterprises/{ZoneUscc}/liaison";
        var set = await SendAsync(officer, HttpMethod.Put, liaisonUrl, new { name = "甲", department = "经发局" }, etag);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var next = set.Headers.ETag!.Tag;
        Assert.NotEqual(etag, next);
        Assert.Equal(next, $"\"{(int)(await set.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!}\"");
        var staleLiaison = await SendAsync(officer, HttpMethod.Put, liaisonUrl, new { name = "乙", department = "经发局" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleLiaison.StatusCode);
        Assert.Equal(next, staleLiaison.Headers.ETag!.Tag);
        Assert.StartsWith("该企业已被他人（demo-zone）于 09:00 修改", (string)(await KeystoneApp.ProblemAsync(staleLiaison))["detail"]!, StringComparison.Ordinal);
        var old = int.Parse(etag.Trim('"'), CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(officer, HttpMethod.Put, liaisonUrl, new { name = "乙", department = "经发局", version = old }, null)).StatusCode);
        await using (var db = app.NewContext())
        {
            Assert.Equal("甲", (await db.Enterprises.ToListAsync(ct)).Single(e => e.Uscc.Value == ZoneUscc).LiaisonName);
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(officer, HttpMethod.Put, liaisonUrl, new { name = "丙", department = "经发局" }, null)).StatusCode);

        // A month: a new one is filed as before (nothing to be stale against); a revision from an old read is refused.
        var monthUrl = $"/api/enterprises/{ZoneUscc}/months/2024-01";
        var filed = await SendAsync(reporter, HttpMethod.Put, monthUrl, new { revenue = 150m, output = 150m, employees = 80 }, null);
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var monthTag = filed.Headers.ETag!.Tag;
        var monthVersion = (int)(await filed.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal($"\"{monthVersion}\"", monthTag);
        var months = await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}/months", user: "demo-enterprise");
        Assert.Equal(monthVersion, (int)months["items"]!.AsArray().Single(m => (string)m!["period"]! == "2024-01")!["version"]!);

        var revised = await SendAsync(reporter, HttpMethod.Put, monthUrl, new { revenue = 160m, output = 160m, employees = 80 }, monthTag);
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal($"\"{monthVersion + 1}\"", revised.Headers.ETag!.Tag);
        var staleMonth = await SendAsync(reporter, HttpMethod.Put, monthUrl, new { revenue = 999m, output = 999m, employees = 80 }, monthTag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleMonth.StatusCode);
        Assert.StartsWith("该企业月度数据已被他人", (string)(await KeystoneApp.ProblemAsync(staleMonth))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(reporter, HttpMethod.Put, monthUrl, new { revenue = 999m, version = monthVersion }, null)).StatusCode);
        Assert.Equal(160m, (decimal)(await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}/months", user: "demo-enterprise"))["items"]!.AsArray().Single(m => (string)m!["period"]! == "2024-01")!["revenue"]!);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(reporter, HttpMethod.Put, monthUrl, new { revenue = 170m, output = 170m, employees = 80 }, null)).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task TheSchedulePage_RefusesASaveFromAnOldPage_With409_ShowingWhatChanged_AndKeepingWhatWasTyped(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        var api = $"/api/projects/{Project}/schedule";
        var page = $"/projects/{Project}/schedule";
        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, api, Plan("基础", "主体"), user: "demo-zone")).StatusCode);
        using var client = app.Client(user: "demo-zone");
        var form = HiddenFields(await client.GetStringAsync(page, ct), "plan-form");
        var old = form["version"];

        // Someone else changes the plan after the page was read.
        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, api, Plan("基础", "主体", "封顶"), user: "demo-zone")).StatusCode);
        var stored = await PlanJsonAsync(app);

        var refused = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["start"] = "2024-05-06", ["deadline"] = "", ["days"] = "calendar" }), ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该项目的进度计划已被他人（demo-zone）于 09:00 修改，请查看最新内容后再保存（未作任何更改）", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2024-05-06\"", html, StringComparison.Ordinal);
        Assert.Contains("封顶", html, StringComparison.Ordinal);
        Assert.Equal(stored, await PlanJsonAsync(app));

        // From the refused page (it carries the version now): saved.
        var fresh = HiddenFields(html, "plan-form");
        Assert.NotEqual(old, fresh["version"]);
        var again = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>(fresh) { ["start"] = "2024-05-06", ["deadline"] = "", ["days"] = "calendar" }), ct);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("2024-05-06", await PlanJsonAsync(app), StringComparison.Ordinal);
    }

    [Theory]
    [DatabaseData]
    public async Task TheMeetingPagesMinutes_FromAnOldPage_AreRefusedWith409_AndWriteNothing(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        var id = await MarchMeetingAsync(app);
        var page = $"/meetings/{id}";
        using var client = app.Client(user: "demo-zone");
        var form = HiddenFields(await client.GetStringAsync(page, ct), "minutes-form");

        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, $"/api/meetings/{id}/minutes", new { minutes = "甲的纪要" }, user: "demo-zone")).StatusCode);

        var refused = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>(form) { ["minutes"] = "乙的纪要" }), ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该会议已被他人（demo-zone）于 09:00 修改，请查看最新内容后再保存（未作任何更改）", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.Contains("乙的纪要</textarea>", html, StringComparison.Ordinal);
        await using (var db = app.NewContext())
        {
            Assert.Equal("甲的纪要", (await db.Meetings.SingleAsync(m => m.Id == id, ct)).Minutes);
        }

        var again = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>(HiddenFields(html, "minutes-form")) { ["minutes"] = "乙的纪要" }), ct);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = app.NewContext())
        {
            Assert.Equal("乙的纪要", (await db.Meetings.SingleAsync(m => m.Id == id, ct)).Minutes);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task TheEnterprisePagesChainPlace_FromAnOldPage_IsRefusedWith409_AndWritesNothing(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        var page = $"/enterprises/{ZoneUscc}?asOf=2024-04-10";
        var version = (int)(await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone"))["version"]!;

        // Someone renames the enterprise after the page was read.
        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, $"/api/enterprises/{ZoneUscc}", new { name = "甲改的企业名称有限公司" }, user: "demo-zone")).StatusCode);

        var refused = await app.PostFormAsync("demo-zone", page, page, new Dictionary<string, string>
        {
            ["_handler"] = "chain-place",
            ["place"] = "",
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该企业已被他人（demo-zone）于 09:00 修改，请查看最新内容后再保存（未作任何更改）", html, StringComparison.Ordinal);
        Assert.Contains("甲改的企业名称有限公司", html, StringComparison.Ordinal);
        var after = await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone");
        Assert.Equal(version + 1, (int)after["version"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task ACampaignsProjects_ChangedFromAnOldRead_AreRefused_ThroughTheApiAndThePage(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        var id = (int)(await app.GetJsonAsync($"/api/campaigns?scope={Q("阳泉高新区")}&asOf=2024-04-10", user: "demo-zone"))["items"]![0]!["id"]!;
        var url = $"/api/campaigns/{id}";
        bool Named(JsonNode detail, string code) => detail["projects"]!.AsArray().Any(p => (string)p!["code"]! == code);

        var read = await client.GetAsync(url, ct);
        var etag = read.Headers.ETag!.Tag;
        var version = (int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal($"\"{version}\"", etag);

        // Naming a project moves the campaign's version on, though its own columns stay as they were.
        var added = await SendAsync(client, HttpMethod.Post, url + "/projects", new { project = "YQGX-2024-008", kind = "approval", procedure = "能评", due = "2024-04-20" }, etag);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal($"\"{version + 1}\"", added.Headers.ETag!.Tag);
        var tasks = (await app.GetJsonAsync(url, user: "demo-zone"))["projects"]!.ToJsonString();

        // Taking it out, or naming another, from the first read: refused, the task list as it was.
        var removed = await SendAsync(client, HttpMethod.Delete, url + "/projects/YQGX-2024-008", new { }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, removed.StatusCode);
        Assert.StartsWith("该活动已被他人（demo-zone）于 09:00 修改", (string)(await KeystoneApp.ProblemAsync(removed))["detail"]!, StringComparison.Ordinal);
        var conflict = await SendAsync(client, HttpMethod.Post, url + "/projects", new { project = "YQGX-2024-024", kind = "approval", procedure = "能评", due = "2024-04-20", version }, null);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(tasks, (await app.GetJsonAsync(url, user: "demo-zone"))["projects"]!.ToJsonString());

        // The page's remove form, rendered before a change made through the API: 409, the alert, nothing removed.
        var page = $"/campaigns?scope={Q("阳泉高新区")}&campaign={id}&asOf=2024-04-10";
        var old = HiddenFields(await client.GetStringAsync(page, ct), "campaign-remove-form")["version"];
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, HttpMethod.Post, url + "/projects", new { project = "YQGX-2024-024", kind = "approval", procedure = "能评", due = "2024-04-20" }, null)).StatusCode);
        var refused = await app.SubmitAsync(page, "campaign-remove", [("project", "YQGX-2024-008"), ("version", old)], user: "demo-zone");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该活动已被他人（demo-zone）于 09:00 修改，请查看最新内容后再保存（未作任何更改）", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.True(Named(await app.GetJsonAsync(url, user: "demo-zone"), "YQGX-2024-008"));

        // Without a version (as before), the API's removal goes through.
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync(url + "/projects/YQGX-2024-008", ct)).StatusCode);
        Assert.False(Named(await app.GetJsonAsync(url, user: "demo-zone"), "YQGX-2024-008"));
    }

    [Fact]
    public async Task TheOpenApiDocument_DeclaresIfMatchAnd412_OnEachGuardedEdit()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        using var client = app.AnonymousClient();
        var paths = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!["paths"]!;
        foreach (var path in new[]
        {
            "/api/projects/{code}/schedule", "/api/projects/{code}/work-items", "/api/meetings/{id}/minutes",
            "/api/enterprises/{uscc}/liaison", "/api/enterprises/{uscc}/months/{period}", "/api/campaigns/{id}/projects", "/api/campaigns/{id}/projects/{code}",
        })
        {
            var put = paths[path]!["put"] ?? paths[path]!["post"] ?? paths[path]!["delete"]!;
            Assert.NotNull(put["responses"]!["412"]);
            Assert.Single(put["parameters"]!.AsArray(), p => (string)p!["name"]! == "If-Match");
            Assert.Contains("If-Match", (string)put["description"]!, StringComparison.Ordinal);
        }
    }

    private static async Task<int> MarchMeetingAsync(KeystoneApp app) =>
        (int)(await app.GetJsonAsync($"/api/meetings?scope={Q("阳泉高新区")}&kind={Q("调度会")}", user: "demo-zone"))["items"]![0]!["id"]!;

    private static async Task<string> PlanJsonAsync(KeystoneApp app)
    {
        await using var db = app.NewContext();
        return await db.Schedules.Where(s => s.Project!.Code == Project).Select(s => s.PlanJson).SingleAsync();
    }
}
