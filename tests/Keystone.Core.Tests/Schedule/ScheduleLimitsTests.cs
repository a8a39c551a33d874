using System.Text;
using Keystone.Core.Ledger;
using Keystone.Core.Schedule;
using Keystone.Testing;

namespace Keystone.Core.Tests.Schedule;

/// <summary>A schedule's size is capped on every way in, and its dates stay within 1949–2100.</summary>
public class ScheduleLimitsTests
{
    private static readonly ScheduleLimits Three = new() { MaxActivities = 3, MaxLinks = 2 };

    private static string Json(int activities, bool chained = false) =>
        "{\"start\": \"2024-04-01\", \"activities\": [" + string.Join(", ", Enumerable.Range(0, activities).Select(i =>
            $"{{\"id\": \"N{i}\", \"duration\": 1{(chained && i > 0 ? $", \"after\": [\"N{i - 1}\"]" : "")}}}")) + "]}";

    [Fact]
    public void APlanFileOverTheCap_IsRefusedNamingTheLimit_AtTheFirstActivityTooMany()
    {
        Assert.Equal(3, SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(Json(3)), "计划.json", Three).Activities.Count);

        var e = Assert.Throws<DomainException>(() => SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(Json(200_000)), "计划.json", Three));
        Assert.Contains("4项以上工作，超过每个项目3项的上限", e.Text.Zh);
        Assert.Contains("more than the 3 allowed", e.Text.En);
    }

    [Fact]
    public void APlanOverTheLinkCap_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(Json(3, chained: true).Replace("\"after\": [\"N1\"]", "\"after\": [\"N1\", \"N0\"]", StringComparison.Ordinal)), "计划.json", Three));
        Assert.Contains("2条的上限", e.Text.Zh);
    }

    [Fact]
    public void AddingAnActivityToAFullPlan_IsRefused()
    {
        var plan = SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(Json(3)), "计划.json");

        var e = Assert.Throws<DomainException>(() => SchedulePlanEdits.Add(plan, new ScheduleActivity("X", "第四项", 1), Three));
        Assert.Contains("达到每个项目3项的上限", e.Text.Zh);
        Assert.Equal(4, SchedulePlanEdits.Add(plan, new ScheduleActivity("X", "第四项", 1), ScheduleLimits.Default).Activities.Count);
    }

    [Fact]
    public void ANodePlanOverTheCap_IsRefusedNamingTheLimit()
    {
        var ledger = new TestLedger { Headers = ["编号", "节点名称", "工期（天）"] };
        for (var i = 0; i < 5000; i++)
        {
            ledger.Row($"N{i}", $"节点{i}", 1);
        }

        var e = Assert.Throws<DomainException>(() => NodePlanReader.Read(ledger.Xlsx("节点计划.xlsx"), new DateOnly(2024, 4, 1), null, null, Three));
        Assert.Contains("超过每个项目3项的上限", e.Text.Zh);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("1900-01-01")]
    public void ADateOutsideTheSaneRange_InAPlanFileOrAnOption_IsRefusedNamingWhere(string date)
    {
        var file = Assert.Throws<DomainException>(() => SchedulePlanFile.Parse(Encoding.UTF8.GetBytes($"{{\"start\": \"2024-04-01\", \"activities\": [{{\"id\": \"A\", \"duration\": 1, \"due\": \"{date}\"}}]}}"), "计划.json"));
        Assert.Contains("activities[0] \"A\".due", file.Text.Zh);
        Assert.Contains("1949年至2100年", file.Text.Zh);

        var option = Assert.Throws<DomainException>(() => SchedulePlanFile.Date(date, "--deadline"));
        Assert.Equal("deadline", option.Field);
        Assert.Contains("1949 to 2100", option.Text.En);
    }
}
