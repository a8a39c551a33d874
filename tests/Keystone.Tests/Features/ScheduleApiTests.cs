using System.Net;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class ScheduleApiTests
{
    private const string Code = DemoData.ScheduledProject;

    [Theory]
    [DatabaseData]
    public async Task TheDemoSchedule_ComputesTheCriticalPath_AndLightsTheNodeAsItsDateNears(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var early = await app.GetJsonAsync($"/api/projects/{Code}/schedule?asOf=2024-11-01");
        Assert.Equal("2024-11-30", (string)early["deadline"]!);
        var activities = early["activities"]!.AsArray();
        Assert.Equal(7, activities.Count);
        Assert.Contains(activities, a => (bool)a!["critical"]!);
        Assert.Equal("green", (string)Assert.Single(early["lights"]!.AsArray())!["light"]!); // due 30 November, a month away

        var near = await app.GetJsonAsync($"/api/projects/{Code}/schedule?asOf=2024-11-25");
        var light = Assert.Single(near["lights"]!.AsArray())!;
        Assert.Equal(("完成主体结构", "yellow"), ((string)light["name"]!, (string)light["light"]!));

        var past = await app.GetJsonAsync($"/api/projects/{Code}/schedule?asOf=2024-12-05");
        Assert.Equal("red", (string)past["lights"]![0]!["light"]!);
        var lights = (await app.GetJsonAsync("/api/lights?scope=" + Uri.EscapeDataString("长治高新区") + "&asOf=2024-12-05"))["items"]!.AsArray();
        Assert.Contains(lights.Single(l => (string)l!["code"]! == Code)!["reasons"]!.AsArray(), r => (string)r!["rule"]! == "milestoneOverdue");
    }

    [Theory]
    [DatabaseData]
    public async Task ASchedule_IsSavedInTheCliFormat_AndACycleIsRefusedNamingIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var plan = JsonNode.Parse("""{"start": "2024-04-01", "deadline": "2024-10-31", "activities": [{"id": "A", "name": "基础", "duration": 30}, {"id": "B", "name": "主体", "duration": 60, "after": ["A"]}, {"id": "C", "name": "封顶", "duration": 0, "after": ["B"], "due": "2024-07-31"}]}""")!;
        var saved = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/schedule", plan, user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var got = await app.GetJsonAsync("/api/projects/YQGX-2024-001/schedule?asOf=2024-06-01", user: "demo-zone");
        Assert.Equal("2024-06-29", (string)got["finish"]!); // 30 + 60 days from 1 April
        Assert.Equal("2024-07-31", (string)got["plan"]!["activities"]![2]!["due"]!);

        var cycle = JsonNode.Parse("""{"start": "2024-04-01", "activities": [{"id": "A", "duration": 3, "after": ["B"]}, {"id": "B", "duration": 2, "after": ["A"]}]}""")!;
        var refused = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/schedule", cycle, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var detail = (string)(await KeystoneApp.ProblemAsync(refused))["detail"]!;
        Assert.Contains("A", detail);
        Assert.Contains("B", detail);
        Assert.Equal("2024-06-29", (string)(await app.GetJsonAsync("/api/projects/YQGX-2024-001/schedule?asOf=2024-06-01", user: "demo-zone"))["finish"]!);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/schedule", plan, user: "demo-enterprise")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Put, "/api/projects/GX-2024-002/schedule", plan, user: "demo-zone")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task WorkItems_RollUpAsTheBriefingPrintsThem(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var items = new
        {
            items = new object[]
            {
                new { group = "A地块", name = "1号楼", stage = "封顶", done = true },
                new { group = "A地块", name = "2号楼", stage = "封顶", done = true },
                new { group = "A地块", name = "3号楼", stage = "主体", done = false },
            },
        };
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-002/work-items", items, user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await app.GetJsonAsync("/api/projects/YQGX-2024-002/work-items", user: "demo-zone"));
        Assert.Equal("A地块2栋楼完成封顶，1栋楼正在进行主体施工", (string)answer["text"]!);
        var briefing = await app.GetJsonAsync("/api/briefings?scope=" + Uri.EscapeDataString("阳泉高新区") + "&asOf=2024-04-10", user: "demo-zone");
        Assert.Contains("形象进度方面，太行世纪（阳泉）年产10GWh动力储能两用高端固态锂（钠）离子电池生产线项目A地块2栋楼完成封顶，1栋楼正在进行主体施工", (string)briefing["text"]!);

        var bad = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-002/work-items", new { items = new object[] { new { name = "4号楼", stage = "装修了" } } }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await KeystoneApp.ProblemAsync(bad))["errors"]!["items[0].stage"]);
    }

    [Theory]
    [DatabaseData]
    public async Task ANodePlan_IsImportedFromExcel_OrRefusedWithEveryProblem(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var plan = new TestLedger { Headers = ["编号", "节点名称", "工期（天）", "前置工作", "计划完成时间"] };
        plan.Row("1", "基础", "30", "", "").Row("2", "主体", "60", "1", "").Row("3", "封顶", "0", "2", "2024-07-31");
        using var client = app.Client(user: "demo-zone");
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(plan.ToXlsx()), "file", "节点计划.xlsx" }, { new StringContent("2024-04-01"), "start" } })
        {
            var response = await client.PostAsync("/api/projects/YQGX-2024-001/schedule/import", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("2024-06-29", (string)(await app.GetJsonAsync("/api/projects/YQGX-2024-001/schedule?asOf=2024-06-01", user: "demo-zone"))["finish"]!);

        plan.Row("4", "装修", "很多天", "3", "");
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(plan.ToXlsx()), "file", "节点计划.xlsx" }, { new StringContent("2024-04-01"), "start" } })
        {
            var response = await client.PostAsync("/api/projects/YQGX-2024-001/schedule/import", form);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = (await KeystoneApp.ProblemAsync(response))["problems"]!.AsArray().Single()!;
            Assert.Equal((5, "工期（天）"), ((int)problem["row"]!, (string)problem["column"]!)); // header on row 1, the fourth node on row 5
        }

        using (var form = new MultipartFormDataContent { { new ByteArrayContent(plan.ToXlsx()), "file", "节点计划.xlsx" }, { new StringContent("2024-04-01"), "start" }, { new StringContent("true"), "errors" } })
        {
            var marked = await client.PostAsync("/api/projects/YQGX-2024-001/schedule/import", form);
            Assert.Equal(Keystone.Features.Ledger.LedgerApi.XlsxType, marked.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(3, (await app.GetJsonAsync("/api/projects/YQGX-2024-001/schedule", user: "demo-zone"))["activities"]!.AsArray().Count);
    }
}
