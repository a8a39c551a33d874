using System.Globalization;
using Keystone.Core.Figures;
using Keystone.Core.Lights;

namespace Keystone.Core.Problems;

/// <summary>How a problem was raised: in a monthly report, after a visit (who, when, whom), or as a leader's instruction.</summary>
public sealed record ProblemOrigin
{
    public ProblemSource Source { get; init; }

    /// <summary>The report's month (月度填报).</summary>
    public Period? Period { get; init; }

    /// <summary>Who visited the enterprise (入企服务).</summary>
    public string? Visitor { get; init; }

    /// <summary>When the visit was.</summary>
    public DateOnly? VisitedOn { get; init; }

    /// <summary>Whom the visitor met there.</summary>
    public string? Met { get; init; }

    /// <summary>The leader who gave the instruction (调研交办).</summary>
    public string? Leader { get; init; }

    public DateOnly? InspectedOn { get; init; }

    /// <summary>The words of the instruction, as the leader said them.</summary>
    public string? Words { get; init; }

    /// <summary>The meeting that decided it (会议交办), by its title ("阳泉高新区2024年3月调度会").</summary>
    public string? Meeting { get; init; }

    public DateOnly? MeetingOn { get; init; }

    public static ProblemOrigin Desk { get; } = new() { Source = ProblemSource.Desk };

    public static ProblemOrigin Report(Period period) => new() { Source = ProblemSource.Report, Period = period };

    public static ProblemOrigin Visit(string visitor, DateOnly on, string met) => new() { Source = ProblemSource.Visit, Visitor = visitor, VisitedOn = on, Met = met };

    public static ProblemOrigin Inspection(string leader, DateOnly on, string words) => new() { Source = ProblemSource.Inspection, Leader = leader, InspectedOn = on, Words = words };

    public static ProblemOrigin Decision(string meeting, DateOnly on) => new() { Source = ProblemSource.Meeting, Meeting = meeting, MeetingOn = on };
}

/// <summary>What a problem is about and whom it concerns, as raised.</summary>
public sealed record ProblemRaise
{
    /// <summary>The unit the problem belongs to: its project's unit, or the unit that raised an enterprise's problem.</summary>
    public required int UnitId { get; init; }

    public int? ProjectId { get; init; }

    public int? EnterpriseId { get; init; }

    public required string Title { get; init; }

    public string? Detail { get; init; }

    public required ProblemCategory Category { get; init; }

    /// <summary>办理时限: the department must answer by the end of this day.</summary>
    public required DateOnly Deadline { get; init; }

    /// <summary>The department it goes to at once, when the raiser knows it.</summary>
    public string? Department { get; init; }

    public ProblemOrigin Origin { get; init; } = ProblemOrigin.Desk;

    /// <summary>The monthly report whose 存在问题 it was raised from (转为问题), when it was; a report raises at most one.</summary>
    public int? ReportId { get; init; }
}

