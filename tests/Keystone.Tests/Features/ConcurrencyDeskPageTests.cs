using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Problems;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using static Keystone.Tests.Features.EditRequests;

namespace Keystone.Tests.Features;

/// <summary>
/// The desk's edit forms refuse a save made from a page read before someone else's change, as the project
/// page does: 409, the stale alert saying who changed what, the latest shown, and nothing of the save written.
/// </summary>
public partial class ConcurrencyDeskPageTests
{
    private const string Code = "YQGX-2024-001";

    [Theory]
    [DatabaseData]
    public async Task TheFactorPage_RefusesALandSaveFromBeforeAFundsLineChanged(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var first = app.Client(user: "demo-zone");
        using var second = app.Client(user: "demo-city");
        var url = $"/projects/{Code}/factors";
        var funds = HiddenFields(await first.GetStringAsync(url, ct), "funds-form");
        var land = HiddenFields(await second.GetStringAsync(url, ct), "land-form");
        var before = await SheetAsync(app);

        app.Clock.Advance(TimeSpan.FromMinutes(65)); // 10:05
        var saved = await first.PostAsync(url, Post(funds, ("source", "specialBonds"), ("applied", "500"), ("approved", "300"), ("received", "100")), ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var refused = await second.PostAsync(url, Post(land, ("neededMu", "321"), ("stage", "NotStarted")), ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该项目的要素保障表已被他人（demo-zone）于 10:05 修改", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"321\"", html, StringComparison.Ordinal); // what was typed, kept
        var landForm = html.IndexOf("id=\"land-form\"", StringComparison.Ordinal);
        var details = html.LastIndexOf("<details", landForm, StringComparison.Ordinal);
        Assert.Contains(" open", html[details..html.IndexOf('>', details)], StringComparison.Ordinal); // the refused form is shown open, the others folded
        var fundsForm = html.IndexOf("id=\"funds-form\"", StringComparison.Ordinal);
        var fundsDetails = html.LastIndexOf("<details", fundsForm, StringComparison.Ordinal);
        Assert.DoesNotContain(" open", html[fundsDetails..html.IndexOf('>', fundsDetails)], StringComparison.Ordinal);
        Assert.Equal((before.Version + 1).ToString(CultureInfo.InvariantCulture), HiddenFields(html, "land-form")["version"]);

        var stored = await SheetAsync(app);
        Assert.Equal((before.Version + 1, before.LandNeeded), (stored.Version, stored.LandNeeded));
    }

    [Theory]
    [DatabaseData]
    public async Task ThePlanPage_RefusesASaveFromBeforeAnotherChangedTheEntry(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var first = app.Client(user: "demo-zone");
        using var second = app.Client(user: "demo-city");
        const string url = "/projects/YQGX-2024-010/plans/2025";
        var form1 = HiddenFields(await first.GetStringAsync(url, ct), "plan-form");
        var form2 = HiddenFields(await second.GetStringAsync(url, ct), "plan-form");
        Assert.Equal("0", form1["version"]);

        var saved = await first.PostAsync(url, Post(form1, ("nature", "Continuing"), ("plannedInvestment", "20000")), ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var refused = await second.PostAsync(url, Post(form2, ("nature", "New"), ("plannedInvestment", "12345")), ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该年度计划已被他人（demo-zone）", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"12345\"", html, StringComparison.Ordinal);

        await using var db = app.NewContext();
        var plan = await db.AnnualPlans.SingleAsync(a => a.Project!.Code == "YQGX-2024-010" && a.Year == 2025, ct);
        Assert.Equal((20_000m, 1), (plan.PlannedInvestment.Wan, plan.Version));
    }

    [Theory]
    [DatabaseData]
    public async Task TheReportPage_RefusesASaveFromBeforeAnotherChangedTheMonth(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var first = app.Client(user: "demo-zone");
        using var second = app.Client(user: "demo-city");
        var url = $"/projects/{Code}/reports/new?period=2024-04";
        var form1 = HiddenFields(await first.GetStringAsync(url, ct), "report-form");
        var form2 = HiddenFields(await second.GetStringAsync(url, ct), "report-form");
        Assert.Equal(("2024-04", "0"), (form1["versionPeriod"], form1["version"]));

        var saved = await first.PostAsync(url, Post(form1, ("period", "2024-04"), ("month", "500")), ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var refused = await second.PostAsync(url, Post(form2, ("period", "2024-04"), ("month", "777")), ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该月报已被他人（demo-zone）", html, StringComparison.Ordinal);
        Assert.Contains("value=\"777\"", html, StringComparison.Ordinal);

        await using var db = app.NewContext();
        var report = await db.ProgressReports.SingleAsync(r => r.Project!.Code == Code && r.Period == new Period(2024, 4), ct);
        Assert.Equal((500m, 1), (report.MonthInvestment.Wan, report.Version));
    }

    [Theory]
    [DatabaseData]
    public async Task TheProblemPage_RefusesAStepFromBeforeAnotherTookOne(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var first = app.Client(user: "demo-zone");
        using var second = app.Client(user: "demo-city");
        var raised = await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { projectCode = Code, title = "仓库消防水源接入", category = "要素", deadline = "2024-04-19" }, user: "demo-zone");
        var number = (string)(await raised.Content.ReadFromJsonAsync<JsonObject>(ct))!["problem"]!["number"]!;
        var url = $"/problems/{number}";
        var form1 = HiddenFields(await first.GetStringAsync(url, ct), "assign-form");
        var form2 = HiddenFields(await second.GetStringAsync(url, ct), "assign-form");

        var saved = await first.PostAsync(url + "/assign", Post(form1, ("department", "阳泉高新区自然资源分局"), ("deadline", "2024-04-19")), ct);
        Assert.Equal(url, Uri.UnescapeDataString(saved.Headers.Location!.OriginalString));

        var refused = await second.PostAsync(url + "/assign", Post(form2, ("department", "阳泉高新区住建局"), ("deadline", "2024-04-19")), ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var back = refused.Headers.Location!.OriginalString;
        Assert.Contains("stale=" + form2["version"], Uri.UnescapeDataString(back), StringComparison.Ordinal);

        var page = await second.GetAsync(back, ct);
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Contains("该问题已被他人（demo-zone）", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);

        await using var db = app.NewContext();
        var stored = await db.Problems.SingleAsync(p => p.Number == number, ct);
        Assert.Equal((ProblemStatus.Assigned, "阳泉高新区自然资源分局"), (stored.Status, stored.Department));
    }

    private static async Task<Keystone.Core.Factors.ProjectFactors> SheetAsync(KeystoneApp app)
    {
        await using var db = app.NewContext();
        return await db.ProjectFactors.AsNoTracking().SingleOrDefaultAsync(f => f.Project!.Code == Code, TestContext.Current.CancellationToken)
            ?? new Keystone.Core.Factors.ProjectFactors(0);
    }

    private static FormUrlEncodedContent Post(Dictionary<string, string> hidden, params (string Name, string Value)[] fields)
    {
        var all = new Dictionary<string, string>(hidden);
        foreach (var (name, value) in fields)
        {
            all[name] = value;
        }

        return new FormUrlEncodedContent(all);
    }
}
