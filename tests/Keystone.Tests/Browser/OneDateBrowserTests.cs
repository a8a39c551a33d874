using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>
/// One 截至 date for a whole session: chosen once, it follows the zone officer from page to page in the URL, every
/// page's header shows it, and one problem reads the same overdue days wherever it appears.
/// </summary>
[Collection(BrowserCollection.Name)]
public class OneDateBrowserTests(BrowserFixture fixture)
{
    // A day before the demo's today (2024-04-10): P2024-0003 is overdue then, by fewer days than today.
    private const string AsOf = "2024-04-08";
    private const string Shown = "截至2024年4月8日";

    private static async Task AssertDateAsync(IPage page, string where)
    {
        await Expect(page.Locator("#desk-as-of")).ToContainTextAsync(Shown);
        Assert.True(page.Url.Contains("asOf=" + AsOf, StringComparison.Ordinal), $"{where} lost the date: {page.Url}");
    }

    private static async Task<string> OverdueAsync(ILocator row)
    {
        var match = Regex.Match(await row.InnerTextAsync(), "逾期(\\d+)个工作日");
        Assert.True(match.Success, "P2024-0003 reads as not overdue: " + await row.InnerTextAsync());
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task TheChosenDate_FollowsTheOfficer_AndOneProblemReadsTheSameEverywhere()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/work");
        var today = await OverdueAsync(page.Locator("#overdue [data-problem='P2024-0003']"));
        await Expect(page.Locator("#desk-as-of-clear")).ToHaveCountAsync(0);

        await page.GotoAsync(fixture.BaseUrl + "/problems?asOf=" + AsOf);
        await AssertDateAsync(page, "/problems");
        await Expect(page.Locator("#problems-as-of")).ToHaveTextAsync(Shown);
        var days = await OverdueAsync(page.Locator("#problems tr[data-number='P2024-0003']"));
        Assert.NotEqual(today, days);

        await page.ClickAsync("#problems tr[data-number='P2024-0003'] td a");
        await AssertDateAsync(page, "the problem's page");
        Assert.Equal(days, await OverdueAsync(page.Locator("#problem-facts")));
        await Expect(page.Locator("#problem-as-of")).ToContainTextAsync("2024年4月8日");

        await page.ClickAsync(".ks-nav a:has-text('工作台')");
        await AssertDateAsync(page, "/work");
        Assert.Equal(days, await OverdueAsync(page.Locator("#overdue [data-problem='P2024-0003']")));
        await BrowserFixture.ShotAsync(page, "one-date-work.png");

        foreach (var (nav, name) in new[] { ("驾驶舱", "the cockpit"), ("挂图作战", "the battle map"), ("要素保障", "factors"), ("通报", "the briefing"), ("项目台账", "the ledger") })
        {
            await page.ClickAsync($".ks-nav a:has-text('{nav}')");
            await AssertDateAsync(page, name);
        }

        await page.Locator("#ledger tbody tr td:nth-child(2) a").First.ClickAsync();
        await AssertDateAsync(page, "a project");
        var project = page.Url;
        await page.ClickAsync("#schedule-link");
        await AssertDateAsync(page, "the schedule");
        await page.GotoAsync(project);
        await page.ClickAsync("#factors-link");
        await AssertDateAsync(page, "the project's factors");

        // The header's × goes back to the data date: the link no longer carries a date.
        await page.ClickAsync("#desk-as-of-clear");
        Assert.DoesNotContain("asOf=", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#desk-as-of")).Not.ToContainTextAsync(Shown);
        await BrowserFixture.ShotAsync(page, "one-date-header.png", fullPage: false);
        Assert.Empty(errors);
    }
}
