using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Documents;
using Keystone.Core.Lights;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class ProblemsApiTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    private const string LandBureau = "阳泉高新区自然资源分局"; // demo-department's department

    /// <summary>Raises a problem on the demo reporter's project (YQGX-2024-001) as <paramref name="user"/>; returns its number.</summary>
    private static async Task<string> RaiseAsync(KeystoneApp app, string? department = null, string deadline = "2024-04-19", string user = "demo-zone", string code = "YQGX-2024-001")
    {
        var response = await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new
        {
            projectCode = code,
            title = "仓库消防水源接入",
            category = "要素",
            deadline,
            department,
            detail = "市政管网压力不足，须新建加压泵站",
        }, user: user);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var number = (string)body["problem"]!["number"]!;
        Assert.Equal($"/api/problems/{number}", response.Headers.Location!.OriginalString);
        return number;
    }

    private static async Task<HttpResponseMessage> PostAsync(KeystoneApp app, string url, object body, string user, string language = "zh-CN") =>
        await app.SendJsonAsync(HttpMethod.Post, url, body, language, user);

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static IEnumerable<string> Numbers(JsonObject list) => list["items"]!.AsArray().Select(i => (string)i!["number"]!);

    [Theory]
    [DatabaseData]
    public async Task Raise_TakesTheContract_AndTheListPutsTheOverdueFirst(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var number = await RaiseAsync(app, department: LandBureau);
        Assert.Equal("P2024-0024", number); // after the demo's 23: its desk's, its visits', its meetings' decisions and the May inspection's instructions

        var open = await app.GetJsonAsync($"/api/problems?scope={Q("阳泉高新区")}&status=open", user: "demo-zone");
        Assert.Equal(13, (int)open["total"]!); // 4 of the demo's desk problems, the 3 of its visits and 5 of its meetings' decisions are open
        Assert.Equal(["P2024-0003", "P2024-0002"], Numbers(open).Take(2)); // 7, then 4 working days overdue
        var mine = open["items"]!.AsArray().Single(i => (string)i!["number"]! == number)!;
        Assert.Equal("assigned", (string)mine["status"]!);
        Assert.Equal("办理中", (string)mine["statusName"]!);
        Assert.Equal("factors", (string)mine["category"]!);
        Assert.Equal("YQGX-2024-001", (string)mine["projectCode"]!);
        Assert.Equal(LandBureau, (string)mine["department"]!);
        Assert.Equal("2024-04-19", (string)mine["deadline"]!);
        Assert.False((bool)mine["overdue"]!);
        Assert.Equal("green", (string)mine["light"]!);

        var overdue = await app.GetJsonAsync($"/api/problems?scope={Q("阳泉高新区")}&status=overdue", user: "demo-zone");
        Assert.Equal(["P2024-0003", "P2024-0002"], Numbers(overdue));
        var first = overdue["items"]![0]!;
        Assert.Equal("red", (string)first["light"]!);
        Assert.Equal("阳泉市", (string)first["escalatedTo"]!);
        Assert.Equal(7, (int)first["overdueDays"]!); // 4-1 to 4-3, 4-7 (a Sunday worked for 清明), 4-8 to 4-10
        Assert.Equal("问题“设备调试期技术工人缺口约120人”限2024年3月29日前办结，已逾期7个工作日，已提级至阳泉市督办", (string)first["reasons"]![0]!);

        var closed = await app.GetJsonAsync($"/api/problems?scope={Q("阳泉高新区")}&status=closed", user: "demo-zone");
        Assert.Equal(["P2024-0001", "P2024-0009", "P2024-0010"], Numbers(closed).Order()); // and two of February's decisions
        Assert.Equal(16, (int)(await app.GetJsonAsync("/api/problems", user: "demo-zone"))["total"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task Raise_RefusesBadInput_NamingEveryField_InEitherLanguage(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var zh = await PostAsync(app, "/api/problems", new { projectCode = "NO-SUCH-1", category = "天气", deadline = "2024-04-01" }, "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        var errors = (await KeystoneApp.ProblemAsync(zh))["errors"]!.AsObject();
        Assert.Equal(["category", "projectCode", "title"], errors.Select(e => e.Key).Order());
        Assert.Contains("问题类别“天气”无效", (string)errors["category"]![0]!);

        var past = await PostAsync(app, "/api/problems", new { projectCode = "YQGX-2024-001", title = "标题", category = "land", deadline = "2024-04-01" }, "demo-zone", "en-US");
        var problem = await KeystoneApp.ProblemAsync(past);
        Assert.Contains("is before the day the problem is raised", (string)problem["errors"]!["deadline"]![0]!);

        var visit = await PostAsync(app, "/api/problems", new { projectCode = "YQGX-2024-001", title = "标题", category = "land", deadline = "2024-04-19", source = new { kind = "visit", visitor = "张明" } }, "demo-zone");
        Assert.Equal(["source.met", "source.visitedOn"], (await KeystoneApp.ProblemAsync(visit))["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(15, (int)(await app.GetJsonAsync("/api/problems", user: "demo-zone"))["total"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task ALeadersInstruction_And_AnEnterprisesOwnProblem_AreRaisedWithWhatTheyNeed(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var instruction = await OkAsync(await PostAsync(app, "/api/problems", new
        {
            projectCode = "YQGX-2024-002",
            title = "加快推动项目投产达效",
            category = "other",
            deadline = "2024-04-30",
            department = "阳泉高新区经济发展局",
            source = new { kind = "调研交办", leader = "市委书记", inspectedOn = "2024-04-09", words = "紧抓施工黄金期，强化统筹调度，推动项目尽快投产达效" },
        }, "demo-city"));
        Assert.Equal("inspection", (string)instruction["origin"]!["kind"]!);
        Assert.Equal("调研交办", (string)instruction["origin"]!["kindName"]!);
        Assert.Equal("紧抓施工黄金期，强化统筹调度，推动项目尽快投产达效", (string)instruction["origin"]!["words"]!);

        // A reporter raises on its own enterprise, from its monthly report, and may not route it.
        var own = await OkAsync(await PostAsync(app, "/api/problems", new { enterprise = "91140300CBPRNJHCCN", title = "员工通勤班车线路", category = "用工", deadline = "2024-04-30" }, "demo-enterprise"));
        Assert.Equal("report", (string)own["origin"]!["kind"]!);
        Assert.Equal("2024-04", (string)own["origin"]!["period"]!);
        Assert.Null(own["problem"]!["projectCode"]);
        Assert.Equal("阳泉高新区", (string)own["problem"]!["unit"]!);
        var routed = await PostAsync(app, "/api/problems", new { projectCode = "YQGX-2024-001", title = "x", category = "用工", deadline = "2024-04-30", department = LandBureau }, "demo-enterprise");
        Assert.Equal("department", (await KeystoneApp.ProblemAsync(routed))["errors"]!.AsObject().Single().Key);
        var elsewhere = await PostAsync(app, "/api/problems", new { projectCode = "YQGX-2024-002", title = "x", category = "用工", deadline = "2024-04-30" }, "demo-enterprise");
        Assert.Contains("找不到项目", (string)(await KeystoneApp.ProblemAsync(elsewhere))["errors"]!["projectCode"]![0]!);
    }

    [Theory]
    [DatabaseData]
    public async Task EachStep_IsTakenByWhoseTurnItIs_AndIllegalOnesAreRefused(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var number = await RaiseAsync(app);
        var url = $"/api/problems/{number}";

        // Not yet assigned: the department does not see it; a reporter cannot route it.
        using (var department = app.Client(user: "demo-department"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(app, url + "/assign", new { department = LandBureau }, "demo-enterprise")).StatusCode);
        var early = await PostAsync(app, url + "/close", new { satisfaction = "满意" }, "demo-zone");
        Assert.Contains("当前为“待交办”，不能办结", (string)(await KeystoneApp.ProblemAsync(early))["errors"]!["status"]![0]!);

        var assigned = await OkAsync(await PostAsync(app, url + "/assign", new { department = LandBureau, deadline = "2024-04-17" }, "demo-zone"));
        Assert.Equal("assigned", (string)assigned["problem"]!["status"]!);

        // Now it is in the department's inbox, and only there.
        var inbox = await app.GetJsonAsync("/api/problems?status=open", user: "demo-department");
        Assert.Equal([number, "P2024-0002"], Numbers(inbox).Order().Reverse());
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(app, url + "/answer", new { answer = "x" }, "demo-enterprise")).StatusCode);
        var answered = await OkAsync(await PostAsync(app, url + "/answer", new { answer = "已协调供水公司新建加压泵站" }, "demo-department"));
        Assert.Equal("answered", (string)answered["problem"]!["status"]!);
        Assert.Equal("已协调供水公司新建加压泵站", (string)answered["answer"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(app, url + "/answer", new { answer = "再答一次" }, "demo-department")).StatusCode);

        // The raiser's enterprise returns it, it is answered again, and closed with the raiser's satisfaction.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(app, url + "/return", new { reason = "x" }, "demo-department")).StatusCode);
        var returned = await OkAsync(await PostAsync(app, url + "/return", new { reason = "未明确完工时间" }, "demo-enterprise"));
        Assert.Equal("returned", (string)returned["problem"]!["status"]!);
        await OkAsync(await PostAsync(app, url + "/answer", new { answer = "泵站4月30日前建成" }, "demo-department"));
        var badSatisfaction = await PostAsync(app, url + "/close", new { satisfaction = "还行" }, "demo-enterprise");
        Assert.Equal("satisfaction", (await KeystoneApp.ProblemAsync(badSatisfaction))["errors"]!.AsObject().Single().Key);
        var closed = await OkAsync(await PostAsync(app, url + "/close", new { satisfaction = "basicallySatisfied", comment = "盼按期建成" }, "demo-enterprise"));
        Assert.Equal("closed", (string)closed["problem"]!["status"]!);
        Assert.Equal("basicallySatisfied", (string)closed["satisfaction"]!);
        Assert.Equal(
            ["raised", "assigned", "answered", "returned", "answered", "closed"],
            closed["steps"]!.AsArray().Select(s => (string)s!["kind"]!));
        Assert.Equal("demo-enterprise", (string)closed["steps"]![5]!["by"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(app, url + "/return", new { reason = "x" }, "demo-enterprise")).StatusCode);

        // Closed, it has left the department's inbox of open problems.
        Assert.DoesNotContain(number, Numbers(await app.GetJsonAsync("/api/problems?status=open", user: "demo-department")));
    }

    [Theory]
    [DatabaseData]
    public async Task AnOverdueProblem_EscalatesToTheCity_AsDaysPass_AndIsSupervisedWithANumberedNotice(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var number = await RaiseAsync(app, department: LandBureau, deadline: "2024-04-12"); // raised Wednesday 10 April
        var cityOverdue = $"/api/problems?scope={Q("阳泉市")}&status=overdue";
        Assert.DoesNotContain(number, Numbers(await app.GetJsonAsync(cityOverdue, user: "demo-city")));
        var refused = await PostAsync(app, $"/api/problems/{number}/notices", new { }, "demo-city");
        Assert.Contains("尚未逾期", (string)(await KeystoneApp.ProblemAsync(refused))["detail"]!);

        app.Clock.Advance(TimeSpan.FromDays(3)); // Saturday 13th: one day late
        var saturday = (await app.GetJsonAsync(cityOverdue, user: "demo-city"))["items"]!.AsArray().Single(i => (string)i!["number"]! == number)!;
        Assert.Equal(1, (int)saturday["overdueDays"]!);
        Assert.Equal("阳泉市", (string)saturday["escalatedTo"]!);
        Assert.Equal("red", (string)saturday["light"]!);

        app.Clock.Advance(TimeSpan.FromDays(3)); // Tuesday 16th: two working days late
        var tuesday = (await app.GetJsonAsync(cityOverdue, user: "demo-city"))["items"]!.AsArray().Single(i => (string)i!["number"]! == number)!;
        Assert.Equal(2, (int)tuesday["overdueDays"]!);
        Assert.Equal("answer", (string)tuesday["late"]!);

        // The city supervises it; the notice is numbered in the city's series and addressed to the department.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(app, $"/api/problems/{number}/notices", new { }, "demo-department")).StatusCode);
        var issued = await PostAsync(app, $"/api/problems/{number}/notices", new { requirement = "请于4月19日前办结并书面反馈" }, "demo-city");
        var notice = await OkAsync(issued);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal("阳泉市督〔2024〕1号", (string)notice["reference"]!);
        Assert.Equal(LandBureau, (string)notice["addressee"]!);
        Assert.Equal("2024-04-12", (string)notice["deadline"]!);
        Assert.Equal(2, (int)notice["overdueDays"]!);
        Assert.Equal("2024-04-23", (string)notice["replyBy"]!); // five working days

        using var client = app.Client(user: "demo-department");
        var docx = await client.GetAsync((string)notice["document"]!);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(doc));
        }

        var text = BriefingDocx.ReadText(new MemoryStream(bytes));
        Assert.Equal("阳泉市督〔2024〕1号", text.DocumentNumber);
        Assert.Equal(LandBureau, text.Addressee);
        Assert.Contains("办理时限为2024年4月12日", text.Paragraphs[0]);
        Assert.Contains("“仓库消防水源接入”", text.Paragraphs[0]);
        Assert.Contains("督办要求：请于4月19日前办结并书面反馈。", text.Paragraphs);

        // Its own reply, once.
        var reply = await OkAsync(await PostAsync(app, $"/api/problems/{number}/notices/1/reply", new { reply = "泵站已开工，4月19日前完成" }, "demo-department"));
        Assert.Equal("泵站已开工，4月19日前完成", (string)reply["reply"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(app, $"/api/problems/{number}/notices/1/reply", new { reply = "again" }, "demo-department")).StatusCode);
        var thread = await app.GetJsonAsync($"/api/problems/{number}", user: "demo-zone");
        Assert.Equal(["raised", "assigned", "noticeIssued", "noticeReplied"], thread["steps"]!.AsArray().Select(s => (string)s!["kind"]!));
        Assert.Equal(1, (int)thread["problem"]!["notices"]!);

        // The same day's list, read as of the day it was raised, shows it on time.
        var then = await app.GetJsonAsync($"/api/problems?scope={Q("阳泉市")}&asOf=2024-04-10&status=overdue", user: "demo-city");
        Assert.DoesNotContain(number, Numbers(then));
    }

    [Theory]
    [DatabaseData]
    public async Task Problems_AreScopedLikeEverythingElse(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var guxian = await OkAsync(await PostAsync(app, "/api/problems", new { projectCode = "GX-2024-002", title = "蒸汽管网接入", category = "要素", deadline = "2024-04-30" }, KeystoneApp.Admin));
        var number = (string)guxian["problem"]!["number"]!;
        foreach (var user in new[] { "demo-city", "demo-zone", "demo-department", "demo-enterprise" })
        {
            using var client = app.Client(user: user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/problems/{number}")).StatusCode);
            Assert.DoesNotContain(number, Numbers(await app.GetJsonAsync("/api/problems", user: user)));
        }

        using (var city = app.Client(user: "demo-city"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await city.GetAsync($"/api/problems?scope={Q("古县经济技术开发区")}")).StatusCode);
        }

        Assert.Contains(number, Numbers(await app.GetJsonAsync($"/api/problems?scope={Q("临汾市")}")));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(app, $"/api/problems/{number}/assign", new { department = "古县发改局" }, "demo-zone")).StatusCode);

        // The reporter sees its enterprise's problems only; the department those assigned to it.
        Assert.Equal(["P2024-0002", "P2024-0006"], Numbers(await app.GetJsonAsync("/api/problems", user: "demo-enterprise"))); // 0006: raised on a visit to it
        Assert.Equal(["P2024-0002"], Numbers(await app.GetJsonAsync("/api/problems", user: "demo-department")));
        Assert.Equal(16, (int)(await app.GetJsonAsync("/api/problems")).AsObject()["total"]!); // the inspection of 5 May is not yet raised on the demo's day

        var departments = await app.GetJsonAsync($"/api/problems/departments?scope={Q("阳泉高新区")}", user: "demo-zone");
        var land = departments["items"]!.AsArray().Single(d => (string)d!["name"]! == LandBureau)!;
        Assert.Equal(1, (int)land["open"]!);
        Assert.Equal(1, (int)land["overdue"]!);
        using var department = app.Client(user: "demo-department");
        Assert.Equal(HttpStatusCode.Forbidden, (await department.GetAsync("/api/problems/departments")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task TheBriefing_NamesTheOverdueProblems_AndTheFactorGaps(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var briefing = await app.GetJsonAsync($"/api/briefings?scope={Q("阳泉高新区")}&year=2024", user: "demo-zone");
        var sections = briefing["sections"]!.AsArray();
        var problems = (string)sections.Single(s => (string)s!["kind"]! == "problems")!["text"]!;
        Assert.StartsWith("问题督办方面，", problems);
        Assert.Contains("其中逾期2个，已提级至阳泉市督办，发出督办单1份。逾期问题：", problems);
        Assert.Contains("“配套主干道用地征收未完成”（阳泉高新区自然资源分局，限4月3日前办结，已逾期4个工作日）", problems);
        Assert.Contains("要素保障方面，2个项目存在用地缺口，共420亩", (string)briefing["text"]!);
        Assert.Equal(2, (int)briefing["problems"]!["overdue"]!);
        Assert.Equal(420m, (decimal)briefing["factors"]!["landGapMu"]!);

        // A week on, the problem raised on 8 April and never routed has joined them.
        app.Clock.Advance(TimeSpan.FromDays(7));
        var later = await app.GetJsonAsync($"/api/briefings?scope={Q("阳泉市")}&year=2024", user: "demo-city");
        Assert.Contains("其中逾期4个", (string)later["text"]!);
        Assert.Contains("“电源端”光伏用地手续”（尚未交办，应于4月10日前交办", (string)later["text"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task ServiceLevels_AreSetPerUnit_WithTheLightRules(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        app.Clock.Advance(TimeSpan.FromDays(1)); // Thursday 11 April: the 8 April visit's problem is one day late to be routed
        var late = await app.GetJsonAsync($"/api/problems?scope={Q("阳泉高新区")}&status=overdue", user: "demo-zone");
        Assert.Contains("P2024-0005", Numbers(late));

        var rules = await app.GetJsonAsync($"/api/lights/rules?unit={Q("阳泉高新区")}", user: "demo-zone");
        Assert.Equal(2, (int)rules["rules"]!["problemRouteDays"]!);
        Assert.Equal(5, (int)rules["rules"]!["problemAnswerDays"]!);
        var put = await app.SendJsonAsync(HttpMethod.Put, $"/api/lights/rules?unit={Q("阳泉高新区")}", new { problemRouteDays = 3, problemAnswerDays = 10 }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.DoesNotContain("P2024-0005", Numbers(await app.GetJsonAsync($"/api/problems?scope={Q("阳泉高新区")}&status=overdue", user: "demo-zone")));

        // Routed without a deadline, it keeps its own while that is still ahead.
        var assigned = await OkAsync(await PostAsync(app, "/api/problems/P2024-0005/assign", new { department = LandBureau }, "demo-zone"));
        Assert.Equal("2024-04-19", (string)assigned["problem"]!["deadline"]!); // its own deadline is still ahead
        var bad = await app.SendJsonAsync(HttpMethod.Put, $"/api/lights/rules?unit={Q("阳泉高新区")}", new { problemAnswerDays = 0 }, user: "demo-zone");
        Assert.Equal("problemAnswerDays", (await KeystoneApp.ProblemAsync(bad))["errors"]!.AsObject().Single().Key);
    }

    [Theory]
    [DatabaseData]
    public async Task AProblemsHistory_IsInTheAuditLog_WithItsNotices(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await OkAsync(await PostAsync(app, "/api/problems/P2024-0002/answer", new { answer = "征收协议已签订" }, "demo-department"));
        var log = await app.GetJsonAsync("/api/audit?entity=problem&id=P2024-0002", user: "demo-zone");
        var entries = log["items"]!.AsArray().Select(e => ((string)e!["entity"]!, (string)e["action"]!, (string)e["actor"]!)).ToList();
        Assert.Equal(("problem", "answered", "demo-department"), entries[0]);
        Assert.Contains(("notice", "created", "system"), entries);
        Assert.Contains(("problem", "assigned", "system"), entries);
        using var reporter = app.Client(user: "demo-enterprise");
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync("/api/audit?entity=problem&id=P2024-0003")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync("/api/audit?entity=problem&id=P2024-0002")).StatusCode);
        using var department = app.Client(user: "demo-department");
        Assert.Equal(HttpStatusCode.NotFound, (await department.GetAsync("/api/audit?entity=problem&id=P2024-0003")).StatusCode);
    }
}
