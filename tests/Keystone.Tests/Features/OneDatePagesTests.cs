using System.Net;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;

namespace Keystone.Tests.Features;

/// <summary>
/// The desk pages' shared behaviour on the demo (today 2024-04-10): one 截至 date carried in the URL, forms that
/// keep what was typed, and the 404 page for what is out of scope.
/// </summary>
public class OneDatePagesTests
{
    /// <summary>The markup from <paramref name="start"/> to the next <paramref name="end"/>: one row of a list.</summary>
    private static string Row(string html, string start, string end)
    {
        var at = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, "no " + start);
        return html[at..html.IndexOf(end, at, StringComparison.Ordinal)];
    }

    [Theory]
    [DatabaseData]
    public async Task AChosenDate_JudgesTheProblems_AndEveryLinkCarriesIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var zone = app.Client(user: "demo-zone");

        // Today P2024-0003 is 7 working days overdue; on Monday 4-8 it is two working days (4-9, 4-10) fewer.
        Assert.Contains("逾期7个工作日", Row(await zone.GetStringAsync("/problems"), "data-number=\"P2024-0003\"", "</tr>"));
        var list = await zone.GetStringAsync("/problems?asOf=2024-04-08");
        Assert.Contains("逾期5个工作日", Row(list, "data-number=\"P2024-0003\"", "</tr>"));
        Assert.Contains("href=\"/problems/P2024-0003?asOf=2024-04-08\"", list);
        Assert.Contains("<input type=\"hidden\" name=\"asOf\" value=\"2024-04-08\"", list);
        Assert.Contains("id=\"desk-as-of\"", list);
        Assert.Contains("截至2024年4月8日", list);
        // The header's links keep the date; the way back to the data date drops it.
        Assert.Contains("href=\"/battle-map?asOf=2024-04-08\"", list);
        Assert.Contains("href=\"/projects?asOf=2024-04-08\"", list);
        Assert.Contains("id=\"desk-as-of-clear\"", list);

        var problem = await zone.GetStringAsync("/problems/P2024-0003?asOf=2024-04-08");
        Assert.Contains("已逾期5个工作日", problem);
        Assert.Contains("（截至2024年4月8日）", problem);
        var work = await zone.GetStringAsync("/work?asOf=2024-04-08");
        Assert.Contains("逾期5个工作日", Row(work, "data-problem=\"P2024-0003\"", "</li>"));

        // Without a choice nothing is carried, and the header shows the page's own (data) date.
        var plain = await zone.GetStringAsync("/problems");
        Assert.Contains("href=\"/battle-map\"", plain);
        Assert.DoesNotContain("id=\"desk-as-of-clear\"", plain);
        Assert.Contains("截至2024年4月10日", plain);
    }

    [Theory]
    [DatabaseData]
    public async Task TheSchedule_ReadAtTheYearsEnd_SaysTheDeadlineIsAtRisk_NotOnTime(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var province = app.Client(user: "demo-province");
        var page = $"/projects/{DemoData.ScheduledProject}/schedule";
        var early = await province.GetStringAsync(page + "?asOf=2024-03-20");
        Assert.Contains("可按期完成，富余83天", early);

        var late = await province.GetStringAsync(page + "?asOf=2024-12-31");
        Assert.Contains("已滞后6项", late);
        Assert.Contains("按期完成存在风险", late);
        Assert.DoesNotContain("可按期完成", late);
        Assert.DoesNotContain("今天", late);
        var project = await province.GetStringAsync($"/projects/{DemoData.ScheduledProject}?asOf=2024-12-31");
        Assert.Contains("按期完成存在风险", project);
        Assert.DoesNotContain("可按期完成", project);
    }

    [Theory]
    [DatabaseData]
    public async Task ARefusedRaise_KeepsEverythingTyped_WithEachMessageBesideItsField(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var blank = await app.PageAsAsync("demo-zone", "/problems/new");
        // No silent default: the category starts unchosen.
        Assert.Contains("<option value selected>请选择类别</option>", blank.Html);

        var refused = await app.SubmitAsync("/problems/new", "raise",
        [
            ("projectCode", "NOPE-0001"), ("title", ""), ("category", ""), ("detail", "充电站需在平阳街开设道路开口"),
            ("deadline", "2024-04-30"), ("department", "阳泉高新区自然资源分局"), ("sourceKind", "visit"),
            ("visitor", "王磊"), ("visitedOn", "2024-04-09"), ("met", "项目经理"), ("leader", "张副市长"), ("words", "尽快协调"), ("period", "2024-03"),
        ], user: "demo-zone");
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        foreach (var kept in new[] { "value=\"NOPE-0001\"", ">充电站需在平阳街开设道路开口</textarea>", "value=\"2024-04-30\"", "value=\"阳泉高新区自然资源分局\"", "<option value=\"visit\" selected>", "value=\"王磊\"", "value=\"2024-04-09\"", "value=\"项目经理\"", "value=\"张副市长\"", ">尽快协调</textarea>", "value=\"2024-03\"" })
        {
            Assert.Contains(kept, html);
        }

        Assert.Contains("id=\"projectCode-error\">找不到项目“NOPE-0001”", html);
        Assert.Contains("id=\"title-error\">", html);
        Assert.Contains("id=\"category-error\">请选择问题类别", html);
        Assert.Contains("<option value selected>请选择类别</option>", html);
        Assert.Contains("<a href=\"#category\" class=\"alert-link\">", html);

        var raised = await app.SubmitAsync("/problems/new", "raise",
            [("projectCode", "YQGX-2024-009"), ("title", "充电站道路开口审批"), ("category", "procedures"), ("deadline", "2024-04-30")], user: "demo-zone");
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Contains("/problems/P2024-", raised.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [DatabaseData]
    public async Task AProblemOutsideOnesScope_GetsTheNotFoundPage(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsAsync("demo-department", "/problems/P2024-0003");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<html", html);
        Assert.Contains("id=\"page-problem\">找不到问题“P2024-0003”", html);
    }
}
