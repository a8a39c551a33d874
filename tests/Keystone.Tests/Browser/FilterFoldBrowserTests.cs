using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>
/// A list page's filters on a phone (FilterFold): folded behind one 筛选 button, opened by it, and sent without
/// losing the chosen 截至 date; on a desk-wide screen they are simply there. The ledger's has its own test.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FilterFoldBrowserTests(BrowserFixture fixture)
{
    // A day before the demo's today (2024-04-10), chosen in the URL.
    private const string AsOf = "2024-03-31";

    /// <summary>
    /// Each page: its fold, a field inside it, how to set that field (a value, or "" for the second unit in the
    /// list), the query the filter then adds to the URL, and the form's send button.
    /// </summary>
    public static TheoryData<string, string, string, string, string, string> Pages => new()
    {
        { "/problems", "#problem-filter-fold", "#status", "overdue", "status=overdue", "#problem-filters button[type=submit]" },
        { "/factors", "#factor-filter-fold", "#scope", "", "scope=", "#factor-scope button[type=submit]" },
        { "/enterprises", "#scope-filter-fold", "#aboveScale", "true", "aboveScale=true", "#scope-filter-fold button[type=submit]" },
        { "/promotion", "#promotion-filter-fold", "#scope", "", "scope=", "#promotion-scope button[type=submit]" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task OnAPhone_TheFiltersFoldBehindOneButton_AndApplyingOneKeepsTheDate(string path, string fold, string field, string value, string query, string send)
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844, user: "demo-city");
        await page.GotoAsync(fixture.BaseUrl + path + "?asOf=" + AsOf);
        await Expect(page.Locator("#desk-as-of")).ToContainTextAsync("截至2024年3月31日");

        // Folded: one button, no fields.
        var button = page.Locator(fold + " > summary");
        await Expect(button).ToBeVisibleAsync();
        await Expect(button).ToContainTextAsync("筛选");
        await Expect(page.Locator(".ks-fold > summary:visible")).ToHaveCountAsync(1);
        await Expect(page.Locator(fold + " " + field)).ToBeHiddenAsync();
        Assert.False(await ScrollsSidewaysAsync(page), $"{path} scrolls sideways on a phone");

        // Opened: the fields.
        await button.ClickAsync();
        await Expect(page.Locator(fold)).ToHaveAttributeAsync("open", "");
        await Expect(page.Locator(fold + " " + field)).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(page), $"{path} with its filters open scrolls sideways on a phone");
        await BrowserFixture.ShotAsync(page, path.Trim('/') + "-phone.png");

        // Applied: the filter and the date are both in the URL, the page still judged as of that date.
        if (value.Length > 0)
        {
            await page.SelectOptionAsync(fold + " " + field, value);
        }
        else
        {
            await page.SelectOptionAsync(fold + " " + field, new SelectOptionValue { Index = 1 });
        }

        await page.ClickAsync(send);
        await page.WaitForURLAsync(url => url.Contains(query, StringComparison.Ordinal) && !url.Contains("scope=&", StringComparison.Ordinal));
        Assert.Contains("asOf=" + AsOf, page.Url);
        await Expect(page.Locator("#desk-as-of")).ToContainTextAsync("截至2024年3月31日");
        await Expect(page.Locator(fold + " > summary")).ToBeVisibleAsync();
        await Expect(page.Locator(fold + " " + field)).ToBeHiddenAsync();
        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task OnADesk_TheFiltersAreSimplyShown(string path, string fold, string field, string value, string query, string send)
    {
        _ = (value, query, send);
        var (page, errors) = await fixture.NewPageAsync(1280, 900, user: "demo-city");
        await page.GotoAsync(fixture.BaseUrl + path + "?asOf=" + AsOf);
        await Expect(page.Locator(fold + " > summary")).ToBeHiddenAsync();
        await Expect(page.Locator(fold + " " + field)).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    private static async Task<bool> ScrollsSidewaysAsync(IPage page) =>
        await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
}
