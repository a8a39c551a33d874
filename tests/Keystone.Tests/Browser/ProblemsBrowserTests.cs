using Keystone.Core.Briefings;
using Keystone.Core.Documents;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class ProblemsBrowserTests(BrowserFixture fixture)
{
    private const string LandBureau = "阳泉高新区自然资源分局";

    [Fact]
    public async Task AProblem_IsRaisedRoutedAnsweredAndClosed_OnItsPages()
    {
        var (zone, zoneErrors) = await fixture.NewPageAsync(user: "demo-zone");
        await zone.GotoAsync(fixture.BaseUrl + "/problems");
        await Expect(zone.Locator("#problems tbody tr").First).ToHaveAttributeAsync("data-number", "P2024-0003");
        await Expect(zone.Locator("#problems tbody tr").First).ToHaveAttributeAsync("data-light", "red");
        await Expect(zone.Locator("h1")).ToHaveTextAsync("问题督办");
        await Expect(zone.Locator("#problem-filters button[type=submit]")).ToHaveTextAsync("筛选");
        await BrowserFixture.ShotAsync(zone, "problems-list.png");

        await zone.ClickAsync("#raise-problem");
        await zone.FillAsync("#projectCode", "YQGX-2024-009");
        await zone.FillAsync("#title", "充电站道路开口审批");
        await zone.SelectOptionAsync("#category", "procedures");
        await zone.FillAsync("#detail", "绿电交通示范项目充电站需在平阳街开设道路开口");
        await zone.SelectOptionAsync("#sourceKind", "visit");
        await zone.FillAsync("#visitor", "王磊");
        await zone.FillAsync("#visitedOn", "2024-04-09");
        await zone.FillAsync("#met", "项目经理");
        await BrowserFixture.ShotAsync(zone, "problems-new.png");
        await zone.ClickAsync("#raise-form button[type=submit]");
        await Expect(zone.Locator("#problem-status")).ToHaveTextAsync("待交办");
        var url = zone.Url;

        await zone.FillAsync("#assign-department", LandBureau);
        await zone.ClickAsync("#assign-form button[type=submit]");
        await Expect(zone.Locator("#problem-status")).ToHaveTextAsync("办理中");

        var (department, departmentErrors) = await fixture.NewPageAsync(user: "demo-department");
        await department.GotoAsync(fixture.BaseUrl + "/problems/inbox");
        await Expect(department.Locator("#inbox-department")).ToHaveTextAsync(LandBureau);
        await department.ClickAsync("#inbox a:has-text('充电站道路开口审批')");
        await department.FillAsync("#answer-form textarea", "已会同交警、城管现场踏勘，同意在桩号K1+200处开口");
        await department.ClickAsync("#answer-form button[type=submit]");
        await Expect(department.Locator("#problem-status")).ToHaveTextAsync("已答复");
        await Expect(department.Locator("#answer-form")).ToHaveCountAsync(0);

        await zone.GotoAsync(url);
        await zone.SelectOptionAsync("#satisfaction", "Satisfied");
        await zone.ClickAsync("#close-form button[type=submit]");
        await Expect(zone.Locator("#problem-status")).ToHaveTextAsync("已办结");
        await Expect(zone.Locator("#thread li")).ToHaveCountAsync(4);
        await BrowserFixture.ShotAsync(zone, "problems-thread.png");
        Assert.Empty(zoneErrors);
        Assert.Empty(departmentErrors);
    }

    [Fact]
    public async Task TheDepartment_DownloadsTheSupervisionNotice_AndReplies()
    {
        var (page, errors) = await fixture.NewPageAsync(user: "demo-department");
        await page.GotoAsync(fixture.BaseUrl + "/problems/P2024-0002");
        await Expect(page.Locator("#problem-overdue")).ToContainTextAsync("已提级至阳泉市督办");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#notice-1 a[download]"));
        Assert.EndsWith(".docx", download.SuggestedFilename);
        var text = BriefingDocx.ReadText(File.OpenRead(await download.PathAsync()));
        Assert.Equal("阳泉高新区督〔2024〕1号", text.DocumentNumber);
        Assert.Equal(LandBureau, text.Addressee);
        await BrowserFixture.ShotAsync(page, "problems-notice.png");

        await page.FillAsync("#reply-form-1 textarea", "已与村集体达成征收协议，4月20日前完成地上附着物清点");
        await page.ClickAsync("#reply-form-1 button[type=submit]");
        await Expect(page.Locator("#notice-1")).ToContainTextAsync("已与村集体达成征收协议");
        await Expect(page.Locator("#reply-form-1")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheLanguageSwitch_TurnsTheProblemPagesIntoEnglish()
    {
        var (page, errors) = await fixture.NewPageAsync(user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/problems");
        await page.ClickAsync("a.ks-lang");
        await page.WaitForURLAsync(url => url.EndsWith("/problems", StringComparison.Ordinal));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Problems and supervision");
        await Expect(page.Locator("label[for=status]")).ToHaveTextAsync("Status");
        await Expect(page.Locator("#problems thead")).Not.ToContainTextAsync("责任单位");
        await Expect(page.Locator("#problems tr[data-number='P2024-0003']")).ToContainTextAsync("7 working days overdue");
        await Expect(page).ToHaveTitleAsync("Problems · Keystone");
        await BrowserFixture.ShotAsync(page, "problems-list-en.png");

        await page.ClickAsync("#problems a[href='/problems/P2024-0002']");
        await Expect(page.Locator("#thread")).ToContainTextAsync("Supervision notice");
        await Expect(page.Locator("#notice-form h2")).ToHaveTextAsync("Issue a supervision notice");
        await Expect(page.Locator("#notice-1")).ToContainTextAsync("Download .docx");
        await BrowserFixture.ShotAsync(page, "problems-thread-en.png");

        await page.GotoAsync(fixture.BaseUrl + "/factors");
        await Expect(page.Locator("#land-gap")).ToHaveTextAsync("420 mu");
        await BrowserFixture.ShotAsync(page, "factors-en.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheFactorsPage_ShowsTheGaps_AndBothPagesFitAPhone()
    {
        var (page, errors) = await fixture.NewPageAsync(user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/factors");
        await Expect(page.Locator("#land-gap")).ToHaveTextAsync("420亩");
        await Expect(page.Locator("#gaps tr[data-code='YQGX-2024-008']")).ToContainTextAsync("用地缺口120亩（已批复待供地）");
        await BrowserFixture.ShotAsync(page, "factors.png");

        var (phone, phoneErrors) = await fixture.NewPageAsync(390, 844, user: "demo-zone");
        foreach (var path in new[] { "/problems", "/factors", "/problems/P2024-0002" })
        {
            await phone.GotoAsync(fixture.BaseUrl + path);
            var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} scrolls sideways on a phone");
        }

        await phone.GotoAsync(fixture.BaseUrl + "/problems");
        await BrowserFixture.ShotAsync(phone, "problems-phone.png");
        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
    }
}
