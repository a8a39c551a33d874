using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Core.Tests.Figures;

public class FiguresEngineTests
{
    private const int Year = 2024;
    private static readonly DateOnly AsOf = new(2024, 4, 10);

    [Fact]
    public void Seed004_WholeZone_HasTheFiguresTheNewspaperPrints()
    {
        var f = FiguresEngine.Compute(Seed004.Entries(), Seed004.Year, Seed004.AsOf);

        Assert.Equal(65, f.Planned);
        Assert.Equal(new Money(3_320_000), f.TotalInvestment);
        Assert.Equal(new Money(500_000), f.AnnualPlan);
        Assert.Equal(21, f.Continuing);
        Assert.Equal(44, f.New);
        Assert.Equal(21, f.Resumed);
        Assert.Equal(23, f.NewlyStarted);
        Assert.Equal(44, f.Started);
        Assert.Equal("100%", ChineseFormat.Percent(f.ResumeRate));
        Assert.Equal("52.3%", ChineseFormat.Percent(f.StartRate)); // the paper's 52.2% is a typo: 23/44 = 52.27…
        Assert.Equal("67.7%", ChineseFormat.Percent(f.OverallStartRate));
        Assert.Equal(Seed004.Year, f.Year);
        Assert.Equal(Seed004.AsOf, f.AsOf);
    }

