using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>The /campaigns page: 阳泉高新区's 百日攻坚 with its lights and reasons, a project named, 古县's ceremony; desktop and phone.</summary>
[Collection(BrowserCollection.Name)]
public class CampaignsBrowserTests(BrowserFixture fixture)
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    [Fact]
    public async Task TheCampaignPage_ShowsLightsAndReasons_AndNamesAProject_OnADesktop()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/campaigns?asOf=2024-04-10");
        var row = page.Locator("#campaign-list tbody tr").Filter(new() { HasText = "百日攻坚" });
        await Expect(row).ToContainTextAsync("红灯");
        await row.Locator("a").First.ClickAsync();
        await Expect(page.Locator("#campaign-paragraph")).ToContainTextAsync("逾期未完成1项：钠电储能集成生产车间项目");
        await Expect(page.Locator("#campaign-projects li[data-project='YQGX-2024-025']")).ToContainTextAsync("手续清单中尚无“施工许可”");

        await page.FillAsync("#add-project", "YQGX-2024-027");
        await page.SelectOptionAsync("#add-kind", "approval");
        await page.FillAsync("#add-reference", "立项/备案");
        await page.FillAsync("#add-due", "2024-05-31");
        await page.ClickAsync("#add-task");
        await Expect(page.Locator("#campaigns-notice")).ToBeVisibleAsync();
        await Expect(page.Locator("#campaign-projects li[data-project='YQGX-2024-027']")).ToContainTextAsync("手续清单中尚无“立项/备案”");
        await BrowserFixture.ShotAsync(page, "campaigns-desktop.png");

        // The province reads 古县's ceremony among the year's events.
        var (province, provinceErrors) = await fixture.NewPageAsync(1366, 900);
        await province.GotoAsync(fixture.BaseUrl + $"/campaigns?scope={Q("古县经济技术开发区")}&year=2024&asOf=2024-04-10");
        await Expect(province.Locator("#event-list")).ToContainTextAsync("古县“冬季行动”冲刺暨2024年全县重点项目集中开复工仪式");
        await Expect(province.Locator("#event-list")).ToContainTextAsync("10个项目");
        await BrowserFixture.ShotAsync(province, "campaigns-events.png");
        Assert.Empty(errors);
        Assert.Empty(provinceErrors);
    }

    [Fact]
    public async Task TheCampaignPage_FitsAPhoneScreen()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/campaigns?asOf=2024-04-10");
        await page.Locator("#campaign-list a").First.ClickAsync();
        await Expect(page.Locator("#campaign-projects")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, "campaigns-phone.png");
        Assert.Empty(errors);
    }
}
