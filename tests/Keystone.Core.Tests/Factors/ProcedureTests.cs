using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Projects;

namespace Keystone.Core.Tests.Factors;

public class ProcedureTests
{
    private static readonly DateOnly Applied = new(2024, 3, 1);

    public static ProcedureRow Row(ProcedureItem item, int projectId = 6, string code = "YQGX-2024-006") => new()
    {
        ProjectId = projectId,
        Code = code,
        ProjectName = "百度云计算（阳泉）中心服务器扩容项目",
        UnitId = 8,
        Name = item.Name,
        Department = item.Department,
        Mode = item.Mode,
        AppliedOn = item.AppliedOn,
        ApprovedOn = item.ApprovedOn,
        MissingPapers = item.MissingPapers,
        SupplyBy = item.SupplyBy,
        SuppliedOn = item.SuppliedOn,
        Commitment = item.Commitment,
        VerifyBy = item.VerifyBy,
        VerifiedOn = item.VerifiedOn,
        Agent = item.Agent,
    };

    private static ProcedureItem WithGaps(DateOnly supplyBy, DateOnly? applied = null)
    {
        var item = new ProcedureItem(6, ProcedureKind.ConstructionPermit, null, ProcedureTemplates.Department(ProcedureKind.ConstructionPermit));
        item.Apply(applied ?? Applied, new ProcedureHandling { Mode = HandlingMode.AcceptedWithGaps, MissingPapers = "施工图审查合格书", SupplyBy = supplyBy });
        return item;
    }

    [Fact]
    public void TheTemplate_FollowsTheCategory()
    {
        Assert.Equal(8, ProcedureTemplates.For(ProjectCategory.Industrial).Count);
        Assert.DoesNotContain(ProcedureKind.EnergyAssessment, ProcedureTemplates.For(ProjectCategory.Infrastructure));
        Assert.Equal([ProcedureKind.ProjectApproval, ProcedureKind.ConstructionPermit], ProcedureTemplates.For(ProjectCategory.Other));
        var items = ProcedureTemplates.Missing(6, ProjectCategory.Livelihood, []);
        Assert.Equal(["立项/备案", "用地预审与选址", "用地规划许可", "工程规划许可", "环评", "施工许可"], items.Select(i => i.Name));
        Assert.Equal("自然资源和规划部门", items[1].Department);
        Assert.Empty(ProcedureTemplates.Missing(6, ProjectCategory.Livelihood, items));
    }

    [Fact]
    public void AnItem_IsAppliedFor_ThenApproved_Once_AndNotBeforeItsApplication()
    {
        var item = new ProcedureItem(6, ProcedureKind.ProjectApproval, null, "发展和改革部门");
        Assert.Equal(ProcedureStatus.NotStarted, item.Status);
        Assert.Equal("approvedOn", Assert.Throws<DomainException>(() => item.Approve(Applied)).Field);
        item.Apply(Applied, ProcedureHandling.Normal);
        Assert.Equal(ProcedureStatus.Applied, item.Status);
        Assert.Equal("appliedOn", Assert.Throws<DomainException>(() => item.Apply(Applied, ProcedureHandling.Normal)).Field);
        Assert.Throws<DomainException>(() => item.Approve(Applied.AddDays(-1)));
        item.Approve(Applied.AddDays(5));
        Assert.Equal(ProcedureStatus.Approved, item.Status);
        Assert.Throws<DomainException>(() => item.Approve(Applied.AddDays(6)));
        Assert.Throws<DomainException>(() => item.SupplyMissingPapers(Applied.AddDays(6)));
        Assert.Throws<DomainException>(() => item.VerifyCommitment(Applied.AddDays(6)));
    }

    [Fact]
    public void EachMode_NeedsWhatItLeavesBehind()
    {
        var item = new ProcedureItem(6, ProcedureKind.ConstructionPermit, null, "住房和城乡建设部门");
        var e = Assert.Throws<ValidationException>(() => item.Apply(Applied, new ProcedureHandling { Mode = HandlingMode.AcceptedWithGaps }));
        Assert.Equal(["missingPapers", "supplyBy"], e.Errors.Select(x => x.Field));
        Assert.Throws<ValidationException>(() => item.Apply(Applied, new ProcedureHandling { Mode = HandlingMode.AcceptedWithGaps, MissingPapers = "图纸", SupplyBy = Applied.AddDays(-1) }));
        Assert.Equal(["commitment", "verifyBy"], Assert.Throws<ValidationException>(() => item.Apply(Applied, new ProcedureHandling { Mode = HandlingMode.Commitment })).Errors.Select(x => x.Field));
        Assert.Equal("agent", Assert.Single(Assert.Throws<ValidationException>(() => item.Apply(Applied, new ProcedureHandling { Mode = HandlingMode.Agency })).Errors).Field);
        Assert.Null(item.AppliedOn);

        item.Apply(Applied, new ProcedureHandling { Mode = HandlingMode.Agency, Agent = "李娜（高新区全代办服务中心）", MissingPapers = "ignored" }, "阳泉高新区住建局");
        Assert.Equal("李娜（高新区全代办服务中心）", item.Agent);
        Assert.Null(item.MissingPapers);
        Assert.Equal("阳泉高新区住建局", item.Department);
    }

