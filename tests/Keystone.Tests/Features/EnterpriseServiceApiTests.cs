using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>
/// The service around enterprises over HTTP: the register's import, 包联, visits whose problems enter the
/// problem loop, coverage, the cultivation pool and the monthly figures' review.
/// </summary>
public class EnterpriseServiceApiTests
{
    private const string ZoneUscc = "91140300CBPRNJHCCN"; // 阳泉高新区's; demo-enterprise reports for it
    private const string GuxianUscc = "91141000BFR805D5AL";

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static byte[] RegisterFile(params object?[][] rows)
    {
        var file = new TestLedger { Sheet = "企业库", Headers = ["统一社会信用代码", "企业名称", "行业代码", "是否规上", "上年营业收入（万元）", "包联干部", "包联单位"] };
        foreach (var row in rows)
        {
            file.Row(row);
        }

        return file.ToXlsx();
    }

    [Theory]
    [DatabaseData]
    public async Task Import_OverHttp_IsAllOrNothing_AndTheMarkedUpCopyCanBeAskedFor(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var client = app.Client(user: "demo-zone");
        var bad = RegisterFile([ZoneUscc, "阳泉东区智慧有限公司", "C3311", "是", "1200", "demo-zone", "经发局"], ["123", "坏公司", "", "", "", "", ""]);
        var refused = await client.PostAsync("/api/enterprises/import", LedgerApiTests.Form(bad, "企业库.xlsx"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await KeystoneApp.ProblemAsync(refused);
        Assert.Equal(3, (int)problem["report"]!["problems"]![0]!["row"]!);
        var copy = await client.PostAsync("/api/enterprises/import", LedgerApiTests.Form(bad, "企业库.xlsx", ("errors", "true")));
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal(LedgerApiTestsXlsx, copy.Content.Headers.ContentType!.MediaType);

        var good = RegisterFile([ZoneUscc, "阳泉东区智慧有限公司", "C3311", "是", "1200", "demo-zone", "经发局"]);
        var report = await OkAsync(await client.PostAsync("/api/enterprises/import", LedgerApiTests.Form(good, "企业库.xlsx")));
        Assert.Equal(1, (int)report["updated"]!);
        var again = await OkAsync(await client.PostAsync("/api/enterprises/import", LedgerApiTests.Form(good, "企业库.xlsx")));
        Assert.Equal(1, (int)again["unchanged"]!);

        var record = await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone");
        Assert.Equal("C3311", (string)record["profile"]!["industryCode"]!);
        Assert.Equal(1200m, (decimal)record["profile"]!["lastYearRevenue"]!);

        var export = await client.GetAsync("/api/enterprises/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var exported = LedgerSource.FromBytes(await export.Content.ReadAsByteArrayAsync(), "x.xlsx", LedgerLimits.Default);
        Assert.Contains(exported.Rows("企业库"), r => r.TextAt(0) == ZoneUscc && r.TextAt(3) == "C3311");
    }

    private const string LedgerApiTestsXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static byte[] FiguresFile(params object?[][] rows)
    {
        var file = new TestLedger { Sheet = "企业数据", Headers = ["统一社会信用代码", "企业名称", "营业收入（万元）", "从业人员"] };
        foreach (var row in rows)
        {
            file.Row(row);
        }

        return file.ToXlsx();
    }

    [Theory]
    [DatabaseData]
    public async Task FiguresImport_OverHttp_RefusesABadMonthAndABadFileWhole_ThenStoresTheMonthApprovedAs统计局(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var client = app.Client(user: "demo-zone");
        async Task<int> NovemberCount() => (await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}/months", user: "demo-zone"))["items"]!.AsArray().Count(m => (string)m!["period"]! == "2023-11");

        // A month that is no month: 400, in both languages, naming the field.
        var good = FiguresFile([ZoneUscc, "", 210, 12]);
        var badMonth = await client.PostAsync("/api/enterprises/figures/import", LedgerApiTests.Form(good, "统计局.xlsx", ("period", "2023-13")));
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Contains("period", await badMonth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A negative amount (row 2; row 1 is the header), an unknown credit code (row 3) and the same enterprise twice (rows 4 and 5):
        // 422 naming each row and column, and nothing stored, not even the good row.
        var unknown = "91140300MA0F00099" + Core.Uscc.CheckCharacter("91140300MA0F00099");
        var bad = FiguresFile([ZoneUscc, "", -5, 12], [unknown, "丙公司", 10, 1], [ZoneUscc, "", 20, 2], [ZoneUscc, "", 30, 3]);
        var refused = await client.PostAsync("/api/enterprises/figures/import", LedgerApiTests.Form(bad, "统计局.xlsx", ("period", "2023-11")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problems = (await KeystoneApp.ProblemAsync(refused))["report"]!["problems"]!.AsArray()
            .Select(p => ((int)p!["row"]!, (string?)p["column"], (string)p["reason"]!)).ToList();
        Assert.Contains(problems, p => p.Item1 == 2 && p.Item2 == "营业收入（万元）" && p.Item3.Contains("负数", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 3 && p.Item2 == "统一社会信用代码" && p.Item3.Contains(unknown, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Item1 == 5 && p.Item2 == "统一社会信用代码" && p.Item3.Contains("第4行", StringComparison.Ordinal));
        var english = await app.Client("en-US", "demo-zone").PostAsync("/api/enterprises/figures/import", LedgerApiTests.Form(bad, "统计局.xlsx", ("period", "2023-11")));
        Assert.Contains("Cannot be negative", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await NovemberCount());

        var report = await OkAsync(await client.PostAsync("/api/enterprises/figures/import", LedgerApiTests.Form(good, "统计局.xlsx", ("period", "2023-11"))));
        Assert.Equal(("2023-11", "option", 1, 0), ((string)report["period"]!, (string)report["periodSource"]!, (int)report["new"]!, (int)report["replaced"]!));
        var november = (await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}/months", user: "demo-zone"))["items"]!.AsArray().Single(m => (string)m!["period"]! == "2023-11")!;
        Assert.Equal((210m, 12, "approved", "统计局"), ((decimal)november["revenue"]!, (int)november["employees"]!, ((string)november["status"]!).ToLowerInvariant(), (string)november["source"]!));

        // A reporter may not import the office's figures, not even its own enterprise's.
        var reporter = await app.Client(user: "demo-enterprise").PostAsync("/api/enterprises/figures/import", LedgerApiTests.Form(good, "统计局.xlsx", ("period", "2023-10")));
        Assert.False(reporter.IsSuccessStatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task AVisit_RaisesItsProblemsInTheLoop_AndCountsTowardItsOfficersCoverage(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await OkAsync(await app.SendJsonAsync(HttpMethod.Put, $"/api/enterprises/{ZoneUscc}/liaison", new { userName = "demo-zone", department = "经发局" }, user: "demo-zone"));

        var before = await app.GetJsonAsync("/api/visits?month=2024-04", user: "demo-zone");
        var officer = before["coverage"]!["officers"]!.AsArray().Single(o => (string)o!["officer"]! == "demo-zone")!;
        var assigned = (int)officer["assigned"]!;
        Assert.Equal(0, (int)officer["visited"]!); // the demo's visits are March's
        Assert.Contains(officer["unvisited"]!.AsArray(), u => (string)u!["uscc"]! == ZoneUscc);

        // A visit with no problem is still a visit ("无事不扰").
        var quiet = await app.SendJsonAsync(HttpMethod.Post, "/api/visits", new { uscc = ZoneUscc, visitedOn = "2024-04-02", met = "张总", topics = "了解生产经营情况" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, quiet.StatusCode);
        Assert.Empty((await quiet.Content.ReadFromJsonAsync<JsonObject>())!["problems"]!.AsArray());

        var visit = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/visits", new
        {
            uscc = ZoneUscc,
            visitedOn = "2024-04-08",
            met = "张总（总经理）",
            topics = "用工、物流",
            problems = new[] { new { title = "企业招工难，需对接人社部门", category = "用工", deadline = "2024-04-30", department = "人社局" } },
        }, user: "demo-zone"));
        var number = (string)visit["problems"]![0]!;
        var raised = await app.GetJsonAsync($"/api/problems/{number}", user: "demo-zone");
        Assert.Equal("visit", (string)raised["origin"]!["kind"]!);
        Assert.Equal("张总（总经理）", (string)raised["origin"]!["met"]!);

        var after = await app.GetJsonAsync("/api/visits?month=2024-04", user: "demo-zone");
        var covered = after["coverage"]!["officers"]!.AsArray().Single(o => (string)o!["officer"]! == "demo-zone")!;
        Assert.Equal((assigned, 1), ((int)covered["assigned"]!, (int)covered["visited"]!));
        Assert.DoesNotContain(covered["unvisited"]!.AsArray(), u => (string)u!["uscc"]! == ZoneUscc);
        Assert.Equal(2, after["visits"]!.AsArray().Count);

        // The province above sees them; a bad problem leaves no visit behind; another city's enterprise is not the zone's to visit.
        await using var db = app.NewContext();
        var province = await app.GetJsonAsync("/api/visits?month=2024-04", user: "demo-province");
        Assert.Equal(2, province["visits"]!.AsArray().Count);
        var badProblem = await app.SendJsonAsync(HttpMethod.Post, "/api/visits", new
        {
            uscc = ZoneUscc,
            visitedOn = "2024-04-09",
            met = "张总",
            problems = new[] { new { title = "", category = "用工", deadline = "2024-04-30" } },
        }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, badProblem.StatusCode);
        Assert.Equal(2, await db.EnterpriseVisits.CountAsync(v => v.VisitedOn >= new DateOnly(2024, 4, 1)));

        // A problem raised on a visit names its category: none is refused (no silent 用地), and the visit is not recorded.
        var uncategorised = await app.SendJsonAsync(HttpMethod.Post, "/api/visits", new
        {
            uscc = ZoneUscc,
            visitedOn = "2024-04-09",
            met = "张总",
            problems = new[] { new { title = "企业用电增容", category = "", deadline = "2024-04-30" } },
        }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, uncategorised.StatusCode);
        var error = (await KeystoneApp.ProblemAsync(uncategorised))["errors"]!.AsObject().Single();
        Assert.Equal(("problems[0].category", "请选择问题类别"), (error.Key, (string)error.Value!.AsArray().Single()!));
        Assert.Equal(2, await db.EnterpriseVisits.CountAsync(v => v.VisitedOn >= new DateOnly(2024, 4, 1)));
        var foreign = await app.SendJsonAsync(HttpMethod.Post, "/api/visits", new { uscc = GuxianUscc, visitedOn = "2024-04-02", met = "李总" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task MonthlyFigures_FromTheReporter_WaitForReview_AndFeedThePoolOnceApproved(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var added = await app.SendJsonAsync(HttpMethod.Post, "/api/enterprises/pool", new { uscc = ZoneUscc, sector = "工业", expectedMonth = "2024-12" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (int)(await added.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        foreach (var (month, revenue) in new[] { ("2024-01", 150m), ("2024-02", 180m), ("2024-03", 210m) })
        {
            var filed = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, $"/api/enterprises/{ZoneUscc}/months/{month}", new { revenue, output = revenue, employees = 80 }, user: "demo-enterprise"));
            Assert.Equal("submitted", (string)filed["status"]!);
        }

        // Pending figures do not count.
        var pending = await app.GetJsonAsync("/api/enterprises/pool?asOf=2024-03", user: "demo-zone");
        Assert.Equal(0m, (decimal)pending["items"]![0]!["yearToDate"]!);

        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/{ZoneUscc}/months/2024-01/approve", new { }, user: "demo-zone"));
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/{ZoneUscc}/months/2024-02/approve", new { }, user: "demo-zone"));
        var returned = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/{ZoneUscc}/months/2024-03/return", new { comment = "营收与税收不符，请核实" }, user: "demo-zone"));
        Assert.Equal("returned", (string)returned["status"]!);

        // 150 + 180 = 330 over 2 months → 1980万元 a year: short of 2000.
        var pool = (await app.GetJsonAsync("/api/enterprises/pool?asOf=2024-03", user: "demo-zone"))["items"]![0]!;
        Assert.Equal((330m, 1980m, false), ((decimal)pool["yearToDate"]!, (decimal)pool["projected"]!, (bool)pool["onTrack"]!));
        Assert.Equal("16.5%", (string)pool["share"]!);

        // The reporter may not change an approved month, nor see another enterprise's figures.
        var locked = await app.SendJsonAsync(HttpMethod.Put, $"/api/enterprises/{ZoneUscc}/months/2024-01", new { revenue = 999m }, user: "demo-enterprise");
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(user: "demo-enterprise").GetAsync($"/api/enterprises/{GuxianUscc}/months")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(user: "demo-enterprise").GetAsync("/api/visits")).StatusCode);

        // 入统: the candidate crosses; the enterprise is above-scale from that month.
        var entered = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/pool/{id}/enter", new { month = "2024-04" }, user: "demo-zone"));
        Assert.Equal("2024-04", (string)entered["enteredMonth"]!);
        var record = await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone");
        Assert.Equal((true, "2024-04"), ((bool)record["profile"]!["aboveScale"]!, (string)record["profile"]!["aboveScaleSince"]!));
    }

    [Theory]
    [DatabaseData]
    public async Task TheDemo_HasAnzesMinesAndPool_AndAMonthOfVisitsInTheZone(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var mines = await app.GetJsonAsync("/api/enterprises?scope=安泽经济技术开发区&aboveScale=true", user: "demo-province");
        Assert.Equal(["安泽县安鑫煤业有限公司", "安泽县玉华煤业有限公司", "安泽县玉和泰煤业有限公司"], mines["items"]!.AsArray().Select(i => (string)i!["name"]!).Order(StringComparer.Ordinal));
        var pool = await app.GetJsonAsync("/api/enterprises/pool?scope=安泽经济技术开发区&asOf=2024-03", user: "demo-province");
        var tongxiang = pool["items"]!.AsArray().Single(i => (string)i!["name"]! == "安泽县通祥洗煤有限公司")!;
        // 160 + 175 + 190 = 525万元 in three months → 2100万元 a year: on track for June.
        Assert.Equal((525m, 2100m, true), ((decimal)tongxiang["yearToDate"]!, (decimal)tongxiang["projected"]!, (bool)tongxiang["onTrack"]!));

        var march = await app.GetJsonAsync("/api/visits?month=2024-03", user: "demo-zone");
        Assert.Equal((8, 5, "62.5%"), ((int)march["coverage"]!["assigned"]!, (int)march["coverage"]!["visited"]!, (string)march["coverage"]!["rate"]!));
        Assert.Equal(5, march["visits"]!.AsArray().Count);
        Assert.Equal(3, march["visits"]!.AsArray().Count(v => v!["problems"]!.AsArray().Count > 0));
    }

    [Theory]
    [DatabaseData]
    public async Task TheRegisterList_FiltersByScaleLiaisonAndUnvisited_WithinTheCallersUnits(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await OkAsync(await app.SendJsonAsync(HttpMethod.Put, $"/api/enterprises/{ZoneUscc}/liaison", new { name = "赵六", department = "经发局" }, user: "demo-zone"));
        var zone = await app.GetJsonAsync("/api/enterprises?month=2024-04", user: "demo-zone");
        Assert.DoesNotContain(zone["items"]!.AsArray(), i => (string)i!["uscc"]! == GuxianUscc);
        var liaison = await app.GetJsonAsync("/api/enterprises?liaison=赵六", user: "demo-zone");
        Assert.Equal(ZoneUscc, (string)Assert.Single(liaison["items"]!.AsArray())!["uscc"]!);
        var unvisited = await app.GetJsonAsync("/api/enterprises?unvisited=true&month=2024-04", user: "demo-zone");
        Assert.Contains(unvisited["items"]!.AsArray(), i => (string)i!["uscc"]! == ZoneUscc);
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/visits", new { uscc = ZoneUscc, visitedOn = "2024-04-03", visitor = "赵六", met = "张总" }, user: "demo-zone"));
        unvisited = await app.GetJsonAsync("/api/enterprises?unvisited=true&month=2024-04", user: "demo-zone");
        Assert.DoesNotContain(unvisited["items"]!.AsArray(), i => (string)i!["uscc"]! == ZoneUscc);
        var coverage = await app.GetJsonAsync("/api/visits?month=2024-04&officer=赵六", user: "demo-zone");
        Assert.Equal("100%", (string)coverage["coverage"]!["officers"]![0]!["rate"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Put, $"/api/enterprises/{GuxianUscc}/liaison", new { name = "某人" }, user: "demo-zone")).StatusCode);
    }
}
