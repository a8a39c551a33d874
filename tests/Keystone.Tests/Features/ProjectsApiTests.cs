using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class ProjectsApiTests
{
    [Theory]
    [DatabaseData]
    public async Task ANationalLookingCode_WithNoRealMonth_IsRefused(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var response = await app.SendJsonAsync(HttpMethod.Post, "/api/projects", KeystoneApp.NewProjectInput("2413-140300-04-01-563821"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2413-140300-04-01-563821", (await KeystoneApp.ProblemAsync(response))["errors"]!["code"]!.ToJsonString(), StringComparison.Ordinal);
        response = await app.SendJsonAsync(HttpMethod.Post, "/api/projects", KeystoneApp.NewProjectInput("2404-140300-04-01-999999"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task Units_ListTheDemoHierarchy_WithProjectCounts(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var units = await app.GetJsonAsync("/api/units");
        var items = units["items"]!.AsArray();
        Assert.Equal(items.Count, (int)units["total"]!);
        var zone = items.Single(u => (string)u!["name"]! == "阳泉高新区")!;
        Assert.Equal("zone", (string)zone["kind"]!);
        Assert.Equal("山西省/阳泉市/阳泉高新区", (string)zone["path"]!);
        Assert.Equal(65, (int)zone["projects"]!);
        var province = items.Single(u => (string)u!["kind"]! == "province")!;
        Assert.Equal(await app.CountProjectsAsync(), (int)province["projects"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task Projects_FilterByScopeLevelAndYear(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        Assert.Equal(65, (int)(await app.GetJsonAsync("/api/projects?scope=阳泉高新区"))["total"]!);
        Assert.Equal(65, (int)(await app.GetJsonAsync("/api/projects?scope=阳泉市&year=2024"))["total"]!);
        Assert.Equal(0, (int)(await app.GetJsonAsync("/api/projects?scope=阳泉市&year=2023"))["total"]!);
        Assert.Equal(12, (int)(await app.GetJsonAsync("/api/projects?scope=阳泉高新区&level=provincial"))["total"]!);
        Assert.Equal(16, (int)(await app.GetJsonAsync("/api/projects?scope=阳泉高新区&level=市级重点"))["total"]!);
        Assert.Equal(16, (int)(await app.GetJsonAsync("/api/projects?unit=古县经济技术开发区"))["total"]!);
        Assert.Equal(await app.CountProjectsAsync(), (int)(await app.GetJsonAsync("/api/projects?scope=山西省"))["total"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task Projects_PageOnTheServer_InCodeOrder(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var first = await app.GetJsonAsync("/api/projects?scope=阳泉高新区&pageSize=10&page=1&year=2024");
        var last = await app.GetJsonAsync("/api/projects?scope=阳泉高新区&pageSize=10&page=7&year=2024");
        Assert.Equal(65, (int)first["total"]!);
        Assert.Equal(10, first["items"]!.AsArray().Count);
        Assert.Equal(5, last["items"]!.AsArray().Count);
        Assert.Equal("YQGX-2024-001", (string)first["items"]![0]!["code"]!);
        Assert.Equal("YQGX-2024-065", (string)last["items"]![4]!["code"]!);
        var plan = first["items"]![0]!["plans"]![0]!;
        Assert.Equal(2024, (int)plan["year"]!);
        Assert.Equal("continuing", (string)plan["nature"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task Projects_SearchByNameOrCode(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var byName = await app.GetJsonAsync("/api/projects?q=" + Uri.EscapeDataString("太重"));
        Assert.Equal("2404-140100-04-01-102938", (string)byName["items"]![0]!["code"]!);
        var byCode = await app.GetJsonAsync("/api/projects?q=140471");
        Assert.Equal("长治高新区智能高端装备制造产业三期项目", (string)byCode["items"]![0]!["name"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task OneProject_ByCode_WithItsFactsAndPlans(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var p = await app.GetJsonAsync("/api/projects/2304-140471-04-01-318852");
        Assert.Equal("长治高新区", (string)p["unit"]!);
        Assert.Equal(29600m, (decimal)p["totalInvestment"]!);
        Assert.Equal(119.84m, (decimal)p["landAreaMu"]!);
        Assert.Equal(["municipal"], p["levels"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(15000m, (decimal)p["plans"]![0]!["plannedInvestment"]!);
        Assert.Equal("91140400A4LTDXE9K2", (string)p["enterprise"]!["uscc"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task UnknownProject_Is404_AsProblemDetails_InTheCallersLanguage(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var zh = app.Client("zh-CN");
        var response = await zh.GetAsync("/api/projects/NO-SUCH");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("找不到项目", (string)(await KeystoneApp.ProblemAsync(response))["detail"]!);

        using var en = app.Client("en-US");
        response = await en.GetAsync("/api/projects/NO-SUCH");
        Assert.Contains("No project", (string)(await KeystoneApp.ProblemAsync(response))["detail"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task CreateProject_ThenReadItBack(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var response = await app.SendJsonAsync(HttpMethod.Post, "/api/projects", KeystoneApp.NewProjectInput());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/projects/TEST-001", response.Headers.Location!.OriginalString);
        var p = await app.GetJsonAsync("/api/projects/TEST-001");
        Assert.Equal(["provincial", "municipal"], p["levels"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("industrial", (string)p["category"]!);
        Assert.Equal("underConstruction", (string)p["status"]!);
        Assert.Equal(119.84m, (decimal)p["landAreaMu"]!);
        Assert.Equal(66, (int)(await app.GetJsonAsync("/api/projects?scope=阳泉高新区"))["total"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task CreateProject_WithBadFields_NamesEachField_AndWritesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var before = await app.CountProjectsAsync();
        var input = KeystoneApp.NewProjectInput();
        input["name"] = "";
        input["totalInvestment"] = -5m;
        input["levels"] = new[] { "国家级" };
        input["enterprise"] = new { uscc = "91140300CBPRNJHCCM", name = "某公司" };
        input["unit"] = "不存在区";

        var response = await app.SendJsonAsync(HttpMethod.Post, "/api/projects", input);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await KeystoneApp.ProblemAsync(response);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(["enterprise.uscc", "levels", "name", "totalInvestment", "unit"], errors.Select(e => e.Key).Order());
        Assert.Contains("校验位", (string)errors["enterprise.uscc"]![0]!);
        Assert.Contains("未作任何更改", (string)problem["title"]!);
        Assert.Equal(before, await app.CountProjectsAsync());
        await using var db = app.NewContext();
        Assert.DoesNotContain(db.Enterprises, e => e.Name == "某公司");
    }

    [Theory]
    [DatabaseData]
    public async Task Errors_AreInEnglish_WhenAskedFor(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var input = KeystoneApp.NewProjectInput();
        input.Remove("totalInvestment");
        var response = await app.SendJsonAsync(HttpMethod.Post, "/api/projects", input, "en-US");
        var problem = await KeystoneApp.ProblemAsync(response);
        Assert.Equal("The request is not valid; nothing was changed", (string)problem["title"]!);
        Assert.Equal("The total investment is required", (string)problem["errors"]!["totalInvestment"]![0]!);
    }

    [Theory]
    [DatabaseData]
    public async Task CreateProject_WithATakenCode_IsRefused(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var response = await app.SendJsonAsync(HttpMethod.Post, "/api/projects", KeystoneApp.NewProjectInput("YQGX-2024-001"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("已存在", (string)(await KeystoneApp.ProblemAsync(response))["errors"]!["code"]![0]!);
    }

    [Theory]
    [DatabaseData]
    public async Task MalformedJson_IsA400ProblemDetails(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client();
        var response = await client.PostAsync("/api/projects", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("请求格式有误", (string)(await KeystoneApp.ProblemAsync(response))["title"]!);

        response = await client.PostAsync("/api/projects", new StringContent("{\"totalInvestment\": \"lots\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task UpdateProject_ChangesFacts_ButNotTheCode(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var current = await app.GetJsonAsync("/api/projects/YQGX-2024-001");
        var input = new Dictionary<string, object?>
        {
            ["name"] = (string)current["name"]! + "（调整）",
            ["unit"] = (string)current["unitPath"]!,
            ["levels"] = new[] { "provincial" },
            ["category"] = "infrastructure",
            ["totalInvestment"] = 70_000m,
        };
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001", input);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await app.GetJsonAsync("/api/projects/YQGX-2024-001");
        Assert.EndsWith("（调整）", (string)updated["name"]!);
        Assert.Equal(70_000m, (decimal)updated["totalInvestment"]!);

        input["code"] = "OTHER-CODE";
        response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001", input);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task TotalInvestment_CannotBeCutBelowTheAnnualPlan(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var input = new Dictionary<string, object?>
        {
            ["name"] = "阳泉东区智慧物流产业园（一期）项目",
            ["unit"] = "阳泉高新区",
            ["levels"] = new[] { "provincial" },
            ["category"] = "industrial",
            ["totalInvestment"] = 100m, // the 2024 plan is 16,582 万元
        };
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001", input);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("年度计划投资", (string)(await KeystoneApp.ProblemAsync(response))["errors"]!["totalInvestment"]![0]!);
        Assert.Equal(61235m, (decimal)(await app.GetJsonAsync("/api/projects/YQGX-2024-001"))["totalInvestment"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task Paging_OutOfBounds_IsRefused(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/projects?pageSize=100000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/projects?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/projects?level=国家级")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/projects?scope=火星开发区")).StatusCode);
    }
}
