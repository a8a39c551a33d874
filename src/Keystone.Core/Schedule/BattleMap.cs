using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Projects;

namespace Keystone.Core.Schedule;

/// <summary>How the battle map's rows are grouped.</summary>
public enum BattleMapGrouping
{
    /// <summary>By the unit that owns the project (开发区/县区/市).</summary>
    Unit,

    /// <summary>By the project's highest key list (省级重点 before 市级重点 …).</summary>
    Level,
}

/// <summary>
/// One project as the battle map (挂图作战) reads it: its light (the traffic-light rules with its nodes'
/// reasons), its plan dates and, when it keeps one, its computed schedule and its nodes' lights.
/// </summary>
public sealed record BattleMapProject(int ProjectId, string Code, string Name, int UnitId, ProjectLevels Levels, Light Light)
{
    /// <summary>计划开工时间 of the year's plan, else the actual start.</summary>
    public DateOnly? PlannedStart { get; init; }

    /// <summary>计划竣工时间: the deadline when the project keeps no schedule with one.</summary>
    public DateOnly? PlannedCompletion { get; init; }

    public ScheduleResult? Schedule { get; init; }

    public IReadOnlyList<MilestoneLight> Nodes { get; init; } = [];
}

/// <summary>
/// A project's bar: from its start (the schedule's start, else the plan's) to its forecast finish (the
/// schedule's) or, without a schedule, its deadline. <see cref="Deadline"/> is the schedule's deadline, else
/// 计划竣工时间. A bar without a start or an end is not drawn; the row still lists the project.
/// </summary>
public sealed record BattleMapRow(BattleMapProject Project, DateOnly? Start, DateOnly? Finish, DateOnly? Deadline)
{
    public DateOnly? End => Finish ?? Deadline;

    /// <summary>The forecast finish is after the deadline (工期目标无法按期完成).</summary>
    public bool Overrun => Finish is { } f && Deadline is { } d && f > d;
}

/// <summary>One group of rows: a unit's (<see cref="UnitId"/>) or a level's (<see cref="Level"/>).</summary>
public sealed record BattleMapGroup(int? UnitId, ProjectLevels? Level, IReadOnlyList<BattleMapRow> Rows);

/// <summary>What the map shows: every part optional; the query matches part of the name or the code.</summary>
public sealed record BattleMapFilter
{
    public ProjectLevels? Level { get; init; }

    /// <summary>Only projects of this light.</summary>
    public Light? Light { get; init; }

    /// <summary>Only red and yellow projects (when <see cref="Light"/> is not set).</summary>
    public bool LitOnly { get; init; }

    public string? Query { get; init; }
}

/// <summary>Counts by light, for the legend.</summary>
public readonly record struct LightCounts(int Red, int Yellow, int Green)
{
    public int Total => Red + Yellow + Green;

    public LightCounts Add(Light light) => light switch
    {
        Lights.Light.Red => this with { Red = Red + 1 },
        Lights.Light.Yellow => this with { Yellow = Yellow + 1 },
        Lights.Light.Green => this with { Green = Green + 1 },
    };
}

/// <summary>The battle map: its groups in display order, one time axis (whole months), and the counts.</summary>
public sealed record BattleMapResult(IReadOnlyList<BattleMapGroup> Groups, DateOnly From, DateOnly To, int Total, LightCounts Projects, LightCounts Nodes)
{
    public IEnumerable<BattleMapRow> Rows => Groups.SelectMany(g => g.Rows);
}

/// <summary>
/// Lays out 挂图作战: all the projects of a scope on one time axis, grouped and filtered. Pure: the lights
/// and schedules come computed (by <see cref="TrafficLights"/>, <see cref="Scheduler"/> and
/// <see cref="MilestoneLights"/>), so the map, the project page and the briefing agree on every colour.
/// </summary>
public static class BattleMap
{
    /// <summary>How far the axis reaches either side of the as-of date: a typo in one date must not squeeze every bar to a line.</summary>
    public const int YearsBefore = 3;

    public const int YearsAfter = 5;

