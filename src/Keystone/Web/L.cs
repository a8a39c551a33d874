using System.Globalization;
using Keystone.Core;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Web;

/// <summary>
/// The pages' words in the request's language: zh-CN first, en-US when the reader switched to it (the culture
/// cookie) or the browser asks for it. Vocabulary names live here so every page names a level the same way.
/// </summary>
public static class L
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string zh, string en) => English ? en : zh;

    public static string T(Text text) => English ? text.En : text.Zh;

    public static string Name(ProjectLevels level) => English
        ? string.Join(", ", ProjectVocabulary.Split(level).Select(l => l switch
        {
            ProjectLevels.Provincial => "Provincial key",
            ProjectLevels.Municipal => "Municipal key",
            ProjectLevels.Zone => "Zone",
            _ => "Ordinary",
        }))
        : ProjectVocabulary.Name(level);

    public static string Name(ProjectCategory category) => English
        ? category switch
        {
            ProjectCategory.Industrial => "Industrial",
            ProjectCategory.Infrastructure => "Infrastructure",
            ProjectCategory.Livelihood => "Livelihood",
            ProjectCategory.Other => "Other",
        }
        : ProjectVocabulary.Name(category);

    public static string Name(ProjectStatus status) => English
        ? status switch
        {
            ProjectStatus.Preparing => "Preparing",
            ProjectStatus.UnderConstruction => "Under construction",
            ProjectStatus.Completed => "Completed",
            ProjectStatus.InProduction => "In production",
            ProjectStatus.Suspended => "Suspended",
        }
        : ProjectVocabulary.Name(status);

    public static string Name(Nature nature) => nature switch
    {
        Nature.New => T("新建", "New"),
        Nature.Continuing => T("续建", "Continuing"),
    };

    public static string Name(Light light) => light switch
    {
        Light.Red => T("红灯", "Red"),
        Light.Yellow => T("黄灯", "Yellow"),
        Light.Green => T("绿灯", "Green"),
    };

    /// <summary>"2024年3月" / "March 2024".</summary>
    public static string Month(Period period) => English
        ? new DateOnly(period.Year, period.Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture)
        : $"{period.Year}年{period.Month}月";

    /// <summary>"2024年4月10日" / "2024-04-10".</summary>
    public static string Date(DateOnly date) => English ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ChineseFormat.Date(date);

    /// <summary>"超序时进度3.2个百分点" / "3.2 points ahead of time"; "—" without a rate.</summary>
    public static string Pace(decimal? pace)
    {
        if (pace is not { } p)
        {
            return "—";
        }

        var points = ChineseFormat.Trim(decimal.Round(Math.Abs(p), 1, MidpointRounding.AwayFromZero));
        return English
            ? $"{points} points {(p >= 0 ? "ahead of" : "behind")} time"
            : $"{(p >= 0 ? "超" : "欠")}序时进度{points}个百分点";
    }

    public static string Count(int n) => English ? n.ToString(CultureInfo.InvariantCulture) : n.ToString(CultureInfo.InvariantCulture) + "个";
}
