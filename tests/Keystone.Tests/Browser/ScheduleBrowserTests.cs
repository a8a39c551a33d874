using System.Text;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Schedule;
using Keystone.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Keystone.Tests.Browser;

/// <summary>The project schedule page and the battle map (挂图作战) in Chromium; any console error fails.</summary>
[Collection(BrowserCollection.Name)]
public partial class ScheduleBrowserTests(BrowserFixture fixture)
{
    private const string Code = DemoData.ScheduledProject;

    [Fact]
    public async Task SchedulePage_DrawsTheGanttWithTheCriticalPath_AndADurationIsChangedThroughTheForm()
    {
        var plan = SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(DemoData.SchedulePlan), "demo");
        var expected = Scheduler.Compute(plan.Activities, plan.Start, plan.Deadline, DateOnly.FromDateTime(TestDatabase.DemoDay.Date));
        var critical = expected.Critical.Select(a => a.Id).ToList();

        var (page, errors) = await fixture.NewPageAsync(1366, 900);
        await page.GotoAsync(fixture.BaseUrl + "/projects/" + Code);
        await Expect(page.Locator("#next-nodes")).ToContainTextAsync("完成主体结构");
        await page.ClickAsync("#schedule-link");

        await Expect(page.Locator("#gantt")).ToBeVisibleAsync();
        Assert.Equal(critical.Order(), (await page.Locator("#gantt g.ks-g-critical").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.activity)")).Order());
        await Expect(page.Locator("#gantt-today")).ToBeAttachedAsync();
        await Expect(page.Locator("#gantt-deadline")).ToBeAttachedAsync();
        await Expect(page.Locator("#critical-path")).ToContainTextAsync(string.Join(" → ", expected.Critical.OrderBy(a => a.EarlyStart).Select(a => a.Id)));
        // The critical bars are drawn in the critical colour, the others not.
        var fills = await page.Locator("#gantt g.ks-g-row .ks-g-bar").EvaluateAllAsync<string[]>("rs => rs.map(r => r.closest('g').dataset.activity + '=' + getComputedStyle(r).fill)");
        Assert.All(fills, f => Assert.Equal(critical.Contains(f.Split('=')[0]), f.EndsWith("rgb(200, 30, 30)", StringComparison.Ordinal)));
        await BrowserFixture.ShotAsync(page, "schedule.png");

        var before = await page.Locator("#schedule-finish").GetAttributeAsync("data-date");
        Assert.Equal(expected.Finish.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), before);
        await page.ClickAsync("[data-edit=E]");
        await Expect(page.Locator("#edit-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#edit-duration")).ToHaveValueAsync("120");
        await page.FillAsync("#edit-duration", "150");
        await BrowserFixture.ShotAsync(page, "schedule-edit.png");
        await page.ClickAsync("#save-activity");

