using System.Net;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Progress;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>The reporting workflow and the history on the pages: what a reporter and a zone officer do at their desks.</summary>
public class ReviewPagesTests
{
    private const string Code = "YQGX-2024-001"; // the demo reporter's enterprise's project
    private const string Figures = "/api/figures?scope=%E9%98%B3%E6%B3%89%E9%AB%98%E6%96%B0%E5%8C%BA&asOf=2024-04-30";

    private static async Task<ReportStatus?> StatusAsync(KeystoneApp app)
    {
        await using var db = app.NewContext();
        return await db.ProgressReports.Where(r => r.Project!.Code == Code && r.Period == new Period(2024, 4)).Select(r => (ReportStatus?)r.Status).SingleOrDefaultAsync();
    }

    private static Task<HttpResponseMessage> ReviewAsync(KeystoneApp app, string user, string decision, string comment = "") =>
        app.PostFormAsync(user, $"/projects/{Code}", $"/projects/{Code}/reports/2024-04/review", new Dictionary<string, string> { ["decision"] = decision, ["comment"] = comment });

    [Theory]
    [DatabaseData]
    public async Task AReporterFilesOnThePage_TheZoneReturnsAndApproves_AndOnlyThenItCounts(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var before = (decimal)(await app.GetJsonAsync(Figures, user: "demo-zone"))["completedInvestment"]!;

        var filed = await app.ReportAsync("demo-enterprise", Code, new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "500", ["imageProgress"] = "主体施工" });
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Equal(ReportStatus.Submitted, await StatusAsync(app));
        Assert.Equal(before, (decimal)(await app.GetJsonAsync(Figures, user: "demo-zone"))["completedInvestment"]!);

        // The reporter sees it pending, without the officer's buttons; the zone sees the buttons.
        var reporterPage = await app.Client(user: "demo-enterprise").GetStringAsync($"/projects/{Code}");
        Assert.Contains("data-status=\"submitted\"", reporterPage);
        Assert.Contains("待审核", reporterPage);
        Assert.DoesNotContain("/reports/2024-04/review", reporterPage);
        Assert.Contains("/reports/2024-04/review", await app.Client(user: "demo-zone").GetStringAsync($"/projects/{Code}"));

        // A reporter cannot review; a return without a comment is refused and changes nothing.
        Assert.NotEqual(HttpStatusCode.Redirect, (await ReviewAsync(app, "demo-enterprise", "approve")).StatusCode);
        Assert.Equal(ReportStatus.Submitted, await StatusAsync(app));
        var refused = await ReviewAsync(app, "demo-zone", "return", "  ");
        Assert.Contains("reviewError=", refused.Headers.Location!.OriginalString);
        Assert.Contains("退回须写明意见", await app.Client(user: "demo-zone").GetStringAsync(refused.Headers.Location.OriginalString));
        Assert.Equal(ReportStatus.Submitted, await StatusAsync(app));

        var returned = await ReviewAsync(app, "demo-zone", "return", "请附现场照片");
        Assert.Contains("reviewed=2024-04", returned.Headers.Location!.OriginalString);
        Assert.Equal(ReportStatus.Returned, await StatusAsync(app));
        Assert.Contains("请附现场照片", await app.Client(user: "demo-enterprise").GetStringAsync($"/projects/{Code}"));