    [Fact]
    public void AcceptedWithGaps_LeavesAnObligation_YellowWithinAWeek_RedPastItsDate_UntilThePapersCome()
    {
        var item = WithGaps(new DateOnly(2024, 4, 5));
        item.Approve(new DateOnly(2024, 3, 10)); // 容缺: approved before the papers are in
        var rules = LightRules.Default;

        var early = Assert.Single(ProcedureFigures.Obligations([Row(item)], new DateOnly(2024, 3, 20), rules));
        Assert.Equal(Light.Green, early.Light);
        Assert.Equal(ObligationKind.SupplyPapers, early.Kind);

        var near = Assert.Single(ProcedureFigures.Obligations([Row(item)], new DateOnly(2024, 4, 1), rules));
        Assert.Equal(Light.Yellow, near.Light);
        Assert.Equal("“施工许可”容缺受理须补正施工图审查合格书，还有4天到期", near.Reasons[0].Text.Zh);

        var late = Assert.Single(ProcedureFigures.Obligations([Row(item)], new DateOnly(2024, 4, 10), rules));
        Assert.Equal(Light.Red, late.Light);
        Assert.Equal(LightRuleKind.ObligationOverdue, late.Reasons[0].Rule);
        Assert.Equal("“施工许可”容缺受理须补正施工图审查合格书，限2024年4月5日前完成，已逾期5天", late.Reasons[0].Text.Zh);
        Assert.Contains("5 days overdue", late.Reasons[0].Text.En);

        var figures = ProcedureFigures.Compute([Row(item)], new DateOnly(2024, 4, 10), rules, []);
        Assert.Equal(1, figures.ObligationsOpen);
        Assert.Equal(1, figures.ObligationsOverdue);
        Assert.Equal(1, figures.Approved);

        item.SupplyMissingPapers(new DateOnly(2024, 4, 12));
        Assert.Throws<DomainException>(() => item.SupplyMissingPapers(new DateOnly(2024, 4, 13)));
        var done = ProcedureFigures.Compute([Row(item)], new DateOnly(2024, 4, 12), rules, []);
        Assert.Equal(0, done.ObligationsOpen);
        Assert.Empty(done.Obligations);

        // Read as of the 10th, the papers had not come yet: still red then.
        Assert.Equal(1, ProcedureFigures.Compute([Row(item)], new DateOnly(2024, 4, 10), rules, []).ObligationsOverdue);
    }

    /// <summary>
    /// An obligation's date is one the department set (the working days it allowed are already in it), so
    /// its light counts calendar days to and past that date, as a milestone's does, holidays included.
    /// </summary>
    [Fact]
    public void AnObligation_CountsCalendarDays_AcrossTheHolidays()
    {
        // 国庆 2024: 10-1 to 10-7 off. Due Monday 9-30; on Tuesday 10-8 it is 8 days late (1 working day).
        var national = Assert.Single(ProcedureFigures.Obligations([Row(WithGaps(new DateOnly(2024, 9, 30)))], new DateOnly(2024, 10, 8), LightRules.Default));
        Assert.Equal(Light.Red, national.Light);
        Assert.EndsWith("限2024年9月30日前完成，已逾期8天", national.Reasons[0].Text.Zh);
        Assert.EndsWith("is 8 days overdue", national.Reasons[0].Text.En);

        // Due 10-8: on 10-1 it is 7 days off (1 working day), inside the 7-day warning, and on the 工作台's list;
        // on 9-30, 8 days off, neither.
        var coming = Assert.Single(ProcedureFigures.Obligations([Row(WithGaps(new DateOnly(2024, 10, 8)))], new DateOnly(2024, 10, 1), LightRules.Default));
        Assert.Equal(Light.Yellow, coming.Light);
        Assert.EndsWith("还有7天到期", coming.Reasons[0].Text.Zh);
        Assert.True(Keystone.Core.Work.WorkList.IsDueSoon(coming, new DateOnly(2024, 10, 1)));
        var before = Assert.Single(ProcedureFigures.Obligations([Row(WithGaps(new DateOnly(2024, 10, 8)))], new DateOnly(2024, 9, 30), LightRules.Default));
        Assert.Equal(Light.Green, before.Light);
        Assert.False(Keystone.Core.Work.WorkList.IsDueSoon(before, new DateOnly(2024, 9, 30)));

        // 春节 2024: 2-10 to 2-17 off, Sunday 2-18 worked. Due Friday 2-9; on Monday 2-19 it is 10 days late (2 working days).
        var spring = Assert.Single(ProcedureFigures.Obligations([Row(WithGaps(new DateOnly(2024, 2, 9), new DateOnly(2024, 1, 15)))], new DateOnly(2024, 2, 19), LightRules.Default));
        Assert.Equal(Light.Red, spring.Light);
        Assert.EndsWith("限2024年2月9日前完成，已逾期10天", spring.Reasons[0].Text.Zh);
    }

