using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class PromotionEventsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AnOfficer_RecordsAnEvent_WithTheLeadsItTouched_OnADesktop()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/promotion/events?year=2024");
        await Expect(page.Locator("#event-list li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#event-list li").First).ToContainTextAsync("赴洛阳中信重工总部招商对接");
        await BrowserFixture.ShotAsync(page, "promotion-events-desktop.png");

        await page.FillAsync("#event-on", "2024-04-09");
        await page.SelectOptionAsync("#event-kind", "hosted");
        await page.FillAsync("#event-name", "赛迪团队来区考察科创园选址");
        await page.FillAsync("#event-place", "阳泉高新区");
        await page.FillAsync("#event-outcome", "实地查看科创园地块，商定5月签约");
        await page.Locator("#event-leads label", new() { HasText = "赛迪·中化科创产业园项目" }).ClickAsync();
        await page.ClickAsync("#save-event");
        await Expect(page.Locator("#events-notice")).ToBeVisibleAsync();
        var recorded = page.Locator("#event-list li", new() { HasText = "赛迪团队来区考察科创园选址" });
        await Expect(recorded).ToContainTextAsync("来访考察");
        await Expect(recorded).ToContainTextAsync("赛迪·中化科创产业园项目");
        await BrowserFixture.ShotAsync(page, "promotion-events-recorded.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheEventsPage_FitsAPhone_AndSaysWhatIsMissing()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/promotion/events?year=2024");
        await Expect(page.Locator("#event-form")).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), "The page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, "promotion-events-phone.png");

        await page.FillAsync("#event-place", "太原");
        await page.ClickAsync("#save-event");
        await Expect(page.Locator("#event-errors")).ToContainTextAsync("活动名称不能为空");
        await Expect(page.Locator("#event-place")).ToHaveValueAsync("太原");
        await BrowserFixture.ShotAsync(page, "promotion-events-phone-refused.png");
        Assert.Empty(errors);
    }
}
