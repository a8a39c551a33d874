using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Tests.Cli;

public class ProblemsCommandTests
{
    [Theory]
    [DatabaseData]
    public async Task Overdue_ListsTheEscalatedProblems_MostOverdueFirst_AsJson(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var result = await CliRunner.RunAsync("problems", "overdue", "--db", db.Target.ConnectionString, "--scope", "阳泉市", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal(2, (int)json["total"]!);
        var first = json["items"]![0]!;
        Assert.Equal("P2024-0003", (string)first["number"]!);
        Assert.Equal(7, (int)first["overdueDays"]!); // after 3-29: 4-1 to 4-3, 4-7 (a Sunday worked for 清明), 4-8 to 4-10
        Assert.Equal("阳泉市", (string)first["escalatedTo"]!);
        Assert.Equal("returned", (string)first["status"]!);
        Assert.Equal("P2024-0002", (string)json["items"]![1]!["number"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task List_IsATable_ThatNarrowsByStatus_AndMovesWithTheClock(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var all = await CliRunner.RunAsync("problems", "list", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("阳泉高新区 问题15个（截至2024年4月10日）", all.Output);
        Assert.Contains("P2024-0001", all.Output);
        Assert.Contains("7个工作日→", all.Output);
        Assert.Contains("（未交办）", all.Output);

        var closed = await CliRunner.RunAsync("problems", "list", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--status", "closed", "--json");
        Assert.Equal(["P2024-0001", "P2024-0009", "P2024-0010"], JsonNode.Parse(closed.Output)!["items"]!.AsArray().Select(i => (string)i!["number"]!).Order());

        // A week later the unrouted problem and the one due on the 12th are overdue too.
        var later = new FakeTimeProvider(new DateTimeOffset(2024, 4, 17, 9, 0, 0, TimeSpan.FromHours(8)));
        var week = await CliRunner.RunAsync(later, "problems", "overdue", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--json", "--lang", "en");
        Assert.Equal(4, (int)JsonNode.Parse(week.Output)!["total"]!);
        Assert.Contains(JsonNode.Parse(week.Output)!["items"]!.AsArray(), i => ((string)i!["reasons"]![0]!).StartsWith("Problem \"“电源端”光伏用地手续\" was not routed", StringComparison.Ordinal));

        var english = await CliRunner.RunAsync("problems", "overdue", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--lang", "en");
        Assert.Contains("2 overdue problems as of 2024-04-10", english.Output);
    }

    [Theory]
    [DatabaseData]
    public async Task BadInput_ExitsTwo_SayingWhy(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var status = await CliRunner.RunAsync("problems", "list", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--status", "lost");
        Assert.Equal(2, status.ExitCode);
        Assert.Contains("状态“lost”无效", status.Error);
        var scope = await CliRunner.RunAsync("problems", "overdue", "--db", db.Target.ConnectionString, "--scope", "火星开发区");
        Assert.Equal(2, scope.ExitCode);
        Assert.Contains("找不到单位", scope.Error);
    }
}
