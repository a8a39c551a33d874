using Keystone.Core.Projects;

namespace Keystone.Core.Figures;

/// <summary>
/// Narrows a scope's rows to a key list, a category or an industry chain before computing figures
/// (省级重点 only, 产业类 only, 新能源 only). Unset parts match everything, so the default keeps every row.
/// </summary>
public sealed record PlanRowFilter
{
    /// <summary>Rows on any of these lists.</summary>
    public ProjectLevels? Levels { get; init; }

    public ProjectCategory? Category { get; init; }

    /// <summary>Compared after trimming, ordinal: chain names come from one vocabulary.</summary>
    public string? IndustryChain { get; init; }

    public bool Matches(PlanRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (Levels is not { } levels || (row.Levels & levels) != 0)
            && (Category is not { } category || row.Category == category)
            && (string.IsNullOrWhiteSpace(IndustryChain)
                || string.Equals(row.IndustryChain?.Trim(), IndustryChain.Trim(), StringComparison.Ordinal));
    }

    public IEnumerable<PlanRow> Apply(IEnumerable<PlanRow> rows) => rows.Where(Matches);

    /// <summary>A level filter from a code or Chinese name (provincial, 省级重点 …), or a clear refusal.</summary>
    public static ProjectLevels ParseLevel(string text) =>
        ProjectVocabulary.ParseLevel(text)
        ?? throw new DomainException(
            new($"项目级别“{text}”无效：可用 provincial、municipal、zone、ordinary 或 省级重点、市级重点、区级、一般", $"The level \"{text}\" is not valid: use provincial, municipal, zone, ordinary or 省级重点, 市级重点, 区级, 一般"),
            "level");
}
