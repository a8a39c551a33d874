using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>
/// The first thing each person sees in the morning: signed in through the form, the 工作台 with its counts and
/// items, one click from the page that deals with each, judged as of the desk's one date.
/// </summary>
[Collection(BrowserCollection.Name)]
public class MorningBrowserTests(BrowserFixture fixture)
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    private static async Task<bool> ScrollsSidewaysAsync(IPage page) =>
        await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");

    /// <summary>Signs in through the form as a person would, from the sign-in page with no return address.</summary>
    private async Task<(IPage Page, List<string> Errors)> SignInAsync(string user, int width, int height)
    {
        var (page, errors) = await fixture.NewPageAsync(width, height, user: null);
        await page.GotoAsync(fixture.BaseUrl + "/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", Keystone.Core.Accounts.Accounts.DemoPassword);
        await page.ClickAsync("form[action='/login'] button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return (page, errors);
    }

    [Fact]
    public async Task TheZoneOfficer_LandsOnTheWorkPage_AndFollowsALeadAndAVisit_AsOfTheDesksDate()
    {
        var (page, errors) = await SignInAsync("demo-zone", 1280, 900);
        Assert.EndsWith("/work", page.Url);
        await Expect(page.Locator("h1")).ToContainTextAsync("工作台");
        await Expect(page.Locator("#work-as-of")).ToContainTextAsync("阳泉高新区");

        // Each count at the top is its list's length.
        foreach (var (id, row) in new[] { ("leads", "data-lead"), ("visits", "data-unvisited") })
        {
            var count = int.Parse(await page.Locator($"[data-count={id}] strong").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(count, await page.Locator($"#{id} [{row}]").CountAsync());
        }

        // As of 31 March (EnterpriseDemo, PromotionDemo): of 8 包联 enterprises 3 not visited in March (王强's one,
        // 李娜's two); 5 leads with no follow-up for 30 days or more, 赛迪 the one yellow at 35 days.
        await page.GotoAsync(fixture.BaseUrl + "/work?asOf=2024-03-31");
        await Expect(page.Locator("#work-as-of")).ToContainTextAsync("截至2024年3月31日");
        await Expect(page.Locator("[data-count=leads] strong")).ToHaveTextAsync("5");
        await Expect(page.Locator("[data-count=visits] strong")).ToHaveTextAsync("3");
        await Expect(page.Locator("#visits-assigned")).ToHaveTextAsync("包联8家");
        await Expect(page.Locator("#leads [data-lead]")).ToHaveCountAsync(5);
        await Expect(page.Locator("#visits [data-unvisited]")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new() { Path = Shot("work-zone.png"), FullPage = true });

        // The count jumps to its list on this page (a bare "#leads" would resolve against <base href="/">: the cockpit).
        await page.ClickAsync("[data-count=leads]");
        Assert.EndsWith("/work?asOf=2024-03-31#leads", page.Url);

        // A lead opens on its page, judged as of the same day.
        // 赛迪, the yellow one at 35 days, comes last (the longest first).
        var yellow = page.Locator("#leads [data-lead] a").Last;
        await Expect(yellow).ToContainTextAsync("中化科创产业园项目");
        await yellow.ClickAsync();
        await Expect(page.Locator("#lead-name")).ToContainTextAsync("中化科创产业园项目");
        Assert.Contains("asOf=2024-03-31", page.Url);
        await Expect(page.Locator("#lead-stale")).ToContainTextAsync("已35天未跟进");

        // An enterprise not visited opens its officer's visits, for March up to the 31st.
        await page.GoBackAsync();
        await page.Locator("#visits [data-unvisited]", new() { HasText = "李娜" }).First.Locator("a").ClickAsync();
        Assert.Contains("/visits?", page.Url);
        Assert.Contains("asOf=2024-03-31", page.Url);
        await Expect(page.Locator("h1")).ToContainTextAsync("李娜");
        await Expect(page.Locator("h1")).ToContainTextAsync("截至2024年3月31日");
        await Expect(page.Locator("#officer-coverage")).ToContainTextAsync("包联3家，已走访1家");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheEnterpriseReporter_OnAPhone_SeesOnlyItsReportsToFile()
    {
        var (page, errors) = await SignInAsync("demo-enterprise", 390, 844);
        Assert.EndsWith("/work", page.Url);
        await Expect(page.Locator("#to-file-h")).ToContainTextAsync("本月待填报");
        await Expect(page.Locator("#to-file [data-to-file='YQGX-2024-001']")).ToBeVisibleAsync();

        // Nothing of an officer's: no counts, no review, leads or visits lists, no cockpit.
        foreach (var officerOnly in new[] { ".ks-work-counts", "#review", "#late", "#route", "#leads", "#visits", "#obligations", "#to-cockpit" })
        {
            Assert.Equal(0, await page.Locator(officerOnly).CountAsync());
        }

        Assert.False(await ScrollsSidewaysAsync(page), "The reporter's 工作台 scrolls sideways on a phone");
        await page.ScreenshotAsync(new() { Path = Shot("work-enterprise-phone.png"), FullPage = true });

        // 我的项目, behind the phone's menu, is the list to file on this page.
        await page.ClickAsync("#menu-button");
        await page.ClickAsync("#nav-my-projects");
        await page.WaitForURLAsync(url => url.EndsWith("/work#to-file", StringComparison.Ordinal));
        await Expect(page.Locator("#to-file")).ToBeInViewportAsync();
        Assert.False(await ScrollsSidewaysAsync(page), "The reporter's 工作台 scrolls sideways on a phone");
        Assert.Empty(errors);
    }
}
