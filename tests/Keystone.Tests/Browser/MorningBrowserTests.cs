using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>
/// The first thing each person sees in the morning: signed in through the form, the 工作台 with its counts and
/// items, one click from the page that deals with each, judged as of the desk's one date.
/// </summary>
[Collection(BrowserCollection.Name)]
public class MorningBrowserTests(BrowserFixture fixture)
{
    private static async Task<bool> ScrollsSidewaysAsync(IPage page) =>
        await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");

    /// <summary>Signs in through the form as a person would, from the sign-in page with no return address.</summary>
    private async Task<(IPage Page, List<string> Errors)> SignInAsync(string user, int width, int height)
    {
        var (page, errors) = await fixture.NewPageAsync(width, height, user: null);
        await page.GotoAsync(fixture.BaseUrl + "/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", Keystone.Core.Accounts.Accounts.DemoPassword);
        await page.ClickAsync("form[action='/login'] button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return (page, errors);
    }

    private static async Task<int> NumberAsync(ILocator locator) =>
        int.Parse((await locator.InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);

    /// <summary>What the app's own API answers the signed-in page's user (its session cookies).</summary>
    private async Task<JsonElement> ApiAsync(IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(fixture.BaseUrl + path);
        Assert.True(response.Ok, $"{path}: {response.Status}");
        return (await response.JsonAsync())!.Value;
    }

    [Theory]
    [InlineData(1280, 900, "work-department.png")]
    [InlineData(390, 844, "work-department-phone.png")]
    public async Task TheDepartment_LandsOnItsInbox_WithItsRoutedProblemsCounted_AndOpensOneOnTheSameDate(int width, int height, string shot)
    {
        var (page, errors) = await SignInAsync("demo-department", width, height);
        await page.WaitForURLAsync(url => url.Contains("/problems/inbox", StringComparison.Ordinal));
        await Expect(page.Locator("#inbox-department")).ToBeVisibleAsync();

        // What waits for the department, as the API lists its open problems: routed to it (assigned, or returned
        // to be answered again), some of them overdue.
        var open = (await ApiAsync(page, "/api/problems?status=open&pageSize=500")).GetProperty("items").EnumerateArray()
            .Where(p => p.GetProperty("status").GetString() is "assigned" or "returned")
            .ToList();
        Assert.NotEmpty(open);
        var counts = page.Locator("#inbox-department ~ span strong");
        Assert.Equal(open.Count, await NumberAsync(counts.Nth(0)));
        Assert.Equal(open.Count(p => p.GetProperty("overdue").GetBoolean()), await NumberAsync(counts.Nth(1)));
        await Expect(page.Locator("#inbox [data-number]")).ToHaveCountAsync(open.Count);
        Assert.Equal(open.Select(p => p.GetProperty("number").GetString()).Order(), (await page.Locator("#inbox [data-number]").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.number)")).Order());

        if (width < 768)
        {
            // The header folds into its menu button.
            await Expect(page.Locator("#menu-button")).ToBeVisibleAsync();
            await Expect(page.Locator(".ks-nav")).ToBeHiddenAsync();
            Assert.False(await ScrollsSidewaysAsync(page), "The department's inbox scrolls sideways on a phone");
        }

        await BrowserFixture.ShotAsync(page, shot);

        // One problem opens on its page, judged on the inbox's date.
        var date = (await page.Locator("#desk-as-of").InnerTextAsync()).Replace("×", "", StringComparison.Ordinal).Trim();
        Assert.StartsWith("截至", date);
        var first = page.Locator("#inbox [data-number]").First;
        var number = await first.GetAttributeAsync("data-number");
        await first.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/problems/" + number, StringComparison.Ordinal));
        await Expect(page.Locator("#desk-as-of")).ToContainTextAsync(date);
        await Expect(page.Locator("#problem-as-of")).ToContainTextAsync(date);
        if (width < 768)
        {
            Assert.False(await ScrollsSidewaysAsync(page), "A problem's page scrolls sideways on a phone");
        }

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("demo-city", 1280, 900, "work-city.png")]
    [InlineData("demo-city", 390, 844, "work-city-phone.png")]
    [InlineData("demo-province", 1280, 900, "work-province.png")]
    [InlineData("demo-province", 390, 844, "work-province-phone.png")]
    public async Task TheCityAndTheProvince_SeeTheirUnitsLateReportingAndOverdueSupervisionFirst_EachCountLeadingToItsList(string user, int width, int height, string shot)
    {
        var (page, errors) = await SignInAsync(user, width, height);
        Assert.EndsWith("/work", page.Url);
        await Expect(page.Locator("h1")).ToContainTextAsync("工作台");

        // First: late reporting, then overdue supervision — the counts as the lists.
        Assert.Equal(["late", "overdue", "notices"], (await page.Locator(".ks-work-counts [data-count]").EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.count)")).Take(3));
        Assert.Equal(["late", "overdue", "notices"], (await page.Locator("section.ks-work").EvaluateAllAsync<string[]>("ss => ss.map(s => s.id)")).Take(3));

        // The counts are the API's for the same user and day.
        var work = await ApiAsync(page, "/api/work");
        var late = work.GetProperty("lateReports").GetArrayLength();
        var overdue = work.GetProperty("overdue").GetArrayLength();
        Assert.True(late + overdue > 0, "Nothing late and nothing overdue: the demo no longer tests this");
        Assert.Equal(late, await NumberAsync(page.Locator("[data-count=late] strong")));
        Assert.Equal(overdue, await NumberAsync(page.Locator("[data-count=overdue] strong")));
        await Expect(page.Locator("#late [data-late]")).ToHaveCountAsync(late);
        await Expect(page.Locator("#overdue [data-problem]")).ToHaveCountAsync(overdue);
        var date = (await page.Locator("#desk-as-of").InnerTextAsync()).Replace("×", "", StringComparison.Ordinal).Trim();
        if (width < 768)
        {
            await Expect(page.Locator("#menu-button")).ToBeVisibleAsync();
            await Expect(page.Locator(".ks-nav")).ToBeHiddenAsync();
            Assert.False(await ScrollsSidewaysAsync(page), "The 工作台 scrolls sideways on a phone");
        }

        await BrowserFixture.ShotAsync(page, shot);

        // The late reports by unit add up to the count, and each unit's count opens that unit's own late list.
        var lateUnits = await UnitLinksAsync(page, "[data-late-unit]");
        Assert.Equal(late, lateUnits.Sum(u => u.Count));
        foreach (var (unit, count, href) in lateUnits)
        {
            await page.GotoAsync(fixture.BaseUrl + href);
            await Expect(page.Locator("#work-as-of")).ToContainTextAsync(unit);
            await Expect(page.Locator("#desk-as-of")).ToContainTextAsync(date);
            await Expect(page.Locator("#late [data-late]")).ToHaveCountAsync(count);
        }

        // So do the overdue problems, each unit's opening the problems page on that unit's overdue problems.
        await page.GotoAsync(fixture.BaseUrl + "/work");
        var overdueUnits = await UnitLinksAsync(page, "[data-overdue-unit]");
        Assert.Equal(overdue, overdueUnits.Sum(u => u.Count));
        foreach (var (unit, count, href) in overdueUnits)
        {
            await page.GotoAsync(fixture.BaseUrl + href);
            await Expect(page.Locator("#problems-as-of")).ToHaveTextAsync(date);
            await Expect(page.Locator("#problems tr[data-number]")).ToHaveCountAsync(count);
            Assert.Equal(count, await page.Locator("#problems tr.table-danger").CountAsync());
        }

        // The count at the top jumps to its list; the list's own link opens the problems page with the same rows.
        await page.GotoAsync(fixture.BaseUrl + "/work");
        if (width < 768)
        {
            Assert.False(await ScrollsSidewaysAsync(page), "The 工作台 scrolls sideways on a phone");
        }

        await page.ClickAsync("[data-count=overdue]");
        Assert.EndsWith("/work#overdue", page.Url);
        await page.ClickAsync("#overdue-all");
        await page.WaitForURLAsync(url => url.Contains("/problems?", StringComparison.Ordinal));
        Assert.Contains("status=overdue", page.Url);
        await Expect(page.Locator("#problems-as-of")).ToHaveTextAsync(date);
        await Expect(page.Locator("#problems tr[data-number]")).ToHaveCountAsync(overdue);
        Assert.Empty(errors);
    }

    private static async Task<List<(string Unit, int Count, string Href)>> UnitLinksAsync(IPage page, string selector)
    {
        var result = new List<(string, int, string)>();
        foreach (var link in await page.Locator(selector).AllAsync())
        {
            var unit = (await link.GetAttributeAsync(selector[1..^1]))!;
            result.Add((unit, await NumberAsync(link.Locator("strong")), (await link.GetAttributeAsync("href"))!));
        }

        return result;
    }

    [Fact]
    public async Task TheZoneOfficer_LandsOnTheWorkPage_AndFollowsALeadAndAVisit_AsOfTheDesksDate()
    {
        var (page, errors) = await SignInAsync("demo-zone", 1280, 900);
        Assert.EndsWith("/work", page.Url);
        await Expect(page.Locator("h1")).ToContainTextAsync("工作台");
        await Expect(page.Locator("#work-as-of")).ToContainTextAsync("阳泉高新区");

        // Each count at the top is its list's length.
        foreach (var (id, row) in new[] { ("leads", "data-lead"), ("visits", "data-unvisited") })
        {
            var count = int.Parse(await page.Locator($"[data-count={id}] strong").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(count, await page.Locator($"#{id} [{row}]").CountAsync());
        }

        // As of 31 March (EnterpriseDemo, PromotionDemo): of 8 包联 enterprises 3 not visited in March (王强's one,
        // 李娜's two); 5 leads with no follow-up for 30 days or more, 赛迪 the one yellow at 35 days.
        await page.GotoAsync(fixture.BaseUrl + "/work?asOf=2024-03-31");
        await Expect(page.Locator("#work-as-of")).ToContainTextAsync("截至2024年3月31日");
        await Expect(page.Locator("[data-count=leads] strong")).ToHaveTextAsync("5");
        await Expect(page.Locator("[data-count=visits] strong")).ToHaveTextAsync("3");
        await Expect(page.Locator("#visits-assigned")).ToHaveTextAsync("包联8家");
        await Expect(page.Locator("#leads [data-lead]")).ToHaveCountAsync(5);
        await Expect(page.Locator("#visits [data-unvisited]")).ToHaveCountAsync(3);
        await BrowserFixture.ShotAsync(page, "work-zone.png");

        // The count jumps to its list on this page (a bare "#leads" would resolve against <base href="/">: the cockpit).
        await page.ClickAsync("[data-count=leads]");
        Assert.EndsWith("/work?asOf=2024-03-31#leads", page.Url);

        // A lead opens on its page, judged as of the same day.
        // 赛迪, the yellow one at 35 days, comes last (the longest first).
        var yellow = page.Locator("#leads [data-lead] a").Last;
        await Expect(yellow).ToContainTextAsync("中化科创产业园项目");
        await yellow.ClickAsync();
        await Expect(page.Locator("#lead-name")).ToContainTextAsync("中化科创产业园项目");
        Assert.Contains("asOf=2024-03-31", page.Url);
        await Expect(page.Locator("#lead-stale")).ToContainTextAsync("已35天未跟进");

        // An enterprise not visited opens its officer's visits, for March up to the 31st.
        await page.GoBackAsync();
        await page.Locator("#visits [data-unvisited]", new() { HasText = "李娜" }).First.Locator("a").ClickAsync();
        Assert.Contains("/visits?", page.Url);
        Assert.Contains("asOf=2024-03-31", page.Url);
        await Expect(page.Locator("h1")).ToContainTextAsync("李娜");
        await Expect(page.Locator("h1")).ToContainTextAsync("截至2024年3月31日");
        await Expect(page.Locator("#officer-coverage")).ToContainTextAsync("包联3家，已走访1家");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheZoneOfficer_OnAPhone_SeesTheSameCounts_AndReachesEachList()
    {
        var (page, errors) = await SignInAsync("demo-zone", 390, 844);
        Assert.EndsWith("/work", page.Url);
        await Expect(page.Locator("#menu-button")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(page), "The zone's 工作台 scrolls sideways on a phone");

        // The counts say what the API's 工作台 says, on the same date, and each leads to its list on the page.
        var work = await ApiAsync(page, "/api/work");
        var asOf = DateOnly.ParseExact(work.GetProperty("asOf").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(page.Locator("#work-as-of")).ToContainTextAsync($"截至{asOf.Year}年{asOf.Month}月{asOf.Day}日");
        var counts = page.Locator(".ks-work-counts [data-count]");
        Assert.True(await counts.CountAsync() >= 8, "the zone officer's counts are shown on a phone");
        foreach (var (id, row) in new[] { ("leads", "data-lead"), ("visits", "data-unvisited") })
        {
            var count = await NumberAsync(page.Locator($"[data-count={id}] strong"));
            Assert.Equal(count, await page.Locator($"#{id} [{row}]").CountAsync());
        }

        await BrowserFixture.ShotAsync(page, "work-zone-phone.png");
        await page.ClickAsync("[data-count=visits]");
        await Expect(page.Locator("#visits")).ToBeInViewportAsync();
        Assert.False(await ScrollsSidewaysAsync(page), "The zone's 工作台 scrolls sideways on a phone");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheEnterpriseReporter_AtADesk_SeesOnlyItsReportsToFile()
    {
        var (page, errors) = await SignInAsync("demo-enterprise", 1280, 900);
        Assert.EndsWith("/work", page.Url);
        await Expect(page.Locator("#to-file [data-to-file='YQGX-2024-001']")).ToBeVisibleAsync();
        foreach (var officerOnly in new[] { ".ks-work-counts", "#review", "#late", "#route", "#leads", "#visits", "#obligations", "#to-cockpit", "a[href*='/ledger/import']" })
        {
            Assert.Equal(0, await page.Locator(officerOnly).CountAsync());
        }

        await BrowserFixture.ShotAsync(page, "work-enterprise.png");

        // Its project's report form is one click away.
        await page.Locator("#to-file [data-to-file='YQGX-2024-001'] a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("YQGX-2024-001", StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheEnterpriseReporter_OnAPhone_SeesOnlyItsReportsToFile()
    {
        var (page, errors) = await SignInAsync("demo-enterprise", 390, 844);
        Assert.EndsWith("/work", page.Url);
        await Expect(page.Locator("#to-file-h")).ToContainTextAsync("本月待填报");
        await Expect(page.Locator("#to-file [data-to-file='YQGX-2024-001']")).ToBeVisibleAsync();

        // Nothing of an officer's: no counts, no review, leads or visits lists, no cockpit.
        foreach (var officerOnly in new[] { ".ks-work-counts", "#review", "#late", "#route", "#leads", "#visits", "#obligations", "#to-cockpit" })
        {
            Assert.Equal(0, await page.Locator(officerOnly).CountAsync());
        }

        Assert.False(await ScrollsSidewaysAsync(page), "The reporter's 工作台 scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, "work-enterprise-phone.png");

        // 我的项目, behind the phone's menu, is the list to file on this page.
        await page.ClickAsync("#menu-button");
        await page.ClickAsync("#nav-my-projects");
        await page.WaitForURLAsync(url => url.EndsWith("/work#to-file", StringComparison.Ordinal));
        await Expect(page.Locator("#to-file")).ToBeInViewportAsync();
        Assert.False(await ScrollsSidewaysAsync(page), "The reporter's 工作台 scrolls sideways on a phone");
        Assert.Empty(errors);
    }
}
