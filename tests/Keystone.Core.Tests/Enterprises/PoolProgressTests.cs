using Keystone.Core.Enterprises;

namespace Keystone.Core.Tests.Enterprises;

public class PoolProgressTests
{
    private static readonly Money Threshold = new(2000m);

    [Fact]
    public void Progress_SumsTheYearsApprovedMonths_AndProjectsTheYear()
    {
        // January 150 + February 180 + March 210 = 540万元 year to date, 27% of 2000万元;
        // 540 / 3 months × 12 = 2160万元 projected: on track. December of last year is not this year's.
        RevenueMonth[] months =
        [
            new(new Period(2023, 12), new Money(900m)),
            new(new Period(2024, 1), new Money(150m)),
            new(new Period(2024, 2), new Money(180m)),
            new(new Period(2024, 3), new Money(210m)),
            new(new Period(2024, 4), new Money(500m)), // after the as-of month
        ];

        var standing = PoolProgress.Judge(Threshold, new Period(2024, 3), new Period(2024, 12), null, months);

        Assert.Equal(540m, standing.YearToDate.Wan);
        Assert.Equal(3, standing.MonthsReported);
        Assert.Equal(2160m, standing.Projected!.Value.Wan);
        Assert.Equal("27%", ChineseFormat.Percent(standing.Share));
        Assert.True(standing.OnTrack);
        Assert.False(standing.Crossed);
        Assert.False(standing.Overdue);
    }

    [Fact]
    public void Progress_BelowTheLine_IsNotOnTrack_AndPastItsMonthIsOverdue()
    {
        // 100 + 200 = 300 over 2 months → 1800万元 a year, short of 2000.
        RevenueMonth[] months = [new(new Period(2024, 1), new Money(100m)), new(new Period(2024, 2), new Money(200m))];
        var standing = PoolProgress.Judge(Threshold, new Period(2024, 3), new Period(2024, 2), null, months);
        Assert.Equal(1800m, standing.Projected!.Value.Wan);
        Assert.False(standing.OnTrack);
        Assert.True(standing.Overdue);
    }

    [Fact]
    public void Progress_WithNoMonth_HasNoProjection_AndAnEnteredCandidateIsNeverOverdue()
    {
        var standing = PoolProgress.Judge(Threshold, new Period(2024, 3), new Period(2024, 1), new Period(2024, 2), []);
        Assert.Null(standing.Projected);
        Assert.False(standing.OnTrack);
        Assert.True(standing.Crossed);
        Assert.False(standing.Overdue);
        Assert.Equal("0%", ChineseFormat.Percent(standing.Share));
    }

    [Fact]
    public void Thresholds_AreSettings_WithIndustryAt2000WanByDefault()
    {
        Assert.Equal(2000m, PoolThresholds.Default.For("工业").Wan);
        var set = PoolThresholds.From(k => k == "Keystone:Enterprises:Thresholds:工业" ? "2500" : null);
        Assert.Equal(2500m, set.For("工业").Wan);
        Assert.Equal(500m, set.For("零售业").Wan);
        Assert.Throws<DomainException>(() => PoolThresholds.CheckSector("农业"));
    }
}
