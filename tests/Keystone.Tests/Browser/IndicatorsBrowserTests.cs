using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class IndicatorsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TheIndicatorsPage_DrawsItsCharts_OnADesktop()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-city");
        await page.GotoAsync(fixture.BaseUrl + "/indicators?period=2022-03");
        await Expect(page.Locator("#indicators-heading")).ToContainTextAsync("一季度");
        await Expect(page.Locator("#indicators-table tbody tr")).ToHaveCountAsync(6);
        await Expect(page.Locator("#growth-5 svg, #growth-5 canvas").First).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "indicators-desktop.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheIndicatorsPage_FitsAPhoneScreen()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync(fixture.BaseUrl + "/indicators?period=2022-03");
        await Expect(page.Locator("#rank-tables table").First).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, "indicators-phone-province.png");
        await page.GotoAsync(fixture.BaseUrl + "/indicators?scope=" + Uri.EscapeDataString("阳泉市") + "&period=2022-03");
        await Expect(page.Locator("#growth-1 svg, #growth-1 canvas").First).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1"), "The city's page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, "indicators-phone.png");
        Assert.Empty(errors);
    }
}
