using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Lights;
using Keystone.Testing;

namespace Keystone.Tests.Features;

/// <summary>
/// docs/domain.md's default light rules include "a problem past its deadline is red": a project with an overdue
/// problem is red, with the problem's reason, on every list that shows lights — and one project shows one
/// light everywhere.
/// </summary>
public partial class ProjectLightsTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    [Theory]
    [DatabaseData]
    public async Task AnOverdueProblem_LightsItsProjectRed_WithItsReason_OnEveryPage(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var overdue = (await app.GetJsonAsync($"/api/problems?scope={Q("阳泉高新区")}&status=overdue&asOf=2024-04-10"))["items"]!.AsArray();
        Assert.NotEmpty(overdue);
        var lights = await LightsAsync(app, "2024-04-10");
        var battleMap = (await app.GetJsonAsync($"/battle-map/data?scope={Q("阳泉高新区")}&asOf=2024-04-10"))["rows"]!.AsArray()
            .ToDictionary(r => (string)r!["code"]!, r => (string)r!["light"]!);
        var (_, redLedger) = await app.PageAsync($"/projects?unit={Q("阳泉高新区")}&light=red&size=200&asOf=2024-04-10");
        foreach (var problem in overdue)
        {
            var code = (string)problem!["projectCode"]!;
            var title = (string)problem["title"]!;
            var light = lights[code];
            Assert.Equal("red", (string)light["light"]!);
            var reason = Assert.Single(light["reasons"]!.AsArray(), r => (string)r!["rule"]! == "problemOverdue" && ((string)r["text"]!).Contains(title, StringComparison.Ordinal));
            Assert.Equal("red", (string)reason!["light"]!);
            Assert.Equal("red", battleMap[code]);
            Assert.Contains(code, DeskPagesTests.Codes(redLedger));
            var (_, page) = await app.PageAsync($"/projects/{code}?asOf=2024-04-10");
            Assert.Contains(System.Net.WebUtility.HtmlEncode((string)reason["text"]!), page);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task AProblem_LightsNothing_BeforeItsDeadline(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var overdue = (await app.GetJsonAsync($"/api/problems?scope={Q("阳泉高新区")}&status=overdue&asOf=2024-04-10"))["items"]!.AsArray();
        var earliest = overdue.Min(p => DateOnly.Parse((string)p!["deadline"]!, System.Globalization.CultureInfo.InvariantCulture));

        // The day before the first deadline no problem is overdue (none was unrouted past its 2 working days in
        // the demo), so no project is lit for a problem.
        var before = earliest.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty((await app.GetJsonAsync($"/api/problems?scope={Q("阳泉高新区")}&status=overdue&asOf={before}"))["items"]!.AsArray());
        var lights = await LightsAsync(app, before, all: true);
        Assert.DoesNotContain(lights.Values, l => l["reasons"]!.AsArray().Any(r => (string)r!["rule"]! == "problemOverdue"));
    }

    [Theory]
    [DatabaseData]
    public async Task OneProjectShowsOneLight_InTheApiTheLedgerTheBattleMapAndTheCockpit(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var lights = await LightsAsync(app, "2024-04-10", all: true);
        var battleMap = (await app.GetJsonAsync($"/battle-map/data?scope={Q("阳泉高新区")}&asOf=2024-04-10"))["rows"]!.AsArray()
            .ToDictionary(r => (string)r!["code"]!, r => (string)r!["light"]!);
        Assert.Equal(lights.Count, battleMap.Count);
        foreach (var (code, light) in lights)
        {
            Assert.True((string)light["light"]! == battleMap[code], $"{code}: /api/lights {light["light"]}, battle map {battleMap[code]}");
        }

        foreach (var colour in new[] { "red", "yellow" })
        {
            var expected = lights.Where(l => (string)l.Value["light"]! == colour).Select(l => l.Key).Order(StringComparer.Ordinal).ToList();
            var (_, html) = await app.PageAsync($"/projects?unit={Q("阳泉高新区")}&light={colour}&size=200&asOf=2024-04-10");
            Assert.Equal(expected, DeskPagesTests.Codes(html));
        }

        // The cockpit lists the lit projects, red first, then yellow, each by code (up to 30: the demo zone has fewer).
        var lit = lights.Where(l => (string)l.Value["light"]! != "green")
            .OrderBy(l => (string)l.Value["light"]! == "red" ? 0 : 1).ThenBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key).ToList();
        Assert.InRange(lit.Count, 1, 30);
        var (_, cockpit) = await app.PageAsync($"/?scope={Q("阳泉高新区")}&asOf=2024-04-10");
        Assert.Equal(lit, DeskPagesTests.Codes(cockpit));
    }

    [Theory]
    [DatabaseData]
    public async Task AProjectIsJudgedByItsOwnUnitsRules_InTheCitysListsTheZonesItsPageAndTheBriefing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        // The city is strict: a project behind 序时进度 at all is red, a new project not started on its day is red.
        var city = await app.SendJsonAsync(HttpMethod.Put, $"/api/lights/rules?unit={Q("阳泉市")}", new { startOverdueMonths = 0, paceYellowPoints = 0m, paceRedPoints = 0m });
        Assert.Equal(System.Net.HttpStatusCode.OK, city.StatusCode);
        var strict = await LightsAsync(app, "2024-04-10", all: true);

        // The zone keeps its own thresholds: neither pace nor a late start lights anything there.
        var zone = await app.SendJsonAsync(HttpMethod.Put, $"/api/lights/rules?unit={Q("阳泉高新区")}", new { startOverdueMonths = (int?)null, paceYellowPoints = (decimal?)null, paceRedPoints = (decimal?)null });
        Assert.Equal(System.Net.HttpStatusCode.OK, zone.StatusCode);
        var own = (await LightsAsync(app, "2024-04-10", all: true)).ToDictionary(l => l.Key, l => (string)l.Value["light"]!);
        var changed = own.Keys.Where(code => (string)strict[code]["light"]! != own[code]).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(changed);

        // The city's lists judge the zone's projects by the zone's rules, not the city's.
        var cityLights = await LightsAsync(app, "2024-04-10", all: true, scope: "阳泉市");
        foreach (var (code, light) in own)
        {
            Assert.True(light == (string)cityLights[code]["light"]!, $"{code}: the zone's /api/lights {light}, the city's {cityLights[code]["light"]}");
        }

        foreach (var scope in new[] { "阳泉市", "阳泉高新区" })
        {
            var (_, red) = await app.PageAsync($"/projects?unit={Q(scope)}&light=red&size=200&asOf=2024-04-10");
            Assert.Equal(own.Where(l => l.Value == "red").Select(l => l.Key).Order(StringComparer.Ordinal), DeskPagesTests.Codes(red).Where(own.ContainsKey).Order(StringComparer.Ordinal));

            var briefing = (await app.GetJsonAsync($"/api/briefings?scope={Q(scope)}&asOf=2024-04-10&format=json"))["lights"]!.AsArray()
                .ToDictionary(l => (string)l!["code"]!, l => (string)l!["light"]!);
            foreach (var (code, light) in own)
            {
                Assert.True(light == briefing.GetValueOrDefault(code, "green"), $"{code}: /api/lights {light}, {scope}'s briefing {briefing.GetValueOrDefault(code, "green")}");
            }
        }

        foreach (var code in changed.Take(3))
        {
            var (_, page) = await app.PageAsync($"/projects/{code}?asOf=2024-04-10");
            Assert.Equal(own[code], ProjectPageLight().Match(page).Groups[1].Value);
        }
    }

    private static async Task<Dictionary<string, JsonObject>> LightsAsync(KeystoneApp app, string asOf, bool all = false, string scope = "阳泉高新区") =>
        (await app.GetJsonAsync($"/api/lights?scope={Q(scope)}&asOf={asOf}{(all ? "&all=true" : "")}"))["items"]!.AsArray()
            .ToDictionary(l => (string)l!["code"]!, l => l!.AsObject());

    /// <summary>The project's own light, beside its code under its name (the nodes' lights come further down).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("id=\"project-name\"[\\s\\S]*?ks-light ks-light-(\\w+)")]
    private static partial System.Text.RegularExpressions.Regex ProjectPageLight();
}
