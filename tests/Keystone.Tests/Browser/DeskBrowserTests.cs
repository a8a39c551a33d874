using Keystone.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>Each desk page's main path in Chromium, on the demo as of 2024-04-10; any console error fails.</summary>
[Collection(BrowserCollection.Name)]
public class DeskBrowserTests(BrowserFixture fixture)
{
    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways on a phone");
    }

    [Fact]
    public async Task Cockpit_ShowsTheCards_AndDrawsEveryChart()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900);
        await page.GotoAsync(fixture.BaseUrl + "/");
        // The province's count grows as the import tests (sharing this app) add their units.
        await Expect(page.Locator("[data-figure=planned] .ks-card-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(89|9\\d)个$"));
        foreach (var chart in new[] { "#chart-months", "#chart-levels", "#chart-categories", "#chart-start-rate", "#chart-completion-rate" })
        {
            await Expect(page.Locator(chart + " svg")).ToBeVisibleAsync();
        }

        await Expect(page.Locator("#lights tbody tr").First).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "cockpit.png", fullPage: false);
        await BrowserFixture.ShotAsync(page, "cockpit-full.png");

        // A unit's bar leads to that unit's cockpit; its projects' links lead on to the ledger.
        await page.GotoAsync(fixture.BaseUrl + "/?scope=" + Uri.EscapeDataString("阳泉高新区"));
        await Expect(page.Locator("h1")).ToContainTextAsync("阳泉高新区");
        await Expect(page.Locator("[data-figure=planned] .ks-card-value")).ToContainTextAsync("65");
        await page.ClickAsync("[data-figure=planned]");
        await Expect(page.Locator("#ledger-total")).ToContainTextAsync("65");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Cockpit_FitsAPhoneScreen()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync(fixture.BaseUrl + "/");
        await Expect(page.Locator("#chart-months svg")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        await BrowserFixture.ShotAsync(page, "cockpit-phone.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ledger_IsFiltered_ThenAProjectIsOpened()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900);
        await page.GotoAsync(fixture.BaseUrl + "/projects?unit=" + Uri.EscapeDataString("阳泉高新区"));
        await Expect(page.Locator("#ledger-total")).ToContainTextAsync("共 65 个项目");
        await page.SelectOptionAsync("#level", "provincial");
        await page.SelectOptionAsync("#nature", "new");
        await page.ClickAsync("#apply-filters");
        await Expect(page.Locator("#ledger-total")).Not.ToContainTextAsync("共 65 个项目");
        Assert.Contains("level=provincial", page.Url);
        Assert.Contains("nature=new", page.Url);
        Assert.All(await page.Locator("#ledger tbody tr td:nth-child(7)").AllInnerTextsAsync(), t => Assert.Equal("新建", t.Trim()));
        await BrowserFixture.ShotAsync(page, "ledger.png", fullPage: false);

        await page.ClickAsync("#ledger th >> text=总投资");
        Assert.Contains("sort=total", page.Url);
        var first = page.Locator("#ledger tbody tr").First;
        var name = (await first.Locator("td:nth-child(2)").InnerTextAsync()).Trim();
        await first.Locator("td:nth-child(2) a").ClickAsync();
        await Expect(page.Locator("#project-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#plans")).ToContainTextAsync("2024");
        await BrowserFixture.ShotAsync(page, "project.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ledger_FitsAPhoneScreen_AndPages()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync(fixture.BaseUrl + "/projects?size=20");
        await page.ClickAsync("#next-page");
        await Expect(page.Locator("#ledger-total")).ToContainTextAsync("第 2/");
        await AssertFitsAsync(page);
        await BrowserFixture.ShotAsync(page, "ledger-phone.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Report_WithAPhoto_OnAPhone_ShowsOnTheProjectPage()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync(fixture.BaseUrl + "/projects/GX-2024-002/reports/new");
        // March is reported already, so the form offers April.
        await Expect(page.Locator("#period")).ToHaveValueAsync("2024-04");
        await page.FillAsync("#month", "1200");
        await page.FillAsync("#imageProgress", "1号厂房主体封顶，2号厂房基础施工");
        await page.FillAsync("#problemsMet", "电力增容手续待办");
        await page.SetInputFilesAsync("#photos", new[]
        {
            new FilePayload { Name = "厂房.jpg", MimeType = "image/jpeg", Buffer = TestPhotos.Jpeg(new DateTime(2024, 4, 8, 10, 30, 0), 36.28, 111.67) },
            new FilePayload { Name = "航拍.png", MimeType = "image/png", Buffer = TestPhotos.Png() },
        });
        await AssertFitsAsync(page);
        await BrowserFixture.ShotAsync(page, "report-phone.png");
        await page.ClickAsync("#submit-report");

        await Expect(page.Locator("#report-done")).ToContainTextAsync("2024年4月");
        var photo = page.Locator("[data-photo='厂房.jpg']");
        await Expect(photo).ToContainTextAsync("2024-04-08 10:30");
        await Expect(photo).ToContainTextAsync("36.28000, 111.67000");
        await Expect(page.Locator("#reports")).ToContainTextAsync("电力增容手续待办");
        // Waited for, not sampled: on a loaded machine the image may still be arriving when the text is there.
        var img = await photo.Locator("img").ElementHandleAsync();
        var loaded = await (await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", img, new() { Timeout = 15_000 })).JsonValueAsync<bool>();
        Assert.True(loaded, "The stored JPEG does not display");
        await AssertFitsAsync(page);
        await BrowserFixture.ShotAsync(page, "project-photos-phone.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Report_RefusesAGif_SayingWhy()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/projects/GX-2024-003/reports/new");
        await page.FillAsync("#month", "10");
        await page.SetInputFilesAsync("#photos", new FilePayload { Name = "动图.gif", MimeType = "image/gif", Buffer = TestPhotos.Gif() });
        await page.ClickAsync("#submit-report");
        await Expect(page.Locator("#photos-error")).ToContainTextAsync("不是 JPEG 或 PNG 照片");
        await Expect(page.Locator("#month")).ToHaveValueAsync("10");
        await BrowserFixture.ShotAsync(page, "report-refused.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Briefing_IsCopied_Downloaded_AndPrintsAsADocument()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/briefings?scope=" + Uri.EscapeDataString("阳泉高新区") + "&issuer=" + Uri.EscapeDataString("阳泉高新区管委会"));
        await Expect(page.Locator("#briefing")).ToContainTextAsync("今年，阳泉高新区谋划实施项目65个");
        await Expect(page.Locator("#copy-briefing")).ToBeVisibleAsync();
        await page.ClickAsync("#copy-briefing");
        await Expect(page.Locator("#copy-status")).Not.ToBeEmptyAsync();

        var docx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-docx"));
        Assert.EndsWith(".docx", docx.SuggestedFilename);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-xlsx"));
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename);
        await BrowserFixture.ShotAsync(page, "briefing.png");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header")).ToBeHiddenAsync();
        await Expect(page.Locator("#briefing-actions")).ToBeHiddenAsync();
        await BrowserFixture.ShotAsync(page, "briefing-print.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Rankings_ShowTheRedAndBlackLists()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/rankings");
        await Expect(page.Locator("#start-rate tbody tr").First).ToContainTextAsync("红榜");
        await Expect(page.Locator("#chart-pace svg")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "rankings.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task LanguageSwitch_TurnsThePagesEnglish_AndRemembersIt()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/projects?level=provincial");
        await page.ClickAsync(".ks-lang");
        await Expect(page.Locator("h1")).ToContainTextAsync("Project ledger");
        Assert.Contains("level=provincial", page.Url);
        await page.GotoAsync(fixture.BaseUrl + "/rankings");
        await Expect(page.Locator("h1")).ToContainTextAsync("Rankings");
        await BrowserFixture.ShotAsync(page, "rankings-en.png");
        await page.ClickAsync(".ks-lang");
        await Expect(page.Locator("h1")).ToContainTextAsync("红黑榜");
        Assert.Empty(errors);
    }
}
