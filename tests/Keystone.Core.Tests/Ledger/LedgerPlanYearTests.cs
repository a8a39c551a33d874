using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Ledger;

/// <summary>A ledger's plan year comes from what the user gave, else from the file, and only then from the calendar.</summary>
public class LedgerPlanYearTests
{
    /// <summary>Long after the demo's year: a 2024 ledger imported today is still a 2024 ledger.</summary>
    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(8)));

    [Theory]
    [InlineData("demo-ledger-2024.xlsx", 2024)]
    [InlineData("2023年重点项目台账", 2023)]
    [InlineData("阳泉高新区_2025_台账.csv", 2025)]
    [InlineData("台账.xlsx", null)]
    [InlineData("20240410导出.xlsx", null)]
    [InlineData("项目12345.xlsx", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void AName_CarriesAYear_OnlyAsFourDigitsOfItsOwn(string? name, int? year) => Assert.Equal(year, LedgerPlanYear.InName(name));

    [Fact]
    public void TheYear_IsTheUsers_ThenTheTitles_ThenTheSheets_ThenTheFiles_ThenTheCalendars()
    {
        var header = new HeaderMatch(1, [], []);
        var titled = header with { StatedYear = 2022 };
        var file = new LedgerImportOptions { SourceName = "ledger-2021.xlsx" };
        Assert.Equal((2020, PlanYearSource.Option), LedgerPlanYear.Choose(file with { Year = 2020 }, titled, "2023年", Today));
        Assert.Equal((2019, PlanYearSource.Period), LedgerPlanYear.Choose(file with { Period = new Period(2019, 6) }, titled, "2023年", Today));
        Assert.Equal((2022, PlanYearSource.Title), LedgerPlanYear.Choose(file, titled, "2023年", Today));
        Assert.Equal((2023, PlanYearSource.Sheet), LedgerPlanYear.Choose(file, header, "2023年", Today));
        Assert.Equal((2021, PlanYearSource.FileName), LedgerPlanYear.Choose(file, header, "Sheet1", Today));
        Assert.Equal((2026, PlanYearSource.Calendar), LedgerPlanYear.Choose(new LedgerImportOptions { SourceName = "台账.xlsx" }, header, "Sheet1", Today));
    }

    [Theory]
    [DatabaseData]
    public async Task TheFixtureLedger_ImportsOnTheFirstTry_WithTheYearLeftOnAutomatic(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        await using var file = DemoData.OpenLedger();
        var source = await LedgerSource.ReadAsync(file, "demo-ledger-2024.xlsx", LedgerLimits.Default);

        var result = await new LedgerImporter(db, Today).ImportAsync(source, new LedgerImportOptions());

        Assert.Empty(result.Problems);
        Assert.True(result.Applied);
        Assert.Equal(2024, result.Year);
        Assert.Equal(PlanYearSource.Sheet, result.YearFrom); // its sheet is 「2024年重点项目台账」
        Assert.Equal(new Period(2024, 12), result.Period);
        Assert.Equal("取自工作表名称", LedgerPlanYear.Describe(result.YearFrom).Zh);
    }

    [Theory]
    [DatabaseData]
    public async Task ARepeatedCode_IsReported_EvenOnARowWithOtherProblems(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var ledger = TestLedger.Standard();
        ledger.Add(TestLedger.Project("YQGX-2024-901", "甲项目"));
        var second = TestLedger.Project("YQGX-2024-901", "乙项目");
        second[LedgerField.StartDate] = "2024年13月40日";
        ledger.Add(second);

        var result = await new LedgerImporter(db, Today).ImportAsync(ledger.Xlsx(), new LedgerImportOptions { Year = 2024 });

        var problems = result.Problems.Where(p => p.Row == ledger.RowNumber(1)).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Reason.Zh == $"项目编号与第{ledger.RowNumber(0)}行重复");
        Assert.Contains(problems, p => p.Column == LedgerFormat.Header(LedgerField.StartDate));
        Assert.False(result.Applied);
    }
}

/// <summary>The template a zone downloads to start from: it imports as it stands, one example project, the year from its sheet.</summary>
public class LedgerTemplateTests
{
    [Theory]
    [DatabaseData]
    public async Task TheTemplate_ImportsAsItStands(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        using var output = new MemoryStream();
        LedgerTemplate.Write(output, 2024);
        var source = LedgerSource.FromBytes(output.ToArray(), "模板.xlsx", LedgerLimits.Default);
        Assert.Equal(["2024年重点项目台账", "填写说明"], source.SheetNames);

        var result = await new LedgerImporter(db, new FakeTimeProvider(TestDatabase.DemoDay)).ImportAsync(source, new LedgerImportOptions());

        Assert.Empty(result.Problems);
        Assert.Equal((2024, PlanYearSource.Sheet), (result.Year, result.YearFrom));
        Assert.Equal(1, result.New);
        Assert.Equal(LedgerFormat.Fields.Count, result.Columns.Count);
        var notes = source.Rows("填写说明").Skip(1).Select(r => LedgerValues.AsText(r.Cells[0])).ToList();
        Assert.Equal(LedgerFormat.Fields.Select(LedgerFormat.Header), notes);
        Assert.All(LedgerFormat.Fields, f => Assert.NotEmpty(LedgerTemplate.Note(f)));
    }
}
