using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

/// <summary>
/// A project's factor page (/projects/{code}/factors): it shows what GET /api/projects/{code}/factors
/// answers, its forms write through the same domain methods or refuse and keep everything, and it is for
/// the officers of the project's scope only. The demo as of 2024-04-10: 阳泉高新区's YQGX-2024-006 has a
/// checklist with an overdue 容缺 obligation, YQGX-2024-008 a land gap.
/// </summary>
public partial class FactorPagesTests
{
    private const string Zone = "demo-zone";

    private static string Page(string code) => $"/projects/{code}/factors";

    /// <summary>The data attributes of the rows that carry <paramref name="key"/>: its value → the row's attributes.</summary>
    private static Dictionary<string, Dictionary<string, string>> Rows(string html, string key) =>
        Regex.Matches(html, $"<tr data-{key}=\"(?<id>[^\"]+)\"[^>]*>").ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups["id"].Value),
            m => Attribute().Matches(m.Value).ToDictionary(a => a.Groups["name"].Value, a => WebUtility.HtmlDecode(a.Groups["value"].Value)));

    [GeneratedRegex("data-(?<name>[a-z-]+)=\"(?<value>[^\"]*)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("[\\p{IsCJKUnifiedIdeographs}\\u3001-\\u303F\\uFF01-\\uFF5E]")]
    private static partial Regex Chinese();

    private static string Num(JsonNode? n) => n is null ? "" : ((decimal)n).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static string Id(string html, string id) => WebUtility.HtmlDecode(Regex.Match(html, $"id=\"{id}\"[^>]*>(?<text>[^<]*)<").Groups["text"].Value);

    private static string DataOf(string html, string id, string name) => Regex.Match(html, $"id=\"{id}\"[^>]*data-{name}=\"(?<v>[^\"]*)\"").Groups["v"].Value;

    [Theory]
    [DatabaseData]
    public async Task FactorPage_ShowsTheSheetAndTheChecklist_AsTheApiAnswers(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        foreach (var code in new[] { "YQGX-2024-006", "YQGX-2024-008", "YQGX-2024-010" })
        {
            var api = await app.GetJsonAsync($"/api/projects/{code}/factors", user: Zone);
            var (status, html) = await app.PageAsAsync(Zone, Page(code));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(Num(api["land"]!["gapMu"]), DataOf(html, "land-gap", "mu"));
            Assert.Equal(Num(api["land"]!["neededMu"]), DataOf(html, "land-needed", "mu"));
            Assert.Equal((string)api["land"]!["stage"]!, DataOf(html, "land-stage", "stage"), ignoreCase: true);
            Assert.Equal(Num(api["energy"]!["gapTce"]), DataOf(html, "energy-gap", "tce"));
            foreach (var gap in api["gaps"]!.AsArray())
            {
                Assert.Contains($"data-gap=\"{(string)gap!}\"", WebUtility.HtmlDecode(html));
            }

            var funds = Rows(html, "source");
            Assert.Equal(api["funds"]!.AsArray().Count, funds.Count);
            foreach (var f in api["funds"]!.AsArray())
            {
                var row = funds.Single(r => string.Equals(r.Key, (string)f!["source"]!, StringComparison.OrdinalIgnoreCase)).Value;
                Assert.Equal(Num(f!["applied"]), row["applied"]);
                Assert.Equal(Num(f["approved"]), row["approved"]);
                Assert.Equal(Num(f["received"]), row["received"]);
                Assert.Equal(Num(f["inPlaceRate"]), row["rate"]);
            }

            var items = Rows(html, "item");
            Assert.Equal(api["procedures"]!.AsArray().Select(p => (string)p!["name"]!), items.Keys);
            foreach (var p in api["procedures"]!.AsArray())
            {
                var row = items[(string)p!["name"]!];
                Assert.Equal((string)p["status"]!, row["status"], ignoreCase: true);
                Assert.Equal((string)p["mode"]!, row["mode"], ignoreCase: true);
                Assert.Equal((string?)p["appliedOn"] ?? "", row["applied"]);
                Assert.Equal((string?)p["approvedOn"] ?? "", row["approved"]);
                if (row["light"].Length > 0)
                {
                    Assert.Equal((string)p["light"]!, row["light"]);
                    foreach (var reason in p["reasons"]!.AsArray())
                    {
                        Assert.Contains((string)reason!, WebUtility.HtmlDecode(html));
                    }
                }
            }
        }

        // The 容缺 construction permit of 006 owes its papers since 2024-04-05: red, with the reason.
        var (_, baidu) = await app.PageAsAsync(Zone, Page("YQGX-2024-006"));
        Assert.Equal("red", Rows(baidu, "item")["施工许可"]["light"]);
        Assert.Contains("已逾期5天", baidu);

        // The project page links here with the project's gaps; the scope page links each row here.
        var (_, project) = await app.PageAsAsync(Zone, "/projects/YQGX-2024-008");
        Assert.Contains("href=\"/projects/YQGX-2024-008/factors\"", project);
        Assert.Contains("用地缺口120亩（已批复待供地）", project);
        var (_, scope) = await app.PageAsAsync(Zone, "/factors");
        Assert.Contains("href=\"/projects/YQGX-2024-008/factors\"", scope);
    }

    [Theory]
    [DatabaseData]
    public async Task EachForm_SavesThroughTheDomain_AndThePageShowsIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        const string code = "YQGX-2024-024";
        var page = Page(code);

        var response = await app.SubmitAsync(page, "land", [("neededMu", "50"), ("stage", "Supplied"), ("suppliedMu", "50"), ("suppliedOn", "2024-03-07")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await app.SubmitAsync(page, "energy", [("neededTce", "2000"), ("review", "Filed"), ("approvedTce", "")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await app.SubmitAsync(page, "funds", [("source", "SpecialBonds"), ("applied", "8000"), ("approved", "8000"), ("received", "2000")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await app.SubmitAsync(page, "emission", [("pollutant", "氮氧化物"), ("needed", "6"), ("obtained", "2")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await app.SubmitAsync(page, "checklist", [], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await app.SubmitAsync(page + "?item=" + Uri.EscapeDataString("施工许可"), "apply",
            [("item", "施工许可"), ("on", "2024-04-01"), ("mode", "AcceptedWithGaps"), ("department", "阳泉高新区住建局"), ("missingPapers", "施工图审查合格书"), ("supplyBy", "2024-04-22")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("saved=apply", response.Headers.Location!.ToString());
        response = await app.SubmitAsync(page + "?item=" + Uri.EscapeDataString("施工许可"), "approve", [("item", "施工许可"), ("on", "2024-04-08")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await app.SubmitAsync(page + "?item=" + Uri.EscapeDataString("施工许可"), "supply", [("item", "施工许可"), ("on", "2024-04-09")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var api = await app.GetJsonAsync($"/api/projects/{code}/factors", user: Zone);
        Assert.Equal(50m, (decimal)api["land"]!["suppliedMu"]!);
        Assert.Equal("2024-03-07", (string)api["land"]!["suppliedOn"]!);
        Assert.Equal(2000m, (decimal)api["energy"]!["neededTce"]!);
        Assert.Equal("filed", (string)api["energy"]!["review"]!, ignoreCase: true);
        Assert.Equal(25m, (decimal)api["funds"]![0]!["inPlaceRate"]!);
        Assert.Equal(4m, (decimal)api["emissions"]![0]!["gap"]!);
        var permit = api["procedures"]!.AsArray().Single(p => (string)p!["name"]! == "施工许可")!;
        Assert.Equal("阳泉高新区住建局", (string)permit["department"]!);
        Assert.Equal("2024-04-08", (string)permit["approvedOn"]!);
        Assert.Equal("2024-04-09", (string)permit["suppliedOn"]!);
        Assert.Equal(8, api["procedures"]!.AsArray().Count);

        var (_, html) = await app.PageAsAsync(Zone, page + "?saved=supply&what=" + Uri.EscapeDataString("施工许可"));
        Assert.Contains("已记录“施工许可”的容缺材料补正。", html);
        Assert.Equal("2024-04-08", Rows(html, "item")["施工许可"]["approved"]);
        Assert.Equal("4", Rows(html, "pollutant")["氮氧化物"]["gap"]);
        Assert.Equal("50", DataOf(html, "land-supplied", "mu"));
    }

    [Theory]
    [DatabaseData]
    public async Task OneApprovalOutsideTheTemplate_IsAdded_AndAnUnnamedOrRepeatedOneRefused(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        const string code = "YQGX-2024-024";
        var page = Page(code);
        int Count(System.Text.Json.Nodes.JsonObject api) => api["procedures"]!.AsArray().Count;
        var before = Count(await app.GetJsonAsync($"/api/projects/{code}/factors", user: Zone));

        var response = await app.SubmitAsync(page, "item-add", [("kind", "Other"), ("name", "使用林地审核"), ("department", "阳泉市林业局")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var api = await app.GetJsonAsync($"/api/projects/{code}/factors", user: Zone);
        Assert.Equal(before + 1, Count(api));
        Assert.Equal("阳泉市林业局", (string)api["procedures"]!.AsArray().Single(p => (string)p!["name"]! == "使用林地审核")!["department"]!);
        var (_, html) = await app.PageAsAsync(Zone, page);
        Assert.Contains("使用林地审核", Rows(html, "item").Keys);

        // "Other" needs a name; the same name twice is refused; each beside its field, nothing saved.
        var unnamed = await app.SubmitAsync(page, "item-add", [("kind", "Other"), ("name", ""), ("department", "")], user: Zone);
        Assert.Equal(HttpStatusCode.OK, unnamed.StatusCode);
        Assert.Contains("手续名称不能为空", await unnamed.Content.ReadAsStringAsync());
        var repeated = await app.SubmitAsync(page, "item-add", [("kind", "Other"), ("name", "使用林地审核"), ("department", "")], user: Zone);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Contains("项目已有“使用林地审核”", await repeated.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, Count(await app.GetJsonAsync($"/api/projects/{code}/factors", user: Zone)));
    }

    [Theory]
    [DatabaseData]
    public async Task RefusedInput_ChangesNothing_AndSaysWhyBesideTheForm(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        const string code = "YQGX-2024-006";
        var page = Page(code);
        var before = (await app.GetJsonAsync($"/api/projects/{code}/factors", user: Zone)).ToJsonString();

        var response = await app.SubmitAsync(page, "land", [("neededMu", "-5"), ("stage", "Filing")], user: Zone);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"land-neededMu-error\"", html);
        Assert.Contains("id=\"land-errors\"", html);
        Assert.Contains("value=\"-5\"", html); // what was typed comes back

        html = await (await app.SubmitAsync(page, "funds", [("source", "lottery"), ("applied", "100")], user: Zone)).Content.ReadAsStringAsync();
        Assert.Contains("资金来源“lottery”无效", WebUtility.HtmlDecode(html));
        html = await (await app.SubmitAsync(page, "funds", [("source", "BankLoans"), ("applied", "100"), ("approved", "200"), ("received", "abc")], user: Zone)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"funds-received-error\"", html);
        html = await (await app.SubmitAsync(page, "energy", [("neededTce", "")], user: Zone)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"energy-neededTce-error\"", html);

        // The 容缺 permit was applied for on 2024-01-30: an approval dated before that is refused.
        var itemPage = page + "?item=" + Uri.EscapeDataString("施工许可");
        html = await (await app.SubmitAsync(itemPage, "supply", [("item", "施工许可"), ("on", "2024-01-01")], user: Zone)).Content.ReadAsStringAsync();
        Assert.Contains("补正日期不能早于受理日期", html);
        Assert.Contains("id=\"supply-on-error\"", html);

        // In English the domain's English.
        html = await (await app.SubmitAsync(itemPage + "&culture=en-US", "supply", [("item", "施工许可"), ("on", "2024-01-01")], user: Zone)).Content.ReadAsStringAsync();
        Assert.Contains("The papers cannot be supplied before the application", html);

        Assert.Equal(before, (await app.GetJsonAsync($"/api/projects/{code}/factors", user: Zone)).ToJsonString());
    }

    [Theory]
    [DatabaseData]
    public async Task FactorPage_IsForTheOfficersOfTheProjectsScope(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, _) = await app.PageAsAsync(Zone, Page("GX-2024-002"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        foreach (var user in new[] { "demo-department", "demo-enterprise" })
        {
            (status, _) = await app.PageAsAsync(user, Page("YQGX-2024-006"));
            Assert.Equal(HttpStatusCode.Forbidden, status);
            var (_, projectPage) = await app.PageAsAsync(user, "/projects/YQGX-2024-006");
            Assert.DoesNotContain("id=\"factors-link\"", projectPage);
        }

        Assert.Equal(HttpStatusCode.OK, (await app.PageAsAsync(KeystoneApp.Admin, Page("GX-2024-002"))).Status);
    }

    [Theory]
    [DatabaseData]
    public async Task EnglishPage_HasNoChineseLabels(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var html = await app.Client("en-US", Zone).GetStringAsync(Page("YQGX-2024-006") + "?item=" + Uri.EscapeDataString("施工许可"));
        Assert.Contains("Factors and approvals", html);
        Assert.Contains("Construction permit", html);
        // Labels only: the data (names, departments, papers, reasons written in Chinese) stays as entered.
        var labels = Regex.Matches(html, "<(?:th|dt|label|h1|h2|summary|button|option)[^>]*>(?<text>[^<]*)<").Select(m => m.Groups["text"].Value).ToList();
        Assert.NotEmpty(labels);
        Assert.Equal([], labels.Where(l => Chinese().IsMatch(l.Replace("亩", "").Replace("万元", ""))).ToList());
    }
}
