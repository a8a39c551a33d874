using Keystone.Core.Ledger;
using Keystone.Core.Schedule;
using Keystone.Testing;

namespace Keystone.Core.Tests.Schedule;

public class NodePlanReaderTests
{
    private static readonly DateOnly Start = new(2024, 3, 1);

    private static TestLedger Plan(params object?[][] rows)
    {
        var ledger = new TestLedger { Headers = ["序号", "工作名称", "工期", "紧前工作", "目标日期", "实际开始", "实际完成", "责任部门"], Sheet = "节点计划" };
        ledger.Title("长治高新区智能高端装备制造产业三期项目节点计划表");
        foreach (var row in rows)
        {
            ledger.Row(row);
        }

        return ledger;
    }

    [Fact]
    public void ANodePlan_InTheZonesOwnWords_BecomesASchedule()
    {
        var ledger = Plan(
            ["A", "场平", "15", "", "", "2024.3.1", "2024年3月15日", "施工单位"],
            ["B", "基础", 60, "A", "", "", "", "施工单位"],
            ["C", "主体结构", "90", "B FS+5", "11月底", "", "", ""],
            ["D", "设备用房", "40", "B（SS-3）、A", "", "", "", ""],
            ["M", "主体封顶", "0", "C,D", "2024-11-30", "", "", ""]);

        var result = NodePlanReader.Read(ledger.Xlsx("节点计划.xlsx"), Start, new DateOnly(2024, 12, 31));

        Assert.Empty(result.Problems);
        var plan = Assert.IsType<SchedulePlanFile.Plan>(result.Plan);
        Assert.Equal(5, plan.Activities.Count);
        var c = plan.Activities.Single(a => a.Id == "C");
        Assert.Equal(new Predecessor("B", LinkType.FinishToStart, 5), Assert.Single(c.After));
        Assert.Equal(new DateOnly(2024, 11, 30), c.Due); // 11月底 of the plan's year
        Assert.Equal([new Predecessor("B", LinkType.StartToStart, -3), new Predecessor("A")], plan.Activities.Single(a => a.Id == "D").After);
        Assert.Equal(new DateOnly(2024, 3, 15), plan.Activities.Single(a => a.Id == "A").ActualFinish);
        Assert.True(plan.Activities.Single(a => a.Id == "M").IsMilestone);
        Assert.Equal(2, result.HeaderRow);
    }

    [Fact]
    public void EveryBadCell_IsNamed_AndThereIsNoPlan()
    {
        var ledger = Plan(
            ["A", "场平", "十五", "", "", "", "", ""],
            ["A", "基础", "60", "A XX", "2024-02-30", "", "", ""],
            ["C", "", "-1", "", "", "", "", ""]);

        var result = NodePlanReader.Read(ledger.Xlsx(), Start, null);

        Assert.Null(result.Plan);
        Assert.Contains(result.Problems, p => p.Row == 3 && p.Column == "工期" && p.Reason.Zh.Contains("整数天数"));
        Assert.Contains(result.Problems, p => p.Row == 4 && p.Column == "序号" && p.Reason.Zh.Contains("重复"));
        Assert.Contains(result.Problems, p => p.Row == 4 && p.Column == "紧前工作");
        Assert.Contains(result.Problems, p => p.Row == 4 && p.Column == "目标日期" && p.Reason.Zh.Contains("只有29天"));
        Assert.Contains(result.Problems, p => p.Row == 5 && p.Column == "工作名称");
    }

    [Fact]
    public void ACycle_IsAProblem_NamingItsActivities()
    {
        var ledger = Plan(["A", "甲", "3", "B", "", "", "", ""], ["B", "乙", "2", "A", "", "", "", ""]);
        var result = NodePlanReader.Read(ledger.Xlsx(), Start, null);
        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("A", problem.Reason.Zh);
        Assert.Contains("B", problem.Reason.Zh);
    }

    [Fact]
    public void AFileWithoutANodeHeader_IsRefused()
    {
        var ledger = new TestLedger { Headers = ["项目名称", "总投资"] };
        ledger.Row("甲", "1");
        var e = Assert.Throws<DomainException>(() => NodePlanReader.Read(ledger.Xlsx(), Start, null));
        Assert.Contains("节点名称", e.Text.Zh);
    }
}
