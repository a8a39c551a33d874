using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Problems;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using static Keystone.Tests.Features.EditRequests;

namespace Keystone.Tests.Features;

/// <summary>
/// The desk's other edits guarded as the project's are (乐观并发): a factor sheet (its funds and emission lines
/// included), an approval, a plan entry, a monthly report, a problem and its notice. Each read answers its version
/// (ETag); an edit from an older one is refused — 412 by If-Match, 409 by the body's version — and writes nothing;
/// an edit naming no version applies as before.
/// </summary>
public class ConcurrencyDeskApiTests
{
    private const string Code = "YQGX-2024-001";

    [Theory]
    [DatabaseData]
    public async Task TheFactorSheet_IsOneVersion_ALineChangeMakesAnEditOfTheLandStale(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var first = app.Client(user: "demo-zone");
        using var second = app.Client(user: "demo-city");
        var url = $"/api/projects/{Code}/factors";
        var read = await first.GetAsync(url, ct);
        var etag = read.Headers.ETag!.Tag;
        var version = (int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal(Tag(version), etag);
        var before = await SheetAsync(app);

        // One officer changes a funds line: the sheet's version moves, as its ETag says.
        var funds = await SendAsync(first, HttpMethod.Put, url + "/funds/specialBonds", new { applied = 500m, approved = 300m, received = 100m }, etag);
        Assert.Equal(HttpStatusCode.OK, funds.StatusCode);
        Assert.Equal(Tag(version + 1), funds.Headers.ETag!.Tag);
        Assert.Equal(version + 1, (int)(await funds.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!);

        // The other, from the same read, records the land, the energy, an emission quota or a funds line: each refused, nothing written.
        var land = await SendAsync(second, HttpMethod.Put, url + "/land", new { neededMu = 321m, stage = "notStarted" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, land.StatusCode);
        Assert.Equal(Tag(version + 1), land.Headers.ETag!.Tag);
        var refusal = await KeystoneApp.ProblemAsync(land);
        Assert.Equal(version + 1, (int)refusal["currentVersion"]!);
        Assert.StartsWith("该项目的要素保障表已被他人（demo-zone）", (string)refusal["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(second, HttpMethod.Put, url + "/energy", new { neededTce = 999m }, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(second, HttpMethod.Put, url + "/emissions/" + Uri.EscapeDataString("二氧化硫"), new { needed = 9m, obtained = 1m, version }, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(second, HttpMethod.Put, url + "/funds/bankLoans", new { applied = 9m, version }, null)).StatusCode);

        var stored = await SheetAsync(app);
        Assert.Equal(version + 1, stored.Version);
        Assert.Equal((before.LandNeeded, before.EnergyNeeded, before.Emissions.Count), (stored.LandNeeded, stored.EnergyNeeded, stored.Emissions.Count));
        Assert.Equal(before.Funds.Count(f => f.Source == FundSource.BankLoans), stored.Funds.Count(f => f.Source == FundSource.BankLoans));

        // With the version as it now is, or with none at all, the edits apply.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(second, HttpMethod.Put, url + "/land", new { neededMu = 321m, stage = "notStarted" }, Tag(version + 1))).StatusCode);
        var plain = await SendAsync(second, HttpMethod.Put, url + "/emissions/" + Uri.EscapeDataString("二氧化硫"), new { needed = 9m, obtained = 1m }, null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(Tag(version + 3), plain.Headers.ETag!.Tag);
        stored = await SheetAsync(app);
        Assert.Equal((version + 3, 321m), (stored.Version, stored.LandNeeded!.Value.Mu));
    }

    [Theory]
    [DatabaseData]
    public async Task AnApprovalStep_FromAnOlderVersionOfTheItem_IsRefused(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        const string url = "/api/projects/YQGX-2024-024/procedures";
        var permit = url + "/" + Uri.EscapeDataString("施工许可");
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, HttpMethod.Post, url, new { }, null)).StatusCode);
        var version = (int)Permit(await app.GetJsonAsync("/api/projects/YQGX-2024-024/factors", user: "demo-zone"))["version"]!;

        // Applied for from that version: accepted, the item's version moves on.
        var applied = await SendAsync(client, HttpMethod.Post, permit + "/apply", new { on = "2024-04-01", version }, null);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(version + 1, (int)Permit((await applied.Content.ReadFromJsonAsync<JsonObject>(ct))!)["version"]!);

        // Approved from the version read before the application: 412 by If-Match, 409 by the body; still only applied.
        var stale = await SendAsync(client, HttpMethod.Post, permit + "/approve", new { on = "2024-04-09" }, Tag(version));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(Tag(version + 1), stale.Headers.ETag!.Tag);
        var refusal = await KeystoneApp.ProblemAsync(stale);
        Assert.StartsWith("该审批手续已被他人（demo-zone）", (string)refusal["detail"]!, StringComparison.Ordinal);
        Assert.Single(refusal["changes"]!.AsArray());
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Post, permit + "/approve", new { on = "2024-04-09", version }, null)).StatusCode);
        await using (var db = app.NewContext())
        {
            var item = await db.ProcedureItems.SingleAsync(i => i.Project!.Code == "YQGX-2024-024" && i.Name == "施工许可", ct);
            Assert.Equal((ProcedureStatus.Applied, version + 1), (item.Status, item.Version));
        }

        // Without a version: approved as before.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, permit + "/approve", new { on = "2024-04-09" }, null)).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task APlanEntry_AndAMonthlyReport_RefuseAnEditFromAnOlderVersion(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");

        // A plan entry: a year not entered yet is version 0; entered, 1; an edit from 0 or 1 after a change is refused.
        const string plan = "/api/projects/YQGX-2024-010/plans/2025";
        var entered = await SendAsync(client, HttpMethod.Put, plan, new { nature = "续建", plannedInvestment = 20_000m, version = 0 }, null);
        Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        Assert.Equal(Tag(1), entered.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Put, plan, new { nature = "续建", plannedInvestment = 1m, version = 0 }, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, plan, new { nature = "续建", plannedInvestment = 25_000m }, Tag(1))).StatusCode);
        var stalePlan = await SendAsync(client, HttpMethod.Put, plan, new { nature = "新建", plannedInvestment = 1m }, Tag(1));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stalePlan.StatusCode);
        Assert.NotEmpty((await KeystoneApp.ProblemAsync(stalePlan))["changes"]!.AsArray());
        var listed = (await app.GetJsonAsync("/api/projects/YQGX-2024-010/plans"))["items"]!.AsArray().Single(p => (int)p!["year"]! == 2025)!;
        Assert.Equal((25_000m, 2), ((decimal)listed["plannedInvestment"]!, (int)listed["version"]!));

        // A report: filed, then an edit and a return from the first read are refused; the stored report is the one filed.
        var report = $"/api/projects/{Code}/reports/2024-04";
        var filed = await SendAsync(client, HttpMethod.Put, report, new { month = 500m }, null);
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var version = (int)(await filed.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal(Tag(version), filed.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, report, new { month = 600m, version }, null)).StatusCode);
        var staleReport = await SendAsync(client, HttpMethod.Put, report, new { month = 700m }, Tag(version));
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleReport.StatusCode);
        Assert.Equal(version + 1, (int)(await KeystoneApp.ProblemAsync(staleReport))["currentVersion"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Put, report, new { month = 700m, version }, null)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Post, report + "/approve", new { }, Tag(version))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(client, HttpMethod.Post, report + "/return", new { comment = "请核对", version }, null)).StatusCode);
        await using var db = app.NewContext();
        var stored = await db.ProgressReports.SingleAsync(r => r.Project!.Code == Code && r.Period == new Period(2024, 4), ct);
        Assert.Equal((600m, version + 1), (stored.MonthInvestment.Wan, stored.Version));
    }

    [Theory]
    [DatabaseData]
    public async Task AProblemStep_AndANoticeReply_FromAnOlderVersion_AreRefused(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var zone = app.Client(user: "demo-zone");
        using var department = app.Client(user: "demo-department");
        var raised = await SendAsync(zone, HttpMethod.Post, "/api/problems", new { projectCode = Code, title = "仓库消防水源接入", category = "要素", deadline = "2024-04-12" }, null);
        var number = (string)(await raised.Content.ReadFromJsonAsync<JsonObject>(ct))!["problem"]!["number"]!;
        var url = $"/api/problems/{number}";
        var read = await zone.GetAsync(url, ct);
        var etag = read.Headers.ETag!.Tag;
        var version = (int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal(Tag(version), etag);

        // Routed from the version read: accepted. Routed again, elsewhere, from the same read: refused, still with the first department.
        var assigned = await SendAsync(zone, HttpMethod.Post, url + "/assign", new { department = "阳泉高新区自然资源分局", deadline = "2024-04-12" }, etag);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(Tag(version + 1), assigned.Headers.ETag!.Tag);
        var stale = await SendAsync(zone, HttpMethod.Post, url + "/assign", new { department = "阳泉高新区住建局" }, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.StartsWith("该问题已被他人（demo-zone）", (string)(await KeystoneApp.ProblemAsync(stale))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(department, HttpMethod.Post, url + "/answer", new { answer = "旧的答复", version }, null)).StatusCode);
        await using (var db = app.NewContext())
        {
            var stored = await db.Problems.SingleAsync(p => p.Number == number, ct);
            Assert.Equal((ProblemStatus.Assigned, "阳泉高新区自然资源分局", version + 1), (stored.Status, stored.Department, stored.Version));
        }

        // Overdue and supervised: the notice has its own version; a second reply from the first read is refused as stale.
        app.Clock.Advance(TimeSpan.FromDays(6));
        using var city = app.Client(user: "demo-city");
        using var replier = app.Client(user: "demo-department"); // signed in anew: a week on, the first session has expired
        var notice = await SendAsync(city, HttpMethod.Post, url + "/notices", new { requirement = "请尽快办结" }, Tag(version + 1));
        Assert.Equal(HttpStatusCode.Created, notice.StatusCode);
        var noticeRead = await replier.GetAsync(url + "/notices/1", ct);
        Assert.True(noticeRead.IsSuccessStatusCode, $"{(int)noticeRead.StatusCode} {await noticeRead.Content.ReadAsStringAsync(ct)}");
        var noticeTag = noticeRead.Headers.ETag!.Tag;
        Assert.Equal(Tag((int)(await noticeRead.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!), noticeTag);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(replier, HttpMethod.Post, url + "/notices/1/reply", new { reply = "泵站已开工" }, noticeTag)).StatusCode);
        var staleReply = await SendAsync(replier, HttpMethod.Post, url + "/notices/1/reply", new { reply = "另一份反馈" }, noticeTag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleReply.StatusCode);
        Assert.StartsWith("该督办单已被他人（demo-department）", (string)(await KeystoneApp.ProblemAsync(staleReply))["detail"]!, StringComparison.Ordinal);
        await using (var db = app.NewContext())
        {
            Assert.Equal("泵站已开工", (await db.SupervisionNotices.SingleAsync(n => n.Problem!.Number == number, ct)).ReplyText);
        }

        // Without a version, a step applies as before.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(replier, HttpMethod.Post, url + "/answer", new { answer = "已协调" }, null)).StatusCode);
    }

    private static string Tag(int version) => $"\"{version}\"";

    private static JsonNode Permit(JsonObject sheet) => sheet["procedures"]!.AsArray().Single(p => (string)p!["name"]! == "施工许可")!;

    private static async Task<ProjectFactors> SheetAsync(KeystoneApp app)
    {
        await using var db = app.NewContext();
        return await db.ProjectFactors.AsNoTracking().Include(f => f.Funds).Include(f => f.Emissions)
            .SingleOrDefaultAsync(f => f.Project!.Code == Code, TestContext.Current.CancellationToken) ?? new ProjectFactors(0);
    }
}
