using System.CommandLine;
using System.Globalization;
using Keystone.Core;
using Keystone.Core.Notifications;
using Keystone.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Keystone.Cli;

/// <summary>
/// `keystone notify [--dry-run] [--as-of DATE]`: the notification sweep, run by a timer (the web app runs no
/// jobs). New 督办单 go out on every run; the daily digest (overdue problems, escalations, 督办单 due, late
/// reports, obligations) once a day at or after Keystone__Notify__DailyAt. Exit 1 when a send failed (it is
/// recorded and sent again on the next run), 0 otherwise.
/// </summary>
public static class NotifyCommand
{
    public const string DailyAtKey = "Keystone:Notify:DailyAt";
    public const string ReportDueDayKey = "Keystone:Notify:ReportDueDay";

    public static Command Create(CliConsole console)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "只显示将发送的消息，不发送、不记录 / print what would be sent; send and record nothing" };
        var asOfOption = new Option<string?>("--as-of") { Description = "业务日期 yyyy-MM-dd（默认今天；给出时即发送当日汇总）/ the business date (default today; given, the digest is due)" };
        var command = new Command("notify", "向钉钉、企业微信群机器人发送提醒 / send the reminders to the DingTalk and WeCom group robots") { dryRun, asOfOption };
        command.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            string? Setting(string key) => c.Environment(key.Replace(":", "__", StringComparison.Ordinal));
            var dailyAt = DailyAt(Setting(DailyAtKey));
            var dueDay = ReportDueDay(Setting(ReportDueDayKey));
            var today = DeskDate.Today(c.Clock);
            var asOfText = result.GetValue(asOfOption);
            var asOf = ScopeOptions.ParseDate(asOfText, c);
            var digest = asOfText is not null || TimeOnly.FromDateTime(DeskDate.Local(c.Clock.GetUtcNow()).DateTime) >= dailyAt;
            var options = new NotifyOptions { AsOf = asOf, Today = today, Digest = digest, DryRun = result.GetValue(dryRun), ReportDueDay = dueDay };

            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            await using var keys = KeyRing.ForCommand(KeystoneCli.Target(result, c), Setting);
            using var http = new HttpClient { Timeout = RobotClient.Timeout };
            var outcome = await NotifySweep.RunAsync(db, keys.GetRequiredService<SecretBox>(), new RobotClient(http, c.Clock), options, c.Clock, ct);
            foreach (var o in outcome.DryRun ? [] : outcome.Outcomes)
            {
                Keystone.Web.OperationsLog.Notified(c.Log, o.Unit, o.Robot, o.New, o.Retried, o.Messages.Count, o.Error);
            }

            Print(c, outcome, dailyAt);
            return outcome.AnyFailed ? 1 : 0;
        }));
        return command;
    }

    /// <summary>Keystone__Notify__DailyAt: the time of day (business time, HH:mm) from which the day's digest goes out; 09:00 by default.</summary>
    public static TimeOnly DailyAt(string? text) =>
        string.IsNullOrWhiteSpace(text) ? new TimeOnly(9, 0)
        : TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
        : throw new DomainException(new($"Keystone__Notify__DailyAt“{text}”应写作 09:00", $"Keystone__Notify__DailyAt \"{text}\" should look like 09:00"), "DailyAt");

    /// <summary>Keystone__Notify__ReportDueDay: a month's report is due by this day of the next month (1–28); 5 by default.</summary>
    public static int ReportDueDay(string? text) => NotifyItems.ParseReportDueDay(text);

    /// <summary>Plain lines, never wrapped: a timer's run is read in the journal, and a failure's reason must stay whole.</summary>
    private static void Print(CliConsole c, NotifyResult result, TimeOnly dailyAt)
    {
        var en = c.English;
        var day = en ? result.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ChineseFormat.Date(result.AsOf);
        var what = result.Digest
            ? (en ? "new 督办单 and the daily digest" : "新督办单及每日汇总")
            : (en ? $"new 督办单 only (the digest goes from {dailyAt:HH:mm})" : $"仅新督办单（每日汇总于{dailyAt:HH:mm}后发送）");
        c.Raw((en
            ? $"Notifications for {day}: {what}{(result.DryRun ? "; dry run: nothing is sent or recorded" : "")}"
            : $"{day}提醒：{what}{(result.DryRun ? "；演练：不发送、不记录" : "")}"));
        if (result.Robots == 0)
        {
            c.Raw((en
                ? "No enabled group robot: add one on a unit's robots page (/units/{unit}/robots) or with POST /api/units/{unit}/robots."
                : "没有启用的群机器人：请在单位的群机器人页面（/units/{单位}/robots）或通过 POST /api/units/{单位}/robots 添加。"));
            return;
        }

        if (result.Outcomes.Count == 0)
        {
            c.Raw((en ? $"Nothing new for {result.Robots} robot(s)." : $"{result.Robots}个群机器人均无新消息。"));
            return;
        }

        foreach (var o in result.Outcomes)
        {
            var kind = o.Kind == RobotKind.DingTalk ? (en ? "DingTalk" : "钉钉") : (en ? "WeCom" : "企业微信");
            var counts = en
                ? $"{o.New} new, {o.Retried} again{(o.Superseded > 0 ? $", {o.Superseded} superseded" : "")}, {o.Messages.Count} message(s)"
                : $"新{o.New}条，重发{o.Retried}条{(o.Superseded > 0 ? $"，被取代{o.Superseded}条" : "")}，{o.Messages.Count}条消息";
            var status = result.DryRun ? (en ? "would send" : "将发送")
                : o.Error is { } e ? (en ? $"FAILED: {e} (sent again on the next run)" : $"发送失败：{e}（下次运行时重发）")
                : o.Messages.Count == 0 ? (en ? "recorded" : "已记录") : (en ? "sent" : "已发送");
            var line = $"{o.Unit} · {o.Robot}（{kind}）：{counts} — {status}";
            c.Raw(line);
            if (result.DryRun)
            {
                foreach (var m in o.Messages)
                {
                    c.Raw(m.Markdown);
                    c.Raw("");
                }
            }
        }

        var failed = result.Outcomes.Count(o => o.Failed);
        if (failed > 0)
        {
            c.Fail(new($"{failed}个群机器人发送失败，已记录，下次运行时重发", $"{failed} robot(s) failed; recorded and sent again on the next run"));
        }
    }
}
