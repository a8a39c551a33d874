using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Tests.Cli;

namespace Keystone.Tests.Features;

public class IndicatorsCliTests
{
    /// <summary>Seed 001's sentences, as the demo reproduces them.</summary>
    private const string Seed001 =
        "一季度阳泉市地区生产总值完成243.4亿元，增长6.0%。社会消费品零售总额74.5亿元，增长3.2%，列全省第2位。一般公共预算收入27.5亿元，同比增长90.9%，列全省第2位。"
        + "新设立市场主体4381户，同比增长53.9%。规上原煤产量实现1702.8万吨，增长5.4%。发电量完成63.2亿千瓦时，增长36.3%。";

    private static string TempFile(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "keystone-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Theory]
    [DatabaseData]
    public async Task IndicatorsJson_IsTheApisObject_AndTheTableReadsAsPublished(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var json = await CliRunner.RunAsync("indicators", "--db", db.Target.ConnectionString, "--scope", "阳泉市", "--period", "2022-03", "--json");
        Assert.Equal(0, json.ExitCode);
        var report = JsonNode.Parse(json.Output)!.AsObject();
        Assert.Equal(["period", "items"], report.Select(p => p.Key));
        Assert.Equal(6, report["items"]!.AsArray().Count);
        Assert.Equal(2, (int)report["items"]![1]!["rank"]!);

        // 原平's first five months print two decimals, as seed 002 does.
        var table = await CliRunner.RunAsync("indicators", "--db", db.Target.ConnectionString, "--scope", "原平经济技术开发区", "--period", "2024-05");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("1-5月", table.Output);
        Assert.Contains("13.18亿元", table.Output);
        Assert.Contains("19.42%", table.Output);
    }

    [Theory]
    [DatabaseData]
    public async Task TheEconomyBriefing_ReproducesSeed001_AsTextAndDocx(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var text = await CliRunner.RunAsync("briefing", "--db", db.Target.ConnectionString, "--scope", "阳泉市", "--kind", "economy", "--period", "2022-03");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("阳泉市2022年一季度经济运行情况", text.Output);
        Assert.Contains(Seed001, text.Output);
        Assert.Contains("对照年度目标，地区生产总值增长6.0%，低于年度目标（增长6.5%）0.5个百分点。", text.Output);

        var path = TempFile("经济运行.docx");
        var docx = await CliRunner.RunAsync("briefing", "--db", db.Target.ConnectionString, "--scope", "阳泉市", "--kind", "economy", "--period", "2022-03", "--format", "docx", "--out", path);
        Assert.Equal(0, docx.ExitCode);
        using var document = WordprocessingDocument.Open(path, false);
        Assert.Contains("社会消费品零售总额74.5亿元，增长3.2%，列全省第2位", document.MainDocumentPart!.Document.Body!.InnerText);
    }

    [Theory]
    [DatabaseData]
    public async Task Import_RefusesABadFileWhole_AndWritesTheMarkedUpCopy_ThenTakesTheFixedOne(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var bad = new TestLedger { Headers = ["地区", "地区生产总值（亿元）", "地区生产总值增速（%）"] }
            .Title("2023年一季度各市主要指标")
            .Row("阳泉市", 250.1m, "约6")
            .Row("太原市", 1300.2m, 4.8m);
        var path = TempFile("指标.xlsx");
        await File.WriteAllBytesAsync(path, bad.ToXlsx());

        var refused = await CliRunner.RunAsync("indicators", "import", path, "--db", db.Target.ConnectionString);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("第3行「地区生产总值增速（%）」“约6”：不是数字", refused.Output);
        Assert.True(File.Exists(Path.ChangeExtension(path, null) + ".errors.xlsx"));
        var none = await CliRunner.RunAsync("indicators", "--db", db.Target.ConnectionString, "--scope", "太原市", "--period", "2023-03", "--json");
        Assert.Empty(JsonNode.Parse(none.Output)!["items"]!.AsArray());

        bad.Rows[0][2] = 6.2m;
        await File.WriteAllBytesAsync(path, bad.ToXlsx());
        var taken = await CliRunner.RunAsync("indicators", "import", path, "--db", db.Target.ConnectionString, "--period", "2023-03");
        Assert.Equal(0, taken.ExitCode);
        var json = JsonNode.Parse((await CliRunner.RunAsync("indicators", "--db", db.Target.ConnectionString, "--scope", "太原市", "--period", "2023-03", "--json")).Output)!;
        Assert.Equal((13_002_000m, 4.8m), ((decimal)json["items"]![0]!["value"]!, (decimal)json["items"]![0]!["growth"]!));
    }
}