        await Expect(page.Locator("#schedule-saved")).ToContainTextAsync("已保存“E”");
        var changed = plan with { Activities = plan.Activities.Select(a => a.Id == "E" ? a with { Duration = 150 } : a).ToList() };
        var after = Scheduler.Compute(changed.Activities, changed.Start, changed.Deadline, DateOnly.FromDateTime(TestDatabase.DemoDay.Date));
        await Expect(page.Locator("#schedule-finish")).ToHaveAttributeAsync("data-date", after.Finish.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(after.Finish > expected.Finish);
        await Expect(page.Locator("tr[data-activity=E] td").Nth(2)).ToHaveTextAsync("150");

        // A link that closes a loop is refused beside the links, naming the activities; nothing changes.
        await page.ClickAsync("[data-edit=A]");
        await page.FillAsync("#edit-after-0-id", "M1");
        await page.ClickAsync("#save-activity");
        await Expect(page.Locator("#edit-after-error")).ToContainTextAsync("循环依赖");
        await Expect(page.Locator("#edit-after-error")).ToContainTextAsync("M1");
        await Expect(page.Locator("#schedule-finish")).ToHaveAttributeAsync("data-date", after.Finish.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserFixture.ShotAsync(page, "schedule-cycle.png");

        // Put E back: the other tests read the demo as it was.
        await page.GotoAsync(fixture.BaseUrl + "/projects/" + Code + "/schedule?edit=E");
        await page.FillAsync("#edit-duration", "120");
        await page.ClickAsync("#save-activity");
        await Expect(page.Locator("#schedule-finish")).ToHaveAttributeAsync("data-date", before!);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task SchedulePage_FitsAPhoneScreen()
    {
        var (page, errors) = await fixture.NewPageAsync(390, 844);
        await page.GotoAsync(fixture.BaseUrl + "/projects/" + Code + "/schedule");
        await Expect(page.Locator("#gantt")).ToBeVisibleAsync();
        // Names what sticks out, so a failure says where to look.
        await BrowserFixture.ShotAsync(page, "schedule-phone.png");
        var wide = await page.EvaluateAsync<string>(WideElements);
        Assert.True(wide.Length == 0, "The page scrolls sideways on a phone: " + wide);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task BattleMap_ColoursTheNodes_AndPrintsEveryRowOnA3Landscape()
    {
        var (page, errors) = await fixture.NewPageAsync(1366, 900);
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.ClickAsync(".ks-nav >> text=挂图作战");
        await Expect(page.Locator("h1")).ToContainTextAsync("挂图作战");
        var total = int.Parse((await page.Locator("#battle-total").GetAttributeAsync("data-total"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total > 80, $"{total} projects on the province's map");
        await Expect(page.Locator("#battle-map .ks-bm-row").First).ToBeVisibleAsync();

        // The scheduled project's node, green as of the demo day, in its zone's group.
        await page.GotoAsync(fixture.BaseUrl + "/battle-map?scope=" + Uri.EscapeDataString("长治高新区"));
        var row = page.Locator($"#battle-map .ks-bm-row[data-code='{Code}']");
        await Expect(row.Locator(".ks-bm-node-green")).ToHaveCountAsync(1);
        await Expect(row.Locator(".ks-bm-bar")).ToHaveCountAsync(1);
        await page.GotoAsync(fixture.BaseUrl + "/battle-map?scope=" + Uri.EscapeDataString("长治高新区") + "&asOf=2024-11-25");
        await Expect(row.Locator(".ks-bm-node-yellow")).ToHaveCountAsync(1);
        await page.GotoAsync(fixture.BaseUrl + "/battle-map?scope=" + Uri.EscapeDataString("长治高新区") + "&asOf=2024-12-05");
        await Expect(row.Locator(".ks-bm-node-red")).ToHaveCountAsync(1);
        await Expect(row).ToHaveClassAsync(new Regex("ks-bm-light-red"));

        // Grouped by level, filtered, then printed: every row of the filter, the screen map hidden.
        await page.GotoAsync(fixture.BaseUrl + "/battle-map?scope=" + Uri.EscapeDataString("阳泉高新区"));
        await page.SelectOptionAsync("#group", "level");
        await page.ClickAsync("#apply-filters");
        Assert.Contains("group=level", page.Url);
        await Expect(page.Locator("#battle-map .ks-bm-group").First).ToContainTextAsync("省级重点");
        var shown = int.Parse((await page.Locator("#battle-total").GetAttributeAsync("data-total"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(65, shown);
        await BrowserFixture.ShotAsync(page, "battle-map-demo.png", fullPage: false);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header")).ToBeHiddenAsync();
        await Expect(page.Locator("#battle-map")).ToBeHiddenAsync();
        await Expect(page.Locator("#battle-map-print tr.ks-bm-print-row")).ToHaveCountAsync(shown);
        await Expect(page.Locator("#battle-map-print thead .ks-bm-tick").First).ToBeAttachedAsync();
        await BrowserFixture.ShotAsync(page, "battle-map-print.png");
        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
        var box = MediaBox().Match(pdf);
        Assert.True(box.Success, "no page size in the PDF");
        var (width, height) = (double.Parse(box.Groups["w"].Value, System.Globalization.CultureInfo.InvariantCulture), double.Parse(box.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture));
        // A3 is 420 × 297 mm, 1190.55 × 841.89 points; landscape is wider than high.
        Assert.InRange(width, 1188, 1193);
        Assert.InRange(height, 840, 844);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task BattleMap_With10000Projects_KeepsOnlyTheRowsInViewInThePage()
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        await using (var db = database.NewContext())
        {
            await GeneratedScope.AddAsync(db, 10_000);
        }

        var (app, baseUrl) = await BrowserFixture.StartAsync(database);
        try
        {
            var (page, errors) = await fixture.NewPageAsync(1600, 1000, baseUrl: baseUrl);
            await page.GotoAsync(baseUrl + "/battle-map?scope=" + Uri.EscapeDataString(GeneratedScope.City));
            await Expect(page.Locator("#battle-total")).ToHaveAttributeAsync("data-total", "10000");
            var rows = page.Locator("#battle-map .ks-bm-viewport .ks-bm-row, #battle-map .ks-bm-viewport .ks-bm-group");
            await Expect(rows.First).ToBeVisibleAsync();
            Assert.InRange(await rows.CountAsync(), 10, 100);
            Assert.Equal(0, await FirstIndexAsync(page));
            await Expect(page.Locator("#battle-map .ks-bm-node-red").First).ToBeVisibleAsync();
            await BrowserFixture.ShotAsync(page, "battle-map.png", fullPage: false);
            // What it costs the browser, for docs/benchmarks.md (reported, never asserted: timings vary by machine).
            TestContext.Current.TestOutputHelper?.WriteLine(await page.EvaluateAsync<string>(Timings));

            // Half way down: the window moves with the scroll, and the page still holds only what is in view.
            var middle = await page.EvaluateAsync<int>("() => { const v = document.querySelector('.ks-bm-viewport'); v.scrollTop = v.scrollHeight / 2; return Math.floor(v.scrollTop / 28); }");
            await Expect(page.Locator($"#battle-map [data-index='{middle}']")).ToBeAttachedAsync();
            await Expect(page.Locator("#battle-map [data-index='0']")).ToHaveCountAsync(0);
            Assert.InRange(await rows.CountAsync(), 10, 100);
            Assert.True(await FirstIndexAsync(page) > 4000);
            await BrowserFixture.ShotAsync(page, "battle-map-scrolled.png", fullPage: false);

            // To the end: the last project is there.
            await page.EvaluateAsync("() => { const v = document.querySelector('.ks-bm-viewport'); v.scrollTop = v.scrollHeight; }");
            var last = 10_000 + 10 - 1; // 10,000 rows and a header for each of the 10 zones
            await Expect(page.Locator($"#battle-map [data-index='{last}']")).ToBeAttachedAsync();
            Assert.InRange(await rows.CountAsync(), 10, 100);

            // Printed: the first rows up to the cap, and a note saying how to print the rest.
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await Expect(page.Locator("#print-note")).ToBeVisibleAsync();
            await Expect(page.Locator("#battle-map-print tr.ks-bm-print-row")).ToHaveCountAsync(Keystone.Features.Schedule.BattleMapPage.PrintMax);
            await BrowserFixture.ShotAsync(page, "battle-map-10000-print.png", fullPage: false);
            Assert.Empty(errors);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>"" when the page fits the screen; else the boxes whose content is wider than they are, to say where to look.</summary>
    private const string WideElements = """
        () => document.documentElement.scrollWidth <= window.innerWidth + 1 ? '' :
          [...document.querySelectorAll('body *')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')
            .slice(0, 6).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + e.scrollWidth + '/' + e.clientWidth).join('; ')
        """;

    /// <summary>The data's download, the first rows drawn, the DOM's size, and the frames of a scroll through the map.</summary>
    private const string Timings = """
        async () => {
          const data = performance.getEntriesByType('resource').find(e => e.name.includes('/battle-map/data'));
          const drawn = performance.getEntriesByName('battle-map-drawn')[0];
          const v = document.querySelector('.ks-bm-viewport');
          const frames = [];
          for (let i = 0; i < 120; i++) {
            const t = performance.now();
            v.scrollTop += 28 * 40;
            // Two frames, or half a second when the headless browser paints none (a frame that never comes would
            // hang the test: evaluate has no timeout).
            await Promise.race([new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))), new Promise(r => setTimeout(r, 500))]);
            frames.push(performance.now() - t);
          }
          frames.sort((a, b) => a - b);
          v.scrollTop = 0;
          return `data ${Math.round(data.responseEnd - data.requestStart)} ms (${Math.round(data.encodedBodySize / 1024)} KB), ` +
            `first rows drawn ${Math.round(drawn.startTime)} ms after navigation, ${document.querySelectorAll('*').length} elements in the page, ` +
            `scroll steps of 40 rows (two frames each): median ${frames[60].toFixed(1)} ms, max ${frames[119].toFixed(1)} ms`;
        }
        """;

    private static Task<int> FirstIndexAsync(IPage page) =>
        page.EvaluateAsync<int>("() => Math.min(...[...document.querySelectorAll('.ks-bm-viewport [data-index]')].map(e => +e.dataset.index))");

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+(?<w>[\d.]+)\s+(?<h>[\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
