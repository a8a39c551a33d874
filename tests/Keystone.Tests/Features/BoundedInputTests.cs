using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Keystone.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keystone.Tests.Features;

/// <summary>
/// Every refusal answers in the caller's language with the field and the reason — never the framework's
/// English — and changes nothing: malformed JSON, a wrong type, a missing or mistyped query value, a content
/// type not accepted, a missing antiforgery token, a bare status code, a date outside 1949–2100, a schedule
/// over its cap, an import while the node is busy.
/// </summary>
public class BoundedInputTests
{
    private const string Project = "YQGX-2024-001";

    private static string Q(string s) => Uri.EscapeDataString(s);

    /// <summary>The framework's own words, which no answer may carry.</summary>
    private static readonly string[] FrameworkWords = ["Failed to", "Required parameter", "JSON value", "Expected a supported", "anti-forgery", "Implicit body", "Bad Request", "Unsupported Media Type", "Path:"];

    private static async Task<JsonObject> RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string language)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString() ?? "");
        Assert.DoesNotContain(FrameworkWords, w => body.Contains(w, StringComparison.Ordinal));
        var problem = JsonNode.Parse(body)!.AsObject();
        var title = (string)problem["title"]!;
        Assert.Equal(language == "en-US", !title.Any(c => c >= 0x4E00));
        return problem;
    }

    private static async Task<int> ProblemCountAsync(KeystoneApp app)
    {
        await using var db = app.NewContext();
        return await db.Problems.CountAsync();
    }

    private static HttpRequestMessage Raw(HttpMethod method, string url, string body, string contentType)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    [Theory]
    [DatabaseData]
    public async Task MalformedRequests_AreRefusedInTheCallersLanguage_NamingTheFieldAndReason_AndChangeNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var before = await ProblemCountAsync(app);
        var problem = $$"""{"projectCode": "{{Project}}", "title": "消防水源", "category": "要素", "deadline": 5}""";
        (string Name, Func<HttpRequestMessage> Request, HttpStatusCode Status, string? Field, string Zh, string En)[] cases =
        [
            ("malformed JSON", () => Raw(HttpMethod.Post, "/api/problems", """{"title": """, "application/json"), HttpStatusCode.BadRequest, null, "不是有效的 JSON", "not valid JSON"),
            ("a number for a date", () => Raw(HttpMethod.Post, "/api/problems", problem, "application/json"), HttpStatusCode.BadRequest, "deadline", "应为日期", "must be a date"),
            ("an empty body", () => Raw(HttpMethod.Post, "/api/problems", "", "application/json"), HttpStatusCode.BadRequest, null, "请求体", "body"),
            ("text instead of JSON", () => Raw(HttpMethod.Post, "/api/problems", "消防水源", "text/plain"), HttpStatusCode.UnsupportedMediaType, null, "application/json", "application/json"),
            ("a missing query value", () => new HttpRequestMessage(HttpMethod.Get, "/api/ledger/export?year=2024"), HttpStatusCode.BadRequest, "scope", "缺少必填查询参数“scope”", "query parameter \"scope\" is required"),
            ("a word for a number", () => new HttpRequestMessage(HttpMethod.Get, $"/api/ledger/export?scope={Q("阳泉高新区")}&year=二〇二四"), HttpStatusCode.BadRequest, "year", "应为整数", "a whole number"),
            ("a word for a page", () => new HttpRequestMessage(HttpMethod.Get, "/api/projects?page=first"), HttpStatusCode.BadRequest, "page", "应为整数", "a whole number"),
        ];

        foreach (var language in new[] { "zh-CN", "en-US" })
        {
            using var client = app.Client(language, "demo-zone");
            foreach (var c in cases)
            {
                var answer = await RefusedAsync(await client.SendAsync(c.Request()), c.Status, language);
                var detail = (string)answer["detail"]!;
                Assert.True(detail.Contains(language == "en-US" ? c.En : c.Zh, StringComparison.Ordinal), $"{c.Name} ({language}): {detail}");
                if (c.Field is not null)
                {
                    Assert.True(answer["errors"]?[c.Field] is not null, $"{c.Name}: no error for {c.Field} in {answer}");
                }
            }
        }

        Assert.Equal(before, await ProblemCountAsync(app));
    }

    [Theory]
    [DatabaseData]
    public async Task BareStatusCodesUnderApi_AreProblemDetailsInTheCallersLanguage(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        foreach (var language in new[] { "zh-CN", "en-US" })
        {
            using var client = app.Client(language);
            var missing = await RefusedAsync(await client.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound, language);
            Assert.Contains("/api/no-such-thing", (string)missing["detail"]!);
            var wrongYear = await RefusedAsync(await client.PutAsJsonAsync($"/api/projects/{Project}/plans/abc", new { }), HttpStatusCode.NotFound, language);
            Assert.Equal(language == "en-US" ? "Not found" : "未找到", (string)wrongYear["title"]!);
            var method = await RefusedAsync(await client.DeleteAsync("/api/units"), HttpStatusCode.MethodNotAllowed, language);
            Assert.Contains("DELETE", (string)method["detail"]!);

            using var anonymous = app.AnonymousClient(language);
            var signIn = await RefusedAsync(await anonymous.GetAsync("/api/projects"), HttpStatusCode.Unauthorized, language);
            Assert.Equal(language == "en-US" ? "Sign in first" : "请先登录", (string)signIn["title"]!);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task AFormPostedWithoutItsAntiforgeryToken_IsRefusedInTheCallersLanguage_AndKeepsNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using (var db = app.NewContext())
        {
            Assert.Equal(0, await db.LedgerUploads.CountAsync());
        }

        foreach (var language in new[] { "zh-CN", "en-US" })
        {
            using var client = app.Client(language, "demo-zone");
            var form = new MultipartFormDataContent { { new ByteArrayContent(TestLedger.Standard().Add(TestLedger.Project("AF-1", "防伪")).ToXlsx()), "file", "台账.xlsx" } };
            var answer = await RefusedAsync(await client.PostAsync("/ledger/import/upload", form), HttpStatusCode.BadRequest, language);
            Assert.Contains(language == "en-US" ? "antiforgery token" : "防伪令牌", (string)answer["detail"]!);
        }

        await using (var db = app.NewContext())
        {
            Assert.Equal(0, await db.LedgerUploads.CountAsync());
        }
    }

    [Theory]
    [DatabaseData]
    public async Task ADateOutsideTheSaneRange_IsRefusedNamingTheField_OnEveryPath_AndChangesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var plans = (await app.GetJsonAsync($"/api/projects/{Project}/plans", user: "demo-zone")).ToJsonString();
        var schedule = (await app.GetJsonAsync($"/api/projects/{DemoData.ScheduledProject}/schedule")).ToJsonString();
        var problems = await ProblemCountAsync(app);

        foreach (var language in new[] { "zh-CN", "en-US" })
        {
            var plan = await RefusedAsync(
                await app.SendJsonAsync(HttpMethod.Put, $"/api/projects/{Project}/plans/2024", new { nature = "新建", plannedInvestment = 100m, plannedStart = "9999-03-01" }, language, "demo-zone"),
                HttpStatusCode.BadRequest, language);
            Assert.Contains(language == "en-US" ? "1949 to 2100" : "1949年至2100年", (string)plan["errors"]!["plannedStart"]![0]!);

            var problem = await RefusedAsync(
                await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { projectCode = Project, title = "远期", category = "要素", deadline = "1900-01-01" }, language, "demo-zone"),
                HttpStatusCode.BadRequest, language);
            Assert.NotNull(problem["errors"]!["deadline"]);

            var plannedSchedule = await RefusedAsync(
                await app.SendJsonAsync(HttpMethod.Put, $"/api/projects/{DemoData.ScheduledProject}/schedule", JsonNode.Parse("""{"start": "2024-04-01", "deadline": "9999-12-31", "activities": [{"id": "A", "duration": 3}]}""")!, language),
                HttpStatusCode.BadRequest, language);
            Assert.Contains("deadline", (string)plannedSchedule["detail"]!);

            var asOf = await RefusedAsync(await app.Client(language).GetAsync($"/api/figures?scope={Q("阳泉高新区")}&asOf=9999-01-01"), HttpStatusCode.BadRequest, language);
            Assert.NotNull(asOf["errors"]!["asOf"]);
        }

        Assert.Equal(plans, (await app.GetJsonAsync($"/api/projects/{Project}/plans", user: "demo-zone")).ToJsonString());
        Assert.Equal(schedule, (await app.GetJsonAsync($"/api/projects/{DemoData.ScheduledProject}/schedule")).ToJsonString());
        Assert.Equal(problems, await ProblemCountAsync(app));
    }

    [Theory]
    [DatabaseData]
    public async Task AScheduleOverItsCap_IsRefusedNamingTheLimit_ByJsonAndByNodePlan_AndChangesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, new Dictionary<string, string> { ["Keystone:Schedule:MaxActivities"] = "3" });
        var before = (await app.GetJsonAsync($"/api/projects/{DemoData.ScheduledProject}/schedule")).ToJsonString();

        var four = JsonNode.Parse("""{"start": "2024-04-01", "activities": [{"id": "A", "duration": 1}, {"id": "B", "duration": 1}, {"id": "C", "duration": 1}, {"id": "D", "duration": 1}]}""")!;
        var json = await RefusedAsync(await app.SendJsonAsync(HttpMethod.Put, $"/api/projects/{DemoData.ScheduledProject}/schedule", four), HttpStatusCode.BadRequest, "zh-CN");
        Assert.Contains("3项的上限", (string)json["detail"]!);

        var nodePlan = new TestLedger { Headers = ["编号", "节点名称", "工期（天）"] };
        foreach (var id in new[] { "A", "B", "C", "D" })
        {
            nodePlan.Row(id, "节点" + id, 5);
        }

        using var client = app.Client("en-US");
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(nodePlan.ToXlsx()), "file", "节点计划.xlsx" },
            { new StringContent("2024-04-01"), "start" },
        };
        var imported = await RefusedAsync(await client.PostAsync($"/api/projects/{DemoData.ScheduledProject}/schedule/import", form), HttpStatusCode.BadRequest, "en-US");
        Assert.Contains("more than the 3 allowed", (string)imported["detail"]!);

        Assert.Equal(before, (await app.GetJsonAsync($"/api/projects/{DemoData.ScheduledProject}/schedule")).ToJsonString());
    }

    [Theory]
    [DatabaseData]
    public async Task AnImportBeyondTheConcurrentLimit_WaitsItsTurn_ThenIsRefusedAsBusy_WithRetryAfter(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, new Dictionary<string, string> { ["Keystone:Import:MaxConcurrent"] = "1", ["Keystone:Import:WaitSeconds"] = "1" });
        var ledger = TestLedger.Standard().Add(TestLedger.Project("BUSY-1", "繁忙时导入"));
        MultipartFormDataContent Form() => new() { { new ByteArrayContent(ledger.ToXlsx()), "file", "台账.xlsx" }, { new StringContent("2024"), "year" } };
        var slots = app.Services.GetRequiredService<ImportSlots>();

        using (await slots.EnterAsync(default))
        {
            foreach (var language in new[] { "zh-CN", "en-US" })
            {
                using var client = app.Client(language);
                var response = await client.PostAsync("/api/ledger/import", Form());
                var busy = await RefusedAsync(response, HttpStatusCode.ServiceUnavailable, language);
                Assert.Contains(language == "en-US" ? "try again shortly" : "导入任务较多，请稍后再试", (string)busy["detail"]!);
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        using var free = app.Client();
        var done = await free.PostAsync("/api/ledger/import", Form());
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
        Assert.Equal(0, slots.Running);
    }

    [Theory]
    [DatabaseData]
    public async Task AnOverlongCellInAnUploadedLedger_IsAProblemOfItsRow_And422ChangesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, new Dictionary<string, string> { ["Keystone:Import:MaxCellLength"] = "100" });
        var project = TestLedger.Project("LONG-1", "长内容项目");
        project[LedgerField.Content] = new string('建', 101);
        var ledger = TestLedger.Standard().Add(project);
        using var client = app.Client("en-US");

        var response = await client.PostAsync("/api/ledger/import", new MultipartFormDataContent { { new ByteArrayContent(ledger.ToXlsx()), "file", "台账.xlsx" }, { new StringContent("2024"), "year" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = (string)(await KeystoneApp.ProblemAsync(response))["detail"]!;
        Assert.Contains($"row {ledger.RowNumber(0)}", detail);
        Assert.Contains("100 characters", detail);
        await using var db = app.NewContext();
        Assert.False(await db.Projects.AnyAsync(p => p.Code == "LONG-1"));
    }

    [Theory]
    [InlineData(StatusCodes.Status413PayloadTooLarge, "Request body too large. The max request body size is 53477376 bytes.", "51 MB", "请求体超过51 MB的上限")]
    [InlineData(StatusCodes.Status408RequestTimeout, "Reading the request body timed out due to data arriving too slowly.", "took too long", "请求发送超时")]
    public void ServerRefusalsOfTheBody_AreSaidInTheCallersLanguage(int status, string message, string en, string zh)
    {
        var english = ApiProblems.Malformed(new System.Globalization.CultureInfo("en-US"), status, message, null);
        var chinese = ApiProblems.Malformed(new System.Globalization.CultureInfo("zh-CN"), status, message, null);

        Assert.Equal(status, english.Status);
        Assert.Contains(en, english.Detail);
        Assert.Contains(zh, chinese.Detail);
    }
}
