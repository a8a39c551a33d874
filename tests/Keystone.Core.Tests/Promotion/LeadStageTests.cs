using Keystone.Core.Promotion;

namespace Keystone.Core.Tests.Promotion;

public class LeadStageTests
{
    private static readonly DateOnly Today = new(2024, 4, 10);

    private static Lead NewLead(LeadChannel channel = LeadChannel.Industry, string? referrer = null) =>
        new(1, new LeadFacts { Name = "高端特种金属材料项目", Investor = "中信重工机械股份有限公司", Channel = channel, Referrer = referrer }, new DateOnly(2024, 1, 5), Today);

    [Fact]
    public void Advance_OneStageAtATime_KeepsEachStagesDate()
    {
        var lead = NewLead();
        lead.Advance(new StageMove { Stage = LeadStage.Contacted, On = new(2024, 1, 10) }, Today);
        lead.Advance(new StageMove { Stage = LeadStage.Visited, On = new(2024, 2, 1) }, Today);

        Assert.Equal(LeadStage.Visited, lead.Stage);
        Assert.Equal(new DateOnly(2024, 1, 5), lead.DateOf(LeadStage.Lead));
        Assert.Equal(new DateOnly(2024, 1, 10), lead.ContactedOn);
        Assert.Equal(new DateOnly(2024, 2, 1), lead.VisitedOn);
        Assert.Null(lead.NegotiatingOn);
    }

    [Fact]
    public void Advance_Backwards_IsRefused()
    {
        var lead = NewLead();
        lead.Advance(new StageMove { Stage = LeadStage.Contacted, On = new(2024, 1, 10) }, Today);
        lead.Advance(new StageMove { Stage = LeadStage.Visited, On = new(2024, 2, 1) }, Today);

        var back = Assert.Throws<DomainException>(() => lead.Advance(new StageMove { Stage = LeadStage.Contacted, On = new(2024, 3, 1) }, Today));
        Assert.Equal("线索“高端特种金属材料项目”已处于考察阶段，不能退回或停留在接洽阶段", back.Text.Zh);
        Assert.Throws<DomainException>(() => lead.Advance(new StageMove { Stage = LeadStage.Visited, On = new(2024, 3, 1) }, Today));
        Assert.Equal(LeadStage.Visited, lead.Stage);
    }

    [Fact]
    public void Advance_SkippingWithoutTheSkippedDates_IsRefused_AndWithThemIsTaken()
    {
        var lead = NewLead();
        var skip = Assert.Throws<DomainException>(() => lead.Advance(new StageMove { Stage = LeadStage.Negotiating, On = new(2024, 3, 1) }, Today));
        Assert.Equal("线索“高端特种金属材料项目”从线索跳到洽谈，须填写跳过的接洽、考察阶段的日期", skip.Text.Zh);
        Assert.Equal("passed", skip.Field);
        Assert.Equal(LeadStage.Lead, lead.Stage);
        Assert.Null(lead.ContactedOn);

        lead.Advance(new StageMove
        {
            Stage = LeadStage.Negotiating,
            On = new(2024, 3, 1),
            Passed = new Dictionary<LeadStage, DateOnly> { [LeadStage.Contacted] = new(2024, 1, 8), [LeadStage.Visited] = new(2024, 2, 20) },
        }, Today);
        Assert.Equal(LeadStage.Negotiating, lead.Stage);
        Assert.Equal(new DateOnly(2024, 2, 20), lead.VisitedOn);
    }

    [Fact]
    public void Advance_DatesOutOfOrderOrInTheFuture_AreRefused()
    {
        var lead = NewLead();
        var early = Assert.Throws<DomainException>(() => lead.Advance(new StageMove { Stage = LeadStage.Contacted, On = new(2024, 1, 1) }, Today));
        Assert.Equal("接洽日期2024年1月1日早于线索日期2024年1月5日", early.Text.Zh);
        var future = Assert.Throws<DomainException>(() => lead.Advance(new StageMove { Stage = LeadStage.Contacted, On = new(2024, 4, 11) }, Today));
        Assert.Equal("接洽日期2024年4月11日晚于今天", future.Text.Zh);
        Assert.Equal(LeadStage.Lead, lead.Stage);
    }

    [Fact]
    public void Signing_NeedsTheContractsAmount_AndKeepsItsTerms()
    {
        var lead = NewLead();
        var passed = new Dictionary<LeadStage, DateOnly> { [LeadStage.Contacted] = new(2024, 1, 8), [LeadStage.Visited] = new(2024, 1, 20), [LeadStage.Negotiating] = new(2024, 2, 1) };
        var missing = Assert.Throws<DomainException>(() => lead.Advance(new StageMove { Stage = LeadStage.Signed, On = new(2024, 3, 1), Passed = passed }, Today));
        Assert.Equal("contractAmount", missing.Field);

        lead.Advance(new StageMove { Stage = LeadStage.Signed, On = new(2024, 3, 1), Passed = passed, ContractAmount = new Money(86881m), ContractTerms = "分两期建设，一期2024年开工" }, Today);
        Assert.Equal(LeadStage.Signed, lead.Stage);
        Assert.Equal(new Money(86881m), lead.ContractAmount);
        Assert.Equal("分两期建设，一期2024年开工", lead.ContractTerms);
    }