    [Fact]
    public void Seed004_KeyLists_HaveTheFiguresTheNewspaperPrints()
    {
        var levels = FiguresEngine.ByLevel(Seed004.Entries(), Seed004.Year, Seed004.AsOf).ToDictionary(l => l.Level, l => l.Figures);

        var provincial = levels[ProjectLevels.Provincial];
        Assert.Equal((12, 9, 5, 4), (provincial.Planned, provincial.Started, provincial.Resumed, provincial.NewlyStarted));
        Assert.Equal("91.4亿元", provincial.TotalInvestment.ToString());
        Assert.Equal("17亿元", provincial.AnnualPlan.ToString());

        var municipal = levels[ProjectLevels.Municipal];
        Assert.Equal((16, 11, 5, 6), (municipal.Planned, municipal.Started, municipal.Resumed, municipal.NewlyStarted));
        Assert.Equal("86.27亿元", municipal.TotalInvestment.ToString());
        Assert.Equal("9.66亿元", municipal.AnnualPlan.ToString());

        Assert.Equal(0, levels[ProjectLevels.Ordinary].Planned);
        Assert.Equal(4, levels.Count);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void AnEntryHasStarted_OnAndAfterItsStartDate_NotBefore(int asOfMinusStart, bool started)
    {
        var start = new DateOnly(2024, 3, 28);
        var asOf = start.AddDays(asOfMinusStart);
        PlanRow[] rows = [Rows.Plan(1, Nature.New) with { StartDate = start }, Rows.Plan(2, Nature.Continuing) with { StartDate = start }];

        var f = FiguresEngine.Compute(rows, Year, asOf);

        Assert.Equal(started ? 1 : 0, f.NewlyStarted);
        Assert.Equal(started ? 1 : 0, f.Resumed);
        Assert.Equal(started ? 2 : 0, f.Started);
        Assert.Equal(started, FiguresEngine.HasStarted(rows[0], Year, asOf));
    }

    [Fact]
    public void ContinuingEntry_FirstStartedYearsAgo_IsNotResumedUntilItsStartDateInTheYear()
    {
        var row = Rows.Plan(1, Nature.Continuing) with { ActualStart = new DateOnly(2021, 5, 1) };

        Assert.Null(FiguresEngine.StartDateInYear(row, Year));
        Assert.Equal(0, FiguresEngine.Compute([row], Year, AsOf).Resumed);
        Assert.Equal(1, FiguresEngine.Compute([row with { StartDate = new DateOnly(2024, 2, 20) }], Year, AsOf).Resumed);
    }

    [Fact]
    public void ContinuingEntry_WithAnActualStartInTheYear_IsStillNotResumedWithoutItsStartDate()
    {
        // 实际开工时间 is the project's first start; only 本年开复工时间 says a continuing project resumed.
        var row = Rows.Plan(1, Nature.Continuing) with { ActualStart = new DateOnly(2024, 2, 1) };

        Assert.Null(FiguresEngine.StartDateInYear(row, Year));
    }

    [Theory]
    [InlineData(2024, 3, 1, true)]
    [InlineData(2024, 1, 1, true)]
    [InlineData(2023, 12, 31, false)] // broke ground last year: not a new start this year
    [InlineData(2024, 4, 11, false)] // after the as-of date
    public void NewEntry_WithoutStartDate_CountsItsActualStart_OnlyWhenInTheYear(int y, int m, int d, bool counts)
    {
        var row = Rows.Plan(1, Nature.New) with { ActualStart = new DateOnly(y, m, d) };

        Assert.Equal(counts ? 1 : 0, FiguresEngine.Compute([row], Year, AsOf).NewlyStarted);
    }

    [Fact]
    public void StartDate_WinsOverActualStart()
    {
        var row = Rows.Plan(1, Nature.New) with { StartDate = new DateOnly(2024, 5, 1), ActualStart = new DateOnly(2024, 3, 1) };

        Assert.Equal(new DateOnly(2024, 5, 1), FiguresEngine.StartDateInYear(row, Year));
        Assert.Equal(0, FiguresEngine.Compute([row], Year, AsOf).NewlyStarted);
    }

    [Fact]
    public void StartDate_OutsideTheYear_IsNoStartInTheYear()
    {
        var row = Rows.Plan(1, Nature.Continuing) with { StartDate = new DateOnly(2023, 3, 1) };

        Assert.Null(FiguresEngine.StartDateInYear(row, Year));
        Assert.Equal(new DateOnly(2023, 3, 1), FiguresEngine.StartDateInYear(row, 2023));
    }

    [Fact]
    public void NoRows_GiveZeroCounts_AndNullRates_NeverZeroPercent()
    {
        var f = FiguresEngine.Compute([], Year, AsOf);

        Assert.Equal((0, 0, 0, 0), (f.Planned, f.Started, f.Continuing, f.New));
        Assert.Equal(Money.Zero, f.TotalInvestment);
        Assert.Null(f.ResumeRate);
        Assert.Null(f.StartRate);
        Assert.Null(f.OverallStartRate);
        Assert.Null(f.CompletionRate);
        Assert.Null(f.Pace);
        Assert.Equal("—", ChineseFormat.Percent(f.ResumeRate));
    }

    [Fact]
    public void OnlyNewEntries_HaveNoResumeRate_ButAStartRate()
    {
        var f = FiguresEngine.Compute([Rows.Plan(1) with { StartDate = new DateOnly(2024, 2, 1) }, Rows.Plan(2)], Year, AsOf);

        Assert.Null(f.ResumeRate);
        Assert.Equal(50m, f.StartRate!.Value.Value);
        Assert.Equal(50m, f.OverallStartRate!.Value.Value);
    }

    [Fact]
    public void CompletedInvestment_SumsYearToDate_CountingMissingReportsAsZero()
    {
        PlanRow[] rows =
        [
            Rows.Plan(1, planned: 600) with { YearToDate = new Money(150) },
            Rows.Plan(2, planned: 300) with { YearToDate = new Money(0) },
            Rows.Plan(3, planned: 100),
        ];

        var f = FiguresEngine.Compute(rows, Year, AsOf);

        Assert.Equal(new Money(150), f.CompletedInvestment);
        Assert.Equal(2, f.Reported);
        Assert.Equal(15m, f.CompletionRate!.Value.Value);
        Assert.Equal(15m - FiguresEngine.TimeElapsed(Year, AsOf).Value, f.Pace);
    }

    [Fact]
    public void NoPlannedInvestment_HasNoCompletionRate_AndNoPace()
    {
        var f = FiguresEngine.Compute([Rows.Plan(1, planned: 0) with { YearToDate = new Money(5) }], Year, AsOf);

        Assert.Equal(new Money(5), f.CompletedInvestment);
        Assert.Null(f.CompletionRate);
        Assert.Null(f.Pace);
    }

    [Fact]
    public void Rates_RoundHalfAwayFromZero_WhenPrinted()
    {
        // 9 of 400 resumed = 2.25% → 2.3%; 1 of 80 万元 completed = 1.25% → 1.3%; 2.249… stays 2.2%.
        var rows = Enumerable.Range(1, 400)
            .Select(i => Rows.Plan(i, Nature.Continuing, planned: i == 1 ? 80 : 0) with
            {
                StartDate = i <= 9 ? new DateOnly(2024, 3, 1) : null,
                YearToDate = i == 1 ? new Money(1) : null,
            });
        var f = FiguresEngine.Compute(rows, Year, AsOf);

        Assert.Equal(2.25m, f.ResumeRate!.Value.Value);
        Assert.Equal("2.3%", ChineseFormat.Percent(f.ResumeRate));
        Assert.Equal("1.3%", ChineseFormat.Percent(f.CompletionRate));
        Assert.Equal("2.2%", ChineseFormat.Percent(new Percent(2.2499m)));
    }

    [Theory]
    [InlineData(2023, 2023, 1, 1, 1, 365)]
    [InlineData(2023, 2023, 12, 31, 365, 365)]
    [InlineData(2023, 2023, 7, 2, 183, 365)]
    [InlineData(2024, 2024, 1, 1, 1, 366)]
    [InlineData(2024, 2024, 2, 29, 60, 366)]
    [InlineData(2024, 2024, 7, 1, 183, 366)] // half of a leap year: 50%
    [InlineData(2024, 2024, 12, 31, 366, 366)]
    [InlineData(2024, 2023, 12, 31, 0, 366)] // before the year
    [InlineData(2024, 2025, 1, 1, 366, 366)] // after the year
    [InlineData(2024, 2030, 6, 1, 366, 366)]
    public void TimeElapsed_CountsTheAsOfDayItself_AndIsClampedToTheYear(int year, int y, int m, int d, int days, int daysInYear)
    {
        var elapsed = FiguresEngine.TimeElapsed(year, new DateOnly(y, m, d));

        Assert.Equal(days * 100m / daysInYear, elapsed.Value);
        Assert.Equal(elapsed, FiguresEngine.Compute([], year, new DateOnly(y, m, d)).TimeElapsed);
    }

    [Fact]
    public void TimeElapsed_IsPrintedAsTheNewspapersDo()
    {
        Assert.Equal("0.3%", FiguresEngine.TimeElapsed(2023, new DateOnly(2023, 1, 1)).ToString());
        Assert.Equal("100%", FiguresEngine.TimeElapsed(2024, new DateOnly(2024, 12, 31)).ToString());
        Assert.Equal("50%", FiguresEngine.TimeElapsed(2024, new DateOnly(2024, 7, 1)).ToString());
    }

    [Fact]
    public void ByLevel_CountsAProjectOnTwoListsInBoth()
    {
        PlanRow[] rows =
        [
            Rows.Plan(1, levels: ProjectLevels.Provincial | ProjectLevels.Municipal) with { StartDate = new DateOnly(2024, 3, 1) },
            Rows.Plan(2, levels: ProjectLevels.Municipal),
        ];

        var levels = FiguresEngine.ByLevel(rows, Year, AsOf);

        Assert.Equal(ProjectVocabulary.AllLevels, levels.Select(l => l.Level));
        Assert.Equal([1, 2, 0, 0], levels.Select(l => l.Figures.Planned));
        Assert.Equal([1, 1, 0, 0], levels.Select(l => l.Figures.NewlyStarted));
    }

    [Fact]
    public void ByCategory_ListsEveryCategory()
    {
        PlanRow[] rows =
        [
            Rows.Plan(1, category: ProjectCategory.Infrastructure),
            Rows.Plan(2, category: ProjectCategory.Infrastructure, total: 5),
            Rows.Plan(3, category: ProjectCategory.Other),
        ];

        var categories = FiguresEngine.ByCategory(rows, Year, AsOf);

        Assert.Equal(Enum.GetValues<ProjectCategory>(), categories.Select(c => c.Category));
        Assert.Equal([0, 2, 0, 1], categories.Select(c => c.Figures.Planned));
        Assert.Equal(new Money(10_005), categories[1].Figures.TotalInvestment);
    }
}
