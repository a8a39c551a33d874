using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class PagesTests
{
    [Theory]
    [DatabaseData]
    public async Task Home_ListsTheUnits_WithTheirPlanTotals(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client();
        var html = await client.GetStringAsync("/units");
        foreach (var unit in new[] { "阳泉高新区", "长治高新区", "古县经济技术开发区", "山西转型综改示范区潇河新兴产业园区" })
        {
            Assert.Contains(unit, html);
        }

        Assert.Contains("332亿元", html);
        Assert.Contains("147.77亿元", html);
        Assert.Contains("2024", html);
    }

    [Theory]
    [DatabaseData]
    public async Task Home_OnAnEmptyDatabase_SaysHowToStart(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, demo: false);
        using var client = app.Client();
        Assert.Contains("keystone import", await client.GetStringAsync("/units"));
        Assert.Contains("id=\"no-plan\"", await client.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("/units", "组织单位与重点项目", "Org units and key projects")]
    [InlineData("/ledger/import", "上传并检查", "Upload and check")]
    public async Task UnitsAndImportPages_SpeakOneLanguageAtATime(string page, string chinese, string english)
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        var zh = await app.Client("zh-CN").GetStringAsync(page);
        Assert.Contains(chinese, zh);
        Assert.DoesNotContain(english, zh);
        var en = await app.Client("en-US").GetStringAsync(page);
        Assert.Contains(english, en);
        Assert.DoesNotContain(chinese, en);
        Assert.DoesNotContain("ks-en", en);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi_AndScalarServesIt()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        var doc = await app.GetJsonAsync("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/projects", paths);
        Assert.Contains("/api/projects/{code}", paths);
        Assert.Contains("/api/units", paths);
        Assert.Contains("/api/projects/{code}/reports/{period}", paths);
        using var client = app.Client();
        var scalar = await client.GetAsync("/scalar/");
        Assert.True(scalar.IsSuccessStatusCode);
        Assert.Contains("openapi", await scalar.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StaticAssets_AreServedByTheApp()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite, demo: false);
        using var client = app.Client();
        var css = await client.GetAsync("/lib/bootstrap/bootstrap.min.css");
        Assert.True(css.IsSuccessStatusCode);
    }
}
