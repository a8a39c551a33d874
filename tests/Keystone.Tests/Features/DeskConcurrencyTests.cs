using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Tests.Cli;
using Microsoft.EntityFrameworkCore;
using static Keystone.Tests.Features.EditRequests;

namespace Keystone.Tests.Features;

/// <summary>
/// Optimistic concurrency on the desk's settings: indicator values and targets, a unit's targets (API and page), its
/// light rules and its group robots (API and page). A save made from a copy read before another's is refused — 412
/// by If-Match, 409 by a version — and writes nothing; a save naming no version applies as before; a version named
/// for a record that does not exist yet (an upsert's) is stale.
/// </summary>
public class DeskConcurrencyTests
{
    private const string Zone = "demo-zone";
    private static readonly string Robots = "/api/units/" + Uri.EscapeDataString("阳泉高新区") + "/robots";

    private static string Q(string s) => Uri.EscapeDataString(s);

    [Theory]
    [DatabaseData]
    public async Task AnIndicatorValue_AndItsTarget_AreVersioned_AVersionForOneNotRecordedYetIsStale(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: Zone);
        object Value(decimal value, int? version) => new { scope = "阳泉高新区", period = "2031-05", indicator = "规上工业增加值", value, version };

        // Nothing recorded for the month: a version 1 is stale (409), nothing recorded.
        var early = await SendAsync(client, HttpMethod.Put, "/api/indicators", Value(1m, 1), null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("\"0\"", early.Headers.ETag!.Tag);

        // Recorded from version 0 (nobody recorded it since): version 1, also the ETag.
        var first = await SendAsync(client, HttpMethod.Put, "/api/indicators", Value(52_000m, 0), null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"1\"", first.Headers.ETag!.Tag);
        var item = (await first.Content.ReadFromJsonAsync<JsonObject>(ct))!["items"]!.AsArray().Single(i => (string)i!["indicator"]! == "规上工业增加值")!;
        Assert.Equal(1, (int)item["version"]!);

        // A second officer who also read "nothing recorded": 412 by If-Match "0", the first's value stands.
        var second = await SendAsync(client, HttpMethod.Put, "/api/indicators", Value(99_000m, null), "\"0\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("\"1\"", second.Headers.ETag!.Tag);
        Assert.StartsWith("该指标数据已被他人", (string)(await KeystoneApp.ProblemAsync(second))["detail"]!, StringComparison.Ordinal);
        await using (var db = app.NewContext())
        {
            Assert.Equal((decimal?)52_000m, (await db.IndicatorValues.SingleAsync(v => v.Period == new Keystone.Core.Period(2031, 5), ct)).Value);
        }

        // No version: applied as before (version 2).
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, "/api/indicators", Value(53_000m, null), null)).StatusCode);

        // The yearly target: set from 0, then a stale version refused (409), a stale If-Match (412), no version applied.
        object Target(decimal? target, int? version) => new { scope = "阳泉高新区", year = 2031, indicator = "规上工业增加值", kind = "growth", target, version };
        var set = await SendAsync(client, HttpMethod.Put, "/api/indicators/targets", Target(8m, 0), null);
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("\"1\"", set.Headers.ETag!.Tag);
        Assert.Equal(1, (int)(await app.GetJsonAsync($"/api/indicators?scope={Q("阳泉高新区")}&period=2031-05", user: Zone))["items"]!.AsArray()
            .Single(i => (string)i!["indicator"]! == "规上工业增加值")!["targetVersion"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Put, "/api/indicators/targets", Target(9m, 0), null)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Put, "/api/indicators/targets", Target(null, null), "\"0\"")).StatusCode);
        await using (var db = app.NewContext())
        {
            Assert.Equal((8m, 1), await db.IndicatorTargets.Where(t => t.Year == 2031).Select(t => new { t.Target, t.Version }).SingleAsync(ct) is var row ? (row.Target, row.Version) : default);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(client, HttpMethod.Put, "/api/indicators/targets", Target(10m, null), null)).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task AUnitsTargets_AreVersioned_ThroughTheApiAndThePage(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: Zone);
        var url = $"/api/targets?unit={Q("阳泉高新区")}&year=2024";
        var read = await client.GetAsync(url, ct);
        var version = (int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal($"\"{version}\"", read.Headers.ETag!.Tag);

        // Saved from the ETag read: version + 1. The same read again: 412, then by the body's version 409; nothing written.
        var saved = await SendAsync(client, HttpMethod.Put, url, new { newStarts = 31 }, read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(version + 1, (int)(await saved.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!);
        var stale = await SendAsync(client, HttpMethod.Put, url, new { newStarts = 40 }, read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal($"\"{version + 1}\"", stale.Headers.ETag!.Tag);
        Assert.StartsWith("该目标任务已被他人", (string)(await KeystoneApp.ProblemAsync(stale))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Put, url, new { newStarts = 41, version }, null)).StatusCode);
        Assert.Equal(31, (int)(await app.GetJsonAsync(url))["targets"]!["newStarts"]!);

        // The page's form, rendered before that save, is refused too: 409, the alert, the figures typed kept, nothing saved.
        var page = $"/targets?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10";
        var refused = await app.PostFormAsync(Zone, page, page, new Dictionary<string, string>
        {
            ["_handler"] = "targets",
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
            ["newStarts"] = "50",
            ["startRate"] = "61",
        });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该目标任务已被他人（demo-zone）于 09:00 修改", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"61\"", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"version\" value=\"{version + 1}\"", html, StringComparison.Ordinal);
        Assert.Equal(31, (int)(await app.GetJsonAsync(url))["targets"]!["newStarts"]!);

        // No version (an old script): applied as before; from the page's current version: saved.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, url, new { newStarts = 32 }, null)).StatusCode);
        var accepted = await app.PostFormAsync(Zone, page, page, new Dictionary<string, string> { ["_handler"] = "targets", ["newStarts"] = "33" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal((33, version + 3), await app.GetJsonAsync(url) is var after ? ((int)after["targets"]!["newStarts"]!, (int)after["version"]!) : default);
    }

    [Theory]
    [DatabaseData]
    public async Task LightRules_AreVersioned_ByIfMatchOrTheQuerysVersion(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: Zone);
        var url = $"/api/lights/rules?unit={Q("阳泉高新区")}";
        var read = await client.GetAsync(url, ct);
        var version = (int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal($"\"{version}\"", read.Headers.ETag!.Tag);

        var saved = await SendAsync(client, HttpMethod.Put, url, new { problemRouteDays = 3, problemAnswerDays = 10 }, read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(version + 1, (int)(await saved.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!);
        var stale = await SendAsync(client, HttpMethod.Put, url, new { problemRouteDays = 5, problemAnswerDays = 12 }, read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal($"\"{version + 1}\"", stale.Headers.ETag!.Tag);
        Assert.StartsWith("该红黄灯规则已被他人（demo-zone）于 09:00 修改", (string)(await KeystoneApp.ProblemAsync(stale))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Put, url + $"&version={version}", new { problemRouteDays = 6, problemAnswerDays = 12 }, null)).StatusCode);
        Assert.Equal(3, (int)(await app.GetJsonAsync(url, user: Zone))["rules"]!["problemRouteDays"]!);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, url, new { problemRouteDays = 4, problemAnswerDays = 10 }, null)).StatusCode);
        Assert.Equal(4, (int)(await app.GetJsonAsync(url, user: Zone))["rules"]!["problemRouteDays"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task AGroupRobot_IsVersioned_ThroughTheApiAndThePage(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        var id = await NotifyCommandTests.AddRobotAsync(app, "阳泉高新区",
            new { kind = "dingtalk", name = "高新区推进群", webhook = "https://oapi.dingtalk.com/robot/send?access_token=zone-token-1" }, Zone);
        using var client = app.Client(user: Zone);
        var version = (int)(await app.GetJsonAsync(Robots, user: Zone))["items"]![0]!["version"]!;
        var page = $"/units/{Q("阳泉高新区")}/robots?robot={id}";
        var form = await client.GetStringAsync(page, ct);
        Assert.Contains($"name=\"version\" value=\"{version}\"", form, StringComparison.Ordinal);

        var saved = await SendAsync(client, HttpMethod.Put, $"{Robots}/{id}", new { name = "甲改的群", version }, null);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal($"\"{version + 1}\"", saved.Headers.ETag!.Tag);
        var stale = await SendAsync(client, HttpMethod.Put, $"{Robots}/{id}", new { name = "乙改的群", version }, null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.StartsWith("该群机器人已被他人（demo-zone）于 09:00 修改", (string)(await KeystoneApp.ProblemAsync(stale))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Put, $"{Robots}/{id}", new { name = "丙改的群" }, $"\"{version}\"")).StatusCode);

        // The page's edit form, rendered before: 409, the alert with what changed, the name typed kept; nothing saved.
        var refused = await app.PostFormAsync(Zone, page, page, new Dictionary<string, string>
        {
            ["_handler"] = "robot-edit",
            ["version"] = version.ToString(CultureInfo.InvariantCulture),
            ["kind"] = "dingtalk",
            ["name"] = "页面改的群",
            ["enabled"] = "true",
        });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该群机器人已被他人（demo-zone）于 09:00 修改", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"页面改的群\"", html, StringComparison.Ordinal);
        await using (var db = app.NewContext())
        {
            var stored = await db.GroupRobots.SingleAsync(r => r.Id == id, ct);
            Assert.Equal(("甲改的群", version + 1), (stored.Name, stored.Version));
        }

        // No version: applied as before.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"{Robots}/{id}", new { name = "不带版本的群" }, null)).StatusCode);
    }
}
