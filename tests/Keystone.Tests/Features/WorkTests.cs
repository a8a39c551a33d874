using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Progress;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>The 工作台: each person's to-do list, each item gone once it is done; 催报 for a late report.</summary>
public class WorkTests
{
    private const string Own = "YQGX-2024-001"; // the demo reporter's enterprise's project
    private const string Other = "YQGX-2024-002";
    private const string LandBureau = "阳泉高新区自然资源分局";

    private static IEnumerable<string> Codes(JsonObject work, string list) =>
        work[list]!.AsArray().Select(i => (string)i!["project"]!);

    private static IEnumerable<string> Numbers(JsonObject work, string list) =>
        work[list]!.AsArray().Select(i => (string)i!["number"]!);

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Removes a project's reports from <paramref name="from"/> on: it has not reported that month.</summary>
    private static async Task UnreportAsync(KeystoneApp app, string code, Period from)
    {
        await using var db = app.NewContext();
        var reports = await db.ProgressReports.Where(r => r.Project!.Code == code).ToListAsync();
        db.ProgressReports.RemoveRange(reports.Where(r => r.Period.Key >= from.Key));
        await db.SaveChangesAsync();
    }

    /// <summary>Where a redirect sends the browser (a page's redirect names the whole address).</summary>
    private static string PathOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath;
    }

    private static Task<HttpResponseMessage> RemindAsync(KeystoneApp app, string user, string code, string period) =>
        app.SendJsonAsync(HttpMethod.Post, "/api/reports/reminders", new { project = code, period }, user: user);

    [Theory]
    [DatabaseData]
    public async Task TheZoneOfficersList_ShowsEachItem_UntilItIsDone(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var work = await app.GetJsonAsync("/api/work", user: "demo-zone");
        Assert.Equal("officer", (string)work["role"]!);
        Assert.Equal("2024-04-10", (string)work["asOf"]!); // the zone reported March: its data date is today
        Assert.Equal("2024-03", (string)work["period"]!); // March's reports were due by 5 April
        Assert.Equal("2024-04-05", (string)work["dueOn"]!);

        // The overdue problems are those the problem list calls overdue, on the same day.
        var overdue = await app.GetJsonAsync($"/api/problems?scope={Uri.EscapeDataString("阳泉高新区")}&status=overdue&asOf=2024-04-10", user: "demo-zone");
        Assert.Equal(overdue["items"]!.AsArray().Select(i => (string)i!["number"]!), Numbers(work, "overdue"));
        Assert.NotEmpty(Numbers(work, "overdue"));

        // A problem raised without a department waits to be routed; routed, it leaves; answered, it waits to be closed.
        var raised = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { projectCode = Own, title = "仓库消防水源接入", category = "要素", deadline = "2024-04-19" }, user: "demo-zone"));
        var number = (string)raised["problem"]!["number"]!;
        Assert.Contains(number, Numbers(await app.GetJsonAsync("/api/work", user: "demo-zone"), "toRoute"));
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/problems/{number}/assign", new { department = LandBureau, deadline = "2024-04-17" }, user: "demo-zone"));
        work = await app.GetJsonAsync("/api/work", user: "demo-zone");
        Assert.DoesNotContain(number, Numbers(work, "toRoute"));
        Assert.DoesNotContain(number, Numbers(work, "toClose"));
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/problems/{number}/answer", new { answer = "已协调供水公司" }, user: "demo-department"));
        Assert.Contains(number, Numbers(await app.GetJsonAsync("/api/work", user: "demo-zone"), "toClose"));
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/problems/{number}/close", new { satisfaction = "满意" }, user: "demo-zone"));
        work = await app.GetJsonAsync("/api/work", user: "demo-zone");
        Assert.DoesNotContain(number, Numbers(work, "toClose").Concat(Numbers(work, "toRoute")).Concat(Numbers(work, "overdue")));

        // A report filed waits for review, and leaves the list once approved.
        Assert.DoesNotContain(Own, Codes(work, "toReview"));
        await app.ReportAsync("demo-enterprise", Own, new Dictionary<string, string> { ["period"] = "2024-04", ["month"] = "500", ["imageProgress"] = "主体施工" });
        var waiting = (await app.GetJsonAsync("/api/work", user: "demo-zone"))["toReview"]!.AsArray().Single(i => (string)i!["project"]! == Own)!;
        Assert.Equal("2024-04", (string)waiting["period"]!);
        Assert.Equal("demo-enterprise", (string)waiting["reportedBy"]!);
        await app.PostFormAsync("demo-zone", $"/projects/{Own}", $"/projects/{Own}/reports/2024-04/review", new Dictionary<string, string> { ["decision"] = "approve" });
        Assert.DoesNotContain(Own, Codes(await app.GetJsonAsync("/api/work", user: "demo-zone"), "toReview"));
    }

    [Theory]
    [DatabaseData]
    public async Task ALateReport_IsListedForTheZoneAndItsCity_AndRemindedOnceADay(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        Assert.DoesNotContain(Other, Codes(await app.GetJsonAsync("/api/work", user: "demo-zone"), "lateReports"));
        await UnreportAsync(app, Other, new Period(2024, 3));

        var late = (await app.GetJsonAsync("/api/work", user: "demo-zone"))["lateReports"]!.AsArray().Single(i => (string)i!["project"]! == Other)!;
        Assert.Equal("2024-03", (string)late["period"]!);
        Assert.Equal("2024-04-05", (string)late["due"]!);
        Assert.Null(late["remindedAt"]);
        var city = await app.GetJsonAsync($"/api/work?scope={Uri.EscapeDataString("阳泉市")}", user: "demo-city");
        Assert.Equal("阳泉高新区", (string)city["lateReports"]!.AsArray().Single(i => (string)i!["project"]! == Other)!["unit"]!);

        // Only an officer who keeps the project reminds it, about a month that has ended and is still missing, once a day.
        Assert.Equal(HttpStatusCode.Forbidden, (await RemindAsync(app, "demo-enterprise", Other, "2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().PostAsJsonAsync("/api/reports/reminders", new { project = Other, period = "2024-03" })).StatusCode);
        var ahead = await RemindAsync(app, "demo-zone", Other, "2024-04");
        Assert.Contains("尚未结束", (string)(await KeystoneApp.ProblemAsync(ahead))["detail"]!);
        var reported = await RemindAsync(app, "demo-zone", Own, "2024-03");
        Assert.Equal(HttpStatusCode.BadRequest, reported.StatusCode);
        Assert.Contains("无需催报", await reported.Content.ReadAsStringAsync());
        await using (var db = app.NewContext())
        {
            Assert.Equal(0, await db.ReportReminders.CountAsync());
        }

        var made = await RemindAsync(app, "demo-zone", Other, "2024-03");
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await RemindAsync(app, "demo-city", Other, "2024-03")).StatusCode); // already today
        late = (await app.GetJsonAsync("/api/work", user: "demo-zone"))["lateReports"]!.AsArray().Single(i => (string)i!["project"]! == Other)!;
        Assert.Equal("demo-zone", (string)late["remindedBy"]!);

        // The next day it may be reminded again; once the report comes in, it leaves the list.
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Created, (await RemindAsync(app, "demo-city", Other, "2024-03")).StatusCode);
        await using (var db = app.NewContext())
        {
            Assert.Equal(2, await db.ReportReminders.CountAsync(r => r.Project!.Code == Other && r.Period == new Period(2024, 3)));
        }

        await app.ReportAsync("demo-zone", Other, new Dictionary<string, string> { ["period"] = "2024-03", ["month"] = "300", ["imageProgress"] = "主体施工" });
        Assert.DoesNotContain(Other, Codes(await app.GetJsonAsync("/api/work", user: "demo-zone"), "lateReports"));
    }

    [Theory]
    [DatabaseData]
    public async Task AReporterSeesItsOwnReportsToFile_AndItsProblems_AndNothingElse(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await UnreportAsync(app, Own, new Period(2024, 3));
        var work = await app.GetJsonAsync("/api/work", user: "demo-enterprise");
        Assert.Equal("reporter", (string)work["role"]!);
        Assert.Equal("2024-03", (string)work["period"]!);
        var mine = work["toFile"]!.AsArray().Single(i => (string)i!["project"]! == Own)!;
        Assert.Null(mine["status"]);
        Assert.Null(work["lateReports"]);
        Assert.Null(work["toReview"]);
        await using (var db = app.NewContext())
        {
            // Exactly its enterprise's projects in the year's plan.
            var expected = await db.Projects.Where(p => p.Code == Own).Select(p => p.EnterpriseId).SingleAsync();
            var codes = await db.Projects.Where(p => p.EnterpriseId == expected && p.Plans.Any(a => a.Year == 2024)).Select(p => p.Code).ToListAsync();
            Assert.Equal(codes.Order(), Codes(work, "toFile").Order());
        }

        var page = await app.Client(user: "demo-enterprise").GetStringAsync("/work");
        Assert.Contains($"/projects/{Own}/reports/new?period=2024-03", page);
        Assert.DoesNotContain("/work/remind", page);
        Assert.DoesNotContain("id=\"route\"", page);

        // Filed, it shows as waiting for review; an open problem it raised is on its list.
        await app.ReportAsync("demo-enterprise", Own, new Dictionary<string, string> { ["period"] = "2024-03", ["month"] = "500", ["imageProgress"] = "主体施工" });
        var raised = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { projectCode = Own, title = "员工通勤班车线路", category = "用工", deadline = "2024-04-30" }, user: "demo-enterprise"));
        work = await app.GetJsonAsync("/api/work", user: "demo-enterprise");
        Assert.Equal("submitted", (string)work["toFile"]!.AsArray().Single(i => (string)i!["project"]! == Own)!["status"]!);
        Assert.Contains((string)raised["problem"]!["number"]!, Numbers(work, "openProblems"));
    }

    [Theory]
    [DatabaseData]
    public async Task EachPersonStartsAtTheirWork_AndTheRemindButtonRecordsIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using (var reporter = app.Client(user: "demo-enterprise"))
        {
            Assert.Equal("/work", PathOf(await reporter.GetAsync("/")));
        }

        using (var department = app.Client(user: "demo-department"))
        {
            Assert.Equal("/problems/inbox", PathOf(await department.GetAsync("/work")));
        }

        await UnreportAsync(app, Other, new Period(2024, 3));
        var page = await app.Client(user: "demo-zone").GetStringAsync("/work");
        foreach (var id in new[] { "review", "late", "route", "overdue", "close", "notices", "obligations", "leads", "visits" })
        {
            Assert.Contains($"id=\"{id}\"", page);
        }

        Assert.Contains("截至2024年4月10日", page);
        Assert.Contains($"data-remind=\"{Other}\"", page);
        var done = await app.PostFormAsync("demo-zone", "/work", "/work/remind", new Dictionary<string, string> { ["project"] = Other, ["period"] = "2024-03", ["back"] = "/work" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.StartsWith("/work?reminded=", done.Headers.Location!.OriginalString);
        page = await app.Client(user: "demo-zone").GetStringAsync(done.Headers.Location.OriginalString);
        Assert.Contains($"data-reminded=\"{Other}\"", page);

        // A second the same day is refused on the page, saying why.
        var again = await app.PostFormAsync("demo-zone", "/work", "/work/remind", new Dictionary<string, string> { ["project"] = Other, ["period"] = "2024-03", ["back"] = "/work" });
        Assert.Contains("今天已催报", await app.Client(user: "demo-zone").GetStringAsync(again.Headers.Location!.OriginalString));
    }

    [Theory]
    [DatabaseData]
    public async Task TheSignInPage_NamesTheProduct_AndListsTheDemoAccountsWhileTheyOpen(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var page = await app.AnonymousClient().GetStringAsync("/login");
        Assert.Contains("Keystone 重点项目管理", page);
        foreach (var (name, _, _) in Keystone.Core.Accounts.Accounts.DemoUsers)
        {
            Assert.Contains($"data-demo-user=\"{name}\"", page);
        }

        await using (var db = app.NewContext())
        {
            var names = Keystone.Core.Accounts.Accounts.DemoUsers.Select(d => d.Name).ToList();
            await db.Users.Where(u => names.Contains(u.UserName)).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true));
        }

        app.Clock.Advance(TimeSpan.FromMinutes(2)); // the answer is kept for a minute
        page = await app.AnonymousClient().GetStringAsync("/login");
        Assert.DoesNotContain("id=\"demo-accounts\"", page);
        Assert.Contains("Keystone 重点项目管理", page);
    }

    [Theory]
    [DatabaseData]
    public async Task TheApiExplorer_IsInTheOfficersFooter_NotInTheMenu(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var officer = await app.Client(user: "demo-zone").GetStringAsync("/work");
        Assert.Contains("id=\"api-explorer\"", officer);
        Assert.DoesNotContain("href=\"/scalar\"", officer[..officer.IndexOf("</header>", StringComparison.Ordinal)]);
        Assert.Contains("id=\"menu-button\"", officer);
        Assert.DoesNotContain("id=\"api-explorer\"", await app.Client(user: "demo-enterprise").GetStringAsync("/work"));
    }
    [Theory]
    [DatabaseData]
    public async Task TheSignInPage_SpeaksTheChosenLanguage_NotBoth(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        // No choice made: zh-CN only, with the switch to English in reach.
        var zh = await app.AnonymousClient().GetStringAsync("/login");
        Assert.Contains("<title>登录 · Keystone</title>", zh);
        Assert.DoesNotContain("Sign in", zh);
        Assert.DoesNotContain("User name", zh);
        Assert.Contains("href=\"/culture/en-US?returnUrl=%2Flogin\"", zh);

        // English chosen (the switch's cookie), though the browser asks for Chinese.
        var client = app.AnonymousClient("zh-CN");
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US");
        var en = await client.GetStringAsync("/login");
        Assert.Contains("<title>Sign in · Keystone</title>", en);
        Assert.Contains("User name", en);
        Assert.Contains("Enterprise reporter", en);
        Assert.DoesNotContain("用户名", en);
        Assert.DoesNotContain("演示账号", en);
        Assert.Contains("href=\"/culture/zh-CN?returnUrl=%2Flogin\"", en);
    }

    [Theory]
    [DatabaseData]
    public async Task TheZonesWork_CarriesTheMonthsLeadsAndVisits_AsOfTheDesksDate(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        const string AsOf = "2024-03-31";
        var work = await OkAsync(await app.Client(user: "demo-zone").GetAsync("/api/work?asOf=" + AsOf));
        var day = new DateOnly(2024, 3, 31);

        // Computed here from the database: 包联 enterprises of the zone not visited in March by their liaison.
        await using var db = app.NewContext();
        var zone = await db.OrgUnits.SingleAsync(u => u.Name == "阳泉高新区");
        var assigned = await db.Enterprises.Where(e => e.OwnerUnitId == zone.Id && e.LiaisonName != null)
            .Select(e => new { e.Id, e.Uscc, e.LiaisonName, e.LiaisonUserId }).ToListAsync();
        var visits = await db.EnterpriseVisits.Where(v => v.VisitedOn >= new DateOnly(2024, 3, 1) && v.VisitedOn <= day)
            .Select(v => new { v.EnterpriseId, v.Visitor, v.VisitorUserId }).ToListAsync();
        var unvisited = assigned.Where(a => !visits.Any(v => v.EnterpriseId == a.Id
                && (a.LiaisonUserId is { } u && v.VisitorUserId is { } w ? u == w : v.Visitor == a.LiaisonName)))
            .Select(a => a.Uscc.Value).OrderBy(x => x).ToList();
        Assert.NotEmpty(assigned);
        Assert.Equal(assigned.Count, (int)work["visitsAssigned"]!);
        Assert.Equal("2024-03", (string)work["visitMonth"]!);
        Assert.Equal(unvisited, work["unvisited"]!.AsArray().Select(v => (string)v!["uscc"]!).OrderBy(x => x).ToList());

        // Leads: active, not started, last contact 30 days or more before the day (the demo's default rules).
        var leads = await db.Leads.Include(l => l.FollowUps).Where(l => l.OrgUnitId == zone.Id).ToListAsync();
        var stale = work["staleLeads"]!.AsArray();
        foreach (var lead in stale)
        {
            Assert.True((int)lead!["days"]! >= 30, lead.ToJsonString());
            Assert.Contains(leads, l => l.Id == (int)lead["id"]!);
        }

        // The page shows the same counts, each item one click from its page, carrying the date.
        var page = await app.Client(user: "demo-zone").GetStringAsync("/work?asOf=" + AsOf);
        Assert.Contains("id=\"visits\"", page);
        Assert.Contains("id=\"leads\"", page);
        Assert.Equal(unvisited.Count, System.Text.RegularExpressions.Regex.Matches(page, "data-unvisited=").Count);
        Assert.Equal(stale.Count, System.Text.RegularExpressions.Regex.Matches(page, "data-lead=").Count);
        Assert.Contains("/visits?scope=", page);
        Assert.Contains("asOf=" + AsOf, page[page.IndexOf("id=\"visits\"", StringComparison.Ordinal)..]);
    }

    [Theory]
    [DatabaseData]
    public async Task TheZonesLeadsAndVisits_CountedByHand_FromTheDemo(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);

        // EnterpriseDemo: 阳泉高新区's first eight enterprises shared out demo-zone 2, 王强 3, 李娜 3; March visits
        // on the 5th and 12th (demo-zone, both), the 8th and 19th (王强, two of three), the 21st (李娜, one of three).
        var march = await app.GetJsonAsync("/api/work?asOf=2024-03-31", user: "demo-zone");
        Assert.Equal(8, (int)march["visitsAssigned"]!);
        Assert.Equal(new[] { "王强", "李娜", "李娜" }, march["unvisited"]!.AsArray().Select(v => (string)v!["officer"]!).OrderBy(n => n == "李娜"));

        // On the 10th only the 5th's and the 8th's visits were made: six of eight still to go.
        var tenth = await app.GetJsonAsync("/api/work?asOf=2024-03-10", user: "demo-zone");
        Assert.Equal(6, tenth["unvisited"]!.AsArray().Count);
        Assert.Equal(1, tenth["unvisited"]!.AsArray().Count(v => (string)v!["officer"]! == "demo-zone"));

        // PromotionDemo's leads as of 31 March, last contact (a follow-up or a stage date) to the day, 30/60 days:
        // 国电投二期 signed 01-12 (79; its project starts only on 04-08), 中信重工 negotiating 01-16 (75; its 4-02
        // follow-up is later), 功率器件 contacted 01-26 (65), 仓储物流园 follow-up 01-30 (61), 赛迪 follow-up 02-25
        // (35, yellow). 碳化硅 (signed 03-18) and 储能 (called 03-28) are recent; 国电投一期 produces; 氢燃料 is
        // shelved; 康博特, registered 2022-08-18, has started: its linked ledger project's 实际开工 is its 开工.
        var stale = march["staleLeads"]!.AsArray().Select(l => ((string)l!["name"]!, (int)l["days"]!, (string)l["light"]!)).ToList();
        Assert.Equal(
            new[]
            {
                ("国电投阳泉绿电交通示范项目（二期）", 79, "red"),
                ("中信重工高端特种金属材料项目", 75, "red"),
                ("功率器件封装测试项目", 65, "red"),
                ("新能源数字化仓储物流园项目", 61, "red"),
                ("赛迪·中化科创产业园项目", 35, "yellow"),
            },
            stale);

        // The counts at the top of the page say the same, and the total includes them.
        var page = await app.Client(user: "demo-zone").GetStringAsync("/work?asOf=2024-03-31");
        Assert.Contains("#leads\" data-count=\"leads\"><strong>5</strong>", page);
        Assert.Contains("#visits\" data-count=\"visits\"><strong>3</strong>", page);
        Assert.Contains("包联8家", page);
    }

    [Theory]
    [DatabaseData]
    public async Task AReportersMenu_ShowsOnlyWhatItCanUse(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var page = await app.Client(user: "demo-enterprise").GetStringAsync("/work");
        var header = page[..page.IndexOf("</header>", StringComparison.Ordinal)];
        Assert.Contains("id=\"nav-my-projects\" href=\"/work#to-file\"", header);
        Assert.DoesNotContain("href=\"/projects\"", header);
        Assert.DoesNotContain("/ledger/import", header);
        Assert.DoesNotContain("href=\"/\"", header[header.IndexOf("ks-nav", StringComparison.Ordinal)..]);
        Assert.Contains("data-to-file=\"" + Own + "\"", page);
    }
}
