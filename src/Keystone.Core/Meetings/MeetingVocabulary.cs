using Keystone.Core.Projects;

namespace Keystone.Core.Meetings;

/// <summary>The names of the meeting kinds in both languages, and what people type for them.</summary>
public static class MeetingVocabulary
{
    public static readonly IReadOnlyList<MeetingKind> Kinds = Enum.GetValues<MeetingKind>();

    public static Text Name(MeetingKind kind) => kind switch
    {
        MeetingKind.Dispatch => new("调度会", "Dispatch meeting"),
        MeetingKind.Review => new("看述评", "Quarterly review"),
        MeetingKind.EconomicAnalysis => new("经济运行分析会", "Economic analysis meeting"),
    };

    /// <summary>How a sentence names the meeting: "上次调度会", "上次看述评会".</summary>
    public static string Spoken(MeetingKind kind) => kind switch
    {
        MeetingKind.Dispatch => "调度会",
        MeetingKind.Review => "看述评会",
        MeetingKind.EconomicAnalysis => "经济运行分析会",
    };

    public static MeetingKind ParseKind(string? text) => ProjectVocabulary.Normalize(text ?? "") switch
    {
        "dispatch" or "调度会" or "调度" or "项目调度会" => MeetingKind.Dispatch,
        "review" or "看述评" or "看述评会" or "述评" => MeetingKind.Review,
        "economicanalysis" or "economic" or "analysis" or "经济运行分析会" or "经济形势分析会" or "经济运行" => MeetingKind.EconomicAnalysis,
        _ => throw new DomainException(
            new($"会议类型“{text}”无效：可用 调度会、看述评、经济运行分析会", $"The meeting kind \"{text}\" is not valid: use dispatch, review or economicAnalysis"),
            "kind"),
    };
}
