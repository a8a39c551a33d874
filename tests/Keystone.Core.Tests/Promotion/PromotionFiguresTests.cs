using Keystone.Core.Lights;
using Keystone.Core.Promotion;

namespace Keystone.Core.Tests.Promotion;

public class PromotionFiguresTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);

    private static LeadRow Row(int id, int unit, string investor, LeadChannel channel, params (LeadStage Stage, string On)[] dates) => new()
    {
        Id = id,
        UnitId = unit,
        Name = $"项目{id}",
        Investor = investor,
        Channel = channel,
        Dates = dates.ToDictionary(d => d.Stage, d => DateOnly.Parse(d.On, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static LightRules Defaults(int unit) => LightRules.Default;

    /// <summary>Six leads of two zones, counted by hand below.</summary>
    private static List<LeadRow> Leads() =>
    [
        // 1: signed 2024-03-01 (8亿元), started 2024-05-10 — landed, 70 days.
        Row(1, 10, "甲科技有限公司", LeadChannel.Industry, (LeadStage.Lead, "2024-01-02"), (LeadStage.Contacted, "2024-01-10"), (LeadStage.Visited, "2024-01-20"), (LeadStage.Negotiating, "2024-02-01"), (LeadStage.Signed, "2024-03-01"), (LeadStage.Started, "2024-05-10"))
            with { ContractAmount = new Money(80000m) },
        // 2: signed 2024-06-15 (2亿元), waiting 15 days.
        Row(2, 10, "乙新材料股份有限公司", LeadChannel.Business, (LeadStage.Lead, "2024-02-01"), (LeadStage.Contacted, "2024-02-05"), (LeadStage.Visited, "2024-03-01"), (LeadStage.Negotiating, "2024-04-01"), (LeadStage.Signed, "2024-06-15"))
            with { ContractAmount = new Money(20000m) },
        // 3: the same investor as 2 (no USCC, the name without its form) signed in zone 20 later: counted once.
        Row(3, 20, "乙新材料有限公司", LeadChannel.Industry, (LeadStage.Lead, "2024-03-01"), (LeadStage.Contacted, "2024-03-05"), (LeadStage.Visited, "2024-03-10"), (LeadStage.Negotiating, "2024-04-01"), (LeadStage.Signed, "2024-06-20"))
            with { ContractAmount = new Money(25000m) },
        // 4: negotiating; last contact a follow-up on 2024-05-01: 60 days → red.
        Row(4, 20, "丙能源有限公司", LeadChannel.Fund, (LeadStage.Lead, "2024-01-15"), (LeadStage.Contacted, "2024-02-01"), (LeadStage.Visited, "2024-03-01"), (LeadStage.Negotiating, "2024-04-15"))
            with { FollowUps = [new(2024, 5, 1)] },
        // 5: a lead since 2024-05-20, untouched: 41 days → yellow.
        Row(5, 10, "丁装备有限公司", LeadChannel.Industry, (LeadStage.Lead, "2024-05-20")),
        // 6: shelved 2024-04-01 (not stale, counted under shelved); 7: recorded after the day.
        Row(6, 10, "戊公司", LeadChannel.Platform, (LeadStage.Lead, "2024-01-05")) with { State = LeadState.Shelved, HaltedOn = new(2024, 4, 1) },
        Row(7, 10, "己公司", LeadChannel.Industry, (LeadStage.Lead, "2024-07-01")),
    ];

    [Fact]
    public void Figures_AgreeWithTheHandCount()
    {
        var task = new PromotionTaskFigures(4, new Money(200000m), new Money(100000m), 2);
        var f = PromotionEngine.Compute(Leads(), task, 2024, AsOf, Defaults, duplicates: [2, 3]);

        Assert.Equal(6, f.Leads);
        Assert.Equal(1, f.ByStage["lead"]);
        Assert.Equal(1, f.ByStage["negotiating"]);
        Assert.Equal(2, f.ByStage["signed"]);
        Assert.Equal(1, f.ByStage["started"]);
        Assert.Equal(1, f.ByStage["shelved"]);
        Assert.Equal(0, f.ByStage["terminated"]);
        Assert.Equal(3, f.ByChannel["industry"]);
        Assert.Equal(1, f.ByChannel["business"]);
        Assert.Equal(1, f.ByChannel["fund"]);
        Assert.Equal(1, f.ByChannel["platform"]);

        // Three signings, the investor of 2 and 3 once (the earlier, 2): 1 and 2, 8亿 + 2亿.
        Assert.Equal(2, f.Signed);
        Assert.Equal(new Money(100000m), f.SignedAmount);
        Assert.Equal(1, f.SignedByChannel["industry"]);
        Assert.Equal(1, f.SignedByChannel["business"]);
        Assert.Equal("50%", ChineseFormat.Percent(f.SignedRate));
        Assert.Equal("50%", ChineseFormat.Percent(f.SignedAmountRate));
        Assert.Equal(1, f.Landed);
        Assert.Equal(70m, f.AverageDaysToStart);
        Assert.Equal([(2, 15), (3, 10)], f.Waiting.Select(w => (w.Id, w.Days)));
        Assert.Equal(2, f.Duplicates);

        Assert.Equal([(4, 60, Light.Red), (5, 41, Light.Yellow)], f.Stale.Select(s => (s.Id, s.Days, s.Light)));
        Assert.Equal("线索“项目5”已41天未跟进", f.Stale[1].Reason.Zh);
    }

    [Fact]
    public void Figures_AsOfAnEarlierDay_ReadTheStagesAsTheyStoodThen()
    {
        var f = PromotionEngine.Compute(Leads(), null, 2024, new DateOnly(2024, 3, 31), Defaults);
        Assert.Equal(5, f.Leads); // 5 and 7 not yet recorded
        Assert.Equal(1, f.ByStage["signed"]); // 1 only; 2 and 3 still negotiating or visited
        Assert.Equal(0, f.ByStage["negotiating"]); // 4 negotiates from 04-15
        Assert.Equal(3, f.ByStage["visited"]); // 2, 3 and 4
        Assert.Equal(1, f.ByStage["lead"]); // 6 not yet shelved
        Assert.Equal(1, f.Signed);
        Assert.Null(f.SignedRate); // no task: "—", never 0%
        Assert.Equal("—", ChineseFormat.Percent(f.SignedRate));
        Assert.Equal(0, f.Landed);
        Assert.Null(f.AverageDaysToStart);
    }

    [Fact]
    public void StaleDays_AreEachUnitsOwn()
    {
        LightRules Strict(int unit) => unit == 20 ? LightRules.Default with { LeadYellowDays = 10, LeadRedDays = 20 } : LightRules.Default;
        var stale = PromotionEngine.Stale(Leads(), new DateOnly(2024, 5, 25), Strict);
        // Lead 4 (zone 20) last contacted 2024-05-01: 24 days, red by zone 20's 20; lead 3 (zone 20) visited 03-10, negotiating 04-01: 54 days.
        // Lead 2 (zone 10) negotiating since 04-01: 54 days, yellow by the default 30.
        Assert.Equal([(2, Light.Yellow), (3, Light.Red), (4, Light.Red)], stale.Select(s => (s.Id, s.Light)).OrderBy(s => s.Id));
    }

    [Fact]
    public void AverageDaysFromSigningToStart_GuodiantouOfSeed000()
    {
        var guodiantou = Row(1, 10, "国家电力投资集团有限公司", LeadChannel.Industry,
            (LeadStage.Lead, "2021-06-01"), (LeadStage.Contacted, "2021-06-10"), (LeadStage.Visited, "2021-07-01"), (LeadStage.Negotiating, "2021-08-01"), (LeadStage.Signed, "2021-09-03"), (LeadStage.Started, "2021-12-29"));
        var f = PromotionEngine.Compute([guodiantou], null, 2021, new DateOnly(2021, 12, 31), Defaults);
        Assert.Equal(117m, f.AverageDaysToStart); // 2021-09-03 → 2021-12-29
        Assert.Equal(1, f.Landed);
    }

    [Theory]
    [InlineData("中信重工机械股份有限公司", "中信重工机械有限公司", true)]
    [InlineData("阳泉 蓝宝石（科技）有限公司", "阳泉蓝宝石(科技)有限公司", true)]
    [InlineData("中信重工机械股份有限公司", "中信重工装备有限公司", false)]
    public void Duplicates_ByNearIdenticalName_WhenNoUscc(string a, string b, bool same) =>
        Assert.Equal(same, LeadDuplicates.Same(null, a, null, b));

    [Fact]
    public void Duplicates_ByUscc_AcrossUnitsOnly()
    {
        var uscc = new Uscc("91140300MA0GUQXX1" + Uscc.CheckCharacter("91140300MA0GUQXX1"));
        var found = LeadDuplicates.Find([(1, 10, uscc, "甲公司"), (2, 20, uscc, "甲公司（阳泉）"), (3, 10, null, "乙公司"), (4, 10, null, "乙有限公司")]);
        Assert.Equal([2], found[1]);
        Assert.Equal([1], found[2]);
        Assert.False(found.ContainsKey(3)); // the same zone twice is not a cross-zone duplicate
    }
}
