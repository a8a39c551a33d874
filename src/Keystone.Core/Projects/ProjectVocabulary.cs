namespace Keystone.Core.Projects;

/// <summary>The key lists a project is on (项目级别). A project may be on the provincial and the municipal list at once.</summary>
[Flags]
public enum ProjectLevels
{
    None = 0,
    Provincial = 1,
    Municipal = 2,
    Zone = 4,
    Ordinary = 8,
}

/// <summary>项目类别.</summary>
public enum ProjectCategory
{
    Industrial,
    Infrastructure,
    Livelihood,
    Other,
}

/// <summary>项目状态.</summary>
public enum ProjectStatus
{
    Preparing,
    UnderConstruction,
    Completed,
    InProduction,
    Suspended,
}

/// <summary>
/// The Chinese names of the project vocabularies and the variants people write in ledgers
/// (省级重点工程/省重点/省级 → provincial …). One place, so the importer, the API and the pages agree.
/// </summary>
public static class ProjectVocabulary
{
    public static readonly IReadOnlyList<ProjectLevels> AllLevels =
        [ProjectLevels.Provincial, ProjectLevels.Municipal, ProjectLevels.Zone, ProjectLevels.Ordinary];

    public static string Name(ProjectLevels level) => level switch
    {
        ProjectLevels.Provincial => "省级重点",
        ProjectLevels.Municipal => "市级重点",
        ProjectLevels.Zone => "区级",
        ProjectLevels.Ordinary => "一般",
        _ => string.Join("、", AllLevels.Where(l => level.HasFlag(l)).Select(Name)),
    };

    public static string Code(ProjectLevels level) => level switch
    {
        ProjectLevels.Provincial => "provincial",
        ProjectLevels.Municipal => "municipal",
        ProjectLevels.Zone => "zone",
        ProjectLevels.Ordinary => "ordinary",
        _ => string.Join(",", AllLevels.Where(l => level.HasFlag(l)).Select(Code)),
    };

    public static IEnumerable<ProjectLevels> Split(ProjectLevels levels) => AllLevels.Where(l => levels.HasFlag(l));

    public static string Name(ProjectCategory category) => category switch
    {
        ProjectCategory.Industrial => "产业类",
        ProjectCategory.Infrastructure => "基础设施类",
        ProjectCategory.Livelihood => "民生类",
        ProjectCategory.Other => "其他",
    };

    public static string Name(ProjectStatus status) => status switch
    {
        ProjectStatus.Preparing => "前期",
        ProjectStatus.UnderConstruction => "在建",
        ProjectStatus.Completed => "竣工",
        ProjectStatus.InProduction => "投产",
        ProjectStatus.Suspended => "停缓建",
    };

    /// <summary>One level from a code or a Chinese name with its variants; null when unknown.</summary>
    public static ProjectLevels? ParseLevel(string text)
    {
        var s = Normalize(text);
        return s switch
        {
            "provincial" or "省级" or "省重点" or "省级重点" or "省级重点项目" or "省级重点工程" or "省级重点工程项目" or "省重点项目" or "省重点工程" => ProjectLevels.Provincial,
            "municipal" or "市级" or "市重点" or "市级重点" or "市级重点项目" or "市级重点工程" or "市级重点工程项目" or "市重点项目" or "市重点工程" => ProjectLevels.Municipal,
            "zone" or "区级" or "区级重点" or "园区级" or "县级" or "县级重点" or "区县级" or "区重点" or "县重点" or "区级重点项目" => ProjectLevels.Zone,
            "ordinary" or "一般" or "一般项目" or "其他" => ProjectLevels.Ordinary,
            _ => null,
        };
    }

    /// <summary>
    /// Several levels written together ("省级重点、市级重点", "省市重点", "provincial,municipal");
    /// null when any part is unknown.
    /// </summary>
    public static ProjectLevels? ParseLevels(string text)
    {
        var s = Normalize(text);
        if (s is "省市重点" or "省市级重点" or "省市级")
        {
            return ProjectLevels.Provincial | ProjectLevels.Municipal;
        }

        var parts = s.Split([',', '，', '、', ';', '；', '/', '|', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        var result = ProjectLevels.None;
        foreach (var part in parts)
        {
            if (ParseLevel(part) is not { } level)
            {
                return null;
            }

            result |= level;
        }

        return result;
    }

    public static ProjectCategory? ParseCategory(string text) => Normalize(text) switch
    {
        "industrial" or "产业类" or "产业" or "产业项目" or "工业" or "工业类" or "工业项目" => ProjectCategory.Industrial,
        "infrastructure" or "基础设施类" or "基础设施" or "基础设施建设" or "基础设施项目" or "基础类" => ProjectCategory.Infrastructure,
        "livelihood" or "民生类" or "民生" or "民生项目" or "社会民生" or "社会事业" => ProjectCategory.Livelihood,
        "other" or "其他" or "其它" or "其他类" or "其它类" => ProjectCategory.Other,
        _ => null,
    };

    public static ProjectStatus? ParseStatus(string text) => Normalize(text) switch
    {
        "preparing" or "前期" or "前期阶段" or "储备" or "谋划" or "未开工" or "拟开工" => ProjectStatus.Preparing,
        "underconstruction" or "在建" or "建设中" or "施工中" or "已开工" or "开工" => ProjectStatus.UnderConstruction,
        "completed" or "竣工" or "已竣工" or "完工" or "建成" => ProjectStatus.Completed,
        "inproduction" or "投产" or "已投产" or "达产" or "运营" or "试生产" => ProjectStatus.InProduction,
        "suspended" or "停缓建" or "停建" or "缓建" or "停工" => ProjectStatus.Suspended,
        _ => null,
    };

    /// <summary>Trimmed, ASCII lower case, full-width letters and spaces folded, inner spaces removed.</summary>
    public static string Normalize(string? text)
    {
        var chars = (text ?? "").Select(c => c switch
        {
            >= '！' and <= '～' => (char)(c - 0xFEE0),
            '\u3000' => ' ',
            _ => c,
        }).Where(c => !char.IsWhiteSpace(c));
        return new string(chars.ToArray()).ToLowerInvariant();
    }
}
