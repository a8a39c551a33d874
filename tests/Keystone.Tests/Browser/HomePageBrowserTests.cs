namespace Keystone.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class HomePageBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task HomePage_ShowsTheZonesOfTheSeeds_WithoutConsoleErrors()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/units");
        var row = page.Locator("tr[data-unit='阳泉高新区']");
        await Microsoft.Playwright.Assertions.Expect(row).ToBeVisibleAsync();
        Assert.Contains("332亿元", await row.InnerTextAsync());
        Assert.Contains("古县经济技术开发区", await page.ContentAsync());
        await BrowserFixture.ShotAsync(page, "home.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task HomePage_FitsAPhoneScreen()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync(fixture.BaseUrl + "/units");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("tr[data-unit='阳泉高新区']")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, "home-phone.png");
        Assert.Empty(errors);
    }
}
