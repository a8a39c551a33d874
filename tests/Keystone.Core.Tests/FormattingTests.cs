namespace Keystone.Core.Tests;

public class FormattingTests
{
    [Theory]
    [InlineData(3_320_000, "332亿元")]
    [InlineData(862_700, "86.27亿元")]
    [InlineData(914_000, "91.4亿元")]
    [InlineData(96_600, "9.66亿元")]
    [InlineData(10_000, "1亿元")]
    [InlineData(8000, "8000万元")]
    [InlineData(9999.5, "9999.5万元")]
    [InlineData(0, "0万元")]
    [InlineData(1_234_567, "123.46亿元")] // 123.4567 rounds half away from zero at two decimals
    [InlineData(1_234_450, "123.45亿元")]
    [InlineData(1_234_550, "123.46亿元")]
    public void Money_PrintsAsTheNewspapersDo(decimal wan, string expected)
    {
        Assert.Equal(expected, new Money(wan).ToString());
    }

    [Fact]
    public void Money_IsExactToTheFen_AndRoundTripsThroughStorage()
    {
        var amount = new Money(12345.678901m);
        Assert.Equal(12345678901L, amount.Fen);
        Assert.Equal(amount, Money.FromFen(amount.Fen));
        Assert.Equal(new Money(0.000001m), new Money(0.0000005m)); // half a fen rounds away from zero
        Assert.Equal(new Money(29600), Money.FromYi(2.96m));
        Assert.Equal(new Money(8000), Money.FromYuan(80_000_000m));
    }

    [Theory]
    [InlineData(23, 44, "52.3%")]
    [InlineData(21, 21, "100%")]
    [InlineData(137, 249, "55%")]
    [InlineData(9, 12, "75%")]
    [InlineData(1, 3, "33.3%")]
    [InlineData(2, 3, "66.7%")]
    [InlineData(1, 40, "2.5%")]
    [InlineData(1, 2000, "0.1%")] // 0.05 rounds half away from zero
    [InlineData(9, 400, "2.3%")] // 2.25
    [InlineData(0, 7, "0%")]
    public void Percent_HasOneDecimal_RoundedHalfAwayFromZero_WithoutTrailingZero(int numerator, int denominator, string expected)
    {
        Assert.Equal(expected, Percent.Of(numerator, denominator)!.Value.ToString());
    }

    [Fact]
    public void Percent_OfZeroDenominator_IsADash_NeverZero()
    {
        Assert.Null(Percent.Of(5, 0));
        Assert.Equal("—", ChineseFormat.Percent((Percent?)null));
    }

    [Fact]
    public void Points_AreOneDecimal()
    {
        Assert.Equal("3.2个百分点", ChineseFormat.Points(3.249m));
        Assert.Equal("3.3个百分点", ChineseFormat.Points(3.25m));
        Assert.Equal("-3.3个百分点", ChineseFormat.Points(-3.25m));
    }
}
