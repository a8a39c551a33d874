using Keystone.Core.Briefings;
using Keystone.Core.Lights;
using Keystone.Core.Meetings;
using Keystone.Core.Problems;

namespace Keystone.Core.Tests.Meetings;

public class FollowUpTests
{
    private static readonly DateOnly Held = new(2024, 2, 27); // a Tuesday
    private static readonly DateOnly NextMeeting = new(2024, 3, 29); // a Friday
    private static readonly EscalationTarget City = new(2, "阳泉市");

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    private static Problem Decision(int sequence, string title, string? department, DateOnly deadline) =>
        new(2024, sequence, new ProblemRaise
        {
            UnitId = 8,
            Title = title,
            Category = ProblemCategory.Other,
            Deadline = deadline,
            Department = department,
            Origin = ProblemOrigin.Decision("阳泉高新区2024年2月重点项目建设调度会", Held),
        }, "demo-zone", At(Held), Held);

    private static TrackedItem Judged(int sequence, Problem problem, DateOnly asOf, string responsible) =>
        new(sequence, responsible, new JudgedProblem(ProblemJudge.RowOf(problem), ProblemClock.Judge(problem.Timeline, asOf, LightRules.Default, City)!));

    /// <summary>
    /// Five decisions of 27 February judged on 29 March: one closed, one answered (the raiser's move, not late),
    /// one past its 22 March deadline (25–29 March: 5 working days), one due in April, and one addressed to the
    /// zone as a whole that nobody routed within 2 working days (due 29 February; 1–29 March: 21 working days).
    /// </summary>
    public static IReadOnlyList<TrackedItem> FiveDecisions(DateOnly asOf)
    {
        var closed = Decision(1, "协调解决智慧物流园主干道征地", "阳泉高新区自然资源分局", new DateOnly(2024, 3, 8));
        closed.Answer("已完成征收补偿协议签订", "demo-department", At(new DateOnly(2024, 3, 6)), new DateOnly(2024, 3, 6));
        closed.Close(Satisfaction.Satisfied, null, "demo-zone", At(new DateOnly(2024, 3, 7)), new DateOnly(2024, 3, 7));
        var answered = Decision(2, "百度云扩容项目施工许可", "阳泉高新区住房和城乡建设局", new DateOnly(2024, 3, 15));
        answered.Answer("已核发施工许可证", "demo-zone", At(new DateOnly(2024, 3, 14)), new DateOnly(2024, 3, 14));
        var late = Decision(3, "落实电池项目技术工人定向培训", "阳泉高新区人力资源和社会保障局", new DateOnly(2024, 3, 22));
        var ahead = Decision(4, "谋划超长期特别国债项目", "阳泉高新区经济发展局", new DateOnly(2024, 4, 30));
        var unrouted = Decision(5, "高新区要倒排储备项目开工计划", null, new DateOnly(2024, 4, 15));
        return
        [
            Judged(1, closed, asOf, "阳泉高新区自然资源分局"),
            Judged(2, answered, asOf, "阳泉高新区住房和城乡建设局"),
            Judged(3, late, asOf, "阳泉高新区人力资源和社会保障局"),
            Judged(4, ahead, asOf, "阳泉高新区经济发展局"),
            Judged(5, unrouted, asOf, "阳泉高新区"),
        ];
    }

    [Fact]
    public void ThePreviousMeetingsDecisions_AreCountedAsTheClockJudgesThem()
    {
        var items = FiveDecisions(NextMeeting);
        var tally = FollowUp.Tally(items);

        Assert.Equal(new FollowUpTally(5, 1, 1, 3, 2), tally);
        Assert.Equal("上次调度会交办事项5项，已办结1项，逾期2项。", FollowUp.PreviousSentence(MeetingKind.Dispatch, tally));
        Assert.Equal(["已办结", "已答复，待确认", "逾期5个工作日", "办理中", "逾期21个工作日"], items.Select(i => FollowUp.StatusText(i.Problem.Standing).Zh));
    }

