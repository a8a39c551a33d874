using Keystone.Core.Indicators;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Indicators;

public class IndicatorEngineTests
{
    // 山西省 → 太原市, 阳泉市, 大同市; zones under each city and one under the province; counties under 阳泉市.
    private static readonly OrgTree Tree = new(
    [
        new(1, "山西省", OrgUnitKind.Province, null),
        new(2, "太原市", OrgUnitKind.City, 1),
        new(3, "阳泉市", OrgUnitKind.City, 1),
        new(4, "大同市", OrgUnitKind.City, 1),
        new(10, "阳泉高新区", OrgUnitKind.Zone, 3),
        new(11, "大同经开区", OrgUnitKind.Zone, 4),
        new(12, "山西转型综改示范区", OrgUnitKind.Zone, 1),
        new(20, "盂县", OrgUnitKind.County, 3),
        new(21, "平定县", OrgUnitKind.County, 3),
        new(30, "河北省", OrgUnitKind.Province, null),
        new(31, "石家庄市", OrgUnitKind.City, 30),
        new(32, "石家庄高新区", OrgUnitKind.Zone, 31),
    ]);

    private static readonly Period March = new(2022, 3);
    private static readonly Period LastMarch = new(2021, 3);

    private static IndicatorInfo Gdp => Indicator.Seeded.Single(i => i.Name == "地区生产总值");

    private static IndicatorInfo Retail => Indicator.Seeded.Single(i => i.Name == "社会消费品零售总额");

    private static IndicatorInfo Added => Indicator.Seeded.Single(i => i.Name == "规上工业增加值");

    private static IndicatorFact Fact(int unit, IndicatorInfo indicator, decimal? value, decimal? last = null, decimal? growth = null, Period? period = null, int? decimals = null, int? rank = null) =>
        new(unit, indicator.Id, period ?? March, value, last, growth, decimals, rank);

    private static IndicatorInputs Inputs(params IndicatorFact[] facts) => new() { Tree = Tree, Catalogue = Indicator.Seeded, Facts = facts };

    [Fact]
    public void Growth_IsTheChangeOverLastYear_AndNothingWithoutABase()
    {
        // 74.5 against 72.2: 2.3 / 72.2 = 3.1856…%
        Assert.Equal(3.2m, decimal.Round(IndicatorEngine.Growth(745_000m, 722_000m)!.Value, 1));
        Assert.Null(IndicatorEngine.Growth(745_000m, 0m));
        Assert.Null(IndicatorEngine.Growth(745_000m, null));
        Assert.Null(IndicatorEngine.Growth(null, 722_000m));
        Assert.Equal(-50m, IndicatorEngine.Growth(50m, 100m));
    }

    [Fact]
    public void Growth_PublishedIsStoredAsGiven_NeverRecomputedFromTheValues()
    {
        // 原平's 规上工业增加值: 13.18亿元, 增速19.42% at comparable prices; the current-price values say otherwise.
        var row = IndicatorEngine.Row(Inputs(Fact(10, Added, 131_800m, last: 100_000m, growth: 19.42m, decimals: 2)), Added, 10, March)!;
        Assert.Equal(19.42m, row.Growth);
        Assert.True(row.GrowthGiven);
        Assert.Equal(19.42m, row.PrintedGrowth);

        // Without a published growth, an indicator published at comparable prices has none.
        var none = IndicatorEngine.Row(Inputs(Fact(10, Added, 131_800m, last: 100_000m)), Added, 10, March)!;
        Assert.Null(none.Growth);
    }

    [Fact]
    public void Growth_ReadsLastYearsStoredValue_WhenNotGivenWithTheValue()
    {
        var row = IndicatorEngine.Row(Inputs(Fact(3, Retail, 745_000m), Fact(3, Retail, 722_000m, period: LastMarch)), Retail, 3, March)!;
        Assert.Equal(722_000m, row.LastYear);
        Assert.Equal(3.2m, row.PrintedGrowth);
        Assert.False(row.GrowthGiven);

        // A last-year value given with the figure wins over the stored one.
        var given = IndicatorEngine.Row(Inputs(Fact(3, Retail, 745_000m, last: 745_000m), Fact(3, Retail, 722_000m, period: LastMarch)), Retail, 3, March)!;
        Assert.Equal(0m, given.Growth);
    }

