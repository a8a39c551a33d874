using System.Globalization;
using System.Text;
using Keystone.Core.Factors;
using Keystone.Core.Lights;
using Keystone.Core.Problems;
using Keystone.Core.Units;

namespace Keystone.Core.Notifications;

/// <summary>One thing a unit's robots are told: its kind, what it is about (<see cref="Subject"/>), its day, and its line (zh-CN markdown).</summary>
public sealed record NotifyItem(int UnitId, NotifyKind Kind, string Subject, DateOnly Day, string Line);

/// <summary>A 督办单 as the sweep needs it.</summary>
public sealed record NoticeRow(
    string Reference, string ProblemNumber, string ProblemTitle, int ProblemUnitId, int IssuingUnitId, string Addressee, DateOnly IssuedOn, DateOnly ReplyBy, DateOnly? RepliedOn);

/// <summary>A project of the plan without its month's report by the day it was due.</summary>
public sealed record LateReportRow(int UnitId, string Code, string Name, Period Period, DateOnly Due);

/// <summary>A 催报 recorded on the 工作台 and not yet passed to a robot: who reminded which project of which month, on which day.</summary>
public sealed record ReminderRow(int Id, int UnitId, string Code, string Name, Period Period, string By, DateOnly On);

/// <summary>What a sweep reads for the units that have robots, as of one day.</summary>
public sealed record NotifyInputs
{
    public required DateOnly AsOf { get; init; }

    /// <summary>Whether the daily digest is due on this run (at or after Keystone:Notify:DailyAt); new 督办单 go on every run.</summary>
    public required bool Digest { get; init; }

    /// <summary>The units that have an enabled robot: only their items are collected.</summary>
    public required IReadOnlySet<int> Units { get; init; }

    /// <summary>Problems of those units and of the units just below them, judged on <see cref="AsOf"/>: the overdue ones.</summary>
    public IReadOnlyList<JudgedProblem> Overdue { get; init; } = [];

    public IReadOnlyList<NoticeRow> Notices { get; init; } = [];

    public IReadOnlyList<LateReportRow> LateReports { get; init; } = [];

    /// <summary>The 催报 of the last <see cref="NotifyItems.NoticeWindowDays"/> days not yet sent to any robot.</summary>
    public IReadOnlyList<ReminderRow> Reminders { get; init; } = [];

    /// <summary>Open obligations with their lights on <see cref="AsOf"/>.</summary>
    public IReadOnlyList<ObligationLight> Obligations { get; init; } = [];
}

/// <summary>
/// What each unit's robots are told on a day (docs/domain.md, "Notifications"): new 督办单 at once; once a day
/// the digest of overdue problems (to their unit, and escalated ones to the unit above), 督办单 replies due,
/// late monthly reports and obligations due. Pure.
/// </summary>
public static class NotifyItems
{
    /// <summary>A 督办单 issued this many days before the run or later is new (a first run does not replay old ones).</summary>
    public const int NoticeWindowDays = 2;

    /// <summary>The longest line: a message must fit WeCom's 4,096 bytes with its heading.</summary>
    public const int MaxLineLength = 600;

    public static IReadOnlyList<NotifyItem> Collect(NotifyInputs inputs, OrgTree tree)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(tree);
        var asOf = inputs.AsOf;
        var items = new List<NotifyItem>();
        void Add(int unit, NotifyKind kind, string subject, DateOnly day, string line)
        {
            if (inputs.Units.Contains(unit))
            {
                items.Add(new(unit, kind, subject, day, line.Length > MaxLineLength ? line[..(MaxLineLength - 1)] + "…" : line));
            }
        }

        foreach (var n in inputs.Notices.Where(n => n.IssuedOn <= asOf && n.IssuedOn >= asOf.AddDays(-NoticeWindowDays)))
        {
            var line = $"**{n.Reference}** 督办问题{n.ProblemNumber}“{n.ProblemTitle}”，主送{n.Addressee}，限{ChineseFormat.Date(n.ReplyBy)}前反馈";
            foreach (var unit in new[] { n.ProblemUnitId, n.IssuingUnitId }.Distinct())
            {
                Add(unit, NotifyKind.NoticeIssued, "notice-issued/" + n.Reference, n.IssuedOn, line);
            }
        }

