using System.Net;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;

namespace Keystone.Tests.Features;

/// <summary>
/// "One date" for the API: a list or answer judged by date, asked without asOf, is judged as of the caller's data
/// date (the day the matching page opens at), says so in its asOf field, and refuses a date that is not one.
/// The demo's reports stop in March 2024, so on 2024-06-12 its data date is 2024-03-31.
/// </summary>
public class ApiAsOfTests
{
    private static readonly DateTimeOffset June12 = new(2024, 6, 12, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The answers judged by date, each with the JSON path of the date it says it used.</summary>
    private static readonly string[] Urls =
    [
        "/api/problems?status=open",
        "/api/problems/P2024-0003",
        "/api/figures",
        "/api/figures/breakdown?by=level",
        "/api/lights?all=true",
        "/api/factors",
        "/api/projects/YQGX-2024-001/factors",
        $"/api/projects/{DemoData.ScheduledProject}/schedule",
        "/api/leads",
        "/api/promotion/figures",
        "/api/briefings",
        "/api/meetings",
        "/api/inspections",
    ];

    private static string With(string url, string asOf) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "asOf=" + asOf;

    private static string? SaidAsOf(JsonObject answer) =>
        (answer["asOf"] ?? answer["figures"]?["asOf"])?.ToString();

    [Theory]
    [DatabaseData]
    public async Task WithoutAsOf_EveryAnswer_IsJudgedAsOfTheDataDate_AndSaysSo(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        app.Clock.SetUtcNow(June12);
        foreach (var url in Urls)
        {
            var plain = await app.GetJsonAsync(url, user: "demo-province");
            var dated = await app.GetJsonAsync(With(url, "2024-03-31"), user: "demo-province");
            Assert.True(JsonNode.DeepEquals(plain, dated), $"{url} without asOf differs from asOf=2024-03-31");
            Assert.Equal("2024-03-31", SaidAsOf(plain));
        }

        // Where the day matters, today's answer differs: P2024-0003's overdue days, the time elapsed, the schedule.
        foreach (var url in new[] { "/api/problems/P2024-0003", "/api/figures", $"/api/projects/{DemoData.ScheduledProject}/schedule", "/api/briefings" })
        {
            var plain = await app.GetJsonAsync(url, user: "demo-province");
            var today = await app.GetJsonAsync(With(url, "2024-06-12"), user: "demo-province");
            Assert.False(JsonNode.DeepEquals(plain, today), $"{url} as of today equals the data date's answer");
            Assert.Equal("2024-06-12", SaidAsOf(today));
        }

        // A meeting's or an inspection's decisions stand as of its unit's desk date (as its page shows them), or asOf.
        foreach (var kind in new[] { "meetings", "inspections" })
        {
            var items = (await app.GetJsonAsync($"/api/{kind}", user: "demo-province"))["items"]!.AsArray();
            Assert.NotEmpty(items);
            foreach (var item in items)
            {
                var url = $"/api/{kind}/{(int)item!["id"]!}";
                var unitsDate = SaidAsOf(await app.GetJsonAsync($"/api/{kind}?scope={Uri.EscapeDataString((string)item["unit"]!)}", user: "demo-province"))!;
                var plain = await app.GetJsonAsync(url, user: "demo-province");
                Assert.Equal(unitsDate, SaidAsOf(plain));
                Assert.True(JsonNode.DeepEquals(plain, await app.GetJsonAsync(With(url, unitsDate), user: "demo-province")), $"{url} without asOf differs from asOf={unitsDate}");
                Assert.Equal("2024-06-12", SaidAsOf(await app.GetJsonAsync(With(url, "2024-06-12"), user: "demo-province")));
            }
        }

        var problem = await app.GetJsonAsync("/api/problems/P2024-0003", user: "demo-province");
        var june = await app.GetJsonAsync("/api/problems/P2024-0003?asOf=2024-06-12", user: "demo-province");
        Assert.True(june["problem"]!["overdueDays"]!.GetValue<int>() > problem["problem"]!["overdueDays"]!.GetValue<int>());
    }

    [Theory]
    [DatabaseData]
    public async Task WhileTheScopeReports_TheDefaultIsToday(DbProvider provider)
    {
        // On the demo's own day (2024-04-10) March was reported, so the data date is today.
        await using var app = await KeystoneApp.StartAsync(provider);
        var list = await app.GetJsonAsync("/api/problems", user: "demo-province");
        Assert.Equal("2024-04-10", list["asOf"]!.ToString());
        var pool = await app.GetJsonAsync("/api/enterprises/pool", user: "demo-province");
        var april = await app.GetJsonAsync("/api/enterprises/pool?asOf=2024-04", user: "demo-province");
        Assert.True(JsonNode.DeepEquals(pool, april));
    }

    [Theory]
    [DatabaseData]
    public async Task ABadAsOf_IsRefused_InBothLanguages(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        foreach (var url in Urls)
        {
            foreach (var (language, words) in new[] { ("zh-CN", "日期“2024-13-01”应写作 2024-04-10"), ("en-US", "The date \"2024-13-01\" should look like 2024-04-10") })
            {
                using var client = app.Client(language, "demo-province");
                var response = await client.GetAsync(With(url, "2024-13-01"));
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode}");
                var problem = await KeystoneApp.ProblemAsync(response);
                Assert.Contains(words, problem["errors"]!["asOf"]!.AsArray().Select(e => e!.GetValue<string>()));
            }
        }
    }
}
