using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>A project's factor sheet and approval checklist (要素与手续) in Chromium; any console error fails.</summary>
[Collection(BrowserCollection.Name)]
public class FactorsBrowserTests(BrowserFixture fixture)
{
    // 阳泉高新区's 5G grid project: land approved but not yet supplied, energy short, a checklist in progress.
    private const string Code = "YQGX-2024-008";

    [Fact]
    public async Task FactorPage_ShowsTheSheetAndTheChecklist_AndTheEnergyFormSaves()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/projects/" + Code);
        await Expect(page.Locator("#factor-gaps")).ToContainTextAsync("用地缺口120亩");
        await page.ClickAsync("#factors-link");

        await Expect(page.Locator("#land-gap")).ToHaveAttributeAsync("data-mu", "120");
        await Expect(page.Locator("#procedure-items tr[data-item='立项/备案']")).ToHaveAttributeAsync("data-status", "Approved");
        await Expect(page.Locator("#procedure-items tr[data-item='水保']")).ToContainTextAsync("李娜");
        var gap = await page.Locator("#energy-gap").GetAttributeAsync("data-tce");
        Assert.Equal("3000", gap);

        // Record the energy as it stands (the other browser tests read the demo as it is): saved, same gap.
        await page.ClickAsync("#energy summary");
        var needed = await page.Locator("#energy-neededTce").InputValueAsync();
        await page.FillAsync("#energy-neededTce", needed);
        await page.ClickAsync("#save-energy");
        await Expect(page.Locator("#factors-saved")).ToContainTextAsync("已保存能耗");
        await Expect(page.Locator("#energy-gap")).ToHaveAttributeAsync("data-tce", gap!);

        // A negative need is refused beside the field; nothing changes.
        await page.ClickAsync("#energy summary");
        await page.FillAsync("#energy-neededTce", "-1");
        await page.ClickAsync("#save-energy");
        await Expect(page.Locator("#energy-neededTce-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#energy-gap")).ToHaveAttributeAsync("data-tce", gap!);
        await page.GotoAsync(fixture.BaseUrl + "/projects/" + Code + "/factors");
        await BrowserFixture.ShotAsync(page, "factors-project.png");

        var (phone, phoneErrors) = await fixture.NewPageAsync(390, 844, user: "demo-zone");
        await phone.GotoAsync(fixture.BaseUrl + "/projects/" + Code + "/factors");
        await Expect(phone.Locator("#procedure-items")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(phone, "factors-project-phone.png");
        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
    }
}
