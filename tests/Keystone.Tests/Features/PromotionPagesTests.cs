using System.Net;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

/// <summary>/promotion: the funnel, the task's progress, the stale leads and the month's follow-ups, for officers only.</summary>
public partial class PromotionPagesTests
{
    private static string Id(string html, string id) => WebUtility.HtmlDecode(Regex.Match(html, $"id=\"{id}\"[^>]*>(?<text>[^<]*)<").Groups["text"].Value);

    /// <summary>The dates of the follow-ups the page lists as the month's.</summary>
    private static List<string> MonthFollowUps(string html)
    {
        var list = Regex.Match(html, "id=\"month-follow-ups\"(?<list>.*?)</ul>", RegexOptions.Singleline).Groups["list"].Value;
        return Regex.Matches(list, @"\d{4}-\d{2}-\d{2}").Select(m => m.Value).ToList();
    }

    [Theory]
    [DatabaseData]
    public async Task TheMonthsFollowUps_StopAtThe截至Date(DbProvider provider)
    {
        // Regression: as of 2024-03-31 the page listed April's follow-ups, recorded after the 截至 date.
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        var april = MonthFollowUps(await client.GetStringAsync(new Uri("/promotion?asOf=2024-04-10", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.NotEmpty(april);
        Assert.All(april, d => Assert.InRange(d, "2024-04-01", "2024-04-10"));

        var march = MonthFollowUps(await client.GetStringAsync(new Uri("/promotion?asOf=2024-03-31", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.All(march, d => Assert.InRange(d, "2024-03-01", "2024-03-31"));
        var early = MonthFollowUps(await client.GetStringAsync(new Uri("/promotion?asOf=2024-04-05", UriKind.Relative), TestContext.Current.CancellationToken));
        Assert.Equal(april.Where(d => string.CompareOrdinal(d, "2024-04-05") <= 0), early);
    }

    [Theory]
    [DatabaseData]
    public async Task ThePromotionPage_ShowsWhatTheFiguresSay(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var html = await app.Client(user: "demo-zone").GetStringAsync(new Uri("/promotion", UriKind.Relative));
        Assert.Equal("10", Id(html, "leads-count"));
        Assert.Equal("3", Id(html, "signed-count").Trim());
        Assert.Equal("15%", Id(html, "signed-rate"));
        Assert.Equal("1", Id(html, "landed-count"));
        Assert.Equal("3", Id(html, "stale-count"));
        Assert.Contains("线索“赛迪·中化科创产业园项目”已45天未跟进", html);
        Assert.Contains("储能电池梯次利用项目", html);
        Assert.Matches("<tr data-stage=\"negotiating\">\\s*<td>洽谈</td>\\s*<td class=\"text-end\">3</td>\\s*<td class=\"text-end text-nowrap\">22.86亿元</td>", html);
        Assert.Contains("企业来区踏勘选址", html); // a follow-up of April

        // A city officer sees its zones' leads; reporters and departments are not let in.
        var city = await app.Client(user: "demo-city").GetStringAsync(new Uri("/promotion?scope=" + Uri.EscapeDataString("阳泉高新区"), UriKind.Relative));
        Assert.Equal("10", Id(city, "leads-count"));
        foreach (var user in new[] { "demo-enterprise", "demo-department" })
        {
            var response = await app.Client(user: user).GetAsync(new Uri("/promotion", UriKind.Relative));
            Assert.DoesNotContain("赛迪·中化科创产业园项目", await response.Content.ReadAsStringAsync());
        }
    }
}