    [Fact]
    public void EachObligation_IsJudgedByItsOwnUnitsRules_InAScopesFigures()
    {
        // Papers due on 4-5, read on 4-1 (4 days left): the zone (unit 8) warns 7 days ahead, its city
        // (unit 2) only 3; the city's figures judge the zone's item by the zone's rules, as every light.
        var zone = Row(WithGaps(new DateOnly(2024, 4, 5)));
        var city = Row(WithGaps(new DateOnly(2024, 4, 5)), projectId: 7, code: "YQ-2024-007") with { UnitId = 2 };
        var rules = new Dictionary<int, LightRules> { [8] = LightRules.Default with { ObligationYellowDays = 7 }, [2] = LightRules.Default with { ObligationYellowDays = 3 } };
        var day = new DateOnly(2024, 4, 1);

        var lights = ProcedureFigures.Obligations([zone, city], day, id => rules[id]);
        Assert.Equal(Light.Yellow, Assert.Single(lights, o => o.ProjectId == 6).Light);
        Assert.Equal(Light.Green, Assert.Single(lights, o => o.ProjectId == 7).Light);

        // Judged all by the city's rules, the zone's item would not be yellow: the scope's rules are not used.
        Assert.All(ProcedureFigures.Obligations([zone, city], day, rules[2]), o => Assert.Equal(Light.Green, o.Light));
        Assert.Single(FactorGaps.Compute([], [zone, city], day, id => rules[id]).Approvals.Obligations, o => o.Light == Light.Yellow);
    }

    [Fact]
    public void ACommitment_IsAnObligationToVerify()
    {
        var item = new ProcedureItem(6, ProcedureKind.EnvironmentalAssessment, null, "生态环境部门");
        item.Apply(Applied, new ProcedureHandling { Mode = HandlingMode.Commitment, Commitment = "投产前完成环保设施验收", VerifyBy = new DateOnly(2024, 6, 30) });
        item.Approve(Applied);
        var obligation = Assert.Single(ProcedureFigures.Obligations([Row(item)], new DateOnly(2024, 7, 2), LightRules.Default));
        Assert.Equal(ObligationKind.VerifyCommitment, obligation.Kind);
        Assert.Equal(Light.Red, obligation.Light);
        item.VerifyCommitment(new DateOnly(2024, 7, 1));
        Assert.Equal(0, ProcedureFigures.Compute([Row(item)], new DateOnly(2024, 7, 2), LightRules.Default, []).ObligationsOpen);
    }

    [Fact]
    public void Figures_CountItemsAsOfTheDay_ByMode_AndTheDaysFromLandToStart()
    {
        var approval = new ProcedureItem(6, ProcedureKind.ProjectApproval, null, "发展和改革部门");
        approval.Apply(Applied, new ProcedureHandling { Mode = HandlingMode.Parallel });
        approval.Approve(new DateOnly(2024, 3, 5));
        var land = new ProcedureItem(6, ProcedureKind.LandPreApproval, null, "自然资源和规划部门");
        land.Apply(Applied, new ProcedureHandling { Mode = HandlingMode.Parallel });
        var later = new ProcedureItem(6, ProcedureKind.ConstructionPermit, null, "住房和城乡建设部门");
        later.Apply(new DateOnly(2024, 5, 1), ProcedureHandling.Normal);
        var untouched = new ProcedureItem(6, ProcedureKind.SoilAndWater, null, "水利部门");
        LandStartRow[] starts =
        [
            new(1, new DateOnly(2024, 3, 9), new DateOnly(2024, 3, 9)), // 拿地即开工
            new(2, new DateOnly(2023, 10, 20), new DateOnly(2023, 11, 3)), // 14 days
            new(3, new DateOnly(2024, 4, 1), new DateOnly(2024, 3, 20)), // started first, on a commitment: 0
            new(4, new DateOnly(2024, 4, 1), null), // not started: not counted
            new(5, new DateOnly(2024, 4, 20), new DateOnly(2024, 4, 21)), // after the day: not counted
        ];

        var f = ProcedureFigures.Compute([Row(approval), Row(land), Row(later), Row(untouched)], new DateOnly(2024, 4, 10), LightRules.Default, starts);

        Assert.Equal(4, f.Items);
        Assert.Equal(1, f.Approved);
        Assert.Equal(1, f.InProgress);
        Assert.Equal(2, f.NotStarted); // the construction permit was applied for after the day
        Assert.Equal(25m, f.DoneRate!.Value.Rounded);
        Assert.Equal(2, f.Parallel);
        Assert.Equal(3, f.LandToStartProjects);
        Assert.Equal(4.7m, f.AverageDaysLandToStart);
        Assert.Equal(2, f.StartedOnLandDay);
    }
}
