using Keystone.Core.Ledger;

namespace Keystone.Core.Tests.Ledger;

public class LedgerDatesTests
{
    [Theory]
    [InlineData("2023-08-15", 2023, 8, 15)]
    [InlineData("2023.8.15", 2023, 8, 15)]
    [InlineData("2023/8/15", 2023, 8, 15)]
    [InlineData("2023年8月15日", 2023, 8, 15)]
    [InlineData("2023年8月", 2023, 8, 1)]
    [InlineData("2023-08", 2023, 8, 1)]
    [InlineData("20230815", 2023, 8, 15)]
    [InlineData("６月底", 2024, 6, 30)]
    [InlineData("6月末", 2024, 6, 30)]
    [InlineData("2月底", 2024, 2, 29)]
    [InlineData("6月", 2024, 6, 1)]
    [InlineData("6月份", 2024, 6, 1)]
    [InlineData("6月上旬", 2024, 6, 10)]
    [InlineData("6月中旬", 2024, 6, 20)]
    [InlineData("6月下旬", 2024, 6, 30)]
    [InlineData("2025年3月底", 2025, 3, 31)]
    public void TextDates_InEveryFormTheLedgersUse(string text, int y, int m, int d)
    {
        Assert.True(LedgerDates.Parse(text, 2024, out var date, out _));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Fact]
    public void RealExcelDates_AsDateTimeOrSerial()
    {
        Assert.True(LedgerDates.Parse(new DateTime(2024, 3, 18), 2024, out var a, out _));
        Assert.Equal(new DateOnly(2024, 3, 18), a);
        Assert.True(LedgerDates.Parse(45369d, 2024, out var b, out _));
        Assert.Equal(new DateOnly(2024, 3, 18), b);
    }

    [Theory]
    [InlineData("2023-02-30", "只有28天")]
    [InlineData("2023-13-01", "不存在")]
    [InlineData("明年", "不是日期")]
    [InlineData("8", "不是日期")]
    public void ImpossibleOrUnreadableDates_SayWhy(string text, string reason)
    {
        Assert.False(LedgerDates.Parse(text, 2024, out _, out var why));
        Assert.Contains(reason, why.Zh);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("1948年12月")]
    [InlineData(2958465d)] // 9999-12-31 as Excel's serial number
    public void DatesOutsideTheSaneRange_AreRefused_NamingTheRange(object cell)
    {
        Assert.False(LedgerDates.Parse(cell, 2024, out _, out var why));
        Assert.Contains("1949年至2100年", why.Zh);
        Assert.Contains("1949 to 2100", why.En);
    }

    [Fact]
    public void TheFirstAndLastDaysOfTheRange_AreDates()
    {
        Assert.True(LedgerDates.Parse("1949-01-01", 2024, out _, out _));
        Assert.True(LedgerDates.Parse(new DateTime(2100, 12, 31), 2024, out _, out _));
    }
}
