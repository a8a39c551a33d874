using System.Net;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public partial class ProblemPagesTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [Theory]
    [DatabaseData]
    public async Task TheList_PutsTheOverdueFirst_AndFiltersByStatus(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        var html = await client.GetStringAsync("/problems");
        Assert.True(html.IndexOf("P2024-0003", StringComparison.Ordinal) < html.IndexOf("P2024-0002", StringComparison.Ordinal));
        Assert.Contains("逾期8个工作日", html);
        Assert.Contains("提级至阳泉市", html);
        Assert.DoesNotContain("P2024-0001", html); // closed: not in the default (open) list
        Assert.Contains("阳泉高新区自然资源分局", html); // the department filter offers the demo department

        var closed = await client.GetStringAsync("/problems?status=closed");
        Assert.Contains("P2024-0001", closed);
        Assert.DoesNotContain("P2024-0003", closed);

        using var elsewhere = app.Client(user: "demo-zone");
        var sibling = await elsewhere.GetAsync("/problems?scope=" + Uri.EscapeDataString("古县经济技术开发区"));
        Assert.Equal(HttpStatusCode.NotFound, sibling.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task TheThread_ShowsTheStepsAndTheNotice_AndTheFormsOfWhoseTurnItIs(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var department = app.Client(user: "demo-department");
        var html = await department.GetStringAsync("/problems/P2024-0002");
        Assert.Contains("配套主干道用地征收未完成", html);
        Assert.Contains("阳泉高新区督〔2024〕1号", html);
        Assert.Contains("id=\"answer-form\"", html);
        Assert.Contains("id=\"reply-form-1\"", html);
        Assert.DoesNotContain("id=\"assign-form\"", html);
        Assert.DoesNotContain("id=\"notice-form\"", html);
        Assert.Contains("/api/problems/P2024-0002/notices/1?format=docx", html);

        using var zone = app.Client(user: "demo-zone");
        var zoneHtml = await zone.GetStringAsync("/problems/P2024-0005");
        Assert.Contains("id=\"assign-form\"", zoneHtml);
        Assert.Contains("入企服务：王磊（高新区营商环境服务中心）于2024年4月8日走访，见项目经理", zoneHtml);

        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync("/problems/P2024-0003")).StatusCode);
        var inbox = await department.GetStringAsync("/problems/inbox");
        Assert.Contains("阳泉高新区自然资源分局", inbox);
        Assert.Contains("data-number=\"P2024-0002\"", inbox);
        Assert.Contains("待反馈督办单 <strong>1</strong> 份", inbox);
        var departments = await zone.GetStringAsync("/problems/inbox");
        Assert.Contains("data-department=\"阳泉高新区人力资源和社会保障局\"", departments);
    }

    [Theory]
    [DatabaseData]
    public async Task AStepRefused_ComesBackToThePage_SayingWhy(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var zone = app.Client(user: "demo-zone");
        var page = await zone.GetStringAsync("/problems/P2024-0005");
        var token = Antiforgery().Match(page).Groups[1].Value;
        var post = await zone.PostAsync("/problems/P2024-0005/assign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["department"] = "阳泉高新区自然资源分局",
            ["deadline"] = "2024-04-01",
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var location = post.Headers.Location!.OriginalString;
        Assert.StartsWith("/problems/P2024-0005?error=", location);
        Assert.Contains("办理时限2024年4月1日已过", await zone.GetStringAsync(location));

        var assigned = await zone.PostAsync("/problems/P2024-0005/assign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["department"] = "阳泉高新区自然资源分局",
        }));
        Assert.Equal("/problems/P2024-0005", assigned.Headers.Location!.OriginalString);
        Assert.Equal("assigned", (string)(await app.GetJsonAsync("/api/problems/P2024-0005", user: "demo-zone"))["problem"]!["status"]!);

        var forged = await zone.PostAsync("/problems/P2024-0005/answer", new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "无令牌" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task TheFactorsPage_ListsTheScopesGaps(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var zone = app.Client(user: "demo-zone");
        var html = await zone.GetStringAsync("/factors");
        Assert.Contains("420亩", html);
        Assert.Contains("63.6%", html);
        Assert.Contains("用地缺口120亩（已批复待供地）", html);
        Assert.Contains("data-light=\"red\"", html);
        using var department = app.Client(user: "demo-department");
        Assert.NotEqual(HttpStatusCode.OK, (await department.GetAsync("/factors")).StatusCode);
    }
}
