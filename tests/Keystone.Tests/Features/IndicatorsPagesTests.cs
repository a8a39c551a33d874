using System.Net;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class IndicatorsPagesTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    [Theory]
    [DatabaseData]
    public async Task TheCitysPage_ShowsTheTableWithRankAndGap_AndTheParagraph(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsync($"/indicators?scope={Q("山西省/阳泉市")}&period=2022-03");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("一季度阳泉市地区生产总值完成243.4亿元，增长6.0%。社会消费品零售总额74.5亿元，增长3.2%，列全省第2位。", html);
        Assert.Contains("id=\"indicators-table\"", html);
        Assert.Contains("列全省第2位（共11个）", html);
        Assert.Contains("低0.5个百分点", html);
        Assert.Contains("id=\"growth-5\"", html); // 社会消费品零售总额's 12-month chart
        Assert.DoesNotContain("id=\"rank-tables\"", html);
    }

    [Theory]
    [DatabaseData]
    public async Task TheProvincesPage_HasItsRankTables_AndEnglishToo(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsync("/indicators?period=2022-03");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"rank-tables\"", html);
        Assert.Contains("社会消费品零售总额 · 各市", html);
        Assert.Contains("一般公共预算收入 · 各市", html);
        var (_, english) = await app.PageAsync("/indicators?period=2022-03", "en-US");
        Assert.Contains("Rankings across the province", english);
    }

    [Theory]
    [DatabaseData]
    public async Task APeriodThatIsNone_IsRefusedOnThePage_AndASiblingsUnitIsNotFound(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (bad, html) = await app.PageAsync("/indicators?period=2022-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("indicators-error", html);
        using var zone = app.Client(user: "demo-zone");
        Assert.Equal(HttpStatusCode.NotFound, (await zone.GetAsync($"/indicators?scope={Q("阳泉市")}")).StatusCode);
        using var reporter = app.Client(user: "demo-enterprise");
        var refused = await reporter.GetAsync("/indicators");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
