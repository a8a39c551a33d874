using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Keystone.Tests;

/// <summary>
/// A group robot on a real local HTTP port (Kestrel on 127.0.0.1): records every message posted to it (the
/// path with its query, the JSON body) and answers as the test says — errcode 0 by default, or an errcode, or
/// an HTTP status — as DingTalk and WeCom answer.
/// </summary>
public sealed class FakeRobot : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<(string PathAndQuery, JsonObject Body)> received = [];

    private FakeRobot(WebApplication app) => this.app = app;

    /// <summary>http://127.0.0.1:PORT</summary>
    public string Url { get; private set; } = "";

    /// <summary>What the robot answers next: an HTTP status and an errcode (0 takes the message).</summary>
    public (HttpStatusCode Status, int ErrCode) Answer { get; set; } = (HttpStatusCode.OK, 0);

    public IReadOnlyList<(string PathAndQuery, JsonObject Body)> Received
    {
        get
        {
            lock (received)
            {
                return received.ToList();
            }
        }
    }

    public static async Task<FakeRobot> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var robot = new FakeRobot(app);
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            var body = (await JsonNode.ParseAsync(http.Request.Body) as JsonObject) ?? [];
            lock (robot.received)
            {
                robot.received.Add((http.Request.Path + http.Request.QueryString, body));
            }

            var (status, code) = robot.Answer;
            http.Response.StatusCode = (int)status;
            await http.Response.WriteAsJsonAsync(new { errcode = code, errmsg = code == 0 ? "ok" : "sign not match" });
        });
        await app.StartAsync();
        robot.Url = app.Urls.First().TrimEnd('/');
        return robot;
    }

    /// <summary>The markdown of a message as either robot takes it (DingTalk's markdown.text, WeCom's markdown.content).</summary>
    public static string Markdown(JsonObject body) => (string?)body["markdown"]?["text"] ?? (string?)body["markdown"]?["content"] ?? "";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
