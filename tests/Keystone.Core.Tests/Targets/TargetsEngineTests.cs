using Keystone.Core.Briefings;
using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Targets;
using Keystone.Core.Tests.Figures;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Targets;

/// <summary>Targets against figures and 增速, on hand-computed cases (seed 004's 阳泉高新区) and over random ones.</summary>
public class TargetsEngineTests
{
    private static readonly DateOnly AsOf = new(2024, 4, 10);

    /// <summary>Seed 004: 21 continuing (all resumed), 44 new of which 23 started; completed 7.77亿元 (77,700万元).</summary>
    private static ScopeFigures Seed004(decimal completed = 77_700m)
    {
        var rows = new List<PlanRow>();
        for (var i = 1; i <= 65; i++)
        {
            var continuing = i <= 21;
            var started = continuing || i <= 21 + 23;
            rows.Add(Rows.Plan(i, continuing ? Nature.Continuing : Nature.New) with
            {
                StartDate = started ? new DateOnly(2024, 3, 1) : null,
                YearToDate = i == 1 ? new Money(completed) : null,
            });
        }

        return FiguresEngine.Compute(rows, 2024, AsOf);
    }

    private static readonly TargetValues Seed004Targets = new() { NewStarts = 26, StartRate = 59m, ResumeRate = 100m, CompletedInvestment = 81_000m, Growth = 11m };

    [Fact]
    public void Growth_IsThisYearOverLastYearsSameDay_MinusOne()
    {
        var current = Seed004();
        var last = Seed004(completed: 70_000m) with { Year = 2023, AsOf = new DateOnly(2023, 4, 10) };
        var growth = InvestmentGrowth.Of(current, last);
        Assert.Equal(new Money(70_000m), growth.LastYear);
        Assert.Equal(11m, growth.Growth!.Value.Rounded); // (77,700 − 70,000) / 70,000 = 11%
        Assert.Equal("同比增长11%", growth.Phrase());
        Assert.Equal("同比下降2.1%", InvestmentGrowth.Of(Seed004(68_530m), last).Phrase()); // −1,470 / 70,000 = −2.1%
        Assert.Equal("与上年同期持平", InvestmentGrowth.Of(Seed004(70_000m), last).Phrase());
    }

