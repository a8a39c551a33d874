namespace Keystone.Core.Tests;

public class ValueObjectTests
{
    [Fact]
    public void Area_ConvertsSquareMetresToMu()
    {
        Assert.Equal(119.84m, new Area(79_892.88m).Mu);
        Assert.Equal(119.84m, Area.FromMu(119.84m).Mu);
        Assert.Equal(340m, Area.FromMu(340m).Mu);
        Assert.Equal(666.6667m, Area.FromMu(1).SquareMetres);
    }

    [Fact]
    public void Area_CannotBeNegative()
    {
        Assert.Throws<DomainException>(() => new Area(-1));
    }

    [Theory]
    [InlineData("2404-140300-04-01-563821", true)]
    [InlineData("YQGX-2024-001", false)]
    public void ProjectCode_KnowsTheNationalShape(string code, bool national)
    {
        Assert.Equal(national, new ProjectCode(code).IsNational);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A B")]
    [InlineData("A/B")]
    public void ProjectCode_RefusesEmptyOrUnsafeCodes(string code)
    {
        var e = Assert.Throws<DomainException>(() => new ProjectCode(code));
        Assert.Equal("code", e.Field);
    }

    [Theory]
    [InlineData("2404-140300-04-01-56382")] // one digit short
    [InlineData("2404-1403-00-04-01-563821")] // six parts
    [InlineData("2413-140300-04-01-563821")] // month 13
    [InlineData("2400-140300-04-01-563821")] // month 0
    [InlineData("2404-990300-04-01-563821")] // region 99 is no province
    [InlineData("2404-160300-04-01-563821")] // region 16 is no province
    public void ProjectCode_RefusesAMalformedNationalCode(string code)
    {
        var e = Assert.Throws<DomainException>(() => new ProjectCode(code));
        Assert.Equal("code", e.Field);
        Assert.Contains(code, e.Text.Zh, StringComparison.Ordinal);
        Assert.Contains(code, e.Text.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2404-110108-04-01-000001")]
    [InlineData("2312-820000-04-01-000001")]
    [InlineData("YQGX-2024-001")]
    [InlineData("KS-0A1B2C3D4E5F")]
    [InlineData("2024-001")]
    public void ProjectCode_AcceptsNationalCodesAndTheZonesOwn(string code)
    {
        Assert.Equal(code, new ProjectCode(code).Value);
    }

    [Fact]
    public void ProjectCode_IsTrimmed()
    {
        Assert.Equal("YQGX-2024-001", new ProjectCode("  YQGX-2024-001 ").Value);
    }

    [Theory]
    [InlineData("2024-03", 2024, 3)]
    [InlineData("2024-3", 2024, 3)]
    [InlineData("202412", 2024, 12)]
    public void Period_Parses(string text, int year, int month)
    {
        Assert.Equal(new Period(year, month), Period.Parse(text));
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("March")]
    [InlineData("")]
    public void Period_RefusesWhatIsNotAMonth(string text)
    {
        Assert.Throws<DomainException>(() => Period.Parse(text));
    }

    [Fact]
    public void Period_KnowsItsDaysAndNeighbours()
    {
        var feb = new Period(2024, 2);
        Assert.Equal(new DateOnly(2024, 2, 29), feb.LastDay);
        Assert.Equal(new Period(2023, 12), new Period(2024, 1).Previous);
        Assert.Equal(new Period(2025, 1), new Period(2024, 12).Next);
        Assert.Equal(202402, feb.Key);
        Assert.Equal(feb, Period.FromKey(202402));
        Assert.Equal("2024-02", feb.ToString());
    }

    [Fact]
    public void Text_FollowsTheCulture()
    {
        var text = new Text("项目", "project");
        Assert.Equal("project", text.For(System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal("项目", text.For(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void ValueObjects_RoundTripThroughJson_AsPlainValues()
    {
        // Closed months are stored as JSON: a value object that read back as 0 would silently change history.
        var row = new Keystone.Core.Figures.PlanRow
        {
            ProjectId = 7,
            Code = "YQGX-2024-001",
            Name = "测试",
            UnitId = 3,
            Levels = Keystone.Core.Projects.ProjectLevels.Provincial | Keystone.Core.Projects.ProjectLevels.Municipal,
            Category = Keystone.Core.Projects.ProjectCategory.Industrial,
            Nature = Keystone.Core.Plans.Nature.Continuing,
            TotalInvestment = new Money(61235.5m),
            PlannedInvestment = new Money(16582),
            YearToDate = new Money(3770.123456m),
            StartDate = new DateOnly(2024, 2, 13),
        };
        var json = System.Text.Json.JsonSerializer.Serialize(row);
        Assert.Contains("\"TotalInvestment\":61235.5", json);
        Assert.Equal(row, System.Text.Json.JsonSerializer.Deserialize<Keystone.Core.Figures.PlanRow>(json));
        Assert.Equal("\"2024-03\"", System.Text.Json.JsonSerializer.Serialize(new Period(2024, 3)));
        Assert.Equal(new Area(79_892.88m), System.Text.Json.JsonSerializer.Deserialize<Area>(System.Text.Json.JsonSerializer.Serialize(new Area(79_892.88m))));
        Assert.Equal(new Uscc("91140300CBPRNJHCCN"), System.Text.Json.JsonSerializer.Deserialize<Uscc>("\"91140300CBPRNJHCCN\""));
    }
}
