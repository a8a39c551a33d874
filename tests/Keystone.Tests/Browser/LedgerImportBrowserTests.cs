using Keystone.Core.Ledger;
using Keystone.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class LedgerImportBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ABadLedger_ShowsEveryProblem_OffersTheMarkedUpCopy_AndImportsTheGoodRowsOnConfirm()
    {
        var ledger = TestLedger.Standard();
        ledger.Title("阳泉高新区2024年重点项目台账（数据截至2024年3月）");
        // A unit of its own: the app is shared with the other browser tests, which read 阳泉高新区's totals.
        ledger.Add(TestLedger.Project("WEB-OK-1", "网页导入测试项目甲", unit: "网页测试开发区", city: "测试市"));
        var bad = TestLedger.Project("WEB-BAD-1", "网页导入测试项目乙", unit: "网页测试开发区", city: "测试市");
        bad[LedgerField.Uscc] = "91140300CBPRNJHCCM";
        ledger.Add(bad);

        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/ledger/import");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "台账.xlsx", MimeType = LedgerApiType, Buffer = ledger.ToXlsx() });
        await BrowserFixture.ShotAsync(page, "import-1-upload.png", fullPage: false);
        await page.ClickAsync("#upload-form button[type=submit]");

        await Expect(page.Locator("#problems")).ToContainTextAsync("校验位");
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("1 行有问题");
        await Expect(page.Locator("#mapping")).ToContainTextAsync("统一社会信用代码");
        await BrowserFixture.ShotAsync(page, "import-2-preview.png");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#errors-download"));
        Assert.EndsWith(".errors.xlsx", download.SuggestedFilename);

        await page.CheckAsync("#good-rows-only");
        await page.ClickAsync("#confirm-form button[type=submit]");
        await Expect(page.Locator("#import-done")).ToContainTextAsync("新增 1 个");
        await BrowserFixture.ShotAsync(page, "import-3-done.png", fullPage: false);

        // What was imported is one click away: the new project, and the year's ledger.
        await Expect(page.Locator("#import-ledger")).ToHaveAttributeAsync("href", "/projects?year=2024");
        var created = page.Locator("#import-new a").First;
        var name = await created.TextContentAsync();
        await created.ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(name!.Split(' ', 2)[1]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AColumnTheImporterCannotPlace_IsSettledOnThePage()
    {
        var ledger = new TestLedger { Headers = ["项目名称", "所在县区开发区", "总投资", "新建/续建"] };
        ledger.Row("网页映射测试项目", "网页测试开发区", "1000", "新建");

        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/ledger/import");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "映射.xlsx", MimeType = LedgerApiType, Buffer = ledger.ToXlsx() });
        await page.FillAsync("#year", "2024");
        await page.ClickAsync("#upload-form button[type=submit]");

        await Expect(page.Locator("#import-missing")).ToContainTextAsync("所属区域");
        await page.SelectOptionAsync("#map-1", new SelectOptionValue { Label = "所属区域" });
        await page.ClickAsync("#recheck");
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("将新增 1 个");
        await page.ClickAsync("#confirm-form button[type=submit]");
        await Expect(page.Locator("#import-done")).ToContainTextAsync("新增 1 个");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AFileThatIsNotALedger_IsRefusedWithAClearMessage()
    {
        var (page, errors) = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/ledger/import");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "照片.xlsx", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0] });
        await page.ClickAsync("#upload-form button[type=submit]");
        await Expect(page.Locator("#import-error")).ToContainTextAsync("不是有效的 .xlsx");
        Assert.Empty(errors);
    }

    private const string LedgerApiType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
