using System.Globalization;

namespace Keystone.Core.Schedule;

/// <summary>
/// Where a building, plot or section stands (形象进度), in the order construction goes. Five are work
/// that is under way or finished (场平, 桩基, 基础, 主体, 装饰装修); 封顶 and 竣工 are events, done once
/// reached. Stored and serialised by name, so the order may gain members without renumbering.
/// </summary>
public enum ConstructionStage
{
    /// <summary>未开工.</summary>
    NotStarted,

    /// <summary>场平: site levelling.</summary>
    SiteLevelling,

    /// <summary>桩基: piles.</summary>
    Piles,

    /// <summary>基础: foundation.</summary>
    Foundation,

    /// <summary>主体: main structure.</summary>
    MainStructure,

    /// <summary>封顶: topped out (主体封顶).</summary>
    ToppedOut,

    /// <summary>装饰装修: fit-out.</summary>
    FitOut,

    /// <summary>竣工: completed.</summary>
    Completed,
}

public static class ConstructionStages
{
    public static string Zh(this ConstructionStage stage) => stage switch
    {
        ConstructionStage.NotStarted => "未开工",
        ConstructionStage.SiteLevelling => "场平",
        ConstructionStage.Piles => "桩基",
        ConstructionStage.Foundation => "基础",
        ConstructionStage.MainStructure => "主体",
        ConstructionStage.ToppedOut => "封顶",
        ConstructionStage.FitOut => "装饰装修",
        ConstructionStage.Completed => "竣工",
    };

    /// <summary>Work that takes time and can be reported under way or finished, as opposed to an event (封顶, 竣工) or 未开工.</summary>
    public static bool IsWork(this ConstructionStage stage) => stage is ConstructionStage.SiteLevelling
        or ConstructionStage.Piles or ConstructionStage.Foundation or ConstructionStage.MainStructure or ConstructionStage.FitOut;

    /// <summary>The names the ledgers use, with the common variants (主体封顶, 装修, 场地平整 …).</summary>
    public static bool TryParse(string? text, out ConstructionStage stage)
    {
        ConstructionStage? found = text?.Trim() switch
        {
            "未开工" => ConstructionStage.NotStarted,
            "场平" or "场地平整" => ConstructionStage.SiteLevelling,
            "桩基" or "桩基础" => ConstructionStage.Piles,
            "基础" => ConstructionStage.Foundation,
            "主体" or "主体结构" => ConstructionStage.MainStructure,
            "封顶" or "主体封顶" => ConstructionStage.ToppedOut,
            "装饰装修" or "装修" => ConstructionStage.FitOut,
            "竣工" => ConstructionStage.Completed,
            _ => null,
        };
        stage = found ?? default;
        return found is not null;
    }
}

/// <summary>
/// A building, plot or section (单体/地块/标段) of a project. It reports either a stage — under way, or with
/// <see cref="StageDone"/> finished ("11栋楼完成桩基施工") — or a percentage of one stage's work ("a1基础工程已完成80%").
/// </summary>
public sealed record WorkItem
{
    /// <summary>At a stage: its work under way, or finished when <paramref name="stageDone"/>; 封顶 and 竣工 are always done.</summary>
    public WorkItem(string? group, string name, ConstructionStage stage, bool stageDone = false)
    {
        Name = Named(name);
        if (!Enum.IsDefined(stage))
        {
            throw new ArgumentOutOfRangeException(nameof(stage));
        }

        if (stage == ConstructionStage.NotStarted && stageDone)
        {
            throw new DomainException(new($"“{name}”未开工，不能同时为已完成", $"\"{name}\" cannot be both not started and done"), "stageDone");
        }

        Group = Grouped(group);
        Stage = stage;
        StageDone = stageDone || stage is ConstructionStage.ToppedOut or ConstructionStage.Completed;
    }

    /// <summary>A percentage (0–100) of the work of <paramref name="stage"/>, or of the whole item without one.</summary>
    public WorkItem(string? group, string name, ConstructionStage? stage, decimal percent)
    {
        Name = Named(name);
        if (stage is { } s && !s.IsWork())
        {
            throw new DomainException(
                new($"“{name}”的完成百分比只能用于场平、桩基、基础、主体或装饰装修，不能用于{s.Zh()}", $"A percentage of \"{name}\" must be of site levelling, piles, foundation, main structure or fit-out, not {s}"),
                "stage");
        }

        if (percent is < 0 or > 100)
        {
            throw new DomainException(
                new($"“{name}”的完成百分比应在0到100之间（{ChineseFormat.Trim(percent)}）", $"The percentage of \"{name}\" must be between 0 and 100 ({ChineseFormat.Trim(percent)})"),
                "percent");
        }

        Group = Grouped(group);
        Stage = stage;
        Percent = percent;
    }

    /// <summary>The plot or group (A地块, 二标段), or null when the project has none.</summary>
    public string? Group { get; }

    /// <summary>The item's own name (3#楼, a1, 综合楼).</summary>
    public string Name { get; }

    public ConstructionStage? Stage { get; }

    /// <summary>The stage's work is finished rather than under way.</summary>
    public bool StageDone { get; }

    public decimal? Percent { get; }

    private static string Named(string name) =>
        string.IsNullOrWhiteSpace(name)
            ? throw new DomainException(new("单体名称不能为空", "A work item needs a name"), "name")
            : name.Trim();

