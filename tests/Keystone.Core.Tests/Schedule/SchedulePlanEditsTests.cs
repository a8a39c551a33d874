using Keystone.Core.Schedule;

namespace Keystone.Core.Tests.Schedule;

public class SchedulePlanEditsTests
{
    private static readonly SchedulePlanFile.Plan Plan = new(
        new DateOnly(2024, 3, 1),
        new DateOnly(2024, 11, 30),
        [
            new ScheduleActivity("A", "基础", 30),
            new ScheduleActivity("B", "主体", 60) { After = [new("A")] },
            new ScheduleActivity("M", "封顶", 0) { After = [new("B")] },
        ]);

    [Fact]
    public void Change_ReplacesTheActivityInItsPlace()
    {
        var changed = SchedulePlanEdits.Change(Plan, "B", new ScheduleActivity("B", "主体结构", 75) { After = [new("A", LinkType.StartToStart, -3)] });

        Assert.Equal(["A", "B", "M"], changed.Activities.Select(a => a.Id));
        Assert.Equal(75, changed.Activities[1].Duration);
        Assert.Equal(60, Plan.Activities[1].Duration); // the old plan is untouched
    }

    [Fact]
    public void Change_RefusesALinkToItself_OrTwiceToTheSame()
    {
        var self = Assert.Throws<DomainException>(() => SchedulePlanEdits.Change(Plan, "B", new ScheduleActivity("B", "主体", 60) { After = [new("B")] }));
        Assert.Contains("不能以自身为前置工作", self.Text.Zh);
        Assert.Equal("after", self.Field);
        var twice = Assert.Throws<DomainException>(() => SchedulePlanEdits.Change(Plan, "B", new ScheduleActivity("B", "主体", 60) { After = [new("A"), new("A", LinkType.FinishToFinish)] }));
        Assert.Contains("“A”重复", twice.Text.Zh);
        Assert.Throws<NotFoundException>(() => SchedulePlanEdits.Change(Plan, "Z", new ScheduleActivity("Z", "无", 1)));
    }

    [Fact]
    public void Add_RefusesAnIdInUse()
    {
        Assert.Equal(4, SchedulePlanEdits.Add(Plan, new ScheduleActivity("C", "装修", 20) { After = [new("M")] }).Activities.Count);
        var used = Assert.Throws<DomainException>(() => SchedulePlanEdits.Add(Plan, new ScheduleActivity("A", "又一个", 5)));
        Assert.Equal("id", used.Field);
    }

    [Fact]
    public void Remove_IsRefusedWhileOthersComeAfterIt_NamingThem()
    {
        var refused = Assert.Throws<DomainException>(() => SchedulePlanEdits.Remove(Plan, "A"));
        Assert.Equal("工作“B”以“A”为前置工作，请先修改它们的前置工作", refused.Text.Zh);
        Assert.Equal(["A", "B"], SchedulePlanEdits.Remove(Plan, "M").Activities.Select(a => a.Id));
        var single = new SchedulePlanFile.Plan(Plan.Start, null, [Plan.Activities[0]]);
        Assert.Throws<DomainException>(() => SchedulePlanEdits.Remove(single, "A"));
    }

    [Fact]
    public void Dates_RefuseADeadlineBeforeTheStart()
    {
        Assert.Null(SchedulePlanEdits.Dates(Plan, new DateOnly(2024, 4, 1), null).Deadline);
        var refused = Assert.Throws<DomainException>(() => SchedulePlanEdits.Dates(Plan, new DateOnly(2024, 4, 1), new DateOnly(2024, 3, 31)));
        Assert.Equal("deadline", refused.Field);
    }
}
