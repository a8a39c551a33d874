namespace Keystone.Core.Notifications;

/// <summary>Which group robot a webhook belongs to: DingTalk's (钉钉群机器人) or WeCom's (企业微信群机器人).</summary>
public enum RobotKind
{
    DingTalk,
    WeCom,
}

/// <summary>
/// How a robot's webhook URL and signing secret are kept at rest: <see cref="Protect"/> before storing,
/// <see cref="Unprotect"/> when sending. The program gives ASP.NET Core Data Protection (the key ring in the
/// database, the same for the web nodes and the CLI); tests may give their own.
/// </summary>
public sealed record SecretBox(Func<string, string> Protect, Func<string, string> Unprotect);

/// <summary>A robot as a send needs it: its kind, the webhook in clear and the signing secret (DingTalk's 加签).</summary>
public sealed record RobotEndpoint(RobotKind Kind, string Webhook, string? Secret);

/// <summary>
/// A group robot of an org unit: where the unit's messages go (one unit may have several, a DingTalk and a
/// WeCom group). The webhook URL carries the robot's access token (DingTalk's access_token, WeCom's key) and
/// so is a secret itself: it is stored only protected, with a masked form beside it for lists and the audit log.
/// </summary>
public sealed class GroupRobot : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public const int MaxNameLength = 100;
    public const int MaxWebhookLength = 1000;
    public const int MaxSecretLength = 200;

    public GroupRobot(int orgUnitId, RobotKind kind, string name, string webhook, string? secret, bool enabled, SecretBox box)
    {
        ArgumentNullException.ThrowIfNull(box);
        OrgUnitId = orgUnitId;
        Name = "";
        WebhookHint = "";
        ProtectedWebhook = "";
        Change(kind, name, webhook, secret, enabled, box);
    }

    private GroupRobot()
    {
        Name = "";
        WebhookHint = "";
        ProtectedWebhook = "";
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public RobotKind Kind { get; private set; }

    /// <summary>What officers call the group ("阳泉高新区重点项目推进群").</summary>
    public string Name { get; private set; }

    /// <summary>The webhook with its token masked ("https://oapi.dingtalk.com/robot/send?access_token=1a2b…9f0e"): safe to show and to log.</summary>
    public string WebhookHint { get; private set; }

    /// <summary>The webhook URL, protected (never in clear at rest).</summary>
    public string ProtectedWebhook { get; private set; }

    /// <summary>DingTalk's signing secret (SEC…), protected; null when the robot does not sign.</summary>
    public string? ProtectedSecret { get; private set; }

    public bool HasSecret => ProtectedSecret is not null;

    public bool Enabled { get; private set; }

    /// <summary>
    /// Changes the robot. A null <paramref name="webhook"/> keeps the stored one (lists show it masked, so an
    /// edit cannot show it back); a null <paramref name="secret"/> keeps the stored secret, an empty one removes it.
    /// </summary>
    public void Change(RobotKind kind, string name, string? webhook, string? secret, bool enabled, SecretBox box)
    {
        ArgumentNullException.ThrowIfNull(box);
        var errors = new List<DomainException>();
        var n = (name ?? "").Trim();
        if (n.Length is 0 or > MaxNameLength)
        {
            errors.Add(new(new($"机器人名称不能为空，且不超过{MaxNameLength}字", $"The robot's name is required and at most {MaxNameLength} characters"), "name"));
        }

        var url = webhook?.Trim();
        if (url is not null && CheckWebhook(url) is { } bad)
        {
            errors.Add(bad);
        }

        var s = secret?.Trim();
        if (s is { Length: > MaxSecretLength })
        {
            errors.Add(new(new($"加签密钥不超过{MaxSecretLength}个字符", $"The signing secret is at most {MaxSecretLength} characters"), "secret"));
        }

        var keepsSecret = s is null && ProtectedSecret is not null;
        if (kind == RobotKind.WeCom && (s is { Length: > 0 } || keepsSecret))
        {
            errors.Add(new(new("企业微信群机器人不使用加签密钥（密钥在 Webhook 地址的 key 中）", "A WeCom robot has no signing secret (its key is in the webhook URL)"), "secret"));
        }

        if (url is null && ProtectedWebhook.Length == 0)
        {
            errors.Add(new(new("Webhook 地址不能为空", "The webhook URL is required"), "webhook"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Kind = kind;
        Name = n;
        Enabled = enabled;
        if (url is not null)
        {
            ProtectedWebhook = box.Protect(url);
            WebhookHint = Mask(url);
        }

        if (s is not null)
        {
            ProtectedSecret = s.Length == 0 ? null : box.Protect(s);
        }
    }

    /// <summary>The robot as a send needs it, its webhook and secret in clear.</summary>
    public RobotEndpoint Open(SecretBox box)
    {
        ArgumentNullException.ThrowIfNull(box);
        return new(Kind, box.Unprotect(ProtectedWebhook), ProtectedSecret is null ? null : box.Unprotect(ProtectedSecret));
    }

    /// <summary>
    /// The URL with every query value masked but its first and last four characters ("access_token=1a2b…9f0e",
    /// "key=693a…1c2d"): enough to tell two robots apart, never enough to post to one.
    /// </summary>
    public static string Mask(string webhook)
    {
        var q = webhook.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return webhook.Length <= 24 ? webhook : webhook[..24] + "…";
        }

        var parts = webhook[(q + 1)..].Split('&').Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                return p;
            }

            var value = p[(eq + 1)..];
            return p[..(eq + 1)] + (value.Length <= 8 ? "…" : value[..4] + "…" + value[^4..]);
        });
        return webhook[..(q + 1)] + string.Join("&", parts);
    }

    private static DomainException? CheckWebhook(string url)
    {
        if (url.Length is 0 or > MaxWebhookLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || uri.UserInfo.Length > 0)
        {
            return new(new("Webhook 地址应为 https:// 开头的完整网址（从群机器人设置中复制）", "The webhook should be a full https:// URL (copied from the group robot's settings)"), "webhook");
        }

        return null;
    }
}
