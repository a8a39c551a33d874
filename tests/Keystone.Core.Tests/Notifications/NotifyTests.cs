using System.Text;
using Keystone.Core.Notifications;

namespace Keystone.Core.Tests.Notifications;

public class NotifyTests
{
    /// <summary>A box that is plainly not the clear text, for the entity's own tests (the program's is Data Protection).</summary>
    private static readonly SecretBox Box = new(
        s => "p:" + Convert.ToBase64String(Encoding.UTF8.GetBytes(new string(s.Reverse().ToArray()))),
        s => new string(Encoding.UTF8.GetString(Convert.FromBase64String(s[2..])).Reverse().ToArray()));

    private static readonly DateOnly Day = new(2024, 4, 15);

    [Fact]
    public void Sign_MatchesAHandComputedCase()
    {
        // HMAC-SHA256(key "SEC0123456789abcdef", "1712710800000\nSEC0123456789abcdef"), Base64, URL-encoded —
        // computed apart from this code (Python's hmac, base64 and urllib.parse.quote_plus).
        Assert.Equal("bVFD0G9ySmbv9E%2BgocOK%2FzsFLfRfRZwE%2Fogf8JP1dTI%3D", RobotClient.Sign(1712710800000, "SEC0123456789abcdef"));
    }

    [Fact]
    public void Address_SignsOnlyADingTalkRobotWithASecret()
    {
        var signed = new RobotEndpoint(RobotKind.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=abc", "SEC0123456789abcdef");
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1712710800000&sign=bVFD0G9ySmbv9E%2BgocOK%2FzsFLfRfRZwE%2Fogf8JP1dTI%3D",
            RobotClient.Address(signed, 1712710800000));
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=abc", RobotClient.Address(signed with { Secret = null }, 1712710800000));
        var wecom = new RobotEndpoint(RobotKind.WeCom, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a", null);
        Assert.Equal(wecom.Webhook, RobotClient.Address(wecom, 1712710800000));
    }

    [Fact]
    public void Robot_KeepsItsWebhookAndSecretOnlyProtected_AndShowsTheWebhookMasked()
    {
        var robot = new GroupRobot(7, RobotKind.DingTalk, " 推进群 ", "https://oapi.dingtalk.com/robot/send?access_token=1a2b3c4d5e6f7a8b9c0d", "SECsecret-of-the-group", true, Box);
        Assert.Equal("推进群", robot.Name);
        Assert.DoesNotContain("1a2b3c4d5e6f7a8b9c0d", robot.ProtectedWebhook, StringComparison.Ordinal);
        Assert.DoesNotContain("SECsecret", robot.ProtectedSecret!, StringComparison.Ordinal);
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=1a2b…9c0d", robot.WebhookHint);
        Assert.Equal(new RobotEndpoint(RobotKind.DingTalk, "https://oapi.dingtalk.com/robot/send?access_token=1a2b3c4d5e6f7a8b9c0d", "SECsecret-of-the-group"), robot.Open(Box));

        // A change without webhook or secret keeps them; an empty secret removes it.
        robot.Change(RobotKind.DingTalk, "改名群", null, null, false, Box);
        Assert.Equal("SECsecret-of-the-group", robot.Open(Box).Secret);
        robot.Change(RobotKind.DingTalk, "改名群", null, "", false, Box);
        Assert.Null(robot.Open(Box).Secret);
        Assert.False(robot.Enabled);
    }

    [Theory]
    [InlineData("oapi.dingtalk.com/robot/send?access_token=x", "webhook")]
    [InlineData("ftp://oapi.dingtalk.com/robot/send", "webhook")]
    [InlineData("https://user:pass@oapi.dingtalk.com/robot/send", "webhook")]
    public void Robot_RefusesAWebhookThatIsNotAnHttpUrl(string webhook, string field)
    {
        var e = Assert.Throws<ValidationException>(() => new GroupRobot(7, RobotKind.DingTalk, "群", webhook, null, true, Box));
        Assert.Equal(field, Assert.Single(e.Errors).Field);
    }

    [Fact]
    public void Robot_RefusesASecretForWeCom_AndAnEmptyName()
    {
        var e = Assert.Throws<ValidationException>(() => new GroupRobot(7, RobotKind.WeCom, "", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "SECx", true, Box));
        Assert.Equal(["name", "secret"], e.Errors.Select(x => x.Field));
    }

    [Theory]
    [InlineData("2024-04-05", 5, "2024-02", "2024-03-05")]
    [InlineData("2024-04-06", 5, "2024-03", "2024-04-05")]
    [InlineData("2024-03-01", 28, "2024-01", "2024-02-28")]
    [InlineData("2024-01-10", 5, "2023-12", "2024-01-05")]
    public void ReportDue_IsTheLatestMonthWhoseDayHasPassed(string asOf, int dueDay, string period, string due)
    {
        var (p, d) = NotifyItems.ReportDue(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), dueDay);
        Assert.Equal(period, p.ToString());
        Assert.Equal(due, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Plan_SendsEachItemOncePerRobotAndDay_RetriesFailures_AndSupersedesAnEarlierDaysFailedDigest()
    {
        var zone = new RobotRef(1, 10, RobotKind.DingTalk, "区群");
        var city = new RobotRef(2, 20, RobotKind.WeCom, "市群");
        NotifyItem[] items =
        [
            new(10, NotifyKind.ProblemOverdue, "problem-overdue/P1", Day, "P1 逾期"),
            new(10, NotifyKind.ProblemOverdue, "problem-overdue/P2", Day, "P2 逾期"),
            new(20, NotifyKind.ProblemEscalated, "problem-escalated/P1", Day, "P1 提级"),
        ];
        PriorMessage[] prior =
        [
            new(1, 1, NotifyKind.ProblemOverdue, "problem-overdue/P1", Day, MessageStatus.Sent, "P1 逾期"),
            new(2, 1, NotifyKind.ProblemOverdue, "problem-overdue/P2", Day.AddDays(-1), MessageStatus.Failed, "P2 昨日"),
            new(3, 1, NotifyKind.ReportLate, "report-late/X/2024-03", Day.AddDays(-1), MessageStatus.Failed, "X 未报"),
            new(4, 2, NotifyKind.ProblemEscalated, "problem-escalated/P1", Day, MessageStatus.Failed, "P1 提级"),
        ];

        var plan = NotifyPlan.For([zone, city], items, prior);

        var z = plan.Single(b => b.Robot == zone);
        Assert.Equal(["problem-overdue/P2"], z.New.Select(i => i.Subject));
        Assert.Equal([3L], z.Retries.Select(r => r.Id));
        Assert.Equal([2L], z.Superseded.Select(r => r.Id));
        var c = plan.Single(b => b.Robot == city);
        Assert.Empty(c.New);
        Assert.Equal([4L], c.Retries.Select(r => r.Id));
    }

    [Fact]
    public void Compose_WritesOneMessageBySections_AndMarksOnlyAnEarlierDaysResentLine()
    {
        MessageEntry[] entries =
        [
            new(NotifyKind.ProblemOverdue, Day, "**P2024-0003** 问题逾期"),
            new(NotifyKind.NoticeIssued, Day, "**阳泉市督〔2024〕1号** 督办"),
            new(NotifyKind.ReportLate, Day.AddDays(-1), "YQ-1 项目：2024年3月进度未填报", Resent: true),
            new(NotifyKind.NoticeIssued, Day.AddDays(-1), "**阳泉市督〔2024〕2号** 昨晚下达"),
            new(NotifyKind.ProblemOverdue, Day, "**P2024-0002** 问题逾期"),
        ];

        var message = Assert.Single(NotifyPlan.Compose("阳泉高新区", Day, RobotKind.DingTalk, entries));

        Assert.Equal("阳泉高新区重点项目提醒", message.Title);
        Assert.Equal([3, 1, 0, 4, 2], message.Entries);
        Assert.Equal(
            "### 阳泉高新区重点项目提醒\n2024年4月15日\n\n**新下达督办单（2）**\n- **阳泉市督〔2024〕2号** 昨晚下达\n- **阳泉市督〔2024〕1号** 督办\n\n**逾期未办结问题（2）**\n- **P2024-0003** 问题逾期\n- **P2024-0002** 问题逾期\n\n"
            + "**月度进度逾期未填报（1）**\n- 〔补发·4月14日〕YQ-1 项目：2024年3月进度未填报\n\n> Keystone 重点项目管理系统 · 2024年4月15日",
            message.Markdown);
    }

    [Fact]
    public void Compose_SplitsOnlyPastTheRobotsLimit_EveryEntryOnce()
    {
        var entries = Enumerable.Range(1, 40).Select(i => new MessageEntry(NotifyKind.ReportLate, Day, $"YQGX-2024-{i:000} " + new string('项', 60) + "：2024年3月进度未填报")).ToList();

        var wecom = NotifyPlan.Compose("阳泉高新区", Day, RobotKind.WeCom, entries);
        var dingtalk = NotifyPlan.Compose("阳泉高新区", Day, RobotKind.DingTalk, entries);

        Assert.True(wecom.Count > 1);
        Assert.All(wecom, m => Assert.True(Encoding.UTF8.GetByteCount(m.Markdown) <= 4096, $"{Encoding.UTF8.GetByteCount(m.Markdown)} bytes"));
        Assert.Equal(Enumerable.Range(0, 40), wecom.SelectMany(m => m.Entries));
        Assert.Equal($"阳泉高新区重点项目提醒（1/{wecom.Count}）", wecom[0].Title);
        Assert.Single(dingtalk);
    }
}
