using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;

namespace Keystone.Tests.Cli;

public class LedgerCommandTests
{
    private static string TempFile(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "keystone-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Theory]
    [DatabaseData]
    public async Task Import_WithAProvince_PutsTheCitiesItNamesUnderThatProvince_NotTheDefault(DbProvider provider)
    {
        // The demo under a nation: a 河北省 ledger, imported with --province, goes under a new 河北省 beside 山西省.
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        Assert.Equal(0, (await CliRunner.RunAsync("db", "nation", "--db", db.Target.ConnectionString)).ExitCode);
        var file = TempFile("河北台账.xlsx");
        await File.WriteAllBytesAsync(file, TestLedger.Standard().Add(TestLedger.Project("HB-1", "石家庄项目", "石家庄高新区", "石家庄市")).ToXlsx());

        var result = await CliRunner.RunAsync("import", file, "--db", db.Target.ConnectionString, "--year", "2024", "--province", "河北省");

        Assert.Equal(0, result.ExitCode);
        await using var context = db.NewContext();
        var tree = await context.LoadTreeAsync();
        Assert.Equal("全国/河北省/石家庄市/石家庄高新区", tree.PathOf(tree.Resolve("石家庄高新区").Id));
        Assert.DoesNotContain(tree.ChildrenOf(tree.Resolve("山西省").Id), u => u.Name == "石家庄市");
    }

    [Theory]
    [DatabaseData]
    public async Task Import_OfABadFile_PrintsEveryProblem_WritesTheMarkedUpCopy_AndExits2(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = TestLedger.Standard();
        var bad = TestLedger.Project("BAD-1", "坏项目");
        bad[LedgerField.TotalInvestment] = "-1";
        bad[LedgerField.Uscc] = "123";
        ledger.Add(TestLedger.Project("OK-1", "好项目")).Add(bad);
        var file = TempFile("台账.xlsx");
        await File.WriteAllBytesAsync(file, ledger.ToXlsx());

        var result = await CliRunner.RunAsync("import", file, "--db", db.Target.ConnectionString, "--year", "2024");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("负数", result.Output);
        Assert.Contains("18位", result.Output);
        Assert.Contains("未导入任何数据", result.Output);
        Assert.True(File.Exists(Path.ChangeExtension(file, null) + ".errors.xlsx"));
        await using var c = db.NewContext();
        Assert.Equal(0, c.Projects.Count());

        var english = await CliRunner.RunAsync("import", file, "--db", db.Target.ConnectionString, "--year", "2024", "--lang", "en");
        Assert.Contains("cannot be negative", english.Output);
        Assert.Contains("Nothing was imported", english.Output);
    }

    [Theory]
    [DatabaseData]
    public async Task Import_GoodRowsOnly_DryRun_AndJson(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = TestLedger.Standard();
        var bad = TestLedger.Project("BAD-1", "坏项目");
        bad[LedgerField.Nature] = "";
        ledger.Add(TestLedger.Project("OK-1", "好项目")).Add(bad);
        var file = TempFile("ledger.csv");
        await File.WriteAllBytesAsync(file, ledger.ToCsv(System.Text.Encoding.UTF8, bom: true));

        var dry = await CliRunner.RunAsync("import", file, "--db", db.Target.ConnectionString, "--year", "2024", "--good-rows-only", "--dry-run", "--json");
        Assert.Equal(0, dry.ExitCode);
        var report = JsonNode.Parse(dry.Output)!;
        Assert.False((bool)report["applied"]!);
        Assert.Equal(1, (int)report["new"]!);
        Assert.Equal(1, (int)report["badRows"]!);
        Assert.Equal("建设性质不能为空", (string)report["problems"]![0]!["reason"]!);
        await using (var c = db.NewContext())
        {
            Assert.Equal(0, c.Projects.Count());
        }

        var real = await CliRunner.RunAsync("import", file, "--db", db.Target.ConnectionString, "--year", "2024", "--good-rows-only");
        Assert.Equal(0, real.ExitCode);
        Assert.Contains("新增1个", real.Output);
        await using (var c = db.NewContext())
        {
            Assert.Equal(["OK-1"], c.Projects.Select(p => p.Code).ToList());
        }
    }

    [Theory]
    [DatabaseData]
    public async Task Export_ThenImport_ChangesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var file = TempFile("阳泉.xlsx");
        var export = await CliRunner.RunAsync("export", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--year", "2024", "--out", file);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("65", export.Output);

        var import = await CliRunner.RunAsync("import", file, "--db", db.Target.ConnectionString);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("新增0个，更新0个，未变65个", import.Output);
    }

    [Fact]
    public async Task Import_ExplainsAMissingOrUnreadableFile()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        var missing = await CliRunner.RunAsync("import", "/no/such/file.xlsx", "--db", db.Target.ConnectionString);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("找不到文件", missing.Error);

        var file = TempFile("坏.xlsx");
        await File.WriteAllTextAsync(file, "this is not a workbook");
        var broken = await CliRunner.RunAsync("import", file, "--db", db.Target.ConnectionString);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("不是有效的 .xlsx", broken.Error);
        Assert.DoesNotContain("   at ", broken.Error); // no stack trace

        var badMap = await CliRunner.RunAsync("import", file, "--db", db.Target.ConnectionString, "--map", "nonsense");
        Assert.Equal(2, badMap.ExitCode);
        Assert.Contains("映射", badMap.Error);
    }

    [Fact]
    public async Task Import_Limits_ComeFromTheEnvironment()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        var ledger = TestLedger.Standard();
        for (var i = 0; i < 5; i++)
        {
            ledger.Add(TestLedger.Project($"L-{i}", $"项目{i}"));
        }

        var file = TempFile("limits.xlsx");
        await File.WriteAllBytesAsync(file, ledger.ToXlsx());
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestDatabase.DemoDay);
        var rows = await CliRunner.RunAsync(clock, new Dictionary<string, string> { ["Keystone__Import__MaxRows"] = "3" }, "import", file, "--db", db.Target.ConnectionString);
        Assert.Equal(2, rows.ExitCode);
        Assert.Contains("3行上限", rows.Error);
        var bytes = await CliRunner.RunAsync(clock, new Dictionary<string, string> { ["Keystone__Import__MaxBytes"] = "1000" }, "import", file, "--db", db.Target.ConnectionString);
        Assert.Equal(2, bytes.ExitCode);
        Assert.Contains("上限", bytes.Error);
        var fine = await CliRunner.RunAsync(clock, "import", file, "--db", db.Target.ConnectionString);
        Assert.Equal(0, fine.ExitCode);
    }

    [Fact]
    public async Task Export_RefusesAnUnknownFormat_OrScope()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        var format = await CliRunner.RunAsync("export", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--year", "2024", "--out", TempFile("x.pdf"));
        Assert.Equal(2, format.ExitCode);
        Assert.Contains(".xlsx 或 .csv", format.Error);
        var scope = await CliRunner.RunAsync("export", "--db", db.Target.ConnectionString, "--scope", "火星开发区", "--year", "2024", "--out", TempFile("x.xlsx"));
        Assert.Equal(2, scope.ExitCode);
        Assert.Contains("找不到单位", scope.Error);
    }
}
