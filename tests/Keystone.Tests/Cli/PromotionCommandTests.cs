using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Cli;

public class PromotionCommandTests
{
    [Theory]
    [DatabaseData]
    public async Task PromotionJson_HasTheAgreedFields_WithTheDemoZonesHandCount(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var result = await CliRunner.RunAsync("promotion", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--year", "2024", "--as-of", "2024-04-10", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!.AsObject();
        Assert.Equal(10, (int)json["leads"]!);
        Assert.Equal(3, (int)json["byStage"]!["negotiating"]!);
        Assert.Equal(4, (int)json["byChannel"]!["industry"]!);
        Assert.Equal(3, (int)json["signed"]!);
        Assert.Equal(179529m, (decimal)json["signedAmount"]!);
        Assert.Equal(20, (int)json["signedTarget"]!);
        Assert.Equal(15m, (decimal)json["signedRate"]!);
        Assert.Equal(1, (int)json["landed"]!);
        Assert.Equal(3, (int)json["stale"]!);

        // As of the end of 2021, seed 000's 国电投: signed 2021-09-03, started 2021-12-29, 117 days.
        var y2021 = await CliRunner.RunAsync("promotion", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--year", "2021", "--as-of", "2021-12-31", "--json");
        var past = JsonNode.Parse(y2021.Output)!.AsObject();
        Assert.Equal((1, 1, 117m), ((int)past["signed"]!, (int)past["landed"]!, (decimal)past["averageDaysToStart"]!));
        Assert.Null(past["signedRate"]); // no task for 2021: "—", never 0%

        var table = await CliRunner.RunAsync("promotion", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--as-of", "2024-04-10");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("17.95亿元", table.Output);
        Assert.Contains("已签约未开工：储能电池梯次利用项目", table.Output);
    }
}
