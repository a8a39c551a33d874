using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Core.Tests.Figures;

public class BreakdownTests
{
    private const int Year = 2024;
    private static readonly DateOnly AsOf = new(2024, 4, 10);
    private static readonly DateOnly March = new(2024, 3, 1);

    [Fact]
    public void Ranking_IsStandardCompetition_HigherIsBetter()
    {
        Assert.Equal([1, 2, 2, 4], Ranking.Competition([90m, 80m, 80m, 70m]));
        Assert.Equal([4, 2, 1, 2], Ranking.Competition([70m, 80m, 90m, 80m]));
        Assert.Equal([1, 1, 1], Ranking.Competition([5m, 5m, 5m]));
        Assert.Empty(Ranking.Competition([]));
    }

    [Fact]
    public void Ranking_PutsNullsLast_SharingOneRank()
    {
        Assert.Equal([3, 1, 3, 2], Ranking.Competition([null, 50m, null, 0m]));
        Assert.Equal([1, 1], Ranking.Competition([null, null]));
    }

    [Fact]
    public void ByUnit_GroupsRowsUnderTheChildOfTheScope_AndRanksThem()
    {
        // Scope: a city (1) with zones 10, 20, 30; unit 11 lies below zone 10.
        PlanRow[] rows =
        [
            Rows.Plan(1, unit: 10) with { StartDate = March, YearToDate = new Money(100) },
            Rows.Plan(2, unit: 11),
            Rows.Plan(3, unit: 20) with { StartDate = March },
            Rows.Plan(4, unit: 30) with { StartDate = March, YearToDate = new Money(100) },
            Rows.Plan(5, unit: 30) with { StartDate = March, YearToDate = new Money(500) },
        ];
        int? ChildOf(int unit) => unit switch { 10 or 11 => 10, 20 => 20, 30 => 30, _ => null };

        var units = FiguresEngine.ByUnit(rows, Year, AsOf, ChildOf);

        Assert.Equal([10, 20, 30], units.Select(u => u.UnitId));
        Assert.Equal([2, 1, 2], units.Select(u => u.Figures.Planned));
        Assert.Equal([3, 1, 1], units.Select(u => u.OverallStartRateRank)); // 50%, 100%, 100%
        Assert.Equal([2, 3, 1], units.Select(u => u.CompletionRateRank)); // 5%, 0%, 30%
        Assert.Equal([2, 3, 1], units.Select(u => u.PaceRank));
    }

    [Fact]
    public void ByUnit_LeavesTheScopesOwnProjectsOutOfTheChildren()
    {
        PlanRow[] rows = [Rows.Plan(1, unit: 1), Rows.Plan(2, unit: 10)];

        var units = FiguresEngine.ByUnit(rows, Year, AsOf, u => u == 1 ? null : u);

        Assert.Equal(10, Assert.Single(units).UnitId);
    }

    [Fact]
    public void ByUnit_ANullRateRanksLast()
    {
        PlanRow[] rows =
        [
            Rows.Plan(1, unit: 10, planned: 0),
            Rows.Plan(2, unit: 20, planned: 100),
        ];

        var units = FiguresEngine.ByUnit(rows, Year, AsOf, u => u);

        Assert.Null(units[0].Figures.CompletionRate);
        Assert.Equal([2, 1], units.Select(u => u.CompletionRateRank));
        Assert.Equal([2, 1], units.Select(u => u.PaceRank));
    }

    [Fact]
    public void ByUnit_RatesThatPrintAlike_ShareARank()
    {
        // 23/44 = 52.27…% and 523/1000 = 52.3% both print 52.3%: one place, not 1st and 2nd.
        var rows = Enumerable.Range(1, 44).Select(i => Rows.Plan(i, unit: 10) with { StartDate = i <= 23 ? March : null })
            .Concat(Enumerable.Range(101, 1000).Select(i => Rows.Plan(i, unit: 20) with { StartDate = i <= 623 ? March : null }));

        var units = FiguresEngine.ByUnit(rows, Year, AsOf, u => u);

        Assert.NotEqual(units[0].Figures.OverallStartRate, units[1].Figures.OverallStartRate);
        Assert.Equal([1, 1], units.Select(u => u.OverallStartRateRank));
    }

