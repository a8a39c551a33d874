using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Tests.Cli;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>/api/units/{unit}/robots and the robots page: officers of the unit or above only; webhooks masked; nothing secret in clear at rest.</summary>
public class RobotsApiTests
{
    private const string Token = "zone-token-9f8e7d6c5b4a";
    private const string Secret = "SECa-very-private-signing-secret";
    private static readonly string Robots = "/api/units/" + Uri.EscapeDataString("阳泉高新区") + "/robots";

    private static object Body(string webhookBase = "https://oapi.dingtalk.com") =>
        new { kind = "dingtalk", name = "高新区推进群", webhook = $"{webhookBase}/robot/send?access_token={Token}", secret = Secret };

    [Theory]
    [DatabaseData]
    public async Task Robots_AreManagedOnlyByOfficersOfTheUnitOrOfAUnitAboveIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var id = await NotifyCommandTests.AddRobotAsync(app, "阳泉高新区", Body(), "demo-zone");

        foreach (var officer in new[] { "demo-zone", "demo-city", "demo-province" })
        {
            var list = await app.GetJsonAsync(Robots, user: officer);
            Assert.Equal(id, (int)list["items"]![0]!["id"]!);
        }

        // Reporters and departments are not officers: refused outright, whatever the unit.
        foreach (var user in new[] { "demo-enterprise", "demo-department" })
        {
            using var client = app.Client(user: user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Robots)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Post, Robots, Body(), user: user)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Delete, $"{Robots}/{id}", new { }, user: user)).StatusCode);
        }

        // A zone officer reaches neither the city above it nor another city's zone: they do not exist for it.
        using (var zone = app.Client(user: "demo-zone"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await zone.GetAsync("/api/units/" + Uri.EscapeDataString("阳泉市") + "/robots")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Post, "/api/units/" + Uri.EscapeDataString("古县经济技术开发区") + "/robots", Body(), user: "demo-zone")).StatusCode);
        }

        using (var anonymous = app.AnonymousClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Robots)).StatusCode);
        }

        // The city changes the zone's robot; the zone removes it.
        var changed = await app.SendJsonAsync(HttpMethod.Put, $"{Robots}/{id}", new { name = "改名推进群", enabled = false }, user: "demo-city");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var dto = (await changed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("改名推进群", false, true), ((string)dto["name"]!, (bool)dto["enabled"]!, (bool)dto["signed"]!));
        Assert.Equal(HttpStatusCode.NoContent, (await app.SendJsonAsync(HttpMethod.Delete, $"{Robots}/{id}", new { }, user: "demo-zone")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Put, $"{Robots}/{id}", new { name = "x" }, user: "demo-zone")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task Robots_ShowTheWebhookMasked_NeverTheSecret_AndKeepNeitherInClearInTheDatabase(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await NotifyCommandTests.AddRobotAsync(app, "阳泉高新区", Body(), "demo-zone");

        using (var client = app.Client(user: "demo-zone"))
        {
            var json = await client.GetStringAsync(Robots);
            Assert.Contains("https://oapi.dingtalk.com/robot/send?access_token=zone…5b4a", json);
            Assert.DoesNotContain(Token, json);
            Assert.DoesNotContain(Secret, json);
            var page = await client.GetStringAsync("/units/" + Uri.EscapeDataString("阳泉高新区") + "/robots");
            Assert.Contains("高新区推进群", page);
            Assert.DoesNotContain(Token, page);
            Assert.DoesNotContain(Secret, page);
        }

        await using var db = app.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in new[] { "group_robots", "audit_log" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    Assert.DoesNotContain(Token, value, StringComparison.Ordinal);
                    Assert.DoesNotContain(Secret, value, StringComparison.Ordinal);
                }
            }

            Assert.True(rows > 0, table);
        }

        // Protected by Data Protection (its payloads start with the magic header CfDJ8), with the key ring in the database.
        var robot = await db.GroupRobots.SingleAsync();
        Assert.StartsWith("CfDJ8", robot.ProtectedWebhook, StringComparison.Ordinal);
        Assert.StartsWith("CfDJ8", robot.ProtectedSecret!, StringComparison.Ordinal);
        Assert.True(await db.DataProtectionKeys.AnyAsync());
        Assert.Contains(await db.AuditEntries.Where(a => a.Entity == "robot").Select(a => a.After).ToListAsync(), a => a!.Contains("zone…5b4a", StringComparison.Ordinal));
        var history = await app.GetJsonAsync("/api/audit?entity=robot&id=" + Uri.EscapeDataString("阳泉高新区"), user: "demo-city");
        Assert.Equal("created", (string?)Assert.Single(history["items"]!.AsArray())!["action"]);
    }

    [Theory]
    [DatabaseData]
    public async Task TestMessage_ReachesTheRobot_OrSaysWhyNot(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using var robot = await FakeRobot.StartAsync();
        var id = await NotifyCommandTests.AddRobotAsync(app, "阳泉高新区", Body(robot.Url), "demo-zone");

        var sent = await app.SendJsonAsync(HttpMethod.Post, $"{Robots}/{id}/test", new { }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.True((bool)(await sent.Content.ReadFromJsonAsync<JsonObject>())!["sent"]!);
        var (path, body) = Assert.Single(robot.Received);
        Assert.Contains($"access_token={Token}&timestamp=", path);
        Assert.Contains("“高新区推进群”已接通", FakeRobot.Markdown(body));

        robot.Answer = (HttpStatusCode.OK, 300001);
        var refused = await (await app.SendJsonAsync(HttpMethod.Post, $"{Robots}/{id}/test", new { }, user: "demo-city")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.False((bool)refused!["sent"]!);
        Assert.Equal("errcode 300001: sign not match", (string?)refused["error"]);

        // Sending a test records nothing: the sweep's record is for what it sends.
        await using var db = app.NewContext();
        Assert.Equal(0, await db.NotificationMessages.CountAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task RobotsPage_AddsARobot_AndRefusesABadWebhookBesideTheForm(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var page = "/units/" + Uri.EscapeDataString("阳泉高新区") + "/robots";

        var refused = await app.SubmitAsync(page, "robot-add", [("kind", "wecom"), ("name", "推进群"), ("webhook", "not a url"), ("enabled", "true")], user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Webhook 地址应为 https:// 开头的完整网址", await refused.Content.ReadAsStringAsync());

        var added = await app.SubmitAsync(page, "robot-add",
            [("kind", "wecom"), ("name", "企微推进群"), ("webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"), ("enabled", "true")], user: "demo-zone");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        // The page it sends the officer back to opens on the new robot (one query string, not two).
        var back = added.Headers.Location!.PathAndQuery;
        Assert.Matches(@"^/units/[^?]+/robots\?robot=\d+&done=added$", back);
        using var officer = app.Client(user: "demo-zone");
        var opened = await officer.GetAsync(back);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("已添加群机器人", await opened.Content.ReadAsStringAsync());
        var list = await app.GetJsonAsync(Robots, user: "demo-zone");
        var robot = list["items"]![0]!;
        Assert.Equal(("wecom", "企微推进群", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…5aaa"), ((string)robot["kind"]!, (string)robot["name"]!, (string)robot["webhook"]!));
    }
}
