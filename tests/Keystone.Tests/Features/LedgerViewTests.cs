using System.Net;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;

namespace Keystone.Tests.Features;

/// <summary>
/// The ledger read as a 台账: money in one chosen unit, a 合计 row over everything the filters match, the
/// template's columns to choose from, the page size — each a query parameter, remembered for the next visit.
/// </summary>
public partial class LedgerViewTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    /// <summary>Three projects whose sums are round: Σ总投资 150000万元, Σ年度计划 20000万元, Σ本年完成 3500万元, Σ累计 7000万元.</summary>
    private static async Task<KeystoneApp> FixtureAsync(DbProvider provider)
    {
        var app = await KeystoneApp.StartAsync(provider, demo: false);
        var a = TestLedger.Project("T-001", "甲项目");
        a[LedgerField.TotalInvestment] = 123_456.78m;
        a[LedgerField.AnnualPlan] = 12_345m;
        a[LedgerField.YearToDate] = 2_000m;
        a[LedgerField.Cumulative] = 5_000m;
        a[LedgerField.Leader] = "王强";
        a[LedgerField.ImageProgress] = "主体施工";
        var b = TestLedger.Project("T-002", "乙项目");
        var c = TestLedger.Project("T-003", "丙项目");
        c[LedgerField.TotalInvestment] = 6_543.22m;
        c[LedgerField.AnnualPlan] = 2_655m;
        c[LedgerField.YearToDate] = 700m;
        c[LedgerField.Cumulative] = 1_200m;
        var ledger = TestLedger.Standard().Add(a).Add(b).Add(c);
        using var client = app.Client();
        var response = await client.PostAsync("/api/ledger/import", LedgerApiTests.Form(ledger.ToXlsx(), "台账.xlsx", ("year", "2024")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return app;
    }

    private const string Base = "/projects?year=2024&asOf=2024-04-30";

    /// <summary>The text of each cell of the given column, row by row (tbody then the 合计 row).</summary>
    private static List<string> Column(string html, string key) =>
        Cell().Matches(html).Where(m => m.Groups[1].Value == key).Select(m => Regex.Replace(m.Groups[2].Value, "<[^>]+>", "").Trim()).ToList();

    [GeneratedRegex("<td[^>]*data-col=\"([a-zA-Z]+)\"[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [Theory]
    [DatabaseData]
    public async Task Money_IsPrintedInTheChosenUnit_OneUnitPerColumn(DbProvider provider)
    {
        await using var app = await FixtureAsync(provider);
        var (status, wan) = await app.PageAsync(Base + "&money=wan");
        Assert.True(status == HttpStatusCode.OK, wan);
        Assert.Contains("总投资（万元）", wan);
        Assert.Equal(["123456.78", "20000", "6543.22", "150000"], Column(wan, "total"));
        Assert.Equal(["12345", "5000", "2655", "20000"], Column(wan, "plan"));
        Assert.Equal(["2000", "800", "700", "3500"], Column(wan, "ytd"));

        var (_, yi) = await app.PageAsync(Base + "&money=yi");
        Assert.Contains("总投资（亿元）", yi);
        Assert.Equal(["12.35", "2.00", "0.65", "15.00"], Column(yi, "total"));
        Assert.Equal(["1.23", "0.50", "0.27", "2.00"], Column(yi, "plan"));
        Assert.Equal(["0.20", "0.08", "0.07", "0.35"], Column(yi, "ytd"));
    }

    [Theory]
    [DatabaseData]
    public async Task SumRow_AddsUpEveryMatchingProject_AndTakesTheRateOfTheSums(DbProvider provider)
    {
        await using var app = await FixtureAsync(provider);
        var (_, html) = await app.PageAsync(Base + "&cols=total,plan,ytd,cumulative,rate");
        Assert.Contains("合计（全部3个项目）", html);
        Assert.Equal("7000", Column(html, "cumulative")[^1]);
        // 3500 / 20000, not the mean of 16.2%, 16% and 26.4%.
        Assert.Equal(["16.2%", "16%", "26.4%", "17.5%"], Column(html, "rate"));

        // Filtered: the sums follow the filter.
        (_, html) = await app.PageAsync(Base + "&cols=total,plan,ytd,cumulative,rate&q=" + Q("甲"));
        Assert.Contains("合计（全部1个项目）", html);
        Assert.Equal(["123456.78", "123456.78"], Column(html, "total"));
    }

    [Theory]
    [DatabaseData]
    public async Task SumRow_CountsEveryPage_NotJustTheOneShown(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (_, html) = await app.PageAsync($"/projects?unit={Q("阳泉高新区")}&size=20&money=yi");
        Assert.Equal(20, DeskPagesTests.Codes(html).Count);
        Assert.Contains("合计（全部65个项目）", html);
        // The briefing's "总投资332亿元，年度计划投资50亿元" for the same 65 projects.
        Assert.Equal("332.00", Column(html, "total")[^1]);
        Assert.Equal("50.00", Column(html, "plan")[^1]);
    }

    [Theory]
    [DatabaseData]
    public async Task ChosenColumns_AreShown_OthersNot_AndRemembered_UntilChangedBack(DbProvider provider)
    {
        await using var app = await FixtureAsync(provider);
        using var client = app.Client();
        var html = await client.GetStringAsync(Base + "&cols=leader&cols=image&cols=cumulative&cols=");
        Assert.Equal(["王强", "", "", ""], Column(html, "leader"));
        Assert.Equal(["主体施工", "主体施工", "主体施工", ""], Column(html, "image"));
        Assert.Equal(["5000", "800", "1200", "7000"], Column(html, "cumulative"));
        Assert.Empty(Column(html, "unit"));
        Assert.Empty(Column(html, "plan"));
        Assert.Contains("<tr data-code=\"T-001\">", html);

        // The next visit, without the choice in its URL, shows the same columns; so do the page's own links.
        html = await client.GetStringAsync(Base);
        Assert.Equal(["5000", "800", "1200", "7000"], Column(html, "cumulative"));
        Assert.Empty(Column(html, "plan"));
        Assert.Contains("cols=cumulative%2Cimage%2Cleader", html);

        // Back to the defaults: remembered too.
        await client.GetStringAsync(Base + "&cols=" + string.Join(",", ["unit", "level", "category", "chain", "nature", "total", "plan", "ytd", "status", "light"]));
        html = await client.GetStringAsync(Base);
        Assert.Empty(Column(html, "cumulative"));
        Assert.Equal(4, Column(html, "plan").Count);
    }

    [Theory]
    [DatabaseData]
    public async Task PageSizeAndUnit_AreChosen_AndRemembered(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client();
        var unit = $"/projects?unit={Q("阳泉高新区")}";
        var html = await client.GetStringAsync(unit + "&size=20&money=yi");
        Assert.Equal(20, DeskPagesTests.Codes(html).Count);
        Assert.Contains("<option value=\"20\" selected", html);
        html = await client.GetStringAsync(unit);
        Assert.Equal(20, DeskPagesTests.Codes(html).Count);
        Assert.Contains("总投资（亿元）", html);
        Assert.Contains("size=20", html);
        html = await client.GetStringAsync(unit + "&size=100");
        Assert.Equal(65, DeskPagesTests.Codes(html).Count);
    }

    [Theory]
    [InlineData("money=euro", "金额单位“euro”无效")]
    [InlineData("size=7", "每页条数“7”无效")]
    [InlineData("cols=plan,colour", "列“colour”不存在")]
    public async Task ABadChoice_IsRefused_SayingWhy(string query, string message)
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        var (status, html) = await app.PageAsync("/projects?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, html);
    }
}
