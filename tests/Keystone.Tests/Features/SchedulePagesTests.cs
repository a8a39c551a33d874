using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Schedule;
using Keystone.Testing;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>
/// The project schedule page (/projects/{code}/schedule) and the battle map (/battle-map) as HTML and data:
/// what the engine computes is what they show, the forms change the plan or refuse and keep it, and every
/// answer stays within the caller's scope. The demo as of 2024-04-10; the scheduled project is seed 002's.
/// </summary>
public partial class SchedulePagesTests
{
    private const string Code = DemoData.ScheduledProject;
    private static readonly string Page = $"/projects/{Code}/schedule";
    private static readonly DateOnly DemoDay = DateOnly.FromDateTime(TestDatabase.DemoDay.Date);

    private static string Q(string s) => Uri.EscapeDataString(s);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static SchedulePlanFile.Plan DemoPlan => SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(DemoData.SchedulePlan), "demo");

    /// <summary>The activity rows of the page's table: id → its data attributes.</summary>
    private static Dictionary<string, Dictionary<string, string>> Rows(string html) =>
        ActivityRow().Matches(html).ToDictionary(
            m => m.Groups["id"].Value,
            m => Attribute().Matches(m.Value).ToDictionary(a => a.Groups["name"].Value, a => a.Groups["value"].Value));

    [GeneratedRegex("<tr data-activity=\"(?<id>[^\"]+)\"[^>]*>")]
    private static partial Regex ActivityRow();

    [GeneratedRegex("data-(?<name>[a-z-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();

    private static async Task<string> StoredPlanAsync(KeystoneApp app, string code = Code)
    {
        await using var db = app.NewContext();
        return await db.Schedules.Where(s => s.Project!.Code == code).Select(s => s.PlanJson).SingleAsync();
    }

    /// <summary>An activity form's fields for the activity as it stands, with changes.</summary>
    private static List<(string, string)> Fields(ScheduleActivity a, int? duration = null, IEnumerable<(string Id, string Type, string Lag)>? links = null)
    {
        var fields = new List<(string, string)>
        {
            ("id", a.Id), ("name", a.Name), ("duration", (duration ?? a.Duration).ToString(CultureInfo.InvariantCulture)),
            ("due", a.Due is { } due ? Iso(due) : ""), ("actualStart", a.ActualStart is { } s ? Iso(s) : ""),
            ("actualFinish", a.ActualFinish is { } f ? Iso(f) : ""), ("responsible", a.Responsible ?? ""),
        };
        foreach (var (id, type, lag) in links ?? a.After.Select(p => (p.Id, p.Type.Code(), p.Lag.ToString(CultureInfo.InvariantCulture))))
        {
            fields.Add(("after-id", id));
            fields.Add(("after-type", type));
            fields.Add(("after-lag", lag));
        }

        return fields;
    }

    [Theory]
    [DatabaseData]
    public async Task SchedulePage_ShowsTheCriticalPathAndTheFloats_TheEngineComputes(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsync(Page);
        Assert.Equal(HttpStatusCode.OK, status);

        var plan = DemoPlan;
        var expected = Scheduler.Compute(plan.Activities, plan.Start, plan.Deadline, DemoDay);
        var rows = Rows(html);
        Assert.Equal(expected.Activities.Select(a => a.Id), rows.Keys);
        foreach (var a in expected.Activities)
        {
            var row = rows[a.Id];
            Assert.Equal(a.Critical ? "true" : "false", row["critical"]);
            Assert.Equal(a.Late ? "true" : "false", row["late"]);
            Assert.Equal(a.TotalFloat.ToString(CultureInfo.InvariantCulture), row["total-float"]);
            Assert.Equal(a.FreeFloat.ToString(CultureInfo.InvariantCulture), row["free-float"]);
            Assert.Equal((Iso(a.EarlyStart), Iso(a.EarlyFinish), Iso(a.LateStart), Iso(a.LateFinish)), (row["early-start"], row["early-finish"], row["late-start"], row["late-finish"]));
        }

        Assert.Contains(expected.Activities, a => a.Critical);
        Assert.Contains(expected.Activities, a => !a.Critical && a.TotalFloat > 0);
        Assert.Contains($"data-date=\"{Iso(expected.Finish)}\"", html);
        Assert.Contains("关键线路：</strong>" + string.Join(" → ", expected.Critical.OrderBy(a => a.EarlyStart).ThenBy(a => a.EarlyFinish).Select(a => a.Id)), html);
        // The Gantt: a critical bar for each critical activity, a float tail for each with float, today and the deadline.
        Assert.Equal(expected.Critical.Count(), Regex.Matches(html, "<g class=\"ks-g-row ks-g-critical").Count);
        Assert.Equal(expected.Activities.Count(a => a.TotalFloat > 0), Regex.Matches(html, "class=\"ks-g-float\"").Count);
        Assert.Contains("id=\"gantt-today\"", html);
        Assert.Contains("id=\"gantt-deadline\"", html);
        Assert.Contains("工期目标 11月30日", html);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);

        // English: the same numbers, other words.
        var (_, english) = await app.PageAsync(Page, "en-US");
        Assert.Contains("Critical path: </strong>", english);
        Assert.Equal(rows.Keys, Rows(english).Keys);
    }

    [Theory]
    [DatabaseData]
    public async Task SchedulePage_MarksLateWorkRed_AsOfALaterDate(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var plan = DemoPlan;
        var asOf = new DateOnly(2024, 12, 5);
        var expected = Scheduler.Compute(plan.Activities, plan.Start, plan.Deadline, asOf);
        var (_, html) = await app.PageAsync(Page + "?asOf=2024-12-05");
        var rows = Rows(html);
        Assert.NotEmpty(expected.Late);
        foreach (var a in expected.Activities)
        {
            Assert.Equal(a.Late ? "true" : "false", rows[a.Id]["late"]);
        }

        Assert.Matches("<tr data-activity=\"M1\"[^>]*class=\"table-danger\"", html);
        Assert.Contains("data-node=\"完成主体结构\" data-light=\"red\"", html);
    }

    [Theory]
    [DatabaseData]
    public async Task EditingADuration_MovesTheFinish_AsTheEngineSays(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var plan = DemoPlan;
        var e = plan.Activities.Single(a => a.Id == "E");
        var response = await app.SubmitAsync(Page + "?edit=E", "activity", Fields(e, duration: 150));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("saved=E", response.Headers.Location!.OriginalString);

        var changed = plan with { Activities = plan.Activities.Select(a => a.Id == "E" ? a with { Duration = 150 } : a).ToList() };
        var expected = Scheduler.Compute(changed.Activities, changed.Start, changed.Deadline, DemoDay);
        var before = Scheduler.Compute(plan.Activities, plan.Start, plan.Deadline, DemoDay);
        Assert.NotEqual(before.Finish, expected.Finish);
        var (_, html) = await app.PageAsync(Page + "?saved=E");
        Assert.Contains("id=\"schedule-saved\"", html);
        Assert.Contains($"data-date=\"{Iso(expected.Finish)}\"", html);
        var stored = SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(await StoredPlanAsync(app)), "stored");
        Assert.Equal(150, stored.Activities.Single(a => a.Id == "E").Duration);

        // A link with a negative lag and another type, through the same form.
        var d = plan.Activities.Single(a => a.Id == "D");
        response = await app.SubmitAsync(Page + "?edit=D", "activity", Fields(d, links: [("B", "SS", "-5"), ("C", "FF", "3"), ("", "FS", "0")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        stored = SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(await StoredPlanAsync(app)), "stored");
        Assert.Equal(
            [new Predecessor("B", LinkType.StartToStart, -5), new Predecessor("C", LinkType.FinishToFinish, 3)],
            stored.Activities.Single(a => a.Id == "D").After);

        // Added, then removed again.
        response = await app.SubmitAsync(Page, "add", [("id", "G"), ("name", "室外工程"), ("duration", "20"), ("after-id", "F"), ("after-type", "FS"), ("after-lag", "2")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("\"G\"", await StoredPlanAsync(app));
        response = await app.SubmitAsync(Page + "?edit=G", "remove", [("id", "G")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("\"G\"", await StoredPlanAsync(app));
    }

    [Theory]
    [DatabaseData]
    public async Task ACycleOrAnUnknownId_IsRefusedBesideTheLinks_NamingTheActivities_AndNothingIsSaved(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var before = await StoredPlanAsync(app);
        var a = DemoPlan.Activities.Single(x => x.Id == "A");

        // A after M1: A → B → D → M1 → A.
        var response = await app.SubmitAsync(Page + "?edit=A", "activity", Fields(a, links: [("M1", "FS", "0")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var error = Regex.Match(html, "id=\"edit-after-error\">([^<]*)<").Groups[1].Value;
        Assert.Contains("循环依赖", error);
        foreach (var id in new[] { "A", "B", "D", "M1" })
        {
            Assert.Contains(id, error);
        }

        Assert.Contains("value=\"M1\"", html); // what was typed comes back
        Assert.Equal(before, await StoredPlanAsync(app));

        response = await app.SubmitAsync(Page + "?edit=A", "activity", Fields(a, links: [("Z9", "FS", "0")]));
        html = await response.Content.ReadAsStringAsync();
        Assert.Contains("工作“A”的前置工作“Z9”不存在", html);
        Assert.Equal(before, await StoredPlanAsync(app));

        // A typo stays beside its field, in English too.
        response = await app.SubmitAsync(Page + "?edit=A", "activity", Fields(a, links: [("B", "XX", "0")]));
        html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"edit-after-0-error\"", html);
        Assert.Contains("搭接类型“XX”无效", html);
        var fields = Fields(a, duration: -3);
        response = await app.SubmitAsync(Page + "?edit=A&culture=en-US", "activity", fields);
        html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"edit-duration-error\"", html);
        Assert.Contains("must be a whole number of days", html);

        // Removing what others come after is refused, naming them.
        var b = await app.SubmitAsync(Page + "?edit=B", "remove", [("id", "B")]);
        Assert.Contains("工作“D”以“B”为前置工作", await b.Content.ReadAsStringAsync());
        Assert.Equal(before, await StoredPlanAsync(app));
    }

    [Theory]
    [DatabaseData]
    public async Task ANonOfficer_SeesTheScheduleReadOnly_AndCannotChangeIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        // The reporter's own project, given a plan by the zone.
        var plan = JsonNode.Parse("""{"start": "2024-04-01", "deadline": "2024-10-31", "activities": [{"id": "A", "name": "基础", "duration": 30}, {"id": "B", "name": "主体", "duration": 60, "after": ["A"]}, {"id": "M", "name": "封顶", "duration": 0, "after": ["B"], "due": "2024-07-31"}]}""")!;
        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/schedule", plan, user: "demo-zone")).StatusCode);
        const string page = "/projects/YQGX-2024-001/schedule";

        var (status, html) = await app.PageAsAsync("demo-enterprise", page);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<tr data-activity=\"B\"", html);
        Assert.DoesNotContain("name=\"_handler\"", html);
        Assert.DoesNotContain("data-edit=", html);

        var before = await StoredPlanAsync(app, "YQGX-2024-001");
        var response = await app.SubmitAsync(page, "activity", [("id", "A"), ("duration", "90")], user: "demo-enterprise");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("您没有修改工期计划的权限", await response.Content.ReadAsStringAsync());
        response = await app.SubmitAsync(page, "add", [("id", "X"), ("duration", "5")], user: "demo-enterprise");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await StoredPlanAsync(app, "YQGX-2024-001"));

        // The zone's officer may.
        var (_, zone) = await app.PageAsAsync("demo-zone", page);
        Assert.Contains("data-edit=\"A\"", zone);
        response = await app.SubmitAsync(page + "?edit=A", "activity", [("id", "A"), ("name", "基础"), ("duration", "40")], user: "demo-zone");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task AnotherZonesProject_IsNotFound(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        // 长治高新区's project, asked for by 阳泉高新区.
        var (status, html) = await app.PageAsAsync("demo-zone", Page);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains($"找不到项目“{Code}”", html);
        Assert.DoesNotContain("完成主体结构", html);
        using var client = app.Client(user: "demo-zone");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/projects/{Code}/schedule/import/{Guid.NewGuid()}/errors.xlsx?start=2024-03-01")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task ANodePlan_IsImportedOnThePage_OrRefusedWithEveryProblemAndTheMarkedUpFile(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var before = await StoredPlanAsync(app);
        var plan = new TestLedger { Headers = ["编号", "节点名称", "工期（天）", "前置工作", "计划完成时间"] };
        plan.Title("长治高新区智能高端装备制造产业三期节点计划表");
        plan.Row("1", "基础", "30", "", "").Row("2", "主体", "很多天", "1", "").Row("3", "封顶", "0", "2 FS+2", "2024年7月底").Row("4", "装修", "20", "9", "");
        var dates = new[] { ("start", "2024-04-01"), ("deadline", "2024-10-31") };

        var refused = await app.SubmitAsync(Page, "import", dates, file: ("节点计划.xlsx", plan.ToXlsx()));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-problems\"", html);
        Assert.Contains("工期（天）", html);
        Assert.Contains("未作任何更改", html);
        Assert.Equal(before, await StoredPlanAsync(app));
        var link = WebUtility.HtmlDecode(Regex.Match(html, "id=\"import-errors-download\" href=\"([^\"]+)\"").Groups[1].Value);
        using (var client = app.Client())
        {
            var marked = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
            Assert.Equal(Keystone.Features.Ledger.LedgerApi.XlsxType, marked.Content.Headers.ContentType!.MediaType);
        }

        // The bad rows mended (row 4 names a predecessor that does not exist: the whole file is still refused).
        plan.Rows[1][2] = "60";
        refused = await app.SubmitAsync(Page, "import", dates, file: ("节点计划.xlsx", plan.ToXlsx()));
        Assert.Contains("不存在", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, await StoredPlanAsync(app));

        plan.Rows[3][3] = "3";
        var imported = await app.SubmitAsync(Page, "import", dates, file: ("节点计划.xlsx", plan.ToXlsx()));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("imported=4", imported.Headers.Location!.OriginalString);
        var stored = SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(await StoredPlanAsync(app)), "stored");
        Assert.Equal(["1", "2", "3", "4"], stored.Activities.Select(a => a.Id));
        Assert.Equal(new DateOnly(2024, 7, 31), stored.Activities[2].Due);
        Assert.Equal(new DateOnly(2024, 10, 31), stored.Deadline);
    }

    [Theory]
    [DatabaseData]
    public async Task ProjectPage_ShowsTheNextNodes_WithTheirLights_AndLinksTheSchedule(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (_, html) = await app.PageAsync($"/projects/{Code}");
        Assert.Contains($"href=\"/projects/{Code}/schedule\"", html);
        Assert.Contains("data-node=\"完成主体结构\" data-light=\"green\"", html);
        Assert.Contains("工期目标2024年11月30日", html);

        var (_, other) = await app.PageAsync("/projects/YQGX-2024-001");
        Assert.Contains("id=\"no-schedule\"", other);

        // Four days before the node (a fresh app: a token outlives no seven months).
        await using var later = await KeystoneApp.StartAsync(provider);
        later.Clock.SetUtcNow(new DateTimeOffset(2024, 11, 26, 9, 0, 0, TimeSpan.FromHours(8)));
        // The demo's reports stop in March, so the desk opens at 2024-03-31 (its data date) until asked for today.
        (_, html) = await later.PageAsync($"/projects/{Code}");
        Assert.Contains("data-node=\"完成主体结构\" data-light=\"green\"", html);
        (_, html) = await later.PageAsync($"/projects/{Code}?asOf=2024-11-26");
        Assert.Contains("data-node=\"完成主体结构\" data-light=\"yellow\"", html);
        Assert.Contains("还有4天到期", html);
        Assert.Contains("id=\"project-light\"", html); // the project's light counts its node
    }

    [Theory]
    [DatabaseData]
    public async Task ANodeForecastPastItsDueDate_ShowsNegativeFloat_LateAndRed_InTheApiThePageTheLightsAndTheMap(DbProvider provider)
    {
        // The node: due 1 September, forecast 16 September (主体 takes 200 days from 1 March), deadline
        // 30 November. Counted from the deadline alone it had +45 days; its own date gives it −15, and it is
        // late on 1 June, three months before that date.
        await using var app = await KeystoneApp.StartAsync(provider);
        const string code = "YQGX-2024-001";
        var plan = JsonNode.Parse("""{"start": "2024-03-01", "deadline": "2024-11-30", "activities": [{"id": "A", "name": "主体施工", "duration": 200}, {"id": "B", "name": "主体封顶", "duration": 0, "after": ["A"], "due": "2024-09-01"}, {"id": "C", "name": "装饰装修", "duration": 30, "after": ["B"]}]}""")!;
        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, $"/api/projects/{code}/schedule", plan, user: "demo-zone")).StatusCode);

        var answer = await app.GetJsonAsync($"/api/projects/{code}/schedule?asOf=2024-06-01", user: "demo-zone");
        var node = answer["activities"]!.AsArray().Single(a => (string)a!["id"]! == "B")!;
        Assert.Equal((-15, true, 15, "2024-09-01"), ((int)node["totalFloat"]!, (bool)node["late"]!, (int)node["daysPastDue"]!, (string)node["lateFinish"]!));
        Assert.Equal(-15, (int)answer["activities"]![0]!["totalFloat"]!); // 主体 must finish by the node's date too
        Assert.True((bool)answer["meetsDeadline"]!);
        var light = Assert.Single(answer["lights"]!.AsArray())!;
        Assert.Equal("red", (string)light["light"]!);
        Assert.Contains("预计2024年9月16日完成，将逾期15天", (string)light["reasons"]![0]!);

        var lights = (await app.GetJsonAsync("/api/lights?scope=" + Q("阳泉高新区") + "&asOf=2024-06-01"))["items"]!.AsArray();
        Assert.Contains(lights.Single(l => (string)l!["code"]! == code)!["reasons"]!.AsArray(), r => (string)r!["rule"]! == "milestoneOverdue");

        var (_, html) = await app.PageAsync($"/projects/{code}/schedule?asOf=2024-06-01");
        var row = Rows(html)["B"];
        Assert.Equal(("-15", "true"), (row["total-float"], row["late"]));
        Assert.Matches("<tr data-activity=\"B\"[^>]*class=\"table-danger\"", html);
        Assert.Contains("data-node=\"主体封顶\" data-light=\"red\"", html);
        Assert.Contains("预计逾期15天", html);

        var map = await MapAsync(app, "scope=" + Q("阳泉高新区") + "&asOf=2024-06-01");
        var mapNode = map["rows"]!.AsArray().Single(r => (string)r!["code"]! == code)!["nodes"]!.AsArray().Single()!.AsArray();
        Assert.Equal(("主体封顶", "red"), ((string)mapNode[2]!, (string)mapNode[1]!));
    }

    private static async Task<JsonObject> MapAsync(KeystoneApp app, string query, string user = KeystoneApp.Admin) =>
        await app.GetJsonAsync("/battle-map/data?" + query, user: user);

    private static List<string> MapCodes(JsonObject map) => map["rows"]!.AsArray().Select(r => (string)r!["code"]!).ToList();

    [Theory]
    [DatabaseData]
    public async Task BattleMap_ShowsTheScopesProjects_GroupedByUnitOrLevel(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var map = await MapAsync(app, "scope=" + Q("阳泉市") + "&asOf=2024-04-10");
        await using var db = app.NewContext();
        var tree = await db.LoadTreeAsync(CancellationToken.None);
        var city = tree.Resolve("阳泉市");
        var units = tree.Subtree(city.Id);
        var expected = await db.AnnualPlans.Where(p => p.Year == 2024 && units.Contains(p.Project!.OrgUnitId)).Select(p => p.Project!.Code).ToListAsync();
        Assert.Equal(expected.Order(StringComparer.Ordinal), MapCodes(map).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, (int)map["total"]!);
        var groups = map["groups"]!.AsArray().Select(g => (string)g!["name"]!).ToList();
        Assert.Contains("阳泉高新区", groups);
        Assert.Equal(expected.Count, map["groups"]!.AsArray().Sum(g => (int)g!["count"]!));
        // Rows come group by group.
        var order = map["rows"]!.AsArray().Select(r => (int)r!["group"]!).ToList();
        Assert.Equal(order.Order(), order);

        var byLevel = await MapAsync(app, "scope=" + Q("阳泉高新区") + "&group=level&asOf=2024-04-10");
        var levels = byLevel["groups"]!.AsArray().Select(g => (string)g!["name"]!).ToList();
        Assert.Equal("省级重点", levels[0]);
        Assert.Equal(levels.Distinct(), levels);
        Assert.Equal(12, (int)byLevel["groups"]![0]!["count"]!); // the ledger's 12 provincial key projects

        var (status, html) = await app.PageAsync("/battle-map?scope=" + Q("阳泉高新区") + "&group=level");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-total=\"65\"", html);
        Assert.Contains("<tr data-group=\"省级重点\"", html);
        Assert.Contains("<option value=\"level\" selected", html);
        Assert.Contains("data-src=\"/battle-map/data?scope=", html);
        Assert.Matches("<script src=\"[^\"]*js/battle-map[^\"]*js\"", html);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
    }

    [Theory]
    [DatabaseData]
    public async Task BattleMap_Filters_ByLevelLightAndName_FromTheUrl(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var scope = "scope=" + Q("阳泉高新区") + "&asOf=2024-04-10";
        Assert.Equal(12, (int)(await MapAsync(app, scope + "&level=provincial"))["total"]!);
        var searched = await MapAsync(app, "q=" + Q("太重") + "&asOf=2024-04-10");
        Assert.Equal(["太重中大型工程起重机智能制造项目"], searched["rows"]!.AsArray().Select(r => (string)r!["name"]!));

        // A light is the light /api/lights gives, nodes included.
        var lights = (await app.GetJsonAsync("/api/lights?" + scope + "&all=true"))["items"]!.AsArray();
        foreach (var light in new[] { "red", "yellow", "green" })
        {
            var codes = lights.Where(l => (string)l!["light"]! == light).Select(l => (string)l!["code"]!).Order(StringComparer.Ordinal).ToList();
            var map = await MapAsync(app, scope + "&light=" + light);
            Assert.Equal(codes, MapCodes(map).Order(StringComparer.Ordinal));
            Assert.All(map["rows"]!.AsArray(), r => Assert.Equal(light, (string)r!["light"]!));
        }

        var lit = await MapAsync(app, scope + "&light=lit");
        Assert.Equal(lights.Count(l => (string)l!["light"]! != "green"), (int)lit["total"]!);

        var (status, html) = await app.PageAsync("/battle-map?level=imperial");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("项目级别“imperial”无效", html);
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/battle-map/data?group=colour")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task BattleMap_ColoursEachNodeByItsLight_AsTheDateNears(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        foreach (var (asOf, light) in new[] { ("2024-04-10", "green"), ("2024-11-25", "yellow"), ("2024-12-05", "red") })
        {
            var map = await MapAsync(app, "scope=" + Q("长治高新区") + "&asOf=" + asOf);
            var row = map["rows"]!.AsArray().Single(r => (string)r!["code"]! == Code)!;
            var node = row["nodes"]!.AsArray().Single()!.AsArray();
            Assert.Equal(("完成主体结构", light), ((string)node[2]!, (string)node[1]!));
            Assert.Equal(new DateOnly(2024, 11, 30), DateOnly.Parse((string)map["from"]!, CultureInfo.InvariantCulture).AddDays((int)node[0]!));
            Assert.True((bool)row["scheduled"]!);
            Assert.Equal(1, (int)map["nodes"]![light]!);
        }

        // The bar runs from the plan's start to its forecast finish; the deadline is marked.
        var plan = DemoPlan;
        var computed = Scheduler.Compute(plan.Activities, plan.Start, plan.Deadline, DemoDay);
        var demo = await MapAsync(app, "scope=" + Q("长治高新区") + "&asOf=2024-04-10");
        var from = DateOnly.Parse((string)demo["from"]!, CultureInfo.InvariantCulture);
        var bar = demo["rows"]!.AsArray().Single(r => (string)r!["code"]! == Code)!;
        Assert.Equal(plan.Start, from.AddDays((int)bar["start"]!));
        Assert.Equal(computed.Finish, from.AddDays((int)bar["end"]!));
        Assert.Equal(plan.Deadline, from.AddDays((int)bar["deadline"]!));
    }

    [Theory]
    [DatabaseData]
    public async Task BattleMap_NeverShowsASiblingUnitsProjects(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        // 阳泉高新区's officer: its own zone by default, never 长治高新区's, not even by asking.
        var own = await MapAsync(app, "asOf=2024-04-10", user: "demo-zone");
        Assert.Equal(65, (int)own["total"]!);
        Assert.DoesNotContain(Code, MapCodes(own));
        Assert.All(own["groups"]!.AsArray(), g => Assert.Equal("阳泉高新区", (string)g!["name"]!));
        using var client = app.Client(user: "demo-zone");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/battle-map/data?scope=" + Q("长治高新区"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/battle-map/data?scope=" + Q("山西省"))).StatusCode);
        var (status, html) = await app.PageAsAsync("demo-zone", "/battle-map?scope=" + Q("长治高新区"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("找不到单位“长治高新区”", html);
        var (_, page) = await app.PageAsAsync("demo-zone", "/battle-map");
        Assert.DoesNotContain("长治", page);

        // A reporter sees its enterprise's projects only; a department no project list at all.
        var reporter = await MapAsync(app, "asOf=2024-04-10", user: "demo-enterprise");
        Assert.Equal(["YQGX-2024-001"], MapCodes(reporter));
        Assert.Equal(0, (int)(await MapAsync(app, "asOf=2024-04-10", user: "demo-department"))["total"]!);

        // Signed out: nothing but the way to sign in.
        using var anonymous = app.AnonymousClient();
        var signedOut = await anonymous.GetAsync("/battle-map/data");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/login", signedOut.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task BattleMap_OfAGeneratedProvinceScope_CountsEveryBar()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        await using (var db = app.NewContext())
        {
            await GeneratedScope.AddAsync(db, 300, zones: 3);
        }

        var map = await MapAsync(app, "scope=" + Q(GeneratedScope.City) + "&asOf=2024-04-10");
        Assert.Equal(300, (int)map["total"]!);
        Assert.Equal([GeneratedScope.Zone(0), GeneratedScope.Zone(1), GeneratedScope.Zone(2)], map["groups"]!.AsArray().Select(g => (string)g!["name"]!).Order(StringComparer.Ordinal));
        var nodes = map["nodes"]!;
        Assert.True((int)nodes["red"]! > 0 && (int)nodes["yellow"]! > 0 && (int)nodes["green"]! > 0, nodes.ToJsonString());
        Assert.Equal(600, (int)nodes["red"]! + (int)nodes["yellow"]! + (int)nodes["green"]!);
        Assert.All(map["rows"]!.AsArray(), r => Assert.True((int)r!["start"]! <= (int)r["end"]!));
    }
}
