using System.Globalization;
using Keystone.Core.Briefings;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Problems;

namespace Keystone.Core.Meetings;

/// <summary>A meeting as its pack names it.</summary>
public sealed record PackMeeting(string Title, MeetingKind Kind, DateOnly HeldOn, string Chair, string? Attendees, string UnitName);

/// <summary>The meeting before this one of the same kind and unit, with its decisions judged on this meeting's day.</summary>
public sealed record PackPrevious(string Title, MeetingKind Kind, DateOnly HeldOn, IReadOnlyList<TrackedItem> Decisions);

/// <summary>A section of the pack: its heading (without its number) and its paragraphs.</summary>
public sealed record PackSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>
/// Everything a meeting's pack says, read as of the meeting's day by the desk: the drafted briefing of the
/// meeting's unit (its figures, problems and factor paragraphs), all its lit projects, its overdue problems,
/// the agenda, and the previous meeting's decisions.
/// </summary>
public sealed record PackInput
{
    public required PackMeeting Meeting { get; init; }

    /// <summary>The day the data is read as of: the meeting's day, or today for a meeting still ahead.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The meeting unit's briefing as of <see cref="AsOf"/>: the pack quotes its figures, problems and factors paragraphs.</summary>
    public required Briefing Briefing { get; init; }

    /// <summary>Every project light of the unit; the pack names all red and yellow ones (the briefing only the first few).</summary>
    public IReadOnlyList<ProjectLight> Lights { get; init; } = [];

    /// <summary>The unit's overdue problems on the day, the most overdue first.</summary>
    public IReadOnlyList<JudgedProblem> Overdue { get; init; } = [];

    /// <summary>The agenda, one line per project or unit, in order.</summary>
    public IReadOnlyList<string> Agenda { get; init; } = [];

    public PackPrevious? Previous { get; init; }

    /// <summary>
    /// What other areas add after the figures: the figures against the year's targets, campaign progress, the
    /// promotion and indicator tables. Empty until those areas exist; each fills its own section here
    /// (<c>MeetingData.PackAsync</c> is where they are read).
    /// </summary>
    public IReadOnlyList<PackSection> Extensions { get; init; } = [];
}

/// <summary>
/// Writes a meeting's pack (会议材料): the sections a 调度会 goes through, numbered 一、二、…, from data already
/// read and judged. Pure: it words, it never computes a figure, so the pack agrees with the briefing and the pages.
/// </summary>
public static class MeetingPack
{
    private static readonly string[] Numbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public static IReadOnlyList<PackSection> Sections(PackInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var m = input.Meeting;
        var sections = new List<PackSection>();

        var basics = new List<string>
        {
            Invariant($"会议时间：{ChineseFormat.Date(m.HeldOn)}。主持：{m.Chair}。") + (m.Attendees is { } a ? $"参会：{a}。" : ""),
            Invariant($"本材料数据截至{ChineseFormat.Date(input.AsOf)}。"),
        };
        if (input.Agenda.Count > 0)
        {
            basics.Add("会议议题：" + string.Join("；", input.Agenda.Select((line, i) => Invariant($"{i + 1}.{line}"))) + "。");
        }

        sections.Add(new("会议基本情况", basics));

        var figures = Texts(input.Briefing, BriefingSectionKind.Overview, BriefingSectionKind.ProvincialKey, BriefingSectionKind.MunicipalKey, BriefingSectionKind.Rankings, BriefingSectionKind.ConcurrentStarts);
        sections.Add(new("重点项目建设总体情况", figures));
        sections.AddRange(input.Extensions);

        sections.Add(new("红黄灯项目", LitProjects(input.Lights)));
        sections.Add(new("逾期问题和督办情况", OverdueProblems(input)));

        var factors = Texts(input.Briefing, BriefingSectionKind.Factors);
        sections.Add(new("要素保障缺口", factors.Count > 0 ? factors : ["要素保障方面暂无缺口。"]));

        if (input.Previous is { } previous)
        {
            sections.Add(new($"上次{MeetingVocabulary.Spoken(previous.Kind)}交办事项办理情况", PreviousDecisions(previous)));
        }

        return sections;
    }

    /// <summary>The pack as a titled document: each section's heading ("一、会议基本情况") followed by its paragraphs.</summary>
    public static Briefing Write(PackInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var paragraphs = new List<BriefingSection>();
        foreach (var (section, i) in Sections(input).Select((s, i) => (s, i)))
        {
            paragraphs.Add(new(BriefingSectionKind.Overview, $"{Numbers[Math.Min(i, Numbers.Length - 1)]}、{section.Heading}"));
            paragraphs.AddRange(section.Paragraphs.Select(p => new BriefingSection(BriefingSectionKind.Overview, p)));
        }

        return new Briefing(input.Meeting.Title + "会议材料", paragraphs);
    }

    /// <summary>
    /// The sections other areas add after the figures, from the unit's briefing: "年度目标完成情况" (seed 004's
    /// forward paragraph with where things stand against it) and "招商引资"; a section the briefing has no
    /// paragraph for is left out.
    /// </summary>
    public static IReadOnlyList<PackSection> AreaSections(Briefing briefing, Briefing? economy = null)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var sections = new List<PackSection>();
        foreach (var (kind, heading) in new[] { (BriefingSectionKind.Targets, "年度目标完成情况"), (BriefingSectionKind.Campaigns, "专项行动"), (BriefingSectionKind.Promotion, "招商引资") })
        {
            if (Texts(briefing, kind) is { Count: > 0 } paragraphs)
            {
                sections.Add(new(heading, paragraphs));
            }
        }

