using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>The meetings desk (the March 调度会, a decision through the problem loop) and seed 003's inspection, at desktop and phone widths.</summary>
[Collection(BrowserCollection.Name)]
public class MeetingsBrowserTests(BrowserFixture fixture)
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    private const string March = "阳泉高新区2024年3月重点项目建设调度会";

    private static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways");
    }

    [Fact]
    public async Task TheMarchDispatchMeeting_ShowsItsDecisions_AndFebruarysTally()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + $"/meetings?scope={Q("阳泉高新区")}");
        await Expect(page.Locator("#meetings-dispatch li")).ToHaveCountAsync(2);
        await BrowserFixture.ShotAsync(page, "meetings-list.png");
        await page.ClickAsync($"#meetings-dispatch a:text-is('{March}')");
        await Expect(page.Locator("#meeting-title")).ToHaveTextAsync(March);

        // Its three decisions, each a problem routed to its department; February's judged on 29 March.
        await Expect(page.Locator("#decisions li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#decisions li").First).ToContainTextAsync("中信重工高端特种金属材料项目4月底前完成能评");
        await Expect(page.Locator("#decisions li").First).ToContainTextAsync("办理中");
        await Expect(page.Locator("#previous-meeting")).ToContainTextAsync("上次调度会交办事项4项，已办结2项，逾期1项。");
        await Expect(page.Locator("#agenda li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#pack-download")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^/api/meetings/\d+/pack$"));
        await BrowserFixture.ShotAsync(page, "meeting-march.png");

        // The pack downloads as the officer's browser asks for it.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#pack-download"));
        Assert.Equal($"{March}会议材料.docx", download.SuggestedFilename);
        Assert.Empty(errors);

        var (phone, phoneErrors) = await fixture.NewPageAsync(390, 844, user: "demo-zone");
        await phone.GotoAsync(page.Url);
        await Expect(phone.Locator("#decisions li")).ToHaveCountAsync(3);
        await AssertFitsAsync(phone);
        await BrowserFixture.ShotAsync(phone, "meeting-march-phone.png");
        Assert.Empty(phoneErrors);
    }

    [Fact]
    public async Task RecordingADecision_PutsItInTheProblemLoop()
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        var (app, baseUrl) = await BrowserFixture.StartAsync(database);
        try
        {
            var (page, errors) = await fixture.NewPageAsync(1366, 900, user: "demo-zone", baseUrl: baseUrl);
            await page.GotoAsync(baseUrl + $"/meetings?scope={Q("阳泉高新区")}");
            await page.ClickAsync($"#meetings-dispatch a:text-is('{March}')");
            await page.FillAsync("#decision-text", "中信重工项目4月底前完成环评批复");
            await page.FillAsync("#decision-department", "阳泉高新区生态环境分局");
            await page.FillAsync("#decision-deadline", "2024-04-30");
            await page.SelectOptionAsync("#decision-project", "YQGX-2024-010");
            // The category is chosen, never defaulted: the list opens on "请选择类别".
            await Expect(page.Locator("#decision-category")).ToHaveValueAsync("");
            await page.SelectOptionAsync("#decision-category", "Procedures");
            await page.ClickAsync("#record-decision");
            await Expect(page.Locator("#meeting-notice")).ToBeVisibleAsync();
            var added = page.Locator("#decisions li").Nth(3);
            await Expect(added).ToContainTextAsync("中信重工项目4月底前完成环评批复");
            await Expect(added).ToContainTextAsync("阳泉高新区生态环境分局");
            await Expect(added).ToContainTextAsync("办理中");
            var number = await added.GetAttributeAsync("data-problem");
            await BrowserFixture.ShotAsync(page, "meeting-decision-recorded.png");

            // A refused decision (no unit, no department) says why and keeps what was typed.
            await page.FillAsync("#decision-text", "没有责任单位的事项");
            await page.FillAsync("#decision-deadline", "2024-04-30");
            await page.SelectOptionAsync("#decision-category", "Funds");
            await page.ClickAsync("#record-decision");
            await Expect(page.Locator("#decision-error")).ToContainTextAsync("请指定责任单位或责任部门");
            await Expect(page.Locator("#decision-category")).ToHaveValueAsync("Funds");
            await Expect(page.Locator("#decision-text")).ToHaveValueAsync("没有责任单位的事项");

            // In /problems, as a problem of the meeting, with its source on its page.
            await page.GotoAsync(baseUrl + $"/problems?scope={Q("阳泉高新区")}");
            await Expect(page.Locator("body")).ToContainTextAsync("中信重工项目4月底前完成环评批复");
            await BrowserFixture.ShotAsync(page, "meeting-decision-problems.png");
            await page.GotoAsync(baseUrl + $"/problems/{number}");
            await Expect(page.Locator("#problem-facts")).ToContainTextAsync($"会议交办：2024年3月29日{March}议定");
            Assert.Empty(errors);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Seed003sInspection_ShowsItsStopsInOrder_WithTheInstructionsAsTheyStand()
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        var (app, baseUrl) = await BrowserFixture.StartAsync(database, new DateTimeOffset(2024, 8, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        try
        {
            var (page, errors) = await fixture.NewPageAsync(1366, 900, baseUrl: baseUrl);
            await page.GotoAsync(baseUrl + $"/inspections?scope={Q("大同市")}&asOf=2024-08-01");
            await Expect(page.Locator("#inspections li")).ToHaveCountAsync(1);
            await Expect(page.Locator("#inspections li")).ToContainTextAsync("6个调研点，交办事项8项，已办结6项");
            await BrowserFixture.ShotAsync(page, "inspections-list.png");
            await page.ClickAsync("#inspections a");
            await Expect(page.Locator("#inspection-title")).ToHaveTextAsync("卢东亮在新荣区云州区调研重点工程项目");
            await Expect(page.Locator("#inspection-sentence")).ToContainTextAsync("调研交办事项8项，已办结6项，逾期2项。");
            await Expect(page.Locator("section[id^=stop-] h2")).ToHaveCountAsync(6);
            await Expect(page.Locator("#stop-3 h2")).ToContainTextAsync("大同锡纯新材料股份有限公司");
            await Expect(page.Locator("#stop-1 #instructions-1 li").First).ToContainTextAsync("新荣区要抢抓发展机遇");
            await Expect(page.Locator("#stop-1 #instructions-1 li").First).ToContainTextAsync("已组织锐华与省内充电运营企业对接");
            await Expect(page.Locator("#stop-4 #instructions-4 li").First).ToContainTextAsync("施工单位");
            await Expect(page.Locator("#stop-6 #instructions-6 li").Nth(1)).ToContainTextAsync("逾期");
            await Expect(page.Locator("#minutes-download")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^/api/inspections/\d+/minutes$"));
            await BrowserFixture.ShotAsync(page, "inspection-seed003.png");

            // An instruction added at the fifth stop, to a department: tracked at once.
            await page.SelectOptionAsync("#instruction-stop", "5");
            await page.SelectOptionAsync("#instruction-to", "department");
            await page.FillAsync("#instruction-addressee", "大同市商务局");
            await page.FillAsync("#instruction-words", "要做好冷链仓储招商，打通供销渠道");
            await page.FillAsync("#instruction-deadline", "2024-08-30");
            await Expect(page.Locator("#instruction-category")).ToHaveValueAsync("");
            await page.SelectOptionAsync("#instruction-category", "Logistics");
            await page.ClickAsync("#record-instruction");
            await Expect(page.Locator("#inspection-notice")).ToBeVisibleAsync();
            await Expect(page.Locator("#stop-5 #instructions-5 li").Nth(1)).ToContainTextAsync("大同市商务局");
            await Expect(page.Locator("#inspection-sentence")).ToContainTextAsync("调研交办事项9项，已办结6项，逾期2项。");
            Assert.Empty(errors);

            var (phone, phoneErrors) = await fixture.NewPageAsync(390, 844, baseUrl: baseUrl);
            await phone.GotoAsync(page.Url);
            await Expect(phone.Locator("section[id^=stop-] h2")).ToHaveCountAsync(6);
            await AssertFitsAsync(phone);
            await BrowserFixture.ShotAsync(phone, "inspection-seed003-phone.png");
            Assert.Empty(phoneErrors);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
