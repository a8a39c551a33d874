using System.Net;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class TargetsPagesTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    [Theory]
    [DatabaseData]
    public async Task TheCockpitAndTheTargetsPage_ShowTheTargetsAgainstTheFigures(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsync($"/?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"cockpit-targets\"", html);
        Assert.Contains("data-target=\"newStarts\"", html);
        Assert.Contains("88.5%", html); // 23 of 26
        Assert.Contains("暂无上年同期数据", html);

        (status, html) = await app.PageAsync($"/targets?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("name=\"newStarts\"", html);
        Assert.Contains("value=\"26\"", html);
        Assert.Contains("value=\"81000\"", html);
    }

    [Theory]
    [DatabaseData]
    public async Task TheTargetsForm_SavesForTheZonesOfficer_AndSaysWhyItRefuses(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var page = $"/targets?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10";
        var saved = await app.PostFormAsync("demo-zone", page, page, new Dictionary<string, string>
        {
            ["_handler"] = "targets",
            ["newStarts"] = "30",
            ["startRate"] = "60",
            ["resumeRate"] = "",
            ["completedInvestment"] = "90000",
            ["growth"] = "12",
        });
        Assert.True(saved.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther || saved.IsSuccessStatusCode, saved.StatusCode.ToString());
        var targets = await app.GetJsonAsync($"/api/targets?unit={Q("阳泉高新区")}&year=2024");
        Assert.Equal((30, 60m, 90_000m, 12m), ((int)targets["targets"]!["newStarts"]!, (decimal)targets["targets"]!["startRate"]!, (decimal)targets["targets"]!["completedInvestment"]!, (decimal)targets["targets"]!["growth"]!));
        Assert.Null(targets["targets"]!["resumeRate"]);

        var refused = await app.PostFormAsync("demo-zone", page, page, new Dictionary<string, string>
        {
            ["_handler"] = "targets",
            ["newStarts"] = "abc",
            ["startRate"] = "150",
        });
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"targets-errors\"", html);
        Assert.Contains("“abc”不是数字", html);
        Assert.Equal(30, (int)(await app.GetJsonAsync($"/api/targets?unit={Q("阳泉高新区")}&year=2024"))["targets"]!["newStarts"]!); // nothing saved
    }
}
