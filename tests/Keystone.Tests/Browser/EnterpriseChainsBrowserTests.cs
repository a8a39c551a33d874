using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>An enterprise's chain and link set on its page shows on the chain map, on a desktop (and is taken off again, leaving the shared app as it was).</summary>
[Collection(BrowserCollection.Name)]
public class EnterpriseChainsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AnOfficer_PutsAnEnterpriseOnALink_AndTheChainMapShowsIt()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/enterprises/91140300CBPRNJHCCN");
        await Expect(page.Locator("#enterprise-chain")).ToContainTextAsync("未标注");

        await page.SelectOptionAsync("#chain-place", new SelectOptionValue { Label = "第三代半导体 · 装备" });
        await page.ClickAsync("#chain-place-save");
        await Expect(page.Locator("#chain-place-saved")).ToBeVisibleAsync();
        await Expect(page.Locator("#enterprise-chain")).ToContainTextAsync("产业链：第三代半导体 · 环节：装备");
        await BrowserFixture.ShotAsync(page, "enterprise-chain-desktop.png");

        // The enterprise's name as the page shows it: another browser test on the shared demo database imports a ledger
        // naming the same USCC 测试新材料有限公司 (the chain map showed that name, and the test expected the demo's).
        var name = (await page.Locator("#enterprise-name").InnerTextAsync()).Trim();
        await page.Locator("#enterprise-chain a").ClickAsync();
        await Expect(page.Locator(".ks-chain-table").First).ToContainTextAsync(name);
        await BrowserFixture.ShotAsync(page, "enterprise-chain-map-desktop.png");

        await page.GoBackAsync();
        await page.SelectOptionAsync("#chain-place", "");
        await page.ClickAsync("#chain-place-save");
        await Expect(page.Locator("#enterprise-chain")).ToContainTextAsync("未标注");
        Assert.Empty(errors);
    }
}
