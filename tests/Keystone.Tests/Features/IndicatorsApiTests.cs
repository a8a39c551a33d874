using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class IndicatorsApiTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    [Theory]
    [DatabaseData]
    public async Task Get_HasExactlyTheAgreedFields_WithSeed001sFiguresAndRanks(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var json = await app.GetJsonAsync($"/api/indicators?scope={Q("阳泉市")}&period=2022-03", user: "demo-city");
        Assert.Equal(["period", "items"], json.Select(p => p.Key));
        Assert.Equal("2022-03", (string)json["period"]!);
        var items = json["items"]!.AsArray();
        Assert.Equal(["地区生产总值", "社会消费品零售总额", "一般公共预算收入", "新设立市场主体", "规上原煤产量", "发电量"], items.Select(i => (string)i!["indicator"]!));
        Assert.All(items, i => Assert.Equal(["indicator", "value", "unit", "growth", "rank", "peers", "target", "version", "targetVersion"], i!.AsObject().Select(p => p.Key)));

        var retail = items[1]!;
        Assert.Equal((745_000m, "万元", 3.2m, 2, 11), ((decimal)retail["value"]!, (string)retail["unit"]!, (decimal)retail["growth"]!, (int)retail["rank"]!, (int)retail["peers"]!));
        Assert.Equal((2, 11), ((int)items[2]!["rank"]!, (int)items[2]!["peers"]!));

        // 地区生产总值: 243.4亿元 in 万元, its growth as published ("6.0"), no peers' values so no rank; the demo's target.
        var gdp = items[0]!;
        Assert.Equal("6.0", gdp["growth"]!.ToJsonString());
        Assert.Equal(2_434_000m, (decimal)gdp["value"]!);
        Assert.Null(gdp["rank"]);
        Assert.Equal(("growth", 6.5m, -0.5m), ((string)gdp["target"]!["kind"]!, (decimal)gdp["target"]!["value"]!, (decimal)gdp["target"]!["gap"]!));
        Assert.Equal((4381m, "户"), ((decimal)items[3]!["value"]!, (string)items[3]!["unit"]!));
    }

    [Theory]
    [DatabaseData]
    public async Task Put_IsForTheUnitsOwnOfficersAndThoseAbove_NeverAReporterOrASibling(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var body = new { scope = "阳泉高新区", period = "2024-05", indicator = "规上工业增加值", value = 52_000m, growth = 12.35m, decimals = 2, rank = 4 };

        // The zone's officer records its own value; the growth is stored as given.
        var own = await app.SendJsonAsync(HttpMethod.Put, "/api/indicators", body, user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var item = (await own.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray().Single()!;
        Assert.Equal("12.35", item["growth"]!.ToJsonString());
        // Its peers are the province's zones, across cities: 原平 has no 规上工业增加值 for May, so the published rank stands.
        Assert.Equal(4, (int)item["rank"]!);

        // The city above may write it too; the zone may not write the city's; a reporter and a department none.
        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, "/api/indicators", body with { value = 53_000m }, user: "demo-city")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Put, "/api/indicators", body with { scope = "阳泉市" }, user: "demo-zone")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Put, "/api/indicators", body, user: "demo-enterprise")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Put, "/api/indicators", body, user: "demo-department")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(user: "demo-enterprise").GetAsync($"/api/indicators?scope={Q("阳泉高新区")}")).StatusCode);

        var stored = await app.GetJsonAsync($"/api/indicators?scope={Q("阳泉高新区")}&period=2024-05", user: "demo-zone");
        Assert.Equal(53_000m, (decimal)stored["items"]![0]!["value"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task Put_RefusesAFigureWithNeitherValueNorGrowth_AndAnUnknownIndicator(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var empty = await app.SendJsonAsync(HttpMethod.Put, "/api/indicators", new { scope = "阳泉高新区", period = "2024-05", indicator = "工业投资" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("数值和同比增长至少填写一项", await empty.Content.ReadAsStringAsync());
        var unknown = await app.SendJsonAsync(HttpMethod.Put, "/api/indicators", new { scope = "阳泉高新区", period = "2024-05", indicator = "GDP增量", value = 1m }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var target = await app.SendJsonAsync(HttpMethod.Put, "/api/indicators/targets", new { scope = "阳泉高新区", year = 2024, indicator = "工业投资", kind = "value", target = 500_000m }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.NoContent, target.StatusCode);
        await app.SendJsonAsync(HttpMethod.Put, "/api/indicators", new { scope = "阳泉高新区", period = "2024-05", indicator = "工业投资", value = 200_000m }, user: "demo-zone");
        var gap = (await app.GetJsonAsync($"/api/indicators?scope={Q("阳泉高新区")}&period=2024-05", user: "demo-zone"))["items"]![0]!["target"]!;
        Assert.Equal(("value", -300_000m), ((string)gap["kind"]!, (decimal)gap["gap"]!));
    }
}
