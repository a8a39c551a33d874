using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class SignInBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AZoneOfficer_SeesTheirZone_AndAnotherZonesProjectDoesNotExist()
    {
        var (page, errors) = await fixture.NewPageAsync(user: "demo-zone");
        await page.GotoAsync(fixture.BaseUrl + "/units");
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("demo-zone");
        await Expect(page.Locator("tr[data-unit='阳泉高新区']")).ToBeVisibleAsync();
        Assert.DoesNotContain("古县经济技术开发区", await page.ContentAsync());
        await BrowserFixture.ShotAsync(page, "signed-in-zone.png", fullPage: false);

        var own = await page.APIRequest.GetAsync(fixture.BaseUrl + "/api/projects/YQGX-2024-001");
        Assert.Equal(200, own.Status);
        var other = await page.APIRequest.GetAsync(fixture.BaseUrl + "/api/projects/GX-2024-002");
        Assert.Equal(404, other.Status);

        // The pages answer the same: the zone's own project opens, another zone's does not exist.
        var ownPage = await page.GotoAsync(fixture.BaseUrl + "/projects/YQGX-2024-001");
        Assert.Equal(200, ownPage!.Status);
        var otherPage = await page.APIRequest.GetAsync(fixture.BaseUrl + "/projects/GX-2024-002");
        Assert.Equal(404, otherPage.Status);
        Assert.DoesNotContain("古县", await otherPage.TextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AWrongPassword_SaysSo_AndSigningOutEndsTheSession()
    {
        var (page, errors) = await fixture.NewPageAsync(user: null);
        await page.GotoAsync(fixture.BaseUrl + "/");
        Assert.Contains("/login", page.Url);
        await page.FillAsync("#username", "demo-city");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("form[action='/login'] button[type=submit]");
        await Expect(page.Locator("#login-error")).ToContainTextAsync("用户名或密码错误");

        await page.FillAsync("#username", "demo-city");
        await page.FillAsync("#password", Keystone.Core.Accounts.Accounts.DemoPassword);
        await page.ClickAsync("form[action='/login'] button[type=submit]");
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("demo-city");
        await page.ClickAsync("form[action='/logout'] button[type=submit]");
        Assert.Contains("/login", page.Url);
        await page.GotoAsync(fixture.BaseUrl + "/");
        Assert.Contains("/login", page.Url);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AReportersReport_WaitsForTheZone_WhoReturnsItWithAComment_OnTheProjectPage()
    {
        var (reporter, reporterErrors) = await fixture.NewPageAsync(390, 844, user: "demo-enterprise");
        await reporter.GotoAsync(fixture.BaseUrl + "/");
        Assert.EndsWith("/work", reporter.Url);
        await reporter.GotoAsync(fixture.BaseUrl + "/projects/YQGX-2024-001/reports/new?period=2024-04");
        await reporter.FillAsync("#month", "300");
        await reporter.FillAsync("#imageProgress", "主体结构施工");
        await reporter.ClickAsync("#submit-report");
        await Expect(reporter.Locator("#reports tr[data-period='2024-04'] .ks-review")).ToContainTextAsync("待审核");
        Assert.Empty(reporterErrors);

        var (zone, errors) = await fixture.NewPageAsync(user: "demo-zone");
        await zone.GotoAsync(fixture.BaseUrl + "/projects/YQGX-2024-001");
        var row = zone.Locator("#reports tr[data-period='2024-04']");
        await row.Locator("button[value=return]").ClickAsync();
        await Expect(zone.Locator("#review-error")).ToContainTextAsync("退回须写明意见");
        await zone.Locator("#reports tr[data-period='2024-04'] input[name=comment]").FillAsync("请附现场照片");
        await zone.Locator("#reports tr[data-period='2024-04'] button[value=return]").ClickAsync();
        await Expect(zone.Locator("#review-done")).ToBeVisibleAsync();
        await Expect(zone.Locator("#reports tr[data-period='2024-04'] .ks-review")).ToContainTextAsync("请附现场照片");
        await Expect(zone.Locator("#history tr[data-action='returned']")).ToContainTextAsync("demo-zone");
        await BrowserFixture.ShotAsync(zone, "project-review.png");
        Assert.Empty(errors);
    }
}
