using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Schedule;

namespace Keystone.Core.Tests.Schedule;

public class MilestoneLightTests
{
    private static readonly Milestone Topping = new("主体封顶", new DateOnly(2024, 11, 30));

    private static MilestoneLight One(Milestone m, int month, int day, LightRules? rules = null) =>
        MilestoneLights.Evaluate(m, new DateOnly(2024, month, day), rules ?? LightRules.Default);

    [Theory]
    [InlineData(11, 22, Light.Green)] // 8 days to go
    [InlineData(11, 23, Light.Yellow)] // 7 days
    [InlineData(11, 30, Light.Yellow)] // due today
    [InlineData(12, 1, Light.Red)]
    [InlineData(12, 3, Light.Red)]
    public void Unfinished_IsYellowWithinSevenDays_AndRedPastItsDate(int month, int day, Light expected)
    {
        var light = One(Topping, month, day);

        Assert.Equal(expected, light.Light);
        Assert.Equal(expected == Light.Green ? 0 : 1, light.Reasons.Count);
        Assert.All(light.Reasons, r => Assert.Equal(LightRuleKind.MilestoneOverdue, r.Rule));
    }

    [Fact]
    public void Overdue_SaysHowLong_InBothLanguages()
    {
        var reason = Assert.Single(One(Topping, 12, 3).Reasons);

        Assert.Equal(Light.Red, reason.Light);
        Assert.Equal("节点“主体封顶”计划2024年11月30日完成，已逾期3天", reason.Text.Zh);
        Assert.Equal("Milestone \"主体封顶\" due on 30 November 2024 is 3 days overdue", reason.Text.En);
        Assert.Equal("Milestone \"主体封顶\" due on 30 November 2024 is 1 day overdue", One(Topping, 12, 1).Reasons[0].Text.En);
    }

    [Fact]
    public void DueSoon_SaysHowLongIsLeft_InBothLanguages()
    {
        var reason = Assert.Single(One(Topping, 11, 25).Reasons);

        Assert.Equal(Light.Yellow, reason.Light);
        Assert.Equal("节点“主体封顶”计划2024年11月30日完成，还有5天到期", reason.Text.Zh);
        Assert.Equal("Milestone \"主体封顶\" due on 30 November 2024 is due in 5 days", reason.Text.En);
        Assert.Equal("节点“主体封顶”计划2024年11月30日完成，今天到期", One(Topping, 11, 30).Reasons[0].Text.Zh);
        Assert.Equal("Milestone \"主体封顶\" due on 30 November 2024 is due in 1 day", One(Topping, 11, 29).Reasons[0].Text.En);
    }

    [Fact]
    public void ForecastPastItsDate_IsRedBeforeTheDateArrives_SayingByHowMuch()
    {
        var forecastLate = Topping with { Forecast = new DateOnly(2024, 12, 15) };

        var reason = Assert.Single(One(forecastLate, 9, 1).Reasons); // three months before the date
        Assert.Equal(Light.Red, reason.Light);
        Assert.Equal(LightRuleKind.MilestoneOverdue, reason.Rule);
        Assert.Equal("节点“主体封顶”计划2024年11月30日完成，预计2024年12月15日完成，将逾期15天", reason.Text.Zh);
        Assert.Equal("Milestone \"主体封顶\" due on 30 November 2024 is forecast for 15 December 2024, 15 days late", reason.Text.En);

        // A forecast on or before the date changes nothing; finished, it is green.
        Assert.Equal(Light.Green, One(Topping with { Forecast = new DateOnly(2024, 11, 30) }, 9, 1).Light);
        Assert.Equal(Light.Yellow, One(Topping with { Forecast = new DateOnly(2024, 11, 28) }, 11, 25).Light);
        Assert.Equal(Light.Green, One(forecastLate with { ActualFinish = new DateOnly(2024, 8, 30) }, 9, 1).Light);
    }

    [Fact]
    public void Finished_IsGreen_EvenWhenItFinishedLate_ButNotBeforeItFinished()
    {
        var late = Topping with { ActualFinish = new DateOnly(2024, 12, 2) };

        Assert.Equal(Light.Green, One(late, 12, 3).Light);
        Assert.Empty(One(late, 12, 3).Reasons);
        Assert.Equal(Light.Red, One(late, 12, 1).Light); // as of 1 December it had not finished
        Assert.Equal(Light.Green, One(Topping with { ActualFinish = new DateOnly(2024, 11, 20) }, 11, 25).Light);
    }

    [Fact]
    public void YellowWindow_IsARule()
    {
        Assert.Equal(7, LightRules.Default.MilestoneYellowDays);
        Assert.Equal(Light.Green, One(Topping, 11, 25, LightRules.Default with { MilestoneYellowDays = 3 }).Light);
        Assert.Equal(Light.Yellow, One(Topping, 11, 27, LightRules.Default with { MilestoneYellowDays = 3 }).Light);
        Assert.Equal(Light.Green, One(Topping, 11, 30, LightRules.Default with { MilestoneYellowDays = null }).Light);
        Assert.Equal(Light.Red, One(Topping, 12, 1, LightRules.Default with { MilestoneYellowDays = null }).Light);
        Assert.Throws<ArgumentOutOfRangeException>(() => MilestoneLights.Evaluate([Topping], new DateOnly(2024, 11, 1), LightRules.Default with { MilestoneYellowDays = -1 }));
    }

    [Fact]
    public void TheOtherRules_KeepTheirDefaults()
    {
        Assert.Equal(3, LightRules.Default.StartOverdueMonths);
        Assert.Equal(10m, LightRules.Default.PaceYellowPoints);
        Assert.Equal(30m, LightRules.Default.PaceRedPoints);
    }

    [Fact]
    public void Evaluate_KeepsTheMilestonesOrder()
    {
        Milestone[] map =
        [
            new("桩基完成", new DateOnly(2024, 6, 30), new DateOnly(2024, 6, 28)),
            Topping,
            new("竣工验收", new DateOnly(2025, 6, 30)),
            new("基础完成", new DateOnly(2024, 9, 30)),
        ];

        var lights = MilestoneLights.Evaluate(map, new DateOnly(2024, 11, 25), LightRules.Default);

        Assert.Equal(["桩基完成", "主体封顶", "竣工验收", "基础完成"], lights.Select(l => l.Name));
        Assert.Equal([Light.Green, Light.Yellow, Light.Green, Light.Red], lights.Select(l => l.Light));
        Assert.Equal("节点“基础完成”计划2024年9月30日完成，已逾期56天", lights[3].Reasons[0].Text.Zh);
    }
}
