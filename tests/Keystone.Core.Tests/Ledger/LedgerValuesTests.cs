using Keystone.Core.Ledger;
using Keystone.Core.Plans;

namespace Keystone.Core.Tests.Ledger;

public class LedgerValuesTests
{
    [Theory]
    [InlineData("1234.5", 1234.5, null)]
    [InlineData("1,234.5", 1234.5, null)]
    [InlineData("１２３４．５", 1234.5, null)]
    [InlineData("2.96亿元", 2.96, "亿元")]
    [InlineData("8000万元", 8000, "万元")]
    [InlineData("29600000元", 29600000, "元")]
    [InlineData(" 3亿 ", 3, "亿")]
    public void Numbers_WithSeparatorsWidthsAndUnits(string text, double number, string? unit)
    {
        var (n, u) = LedgerParser.ParseNumber(text);
        Assert.Equal((decimal)number, n);
        Assert.Equal(unit, u);
    }

    [Theory]
    [InlineData("很多")]
    [InlineData("1.2.3")]
    [InlineData("3美元")]
    public void NotNumbers_AreRefused(string text)
    {
        Assert.Throws<FormatException>(() => LedgerParser.ParseNumber(text));
    }

    [Theory]
    [InlineData("新建", Nature.New)]
    [InlineData("新开工", Nature.New)]
    [InlineData("续建", Nature.Continuing)]
    [InlineData(" 续建项目 ", Nature.Continuing)]
    public void Nature_Variants(string text, Nature nature)
    {
        Assert.Equal(nature, LedgerParser.ParseNature(text));
    }
}
