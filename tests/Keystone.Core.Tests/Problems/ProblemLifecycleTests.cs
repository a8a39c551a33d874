using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Problems;

namespace Keystone.Core.Tests.Problems;

public class ProblemLifecycleTests
{
    /// <summary>Thursday 11 April 2024, the day the test problems are raised.</summary>
    public static readonly DateOnly Raised = new(2024, 4, 11);

    private static readonly DateTimeOffset At = new(2024, 4, 11, 9, 0, 0, TimeSpan.FromHours(8));

    public static ProblemRaise Raise(string? department = null, DateOnly? deadline = null, ProblemOrigin? origin = null) => new()
    {
        UnitId = 8,
        ProjectId = 1,
        Title = "施工用电临时线路迁改",
        Detail = "10kV线路横穿二期平台，需迁改后方可进场",
        Category = ProblemCategory.Factors,
        Deadline = deadline ?? new DateOnly(2024, 4, 19),
        Department = department,
        Origin = origin ?? ProblemOrigin.Visit("张明", new DateOnly(2024, 4, 10), "侯志钢（项目负责人）"),
    };

    public static Problem New(string? department = null, DateOnly? deadline = null) => new(2024, 7, Raise(department, deadline), "demo-zone", At, Raised);

    /// <summary>A problem driven to <paramref name="status"/> the legal way.</summary>
    public static Problem In(ProblemStatus status)
    {
        var problem = New();
        var day = Raised;
        if (status == ProblemStatus.Open)
        {
            return problem;
        }

        problem.Assign("阳泉高新区自然资源分局", new DateOnly(2024, 4, 19), "demo-zone", At, day);
        if (status == ProblemStatus.Assigned)
        {
            return problem;
        }

        problem.Answer("已协调供电公司，4月18日前完成迁改", "demo-department", At.AddDays(1), day.AddDays(1));
        if (status == ProblemStatus.Answered)
        {
            return problem;
        }

        if (status == ProblemStatus.Returned)
        {
            problem.Return("迁改方案未明确停电时间", "demo-enterprise", At.AddDays(2), day.AddDays(2));
            return problem;
        }

        problem.Close(Satisfaction.Satisfied, "按时完成", "demo-enterprise", At.AddDays(2), day.AddDays(2));
        return problem;
    }

    public enum Action
    {
        Assign,
        Answer,
        Return,
        Close,
    }

    private static void Do(Problem problem, Action action)
    {
        var day = Raised.AddDays(3);
        var at = At.AddDays(3);
        switch (action)
        {
            case Action.Assign:
                problem.Assign("阳泉高新区经济发展局", new DateOnly(2024, 4, 26), "demo-zone", at, day);
                break;
            case Action.Answer:
                problem.Answer("已办理", "demo-department", at, day);
                break;
            case Action.Return:
                problem.Return("答复不具体", "demo-enterprise", at, day);
                break;
            case Action.Close:
                problem.Close(Satisfaction.BasicallySatisfied, null, "demo-enterprise", at, day);
                break;
        }
    }