        // The 经济运行 paragraph of the last month before the meeting's, when the unit has indicator values for it.
        if (economy is not null && Texts(economy, BriefingSectionKind.Economy) is { Count: > 0 } indicators)
        {
            sections.Add(new("经济运行", indicators));
        }

        return sections;
    }

    /// <summary>An agenda project's line: "X项目（编号）：年度计划投资…，本年完成投资…；红灯（原因）".</summary>
    public static string AgendaProject(string name, string code, PlanRow? row, ProjectLight? light, string? note)
    {
        var text = $"{name}（{code}）";
        var facts = new List<string>();
        if (row is not null)
        {
            facts.Add($"总投资{row.TotalInvestment}，年度计划投资{row.PlannedInvestment}");
            facts.Add(row.YearToDate is { } done ? $"本年完成投资{done}" : "本年尚未填报完成投资");
        }
        else
        {
            facts.Add("未列入本年度计划");
        }

        if (light is { Light: not Light.Green } lit)
        {
            facts.Add($"{(lit.Light == Light.Red ? "红灯" : "黄灯")}（{string.Join("；", lit.Reasons.Select(r => r.Text.Zh))}）");
        }

        return text + "：" + string.Join("，", facts) + (note is { } n ? $"。{n}" : "");
    }

    /// <summary>An agenda unit's line: "阳泉高新区：谋划实施项目65个，已开工44个，完成投资…，投资完成率…".</summary>
    public static string AgendaUnit(string name, ScopeFigures f, string? note)
    {
        ArgumentNullException.ThrowIfNull(f);
        var text = Invariant($"{name}：谋划实施项目{f.Planned}个，已开工{f.Started}个，总开工率{ChineseFormat.Percent(f.OverallStartRate)}");
        if (f.Reported > 0)
        {
            text += $"，完成投资{f.CompletedInvestment}，投资完成率{ChineseFormat.Percent(f.CompletionRate)}";
        }

        return text + (note is { } n ? $"。{n}" : "");
    }

    private static List<string> LitProjects(IReadOnlyList<ProjectLight> lights)
    {
        var red = lights.Where(l => l.Light == Light.Red).ToList();
        var yellow = lights.Where(l => l.Light == Light.Yellow).ToList();
        if (red.Count + yellow.Count == 0)
        {
            return ["无红灯、黄灯项目。"];
        }

        var lines = new List<string> { Invariant($"红灯项目{red.Count}个，黄灯项目{yellow.Count}个。") };
        lines.AddRange(red.Concat(yellow).Select((l, i) =>
            Invariant($"{i + 1}.{l.Name}（{(l.Light == Light.Red ? "红灯" : "黄灯")}）：") + string.Join("；", l.Reasons.Select(r => r.Text.Zh)) + "。"));
        return lines;
    }

    private static List<string> OverdueProblems(PackInput input)
    {
        var lines = Texts(input.Briefing, BriefingSectionKind.Problems)
            .Select(t => t.Contains("。逾期问题：", StringComparison.Ordinal) ? t[..(t.IndexOf("。逾期问题：", StringComparison.Ordinal) + 1)] : t)
            .ToList();
        if (input.Overdue.Count == 0)
        {
            lines.Add("无逾期问题。");
            return lines;
        }

        lines.AddRange(input.Overdue.Select((p, i) =>
        {
            var s = p.Standing;
            var subject = p.Row.Subject is { Length: > 0 } name ? name : "";
            var who = s.Department is { } d ? $"{d}，限{ChineseFormat.Date(s.Deadline)}前办结" : $"尚未交办，应于{ChineseFormat.Date(s.DueBy)}前交办";
            var notices = p.Row.NoticesIssued.Count(n => n <= input.AsOf);
            var supervised = notices > 0 ? Invariant($"，已发督办单{notices}份") : "";
            var escalated = s.EscalatedTo is { } to ? $"，已提级至{to.Name}督办" : "";
            return Invariant($"{i + 1}.{subject}“{p.Row.Title}”（{p.Row.Number}，{ProblemVocabulary.Name(p.Row.Source).Zh}；{who}，已逾期{s.OverdueDays}个工作日{escalated}{supervised}）。");
        }));
        return lines;
    }

    private static List<string> PreviousDecisions(PackPrevious previous)
    {
        var lines = new List<string>
        {
            $"{ChineseFormat.Date(previous.HeldOn)}召开的{previous.Title}。" + FollowUp.PreviousSentence(previous.Kind, FollowUp.Tally(previous.Decisions)),
        };
        lines.AddRange(previous.Decisions.OrderBy(d => d.Sequence).Select(d =>
        {
            var s = d.Problem.Standing;
            return Invariant($"{d.Sequence}.{d.Problem.Row.Title}（责任单位：{d.Responsible}；办理时限：{ChineseFormat.Date(s.Deadline)}）：{FollowUp.StatusText(s).Zh}。");
        }));
        return lines;
    }

    private static List<string> Texts(Briefing briefing, params BriefingSectionKind[] kinds) =>
        briefing.Sections.Where(s => kinds.Contains(s.Kind)).Select(s => s.Text).ToList();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
