using Keystone.Core.Ledger;

namespace Keystone.Core.Tests.Ledger;

public class LedgerHeaderTests
{
    [Theory]
    [InlineData("项目编号", LedgerField.Code)]
    [InlineData("项目代码", LedgerField.Code)]
    [InlineData("区县", LedgerField.Unit)]
    [InlineData("所属开发区", LedgerField.Unit)]
    [InlineData("总投资（万元）", LedgerField.TotalInvestment)]
    [InlineData("总投资(万元)", LedgerField.TotalInvestment)]
    [InlineData("总投资", LedgerField.TotalInvestment)]
    [InlineData("计划总投资（亿元）", LedgerField.TotalInvestment)]
    [InlineData("2024年计划投资", LedgerField.AnnualPlan)]
    [InlineData("2024年度计划投资（万元）", LedgerField.AnnualPlan)]
    [InlineData("1-3月完成投资", LedgerField.YearToDate)]
    [InlineData("截至3月底完成投资", LedgerField.YearToDate)]
    [InlineData("累计完成投资(万元)", LedgerField.Cumulative)]
    [InlineData("新建/续建", LedgerField.Nature)]
    [InlineData("建设单位", LedgerField.Enterprise)]
    [InlineData("2024年开复工时间", LedgerField.StartDate)]
    [InlineData("开工时间", LedgerField.ActualStart)]
    [InlineData("项目进展情况", LedgerField.ImageProgress)]
    [InlineData("占地面积（亩）", LedgerField.LandArea)]
    [InlineData("建 筑 面 积（㎡）", LedgerField.FloorArea)]
    [InlineData("*项目名称", LedgerField.Name)]
    [InlineData("【项目级别】", LedgerField.Levels)]
    public void HeaderVariants_AreRecognised(string header, LedgerField field)
    {
        Assert.Equal(field, LedgerHeader.FieldOf(header, null));
    }

    [Theory]
    [InlineData("总投资（亿元）", 10_000)]
    [InlineData("总投资(元)", 0.0001)]
    [InlineData("总投资（万元）", 1)]
    [InlineData("总投资/亿元", 10_000)]
    [InlineData("总投资（单位：亿元）", 10_000)]
    public void UnitsInTheHeader_ScaleTheAmounts(string header, double factor)
    {
        var match = LedgerHeader.Match(new RawRow(1, [header, "项目名称", "所属区域", "建设性质"]), null);
        Assert.Equal((decimal)factor, match[LedgerField.TotalInvestment]!.ToWan);
    }

    [Fact]
    public void HeaderRow_IsFoundBelowTitleRows_WithTheSheetsUnitAndPeriod()
    {
        var top = new List<RawRow>
        {
            new(1, ["阳泉高新区2024年重点项目台账", null, null, null]),
            new(2, ["填报单位：阳泉高新区管委会", null, "单位：亿元", null]),
            new(3, [null, null, null, null]),
            new(4, ["数据截至2024年3月底", null, null, null]),
            new(5, ["序号", "项目名称", "区县", "性质", "总投资", "备注说明"]),
        };
        var match = LedgerHeader.Find(top, null);
        Assert.Equal(5, match.RowNumber);
        Assert.Empty(match.MissingRequired);
        Assert.Equal(10_000m, match[LedgerField.TotalInvestment]!.ToWan);
        Assert.Equal(new Period(2024, 3), match.StatedPeriod);
        Assert.Equal(2024, match.StatedYear);
        Assert.Equal(["备注说明"], match.UnknownHeaders); // 序号 is ignored silently
    }

    [Fact]
    public void MissingRequiredColumns_AreNamed()
    {
        var match = LedgerHeader.Find([new(1, ["项目名称", "投资总额", "区县"])], null);
        Assert.Equal([LedgerField.Nature, LedgerField.TotalInvestment], match.MissingRequired);
        Assert.Contains("投资总额", match.UnknownHeaders);
    }

    [Fact]
    public void Map_PlacesAnUnknownHeader_OrLeavesAColumnOut()
    {
        var map = LedgerFormat.ParseMap(["投资总额=totalInvestment", "项目性质说明=建设性质", "备注=-"]);
        var match = LedgerHeader.Find([new(1, ["项目名称", "投资总额", "区县", "项目性质说明", "备注"])], map);
        Assert.Empty(match.MissingRequired);
        Assert.True(match[LedgerField.TotalInvestment]!.Mapped);
        Assert.Null(match[LedgerField.Remarks]);
        Assert.Empty(match.UnknownHeaders);
    }

    [Fact]
    public void Map_RefusesWhatItCannotRead_NamingTheFields()
    {
        var e = Assert.Throws<ValidationException>(() => LedgerFormat.ParseMap(["投资总额", "x=nonsense"]));
        Assert.Equal(2, e.Errors.Count);
        Assert.Contains("totalInvestment", e.Errors[0].Text.Zh);
    }
}
