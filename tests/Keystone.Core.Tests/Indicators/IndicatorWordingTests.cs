using Keystone.Core.Indicators;

namespace Keystone.Core.Tests.Indicators;

public class IndicatorWordingTests
{
    private static IndicatorInfo Named(string name) => Indicator.Seeded.Single(i => i.Name == name);

    [Theory]
    [InlineData(1, "1月")]
    [InlineData(2, "1-2月")]
    [InlineData(3, "一季度")]
    [InlineData(5, "1-5月")]
    [InlineData(6, "上半年")]
    [InlineData(9, "前三季度")]
    [InlineData(11, "1-11月")]
    [InlineData(12, "全年")]
    public void Period_IsNamedAsTheNewspapersNameIt(int month, string expected) =>
        Assert.Equal(expected, IndicatorWording.Period(new Period(2022, month)));

    [Fact]
    public void Period_CanSayMonths_AndAMonthlyValueIsItsMonth()
    {
        Assert.Equal("前5个月", IndicatorWording.Period(new Period(2024, 5), months: true));
        Assert.Equal("一季度", IndicatorWording.Period(new Period(2024, 3), months: true));
        Assert.Equal("5月", IndicatorWording.Period(new Period(2024, 5), IndicatorAccumulation.Monthly));
        Assert.Equal("二季度", IndicatorWording.Quarter(new Period(2024, 6)));
    }

    [Theory]
    [InlineData(6.0, 1, "增长", "增长6.0%")]
    [InlineData(6.04, 1, "增长", "增长6.0%")]
    [InlineData(3.25, 1, "增长", "增长3.3%")]
    [InlineData(19.42, 2, "增长", "增长19.42%")]
    [InlineData(19.4, 2, "增长", "增长19.40%")]
    [InlineData(-2.1, 1, "增长", "下降2.1%")]
    [InlineData(-2.05, 1, "同比增长", "同比下降2.1%")]
    [InlineData(90.9, 1, "同比增长", "同比增长90.9%")]
    [InlineData(0.04, 1, "增长", "持平")]
    public void Growth_KeepsItsPublishedDecimals_AndAFallIsADecline(double growth, int decimals, string word, string expected) =>
        Assert.Equal(expected, IndicatorWording.Growth((decimal)growth, decimals, word));

    [Fact]
    public void Value_PrintsInThePublishedUnit_FromTheStoredOne()
    {
        Assert.Equal("243.4亿元", IndicatorWording.Value(Named("地区生产总值"), 2_434_000m));
        Assert.Equal("13.18亿元", IndicatorWording.Value(Named("规上工业增加值"), 131_800m));
        Assert.Equal("4381户", IndicatorWording.Value(Named("新设立市场主体"), 4381m));
        Assert.Equal("1702.8万吨", IndicatorWording.Value(Named("规上原煤产量"), 1702.8m));
        Assert.Equal("63.2亿千瓦时", IndicatorWording.Value(Named("发电量"), 63.2m));
    }

    [Fact]
    public void Clause_AndParagraph_ReadAsSeed001()
    {
        var march = new Period(2022, 3);
        IndicatorRow Row(string name, decimal value, decimal growth, int? rank = null) =>
            new(Named(name), 3, march, value, null, growth, true, 1, rank is { } r ? new IndicatorStanding(r, 11, false, "全省") : null, null);
        var rows = new[]
        {
            Row("地区生产总值", 2_434_000m, 6.0m),
            Row("社会消费品零售总额", 745_000m, 3.2m, 2),
            Row("一般公共预算收入", 275_000m, 90.9m, 2),
        };
        Assert.Equal("社会消费品零售总额74.5亿元，增长3.2%，列全省第2位", IndicatorWording.Clause(rows[1]));
        Assert.Equal(
            "一季度阳泉市地区生产总值完成243.4亿元，增长6.0%。社会消费品零售总额74.5亿元，增长3.2%，列全省第2位。一般公共预算收入27.5亿元，同比增长90.9%，列全省第2位。",
            IndicatorWording.Paragraph("阳泉市", march, rows));

        // A growth without a value still reads.
        Assert.Equal("规上工业增加值增长19.42%", IndicatorWording.Clause(new IndicatorRow(Named("规上工业增加值"), 3, march, null, null, 19.42m, true, 2, null, null)));
        Assert.Equal("", IndicatorWording.Paragraph("阳泉市", march, []));
    }
}
