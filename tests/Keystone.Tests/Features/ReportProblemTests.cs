using System.Net;
using System.Text.RegularExpressions;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Problems;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>
/// 转为问题并交办: on the review, a report's 存在问题 becomes a problem of the project, from the report, routed to
/// a department in one step — on the project page and through the API; a report raises it once.
/// </summary>
public class ReportProblemTests
{
    private const string Code = "YQGX-2024-001"; // the demo reporter's enterprise's project

    private static Task<HttpResponseMessage> RaiseOnPageAsync(KeystoneApp app, string user, string period, Dictionary<string, string> fields)
    {
        fields["_handler"] = $"raise-{period}";
        return app.PostFormAsync(user, $"/projects/{Code}", $"/projects/{Code}", fields);
    }

    [Theory]
    [DatabaseData]
    public async Task AnOfficerRaisesAReportsProblems_AndRoutesThem_InOneStep_Once(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var filed = await app.ReportAsync("demo-enterprise", Code, new Dictionary<string, string>
        {
            ["period"] = "2024-04",
            ["month"] = "500",
            ["imageProgress"] = "主体施工",
            ["problemsMet"] = "用地指标尚未落实\n二期用地需自然资源局协调",
        });
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);

        // The zone sees the button under the report's 存在问题; the reporter does not.
        var page = await app.Client(user: "demo-zone").GetStringAsync($"/projects/{Code}");
        Assert.Contains("转为问题并交办", page);
        Assert.Contains("name=\"_handler\" value=\"raise-2024-04\"", page);
        Assert.DoesNotContain("raise-2024-04", await app.Client(user: "demo-enterprise").GetStringAsync($"/projects/{Code}"));