    [Fact]
    public void Growth_IsADash_WithoutABase()
    {
        var current = Seed004();
        Assert.Null(InvestmentGrowth.Of(current, null).Growth);
        // Last year had the plan but no report by that day: no base, not a base of 0.
        var unreported = FiguresEngine.Compute([Rows.Plan(1)], 2023, new DateOnly(2023, 4, 10));
        Assert.Null(InvestmentGrowth.Of(current, unreported).LastYear);
        Assert.Null(InvestmentGrowth.Of(current, unreported).Growth);
        // Reported, but 0: the denominator is 0.
        var zero = FiguresEngine.Compute([Rows.Plan(1) with { YearToDate = Money.Zero }], 2023, new DateOnly(2023, 4, 10));
        Assert.Null(InvestmentGrowth.Of(current, zero).Growth);
        Assert.Null(InvestmentGrowth.Of(current, zero).Phrase());
        Assert.Equal(new DateOnly(2023, 2, 28), InvestmentGrowth.SameDayLastYear(new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void Targets_AreEachAgainstTheirFigure_RateAndGap()
    {
        var current = Seed004();
        var growth = InvestmentGrowth.Of(current, Seed004(70_000m) with { Year = 2023, AsOf = new DateOnly(2023, 4, 10) });
        var against = TargetsEngine.Against(Seed004Targets, current, growth).ToDictionary(t => t.Key);
        Assert.Equal(["newStarts", "startRate", "resumeRate", "completedInvestment", "growth"], against.Keys);
        Assert.Equal((26m, 23m, "88.5%", 3m), (against["newStarts"].Target, against["newStarts"].Actual, against["newStarts"].Rate.ToString(), against["newStarts"].Gap)); // 23/26
        Assert.Equal((52.3m, "88.6%", 6.7m), (against["startRate"].Actual!.Value, against["startRate"].Rate.ToString(), against["startRate"].Gap!.Value)); // 52.3/59
        Assert.Equal(("100%", 0m), (against["resumeRate"].Rate.ToString(), against["resumeRate"].Gap!.Value));
        Assert.Equal((77_700m, "95.9%", 3_300m), (against["completedInvestment"].Actual!.Value, against["completedInvestment"].Rate.ToString(), against["completedInvestment"].Gap!.Value));
        Assert.Equal(("100%", 0m), (against["growth"].Rate.ToString(), against["growth"].Gap!.Value));
    }

    [Fact]
    public void Targets_NotSet_AreNotListed_AndUnknownActualsAreNotZero()
    {
        var unreported = FiguresEngine.Compute([Rows.Plan(1)], 2024, AsOf);
        var against = TargetsEngine.Against(new TargetValues { CompletedInvestment = 1_000m, Growth = 5m }, unreported, InvestmentGrowth.Of(unreported, null));
        Assert.Equal(["completedInvestment", "growth"], against.Select(a => a.Key));
        Assert.All(against, a => Assert.Null(a.Actual));
        Assert.All(against, a => Assert.Null(a.Rate));
        Assert.Empty(TargetsEngine.Against(new TargetValues(), unreported, InvestmentGrowth.Of(unreported, null)));
        var zeroTarget = TargetsEngine.Against(new TargetValues { NewStarts = 0 }, unreported, InvestmentGrowth.Of(unreported, null)).Single();
        Assert.Null(zeroTarget.Rate); // x / 0 is "—"
    }

    [Fact]
    public void UnitTarget_RefusesWhatNoZoneCouldBeGiven()
    {
        var errors = Assert.Throws<ValidationException>(() => new UnitTarget(1, 2024, new TargetValues { NewStarts = -1, StartRate = 101m, Growth = -150m })).Errors;
        Assert.Equal(["newStarts", "startRate", "growth"], errors.Select(e => e.Field));
        Assert.Throws<DomainException>(() => new UnitTarget(1, 1900, new TargetValues()));
        var target = new UnitTarget(1, 2024, Seed004Targets);
        target.Change(new TargetValues { NewStarts = 30 });
        Assert.Equal(new TargetValues { NewStarts = 30 }, target.Values); // a target left out is cleared
    }

    [Fact]
    public void TheBriefing_SaysTheYearsTargets_AndWhereThingsStand_InSeed004sWords()
    {
        var current = Seed004();
        var growth = InvestmentGrowth.Of(current, Seed004(70_000m) with { Year = 2023, AsOf = new DateOnly(2023, 4, 10) });
        var input = Input(current, new TargetStanding(growth, Seed004Targets, TargetsEngine.Against(Seed004Targets, current, growth)));
        var briefing = BriefingWriter.Write(input);
        Assert.Contains("完成投资7.77亿元，同比增长11%，占年度计划的", briefing.Sections[0].Text);
        var forward = briefing.Sections.Single(s => s.Kind == BriefingSectionKind.Targets).Text;
        Assert.Equal(
            "高新区今年的目标是：在21个续建项目100%复工的基础上，推动新开工项目达到26个，开工率达到59%，完成投资8.1亿元，增速达到11%。"
            + "目前新开工23个，完成目标的88.5%；开工率52.3%；完成投资7.77亿元，完成目标的95.9%；增速11%。",
            forward);
    }

    [Fact]
    public void TheBriefing_NamesAnUnmetResumeTarget_AsAGoal_AndHasNoParagraphWithoutTargets()
    {
        var rows = new List<PlanRow> { Rows.Plan(1, Nature.Continuing) with { StartDate = new DateOnly(2024, 3, 1) }, Rows.Plan(2, Nature.Continuing) };
        var current = FiguresEngine.Compute(rows, 2024, AsOf);
        var targets = new TargetValues { ResumeRate = 100m, Growth = 8m };
        var growth = InvestmentGrowth.Of(current, null);
        var text = BriefingWriter.TargetsParagraph(Input(current, null), new TargetStanding(growth, targets, TargetsEngine.Against(targets, current, growth)));
        Assert.Equal("高新区今年的目标是：推动复工率达到100%，增速达到8%。目前复工率50%；增速暂无上年同期数据。", text);
        Assert.DoesNotContain(BriefingWriter.Write(Input(current, new TargetStanding(growth, null, []))).Sections, s => s.Kind == BriefingSectionKind.Targets);
        Assert.DoesNotContain("同比", BriefingWriter.Write(Input(current, new TargetStanding(growth, null, []))).Sections[0].Text);
    }

    /// <summary>Over random figures: rate × target = actual, gap = target − actual, and growth has the sign of the change.</summary>
    [Fact]
    public void RateAndGap_AreConsistent_AndGrowthHasTheSignOfTheChange_OverRandomCases()
    {
        var random = new Random(14);
        for (var i = 0; i < 500; i++)
        {
            var target = random.Next(1, 100_000);
            var actual = random.Next(0, 200_000);
            var f = TargetFigure.Of("x", target, actual);
            Assert.True(Math.Abs(f.Rate!.Value.Value * target / 100m - actual) < 0.0001m, $"case {i}: {actual}/{target}");
            Assert.Equal(target - actual, f.Gap);

            var now = random.Next(0, 100_000);
            var before = random.Next(1, 100_000);
            var g = InvestmentGrowth.Of(
                FiguresEngine.Compute([Rows.Plan(1) with { YearToDate = new Money(now) }], 2024, AsOf),
                FiguresEngine.Compute([Rows.Plan(1) with { YearToDate = new Money(before) }], 2023, new DateOnly(2023, 4, 10)));
            Assert.Equal(Math.Sign(now - before), Math.Sign(g.Growth!.Value.Value));
            Assert.True(Math.Abs(before * (1 + g.Growth!.Value.Value / 100m) - now) < 0.0001m, $"case {i}: {now} over {before}");
        }
    }

    private static BriefingInput Input(ScopeFigures f, TargetStanding? targets) => new()
    {
        ScopeName = "阳泉高新区",
        ShortName = "高新区",
        ScopeKind = OrgUnitKind.Zone,
        Year = 2024,
        AsOf = AsOf,
        Figures = f,
        Provincial = FiguresEngine.Compute([], 2024, AsOf),
        Municipal = FiguresEngine.Compute([], 2024, AsOf),
        Targets = targets,
    };
}