/// <summary>
/// A problem (问题/诉求) or a leader's instruction (交办事项) on a project or an enterprise, routed to a
/// department with a deadline and followed until the raiser is satisfied. Each step is kept as a
/// <see cref="ProblemStep"/>, so the thread reads as it happened and where the problem stood on any past
/// day can be told again (<see cref="ProblemClock"/>); an illegal step is refused, never ignored.
/// </summary>
public sealed class Problem : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 2000;
    public const int MaxNameLength = 100;

    private readonly List<ProblemStep> steps = [];
    private readonly List<SupervisionNotice> notices = [];

    public Problem(int year, int sequence, ProblemRaise raise, string by, DateTimeOffset at, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(raise);
        var errors = new List<DomainException>();
        var title = Clean(raise.Title);
        if (title is null || title.Length > MaxTitleLength)
        {
            errors.Add(new(new("问题标题不能为空，且不超过200字", "The title is required and at most 200 characters"), "title"));
        }

        CheckLength(errors, raise.Detail, MaxTextLength, "detail", "问题描述", "The detail");
        if (!Enum.IsDefined(raise.Category))
        {
            errors.Add(new(new("问题类别无效", "The category is not valid"), "category"));
        }

        if (raise.Deadline < on)
        {
            errors.Add(new(new($"办理时限{ChineseFormat.Date(raise.Deadline)}早于提出日期{ChineseFormat.Date(on)}", $"The deadline {raise.Deadline:yyyy-MM-dd} is before the day the problem is raised ({on:yyyy-MM-dd})"), "deadline"));
        }

        // A meeting's decision may be addressed to a unit as a whole ("高新区要…"), about no one project.
        if (raise.ProjectId is null && raise.EnterpriseId is null && !FromMeeting(raise.Origin))
        {
            errors.Add(new(new("问题须属于一个项目或一家企业", "A problem belongs to a project or an enterprise"), "projectCode"));
        }

        CheckOrigin(errors, raise.Origin, on);
        if (raise.Department is not null)
        {
            CheckDepartment(errors, raise.Department);
        }

        if (sequence < 1 || year < 2000)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), "A problem number is a year and a positive sequence");
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Year = year;
        Sequence = sequence;
        Number = NumberOf(year, sequence);
        OrgUnitId = raise.UnitId;
        ProjectId = raise.ProjectId;
        ReportId = raise.ReportId;
        EnterpriseId = raise.EnterpriseId;
        Title = title!;
        Detail = Clean(raise.Detail);
        Category = raise.Category;
        Deadline = raise.Deadline;
        var origin = raise.Origin;
        Source = origin.Source;
        ReportPeriod = origin.Period;
        Visitor = Clean(origin.Visitor);
        VisitedOn = origin.VisitedOn;
        VisitMet = Clean(origin.Met);
        Leader = Clean(origin.Leader);
        InspectedOn = origin.InspectedOn;
        LeaderWords = Clean(origin.Words);
        MeetingTitle = Clean(origin.Meeting);
        MeetingOn = origin.MeetingOn;
        RaisedBy = by;
        RaisedAt = at.ToUniversalTime();
        RaisedOn = on;
        Status = ProblemStatus.Open;
        steps.Add(new ProblemStep(this, steps.Count + 1, ProblemStepKind.Raised, by, at, on) { Deadline = raise.Deadline, Text = Detail });
        if (raise.Department is { } department)
        {
            Assign(department, raise.Deadline, by, at, on);
        }
    }

    private Problem()
    {
        Number = "";
        Title = "";
        RaisedBy = "";
    }

    public int Id { get; private set; }

    /// <summary>"P2024-0007": the year raised and its sequence in that year; the business key in URLs and the audit log.</summary>
    public string Number { get; private set; }

    public int Year { get; private set; }

    public int Sequence { get; private set; }

    public int OrgUnitId { get; private set; }

    public int? ProjectId { get; private set; }

    public Projects.Project? Project { get; private set; }

    /// <summary>The monthly report it was raised from (转为问题), if any: a report raises at most one problem (unique).</summary>
    public int? ReportId { get; private set; }

    public int? EnterpriseId { get; private set; }

    public Projects.Enterprise? Enterprise { get; private set; }

    public string Title { get; private set; }

    public string? Detail { get; private set; }

    public ProblemCategory Category { get; private set; }

    public ProblemSource Source { get; private set; }

    public Period? ReportPeriod { get; private set; }

    public string? Visitor { get; private set; }

    public DateOnly? VisitedOn { get; private set; }

    public string? VisitMet { get; private set; }

    public string? Leader { get; private set; }

    public DateOnly? InspectedOn { get; private set; }

    public string? LeaderWords { get; private set; }

    /// <summary>The meeting that decided it, by its title (会议交办).</summary>
    public string? MeetingTitle { get; private set; }

    public DateOnly? MeetingOn { get; private set; }

    public string RaisedBy { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public DateOnly RaisedOn { get; private set; }

    public ProblemStatus Status { get; private set; }

    /// <summary>The department it is assigned to (责任单位), by name, as department officers' accounts name it.</summary>
    public string? Department { get; private set; }

    public DateOnly Deadline { get; private set; }

    /// <summary>The department's latest answer.</summary>
    public string? AnswerText { get; private set; }

    public Satisfaction? Satisfaction { get; private set; }

    /// <summary>Why the raiser returned the answer, or what the raiser said on closing.</summary>
    public string? Comment { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public IReadOnlyList<ProblemStep> Steps => steps;

    public IReadOnlyList<SupervisionNotice> Notices => notices;

    public ProblemOrigin Origin => new()
    {
        Source = Source,
        Period = ReportPeriod,
        Visitor = Visitor,
        VisitedOn = VisitedOn,
        Met = VisitMet,
        Leader = Leader,
        InspectedOn = InspectedOn,
        Words = LeaderWords,
        Meeting = MeetingTitle,
        MeetingOn = MeetingOn,
    };

    /// <summary>A leader's instruction (交办事项) rather than a problem an enterprise raised.</summary>
    public bool IsInstruction => Source == ProblemSource.Inspection;

    /// <summary>A meeting's decision (会议交办).</summary>
    public bool IsDecision => Source == ProblemSource.Meeting;

    public static string NumberOf(int year, int sequence) => string.Create(CultureInfo.InvariantCulture, $"P{year}-{sequence:D4}");

    /// <summary>交办: routes the problem to a department with a deadline; first routing, or again after the raiser returned it.</summary>
    public void Assign(string department, DateOnly deadline, string by, DateTimeOffset at, DateOnly on)
    {
        Require(ProblemStatus.Open, ProblemStatus.Returned, new("交办", "assign"));
        var errors = new List<DomainException>();
        CheckDepartment(errors, department);
        if (deadline < on)
        {
            errors.Add(new(new($"办理时限{ChineseFormat.Date(deadline)}已过", $"The deadline {deadline:yyyy-MM-dd} has passed"), "deadline"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Department = department.Trim();
        Deadline = deadline;
        Status = ProblemStatus.Assigned;
        steps.Add(new ProblemStep(this, steps.Count + 1, ProblemStepKind.Assigned, by, at, on) { Department = Department, Deadline = deadline });
    }

    /// <summary>答复: the department says what it has done.</summary>
    public void Answer(string answer, string by, DateTimeOffset at, DateOnly on)
    {
        Require(ProblemStatus.Assigned, ProblemStatus.Returned, new("答复", "answer"));
        var text = Clean(answer);
        if (text is null || text.Length > MaxTextLength)
        {
            throw new DomainException(new("答复内容不能为空，且不超过2000字", "The answer is required and at most 2000 characters"), "answer");
        }

        AnswerText = text;
        Status = ProblemStatus.Answered;
        steps.Add(new ProblemStep(this, steps.Count + 1, ProblemStepKind.Answered, by, at, on) { Department = Department, Text = text });
    }

    /// <summary>退回: the raiser is not satisfied with the answer and sends it back, saying why.</summary>
    public void Return(string reason, string by, DateTimeOffset at, DateOnly on)
    {
        Require(ProblemStatus.Answered, null, new("退回", "return"));
        var text = Clean(reason);
        if (text is null || text.Length > MaxTextLength)
        {
            throw new DomainException(new("退回须说明理由（不超过2000字）", "Say why the answer is returned (at most 2000 characters)"), "reason");
        }

        Comment = text;
        Status = ProblemStatus.Returned;
        steps.Add(new ProblemStep(this, steps.Count + 1, ProblemStepKind.Returned, by, at, on) { Department = Department, Text = text });
    }

    /// <summary>办结: the raiser accepts the answer and says how satisfied they are.</summary>
    public void Close(Satisfaction satisfaction, string? comment, string by, DateTimeOffset at, DateOnly on)
    {
        Require(ProblemStatus.Answered, null, new("办结", "close"));
        if (!Enum.IsDefined(satisfaction))
        {
            throw new DomainException(new("满意度无效", "The satisfaction is not valid"), "satisfaction");
        }

        var errors = new List<DomainException>();
        CheckLength(errors, comment, MaxTextLength, "comment", "评价", "The comment");
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Satisfaction = satisfaction;
        Comment = Clean(comment);
        ClosedOn = on;
        Status = ProblemStatus.Closed;
        steps.Add(new ProblemStep(this, steps.Count + 1, ProblemStepKind.Closed, by, at, on) { Satisfaction = satisfaction, Text = Comment });
    }

    /// <summary>
    /// 督办: issues a numbered supervision notice on the problem, which must be overdue that day under the
    /// unit's service levels. The notice names the problem, its deadline and its department, and asks for a
    /// reply by <paramref name="replyBy"/>.
    /// </summary>
    public SupervisionNotice Supervise(NoticeIssue issue, LightRules levels, string by, DateTimeOffset at, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(levels);
        if (Status == ProblemStatus.Closed)
        {
            throw new DomainException(new($"问题{Number}已办结，不能督办", $"Problem {Number} is closed; it cannot be supervised"), "number");
        }

        var standing = ProblemClock.Judge(Timeline, on, levels);
        if (standing is not { IsOverdue: true })
        {
            throw new DomainException(
                new($"问题{Number}尚未逾期（办理时限{ChineseFormat.Date(Deadline)}），只能对逾期问题发督办单", $"Problem {Number} is not overdue (deadline {Deadline:yyyy-MM-dd}); only an overdue problem can be supervised"),
                "number");
        }

        var notice = new SupervisionNotice(this, notices.Count + 1, issue, standing, by, at, on);
        notices.Add(notice);
        steps.Add(new ProblemStep(this, steps.Count + 1, ProblemStepKind.NoticeIssued, by, at, on) { Department = notice.Department, Deadline = notice.ReplyBy, Text = notice.Reference });
        return notice;
    }

    /// <summary>The department's reply to supervision notice <paramref name="sequence"/> (1 for the problem's first).</summary>
    public SupervisionNotice ReplyToNotice(int sequence, string reply, string by, DateTimeOffset at, DateOnly on)
    {
        var notice = notices.FirstOrDefault(n => n.Sequence == sequence)
            ?? throw new NotFoundException(new($"问题{Number}没有第{sequence}份督办单", $"Problem {Number} has no supervision notice {sequence}"));
        notice.Reply(reply, by, at, on);
        steps.Add(new ProblemStep(this, steps.Count + 1, ProblemStepKind.NoticeReplied, by, at, on) { Department = notice.Department, Text = notice.ReplyText });
        return notice;
    }

    /// <summary>The problem's steps as the clock reads them.</summary>
    public ProblemTimeline Timeline => new(
        Number,
        Title,
        OrgUnitId,
        RaisedOn,
        steps.OrderBy(s => s.Sequence).Select(s => new TimelineStep(s.Kind, s.On, s.Department, s.Deadline, s.Satisfaction)).ToList());

    private void Require(ProblemStatus allowed, ProblemStatus? alsoAllowed, Text action)
    {
        if (Status == allowed || Status == alsoAllowed)
        {
            return;
        }

        var state = ProblemVocabulary.Name(Status);
        throw new DomainException(
            new($"问题{Number}当前为“{state.Zh}”，不能{action.Zh}", $"Problem {Number} is {state.En.ToLowerInvariant()}; it cannot be {Past(action.En)}"),
            "status");
    }

    private static string Past(string verb) => verb switch
    {
        "assign" => "assigned",
        "answer" => "answered",
        "return" => "returned",
        "close" => "closed",
        _ => verb,
    };

    private static bool FromMeeting(ProblemOrigin? origin) => origin?.Source == ProblemSource.Meeting;

    private static void CheckDepartment(List<DomainException> errors, string? department)
    {
        var d = Clean(department);
        if (d is null || d.Length > MaxNameLength)
        {
            errors.Add(new(new("责任单位不能为空，且不超过100字", "The department is required and at most 100 characters"), "department"));
        }
    }

    private static void CheckOrigin(List<DomainException> errors, ProblemOrigin? origin, DateOnly on)
    {
        if (origin is null || !Enum.IsDefined(origin.Source))
        {
            errors.Add(new(new("问题来源无效", "The source is not valid"), "source.kind"));
            return;
        }

        void Need(bool present, string field, string zh, string en)
        {
            if (!present)
            {
                errors.Add(new(new($"{zh}不能为空", $"{en} is required"), field));
            }
        }

        void NotAfter(DateOnly? date, string field, string zh, string en)
        {
            if (date > on)
            {
                errors.Add(new(new($"{zh}不能晚于提出日期", $"{en} cannot be after the day the problem is raised"), field));
            }
        }

        switch (origin.Source)
        {
            case ProblemSource.Report:
                Need(origin.Period is not null, "source.period", "填报月份", "The report's month");
                if (origin.Period is { } period && period.FirstDay > on)
                {
                    errors.Add(new(new($"填报月份{period}尚未开始", $"The month {period} has not begun"), "source.period"));
                }

                break;
            case ProblemSource.Visit:
                Need(Clean(origin.Visitor) is not null, "source.visitor", "走访人", "The visitor");
                Need(origin.VisitedOn is not null, "source.visitedOn", "走访日期", "The visit date");
                Need(Clean(origin.Met) is not null, "source.met", "走访对象", "Whom the visitor met");
                NotAfter(origin.VisitedOn, "source.visitedOn", "走访日期", "The visit date");
                break;
            case ProblemSource.Inspection:
                Need(Clean(origin.Leader) is not null, "source.leader", "交办领导", "The leader");
                Need(origin.InspectedOn is not null, "source.inspectedOn", "调研日期", "The inspection date");
                Need(Clean(origin.Words) is not null, "source.words", "交办原话", "The words of the instruction");
                NotAfter(origin.InspectedOn, "source.inspectedOn", "调研日期", "The inspection date");
                break;
            case ProblemSource.Meeting:
                Need(Clean(origin.Meeting) is not null, "source.meeting", "交办会议", "The meeting");
                Need(origin.MeetingOn is not null, "source.meetingOn", "会议日期", "The meeting date");
                NotAfter(origin.MeetingOn, "source.meetingOn", "会议日期", "The meeting date");
                break;
            case ProblemSource.Desk:
                break;
        }

        CheckLength(errors, origin.Visitor, MaxNameLength, "source.visitor", "走访人", "The visitor");
        CheckLength(errors, origin.Met, MaxNameLength, "source.met", "走访对象", "Whom the visitor met");
        CheckLength(errors, origin.Leader, MaxNameLength, "source.leader", "交办领导", "The leader");
        CheckLength(errors, origin.Words, MaxTextLength, "source.words", "交办原话", "The words of the instruction");
        CheckLength(errors, origin.Meeting, MaxTitleLength, "source.meeting", "交办会议", "The meeting");
    }

    private static void CheckLength(List<DomainException> errors, string? text, int max, string field, string zh, string en)
    {
        if (text is not null && text.Trim().Length > max)
        {
            errors.Add(new(new($"{zh}不能超过{max}字", $"{en} cannot be longer than {max} characters"), field));
        }
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>What happened to a problem, in order: the thread its page shows.</summary>
public enum ProblemStepKind
{
    Raised,
    Assigned,
    Answered,
    Returned,
    Closed,
    NoticeIssued,
    NoticeReplied,
}

/// <summary>One step in a problem's thread: who did what, when, with the department, deadline or words it concerned. Never changed once written.</summary>
public sealed class ProblemStep
{
    internal ProblemStep(Problem problem, int sequence, ProblemStepKind kind, string by, DateTimeOffset at, DateOnly on)
    {
        Problem = problem;
        Sequence = sequence;
        Kind = kind;
        By = by;
        At = at.ToUniversalTime();
        On = on;
    }

    private ProblemStep()
    {
        By = "";
    }

    public long Id { get; private set; }

    public int ProblemId { get; private set; }

    public Problem? Problem { get; private set; }

    /// <summary>1 for the problem's first step: the thread's order (steps taken in one instant keep theirs).</summary>
    public int Sequence { get; private set; }

    public ProblemStepKind Kind { get; private set; }

    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The working day the step belongs to (the local date it was taken): service levels count these.</summary>
    public DateOnly On { get; private set; }

    public string? Department { get; init; }

    public DateOnly? Deadline { get; init; }

    public string? Text { get; init; }

    public Satisfaction? Satisfaction { get; init; }
}