        // No category and no department: refused beside each field, the edited text kept, nothing raised.
        var refused = await RaiseOnPageAsync(app, "demo-zone", "2024-04", new() { ["text"] = "用地指标尚未落实（已改）", ["category"] = "", ["department"] = "", ["deadline"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"raise-category-2024-04-error\"", html);
        Assert.Contains("请选择问题类别", html);
        Assert.Contains("id=\"raise-department-2024-04-error\"", html);
        Assert.Contains("责任单位不能为空", html);
        Assert.Contains("用地指标尚未落实（已改）</textarea>", html);
        await using (var db = app.NewContext())
        {
            Assert.False(await db.Problems.AnyAsync(p => p.ReportId != null));
        }

        var done = await RaiseOnPageAsync(app, "demo-zone", "2024-04", new() { ["text"] = "用地指标尚未落实\n二期用地需自然资源局协调", ["category"] = "land", ["department"] = "自然资源局", ["deadline"] = "2024-04-20" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("raised=P2024-", done.Headers.Location!.OriginalString);
        string number;
        await using (var db = app.NewContext())
        {
            var problem = await db.Problems.Include(p => p.Project).SingleAsync(p => p.ReportId != null);
            var report = await db.ProgressReports.SingleAsync(r => r.Project!.Code == Code && r.Period == new Period(2024, 4));
            number = problem.Number;
            Assert.Equal((report.Id, Code, ProblemSource.Report, (Period?)new Period(2024, 4)), (problem.ReportId!.Value, problem.Project!.Code, problem.Source, problem.ReportPeriod));
            Assert.Equal((ProblemStatus.Assigned, "自然资源局", new DateOnly(2024, 4, 20), ProblemCategory.Land), (problem.Status, problem.Department, problem.Deadline, problem.Category));
            Assert.Equal(("用地指标尚未落实", "用地指标尚未落实\n二期用地需自然资源局协调"), (problem.Title, problem.Detail));
        }

        // The review now links the problem, without the button; the API names it on the report.
        page = await app.Client(user: "demo-zone").GetStringAsync($"/projects/{Code}?raised={number}");
        Assert.Contains($"data-problem=\"{number}\"", page);
        Assert.Contains($"/problems/{number}", page);
        Assert.DoesNotContain("name=\"_handler\" value=\"raise-2024-04\"", page);
        var reports = await app.GetJsonAsync($"/api/projects/{Code}/reports", user: "demo-zone");
        Assert.Equal(number, (string?)reports["items"]!.AsArray().Single(r => (string)r!["period"]! == "2024-04")!["problem"]);

        // The same report cannot raise it twice, by the API (409, naming the problem it became, in either language) or the page.
        var again = await app.SendJsonAsync(HttpMethod.Post, $"/api/projects/{Code}/reports/2024-04/problem", new { category = "land", department = "自然资源局" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"该报告的存在问题已转为问题{number}，不能重复提出", (string)(await KeystoneApp.ProblemAsync(again))["detail"]!);
        var english = await app.SendJsonAsync(HttpMethod.Post, $"/api/projects/{Code}/reports/2024-04/problem", new { category = "land", department = "自然资源局" }, language: "en-US", user: "demo-zone");
        Assert.Equal(HttpStatusCode.Conflict, english.StatusCode);
        Assert.Contains($"already raised as problem {number}", (string)(await KeystoneApp.ProblemAsync(english))["detail"]!);

        // The page's form posted again (a page opened before the raise): told so beside the problem it became.
        var twice = await RaiseOnPageAsync(app, "demo-zone", "2024-04", new() { ["text"] = "用地指标尚未落实", ["category"] = "land", ["department"] = "自然资源局", ["deadline"] = "" });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        var twiceHtml = await twice.Content.ReadAsStringAsync();
        Assert.Contains("id=\"raise-report-2024-04\"", twiceHtml);
        Assert.Contains($"已转为问题{number}，不能重复提出", twiceHtml);
        await using (var db = app.NewContext())
        {
            Assert.Equal(1, await db.Problems.CountAsync(p => p.ReportId != null));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task OnlyTheZonesOfficers_RaiseAReportsProblems_NotItsReporterNorADepartment(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await app.ReportAsync("demo-enterprise", Code, new Dictionary<string, string>
        {
            ["period"] = "2024-04",
            ["month"] = "500",
            ["imageProgress"] = "主体施工",
            ["problemsMet"] = "施工用电容量不足",
        });
        var url = $"/api/projects/{Code}/reports/2024-04/problem";
        var body = new { category = "funds", department = "发展和改革局", text = "施工用电容量不足" };
        foreach (var user in new[] { "demo-enterprise", "demo-department" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Post, url, body, user: user)).StatusCode);

            // The page's form posted by hand, with the user's own antiforgery token: refused too.
            using var client = app.Client(user: user);
            var token = Regex.Match(await client.GetStringAsync("/account/password"), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            var posted = await client.PostAsync($"/projects/{Code}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["_handler"] = "raise-2024-04",
                ["text"] = "施工用电容量不足",
                ["category"] = "funds",
                ["department"] = "发展和改革局",
                ["deadline"] = "",
            }));
            // (A form the page does not offer the user is no form of it: 400; one it does, refused: 403; a page not theirs: 404.)
            Assert.True(posted.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{user}: {(int)posted.StatusCode}");
        }

        await using (var db = app.NewContext())
        {
            Assert.False(await db.Problems.AnyAsync(p => p.ReportId != null));
        }

        // The city's officer, above the zone, may; the province's as well (here the city's does it).
        var made = await app.SendJsonAsync(HttpMethod.Post, url, body, user: "demo-city");
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task TheApi_RaisesAndRoutes_WithTheTextGiven_AndRefusesWhatIsMissing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var url = $"/api/projects/{Code}/reports/2024-03/problem";

        // A reporter does not route problems; an unknown month is not found.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Post, url, new { category = "funds", department = "财政局", text = "资金未到位" }, user: "demo-enterprise")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Post, $"/api/projects/{Code}/reports/2023-01/problem", new { category = "funds", department = "财政局", text = "资金未到位" }, user: "demo-zone")).StatusCode);

        // March's report names no problem: nothing to raise from it, even with a text given; nothing is raised.
        var empty = await app.SendJsonAsync(HttpMethod.Post, url, new { category = "funds", department = "财政局", text = "资金未到位" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var emptyErrors = (await KeystoneApp.ProblemAsync(empty))["errors"]!.AsObject();
        Assert.Contains("2024-03的报告没有填写存在问题，无可转为问题", emptyErrors["report"]![0]!.ToString());
        await using (var db = app.NewContext())
        {
            Assert.False(await db.Problems.AnyAsync(p => p.ReportId != null));
        }

        // April's names one: no category or department is assumed.
        await app.ReportAsync("demo-enterprise", Code, new Dictionary<string, string>
        {
            ["period"] = "2024-04",
            ["month"] = "500",
            ["imageProgress"] = "主体施工",
            ["problemsMet"] = "专项债资金未到位",
        });
        url = $"/api/projects/{Code}/reports/2024-04/problem";
        var missing = await app.SendJsonAsync(HttpMethod.Post, url, new { text = "专项债资金未到位（已核实）" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await KeystoneApp.ProblemAsync(missing))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("category"), errors.ToJsonString());
        Assert.True(errors.ContainsKey("department"), errors.ToJsonString());

        // The officer's own wording of it, given as text, is the problem's.
        var made = await app.SendJsonAsync(HttpMethod.Post, url, new { category = "funds", department = "财政局", text = "专项债资金未到位" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var number = made.Headers.Location!.OriginalString["/api/problems/".Length..];
        Assert.StartsWith("P2024-", number, StringComparison.Ordinal);
        var problem = await app.GetJsonAsync($"/api/problems/{number}", user: "demo-zone");
        Assert.Equal("专项债资金未到位", (string)problem["problem"]!["title"]!);
        Assert.Equal("财政局", (string?)problem["problem"]!["department"]);
    }
}
