using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Notifications;
using Keystone.Testing;
using Keystone.Tests.Features.Operations;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Tests.Cli;

/// <summary>
/// `keystone notify` against a fake robot on a real local port, on the demo (阳泉高新区: two problems overdue and
/// escalated to 阳泉市, papers for 施工许可 owed since 2024-04-05). Robots are added through the API, so the
/// CLI reads webhooks the web app protected: the same key ring in the database.
/// </summary>
public class NotifyCommandTests
{
    private const string Zone = "阳泉高新区";
    private const string City = "阳泉市";
    private const string ZoneSecret = "SECzone-secret-0123456789";

    [Theory]
    [DatabaseData]
    public async Task Notify_SendsEachUnitOneMessageOfItsOwnItems_SignedForDingTalk_AndNothingTwice(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using var robot = await FakeRobot.StartAsync();
        await AddRobotAsync(app, Zone, new { kind = "dingtalk", name = "高新区推进群", webhook = robot.Url + "/robot/send?access_token=zone-token-0123456789", secret = ZoneSecret }, "demo-zone");
        await AddRobotAsync(app, City, new { kind = "wecom", name = "市指挥部群", webhook = robot.Url + "/cgi-bin/webhook/send?key=city-key-0123456789" }, "demo-city");

        var first = await NotifyAsync(app, At(2024, 4, 15, 10), "--as-of", "2024-04-15");

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Equal(2, robot.Received.Count);
        var (zonePath, zoneBody) = robot.Received.Single(r => r.PathAndQuery.StartsWith("/robot/send", StringComparison.Ordinal));
        var query = HttpUtility.ParseQueryString(zonePath[(zonePath.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("zone-token-0123456789", query["access_token"]);
        Assert.Equal(Uri.UnescapeDataString(RobotClient.Sign(long.Parse(query["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture), ZoneSecret)), query["sign"]);
        Assert.Equal("markdown", (string?)zoneBody["msgtype"]);
        Assert.Equal("阳泉高新区重点项目提醒", (string?)zoneBody["markdown"]!["title"]);
        var zoneText = FakeRobot.Markdown(zoneBody);
        Assert.Contains("**逾期未办结问题（", zoneText);
        Assert.Contains("P2024-0003", zoneText);
        Assert.Contains("P2024-0002", zoneText);
        Assert.Contains("容缺补正、承诺核查到期", zoneText);
        Assert.Contains("施工许可", zoneText);
        Assert.DoesNotContain("下级提级督办问题", zoneText);

        var (_, cityBody) = robot.Received.Single(r => r.PathAndQuery.StartsWith("/cgi-bin/webhook/send?key=city-key-0123456789", StringComparison.Ordinal));
        var cityText = FakeRobot.Markdown(cityBody);
        Assert.Contains("**下级提级督办问题（", cityText);
        Assert.Contains("P2024-0003", cityText);
        Assert.Contains("阳泉高新区：问题", cityText);
        Assert.DoesNotContain("容缺补正、承诺核查到期", cityText);

        await using (var db = app.NewContext())
        {
            var recorded = await db.NotificationMessages.ToListAsync();
            Assert.NotEmpty(recorded);
            Assert.All(recorded, m => Assert.Equal((MessageStatus.Sent, 1), (m.Status, m.Attempts)));
            // One message per robot: its items share one batch.
            Assert.Equal(2, recorded.Select(m => m.Batch).Distinct().Count());
        }

        // The same day again, and later the same day: nothing is sent twice.
        var second = await NotifyAsync(app, At(2024, 4, 15, 16), "--as-of", "2024-04-15");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(2, robot.Received.Count);
        Assert.Contains("2个群机器人均无新消息", second.Output);

        // The next day's digest is a new one.
        var nextDay = await NotifyAsync(app, At(2024, 4, 16, 10), "--as-of", "2024-04-16");
        Assert.Equal(0, nextDay.ExitCode);
        Assert.Equal(4, robot.Received.Count);
    }

    [Theory]
    [DatabaseData]
    public async Task Notify_RecordsAFailedSend_ReportsIt_AndSendsItOnTheNextRun(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using var robot = await FakeRobot.StartAsync();
        await AddRobotAsync(app, Zone, new { kind = "dingtalk", name = "高新区推进群", webhook = robot.Url + "/robot/send?access_token=zone-token-0123456789", secret = ZoneSecret }, "demo-zone");

        robot.Answer = (HttpStatusCode.OK, 310000);
        var logs = new CapturedLogs();
        var refused = await CliRunner.RunWithLogsAsync(logs, new FakeTimeProvider(At(2024, 4, 15, 10)), "notify", "--db", app.Database.Target.ConnectionString, "--as-of", "2024-04-15");
        Assert.Equal(1, refused.ExitCode);
        var failure = Assert.Single(logs.Lines, l => l.Category == KeystoneTelemetry.LogCategory);
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Contains("robot 高新区推进群", failure.Message, StringComparison.Ordinal);
        Assert.Contains("NOT sent (errcode 310000: sign not match); the next run sends them again", failure.Message, StringComparison.Ordinal);
        Assert.Contains("发送失败：errcode 310000: sign not match", refused.Output);
        Assert.Contains("1个群机器人发送失败，已记录，下次运行时重发", refused.Error);

        robot.Answer = (HttpStatusCode.ServiceUnavailable, 0);
        var down = await NotifyAsync(app, At(2024, 4, 15, 11), "--as-of", "2024-04-15");
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("HTTP 503", down.Output);

        int items;
        await using (var db = app.NewContext())
        {
            var failed = await db.NotificationMessages.ToListAsync();
            items = failed.Count;
            Assert.All(failed, m => Assert.Equal((MessageStatus.Failed, 2, "HTTP 503 Service Unavailable"), (m.Status, m.Attempts, m.LastError)));
        }

        robot.Answer = (HttpStatusCode.OK, 0);
        var sentLogs = new CapturedLogs();
        var retried = await CliRunner.RunWithLogsAsync(sentLogs, new FakeTimeProvider(At(2024, 4, 15, 12)), "notify", "--db", app.Database.Target.ConnectionString, "--as-of", "2024-04-15");
        Assert.Equal(0, retried.ExitCode);
        Assert.Contains($"新0条，重发{items}条", retried.Output);
        var sent = Assert.Single(sentLogs.Lines, l => l.Category == KeystoneTelemetry.LogCategory);
        Assert.Equal(LogLevel.Information, sent.Level);
        Assert.EndsWith($"robot 高新区推进群: 0 new, {items} again, 1 messages sent", sent.Message, StringComparison.Ordinal);
        Assert.Equal(3, robot.Received.Count);
        Assert.Equal(FakeRobot.Markdown(robot.Received[0].Body), FakeRobot.Markdown(robot.Received[2].Body));
        await using (var db = app.NewContext())
        {
            Assert.All(await db.NotificationMessages.ToListAsync(), m => Assert.Equal((MessageStatus.Sent, 3, (string?)null), (m.Status, m.Attempts, m.LastError)));
        }

        // Retried once sent, never again.
        await NotifyAsync(app, At(2024, 4, 15, 13), "--as-of", "2024-04-15");
        Assert.Equal(3, robot.Received.Count);
    }

    [Theory]
    [DatabaseData]
    public async Task Notify_AFailedDigest_IsSupersededByTheNextDays_NotListedTwice(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using var robot = await FakeRobot.StartAsync();
        await AddRobotAsync(app, Zone, new { kind = "wecom", name = "高新区推进群", webhook = robot.Url + "/cgi-bin/webhook/send?key=zone-key-0123456789" }, "demo-zone");

        robot.Answer = (HttpStatusCode.BadGateway, 0);
        Assert.Equal(1, (await NotifyAsync(app, At(2024, 4, 15, 10), "--as-of", "2024-04-15")).ExitCode);
        robot.Answer = (HttpStatusCode.OK, 0);
        var next = await NotifyAsync(app, At(2024, 4, 16, 10), "--as-of", "2024-04-16");

        Assert.Equal(0, next.ExitCode);
        var text = FakeRobot.Markdown(robot.Received[^1].Body);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "P2024-0003"));
        Assert.DoesNotContain("补发", text);
        await using var db = app.NewContext();
        Assert.All(await db.NotificationMessages.Where(m => m.Day == new DateOnly(2024, 4, 15)).ToListAsync(), m => Assert.Equal(MessageStatus.Superseded, m.Status));
    }

    [Theory]
    [DatabaseData]
    public async Task Notify_DryRun_PrintsTheMessages_SendsAndRecordsNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using var robot = await FakeRobot.StartAsync();
        await AddRobotAsync(app, Zone, new { kind = "dingtalk", name = "高新区推进群", webhook = robot.Url + "/robot/send?access_token=zone-token-0123456789" }, "demo-zone");

        var dry = await NotifyAsync(app, At(2024, 4, 15, 10), "--dry-run", "--as-of", "2024-04-15");

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("演练：不发送、不记录", dry.Output);
        Assert.Contains("阳泉高新区 · 高新区推进群（钉钉）", dry.Output);
        Assert.Contains("### 阳泉高新区重点项目提醒", dry.Output);
        Assert.Contains("P2024-0003", dry.Output);
        Assert.Empty(robot.Received);
        await using var db = app.NewContext();
        Assert.Equal(0, await db.NotificationMessages.CountAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task Notify_BeforeTheDailyTime_SendsOnlyANewNotice_AndTheDigestAfterIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using var robot = await FakeRobot.StartAsync();
        await AddRobotAsync(app, Zone, new { kind = "dingtalk", name = "高新区推进群", webhook = robot.Url + "/robot/send?access_token=zone-token-0123456789" }, "demo-zone");
        app.Clock.SetUtcNow(new DateTimeOffset(2024, 4, 15, 7, 0, 0, TimeSpan.FromHours(8)));
        var issued = await app.SendJsonAsync(HttpMethod.Post, "/api/problems/P2024-0002/notices", new { replyBy = "2024-04-22", requirement = "请于4月22日前书面反馈" }, user: "demo-city");
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());

        // The daily time is Beijing time (the business zone, whatever the server's): 08:00 is before the default 09:00, 09:30 after it.
        var early = await NotifyAsync(app, new FakeTimeProvider(new DateTimeOffset(2024, 4, 15, 8, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(0, early.ExitCode);
        Assert.Contains("仅新督办单（每日汇总于09:00后发送）", early.Output);
        var notice = FakeRobot.Markdown(Assert.Single(robot.Received).Body);
        Assert.Contains("**新下达督办单（1）**", notice);
        Assert.Contains("阳泉市督〔2024〕", notice);
        Assert.DoesNotContain("逾期未办结问题", notice);

        var late = await NotifyAsync(app, new FakeTimeProvider(new DateTimeOffset(2024, 4, 15, 9, 30, 0, TimeSpan.FromHours(8))));
        Assert.Equal(0, late.ExitCode);
        Assert.Equal(2, robot.Received.Count);
        var digest = FakeRobot.Markdown(robot.Received[1].Body);
        Assert.Contains("逾期未办结问题", digest);
        Assert.DoesNotContain("新下达督办单", digest);

        // A DailyAt setting moves the digest.
        var setting = await CliRunner.RunAsync(new FakeTimeProvider(new DateTimeOffset(2024, 4, 16, 9, 30, 0, TimeSpan.FromHours(8))),
            new Dictionary<string, string> { ["Keystone__Notify__DailyAt"] = "10:00" }, "notify", "--db", app.Database.Target.ConnectionString);
        Assert.Contains("每日汇总于10:00后发送", setting.Output);
        Assert.Equal(2, robot.Received.Count);
    }

    [Theory]
    [DatabaseData]
    public async Task Notify_LateReports_OfTheWholePlan_SplitPastWeComsLimit_EveryProjectOnce(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using var robot = await FakeRobot.StartAsync();
        await AddRobotAsync(app, Zone, new { kind = "wecom", name = "高新区推进群", webhook = robot.Url + "/cgi-bin/webhook/send?key=zone-key-0123456789" }, "demo-zone");

        // On 10 May April's reports (due 5 May) are late: the demo reported March only.
        var result = await NotifyAsync(app, At(2024, 5, 10, 10), "--as-of", "2024-05-10");

        Assert.Equal(0, result.ExitCode);
        Assert.True(robot.Received.Count > 1);
        var texts = robot.Received.Select(r => FakeRobot.Markdown(r.Body)).ToList();
        Assert.All(texts, t => Assert.True(Encoding.UTF8.GetByteCount(t) <= 4096));
        var lines = texts.SelectMany(t => t.Split('\n')).Where(l => l.Contains("2024年4月进度未填报（应于2024年5月5日前填报）", StringComparison.Ordinal)).ToList();
        await using var db = app.NewContext();
        var late = await db.NotificationMessages.CountAsync(m => m.Kind == NotifyKind.ReportLate);
        Assert.True(late > 20, $"{late} late reports");
        Assert.Equal(late, lines.Count);
        Assert.Equal(lines.Count, lines.Distinct().Count());
    }

    [Theory]
    [DatabaseData]
    public async Task Notify_SendsARecordedReminder_ToItsProjectsUnitOnly_Once_AndAgainAfterAFailure(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using var robot = await FakeRobot.StartAsync();
        await AddRobotAsync(app, Zone, new { kind = "dingtalk", name = "高新区推进群", webhook = robot.Url + "/robot/send?access_token=zone-token-0123456789" }, "demo-zone");
        await AddRobotAsync(app, City, new { kind = "wecom", name = "市指挥部群", webhook = robot.Url + "/cgi-bin/webhook/send?key=city-key-0123456789" }, "demo-city");

        // YQGX-2024-002 has not reported March (due 5 April): the zone's officer reminds it on 15 April, 07:00 Beijing time.
        const string Code = "YQGX-2024-002";
        await using (var db = app.NewContext())
        {
            db.ProgressReports.RemoveRange(await db.ProgressReports.Where(r => r.Project!.Code == Code && r.Period == new Period(2024, 3)).ToListAsync());
            await db.SaveChangesAsync();
        }

        app.Clock.SetUtcNow(new DateTimeOffset(2024, 4, 15, 7, 0, 0, TimeSpan.FromHours(8)));
        var reminded = await app.SendJsonAsync(HttpMethod.Post, "/api/reports/reminders", new { project = Code, period = "2024-03" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, reminded.StatusCode);

        // Before the daily time only what is news goes: the zone's robot fails first, so the reminder waits.
        robot.Answer = (HttpStatusCode.ServiceUnavailable, 0);
        var failed = await NotifyAsync(app, new FakeTimeProvider(new DateTimeOffset(2024, 4, 15, 7, 30, 0, TimeSpan.FromHours(8))));
        Assert.Equal(1, failed.ExitCode);
        var first = Assert.Single(robot.Received);
        Assert.StartsWith("/robot/send", first.PathAndQuery, StringComparison.Ordinal); // the city's robot has nothing: the project is the zone's
        await using (var db = app.NewContext())
        {
            var reminder = await db.ReportReminders.SingleAsync();
            Assert.Null(reminder.SentAt);
            var message = await db.NotificationMessages.SingleAsync();
            Assert.Equal((NotifyKind.ReportReminded, MessageStatus.Failed, $"report-reminded/{reminder.Id}"), (message.Kind, message.Status, message.Subject));
        }

        robot.Answer = (HttpStatusCode.OK, 0);
        var sent = await NotifyAsync(app, new FakeTimeProvider(new DateTimeOffset(2024, 4, 15, 8, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(0, sent.ExitCode);
        Assert.Equal(2, robot.Received.Count);
        var text = FakeRobot.Markdown(robot.Received[1].Body);
        Assert.Contains("**催报（1）**", text);
        Assert.Contains($"{Code} ", text);
        Assert.Contains("demo-zone于2024年4月15日催报2024年3月进度，请尽快填报", text);
        Assert.Equal(FakeRobot.Markdown(first.Body), text); // the same line again, not a second one
        await using (var db = app.NewContext())
        {
            Assert.Equal(new DateTimeOffset(2024, 4, 15, 0, 0, 0, TimeSpan.Zero), (await db.ReportReminders.SingleAsync()).SentAt);
            Assert.Equal(MessageStatus.Sent, (await db.NotificationMessages.SingleAsync()).Status);
        }

        // Sent once: neither later that morning nor in the day's digest is it sent again.
        await NotifyAsync(app, new FakeTimeProvider(new DateTimeOffset(2024, 4, 15, 8, 30, 0, TimeSpan.FromHours(8))));
        Assert.Equal(2, robot.Received.Count);
        await NotifyAsync(app, new FakeTimeProvider(new DateTimeOffset(2024, 4, 15, 9, 30, 0, TimeSpan.FromHours(8))));
        Assert.All(robot.Received.Skip(2), r => Assert.DoesNotContain("催报", FakeRobot.Markdown(r.Body)));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static Task<CliRunner.Result> NotifyAsync(KeystoneApp app, DateTimeOffset at, params string[] args) =>
        NotifyAsync(app, new FakeTimeProvider(at), args);

    private static Task<CliRunner.Result> NotifyAsync(KeystoneApp app, TimeProvider clock, params string[] args) =>
        CliRunner.RunAsync(clock, ["notify", "--db", app.Database.Target.ConnectionString, .. args]);

    public static async Task<int> AddRobotAsync(KeystoneApp app, string unit, object body, string user)
    {
        var response = await app.SendJsonAsync(HttpMethod.Post, $"/api/units/{Uri.EscapeDataString(unit)}/robots", body, user: user);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        return (int)JsonNode.Parse(text)!["id"]!;
    }
}
