using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Notifications;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Notifications;

/// <summary>A robot as the API and the page show it: the webhook masked, the secret only as "signed or not"; version: its concurrency token.</summary>
public sealed record RobotDto(int Id, string Unit, string Kind, string Name, string Webhook, bool Signed, bool Enabled, RobotLastSend? LastSend, int Version);

/// <summary>The robot's latest recorded send: when, whether it went, and why not.</summary>
public sealed record RobotLastSend(DateTimeOffset At, bool Sent, string? Error);

/// <summary>
/// A robot to add or change. On a change a null <see cref="Webhook"/> keeps the stored one; a null
/// <see cref="Secret"/> keeps the stored secret and an empty one removes it. On a change, <see cref="Version"/> is the
/// version it was made from (refused if the robot changed since; absent: not checked).
/// </summary>
public sealed record RobotInput(string? Kind, string? Name, string? Webhook, string? Secret, bool? Enabled, int? Version = null);

/// <summary>What a test message came to: sent, or the robot's (or the network's) reason.</summary>
public sealed record RobotTestResult(bool Sent, string? Error);

/// <summary>
/// The writes to a unit's group robots, shared by the API and the robots page so both check the same things:
/// the unit must be the caller's own or one below it (another unit's robots do not exist for the caller),
/// and only officers reach here (the route and the page require it).
/// </summary>
public static class RobotEdits
{
    public static RobotKind ParseKind(string? kind) => (kind ?? "").Trim().ToLowerInvariant() switch
    {
        "dingtalk" or "钉钉" => RobotKind.DingTalk,
        "wecom" or "企业微信" or "企微" => RobotKind.WeCom,
        _ => throw new DomainException(new("机器人类型应为 dingtalk（钉钉）或 wecom（企业微信）", "The kind must be dingtalk or wecom"), "kind"),
    };

    public static string KindCode(RobotKind kind) => kind switch
    {
        RobotKind.DingTalk => "dingtalk",
        RobotKind.WeCom => "wecom",
    };

    public static async Task<IReadOnlyList<RobotDto>> ListAsync(AppDbContext db, OrgTree tree, OrgUnitInfo unit, CancellationToken ct)
    {
        var robots = await db.GroupRobots.AsNoTracking().Where(r => r.OrgUnitId == unit.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var ids = robots.Select(r => (int?)r.Id).ToList();
        var last = (await db.NotificationMessages.AsNoTracking()
                .Where(m => ids.Contains(m.RobotId) && m.LastAttemptAt != null)
                .GroupBy(m => m.RobotId)
                .Select(g => g.OrderByDescending(m => m.LastAttemptAt).Select(m => new { m.RobotId, m.LastAttemptAt, m.Status, m.LastError }).First())
                .ToListAsync(ct))
            .ToDictionary(m => m.RobotId!.Value);
        return robots.Select(r => ToDto(tree, r, last.TryGetValue(r.Id, out var l) ? new RobotLastSend(l.LastAttemptAt!.Value, l.Status == MessageStatus.Sent, l.LastError) : null)).ToList();
    }

    public static RobotDto ToDto(OrgTree tree, GroupRobot robot, RobotLastSend? last = null) =>
        new(robot.Id, tree.PathOf(robot.OrgUnitId), KindCode(robot.Kind), robot.Name, robot.WebhookHint, robot.HasSecret, robot.Enabled, last, robot.Version);

    public static async Task<GroupRobot> AddAsync(AppDbContext db, SecretBox box, OrgUnitInfo unit, RobotInput input, CancellationToken ct)
    {
        var robot = new GroupRobot(unit.Id, Kind(input.Kind), input.Name ?? "", input.Webhook ?? "", Blank(input.Secret), input.Enabled ?? true, box);
        db.GroupRobots.Add(robot);
        await db.SaveChangesAsync(ct);
        return robot;
    }

    /// <summary>Changes a robot; <paramref name="check"/> (the concurrency check) runs on it as read, before anything changes.</summary>
    public static async Task<GroupRobot> ChangeAsync(AppDbContext db, SecretBox box, OrgUnitInfo unit, int id, RobotInput input, CancellationToken ct, Func<GroupRobot, Task>? check = null)
    {
        var robot = await FindAsync(db, unit, id, ct);
        if (check is not null)
        {
            await check(robot);
        }

        robot.Change(input.Kind is null ? robot.Kind : Kind(input.Kind), input.Name ?? robot.Name, Blank(input.Webhook), input.Secret, input.Enabled ?? robot.Enabled, box);
        await db.SaveChangesAsync(ct);
        return robot;
    }

    public static async Task RemoveAsync(AppDbContext db, OrgUnitInfo unit, int id, CancellationToken ct)
    {
        db.GroupRobots.Remove(await FindAsync(db, unit, id, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sends a short test message to the robot, enabled or not; nothing is recorded.</summary>
    public static async Task<RobotTestResult> TestAsync(AppDbContext db, SecretBox box, RobotClient client, TimeProvider clock, OrgUnitInfo unit, int id, CancellationToken ct)
    {
        var robot = await FindAsync(db, unit, id, ct);
        RobotEndpoint endpoint;
        try
        {
            endpoint = robot.Open(box);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return new(false, "无法解密 Webhook 地址（数据保护密钥已丢失或更换）：请重新填写该机器人的地址");
        }

        var now = DeskDate.Local(clock.GetUtcNow());
        var markdown = $"### Keystone 测试消息\n{unit.Name}的群机器人“{robot.Name}”已接通，逾期问题、督办单、月报和容缺承诺事项将发送到本群。\n\n> {ChineseFormat.Date(DateOnly.FromDateTime(now.DateTime))} {now:HH:mm}";
        var error = await client.SendAsync(endpoint, "Keystone 测试消息", markdown, ct);
        return new(error is null, error);
    }

    /// <summary>One of the unit's robots; another unit's (or none) is "not found", whoever asks.</summary>
    public static async Task<GroupRobot> FindAsync(AppDbContext db, OrgUnitInfo unit, int id, CancellationToken ct) =>
        await db.GroupRobots.FirstOrDefaultAsync(r => r.Id == id && r.OrgUnitId == unit.Id, ct)
            ?? throw new NotFoundException(new($"找不到编号为{id}的群机器人", $"No group robot with id {id}"));

    private static RobotKind Kind(string? kind) => kind is null
        ? throw new DomainException(new("机器人类型不能为空（dingtalk 或 wecom）", "The kind is required (dingtalk or wecom)"), "kind")
        : ParseKind(kind);

    /// <summary>A robot's key in the audit log (as the log names it): its unit's id and its name.</summary>
    public static string AuditKey(GroupRobot robot) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{robot.OrgUnitId}/{robot.Name}");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