        // A 催报 is news for the project's unit at once, like a new 督办单: one line per reminder, each sent once.
        foreach (var r in inputs.Reminders.Where(r => r.On <= asOf && r.On >= asOf.AddDays(-NoticeWindowDays)).OrderBy(r => r.On).ThenBy(r => r.Id))
        {
            Add(r.UnitId, NotifyKind.ReportReminded, ReminderSubject(r.Id), r.On,
                $"{r.Code} {r.Name}：{r.By}于{ChineseFormat.Date(r.On)}催报{r.Period.Year}年{r.Period.Month}月进度，请尽快填报");
        }

        if (!inputs.Digest)
        {
            return items;
        }

        foreach (var p in inputs.Overdue.Where(p => p.Standing.IsOverdue))
        {
            var reason = p.Standing.Reasons.FirstOrDefault()?.Text.Zh ?? "";
            var what = p.Row.ProjectName ?? p.Row.EnterpriseName;
            var department = p.Standing.Department ?? "未交办";
            Add(p.Row.UnitId, NotifyKind.ProblemOverdue, "problem-overdue/" + p.Row.Number, asOf,
                $"**{p.Row.Number}** {reason}（{(what is null ? "" : what + "；")}责任单位：{department}）");
            if (p.Standing.EscalatedTo is { } to)
            {
                var unit = tree.Contains(p.Row.UnitId) ? tree[p.Row.UnitId].Name : "";
                Add(to.UnitId, NotifyKind.ProblemEscalated, "problem-escalated/" + p.Row.Number, asOf,
                    $"**{p.Row.Number}** {unit}：{reason}（责任单位：{department}）");
            }
        }

        var horizon = WorkingDays.Add(asOf, 1);
        foreach (var n in inputs.Notices.Where(n => n.RepliedOn is not { } r || r > asOf).Where(n => n.IssuedOn <= asOf && n.ReplyBy <= horizon))
        {
            var when = n.ReplyBy < asOf ? $"已逾期{Math.Max(1, WorkingDays.Between(n.ReplyBy, asOf))}个工作日未反馈"
                : n.ReplyBy == asOf ? "今日到期"
                : $"将于{ChineseFormat.Date(n.ReplyBy)}到期";
            var line = $"**{n.Reference}**（问题{n.ProblemNumber}“{n.ProblemTitle}”，主送{n.Addressee}）限{ChineseFormat.Date(n.ReplyBy)}前反馈，{when}";
            foreach (var unit in new[] { n.ProblemUnitId, n.IssuingUnitId }.Distinct())
            {
                Add(unit, NotifyKind.NoticeDue, "notice-due/" + n.Reference, asOf, line);
            }
        }

        foreach (var r in inputs.LateReports.OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            Add(r.UnitId, NotifyKind.ReportLate, string.Create(CultureInfo.InvariantCulture, $"report-late/{r.Code}/{r.Period}"), asOf,
                $"{r.Code} {r.Name}：{r.Period.Year}年{r.Period.Month}月进度未填报（应于{ChineseFormat.Date(r.Due)}前填报）");
        }

        foreach (var o in inputs.Obligations.Where(o => o.Done is null && o.Light != Light.Green).OrderByDescending(o => o.Light).ThenBy(o => o.Due))
        {
            var reason = o.Reasons.FirstOrDefault()?.Text.Zh ?? "";
            Add(o.UnitId, NotifyKind.ObligationDue, $"obligation/{o.Code}/{o.Item}/{o.Kind}", asOf, $"{o.Code} {o.ProjectName}：{reason}");
        }