    [Fact]
    public void Peers_AreTheSameKindUnderTheSameParent_AndZonesAcrossTheProvincesCities()
    {
        Assert.Equal([2, 3, 4], IndicatorEngine.Peers(Tree, 3));
        Assert.Equal([20, 21], IndicatorEngine.Peers(Tree, 20));
        // Zones: every zone of 山西省, under whichever city (or under the province itself), none of 河北省's.
        Assert.Equal([10, 11, 12], IndicatorEngine.Peers(Tree, 11));
        Assert.Equal("全省", IndicatorEngine.Among(Tree, 10));
        Assert.Equal("全省", IndicatorEngine.Among(Tree, 3));
        Assert.Equal("全市", IndicatorEngine.Among(Tree, 20));
    }

    [Fact]
    public void Rank_ByGrowth_TiesShareAPlaceOnThePrintedDecimals()
    {
        // 太原 +5.0%, 阳泉 3.04% and 大同 2.96%: both print 3.0%, so both are 2nd.
        var input = Inputs(
            Fact(2, Retail, null, growth: 5.0m), Fact(3, Retail, null, growth: 3.04m), Fact(4, Retail, null, growth: 2.96m));
        var table = IndicatorEngine.RankTable(input, Retail, [2, 3, 4], March);
        // Tied units stand in name order (大同 before 阳泉).
        Assert.Equal([(2, 1), (4, 2), (3, 2)], table.Select(r => (r.UnitId, r.Standing!.Rank)));
        Assert.All(table, r => Assert.Equal(3, r.Standing!.Peers));
        Assert.All(table, r => Assert.False(r.Standing!.Published));
    }

    [Fact]
    public void Rank_ByValue_WhenTheIndicatorSaysSo()
    {
        var byValue = Retail with { RankBy = IndicatorRankBy.Value };
        var input = Inputs(
            Fact(2, byValue, 1_000_000m, growth: 1m), Fact(3, byValue, 745_000m, growth: 9m), Fact(4, byValue, 800_000m, growth: 5m));
        var table = IndicatorEngine.RankTable(input, byValue, [2, 3, 4], March);
        Assert.Equal([(2, 1), (4, 2), (3, 3)], table.Select(r => (r.UnitId, r.Standing!.Rank)));
    }

    [Fact]
    public void Rank_OfAZone_IsAmongTheProvincesZones_AcrossCities()
    {
        var input = Inputs(
            Fact(10, Retail, null, growth: 8m), Fact(11, Retail, null, growth: 12m), Fact(12, Retail, null, growth: 4m),
            Fact(32, Retail, null, growth: 50m), Fact(20, Retail, null, growth: 99m));
        var row = IndicatorEngine.Row(input, Retail, 10, March)!;
        Assert.Equal(new IndicatorStanding(2, 3, false, "全省"), row.Standing);
    }

    [Fact]
    public void Rank_IsThePublishedOne_WhenAPeersValueIsMissing_AndNoneWithoutEither()
    {
        var input = Inputs(Fact(3, Retail, 745_000m, growth: 3.2m, rank: 2), Fact(2, Retail, null, growth: 9m));
        Assert.Equal(new IndicatorStanding(2, 3, true, "全省"), IndicatorEngine.Row(input, Retail, 3, March)!.Standing);
        Assert.Null(IndicatorEngine.Row(input, Retail, 2, March)!.Standing);

        // Once every peer has a value, the computed rank wins over the published one.
        var all = Inputs(Fact(3, Retail, 745_000m, growth: 3.2m, rank: 2), Fact(2, Retail, null, growth: 1m), Fact(4, Retail, null, growth: 2m));
        Assert.Equal(new IndicatorStanding(1, 3, false, "全省"), IndicatorEngine.Row(all, Retail, 3, March)!.Standing);
    }

    [Fact]
    public void Target_GapIsWhatIsLeft_ForAValue_AndThePoints_ForAGrowth()
    {
        var value = IndicatorEngine.Gap(new TargetFact(3, Gdp.Id, 2022, TargetKind.Value, 10_000_000m), 2_434_000m, 6.0m)!;
        Assert.Equal(-7_566_000m, value.Gap);
        Assert.Equal(24.34m, value.Completion);
        Assert.Equal("差756.6亿元（完成24.3%）", IndicatorWording.Gap(Gdp, value));

        var growth = IndicatorEngine.Gap(new TargetFact(3, Gdp.Id, 2022, TargetKind.Growth, 6.5m), 2_434_000m, 6.0m)!;
        Assert.Equal(-0.5m, growth.Gap);
        Assert.Equal("低0.5个百分点", IndicatorWording.Gap(Gdp, growth));
        Assert.Equal("增长6.5%", IndicatorWording.Target(Gdp, growth));
        Assert.Null(IndicatorEngine.Gap(null, 1m, 1m));
    }