    private static string? Grouped(string? group) => string.IsNullOrWhiteSpace(group) ? null : group.Trim();
}

/// <summary>How many items stand at a stage (and whether its work is finished).</summary>
public sealed record StageCount(ConstructionStage Stage, bool Done, int Count);

/// <summary>
/// The items of one plot (or of the whole project): counts by stage, most advanced first, the items
/// that report percentages in input order, and the sentence a briefing prints.
/// </summary>
public sealed record StageRollup(string? Group, int Items, IReadOnlyList<StageCount> Stages, IReadOnlyList<WorkItem> Percentages, string Text);

/// <summary>
/// Words the 形象进度 of a project's buildings as the newspapers do (seed 000): "A地块5栋楼完成封顶，4栋楼正在进行
/// 主体施工，11栋楼完成桩基施工；B地块26栋楼完成封顶，12栋楼正在进行主体施工", and percentages as seed 002:
/// "a1基础工程已完成80%". Deterministic: plots in the order they first appear, stages most advanced first,
/// finished work before work under way at the same stage, percentages last in input order. No closing
/// punctuation, so a briefing can embed the text ("目前，…。").
/// </summary>
public static class StageRollups
{
    /// <summary>The measure word for buildings (栋楼); pass "个标段", "个单体" … for other items.</summary>
    public const string Buildings = "栋楼";

    /// <summary>One rollup per plot, in the order the plots first appear (items without a plot form one of their own).</summary>
    public static IReadOnlyList<StageRollup> ByGroup(IEnumerable<WorkItem> items, string measure = Buildings)
    {
        ArgumentNullException.ThrowIfNull(items);
        Measured(measure);
        List<string?> groups = [];
        Dictionary<string, List<WorkItem>> byName = new(StringComparer.Ordinal);
        List<WorkItem>? ungrouped = null;
        foreach (var item in items)
        {
            List<WorkItem> list;
            if (item.Group is null)
            {
                if (ungrouped is null)
                {
                    groups.Add(null);
                }

                list = ungrouped ??= [];
            }
            else if (!byName.TryGetValue(item.Group, out list!))
            {
                groups.Add(item.Group);
                byName[item.Group] = list = [];
            }

            list.Add(item);
        }

        return groups.Select(g => Roll(g, g is null ? ungrouped! : byName[g], measure, itemNamesWithGroup: false)).ToList();
    }

    /// <summary>The whole project as one: counts across plots; items reporting percentages are named with their plot.</summary>
    public static StageRollup ForProject(IEnumerable<WorkItem> items, string measure = Buildings)
    {
        ArgumentNullException.ThrowIfNull(items);
        Measured(measure);
        return Roll(null, items.ToList(), measure, itemNamesWithGroup: true);
    }

    /// <summary>Every plot's sentence, joined with "；" as seed 000 joins A地块 and B地块.</summary>
    public static string Describe(IEnumerable<WorkItem> items, string measure = Buildings) =>
        string.Join("；", ByGroup(items, measure).Select(r => r.Text));

    private static StageRollup Roll(string? group, List<WorkItem> items, string measure, bool itemNamesWithGroup)
    {
        var stages = items
            .Where(i => i.Percent is null)
            .GroupBy(i => (Stage: i.Stage!.Value, Done: i.StageDone))
            .Select(g => new StageCount(g.Key.Stage, g.Key.Done, g.Count()))
            .OrderByDescending(c => c.Stage)
            .ThenByDescending(c => c.Done)
            .ToList();
        var percentages = items.Where(i => i.Percent is not null).ToList();
        var clauses = stages.Select(c => Clause(c, measure))
            .Concat(percentages.Select(i => Clause(i, itemNamesWithGroup)));
        var text = (group ?? "") + string.Join("，", clauses);
        return new StageRollup(group, items.Count, stages, percentages, items.Count == 0 ? "" : text);
    }

    private static string Clause(StageCount c, string measure)
    {
        var count = c.Count.ToString(CultureInfo.InvariantCulture) + measure;
        return c.Stage switch
        {
            ConstructionStage.NotStarted => $"{count}尚未开工",
            ConstructionStage.ToppedOut => $"{count}完成封顶",
            ConstructionStage.Completed => $"{count}已竣工",
            ConstructionStage.SiteLevelling or ConstructionStage.Piles or ConstructionStage.Foundation
                or ConstructionStage.MainStructure or ConstructionStage.FitOut =>
                c.Done ? $"{count}完成{c.Stage.Zh()}施工" : $"{count}正在进行{c.Stage.Zh()}施工",
        };
    }

    private static string Clause(WorkItem item, bool withGroup)
    {
        var name = (withGroup ? item.Group : null) + item.Name;
        var work = item.Stage is { } s ? s.Zh() + "工程" : "";
        var percent = item.Percent!.Value;
        return percent switch
        {
            100 => $"{name}{work}已完成",
            0 => work.Length > 0 ? $"{name}{work}尚未开始" : $"{name}尚未开工",
            _ => $"{name}{work}已完成{ChineseFormat.Percent(new Percent(percent))}",
        };
    }

    private static void Measured(string measure)
    {
        if (string.IsNullOrWhiteSpace(measure))
        {
            throw new ArgumentException("A measure word such as 栋楼 or 个标段 is required", nameof(measure));
        }
    }
}
