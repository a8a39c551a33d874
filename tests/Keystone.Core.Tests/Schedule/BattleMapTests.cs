using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Projects;
using Keystone.Core.Schedule;

namespace Keystone.Core.Tests.Schedule;

public class BattleMapTests
{
    private static readonly DateOnly AsOf = new(2024, 4, 10);

    private static BattleMapProject P(string code, int unit, ProjectLevels levels, Light light = Light.Green, DateOnly? start = null, DateOnly? completion = null) =>
        new(code.GetHashCode(StringComparison.Ordinal), code, "项目" + code, unit, levels, light) { PlannedStart = start, PlannedCompletion = completion };

    private static BattleMapResult Build(IEnumerable<BattleMapProject> projects, BattleMapFilter? filter = null, BattleMapGrouping grouping = BattleMapGrouping.Unit, IReadOnlyList<int>? units = null) =>
        BattleMap.Build(projects, filter ?? new BattleMapFilter(), grouping, units ?? [1, 2, 3], AsOf);

    [Fact]
    public void Groups_FollowTheUnitsOrder_AndRowsTheirStart()
    {
        var map = Build(
            [
                P("B", 3, ProjectLevels.Zone, start: new(2024, 5, 1)),
                P("A", 2, ProjectLevels.Zone, start: new(2024, 3, 1)),
                P("C", 3, ProjectLevels.Zone, start: new(2024, 2, 1)),
                P("D", 3, ProjectLevels.Zone),
            ],
            units: [1, 3, 2]);

        Assert.Equal([3, 2], map.Groups.Select(g => g.UnitId!.Value));
        Assert.Equal(["C", "B", "D"], map.Groups[0].Rows.Select(r => r.Project.Code)); // a row without a start goes last
        Assert.Equal(4, map.Total);
    }

    [Fact]
    public void ByLevel_AProjectOnSeveralListsSitsUnderItsHighest()
    {
        var map = Build(
            [P("A", 1, ProjectLevels.Municipal | ProjectLevels.Provincial), P("B", 1, ProjectLevels.Zone), P("C", 1, ProjectLevels.Municipal), P("E", 1, ProjectLevels.None)],
            grouping: BattleMapGrouping.Level);

        Assert.Equal([ProjectLevels.Provincial, ProjectLevels.Municipal, ProjectLevels.Zone, ProjectLevels.Ordinary], map.Groups.Select(g => g.Level!.Value));
        Assert.Equal("A", Assert.Single(map.Groups[0].Rows).Project.Code);
    }

    [Fact]
    public void Filters_ByLevelLightAndNameOrCode()
    {
        BattleMapProject[] projects =
        [
            P("YQ-1", 1, ProjectLevels.Provincial, Light.Red),
            P("YQ-2", 1, ProjectLevels.Municipal | ProjectLevels.Provincial, Light.Yellow),
            P("CZ-3", 2, ProjectLevels.Zone, Light.Green),
        ];

        Assert.Equal(["YQ-1", "YQ-2"], Build(projects, new() { Level = ProjectLevels.Provincial }).Rows.Select(r => r.Project.Code));
        Assert.Equal(["YQ-2"], Build(projects, new() { Light = Light.Yellow }).Rows.Select(r => r.Project.Code));
        Assert.Equal(["YQ-1", "YQ-2"], Build(projects, new() { LitOnly = true }).Rows.Select(r => r.Project.Code));
        Assert.Equal(["CZ-3"], Build(projects, new() { Query = "cz" }).Rows.Select(r => r.Project.Code));
        Assert.Equal(["CZ-3"], Build(projects, new() { Query = "项目CZ" }).Rows.Select(r => r.Project.Code));
        Assert.Equal(new LightCounts(1, 1, 0), Build(projects, new() { LitOnly = true }).Projects);
    }

    [Fact]
    public void ABar_RunsToTheForecastFinish_WithTheDeadlineMarked_OrToThePlannedCompletion()
    {
        var plan = new[]
        {
            new ScheduleActivity("A", "主体", 100),
            new ScheduleActivity("M", "封顶", 0) { After = [new("A")], Due = new DateOnly(2024, 5, 31) },
        };
        var computed = Scheduler.Compute(plan, new DateOnly(2024, 3, 1), new DateOnly(2024, 5, 31), AsOf);
        var nodes = MilestoneLights.Evaluate([new Milestone("封顶", new DateOnly(2024, 5, 31))], AsOf, LightRules.Default);
        var scheduled = P("S", 1, ProjectLevels.Zone, completion: new DateOnly(2025, 1, 1)) with { Schedule = computed, Nodes = nodes };
        var planned = P("P", 1, ProjectLevels.Zone, start: new(2024, 2, 1), completion: new DateOnly(2025, 6, 30));
        var open = P("O", 1, ProjectLevels.Zone, start: new(2024, 2, 1));

        var map = Build([scheduled, planned, open]);
        var s = map.Rows.Single(r => r.Project.Code == "S");
        Assert.Equal((new DateOnly(2024, 3, 1), computed.Finish, new DateOnly(2024, 5, 31)), (s.Start!.Value, s.End!.Value, s.Deadline!.Value));
        Assert.True(s.Overrun); // 100 days from 1 March end on 8 June, past 31 May
        var p = map.Rows.Single(r => r.Project.Code == "P");
        Assert.Equal((new DateOnly(2024, 2, 1), new DateOnly(2025, 6, 30)), (p.Start!.Value, p.End!.Value));
        Assert.False(p.Overrun);
        Assert.Null(map.Rows.Single(r => r.Project.Code == "O").End);
        Assert.Equal(new LightCounts(0, 0, 1), map.Nodes);

        // The axis: whole months around every bar and today.
        Assert.Equal((new DateOnly(2024, 2, 1), new DateOnly(2025, 6, 30)), (map.From, map.To));
    }

    [Fact]
    public void TheAxis_KeepsToYearsAroundToday_WhateverADateSays()
    {
        var map = Build([P("A", 1, ProjectLevels.Zone, start: new(1990, 1, 1), completion: new(2099, 12, 31))]);

        Assert.Equal(new DateOnly(2021, 1, 1), map.From);
        Assert.Equal(new DateOnly(2029, 12, 31), map.To);
    }

    [Fact]
    public void ACompletionBeforeTheStart_DrawsNoBackwardBar()
    {
        var row = Build([P("A", 1, ProjectLevels.Zone, start: new(2024, 6, 1), completion: new(2024, 1, 1))]).Rows.Single();

        Assert.Equal(new DateOnly(2024, 6, 1), row.Start);
        Assert.Null(row.End);
    }
}