    [Fact]
    public void OnTheMeetingsOwnDay_NothingIsLate_AndNoneIsSaidToBe()
    {
        var tally = FollowUp.Tally(FiveDecisions(Held));
        Assert.Equal(new FollowUpTally(5, 0, 0, 5, 0), tally);
        Assert.Equal("上次看述评会交办事项5项，已办结0项，无逾期事项。", FollowUp.PreviousSentence(MeetingKind.Review, tally));
        Assert.Equal("上次调度会无交办事项。", FollowUp.PreviousSentence(MeetingKind.Dispatch, FollowUpTally.Empty));
        Assert.Equal("调研交办事项5项，已办结0项，无逾期事项。", FollowUp.InstructionSentence(tally));
    }

    [Fact]
    public void ADecision_MayConcernTheZoneAsAWhole_ButMustNameItsMeeting()
    {
        var unrouted = Decision(6, "高新区要加快储备项目前期手续", null, new DateOnly(2024, 4, 15));
        Assert.Null(unrouted.ProjectId);
        Assert.True(unrouted.IsDecision);
        Assert.Equal(ProblemStatus.Open, unrouted.Status);

        var bad = new ProblemRaise
        {
            UnitId = 8,
            Title = "x",
            Category = ProblemCategory.Other,
            Deadline = new DateOnly(2024, 4, 15),
            Origin = new ProblemOrigin { Source = ProblemSource.Meeting, MeetingOn = new DateOnly(2024, 4, 1) },
        };
        var e = Assert.Throws<ValidationException>(() => new Problem(2024, 7, bad, "demo-zone", At(Held), Held));
        Assert.Equal(["source.meeting", "source.meetingOn"], e.Errors.Select(x => x.Field).Order());

        // Any other source still needs a project or an enterprise.
        var desk = bad with { Origin = ProblemOrigin.Desk };
        Assert.Contains(Assert.Throws<ValidationException>(() => new Problem(2024, 8, desk, "demo-zone", At(Held), Held)).Errors, x => x.Field == "projectCode");
    }

    [Fact]
    public void ThePack_NumbersItsSections_AndTellsThePreviousDecisionsOneByOne()
    {
        var input = new PackInput
        {
            Meeting = new PackMeeting("阳泉高新区2024年3月重点项目建设调度会", MeetingKind.Dispatch, NextMeeting, "李强", "各局办负责同志", "阳泉高新区"),
            AsOf = NextMeeting,
            Briefing = new Briefing("通报", [new(BriefingSectionKind.Overview, "今年，阳泉高新区谋划实施项目65个。"), new(BriefingSectionKind.Factors, "要素保障方面，前期手续15项。")]),
            Agenda = ["阳泉东区智慧物流产业园（一期）项目（YQGX-2024-001）：总投资6.12亿元"],
            Previous = new PackPrevious("阳泉高新区2024年2月重点项目建设调度会", MeetingKind.Dispatch, Held, FiveDecisions(NextMeeting)),
        };

        var pack = MeetingPack.Write(input);

        Assert.Equal("阳泉高新区2024年3月重点项目建设调度会会议材料", pack.Title);
        var text = pack.Sections.Select(s => s.Text).ToList();
        Assert.Equal(["一、会议基本情况", "二、重点项目建设总体情况", "三、红黄灯项目", "四、逾期问题和督办情况", "五、要素保障缺口", "六、上次调度会交办事项办理情况"], text.Where(t => t.Length > 1 && t[1] == '、'));
        Assert.Contains("会议时间：2024年3月29日。主持：李强。参会：各局办负责同志。", text);
        Assert.Contains("会议议题：1.阳泉东区智慧物流产业园（一期）项目（YQGX-2024-001）：总投资6.12亿元。", text);
        Assert.Contains("无红灯、黄灯项目。", text);
        Assert.Contains("无逾期问题。", text);
        Assert.Contains("要素保障方面，前期手续15项。", text);
        Assert.Contains("2024年2月27日召开的阳泉高新区2024年2月重点项目建设调度会。上次调度会交办事项5项，已办结1项，逾期2项。", text);
        Assert.Contains("3.落实电池项目技术工人定向培训（责任单位：阳泉高新区人力资源和社会保障局；办理时限：2024年3月22日）：逾期5个工作日。", text);
        Assert.Contains("5.高新区要倒排储备项目开工计划（责任单位：阳泉高新区；办理时限：2024年4月15日）：逾期21个工作日。", text);
    }
}
