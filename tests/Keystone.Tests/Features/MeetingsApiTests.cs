using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Documents;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

public class MeetingsApiTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Theory]
    [DatabaseData]
    public async Task AMeetingsDecision_IsAProblemOfTheLoop_AndThePackReadsTheMeetingsDay(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);

        // The demo's March meeting: its decisions judged today (the demo's day), the previous one's on its day.
        var list = await app.GetJsonAsync($"/api/meetings?scope={Q("阳泉高新区")}&kind={Q("调度会")}", user: "demo-zone");
        Assert.Equal(2, (int)list["total"]!);
        var marchId = (int)list["items"]![0]!["id"]!;
        var march = await app.GetJsonAsync($"/api/meetings/{marchId}", user: "demo-zone");
        Assert.Equal("阳泉高新区2024年3月重点项目建设调度会", (string)march["title"]!);
        Assert.Equal("dispatch", (string)march["kind"]!);
        Assert.Equal(3, march["agenda"]!.AsArray().Count);
        Assert.Equal("上次调度会交办事项4项，已办结2项，逾期1项。", (string)march["previous"]!["sentence"]!);
        Assert.Equal(3, (int)march["tally"]!["total"]!);

        // A new decision, addressed to a department, about an agenda project: a problem routed at once.
        var created = await app.SendJsonAsync(HttpMethod.Post, $"/api/meetings/{marchId}/decisions", new
        {
            text = "智慧信创教育产品项目4月底前完成备案",
            department = "阳泉高新区经济发展局",
            deadline = "2024-04-30",
            projectCode = "YQGX-2024-026",
            category = "手续",
        }, user: "demo-zone");
        var decision = await OkAsync(created);
        var number = (string)decision["problem"]!["number"]!;
        Assert.Equal($"/api/problems/{number}", created.Headers.Location!.OriginalString);
        Assert.Equal(4, (int)decision["sequence"]!);
        Assert.Equal("办理中", (string)decision["statusText"]!);
        var problem = await app.GetJsonAsync($"/api/problems/{number}", user: "demo-zone");
        Assert.Equal("meeting", (string)problem["origin"]!["kind"]!);
        Assert.Equal("会议交办", (string)problem["origin"]!["kindName"]!);
        Assert.Equal("阳泉高新区2024年3月重点项目建设调度会", (string)problem["origin"]!["meeting"]!);
        Assert.Equal("2024-03-29", (string)problem["origin"]!["meetingOn"]!);
        Assert.Equal("YQGX-2024-026", (string)problem["problem"]!["projectCode"]!);

        // The loop answers and closes it; the meeting's page tells it.
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/problems/{number}/answer", new { answer = "已完成备案" }, user: "demo-zone"));
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/problems/{number}/close", new { satisfaction = "满意" }, user: "demo-zone"));
        march = await app.GetJsonAsync($"/api/meetings/{marchId}", user: "demo-zone");
        Assert.Equal("已办结", (string)march["decisions"]![3]!["statusText"]!);
        Assert.Equal(1, (int)march["tally"]!["closed"]!);

        // The pack: a .docx as of the meeting's day.
        var pack = await app.Client(user: "demo-zone").GetAsync($"/api/meetings/{marchId}/pack");
        Assert.Equal(HttpStatusCode.OK, pack.StatusCode);
        var text = BriefingDocx.ReadText(await pack.Content.ReadAsStreamAsync());
        Assert.Equal("阳泉高新区2024年3月重点项目建设调度会会议材料", text.Title);
        Assert.Contains("本材料数据截至2024年3月29日。", text.Paragraphs);
        Assert.Contains("2024年2月27日召开的阳泉高新区2024年2月重点项目建设调度会。上次调度会交办事项4项，已办结2项，逾期1项。", text.Paragraphs);
    }

    [Theory]
    [DatabaseData]
    public async Task Meetings_AreHeldWithinTheCallersScope_AndRefuseWhatCannotBe(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var held = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/meetings", new
        {
            scope = "阳泉高新区",
            kind = "看述评",
            date = "2024-04-08",
            chair = "管委会主任",
            agenda = new object[] { new { project = "YQGX-2024-001" }, new { unit = "阳泉高新区", note = "一季度述评" } },
        }, user: "demo-zone"));
        Assert.Equal("阳泉高新区2024年一季度重点项目建设“看述评”工作会", (string)held["title"]!);
        var id = (int)held["id"]!;

        // A decision to the zone as a whole waits for the zone to route it.
        var toZone = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/meetings/{id}/decisions", new { text = "高新区要压实项目包联责任", unit = "阳泉高新区", deadline = "2024-04-30", category = "其他" }, user: "demo-zone"));
        Assert.Equal("open", (string)toZone["problem"]!["status"]!);
        Assert.Equal("阳泉高新区", (string)toZone["responsible"]!);

        var nobody = await app.SendJsonAsync(HttpMethod.Post, $"/api/meetings/{id}/decisions", new { text = "x", deadline = "2024-04-30", category = "其他" }, user: "demo-zone");
        Assert.Equal("department", (await KeystoneApp.ProblemAsync(nobody))["errors"]!.AsObject().Single().Key);

        // A decision names its problem's category: none given is refused, not filed under 其他, and nothing is recorded.
        var uncategorised = await app.SendJsonAsync(HttpMethod.Post, $"/api/meetings/{id}/decisions", new { text = "未分类的议定事项", department = "阳泉高新区经济发展局", deadline = "2024-04-30" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, uncategorised.StatusCode);
        var refusal = (await KeystoneApp.ProblemAsync(uncategorised))["errors"]!.AsObject().Single();
        Assert.Equal("category", refusal.Key);
        Assert.Equal("请选择问题类别", (string)refusal.Value!.AsArray().Single()!);
        await using (var db = app.NewContext())
        {
            Assert.False(await db.Problems.AnyAsync(p => p.Title == "未分类的议定事项", TestContext.Current.CancellationToken));
        }

        var badKind = await app.SendJsonAsync(HttpMethod.Post, "/api/meetings", new { scope = "阳泉高新区", kind = "茶话会", date = "2024-04-08", chair = "x" }, user: "demo-zone");
        Assert.Equal(["kind"], (await KeystoneApp.ProblemAsync(badKind))["errors"]!.AsObject().Select(e => e.Key));

        // Decisions come from meetings only, not as a problem's source.
        var direct = await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { projectCode = "YQGX-2024-001", title = "x", category = "其他", deadline = "2024-04-30", source = new { kind = "meeting" } }, user: "demo-zone");
        Assert.Equal("source.kind", (await KeystoneApp.ProblemAsync(direct))["errors"]!.AsObject().Single().Key);

        // The city sees its zone's meeting; the zone does not see the city's; a department officer holds no meetings.
        Assert.Equal(HttpStatusCode.OK, (await app.Client(user: "demo-city").GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(user: "demo-department").GetAsync($"/api/meetings/{id}")).StatusCode);
        var city = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/meetings", new { kind = "经济运行分析会", date = "2024-04-09", chair = "市长", agenda = new[] { new { unit = "阳泉高新区" } } }, user: "demo-city"));
        Assert.Equal("阳泉市2024年一季度经济运行分析会", (string)city["title"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(user: "demo-zone").GetAsync($"/api/meetings/{(int)city["id"]!}")).StatusCode);
        var outside = await app.SendJsonAsync(HttpMethod.Post, "/api/meetings", new { scope = "阳泉市", kind = "调度会", date = "2024-04-09", chair = "x" }, user: "demo-zone");
        Assert.Equal("scope", (await KeystoneApp.ProblemAsync(outside))["errors"]!.AsObject().Single().Key);
    }

    [Theory]
    [DatabaseData]
    public async Task Seed003sInspection_ListsItsStopsAndInstructions_AndItsMinutes(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        app.Clock.SetUtcNow(new DateTimeOffset(2024, 8, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        var list = await app.GetJsonAsync($"/api/inspections?scope={Q("大同市")}");
        var item = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal(6, (int)item["stops"]!);
        // Read on the day after (asOf), as the page is; without it, as of 大同市's data date, before the inspection.
        var detail = await app.GetJsonAsync($"/api/inspections/{(int)item["id"]!}?asOf=2024-08-01");
        Assert.Equal("调研交办事项8项，已办结6项，逾期2项。", (string)detail["sentence"]!);
        Assert.Equal("2024-08-01", (string)detail["asOf"]!);
        var first = detail["stops"]![0]!;
        Assert.Equal("新荣区", (string)first["unit"]!);
        Assert.Equal("unit", (string)first["instructions"]![0]!["to"]!);
        Assert.Equal("新荣区", (string)first["instructions"]![0]!["addressee"]!);
        Assert.Equal("已组织锐华与省内充电运营企业对接，签订供货意向3份", (string)first["instructions"]![0]!["reply"]!);
        Assert.Equal("contractor", (string)detail["stops"]![3]!["instructions"]![0]!["to"]!);

        var minutes = await app.Client().GetAsync($"/api/inspections/{(int)item["id"]!}/minutes");
        var text = BriefingDocx.ReadText(await minutes.Content.ReadAsStreamAsync());
        Assert.Equal("卢东亮在新荣区云州区调研重点工程项目纪要", text.Title);
        Assert.Equal("截至2024年8月1日，调研交办事项8项，已办结6项，逾期2项。", text.Paragraphs[^1]);

        // A new inspection with one stop and an instruction to a department, recorded in one request.
        var recorded = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/inspections", new
        {
            scope = "大同市",
            date = "2024-07-30",
            leader = "卢东亮",
            stops = new[]
            {
                new
                {
                    project = "2304-140215-04-01-220304",
                    reported = "冷链仓储主体完工",
                    instructions = new[] { new { to = "department", addressee = "大同市商务局", words = "要做好业态布局，打通供销渠道", deadline = "2024-08-30", category = "物流" } },
                },
            },
        }));
        Assert.Equal("assigned", (string)recorded["stops"]![0]!["instructions"]![0]!["problem"]!["status"]!);
        Assert.Equal("调研交办事项1项，已办结0项，无逾期事项。", (string)recorded["sentence"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(user: "demo-zone").GetAsync($"/api/inspections/{(int)item["id"]!}")).StatusCode);

        // An instruction without its category refuses the whole request: no inspection, stop or problem is left half-recorded.
        var before = (await app.GetJsonAsync($"/api/inspections?scope={Q("大同市")}"))["items"]!.AsArray().Count;
        var refused = await app.SendJsonAsync(HttpMethod.Post, "/api/inspections", new
        {
            scope = "大同市",
            date = "2024-07-31",
            leader = "卢东亮",
            stops = new[]
            {
                new
                {
                    project = "2304-140215-04-01-220304",
                    reported = "冷链仓储设备安装",
                    instructions = new[] { new { to = "department", addressee = "大同市商务局", words = "未分类的交办事项", deadline = "2024-08-30" } },
                },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("category", (await KeystoneApp.ProblemAsync(refused))["errors"]!.AsObject().Single().Key);
        Assert.Equal(before, (await app.GetJsonAsync($"/api/inspections?scope={Q("大同市")}"))["items"]!.AsArray().Count);
        await using var db = app.NewContext();
        Assert.False(await db.Problems.AnyAsync(p => p.Title.Contains("未分类的交办事项"), TestContext.Current.CancellationToken));
    }
}