        return items;
    }

    /// <summary>The subject a 催报's messages are recorded under (one per reminder).</summary>
    public static string ReminderSubject(int reminderId) => string.Create(CultureInfo.InvariantCulture, $"report-reminded/{reminderId}");

    /// <summary>Keystone__Notify__ReportDueDay: a month's report is due by this day of the next month (1–28); 5 by default.</summary>
    public static int ParseReportDueDay(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 5
        : int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 28 ? d
        : throw new DomainException(new($"Keystone__Notify__ReportDueDay“{text}”应为1到28之间的日期", $"Keystone__Notify__ReportDueDay \"{text}\" should be a day from 1 to 28"), "ReportDueDay");

    /// <summary>
    /// The month whose report is late on <paramref name="asOf"/>, and the day it was due: a month's report is due by
    /// day <paramref name="dueDay"/> of the month after it, so from the day after that it is late.
    /// </summary>
    public static (Period Period, DateOnly Due) ReportDue(DateOnly asOf, int dueDay)
    {
        var month = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-1);
        DateOnly DueOf(DateOnly m)
        {
            var next = m.AddMonths(1);
            return new DateOnly(next.Year, next.Month, Math.Min(dueDay, DateTime.DaysInMonth(next.Year, next.Month)));
        }

        if (DueOf(month) >= asOf)
        {
            month = month.AddMonths(-1);
        }

        return (new Period(month.Year, month.Month), DueOf(month));
    }
}

/// <summary>A robot as the plan needs it.</summary>
public sealed record RobotRef(int Id, int UnitId, RobotKind Kind, string Name);

/// <summary>A message already recorded for a robot (sent, failed or superseded).</summary>
public sealed record PriorMessage(long Id, int RobotId, NotifyKind Kind, string Subject, DateOnly Day, MessageStatus Status, string Body);

/// <summary>What one robot is sent on a run: new items, failed ones again, and failed ones a new item replaces.</summary>
public sealed record RobotBatch(RobotRef Robot, IReadOnlyList<NotifyItem> New, IReadOnlyList<PriorMessage> Retries, IReadOnlyList<PriorMessage> Superseded)
{
    public bool IsEmpty => New.Count == 0 && Retries.Count == 0;

    /// <summary>The lines of the message: new and retried items, each with its kind and day.</summary>
    public IReadOnlyList<MessageEntry> Entries =>
        [.. New.Select(i => new MessageEntry(i.Kind, i.Day, i.Line)), .. Retries.Select(r => new MessageEntry(r.Kind, r.Day, r.Body, Resent: true))];
}

/// <summary>A line of a message; <see cref="Resent"/> when it failed before (an earlier day's is marked 补发 with its day).</summary>
public sealed record MessageEntry(NotifyKind Kind, DateOnly Day, string Line, bool Resent = false);

/// <summary>One message as posted: its title (DingTalk shows it in the chat list), its markdown, and the entries it carries.</summary>
public sealed record MessageChunk(string Title, string Markdown, IReadOnlyList<int> Entries);

/// <summary>Which items go to which robot, and how they are written as messages. Pure.</summary>
public static class NotifyPlan
{
    /// <summary>
    /// Per robot: the items of its unit not yet recorded for it on their day (each item goes once per robot and
    /// day); the failed ones again — but a failed digest item of an earlier day whose subject is in today's
    /// digest is superseded by it, so a problem is not listed twice.
    /// </summary>
    public static IReadOnlyList<RobotBatch> For(IEnumerable<RobotRef> robots, IReadOnlyList<NotifyItem> items, IReadOnlyList<PriorMessage> prior)
    {
        var batches = new List<RobotBatch>();
        foreach (var robot in robots)
        {
            var mine = items.Where(i => i.UnitId == robot.UnitId).DistinctBy(i => (i.Subject, i.Day)).ToList();
            var recorded = prior.Where(p => p.RobotId == robot.Id).ToList();
            var keys = recorded.Select(p => (p.Subject, p.Day)).ToHashSet();
            var subjects = mine.Select(i => i.Subject).ToHashSet(StringComparer.Ordinal);
            var failed = recorded.Where(p => p.Status == MessageStatus.Failed).ToList();
            var superseded = failed.Where(p => subjects.Contains(p.Subject) && !mine.Any(i => i.Subject == p.Subject && i.Day == p.Day)).ToList();
            batches.Add(new RobotBatch(
                robot,
                mine.Where(i => !keys.Contains((i.Subject, i.Day))).ToList(),
                failed.Except(superseded).OrderBy(p => p.Day).ThenBy(p => p.Id).ToList(),
                superseded));
        }

        return batches;
    }

