using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public partial class ProblemPagesTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>What a reader sees or hears: text between tags, and the labels, placeholders, titles and alt texts.</summary>
    [GeneratedRegex(">([^<]+)<|(?:aria-label|placeholder|title|alt)=\"([^\"]*)\"")]
    private static partial Regex Readable();

    [GeneratedRegex("<script[^>]*>.*?</script>|<style[^>]*>.*?</style>|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex NotRead();

    /// <summary>Chinese characters and Chinese punctuation (the ideographic space aside).</summary>
    [GeneratedRegex("[\\p{IsCJKUnifiedIdeographs}\\u3001-\\u303F\\uFF01-\\uFF5E]")]
    private static partial Regex Chinese();

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    /// <summary>
    /// The Chinese a page shows that is not data: what is left of each piece of readable text once every data
    /// value (from the English API, longest first) is taken out. "中文", the language switch, names its language.
    /// </summary>
    private static List<string> ChineseLabels(string html, IEnumerable<string> data)
    {
        var values = data.Append("中文").Where(d => d.Length > 0).Distinct().OrderByDescending(d => d.Length).ToList();
        var left = new List<string>();
        foreach (Match m in Readable().Matches(NotRead().Replace(html, "")))
        {
            var text = WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Replace('\u3000', ' ');
            foreach (var value in values)
            {
                text = text.Replace(value, " ", StringComparison.Ordinal);
            }

            if (Chinese().IsMatch(text))
            {
                left.Add(text.Trim());
            }
        }

        return left;
    }

    [Theory]
    [DatabaseData]
    public async Task TheList_PutsTheOverdueFirst_AndFiltersByStatus(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        var html = await client.GetStringAsync("/problems");
        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("<title>问题督办 · Keystone</title>", html);
        Assert.Contains("<h1 class=\"h4 mb-0 me-auto\">问题督办</h1>", html);
        Assert.Contains("<option value>全部</option>", html);
        Assert.Contains("<option value=\"overdue\">逾期</option>", html);
        Assert.Contains(">筛选</button>", html);
        Assert.Contains("共 <strong>", html);
        Assert.DoesNotContain("Problems and supervision", html);
        Assert.DoesNotContain("ks-en", html);
        Assert.True(html.IndexOf("P2024-0003", StringComparison.Ordinal) < html.IndexOf("P2024-0002", StringComparison.Ordinal));
        Assert.Contains("逾期7个工作日", html); // 清明 (4-4, 4-5) off, Sunday 4-7 worked
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
        Assert.Contains("<h2 class=\"h6\">办理过程</h2>", html);
        Assert.Contains("督办单 阳泉高新区督〔2024〕1号", html);
        Assert.Contains(">提交答复</button>", html);
        Assert.DoesNotContain("ks-en", html);
        Assert.DoesNotContain("Answer</", html);

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
    public async Task TheListAndAThread_SpeakEnglish_WhenTheSwitchSaysSo(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var data = new List<string>();
        foreach (var url in new[] { "/api/problems?status=open", "/api/problems/departments", "/api/units", "/api/problems/P2024-0002", "/api/problems/P2024-0005" })
        {
            data.AddRange(Strings(await app.GetJsonAsync(url, "en-US", "demo-zone")));
        }

        // The switch (a cookie) wins over the browser's Accept-Language, which asks for Chinese here.
        using var zone = app.Client(user: "demo-zone");
        var switched = await zone.GetAsync("/culture/en-US?returnUrl=%2Fproblems");
        Assert.Equal("/problems", switched.Headers.Location?.OriginalString);
        var list = await zone.GetStringAsync("/problems");
        Assert.Contains("<html lang=\"en-US\"", list);
        Assert.Contains("<title>Problems · Keystone</title>", list);
        Assert.Contains("Problems and supervision", list);
        Assert.Contains("<option value>All</option>", list);
        Assert.Contains("<option value=\"overdue\">Overdue</option>", list);
        Assert.Contains(">Filter</button>", list);
        Assert.Contains("7 working days overdue", list);
        Assert.Contains("Escalated to 阳泉市", list);
        Assert.Contains("阳泉高新区自然资源分局", list); // a department is data, in its own name
        Assert.Contains(">Land</span>", list); // the category badge
        Assert.DoesNotContain("问题督办", list);
        Assert.DoesNotContain("全部", list);
        Assert.Empty(ChineseLabels(list, data));

        // ?culture= works for one page without a cookie.
        using var fresh = app.Client(user: "demo-zone");
        foreach (var number in new[] { "P2024-0002", "P2024-0005" })
        {
            var thread = await fresh.GetStringAsync($"/problems/{number}?culture=en-US");
            Assert.Contains("<html lang=\"en-US\"", thread);
            Assert.Contains("How it was handled", thread);
            Assert.Contains("Project or enterprise", thread);
            Assert.Empty(ChineseLabels(thread, data));
        }

        var notice = await fresh.GetStringAsync("/problems/P2024-0002?culture=en-US");
        Assert.Contains("Supervision notice 阳泉高新区督〔2024〕1号", notice);
        Assert.Contains("Issue a supervision notice", notice);
        var visit = await fresh.GetStringAsync("/problems/P2024-0005?culture=en-US");
        Assert.Contains("Enterprise visit: 王磊（高新区营商环境服务中心） visited on 2024-04-08 and met 项目经理", visit);
        Assert.Contains(">Assign</h2>", visit);

        // Without the switch, the same client reads Chinese again.
        Assert.Contains("问题督办", await fresh.GetStringAsync("/problems"));
    }

    [Theory]
    [DatabaseData]
    public async Task TheOtherProblemPagesAndFactors_SpeakEnglish_WhenAsked(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var data = new List<string>();
        foreach (var url in new[] { "/api/problems?status=all", "/api/problems/departments", "/api/units", "/api/factors", "/api/projects?pageSize=500", "/api/problems/P2024-0005" })
        {
            data.AddRange(Strings(await app.GetJsonAsync(url, "en-US", "demo-zone")));
        }

        using var zone = app.Client("en-US", "demo-zone");
        var raise = await zone.GetStringAsync("/problems/new");
        Assert.Contains("<title>Raise a problem · Keystone</title>", raise);
        Assert.Contains("<option value=\"visit\">Enterprise visit</option>", raise);
        Assert.Empty(ChineseLabels(raise, data));

        var inbox = await zone.GetStringAsync("/problems/inbox");
        Assert.Contains("Choose a department", inbox);
        Assert.Empty(ChineseLabels(inbox, data));

        using var department = app.Client("en-US", "demo-department");
        var own = await department.GetStringAsync("/problems/inbox");
        Assert.Contains("supervision notice to reply to", own);
        Assert.Empty(ChineseLabels(own, data));

        var factors = await zone.GetStringAsync("/factors");
        Assert.Contains("420 mu", factors);
        Assert.Contains("land short by 120 mu", factors);
        Assert.Contains(">Red</span>", factors);
        // Money keeps its Chinese units on every English page (万元, 亿元), as the ledger and the cockpit show it.
        Assert.Empty(ChineseLabels(factors, data.Append("万元").Append("亿元")));

        // A step refused on an English page says why in English.
        var page = await zone.GetStringAsync("/problems/P2024-0005");
        var post = await zone.PostAsync("/problems/P2024-0005/assign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value,
            ["department"] = "阳泉高新区自然资源分局",
            ["deadline"] = "2024-04-01",
        }));
        var refused = await zone.GetStringAsync(post.Headers.Location!.OriginalString);
        Assert.Matches("id=\"step-error\">[^<]*2024-04-01", refused);
        Assert.Empty(ChineseLabels(refused, data));
    }

    [Theory]
    [DatabaseData]
    public async Task TheFactorsPage_ListsTheScopesGaps(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var zone = app.Client(user: "demo-zone");
        var html = await zone.GetStringAsync("/factors");
        Assert.Contains("<title>要素保障 · Keystone</title>", html);
        Assert.Contains("存在缺口的项目", html);
        Assert.DoesNotContain("Projects lacking something", html);
        Assert.DoesNotContain("ks-en", html);
        Assert.Contains("420亩", html);
        Assert.Contains("63.6%", html);
        Assert.Contains("用地缺口120亩（已批复待供地）", html);
        Assert.Contains("data-light=\"red\"", html);
        using var department = app.Client(user: "demo-department");
        Assert.NotEqual(HttpStatusCode.OK, (await department.GetAsync("/factors")).StatusCode);
    }
}
