namespace Keystone.Core.Promotion;

/// <summary>
/// A lead's stages in order (docs/domain.md "Investment promotion"): 线索 → 接洽 → 考察 → 洽谈 → 签约 → 注册 →
/// 开工 → 投产. The order is the enum's: a lead only moves forward.
/// </summary>
public enum LeadStage
{
    Lead,
    Contacted,
    Visited,
    Negotiating,
    Signed,
    Registered,
    Started,
    Producing,
}

/// <summary>Whether a lead is being worked, set aside (搁置, may be taken up again) or ended (终止).</summary>
public enum LeadState
{
    Active,
    Shelved,
    Terminated,
}

/// <summary>招商方式: how the lead came.</summary>
public enum LeadChannel
{
    /// <summary>产业招商.</summary>
    Industry,

    /// <summary>公司招商 (a promotion company's mandate).</summary>
    Company,

    /// <summary>中介招商.</summary>
    Intermediary,

    /// <summary>基金招商.</summary>
    Fund,

    /// <summary>以商招商: an enterprise already in the zone brought it (the referrer is named).</summary>
    Business,

    /// <summary>平台招商: a platform (an expo, a chamber, 投资中国) brought it (the platform is named).</summary>
    Platform,
}

/// <summary>How a follow-up was made (跟进方式).</summary>
public enum FollowUpMethod
{
    /// <summary>外出拜访.</summary>
    Visit,

    /// <summary>来访考察.</summary>
    Hosted,

    /// <summary>视频洽谈.</summary>
    Video,

    /// <summary>电话.</summary>
    Phone,
}

/// <summary>The Chinese and API names of the promotion vocabularies, in one place for the API, pages, files and briefing.</summary>
public static class PromotionVocabulary
{
    public static readonly IReadOnlyList<LeadStage> Stages = Enum.GetValues<LeadStage>();

    public static readonly IReadOnlyList<LeadChannel> Channels = Enum.GetValues<LeadChannel>();

    public static string Name(LeadStage stage) => stage switch
    {
        LeadStage.Lead => "线索",
        LeadStage.Contacted => "接洽",
        LeadStage.Visited => "考察",
        LeadStage.Negotiating => "洽谈",
        LeadStage.Signed => "签约",
        LeadStage.Registered => "注册",
        LeadStage.Started => "开工",
        LeadStage.Producing => "投产",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static string Code(LeadStage stage) => stage switch
    {
        LeadStage.Lead => "lead",
        LeadStage.Contacted => "contacted",
        LeadStage.Visited => "visited",
        LeadStage.Negotiating => "negotiating",
        LeadStage.Signed => "signed",
        LeadStage.Registered => "registered",
        LeadStage.Started => "started",
        LeadStage.Producing => "producing",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static string Name(LeadState state) => state switch
    {
        LeadState.Active => "推进中",
        LeadState.Shelved => "搁置",
        LeadState.Terminated => "终止",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string Code(LeadState state) => state switch
    {
        LeadState.Active => "active",
        LeadState.Shelved => "shelved",
        LeadState.Terminated => "terminated",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string Name(LeadChannel channel) => channel switch
    {
        LeadChannel.Industry => "产业招商",
        LeadChannel.Company => "公司招商",
        LeadChannel.Intermediary => "中介招商",
        LeadChannel.Fund => "基金招商",
        LeadChannel.Business => "以商招商",
        LeadChannel.Platform => "平台招商",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static string Code(LeadChannel channel) => channel switch
    {
        LeadChannel.Industry => "industry",
        LeadChannel.Company => "company",
        LeadChannel.Intermediary => "intermediary",
        LeadChannel.Fund => "fund",
        LeadChannel.Business => "business",
        LeadChannel.Platform => "platform",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static string Name(FollowUpMethod method) => method switch
    {
        FollowUpMethod.Visit => "外出拜访",
        FollowUpMethod.Hosted => "来访考察",
        FollowUpMethod.Video => "视频洽谈",
        FollowUpMethod.Phone => "电话",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static string Code(FollowUpMethod method) => method switch
    {
        FollowUpMethod.Visit => "visit",
        FollowUpMethod.Hosted => "hosted",
        FollowUpMethod.Video => "video",
        FollowUpMethod.Phone => "phone",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>A stage by its Chinese name or API code ("签约", "signed"); refused with the names it takes.</summary>
    public static LeadStage ParseStage(string text, string field = "stage") =>
        Parse(text, Stages, Name, Code, field, "阶段", "stage");

    /// <summary>A channel by its Chinese name (with or without 招商), or API code.</summary>
    public static LeadChannel ParseChannel(string text, string field = "channel")
    {
        var t = (text ?? "").Trim();
        if (!t.EndsWith("招商", StringComparison.Ordinal) && Channels.Any(c => Name(c) == t + "招商"))
        {
            t += "招商";
        }

        return Parse(t, Channels, Name, Code, field, "招商方式", "channel");
    }

    public static FollowUpMethod ParseMethod(string text, string field = "method") =>
        Parse(text, Enum.GetValues<FollowUpMethod>(), Name, Code, field, "跟进方式", "method");

    public static LeadState ParseState(string text, string field = "state") =>
        Parse(text, Enum.GetValues<LeadState>(), Name, Code, field, "状态", "state");

    private static T Parse<T>(string text, IReadOnlyList<T> values, Func<T, string> name, Func<T, string> code, string field, string zh, string en)
        where T : struct, Enum
    {
        var t = (text ?? "").Trim();
        foreach (var v in values)
        {
            if (t == name(v) || string.Equals(t, code(v), StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        var names = string.Join("、", values.Select(name));
        throw new DomainException(new($"{zh}“{t}”无效：可用{names}", $"The {en} \"{t}\" is not valid: use {string.Join(", ", values.Select(code))}"), field);
    }
}