    /// <summary>WeCom takes at most 4,096 bytes of markdown; DingTalk more, but a long message is cut off in the chat.</summary>
    public static int Limit(RobotKind kind) => kind switch
    {
        RobotKind.WeCom => 4000,
        RobotKind.DingTalk => 12000,
    };

    public static string Heading(NotifyKind kind) => kind switch
    {
        NotifyKind.NoticeIssued => "新下达督办单",
        NotifyKind.ProblemOverdue => "逾期未办结问题",
        NotifyKind.ProblemEscalated => "下级提级督办问题",
        NotifyKind.NoticeDue => "督办单反馈到期",
        NotifyKind.ReportLate => "月度进度逾期未填报",
        NotifyKind.ObligationDue => "容缺补正、承诺核查到期",
        NotifyKind.ReportReminded => "催报",
    };

    /// <summary>
    /// The unit's message: a heading, then the entries by kind (each kind with its count), an entry that failed
    /// on an earlier day marked 补发 with its day. Split into several messages only when one would pass the robot's limit.
    /// </summary>
    public static IReadOnlyList<MessageChunk> Compose(string unitName, DateOnly asOf, RobotKind kind, IReadOnlyList<MessageEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var title = $"{unitName}重点项目提醒";
        var footer = $"\n\n> Keystone 重点项目管理系统 · {ChineseFormat.Date(asOf)}";
        var limit = Limit(kind) - Bytes(Header(title, asOf, 99, 99)) - Bytes(footer);
        var order = entries.Select((e, i) => (Entry: e, Index: i)).OrderBy(x => x.Entry.Kind).ThenBy(x => x.Entry.Day).ThenBy(x => x.Index).ToList();
        var counts = entries.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());
        var bodies = new List<(StringBuilder Text, List<int> Entries)>();
        StringBuilder? body = null;
        List<int>? carried = null;
        NotifyKind? section = null;
        foreach (var (entry, index) in order)
        {
            // A new 督办单 issued yesterday is news today; only a line that failed on an earlier day is 补发.
            var line = "- " + (entry.Resent && entry.Day != asOf ? $"〔补发·{entry.Day.Month}月{entry.Day.Day}日〕" : "") + entry.Line + "\n";
            var heading = $"\n**{Heading(entry.Kind)}（{counts[entry.Kind]}）**\n";
            var needsHeading = section != entry.Kind;
            if (body is not null && carried!.Count > 0 && Bytes(body.ToString()) + (needsHeading ? Bytes(heading) : 0) + Bytes(line) > limit)
            {
                body = null;
            }

            if (body is null)
            {
                body = new StringBuilder();
                carried = [];
                bodies.Add((body, carried));
                needsHeading = true;
            }

            if (needsHeading)
            {
                body.Append(heading);
                section = entry.Kind;
            }

            body.Append(line);
            carried!.Add(index);
        }

        return bodies.Select((b, i) => new MessageChunk(
            bodies.Count == 1 ? title : $"{title}（{i + 1}/{bodies.Count}）",
            Header(title, asOf, i + 1, bodies.Count) + b.Text.ToString().TrimEnd('\n') + footer,
            b.Entries)).ToList();
    }

    private static string Header(string title, DateOnly asOf, int part, int parts) =>
        $"### {title}{(parts > 1 ? $"（{part}/{parts}）" : "")}\n{ChineseFormat.Date(asOf)}\n";

    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