    /// <param name="unitOrder">Every unit in display order (depth first from the scope); groups follow it.</param>
    public static BattleMapResult Build(
        IEnumerable<BattleMapProject> projects, BattleMapFilter filter, BattleMapGrouping grouping, IReadOnlyList<int> unitOrder, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(unitOrder);
        var query = filter.Query?.Trim();
        var rows = new List<BattleMapRow>();
        var projectCounts = new LightCounts();
        var nodeCounts = new LightCounts();
        foreach (var p in projects)
        {
            if ((filter.Level is { } level && (p.Levels & level) == 0)
                || (filter.Light is { } light && p.Light != light)
                || (filter.Light is null && filter.LitOnly && p.Light == Light.Green)
                || (!string.IsNullOrEmpty(query)
                    && !p.Name.Contains(query, StringComparison.OrdinalIgnoreCase)
                    && !p.Code.Contains(query, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var row = p.Schedule is { } s
                ? new BattleMapRow(p, s.Start, s.Finish, s.Deadline ?? p.PlannedCompletion)
                : new BattleMapRow(p, p.PlannedStart, null, p.PlannedCompletion);
            // A bar never ends before it starts: a completion typed before the start shows as the start alone.
            if (row is { Start: { } start, End: { } end } && end < start)
            {
                row = row with { Finish = null, Deadline = row.Deadline < start ? null : row.Deadline };
            }

            rows.Add(row);
            projectCounts = projectCounts.Add(p.Light);
            foreach (var node in p.Nodes)
            {
                nodeCounts = nodeCounts.Add(node.Light);
            }
        }

        var order = new Dictionary<int, int>();
        for (var i = 0; i < unitOrder.Count; i++)
        {
            order.TryAdd(unitOrder[i], i);
        }

        var groups = grouping switch
        {
            BattleMapGrouping.Unit => rows
                .GroupBy(r => r.Project.UnitId)
                .OrderBy(g => order.TryGetValue(g.Key, out var i) ? i : int.MaxValue).ThenBy(g => g.Key)
                .Select(g => new BattleMapGroup(g.Key, null, Sorted(g)))
                .ToList(),
            BattleMapGrouping.Level => rows
                .GroupBy(r => Highest(r.Project.Levels))
                .OrderBy(g => g.Key)
                .Select(g => new BattleMapGroup(null, g.Key, Sorted(g)))
                .ToList(),
        };

        var (from, to) = Axis(rows, asOf);
        return new BattleMapResult(groups, from, to, rows.Count, projectCounts, nodeCounts);
    }

    /// <summary>The first key list a project is on, in the order of importance (省级 → 市级 → 区级 → 一般).</summary>
    public static ProjectLevels Highest(ProjectLevels levels) =>
        ProjectVocabulary.AllLevels.FirstOrDefault(l => levels.HasFlag(l), ProjectLevels.Ordinary);

    private static List<BattleMapRow> Sorted(IEnumerable<BattleMapRow> rows) =>
        rows.OrderBy(r => r.Start ?? DateOnly.MaxValue).ThenBy(r => r.Project.Code, StringComparer.Ordinal).ToList();

    /// <summary>Whole months from the earliest start to the latest end or node, the as-of date always inside, within the bounds.</summary>
    private static (DateOnly From, DateOnly To) Axis(List<BattleMapRow> rows, DateOnly asOf)
    {
        var min = asOf;
        var max = asOf;
        foreach (var r in rows)
        {
            foreach (var d in new[] { r.Start, r.Finish, r.Deadline })
            {
                if (d is { } day)
                {
                    min = day < min ? day : min;
                    max = day > max ? day : max;
                }
            }

            foreach (var node in r.Project.Nodes)
            {
                min = node.Planned < min ? node.Planned : min;
                max = node.Planned > max ? node.Planned : max;
            }
        }

        var lower = new DateOnly(asOf.Year - YearsBefore, 1, 1);
        var upper = new DateOnly(asOf.Year + YearsAfter, 12, 31);
        min = min < lower ? lower : min;
        max = max > upper ? upper : max;
        var from = new DateOnly(min.Year, min.Month, 1);
        var to = new DateOnly(max.Year, max.Month, DateTime.DaysInMonth(max.Year, max.Month));
        return (from, to);
    }
}
