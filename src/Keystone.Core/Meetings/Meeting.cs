using System.Globalization;
using Keystone.Core.Problems;

namespace Keystone.Core.Meetings;

/// <summary>The meetings a zone or a city is run by (seed 001, seed 002 吕梁).</summary>
public enum MeetingKind
{
    /// <summary>调度会: the weekly or monthly dispatch meeting on key projects.</summary>
    Dispatch,

    /// <summary>看述评: a quarter's projects visited, described and judged (seed 001).</summary>
    Review,

    /// <summary>经济运行分析会: the quarter's economic figures and what to do about them (seed 002 吕梁).</summary>
    EconomicAnalysis,
}

/// <summary>What a meeting was told about: one project, or one unit (a zone or county reporting).</summary>
public sealed record AgendaEntry(int? ProjectId, int? UnitId, string? Note);

/// <summary>
/// A meeting (调度会, 看述评, 经济运行分析会) of an org unit: its kind, date, chair and attendees, the projects or
/// units on its agenda, its minutes, and its decisions. Each decision is a tracked item of the problem loop
/// (<see cref="MeetingDecision.Problem"/>, source <see cref="ProblemSource.Meeting"/>): the loop routes, answers,
/// escalates and supervises it; the meeting only keeps which problems it decided, in order.
/// </summary>
public sealed class Meeting : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public const int MaxTitleLength = 200;
    public const int MaxNameLength = 100;
    public const int MaxAttendeesLength = 1000;
    public const int MaxMinutesLength = 8000;
    public const int MaxNoteLength = 500;
    public const int MaxAgendaItems = 200;

    private readonly List<MeetingAgendaItem> agenda = [];
    private readonly List<MeetingDecision> decisions = [];

    public Meeting(int unitId, string unitName, MeetingKind kind, DateOnly heldOn, string? title, string chair, string? attendees, string by, DateTimeOffset at)
    {
        var errors = new List<DomainException>();
        if (!Enum.IsDefined(kind))
        {
            errors.Add(new(new("会议类型无效", "The meeting kind is not valid"), "kind"));
        }

        var cleanTitle = Clean(title) ?? DefaultTitle(unitName, kind, heldOn);
        if (cleanTitle.Length > MaxTitleLength)
        {
            errors.Add(new(new("会议名称不能超过200字", "The title cannot be longer than 200 characters"), "title"));
        }

        var cleanChair = Clean(chair);
        if (cleanChair is null || cleanChair.Length > MaxNameLength)
        {
            errors.Add(new(new("主持人不能为空，且不超过100字", "The chair is required and at most 100 characters"), "chair"));
        }

        if (Clean(attendees) is { Length: > MaxAttendeesLength })
        {
            errors.Add(new(new("参会人员不能超过1000字", "The attendees cannot be longer than 1000 characters"), "attendees"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        OrgUnitId = unitId;
        Kind = kind;
        HeldOn = heldOn;
        Title = cleanTitle;
        Chair = cleanChair!;
        Attendees = Clean(attendees);
        CreatedBy = by;
        CreatedAt = at.ToUniversalTime();
    }

    private Meeting()
    {
        Title = "";
        Chair = "";
        CreatedBy = "";
    }

    public int Id { get; private set; }

    /// <summary>The unit that holds the meeting: its scope (the unit and everything below it).</summary>
    public int OrgUnitId { get; private set; }

    public MeetingKind Kind { get; private set; }

    public DateOnly HeldOn { get; private set; }

    /// <summary>"阳泉高新区2024年3月调度会" unless given.</summary>
    public string Title { get; private set; }

    /// <summary>主持: who chaired it.</summary>
    public string Chair { get; private set; }

    /// <summary>参会: the attendees as the minutes list them ("市领导任希杰、王明厚，各县区和有关部门负责同志").</summary>
    public string? Attendees { get; private set; }

    /// <summary>会议纪要: what was said, in the secretary's words.</summary>
    public string? Minutes { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<MeetingAgendaItem> Agenda => agenda;

    public IReadOnlyList<MeetingDecision> Decisions => decisions;

    /// <summary>
    /// "阳泉高新区2024年3月重点项目建设调度会"; a review or an economic analysis looks back on the quarter that
    /// ended last ("一季度经济运行分析会" in April, seed 002 吕梁).
    /// </summary>
    public static string DefaultTitle(string unitName, MeetingKind kind, DateOnly heldOn)
    {
        var quarter = (heldOn.Month - 1) / 3;
        var (year, name) = quarter == 0 ? (heldOn.Year - 1, "四季度") : (heldOn.Year, new[] { "一季度", "二季度", "三季度" }[quarter - 1]);
        return kind switch
        {
            MeetingKind.Dispatch => Invariant($"{unitName}{heldOn.Year}年{heldOn.Month}月重点项目建设调度会"),
            MeetingKind.Review => Invariant($"{unitName}{year}年{name}重点项目建设“看述评”工作会"),
            MeetingKind.EconomicAnalysis => Invariant($"{unitName}{year}年{name}经济运行分析会"),
        };
    }

    /// <summary>Replaces the agenda with these entries, in order; each names a project or a unit, never both.</summary>
    public void SetAgenda(IReadOnlyList<AgendaEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > MaxAgendaItems)
        {
            throw new DomainException(new($"议题不能超过{MaxAgendaItems}项", $"An agenda has at most {MaxAgendaItems} items"), "agenda");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if ((e.ProjectId is null) == (e.UnitId is null))
            {
                throw new DomainException(new($"第{i + 1}项议题须指定一个项目或一个单位", $"Agenda item {i + 1} names one project or one unit"), "agenda");
            }

            if (Clean(e.Note) is { Length: > MaxNoteLength })
            {
                throw new DomainException(new($"第{i + 1}项议题的说明不能超过500字", $"The note of agenda item {i + 1} cannot be longer than 500 characters"), "agenda");
            }
        }

        var duplicate = entries.GroupBy(e => (e.ProjectId, e.UnitId)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException(new("议题中有重复的项目或单位", "The agenda names a project or unit twice"), "agenda");
        }

        agenda.Clear();
        agenda.AddRange(entries.Select((e, i) => new MeetingAgendaItem(this, i + 1, e.ProjectId, e.UnitId, Clean(e.Note))));
    }

    /// <summary>记录会议纪要: only once the meeting has been held.</summary>
    public void RecordMinutes(string? minutes, DateOnly on)
    {
        RequireHeld(on, new("记录会议纪要", "record minutes"));
        var text = Clean(minutes);
        if (text is { Length: > MaxMinutesLength })
        {
            throw new DomainException(new("会议纪要不能超过8000字", "The minutes cannot be longer than 8000 characters"), "minutes");
        }

        Minutes = text;
    }

    /// <summary>
    /// 议定事项: adds the decision <paramref name="problem"/> (raised from the meeting, not yet saved or just
    /// saved) as the meeting's next decision. The problem must come from this meeting.
    /// </summary>
    public MeetingDecision Decide(Problem problem, int? responsibleUnitId, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(problem);
        RequireHeld(on, new("记录议定事项", "record decisions"));
        if (problem.Source != ProblemSource.Meeting || problem.MeetingOn != HeldOn)
        {
            throw new ArgumentException("A decision's problem is raised from its meeting", nameof(problem));
        }

        var decision = new MeetingDecision(this, decisions.Count + 1, problem, responsibleUnitId);
        decisions.Add(decision);
        return decision;
    }

    /// <summary>What a decision's problem says of where it came from: the meeting's title and date.</summary>
    public ProblemOrigin Origin => ProblemOrigin.Decision(Title, HeldOn);

    /// <summary>Refuses what can only follow the meeting (minutes, decisions) before it is held.</summary>
    public void RequireHeld(DateOnly on, Text action)
    {
        if (HeldOn > on)
        {
            throw new DomainException(
                new($"会议定于{ChineseFormat.Date(HeldOn)}召开，尚未召开，不能{action.Zh}", $"The meeting is on {HeldOn:yyyy-MM-dd} and has not been held; it is too early to {action.En}"),
                "date");
        }
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One project or unit on a meeting's agenda, in order.</summary>
public sealed class MeetingAgendaItem
{
    internal MeetingAgendaItem(Meeting meeting, int sequence, int? projectId, int? unitId, string? note)
    {
        Meeting = meeting;
        Sequence = sequence;
        ProjectId = projectId;
        UnitId = unitId;
        Note = note;
    }

    private MeetingAgendaItem()
    {
    }

    public int Id { get; private set; }

    public int MeetingId { get; private set; }

    public Meeting? Meeting { get; private set; }

    public int Sequence { get; private set; }

    public int? ProjectId { get; private set; }

    public Projects.Project? Project { get; private set; }

    /// <summary>A unit reporting to the meeting (a zone or county at a city's 调度会).</summary>
    public int? UnitId { get; private set; }

    public string? Note { get; private set; }
}

/// <summary>A meeting's decision, in order: the problem it became, and the unit it was addressed to when it was one.</summary>
public sealed class MeetingDecision
{
    internal MeetingDecision(Meeting meeting, int sequence, Problem problem, int? responsibleUnitId)
    {
        Meeting = meeting;
        Sequence = sequence;
        Problem = problem;
        ResponsibleUnitId = responsibleUnitId;
    }

    private MeetingDecision()
    {
    }

    public int Id { get; private set; }

    public int MeetingId { get; private set; }

    public Meeting? Meeting { get; private set; }

    public int Sequence { get; private set; }

    public int ProblemId { get; private set; }

    public Problem? Problem { get; private set; }

    /// <summary>The unit the decision was addressed to ("高新区要…"), which then routes it; null when addressed to a department.</summary>
    public int? ResponsibleUnitId { get; private set; }
}
