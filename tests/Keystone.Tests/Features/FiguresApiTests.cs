using System.Net;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Lights;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class FiguresApiTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    [Theory]
    [DatabaseData]
    public async Task Figures_AreTheSameObjectTheCliPrints(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var f = await app.GetJsonAsync($"/api/figures?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10");
        Assert.Equal((65, 44, 52.3m), ((int)f["planned"]!, (int)f["started"]!, (decimal)f["startRate"]!));
        var level = await app.GetJsonAsync($"/api/figures?scope={Q("阳泉高新区")}&asOf=2024-04-10&level=municipal");
        Assert.Equal(16, (int)level["planned"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task Breakdown_ByUnit_RanksTheChildren(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var cities = (await app.GetJsonAsync($"/api/figures/breakdown?by=unit&scope={Q("山西省")}&asOf=2024-04-10"))["items"]!.AsArray();
        Assert.Equal(6, cities.Count);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => (int)cities[i]!["overallStartRateRank"]!).Order(), cities.Select(c => (int)c!["overallStartRateRank"]!));
        Assert.Equal(89, cities.Sum(c => (int)c!["figures"]!["planned"]!));

        var levels = (await app.GetJsonAsync($"/api/figures/breakdown?by=level&scope={Q("阳泉高新区")}&asOf=2024-04-10"))["items"]!.AsArray();
        Assert.Equal(12, (int)levels.Single(l => (string)l!["key"]! == "provincial")!["figures"]!["planned"]!);

        using var client = app.Client();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/figures/breakdown?by=colour&scope={Q("山西省")}")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task Lights_SayWhyEachIsLit_InTheCallersLanguage(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var zh = (await app.GetJsonAsync($"/api/lights?scope={Q("阳泉高新区")}&asOf=2024-04-10"))["items"]!.AsArray();
        var sodium = zh.Single(l => (string)l!["code"]! == "YQGX-2024-025")!; // planned for January, not started
        Assert.Equal("red", (string)sodium["light"]!);
        Assert.Contains("计划2024年1月开工，已逾期3个月未开工", sodium["reasons"]!.AsArray().Select(r => (string)r!["text"]!));
        Assert.DoesNotContain(zh, l => (string)l!["code"]! == "YQGX-2024-011"); // planned for August: not due yet
        Assert.DoesNotContain(zh, l => (string)l!["code"]! == "YQGX-2024-010"); // 中信重工: a signing target, the promotion desk's

        var en = (await app.GetJsonAsync($"/api/lights?scope={Q("阳泉高新区")}&asOf=2024-04-10", "en-US"))["items"]!.AsArray();
        Assert.Contains("overdue", (string)en.Single(l => (string)l!["code"]! == "YQGX-2024-025")!["reasons"]![0]!["text"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task LightRules_AreSetPerUnit_AndInheritedBelow(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        Assert.Null((await app.GetJsonAsync($"/api/lights/rules?unit={Q("阳泉高新区")}"))["setAt"]);
        var response = await app.SendJsonAsync(HttpMethod.Put, $"/api/lights/rules?unit={Q("阳泉市")}", new { startOverdueMonths = 6, paceYellowPoints = 10, paceRedPoints = 30 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rules = await app.GetJsonAsync($"/api/lights/rules?unit={Q("阳泉高新区")}");
        Assert.Equal("山西省/阳泉市", (string)rules["setAt"]!);
        var lights = (await app.GetJsonAsync($"/api/lights?scope={Q("阳泉高新区")}&asOf=2024-04-10"))["items"]!.AsArray();
        Assert.DoesNotContain(lights, l => l!["reasons"]!.AsArray().Any(r => (string)r!["rule"]! == "startOverdue"));

        response = await app.SendJsonAsync(HttpMethod.Put, $"/api/lights/rules?unit={Q("阳泉市")}", new { startOverdueMonths = 3, paceYellowPoints = 40, paceRedPoints = 30 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task Briefings_AreServedAsJsonTextDocxAndXlsx(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var json = await app.GetJsonAsync($"/api/briefings?scope={Q("阳泉高新区")}&asOf=2024-04-10");
        Assert.Contains("复工率100%；新开工项目23个，开工率52.3%", (string)json["text"]!);
        using var client = app.Client();
        var text = await client.GetStringAsync($"/api/briefings?scope={Q("阳泉高新区")}&asOf=2024-04-10&format=text");
        Assert.StartsWith("阳泉高新区2024年重点项目建设情况通报", text);
        var docx = await client.GetAsync($"/api/briefings?scope={Q("阳泉高新区")}&asOf=2024-04-10&format=docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        var xlsx = await client.GetAsync($"/api/briefings?scope={Q("阳泉高新区")}&asOf=2024-04-10&format=xlsx");
        Assert.True(xlsx.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/briefings?scope={Q("阳泉高新区")}&format=pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/briefings?scope={Q("阳泉高新区")}&asOf=10/4/2024")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task ClosingAMonth_FreezesIt_AndACorrectionShowsAsARestatement(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var close = await app.SendJsonAsync(HttpMethod.Post, "/api/periods/close", new { scope = "阳泉高新区", month = "2024-03" });
        Assert.Equal(HttpStatusCode.Created, close.StatusCode);

        var refused = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-03", new { month = 500m, yearToDate = 4270m, cumulative = 16386m });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await KeystoneApp.ProblemAsync(refused))["errors"]!["correctionReason"]);

        var corrected = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-03", new { month = 500m, yearToDate = 4270m, cumulative = 16386m, correctionReason = "漏报" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        var f = await app.GetJsonAsync($"/api/figures?scope={Q("阳泉高新区")}&asOf=2024-03-31");
        Assert.Equal("2024-03", (string)f["closedPeriod"]!);
        Assert.Equal((decimal)f["completedInvestment"]! + 500m, (decimal)f["restated"]!["completedInvestment"]!);
        var briefing = await app.GetJsonAsync($"/api/briefings?scope={Q("阳泉高新区")}&asOf=2024-03-31");
        Assert.Contains("更正说明", (string)briefing["text"]!);
        Assert.Single((await app.GetJsonAsync("/api/periods"))["items"]!.AsArray());
    }
}
