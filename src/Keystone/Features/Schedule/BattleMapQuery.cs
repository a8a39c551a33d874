using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Periods;
using Keystone.Core.Projects;
using Keystone.Core.Schedule;
using Keystone.Core.Units;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Schedule;

/// <summary>The battle map for a scope: its groups named in the reader's language.</summary>
public sealed record BattleMapView(DeskScope Scope, BattleMapGrouping Grouping, BattleMapResult Map, IReadOnlyList<string> GroupNames);

/// <summary>
/// The battle map's filters exactly as they stand in its URL (/battle-map?scope=…&amp;group=level&amp;light=red),
/// shared by the page and its data (/battle-map/data?…), so the bars drawn are the ones the page counted.
/// </summary>
public sealed record BattleMapFilters
{
    public string? Scope { get; init; }

    public int? Year { get; init; }

    public string? AsOf { get; init; }

    /// <summary>unit (default) or level.</summary>
    public string? Group { get; init; }

    public string? Level { get; init; }

    /// <summary>red, yellow, green, or lit (red or yellow).</summary>
    public string? Light { get; init; }

    public string? Q { get; init; }

    public bool Filtered => Level is not null || Light is not null || Q is not null;

    public static BattleMapFilters From(IQueryCollection query)
    {
        string? Get(string key) => query.TryGetValue(key, out var v) && v.ToString() is { Length: > 0 } s ? s.Trim() : null;
        return new BattleMapFilters
        {
            Scope = Get("scope"),
            Year = Get("year") is { } y && int.TryParse(y, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) ? year : null,
            AsOf = Get("asOf"),
            Group = Get("group"),
            Level = Get("level"),
            Light = Get("light"),
            Q = Get("q"),
        };
    }

    /// <summary>The filters as query parameters, for links and for the data the page's script reads.</summary>
    public (string Key, object? Value)[] Parameters(DeskScope scope) =>
    [
        ("scope", scope.Unit.Id), ("year", Year), ("asOf", AsOf), ("group", Group), ("level", Level), ("light", Light), ("q", Q),
    ];

    public async Task<BattleMapView> ResolveAsync(AppDbContext db, Caller caller, OrgTree tree, TimeProvider clock, CancellationToken ct = default)
    {
        var scope = await DeskScope.ResolveAsync(db, caller, tree, clock, Scope, Year, AsOf, ct);
        var errors = new List<DomainException>();
        ProjectLevels? level = Level is null ? null : ProjectVocabulary.ParseLevel(Level) ?? FilterValues.Invalid<ProjectLevels>(errors, "level", "项目级别", "level", Level);
        var grouping = Group?.ToLowerInvariant() switch
        {
            null or "unit" => BattleMapGrouping.Unit,
            "level" => BattleMapGrouping.Level,
            _ => FilterValues.Invalid<BattleMapGrouping>(errors, "group", "分组方式", "grouping", Group) ?? BattleMapGrouping.Unit,
        };
        var light = FilterValues.Light(Light, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var filter = new BattleMapFilter { Level = level, Light = light, LitOnly = Light?.ToLowerInvariant() == "lit", Query = Q };
        var projects = await ProjectsAsync(db, caller, tree, scope, filter, ct);
        var map = BattleMap.Build(projects, filter, grouping, Order(tree, scope.Unit.Id), scope.AsOf);
        var names = map.Groups.Select(g => g.UnitId is { } unit ? UnitName(tree, scope.Unit, unit) : L.Name(g.Level ?? ProjectLevels.Ordinary)).ToList();
        return new BattleMapView(scope, grouping, map, names);
    }

    /// <summary>
    /// Every project of the scope's plan year the caller may see, with its light (the rules and its nodes, as
    /// /api/lights gives it), its plan dates and its computed schedule.
    /// </summary>
    private static async Task<List<BattleMapProject>> ProjectsAsync(AppDbContext db, Caller caller, OrgTree tree, DeskScope scope, BattleMapFilter filter, CancellationToken ct)
    {
        var rules = await LightsData.RulesAsync(db, tree, ct);
        var rows = (await ScopeDesk.RowsAsync(db, tree, scope.Unit, scope.Year, scope.AsOf, ct)).Rows;
        var visible = caller.Projects(db.Projects, tree);
        if (!(scope.Unit.ParentId is null && tree.Roots.Count() == 1))
        {
            var units = tree.Subtree(scope.Unit.Id);
            visible = visible.Where(p => units.Contains(p.OrgUnitId));
        }

        // What the caller may see decides, whatever the rows say: a reporter sees its enterprise's projects only.
        var completion = await visible.AsNoTracking().Select(p => new { p.Id, p.PlannedCompletion }).ToDictionaryAsync(p => p.Id, p => p.PlannedCompletion, ct);
        // The level and the name are known before any schedule is read: only the projects they leave are scheduled
        // (the map applies the whole filter again, the light included).
        var q = filter.Query?.Trim();
        rows = rows.Where(r => completion.ContainsKey(r.ProjectId)
            && (filter.Level is not { } level || (r.Levels & level) != 0)
            && (string.IsNullOrEmpty(q) || r.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || r.Code.Contains(q, StringComparison.OrdinalIgnoreCase))).ToList();
        var schedules = await ScheduleData.ComputedAsync(db, ScheduleData.RulesOf(rows, rules), scope.AsOf, ct);
        var problems = await LightsData.ProblemsAsync(db, tree, rows, scope.AsOf, rules, ct);
        var lights = ProjectLights.Compose(rows, scope.Year, scope.AsOf, rules, ComputedSchedule.NodeReasons(schedules), problems).ToDictionary(l => l.ProjectId);
        return rows.Select(r =>
        {
            var computed = schedules.GetValueOrDefault(r.ProjectId);
            return new BattleMapProject(r.ProjectId, r.Code, r.Name, r.UnitId, r.Levels, lights.TryGetValue(r.ProjectId, out var l) ? l.Light : Core.Lights.Light.Green)
            {
                PlannedStart = r.PlannedStart ?? r.StartDate ?? r.ActualStart,
                PlannedCompletion = completion[r.ProjectId],
                Schedule = computed?.Result,
                Nodes = computed?.Nodes ?? [],
            };
        }).ToList();
    }

    /// <summary>The scope's units depth first, children in the tree's order: the order the groups are listed in.</summary>
    private static List<int> Order(OrgTree tree, int root)
    {
        var order = new List<int>();
        var stack = new Stack<int>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            order.Add(id);
            foreach (var child in tree.ChildrenOf(id).Reverse())
            {
                stack.Push(child.Id);
            }
        }

        return order;
    }

