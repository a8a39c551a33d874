using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Tests.Cli;

namespace Keystone.Tests.Features;

/// <summary>`keystone enterprises figures import FILE`: all or nothing, the marked-up copy beside the file, the month's source said.</summary>
public class EnterpriseFiguresCliTests
{
    [Theory]
    [DatabaseData]
    public async Task FiguresImport_RefusesAnUnknownEnterprise_WritesTheCopy_ThenCreatesItWhenAsked(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var dir = Path.Combine(Path.GetTempPath(), "keystone-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "统计局.xlsx");
        var uscc = "91140300MA0F00077" + Keystone.Core.Uscc.CheckCharacter("91140300MA0F00077");
        var file = new TestLedger { Sheet = "企业", Headers = ["统一社会信用代码", "企业名称", "营业收入（万元）", "从业人员"] };
        file.Title("2024年3月阳泉高新区企业数据");
        file.Row(uscc, "丁科技有限公司", 210, 12);
        await File.WriteAllBytesAsync(path, file.ToXlsx());

        var refused = await CliRunner.RunAsync("enterprises", "figures", "import", path, "--db", db.Target.ConnectionString, "--scope", "阳泉高新区");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--create-missing", refused.Output);
        Assert.True(File.Exists(Path.Combine(dir, "统计局.errors.xlsx")));

        var done = await CliRunner.RunAsync("enterprises", "figures", "import", path, "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--create-missing", "--json");
        Assert.Equal(0, done.ExitCode);
        var report = JsonNode.Parse(done.Output)!.AsObject();
        Assert.Equal(("2024-03", "title", 1, 0, 1), ((string)report["period"]!, (string)report["periodSource"]!, (int)report["new"]!, (int)report["replaced"]!, (int)report["created"]!));
        Assert.Equal(210m, (decimal)report["rows"]![0]!["revenue"]!);
    }
}
