using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>The enterprise pages in a browser: the register and an enterprise on a desktop, an officer's month and its visit form on a phone.</summary>
[Collection(BrowserCollection.Name)]
public class EnterprisesBrowserTests(BrowserFixture fixture)
{
    private static Task<bool> ScrollsSidewaysAsync(IPage page) => page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");

    [Fact]
    public async Task TheRegisterAndAnEnterprise_OnADesktop()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/enterprises?asOf=2024-03-31");
        await Expect(page.Locator("#coverage-total")).ToContainTextAsync("覆盖率62.5%");
        await Expect(page.Locator("#enterprise-list tbody tr").First).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "enterprises-desktop.png");

        // Narrowed to 李娜's enterprises not visited in March: two of her three.
        await page.SelectOptionAsync("#liaison", "李娜");
        await page.CheckAsync("#unvisited");
        await page.ClickAsync("form.ks-filter button[type=submit]");
        await Expect(page.Locator("#enterprise-list tbody tr")).ToHaveCountAsync(2);

        await page.Locator("#enterprise-list tbody tr a").First.ClickAsync();
        await Expect(page.Locator("#enterprise-name")).ToBeVisibleAsync();
        await Expect(page.Locator("#enterprise-profile")).ToContainTextAsync("李娜");
        await BrowserFixture.ShotAsync(page, "enterprise-desktop.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnOfficersMonth_AndRecordingAVisit_OnAPhone()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/visits?asOf=2024-03-31");
        await Expect(page.Locator("#officer-coverage")).ToContainTextAsync("覆盖率100%");
        await Expect(page.Locator("#visit-list li")).ToHaveCountAsync(2);
        Assert.False(await ScrollsSidewaysAsync(page), "The visits page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, "visits-phone.png");

        // April: a visit with nothing asked for ("无事不扰") is still a visit.
        await page.GotoAsync(fixture.BaseUrl + "/visits");
        await page.SelectOptionAsync("#uscc", new SelectOptionValue { Index = 1 });
        await page.FillAsync("#visitedOn", "2024-04-09");
        await page.FillAsync("#met", "张经理（总经理）");
        await page.FillAsync("#topics", "了解二季度生产安排，无诉求");
        await page.ClickAsync("#record-visit");
        await Expect(page.Locator("#visit-notice")).ToContainTextAsync("已记录走访");
        await Expect(page.Locator("#visit-list")).ToContainTextAsync("了解二季度生产安排，无诉求");
        Assert.False(await ScrollsSidewaysAsync(page), "The visits page scrolls sideways on a phone after a visit");
        await BrowserFixture.ShotAsync(page, "visits-phone-recorded.png");

        await page.GotoAsync(fixture.BaseUrl + "/enterprises?asOf=2024-03-31");
        await Expect(page.Locator("#enterprise-list")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(page), "The register scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, "enterprises-phone.png");
        Assert.Empty(errors);
    }
}
