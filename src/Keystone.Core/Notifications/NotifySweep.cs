using System.Security.Cryptography;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Notifications;

/// <summary>What a sweep is asked: the day, whether the digest is due, a dry run, the day monthly reports are due.</summary>
public sealed record NotifyOptions
{
    public required DateOnly AsOf { get; init; }

    /// <summary>Today's date (today's problem lists narrow in SQL; a past <see cref="AsOf"/> reads the steps).</summary>
    public required DateOnly Today { get; init; }

    public required bool Digest { get; init; }

    public bool DryRun { get; init; }

    /// <summary>A month's report is due by this day of the month after it (Keystone:Notify:ReportDueDay).</summary>
    public int ReportDueDay { get; init; } = 5;
}

/// <summary>What one robot was sent on a run (or, in a dry run, would be).</summary>
public sealed record RobotOutcome(
    int RobotId, string Unit, string Robot, RobotKind Kind, int New, int Retried, int Superseded, IReadOnlyList<MessageChunk> Messages, string? Error)
{
    public bool Failed => Error is not null;
}

public sealed record NotifyResult(DateOnly AsOf, bool Digest, bool DryRun, int Robots, IReadOnlyList<RobotOutcome> Outcomes)
{
    public bool AnyFailed => Outcomes.Any(o => o.Failed);
}

/// <summary>
/// The notification sweep (`keystone notify`): collects each robot's unit's items, leaves out what was sent to
/// that robot for the same day, adds what failed before, sends one message per robot (more only past the
/// robot's size limit) and records every item with its outcome, so nothing is sent twice and a failure is
/// sent again on the next run. A dry run composes the same messages and records nothing.
/// </summary>
/// <remarks>
/// Runs are meant one at a time (a systemd timer never starts a run while the last is going; with cron use
/// flock): the record is written after the robot answers, so two runs at once could both send an item.
/// </remarks>
public static class NotifySweep
{
    public static async Task<NotifyResult> RunAsync(AppDbContext db, SecretBox box, RobotClient client, NotifyOptions options, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var tree = await db.LoadTreeAsync(ct);
        var robots = await db.GroupRobots.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.OrgUnitId).ThenBy(r => r.Id).ToListAsync(ct);
        var units = robots.Select(r => r.OrgUnitId).ToHashSet();
        var inputs = await NotifyData.LoadAsync(db, tree, units, options.AsOf, options.Today, options.Digest, options.ReportDueDay, ct);
        var items = NotifyItems.Collect(inputs, tree);
        var ids = robots.Select(r => (int?)r.Id).ToList();
        var since = options.AsOf.AddDays(-NotifyItems.NoticeWindowDays);
        var prior = await db.NotificationMessages.AsNoTracking()
            .Where(m => ids.Contains(m.RobotId) && (m.Status == MessageStatus.Failed || m.Day >= since))
            .Select(m => new PriorMessage(m.Id, m.RobotId!.Value, m.Kind, m.Subject, m.Day, m.Status, m.Body))
            .ToListAsync(ct);
        var refs = robots.Select(r => new RobotRef(r.Id, r.OrgUnitId, r.Kind, r.Name)).ToList();
        var outcomes = new List<RobotOutcome>();
        foreach (var batch in NotifyPlan.For(refs, items, prior).Where(b => !b.IsEmpty || b.Superseded.Count > 0))
        {
            var robot = robots.Single(r => r.Id == batch.Robot.Id);
            var unitName = tree.Contains(robot.OrgUnitId) ? tree[robot.OrgUnitId].Name : "";
            var chunks = batch.IsEmpty ? [] : NotifyPlan.Compose(unitName, options.AsOf, robot.Kind, batch.Entries);
            var error = options.DryRun ? null : await SendAsync(db, box, client, robot, batch, chunks, clock, ct);
            outcomes.Add(new RobotOutcome(robot.Id, unitName, robot.Name, robot.Kind, batch.New.Count, batch.Retries.Count, batch.Superseded.Count, chunks, error));
        }

        if (!options.DryRun)
        {
            await MarkRemindersSentAsync(db, inputs.Reminders, clock, ct);
        }

        return new NotifyResult(options.AsOf, options.Digest, options.DryRun, robots.Count, outcomes);
    }

    /// <summary>Sends a robot's messages and records each item's outcome; answers the first failure, if any.</summary>
    private static async Task<string?> SendAsync(
        AppDbContext db, SecretBox box, RobotClient client, GroupRobot robot, RobotBatch batch, IReadOnlyList<MessageChunk> chunks, TimeProvider clock, CancellationToken ct)
    {
        var retryIds = batch.Retries.Select(r => r.Id).Concat(batch.Superseded.Select(s => s.Id)).ToList();
        var tracked = await db.NotificationMessages.Where(m => retryIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        foreach (var old in batch.Superseded)
        {
            tracked[old.Id].Supersede(clock.GetUtcNow());
        }

        RobotEndpoint? endpoint = null;
        string? firstError = null;
        try
        {
            endpoint = robot.Open(box);
        }
        catch (CryptographicException)
        {
            firstError = "无法解密 Webhook 地址（数据保护密钥已丢失或更换）：请重新填写该机器人的地址";
        }

        foreach (var chunk in chunks)
        {
            var error = endpoint is null ? firstError : await client.SendAsync(endpoint, chunk.Title, chunk.Markdown, ct);
            firstError ??= error;
            var at = clock.GetUtcNow();
            var sent = Guid.NewGuid();
            foreach (var index in chunk.Entries)
            {
                var message = index < batch.New.Count
                    ? db.NotificationMessages.Add(New(robot, batch.New[index], at)).Entity
                    : tracked[batch.Retries[index - batch.New.Count].Id];
                message.Attempted(sent, error, at);
            }
        }

        await db.SaveChangesAsync(ct);
        return firstError;
    }

    /// <summary>
    /// A 催报 a robot took is marked sent (<see cref="Progress.ReportReminder.SentAt"/>), so later runs leave it
    /// out; a robot that failed still has its message recorded as failed and gets it again on the next run.
    /// </summary>
    private static async Task MarkRemindersSentAsync(AppDbContext db, IReadOnlyList<ReminderRow> reminders, TimeProvider clock, CancellationToken ct)
    {
        if (reminders.Count == 0)
        {
            return;
        }

        var subjects = reminders.Select(r => NotifyItems.ReminderSubject(r.Id)).ToList();
        var sent = await db.NotificationMessages.AsNoTracking()
            .Where(m => m.Kind == NotifyKind.ReportReminded && m.Status == MessageStatus.Sent && subjects.Contains(m.Subject))
            .Select(m => m.Subject)
            .Distinct()
            .ToListAsync(ct);
        var ids = reminders.Where(r => sent.Contains(NotifyItems.ReminderSubject(r.Id))).Select(r => r.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var at = clock.GetUtcNow();
        foreach (var reminder in await db.ReportReminders.Where(r => ids.Contains(r.Id)).ToListAsync(ct))
        {
            reminder.MarkSent(at);
        }

        await db.SaveChangesAsync(ct);
    }

    private static NotificationMessage New(GroupRobot robot, NotifyItem item, DateTimeOffset at) =>
        new(robot.OrgUnitId, robot.Id, item.Kind, item.Subject, item.Day, item.Line, at);
}