    [Fact]
    public void Table_FollowsTheCatalogue_AndSkipsWhatIsUnknown()
    {
        var input = Inputs(Fact(3, Retail, 745_000m, growth: 3.2m), Fact(3, Gdp, 2_434_000m, growth: 6.0m)) with
        {
            Targets = [new TargetFact(3, Gdp.Id, 2022, TargetKind.Growth, 6.5m)],
        };
        var table = IndicatorEngine.Table(input, 3, March);
        Assert.Equal(["地区生产总值", "社会消费品零售总额"], table.Select(r => r.Indicator.Name));
        Assert.Equal(-0.5m, table[0].Target!.Gap);
        Assert.Null(table[1].Target);
    }

    [Fact]
    public void Series_HasTwelveMonths_EndingAtThePeriod()
    {
        var input = Inputs(Fact(3, Retail, 745_000m, growth: 3.2m), Fact(3, Retail, 500_000m, last: 400_000m, period: new Period(2021, 12)));
        var series = IndicatorEngine.Series(input, Retail, 3, March);
        Assert.Equal(12, series.Count);
        Assert.Equal(new Period(2021, 4), series[0].Period);
        Assert.Equal(March, series[^1].Period);
        Assert.Equal(3.2m, series[^1].Growth);
        Assert.Equal(25.0m, series.Single(s => s.Period == new Period(2021, 12)).Growth);
        Assert.Null(series[0].Growth);
    }

    [Fact]
    public void CompetitionRanks_Properties_HoldForRandomKeys()
    {
        var random = new Random(13);
        for (var round = 0; round < 500; round++)
        {
            var n = random.Next(1, 15);
            // Few distinct values, so ties are common; some units without a key.
            var keys = Enumerable.Range(0, n).Select(_ => random.Next(5) == 0 ? (decimal?)null : random.Next(-3, 4) * 0.5m).ToList();
            var ranks = IndicatorEngine.CompetitionRanks(keys);
            var ranked = keys.Zip(ranks).Where(x => x.First is not null).Select(x => (Key: x.First!.Value, Rank: x.Second!.Value)).ToList();
            Assert.All(keys.Zip(ranks).Where(x => x.First is null), x => Assert.Null(x.Second));
            if (ranked.Count == 0)
            {
                continue;
            }

            // The best is 1; equal keys share a rank; a better key a better rank; the ranks are a permutation
            // of 1..m with each tied group taking its first place (1, 2, 2, 4).
            Assert.All(ranked.Where(r => r.Key == ranked.Max(x => x.Key)), r => Assert.Equal(1, r.Rank));
            foreach (var a in ranked)
            {
                foreach (var b in ranked)
                {
                    Assert.Equal(a.Key.CompareTo(b.Key) > 0, a.Rank < b.Rank);
                }
            }

            var sorted = ranked.Select(r => r.Rank).Order().ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                Assert.True(sorted[i] == i + 1 || sorted[i] == sorted[i - 1], $"rank {sorted[i]} at place {i + 1}");
            }
        }
    }

    [Fact]
    public void Contribution_ByProject_AddsUpToTheGrowth_HandComputed()
    {
        // Last year 100 + 50 = 150; this year 120 + 90 + 30 (a new project) = 240: growth 60%.
        var table = Contribution.Of(
        [
            new ContributionItem("甲项目", "A", 120m, 100m),
            new ContributionItem("乙项目", "B", 90m, 50m),
            new ContributionItem("丙项目", "C", 30m, null),
        ]);
        Assert.Equal(60m, table.Growth);
        Assert.Equal(["乙项目", "丙项目", "甲项目"], table.Rows.Select(r => r.Name));
        Assert.Equal(40m * 100m / 150m, table.Rows[0].Points);
        Assert.Equal(20m, table.Rows[1].Points);
        Assert.Equal(12.5m, table.Rows[1].Share);
        Assert.Equal(table.Growth, table.Rows.Sum(r => r.Points));
    }

    [Fact]
    public void Contribution_Properties_PointsAlwaysSumToTheGrowth()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var items = Enumerable.Range(0, random.Next(1, 10))
                .Select(i => new ContributionItem($"项目{i}", null, random.Next(0, 1000), random.Next(3) == 0 ? null : random.Next(0, 1000)))
                .ToList();
            var table = Contribution.Of(items);
            if (table.Growth is { } g)
            {
                Assert.Equal(decimal.Round(g, 10), decimal.Round(table.Rows.Sum(r => r.Points!.Value), 10));
            }
            else
            {
                Assert.All(table.Rows, r => Assert.Null(r.Points));
            }
        }
    }
}