    /// <summary>Every status against every action: open → assigned → answered → closed, or answered → returned → answered again or re-routed.</summary>
    public static TheoryData<ProblemStatus, Action, ProblemStatus?> Transitions => new()
    {
        { ProblemStatus.Open, Action.Assign, ProblemStatus.Assigned },
        { ProblemStatus.Open, Action.Answer, null },
        { ProblemStatus.Open, Action.Return, null },
        { ProblemStatus.Open, Action.Close, null },
        { ProblemStatus.Assigned, Action.Assign, null },
        { ProblemStatus.Assigned, Action.Answer, ProblemStatus.Answered },
        { ProblemStatus.Assigned, Action.Return, null },
        { ProblemStatus.Assigned, Action.Close, null },
        { ProblemStatus.Answered, Action.Assign, null },
        { ProblemStatus.Answered, Action.Answer, null },
        { ProblemStatus.Answered, Action.Return, ProblemStatus.Returned },
        { ProblemStatus.Answered, Action.Close, ProblemStatus.Closed },
        { ProblemStatus.Returned, Action.Assign, ProblemStatus.Assigned },
        { ProblemStatus.Returned, Action.Answer, ProblemStatus.Answered },
        { ProblemStatus.Returned, Action.Return, null },
        { ProblemStatus.Returned, Action.Close, null },
        { ProblemStatus.Closed, Action.Assign, null },
        { ProblemStatus.Closed, Action.Answer, null },
        { ProblemStatus.Closed, Action.Return, null },
        { ProblemStatus.Closed, Action.Close, null },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void EachTransition_IsTakenOrRefused_NeverIgnored(ProblemStatus from, Action action, ProblemStatus? to)
    {
        var problem = In(from);
        Assert.Equal(from, problem.Status);
        var steps = problem.Steps.Count;
        if (to is { } expected)
        {
            Do(problem, action);
            Assert.Equal(expected, problem.Status);
            Assert.Equal(steps + 1, problem.Steps.Count);
            Assert.Equal(problem.Steps.Count, problem.Steps[^1].Sequence);
        }
        else
        {
            var e = Assert.Throws<DomainException>(() => Do(problem, action));
            Assert.Equal("status", e.Field);
            Assert.Contains(ProblemVocabulary.Name(from).Zh, e.Text.Zh);
            Assert.Contains("cannot be", e.Text.En);
            Assert.Equal(from, problem.Status);
            Assert.Equal(steps, problem.Steps.Count);
        }
    }

    [Fact]
    public void RaisedWithADepartment_IsAssignedAtOnce_InTwoSteps()
    {
        var problem = New("阳泉高新区自然资源分局");
        Assert.Equal(ProblemStatus.Assigned, problem.Status);
        Assert.Equal("P2024-0007", problem.Number);
        Assert.Equal([ProblemStepKind.Raised, ProblemStepKind.Assigned], problem.Steps.Select(s => s.Kind));
        Assert.Equal("阳泉高新区自然资源分局", problem.Steps[1].Department);
    }

    [Fact]
    public void ClosingKeepsTheRaisersSatisfaction_AndReturningItsReason()
    {
        var returned = In(ProblemStatus.Returned);
        Assert.Equal("迁改方案未明确停电时间", returned.Comment);
        returned.Answer("已明确4月17日停电迁改", "demo-department", At.AddDays(4), Raised.AddDays(4));
        returned.Close(Satisfaction.Satisfied, "满意", "demo-enterprise", At.AddDays(5), Raised.AddDays(5));
        Assert.Equal(Satisfaction.Satisfied, returned.Satisfaction);
        Assert.Equal("已明确4月17日停电迁改", returned.AnswerText);
        Assert.Equal(Raised.AddDays(5), returned.ClosedOn);
        Assert.Equal(
            [ProblemStepKind.Raised, ProblemStepKind.Assigned, ProblemStepKind.Answered, ProblemStepKind.Returned, ProblemStepKind.Answered, ProblemStepKind.Closed],
            returned.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void ARaise_IsRefusedWithEveryProblemAtOnce()
    {
        var bad = Raise() with
        {
            Title = " ",
            ProjectId = null,
            Deadline = Raised.AddDays(-1),
            Origin = new ProblemOrigin { Source = ProblemSource.Inspection, Leader = "卢东亮" },
        };
        var e = Assert.Throws<ValidationException>(() => new Problem(2024, 1, bad, "demo-zone", At, Raised));
        var fields = e.Errors.Select(x => x.Field).ToList();
        Assert.Contains("title", fields);
        Assert.Contains("projectCode", fields);
        Assert.Contains("deadline", fields);
        Assert.Contains("source.inspectedOn", fields);
        Assert.Contains("source.words", fields);
        Assert.DoesNotContain("source.leader", fields);
    }

    [Fact]
    public void TheThreeWaysOfRaising_KeepWhatEachNeeds()
    {
        var report = new Problem(2024, 1, Raise(origin: ProblemOrigin.Report(new Period(2024, 3))), "demo-enterprise", At, Raised);
        Assert.Equal(new Period(2024, 3), report.Origin.Period);

        var instruction = new Problem(2024, 2, Raise(origin: ProblemOrigin.Inspection("卢东亮", new DateOnly(2024, 4, 9), "强化要素保障，助推项目建设")), "demo-city", At, Raised);
        Assert.True(instruction.IsInstruction);
        Assert.Equal("强化要素保障，助推项目建设", instruction.LeaderWords);

        Assert.Throws<ValidationException>(() => new Problem(2024, 3, Raise(origin: ProblemOrigin.Report(new Period(2024, 5))), "demo-enterprise", At, Raised));
        Assert.Throws<ValidationException>(() => new Problem(2024, 4, Raise(origin: ProblemOrigin.Visit("张明", Raised.AddDays(1), "侯志钢")), "demo-zone", At, Raised));
        Assert.Throws<ValidationException>(() => new Problem(2024, 5, Raise(origin: new ProblemOrigin { Source = ProblemSource.Visit, Visitor = "张明" }), "demo-zone", At, Raised));
    }

    [Fact]
    public void EmptyAnswers_ReasonsAndDepartments_AreRefused()
    {
        var assigned = In(ProblemStatus.Assigned);
        Assert.Equal("answer", Assert.Throws<DomainException>(() => assigned.Answer(" ", "d", At, Raised)).Field);
        var answered = In(ProblemStatus.Answered);
        Assert.Equal("reason", Assert.Throws<DomainException>(() => answered.Return("", "e", At, Raised)).Field);
        Assert.Equal("satisfaction", Assert.Throws<DomainException>(() => answered.Close((Satisfaction)9, null, "e", At, Raised)).Field);
        var open = In(ProblemStatus.Open);
        var e = Assert.Throws<ValidationException>(() => open.Assign("", Raised.AddDays(-1), "z", At, Raised));
        Assert.Equal(["department", "deadline"], e.Errors.Select(x => x.Field));
        Assert.Equal(ProblemStatus.Open, open.Status);
    }

    [Fact]
    public void ASupervisionNotice_NeedsAnOverdueProblem_AndTakesOneReply()
    {
        var problem = In(ProblemStatus.Assigned); // due 19 April
        var issue = new NoticeIssue { IssuingUnitId = 2, IssuingUnitName = "阳泉市", ProblemUnitName = "阳泉高新区", Number = 3, Year = 2024, ReplyBy = new DateOnly(2024, 4, 26) };
        var early = Assert.Throws<DomainException>(() => problem.Supervise(issue, LightRules.Default, "demo-city", At, new DateOnly(2024, 4, 19)));
        Assert.Contains("尚未逾期", early.Text.Zh);
        Assert.Empty(problem.Notices);

        var notice = problem.Supervise(issue, LightRules.Default, "demo-city", At.AddDays(11), new DateOnly(2024, 4, 22));
        Assert.Equal("阳泉市督〔2024〕3号", notice.Reference);
        Assert.Equal(1, notice.Sequence);
        Assert.Equal("阳泉高新区自然资源分局", notice.Addressee);
        Assert.Equal(new DateOnly(2024, 4, 19), notice.Deadline);
        Assert.Equal(1, notice.OverdueDays);
        Assert.Equal(ProblemStepKind.NoticeIssued, problem.Steps[^1].Kind);

        problem.ReplyToNotice(1, "已完成迁改", "demo-department", At.AddDays(12), new DateOnly(2024, 4, 23));
        Assert.Equal("已完成迁改", notice.ReplyText);
        Assert.Equal("reply", Assert.Throws<DomainException>(() => problem.ReplyToNotice(1, "再次反馈", "demo-department", At, new DateOnly(2024, 4, 23))).Field);
        Assert.Throws<NotFoundException>(() => problem.ReplyToNotice(2, "x", "d", At, new DateOnly(2024, 4, 23)));
    }

    [Fact]
    public void ANeverRoutedProblem_IsSupervisedAtItsUnit()
    {
        var problem = In(ProblemStatus.Open); // raised Thursday 11 April: to be routed by Monday 15th
        var issue = new NoticeIssue { IssuingUnitId = 8, IssuingUnitName = "阳泉高新区", ProblemUnitName = "阳泉高新区", Number = 1, Year = 2024, ReplyBy = new DateOnly(2024, 4, 19) };
        var notice = problem.Supervise(issue, LightRules.Default, "demo-zone", At, new DateOnly(2024, 4, 17));
        Assert.Null(notice.Department);
        Assert.Equal("阳泉高新区", notice.Addressee);
        Assert.Equal(new DateOnly(2024, 4, 15), notice.Deadline);
        Assert.Equal(2, notice.OverdueDays);
    }

    [Fact]
    public void AClosedProblem_CannotBeSupervised()
    {
        var problem = In(ProblemStatus.Closed);
        var issue = new NoticeIssue { IssuingUnitId = 2, IssuingUnitName = "阳泉市", ProblemUnitName = "阳泉高新区", Number = 1, Year = 2024, ReplyBy = new DateOnly(2024, 6, 1) };
        Assert.Contains("已办结", Assert.Throws<DomainException>(() => problem.Supervise(issue, LightRules.Default, "demo-city", At, new DateOnly(2024, 5, 20))).Text.Zh);
    }
}
