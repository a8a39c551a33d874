using System.Net;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class TargetsApiTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    [Theory]
    [DatabaseData]
    public async Task Targets_AreSetPerUnitAndYear_AndTheFiguresStandAgainstThem(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var f = await app.GetJsonAsync($"/api/figures?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10");
        var newStarts = f["targets"]!["newStarts"]!;
        Assert.Equal((26m, 23m, 88.5m, 3m), ((decimal)newStarts["target"]!, (decimal)newStarts["actual"]!, (decimal)newStarts["rate"]!, (decimal)newStarts["gap"]!));
        Assert.Equal((59m, 52.3m, 88.6m), ((decimal)f["targets"]!["startRate"]!["target"]!, (decimal)f["targets"]!["startRate"]!["actual"]!, (decimal)f["targets"]!["startRate"]!["rate"]!));
        Assert.Null(f["investmentGrowth"]!["growth"]); // no 2023 base in the demo: "—"
        Assert.Null(f["targets"]!["growth"]!["actual"]);

        // The zone's own officer changes them; a target left out is cleared.
        var put = await app.SendJsonAsync(HttpMethod.Put, $"/api/targets?unit={Q("阳泉高新区")}&year=2024", new { newStarts = 30, completedInvestment = 90_000m }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var got = await app.GetJsonAsync($"/api/targets?unit={Q("阳泉高新区")}&year=2024", user: "demo-zone");
        Assert.Equal(30, (int)got["targets"]!["newStarts"]!);
        Assert.Null(got["targets"]!["startRate"]);
        f = await app.GetJsonAsync($"/api/figures?scope={Q("阳泉高新区")}&year=2024&asOf=2024-04-10");
        Assert.Equal(["newStarts", "completedInvestment"], f["targets"]!.AsObject().Select(p => p.Key));
        Assert.Equal(7m, (decimal)f["targets"]!["newStarts"]!["gap"]!); // 30 − 23

        // The city above sets its own; a level's figures carry no targets.
        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, $"/api/targets?unit={Q("阳泉市")}&year=2024", new { growth = 8m }, user: "demo-city")).StatusCode);
        Assert.Equal(8m, (decimal)(await app.GetJsonAsync($"/api/figures?scope={Q("阳泉市")}&asOf=2024-04-10"))["targets"]!["growth"]!["target"]!);
        Assert.Null((await app.GetJsonAsync($"/api/figures?scope={Q("阳泉高新区")}&asOf=2024-04-10&level=municipal"))["targets"]);
        Assert.Empty((await app.GetJsonAsync($"/api/figures?scope={Q("古县经济技术开发区")}&asOf=2024-04-10"))["targets"]!.AsObject());
    }

    [Theory]
    [DatabaseData]
    public async Task Targets_AreRefused_OutsideTheCallersUnit_AndWhenAbsurd(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        // A zone's officer cannot set its city's targets (a unit above is outside its scope), nor read them.
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Put, $"/api/targets?unit={Q("阳泉市")}&year=2024", new { newStarts = 1 }, user: "demo-zone")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Put, $"/api/targets?unit={Q("阳泉高新区")}&year=2024", new { newStarts = 1 }, user: "demo-enterprise")).StatusCode);
        var bad = await app.SendJsonAsync(HttpMethod.Put, $"/api/targets?unit={Q("阳泉高新区")}&year=2024", new { startRate = 120m });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await KeystoneApp.ProblemAsync(bad))["errors"]!["startRate"]);
    }
}