    /// <summary>A unit named from below the scope ("阳泉市 / 阳泉高新区" in the province), the scope by its own name.</summary>
    private static string UnitName(OrgTree tree, OrgUnitInfo scope, int unitId)
    {
        var names = new List<string>();
        for (int? current = unitId; current is { } c && c != scope.Id; current = tree[c].ParentId)
        {
            names.Add(tree[c].Name);
        }

        names.Reverse();
        return names.Count == 0 ? scope.Name : string.Join(" / ", names);
    }
}

/// <summary>
/// The battle map as its script reads it (GET /battle-map/data): days are counted from <see cref="From"/>, so
/// 10,000 rows stay small; a row's start and end are the first and the last day of its bar.
/// </summary>
public sealed record BattleMapData(
    DateOnly From, DateOnly To, DateOnly AsOf, int Total, BattleMapCounts Projects, BattleMapCounts Nodes,
    IReadOnlyList<BattleMapGroupData> Groups, IReadOnlyList<BattleMapRowData> Rows)
{
    public static BattleMapData Of(BattleMapView view)
    {
        var map = view.Map;
        int? Day(DateOnly? date) => date is { } d ? d.DayNumber - map.From.DayNumber : null;
        var rows = new List<BattleMapRowData>(map.Total);
        for (var g = 0; g < map.Groups.Count; g++)
        {
            foreach (var r in map.Groups[g].Rows)
            {
                rows.Add(new BattleMapRowData(
                    g, r.Project.Code, r.Project.Name, Name(r.Project.Light), Day(r.Start), Day(r.End), Day(r.Deadline), r.Overrun, r.Project.Schedule is not null,
                    r.Project.Nodes.Select(n => new object[] { Day(n.Planned)!.Value, Name(n.Light), n.Name, n.ActualFinish is { } f && f <= view.Scope.AsOf ? 1 : 0 }).ToList()));
            }
        }

        return new BattleMapData(
            map.From, map.To, view.Scope.AsOf, map.Total,
            BattleMapCounts.Of(map.Projects), BattleMapCounts.Of(map.Nodes),
            map.Groups.Select((g, i) => new BattleMapGroupData(view.GroupNames[i], g.Rows.Count)).ToList(),
            rows);
    }

    public static string Name(Light light) => light switch
    {
        Light.Red => "red",
        Light.Yellow => "yellow",
        Light.Green => "green",
    };
}

public sealed record BattleMapCounts(int Red, int Yellow, int Green)
{
    public static BattleMapCounts Of(LightCounts c) => new(c.Red, c.Yellow, c.Green);
}

public sealed record BattleMapGroupData(string Name, int Count);

/// <summary>
/// One bar: its group's index, the project, its light, its bar's first and last day, its deadline, whether
/// it keeps a schedule, and its nodes as [day, light, name, done (1 or 0)].
/// </summary>
public sealed record BattleMapRowData(int Group, string Code, string Name, string Light, int? Start, int? End, int? Deadline, bool Overrun, bool Scheduled, IReadOnlyList<object[]> Nodes);
