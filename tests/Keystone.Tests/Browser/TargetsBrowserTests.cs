using Keystone.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>The year's targets on the cockpit and the targets page, at desktop and phone widths.</summary>
[Collection(BrowserCollection.Name)]
public class TargetsBrowserTests(BrowserFixture fixture)
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    [Fact]
    public async Task TheCockpit_ShowsTheTargets_AndTheirPageSetsThem()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900);
        await page.GotoAsync(fixture.BaseUrl + $"/?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10");
        await Expect(page.Locator("#targets tr[data-target=newStarts]")).ToContainTextAsync("88.5%");
        await Expect(page.Locator("#targets tr[data-target=startRate]")).ToContainTextAsync("88.6%");
        await page.Locator("#cockpit-targets").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ShotAsync(page, "targets-cockpit.png");

        // Another zone with none set: its officer's page sets them, and the cockpit shows them.
        await page.GotoAsync(fixture.BaseUrl + $"/?scope={Q("长治高新区")}&year=2024&asOf=2024-04-10");
        await Expect(page.Locator("#no-targets")).ToBeVisibleAsync();
        await page.ClickAsync("#set-targets");
        await page.FillAsync("#target-newStarts", "5");
        await page.FillAsync("#target-completedInvestment", "20000");
        await page.ClickAsync("#save-targets");
        await Expect(page.Locator("#targets-notice")).ToBeVisibleAsync();
        await Expect(page.Locator("#targets tr[data-target=newStarts]")).ToContainTextAsync("5个");
        await BrowserFixture.ShotAsync(page, "targets-page.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheTargetsPage_FitsAPhoneScreen()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync(fixture.BaseUrl + $"/targets?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10");
        await Expect(page.Locator("#targets")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, "targets-phone.png");
        Assert.Empty(errors);
    }
}
