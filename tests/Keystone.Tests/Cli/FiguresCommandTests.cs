using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Documents;
using Keystone.Testing;

namespace Keystone.Tests.Cli;

public class FiguresCommandTests
{
    private const string Seed004 = "今年，阳泉高新区谋划实施项目65个，总投资332亿元，年度计划投资50亿元。目前，已开工项目44个。其中，复工项目21个，复工率100%；新开工项目23个，开工率52.3%。";

    private static string TempFile(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "keystone-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Theory]
    [DatabaseData]
    public async Task FiguresJson_HasExactlyTheAgreedFields_WithSeed004sValues(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var result = await CliRunner.RunAsync("figures", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--year", "2024", "--as-of", "2024-04-10", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!.AsObject();
        string[] agreed = ["scope", "year", "asOf", "planned", "totalInvestment", "annualPlan", "continuing", "new", "resumed", "newlyStarted", "started", "resumeRate", "startRate", "overallStartRate", "completedInvestment", "completionRate", "timeElapsed", "pace", "investmentGrowth", "targets"];
        Assert.Equal(agreed, json.Select(p => p.Key));
        Assert.Equal("阳泉高新区", (string)json["scope"]!);
        Assert.Equal("2024-04-10", (string)json["asOf"]!);
        Assert.Equal(65, (int)json["planned"]!);
        Assert.Equal(3_320_000m, (decimal)json["totalInvestment"]!);
        Assert.Equal(500_000m, (decimal)json["annualPlan"]!);
        Assert.Equal((21, 44, 21, 23, 44), ((int)json["continuing"]!, (int)json["new"]!, (int)json["resumed"]!, (int)json["newlyStarted"]!, (int)json["started"]!));
        Assert.Equal((100m, 52.3m, 67.7m), ((decimal)json["resumeRate"]!, (decimal)json["startRate"]!, (decimal)json["overallStartRate"]!));
        Assert.Equal(27.6m, (decimal)json["timeElapsed"]!); // 101 of 366 days
    }

    [Theory]
    [DatabaseData]
    public async Task Figures_ForALevel_AndAsATable(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var provincial = await CliRunner.RunAsync("figures", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--as-of", "2024-04-10", "--level", "省级重点", "--json");
        var json = JsonNode.Parse(provincial.Output)!;
        Assert.Equal((12, 9, "provincial"), ((int)json["planned"]!, (int)json["started"]!, (string)json["level"]!));

        var table = await CliRunner.RunAsync("figures", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--as-of", "2024-04-10");
        Assert.Contains("332亿元", table.Output);
        Assert.Contains("52.3%", table.Output);

        var bad = await CliRunner.RunAsync("figures", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--level", "国家级");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("项目级别", bad.Error);
    }

    [Fact]
    public async Task AnEmptyScope_HasDashesNotZeroRates()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        var result = await CliRunner.RunAsync("figures", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--year", "2030", "--as-of", "2030-04-10", "--json");
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal(0, (int)json["planned"]!);
        Assert.Null(json["startRate"]);
        Assert.Null(json["completionRate"]);
        Assert.Null(json["pace"]);
    }

    [Theory]
    [DatabaseData]
    public async Task Briefing_PrintsSeed004s_Paragraphs(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var result = await CliRunner.RunAsync("briefing", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--year", "2024", "--as-of", "2024-04-10");
        Assert.Equal(0, result.ExitCode);
        var text = result.Output;
        Assert.Contains(Seed004, text);
        Assert.Contains("今年，高新区推进实施的省级重点工程项目12个，总投资91.4亿元，年度计划投资17亿元。目前，已开工项目9个。其中，续建项目5个，新开工项目4个。", text);
        Assert.Contains("今年，高新区推进实施的市级重点工程项目16个，总投资86.27亿元，年度计划投资9.66亿元。目前，已开工项目11个。其中，续建项目5个，新开工项目6个。", text);

        var json = await CliRunner.RunAsync("briefing", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--as-of", "2024-04-10", "--format", "json");
        var report = JsonNode.Parse(json.Output)!;
        Assert.Contains(Seed004, (string)report["text"]!);
        Assert.Equal(44, (int)report["figures"]!["started"]!);
    }

    [Fact]
    public async Task Briefing_AsDocx_IsAValidOfficialDocument_ThatReadsBack()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        var file = TempFile("通报.docx");
        var result = await CliRunner.RunAsync("briefing", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--as-of", "2024-04-10", "--format", "docx", "--out", file, "--issuer", "阳泉高新区管委会");
        Assert.Equal(0, result.ExitCode);
        using (var doc = WordprocessingDocument.Open(file, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(doc));
        }

        await using var stream = File.OpenRead(file);
        var text = BriefingDocx.ReadText(stream);
        Assert.Equal("阳泉高新区管委会", text.IssuingBody);
        Assert.StartsWith(Seed004, text.Paragraphs[0]);
    }

    [Fact]
    public async Task Briefing_AsXlsx_CarriesTheTables()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        var file = TempFile("通报.xlsx");
        var result = await CliRunner.RunAsync("briefing", "--db", db.Target.ConnectionString, "--scope", "山西省", "--as-of", "2024-04-10", "--format", "xlsx", "--out", file);
        Assert.Equal(0, result.ExitCode);
        using var doc = SpreadsheetDocument.Open(file, false);
        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Contains(BriefingXlsx.ScopeSheet, sheets);
        Assert.Contains(BriefingXlsx.ChildrenSheet, sheets); // a province has cities to rank
    }

    [Theory]
    [DatabaseData]
    public async Task PeriodClose_FreezesAMonth_AndListsIt(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var close = await CliRunner.RunAsync("period", "close", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--month", "2024-03");
        Assert.Equal(0, close.ExitCode);
        Assert.Contains("冻结年度计划项目65个", close.Output);
        var again = await CliRunner.RunAsync("period", "close", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--month", "2024-03");
        Assert.Equal(2, again.ExitCode);
        var list = await CliRunner.RunAsync("period", "list", "--db", db.Target.ConnectionString);
        Assert.Contains("2024-03", list.Output);
        var figures = await CliRunner.RunAsync("figures", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--as-of", "2024-03-31");
        Assert.Contains("已关账", figures.Output);
    }
}
