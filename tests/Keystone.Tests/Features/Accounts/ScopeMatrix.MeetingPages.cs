using System.Globalization;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The meetings and inspections pages' own forms: recording a meeting or an inspection (naming the home zone as
/// its scope), and, on the home zone's March 调度会 and its inspection, the minutes, a decision, a stop and an
/// instruction — each with a body the home zone's officer would have had accepted.
/// </summary>
public sealed partial class ScopeMatrix
{
    private static (string Page, string Form)[] MeetingPageForms =>
    [
        ("/meetings", "meeting"),
        ("/meetings/{MeetingId:int}", "minutes"),
        ("/meetings/{MeetingId:int}", "decision"),
        ("/inspections", "inspection"),
        ("/inspections/{InspectionId:int}", "stop"),
        ("/inspections/{InspectionId:int}", "instruction"),
    ];

    /// <summary>The home zone's meeting or inspection a page route names.</summary>
    private string? MeetingPageId(string name) => name.ToLowerInvariant() switch
    {
        "meetingid" => homeMeetingId.ToString(CultureInfo.InvariantCulture),
        "inspectionid" => homeInspectionId.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static (string, string)[] MeetingPageFields(string? form) => form switch
    {
        "meeting" => [("scope", HomeUnit), ("kind", "调度会"), ("date", "2024-04-10"), ("chair", "矩阵页面主持人"), ("title", "矩阵页面调度会")],
        "minutes" => [("minutes", "矩阵页面会议纪要")],
        "decision" => [("text", "矩阵页面议定事项"), ("department", "阳泉高新区发展和改革局"), ("deadline", "2024-04-30"), ("category", "Other")],
        "inspection" => [("scope", HomeUnit), ("date", "2024-04-10"), ("leader", "矩阵页面领导"), ("title", "矩阵页面调研")],
        "stop" => [("project", HomeProject), ("reported", "矩阵页面汇报")],
        "instruction" => [("stop", "1"), ("to", "enterprise"), ("addressee", "项目企业"), ("words", "矩阵页面指示"), ("deadline", "2024-04-30"), ("category", "Other")],
        _ => [],
    };
}