        // The reporter corrects and resubmits through the same form; the zone approves; now it counts.
        await app.ReportAsync("demo-enterprise", Code, new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "520", ["imageProgress"] = "主体施工，附照片", ["correctionReason"] = "按退回意见补充" });
        Assert.Equal(ReportStatus.Submitted, await StatusAsync(app));
        await ReviewAsync(app, "demo-zone", "approve");
        Assert.Equal(ReportStatus.Approved, await StatusAsync(app));
        Assert.Equal(before + 520m, (decimal)(await app.GetJsonAsync(Figures, user: "demo-zone"))["completedInvestment"]!);

        // Each step is in the history on the project page, with who did it and why.
        var page = await app.Client(user: "demo-zone").GetStringAsync($"/projects/{Code}");
        Assert.Contains("id=\"history\"", page);
        foreach (var action in new[] { "approved", "returned", "submitted" })
        {
            Assert.Contains($"data-action=\"{action}\" data-entity=\"report\"", page);
        }

        Assert.Contains("请附现场照片", page[page.IndexOf("id=\"history\"", StringComparison.Ordinal)..]);

        // Regression: a status change reads as the workflow names it, not as the enum's names.
        var section = History(page);
        Assert.Contains("状态 提交 → 通过", section);
        Assert.Contains("状态 提交 → 退回", section);
        Assert.Contains("月度进度 2024年4月 · 通过", section);
        Assert.DoesNotContain("submitted →", section);
        var english = History(await app.Client("en-US", "demo-zone").GetStringAsync($"/projects/{Code}"));
        Assert.Contains("Status: Submitted → Approved", english);

        // The API's entries carry the same lines, and the whole entry as one sentence.
        var items = (await app.GetJsonAsync($"/api/audit?entity=project&id={Code}", user: "demo-zone"))["items"]!.AsArray();
        var approved = items.First(i => (string)i!["action"]! == "approved")!;
        Assert.Contains("状态 提交 → 通过", approved["lines"]!.AsArray().Select(l => (string)l!));
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} demo-zone 月度进度 YQGX-2024-001/2024-04 · 通过：", (string)approved["text"]!);
        Assert.Equal("report", (string?)approved["entity"]); // the existing fields stay
        Assert.Contains("\"status\":\"approved\"", (string)approved["after"]!, StringComparison.Ordinal);
    }

    /// <summary>The history section of a project page, as a reader sees it (from its heading to the end of its section).</summary>
    private static string History(string page)
    {
        var start = page.IndexOf("id=\"history\"", StringComparison.Ordinal);
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [Theory]
    [DatabaseData]
    public async Task TheHistory_ShowsWhatChanged_FieldByField(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var input = KeystoneApp.NewProjectInput("HIS-1");
        Assert.Equal(HttpStatusCode.Created, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects", input, user: "demo-zone")).StatusCode);
        var update = KeystoneApp.NewProjectInput("HIS-1");
        update["totalInvestment"] = 60_000m;
        await app.SendJsonAsync(HttpMethod.Put, "/api/projects/HIS-1", update, user: "demo-city");

        var page = await app.Client(user: "demo-zone").GetStringAsync("/projects/HIS-1");
        var history = page[page.IndexOf("id=\"history\"", StringComparison.Ordinal)..];
        Assert.Contains("demo-city", history);

        // As a person would write it: the field by its label, the money as the newspapers print it; no JSON, no camelCase.
        var section = History(page);
        Assert.Contains("总投资 5亿元 → 6亿元", section);
        Assert.Contains("项目 · 修改", section);
        Assert.DoesNotContain("totalInvestment", section);
        Assert.DoesNotContain("{", section);
        Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", section);
        var english = History(await app.Client("en-US", "demo-zone").GetStringAsync("/projects/HIS-1"));
        Assert.Contains("Total investment: 5亿元 → 6亿元", english);
        Assert.Contains("Project · updated", english);
        Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", english);
    }

    [Fact]
    public async Task AReportersPages_AreTheirProjects_NotTheOfficersDesk()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        using var reporter = app.Client(user: "demo-enterprise");
        var home = await reporter.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.EndsWith("/work", home.Headers.Location!.OriginalString);

        foreach (var officersPage in new[] { "/briefings", "/rankings", "/units", "/ledger/import" })
        {
            var response = await reporter.GetAsync(officersPage);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{officersPage}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("/forbidden", new Uri(new Uri("http://x"), response.Headers.Location!).PathAndQuery);
            }
        }

        var forbidden = await reporter.GetAsync("/forbidden");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("没有查看这个页面的权限", await forbidden.Content.ReadAsStringAsync());

        var ledger = await reporter.GetStringAsync("/projects");
        Assert.Contains(Code, ledger);
        Assert.DoesNotContain("YQGX-2024-002", ledger);
        Assert.DoesNotContain("href=\"/briefings\"", ledger);
        Assert.Contains("href=\"/briefings\"", await app.Client(user: "demo-zone").GetStringAsync("/projects"));
    }
}