    [Fact]
    public void HaltingNeedsAReason_AShelvedLeadMovesOnlyOnceResumed_ATerminatedOneNever()
    {
        var lead = NewLead();
        var noReason = Assert.Throws<DomainException>(() => lead.Halt(LeadState.Shelved, new(2024, 3, 1), " ", Today));
        Assert.Equal("搁置线索“高端特种金属材料项目”须说明原因", noReason.Text.Zh);

        lead.Halt(LeadState.Shelved, new(2024, 3, 1), "企业投资计划调整，暂缓", Today);
        Assert.Equal(LeadState.Shelved, lead.State);
        Assert.Throws<DomainException>(() => lead.Advance(new StageMove { Stage = LeadStage.Contacted, On = new(2024, 3, 2) }, Today));

        lead.Resume(new(2024, 3, 10), Today);
        lead.Advance(new StageMove { Stage = LeadStage.Contacted, On = new(2024, 3, 12) }, Today);

        lead.Halt(LeadState.Terminated, new(2024, 4, 1), "企业落户外省", Today);
        Assert.Throws<DomainException>(() => lead.Resume(new(2024, 4, 2), Today));
        Assert.Throws<DomainException>(() => lead.AddFollowUp(new FollowUpInput { On = new(2024, 4, 2), Who = "李明", Method = FollowUpMethod.Phone, What = "回访" }, "demo-zone", DateTimeOffset.UnixEpoch, Today));
        Assert.Equal("企业落户外省", lead.HaltReason);
    }

    [Fact]
    public void Channels_ByBusinessAndByPlatform_NameWhoBroughtTheLead()
    {
        var noReferrer = Assert.Throws<ValidationException>(() => NewLead(LeadChannel.Business));
        Assert.Contains(noReferrer.Errors, e => e.Field == "referrer");
        Assert.Equal("阳泉蓝宝石科技有限公司", NewLead(LeadChannel.Business, "阳泉蓝宝石科技有限公司").Referrer);
    }

    [Fact]
    public void FollowUps_AreNumberedAndDated_NotInTheFuture()
    {
        var lead = NewLead();
        var first = lead.AddFollowUp(new FollowUpInput { On = new(2024, 3, 5), Who = "李明", Method = FollowUpMethod.Visit, What = "赴洛阳总部拜访", NextStep = "邀请来区考察" }, "demo-zone", DateTimeOffset.UnixEpoch, Today);
        var second = lead.AddFollowUp(new FollowUpInput { On = new(2024, 3, 20), Who = "李明", Method = FollowUpMethod.Video, What = "视频对接用地需求" }, "demo-zone", DateTimeOffset.UnixEpoch, Today);
        Assert.Equal([1, 2], lead.FollowUps.Select(f => f.Sequence));
        Assert.Equal("邀请来区考察", first.NextStep);
        Assert.Null(second.NextStep);
        Assert.Throws<DomainException>(() => lead.AddFollowUp(new FollowUpInput { On = new(2024, 4, 11), Who = "李明", Method = FollowUpMethod.Phone, What = "电话" }, "demo-zone", DateTimeOffset.UnixEpoch, Today));
    }

    [Fact]
    public void Conversion_NeedsASignedLead_AndOnceAProjectTheLeadKeepsNoStartOfItsOwn()
    {
        var lead = NewLead();
        var early = Assert.Throws<DomainException>(() => lead.LinkProject(7, existing: false));
        Assert.Equal("线索“高端特种金属材料项目”处于线索阶段，签约或注册后才能转为项目", early.Text.Zh);

        lead.Advance(new StageMove
        {
            Stage = LeadStage.Signed,
            On = new(2024, 3, 1),
            ContractAmount = new Money(50000m),
            Passed = new Dictionary<LeadStage, DateOnly> { [LeadStage.Contacted] = new(2024, 1, 8), [LeadStage.Visited] = new(2024, 1, 20), [LeadStage.Negotiating] = new(2024, 2, 1) },
        }, Today);
        lead.LinkProject(7, existing: false);
        Assert.Equal(7, lead.ProjectId);
        Assert.Throws<DomainException>(() => lead.LinkProject(8, existing: false));
        var start = Assert.Throws<DomainException>(() => lead.Advance(new StageMove { Stage = LeadStage.Started, On = new(2024, 4, 1), Passed = new Dictionary<LeadStage, DateOnly> { [LeadStage.Registered] = new(2024, 3, 20) } }, Today));
        Assert.Equal("线索“高端特种金属材料项目”已转为项目，开工、投产以项目台账为准", start.Text.Zh);
    }

    [Fact]
    public void ATarget_BecomesALead_InOneStep_Once()
    {
        var target = new TargetEnterprise(1, new TargetFacts { Name = "山西烁科晶体有限公司", Chain = "第三代半导体", Link = "材料", Approacher = "王强", Why = "碳化硅衬底龙头" });
        var lead = target.ToLead("碳化硅衬底扩产项目", LeadChannel.Industry, new(2024, 3, 1), Today);
        Assert.Equal("山西烁科晶体有限公司", lead.Investor);
        Assert.Equal("材料", lead.Link);
        Assert.Equal("王强", lead.Officer);
        Assert.Same(lead, target.Lead);
        Assert.Throws<DomainException>(() => target.ToLead("又一个", LeadChannel.Industry, new(2024, 3, 2), Today));
    }
}
