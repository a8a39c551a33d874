using Keystone.Core.Projects;

namespace Keystone.Core.Problems;

/// <summary>What a problem is about (问题类别), as zones sort the problems they collect.</summary>
public enum ProblemCategory
{
    /// <summary>用地.</summary>
    Land,

    /// <summary>资金.</summary>
    Funds,

    /// <summary>手续 (前期手续, approvals).</summary>
    Procedures,

    /// <summary>用工.</summary>
    Labour,

    /// <summary>物流 (道路运输, 通行).</summary>
    Logistics,

    /// <summary>要素 (水电气暖, 能耗, 排放 …).</summary>
    Factors,

    /// <summary>其他.</summary>
    Other,
}

/// <summary>
/// Where a problem stands: raised (待交办) → assigned to a department (办理中) → answered (已答复) → closed
/// with the raiser's satisfaction (已办结), or returned by the raiser (退回重办) to be answered again or routed elsewhere.
/// </summary>
public enum ProblemStatus
{
    Open,
    Assigned,
    Answered,
    Returned,
    Closed,
}

/// <summary>How a problem reached the desk.</summary>
public enum ProblemSource
{
    /// <summary>Entered at the zone's desk (登记).</summary>
    Desk,

    /// <summary>By the enterprise's reporter, in a monthly report (月度填报).</summary>
    Report,

    /// <summary>By an officer after a visit to the enterprise (入企服务): who, when, whom.</summary>
    Visit,

    /// <summary>A leader's instruction on an inspection (调研交办): the leader, the date, the words.</summary>
    Inspection,

    /// <summary>A meeting's decision (会议交办: 调度会, 看述评, 经济运行分析会): the meeting and its date.</summary>
    Meeting,
}

/// <summary>The raiser's verdict when a problem is closed.</summary>
public enum Satisfaction
{
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
}

/// <summary>The names of the problem vocabularies in both languages, and what people type for them.</summary>
public static class ProblemVocabulary
{
    public static Text Name(ProblemCategory category) => category switch
    {
        ProblemCategory.Land => new("用地", "Land"),
        ProblemCategory.Funds => new("资金", "Funds"),
        ProblemCategory.Procedures => new("手续", "Approvals"),
        ProblemCategory.Labour => new("用工", "Labour"),
        ProblemCategory.Logistics => new("物流", "Logistics"),
        ProblemCategory.Factors => new("要素", "Utilities and quotas"),
        ProblemCategory.Other => new("其他", "Other"),
    };

    public static Text Name(ProblemStatus status) => status switch
    {
        ProblemStatus.Open => new("待交办", "Not yet routed"),
        ProblemStatus.Assigned => new("办理中", "With the department"),
        ProblemStatus.Answered => new("已答复", "Answered"),
        ProblemStatus.Returned => new("退回重办", "Returned"),
        ProblemStatus.Closed => new("已办结", "Closed"),
    };

    public static Text Name(ProblemSource source) => source switch
    {
        ProblemSource.Desk => new("登记", "Desk"),
        ProblemSource.Report => new("月度填报", "Monthly report"),
        ProblemSource.Visit => new("入企服务", "Enterprise visit"),
        ProblemSource.Inspection => new("调研交办", "Leader's instruction"),
        ProblemSource.Meeting => new("会议交办", "Meeting decision"),
    };

    public static Text Name(Satisfaction satisfaction) => satisfaction switch
    {
        Satisfaction.Satisfied => new("满意", "Satisfied"),
        Satisfaction.BasicallySatisfied => new("基本满意", "Basically satisfied"),
        Satisfaction.Dissatisfied => new("不满意", "Dissatisfied"),
    };

    public static readonly IReadOnlyList<ProblemCategory> Categories = Enum.GetValues<ProblemCategory>();

    public static ProblemCategory ParseCategory(string text) => ProjectVocabulary.Normalize(text) switch
    {
        "land" or "用地" or "土地" => ProblemCategory.Land,
        "funds" or "fund" or "资金" or "融资" => ProblemCategory.Funds,
        "procedures" or "approvals" or "手续" or "审批" or "前期手续" => ProblemCategory.Procedures,
        "labour" or "labor" or "用工" or "招工" => ProblemCategory.Labour,
        "logistics" or "物流" or "运输" or "交通" => ProblemCategory.Logistics,
        "factors" or "utilities" or "要素" or "水电气暖" => ProblemCategory.Factors,
        "other" or "其他" or "其它" => ProblemCategory.Other,
        _ => throw new DomainException(
            new($"问题类别“{text}”无效：可用 用地、资金、手续、用工、物流、要素、其他", $"The category \"{text}\" is not valid: use land, funds, procedures, labour, logistics, factors or other"),
            "category"),
    };

    public static Satisfaction ParseSatisfaction(string text) => ProjectVocabulary.Normalize(text) switch
    {
        "satisfied" or "满意" => Satisfaction.Satisfied,
        "basicallysatisfied" or "basically" or "基本满意" => Satisfaction.BasicallySatisfied,
        "dissatisfied" or "unsatisfied" or "不满意" => Satisfaction.Dissatisfied,
        _ => throw new DomainException(
            new($"满意度“{text}”无效：可用 满意、基本满意、不满意", $"The satisfaction \"{text}\" is not valid: use satisfied, basicallySatisfied or dissatisfied"),
            "satisfaction"),
    };

    public static ProblemSource ParseSource(string text) => ProjectVocabulary.Normalize(text) switch
    {
        "desk" or "登记" => ProblemSource.Desk,
        "report" or "月度填报" or "填报" => ProblemSource.Report,
        "visit" or "入企服务" or "走访" => ProblemSource.Visit,
        "inspection" or "instruction" or "调研交办" or "交办" or "调研" => ProblemSource.Inspection,
        "meeting" or "decision" or "会议交办" or "会议" => ProblemSource.Meeting,
        _ => throw new DomainException(
            new($"来源“{text}”无效：可用 desk、report、visit、inspection、meeting", $"The source \"{text}\" is not valid: use desk, report, visit, inspection or meeting"),
            "source.kind"),
    };
}