    [Fact]
    public void Filter_ByLevelCategoryAndChain()
    {
        PlanRow[] rows =
        [
            Rows.Plan(1, levels: ProjectLevels.Provincial | ProjectLevels.Municipal) with { IndustryChain = "新能源" },
            Rows.Plan(2, levels: ProjectLevels.Municipal, category: ProjectCategory.Infrastructure),
            Rows.Plan(3, levels: ProjectLevels.Zone) with { IndustryChain = " 新能源 " },
        ];

        Assert.Equal([1, 2, 3], new PlanRowFilter().Apply(rows).Select(r => r.ProjectId));
        Assert.Equal([1, 2], new PlanRowFilter { Levels = ProjectLevels.Municipal }.Apply(rows).Select(r => r.ProjectId));
        Assert.Equal([1], new PlanRowFilter { Levels = ProjectLevels.Provincial }.Apply(rows).Select(r => r.ProjectId));
        Assert.Equal([1, 3], new PlanRowFilter { Levels = ProjectLevels.Provincial | ProjectLevels.Zone }.Apply(rows).Select(r => r.ProjectId));
        Assert.Equal([2], new PlanRowFilter { Category = ProjectCategory.Infrastructure }.Apply(rows).Select(r => r.ProjectId));
        Assert.Equal([1, 3], new PlanRowFilter { IndustryChain = "新能源" }.Apply(rows).Select(r => r.ProjectId));
        Assert.Empty(new PlanRowFilter { IndustryChain = "新能源", Category = ProjectCategory.Infrastructure }.Apply(rows));
    }

    /// <summary>
    /// Seed 004's 古县 plan, synthetic: 16 projects, 147.77亿元 total and 28.11亿元 planned; on the ceremony
    /// day 10 of them (5 industrial, 5 infrastructure; new and continuing) start with 93.19亿元 total and
    /// 26.11亿元 planned. The ceremony date is not in the article; 2024-03-15 stands in for it.
    /// </summary>
    internal static IReadOnlyList<PlanRow> Guxian()
    {
        var ceremony = new DateOnly(2024, 3, 15);
        var totals = Rows.Split(931_900, 10);
        var plans = Rows.Split(261_100, 10);
        var rows = Enumerable.Range(0, 10)
            .Select(i => Rows.Plan(
                i + 1,
                i % 3 == 0 ? Nature.Continuing : Nature.New,
                totals[i],
                plans[i],
                category: i < 5 ? ProjectCategory.Industrial : ProjectCategory.Infrastructure))
            .Select(row => row with { StartDate = ceremony })
            .ToList();

        // The other six: four started together another day (too few to count as 集中开复工), two not yet.
        var otherTotals = Rows.Split(545_800, 6);
        var otherPlans = Rows.Split(20_000, 6);
        rows.AddRange(Enumerable.Range(0, 6).Select(i =>
            Rows.Plan(11 + i, Nature.New, otherTotals[i], otherPlans[i], category: ProjectCategory.Livelihood) with
            {
                StartDate = i < 4 ? new DateOnly(2024, 3, 20) : null,
            }));
        return rows;
    }

    [Fact]
    public void ConcurrentStarts_Guxian_FindsTheCeremony()
    {
        var rows = Guxian();
        Assert.Equal("147.77亿元", FiguresEngine.Compute(rows, Year, AsOf).TotalInvestment.ToString());
        Assert.Equal("28.11亿元", FiguresEngine.Compute(rows, Year, AsOf).AnnualPlan.ToString());

        var group = Assert.Single(FiguresEngine.ConcurrentStarts(rows, Year, AsOf));

        Assert.Equal(new DateOnly(2024, 3, 15), group.Date);
        Assert.Equal(10, group.Count);
        Assert.Equal([new(ProjectCategory.Industrial, 5), new CategoryCount(ProjectCategory.Infrastructure, 5)], group.ByCategory);
        Assert.Equal((6, 4), (group.New, group.Continuing));
        Assert.Equal("93.19亿元", group.TotalInvestment.ToString());
        Assert.Equal("26.11亿元", group.AnnualPlan.ToString());
        Assert.Equal(Enumerable.Range(1, 10), group.ProjectIds);
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(6, 1)]
    public void ConcurrentStarts_NeedAtLeastTheMinimumOnOneDay(int starting, int groups)
    {
        var rows = Enumerable.Range(1, starting).Select(i => Rows.Plan(i) with { StartDate = March });

        Assert.Equal(groups, FiguresEngine.ConcurrentStarts(rows, Year, AsOf).Count);
        Assert.Single(FiguresEngine.ConcurrentStarts(rows, Year, AsOf, minimum: starting));
    }

    [Fact]
    public void ConcurrentStarts_CountOnlyStartsOnOrBeforeTheAsOfDate_InDateOrder()
    {
        var rows = Enumerable.Range(1, 5).Select(i => Rows.Plan(i) with { StartDate = AsOf })
            .Concat(Enumerable.Range(6, 5).Select(i => Rows.Plan(i) with { StartDate = AsOf.AddDays(1) }))
            .Concat(Enumerable.Range(11, 5).Select(i => Rows.Plan(i) with { ActualStart = March })); // new, known from 实际开工时间

        var groups = FiguresEngine.ConcurrentStarts(rows, Year, AsOf);

        Assert.Equal([March, AsOf], groups.Select(g => g.Date));
        Assert.Equal(3, FiguresEngine.ConcurrentStarts(rows, Year, AsOf.AddDays(1)).Count);
    }

    [Fact]
    public void ConcurrentStarts_RefuseAMinimumBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FiguresEngine.ConcurrentStarts([], Year, AsOf, minimum: 0));
    }
}
