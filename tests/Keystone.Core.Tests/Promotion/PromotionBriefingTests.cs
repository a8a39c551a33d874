using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Lights;
using Keystone.Core.Promotion;
using Keystone.Testing;

namespace Keystone.Core.Tests.Promotion;

public class PromotionBriefingTests
{
    private static readonly DateOnly DemoDay = new(2024, 4, 10);

    [Theory]
    [DatabaseData]
    public async Task TheZonesBriefing_HasTheNewspapersPromotionParagraph_AndNoSigningTargetAmongTheLights(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await db.LoadTreeAsync();
        var drafted = await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("阳泉高新区"), 2024, DemoDay);

        var promotion = Assert.Single(drafted.Briefing.Sections, s => s.Kind == BriefingSectionKind.Promotion).Text;
        Assert.Equal(
            "招商引资方面，今年以来，全区新签约项目3个，签约总额17.95亿元，完成年度任务的15%；其中产业招商2个、基金招商1个。已开工落地项目1个。"
            + "已签约待开工项目2个：储能电池梯次利用项目（2月26日签约，已44天）、碳化硅衬底材料项目（3月18日签约，已23天）。",
            promotion);

        // 中信重工 is a signing target: the promotion desk's, not a lagging project of the ledger.
        var lights = Assert.Single(drafted.Briefing.Sections, s => s.Kind == BriefingSectionKind.Lights).Text;
        Assert.DoesNotContain("中信重工", lights);
        Assert.Contains("钠电储能集成生产车间项目", lights);

        // The city counts its zones' leads; a zone without leads or a task says nothing of promotion.
        var city = await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("阳泉市"), 2024, DemoDay);
        Assert.StartsWith("招商引资方面，今年以来，全市新签约项目3个，签约总额17.95亿元，完成年度任务的15%", Assert.Single(city.Briefing.Sections, s => s.Kind == BriefingSectionKind.Promotion).Text);
        var guxian = await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("古县经济技术开发区"), 2024, DemoDay);
        Assert.DoesNotContain(guxian.Briefing.Sections, s => s.Kind == BriefingSectionKind.Promotion);
    }

    [Fact]
    public void APastYear_IsNamed_AndNoSigningsSaySo()
    {
        var input = new BriefingInput
        {
            ScopeName = "阳泉高新区",
            ScopeKind = Keystone.Core.Units.OrgUnitKind.Zone,
            Year = 2023,
            AsOf = new DateOnly(2024, 4, 10),
            Figures = Keystone.Core.Figures.FiguresEngine.Compute([], 2023, new DateOnly(2023, 12, 31)),
            Provincial = Keystone.Core.Figures.FiguresEngine.Compute([], 2023, new DateOnly(2023, 12, 31)),
            Municipal = Keystone.Core.Figures.FiguresEngine.Compute([], 2023, new DateOnly(2023, 12, 31)),
        };
        var lead = new LeadRow { Id = 1, UnitId = 1, Name = "甲", Investor = "甲公司", Channel = LeadChannel.Industry, Dates = new Dictionary<LeadStage, DateOnly> { [LeadStage.Lead] = new(2023, 5, 1) } };
        var figures = PromotionEngine.Compute([lead], new PromotionTaskFigures(10, Money.FromYi(50m), Money.Zero, 5), 2023, new DateOnly(2023, 12, 31), _ => LightRules.Default);
        Assert.Equal("招商引资方面，2023年，全区尚无新签约项目，年度任务10个。已开工落地项目0个。", BriefingWriter.Promotion(input, figures));
    }
}
