using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keystone.Core.Notifications;

/// <summary>
/// Posts a markdown message to a DingTalk or WeCom group robot. A send succeeds only when the robot answers
/// HTTP 2xx with errcode 0; anything else (a refused connection, a time-out, an HTTP error, errcode ≠ 0 such
/// as DingTalk's 310000 for a bad signature) is a failure with its reason, never an exception.
/// </summary>
public sealed class RobotClient(HttpClient http, TimeProvider clock)
{
    /// <summary>How long a robot has to answer: a send that takes longer has failed, and is retried on the next run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// DingTalk's 加签: sign = URL-encoded Base64(HMAC-SHA256(key: secret, "{timestamp}\n{secret}")), with the
    /// timestamp in milliseconds since 1970; both go on the URL as timestamp= and sign=.
    /// </summary>
    public static string Sign(long timestamp, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var toSign = timestamp.ToString(CultureInfo.InvariantCulture) + "\n" + secret;
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(toSign));
        return Uri.EscapeDataString(Convert.ToBase64String(hash));
    }

    /// <summary>The URL a message is posted to: the webhook, with DingTalk's timestamp and sign when the robot has a secret.</summary>
    public static string Address(RobotEndpoint robot, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(robot);
        if (robot.Kind != RobotKind.DingTalk || robot.Secret is not { Length: > 0 } secret)
        {
            return robot.Webhook;
        }

        var separator = robot.Webhook.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return string.Create(CultureInfo.InvariantCulture, $"{robot.Webhook}{separator}timestamp={timestamp}&sign={Sign(timestamp, secret)}");
    }

    /// <summary>The JSON body each robot takes for a markdown message.</summary>
    public static JsonObject Body(RobotKind kind, string title, string markdown) => kind switch
    {
        RobotKind.DingTalk => new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["title"] = title, ["text"] = markdown } },
        RobotKind.WeCom => new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = markdown } },
    };

    /// <summary>Posts one message; answers null when the robot took it, else why not (in Chinese, as the command prints it).</summary>
    public async Task<string?> SendAsync(RobotEndpoint robot, string title, string markdown, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(robot);
        var address = Address(robot, clock.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            using var response = await http.PostAsJsonAsync(address, Body(robot.Kind, title, markdown), ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var answer = JsonNode.Parse(text) as JsonObject;
            var code = answer?["errcode"]?.GetValue<int>();
            return code == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"errcode {code?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {Cut((string?)answer?["errmsg"] ?? text)}");
        }
        catch (HttpRequestException e)
        {
            return "连接失败：" + Cut(e.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "超时未响应";
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return "应答无法识别：" + Cut(e.Message);
        }
    }

    private static string Cut(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
