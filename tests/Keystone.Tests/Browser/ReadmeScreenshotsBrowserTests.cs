using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>
/// The README's pictures, taken on the demo as each caption describes it, 1280 wide, on the desk's data date
/// (the demo's today, 2024-04-10). scripts/screenshots.sh runs just these and copies them to docs/screenshots.
/// Each waits for what its caption names, so a picture of an error page or an empty page fails instead.
/// They take pictures of pages the other browser tests already walk, so scripts/test.sh leaves them out
/// (Category=Screenshots) to keep the suite's time; scripts/screenshots.sh runs them.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Screenshots")]
public class ReadmeScreenshotsBrowserTests(BrowserFixture fixture)
{
    private const int Width = 1280;
    private const int Height = 900;
    private const string DataDate = "截至2024年4月10日";

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotDir, name);

    [Fact]
    public async Task Cockpit_OfTheProvince()
    {
        var (page, errors) = await fixture.NewPageAsync(Width, Height, user: "demo-province");
        await page.GotoAsync(fixture.BaseUrl + "/");
        await Expect(page.Locator("h1")).ToContainTextAsync("山西省");
        await Expect(page.Locator("#desk-as-of")).ToContainTextAsync(DataDate);
        foreach (var chart in new[] { "#chart-months", "#chart-levels", "#chart-categories", "#chart-start-rate" })
        {
            await Expect(page.Locator(chart + " svg")).ToBeVisibleAsync();
        }

        await page.ScreenshotAsync(new() { Path = Shot("cockpit.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Ledger_FilteredToTheZonesNewProvincialKeyProjects()
    {
        var (page, errors) = await fixture.NewPageAsync(Width, Height, user: "demo-province");
        await page.GotoAsync(fixture.BaseUrl + "/projects?unit=" + Uri.EscapeDataString("阳泉高新区"));
        await page.SelectOptionAsync("#level", "provincial");
        await page.SelectOptionAsync("#nature", "new");
        await page.ClickAsync("#apply-filters");
        await page.WaitForURLAsync(url => url.Contains("level=provincial", StringComparison.Ordinal) && url.Contains("nature=new", StringComparison.Ordinal));
        await Expect(page.Locator("#ledger tbody tr").First).ToBeVisibleAsync();
        Assert.All(await page.Locator("#ledger tbody tr td:nth-child(7)").AllInnerTextsAsync(), t => Assert.Equal("新建", t.Trim()));
        await page.ScreenshotAsync(new() { Path = Shot("ledger.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task BattleMap_OfAGeneratedCityOf10000Projects()
    {
        // The caption's city: 10,000 generated projects beside the demo, on an app of their own.
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        await using (var db = database.NewContext())
        {
            await GeneratedScope.AddAsync(db, 10_000);
        }

        var (app, baseUrl) = await BrowserFixture.StartAsync(database);
        try
        {
            var (page, errors) = await fixture.NewPageAsync(Width, Height, baseUrl: baseUrl);
            // 10,000 projects take a while to judge on a busy machine: patience, not a timing assertion.
            page.SetDefaultNavigationTimeout(120_000);
            await page.GotoAsync(baseUrl + "/battle-map?scope=" + Uri.EscapeDataString(GeneratedScope.City));
            await Expect(page.Locator("#battle-total")).ToHaveAttributeAsync("data-total", "10000", new() { Timeout = 60_000 });
            await Expect(page.Locator("#desk-as-of")).ToContainTextAsync(DataDate);
            await Expect(page.Locator("#battle-map .ks-bm-node-red").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await page.ScreenshotAsync(new() { Path = Shot("battle-map.png") });
            Assert.Empty(errors);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Schedule_TheGanttWithTheCriticalPath()
    {
        var (page, errors) = await fixture.NewPageAsync(Width, Height, user: "demo-province");
        await page.GotoAsync(fixture.BaseUrl + "/projects/" + DemoData.ScheduledProject);
        await page.ClickAsync("#schedule-link");
        await Expect(page.Locator("#gantt g.ks-g-critical").First).ToBeVisibleAsync();
        await Expect(page.Locator("#gantt-today")).ToBeAttachedAsync();
        await Expect(page.Locator("#critical-path")).Not.ToBeEmptyAsync();
        await page.ScreenshotAsync(new() { Path = Shot("schedule.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task FactorsProject_GapsAndTheApprovalChecklist()
    {
        // 阳泉高新区's 5G grid project: land approved but not yet supplied, energy short, a checklist in progress.
        var (page, errors) = await fixture.NewPageAsync(Width, Height, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/projects/YQGX-2024-008/factors");
        await Expect(page.Locator("#land-gap")).ToHaveAttributeAsync("data-mu", "120");
        await Expect(page.Locator("#procedure-items tr[data-item='水保']")).ToContainTextAsync("李娜");
        await page.ScreenshotAsync(new() { Path = Shot("factors-project.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ImportPreview_EveryProblemAndTheMarkedUpFile()
    {
        // A unit of its own, and no confirm: the demo the other pictures show stays as it is.
        var ledger = TestLedger.Standard();
        ledger.Title("阳泉高新区2024年重点项目台账（数据截至2024年3月）");
        ledger.Add(TestLedger.Project("README-OK-1", "截图导入项目甲", unit: "截图测试开发区", city: "测试市"));
        var bad = TestLedger.Project("README-BAD-1", "截图导入项目乙", unit: "截图测试开发区", city: "测试市");
        bad[LedgerField.Uscc] = "91140300CBPRNJHCCM";
        ledger.Add(bad);

        var (page, errors) = await fixture.NewPageAsync(Width, Height, user: "demo-province");
        await page.GotoAsync(fixture.BaseUrl + "/ledger/import");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "台账.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = ledger.ToXlsx() });
        await page.ClickAsync("#upload-form button[type=submit]");
        await Expect(page.Locator("#problems")).ToContainTextAsync("校验位");
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("1 行有问题");
        await Expect(page.Locator("#errors-download")).ToBeVisibleAsync();
        await Expect(page.Locator("#confirm-form")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("import-preview.png") });
        Assert.Empty(errors);
    }
}
