using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>The promotion desk's pages in a real browser: a lead's page (a follow-up recorded on a phone), the libraries and the chain map.</summary>
[Collection(BrowserCollection.Name)]
public class PromotionPagesBrowserTests(BrowserFixture fixture)
{
    private static async Task<bool> ScrollsSidewaysAsync(IPage page) =>
        await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");

    [Fact]
    public async Task AnOfficer_RecordsAFollowUp_OnAPhone()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/promotion");
        await page.Locator("#lead-list a", new() { HasText = "功率器件封装测试项目" }).ClickAsync();
        await Expect(page.Locator("#lead-name")).ToHaveTextAsync("功率器件封装测试项目");
        await Expect(page.Locator("#lead-stages [data-stage=contacted]")).ToContainTextAsync("2024年1月26日");
        Assert.False(await ScrollsSidewaysAsync(page), "The lead's page scrolls sideways on a phone");

        // Nothing said: refused beside the field, what was typed kept.
        await page.FillAsync("#follow-up-nextStep", "下周再约");
        await page.ClickAsync("#follow-up-save");
        await Expect(page.Locator("#follow-up-what-error")).ToContainTextAsync("跟进内容不能为空");
        await Expect(page.Locator("#follow-up-nextStep")).ToHaveValueAsync("下周再约");

        await page.SelectOptionAsync("#follow-up-method", "hosted");
        await page.FillAsync("#follow-up-what", "企业来区洽谈封装产线用地");
        await page.ClickAsync("#follow-up-save");
        await Expect(page.Locator("#lead-done")).ToBeVisibleAsync();
        await Expect(page.Locator("#follow-ups li").First).ToContainTextAsync("企业来区洽谈封装产线用地");
        await BrowserFixture.ShotAsync(page, "promotion-lead-phone.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ALeadsPage_RefusesASkippedStage_AndShowsItsTimeline_OnADesktop()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/promotion");
        await page.Locator("#lead-list a", new() { HasText = "赛迪·中化科创产业园项目" }).ClickAsync();
        await Expect(page.Locator("#lead-stale")).ToContainTextAsync("已45天未跟进");
        await page.SelectOptionAsync("#stage-stage", "registered");
        await page.FillAsync("#stage-contractAmount", "40855");
        await page.ClickAsync("#stage-save");
        await Expect(page.Locator("#stage-passed-error")).ToContainTextAsync("须填写跳过的签约阶段的日期");
        await Expect(page.Locator("#stage-contractAmount")).ToHaveValueAsync("40855");
        await BrowserFixture.ShotAsync(page, "promotion-lead-desktop.png");

        // A city reads the lead without its forms.
        var (city, cityErrors) = await fixture.NewPageAsync(1366, 900, user: "demo-city");
        await city.GotoAsync(page.Url.Split('?')[0]);
        await Expect(city.Locator("#lead-read-only")).ToBeVisibleAsync();
        Assert.Equal(0, await city.Locator("#follow-up-form").CountAsync());
        Assert.Empty(errors);
        Assert.Empty(cityErrors);
    }

    [Fact]
    public async Task TheLibraries_AddAndTurnATargetIntoALead()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/promotion/targets");
        await Expect(page.Locator("#targets-table")).ToContainTextAsync("晶盛长晶装备有限公司");
        await page.FillAsync("#target-add-name", "北方华创科技集团股份有限公司");
        await page.FillAsync("#target-add-chain", "第三代半导体");
        await page.FillAsync("#target-add-link", "装备");
        await page.FillAsync("#target-add-headquarters", "北京");
        await page.ClickAsync("#target-add-save");
        await Expect(page.Locator("#targets-done")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "promotion-targets-desktop.png");
        await page.Locator("tr", new() { HasText = "北方华创科技集团股份有限公司" }).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("#lead-name")).ToHaveTextAsync("北方华创科技集团股份有限公司投资项目");

        var (phone, phoneErrors) = await fixture.NewPageAsync(390, 844, user: "demo-zone");

        // Regression: in English the table's visually hidden labels (absolutely placed) widened the page to 431px.
        await phone.GotoAsync(fixture.BaseUrl + "/culture/en-US?returnUrl=" + Uri.EscapeDataString("/promotion/targets"));
        await Expect(phone.Locator("#targets-table")).ToContainTextAsync("Approached by");
        Assert.False(await ScrollsSidewaysAsync(phone), "The targets' page scrolls sideways on a phone");
        await phone.GotoAsync(fixture.BaseUrl + "/culture/zh-CN?returnUrl=" + Uri.EscapeDataString("/promotion/targets"));

        await phone.GotoAsync(fixture.BaseUrl + "/promotion/investors");
        await Expect(phone.Locator("#investors-table")).ToContainTextAsync("郝贵荣");
        await phone.FillAsync("#investor-add-name", "陈立新");
        await phone.FillAsync("#investor-add-firm", "中电科半导体装备集团");
        await phone.FillAsync("#investor-add-on", "2024-04-09");
        await phone.FillAsync("#investor-add-outcome", "约定5月来区考察");
        await phone.ClickAsync("#investor-save");
        await Expect(phone.Locator("#investors-table")).ToContainTextAsync("约定5月来区考察");
        Assert.False(await ScrollsSidewaysAsync(phone), "The investors' page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(phone, "promotion-investors-phone.png");
        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
    }

    [Fact]
    public async Task TheChainMap_DrawsLinksAndGaps_OnADesktopAndAPhone()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/promotion/chains");
        var chain = page.Locator(".ks-chain").First;
        await Expect(chain.Locator("svg").First).ToBeVisibleAsync();
        await Expect(chain.Locator("tr.ks-gap")).ToHaveCountAsync(4);
        await Expect(chain.Locator("tr[data-link=材料]")).ToContainTextAsync("链主");
        await Expect(chain.Locator("tr[data-link=装备]")).ToContainTextAsync("晶盛长晶装备有限公司");
        await BrowserFixture.ShotAsync(page, "promotion-chains-desktop.png");

        var (phone, phoneErrors) = await fixture.NewPageAsync(390, 844, user: "demo-zone");
        await phone.GotoAsync(fixture.BaseUrl + "/promotion/chains");
        await Expect(phone.Locator(".ks-chain svg").First).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(phone), "The chain map scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(phone, "promotion-chains-phone.png");
        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
    }
}
