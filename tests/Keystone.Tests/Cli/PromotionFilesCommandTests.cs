using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Cli;

/// <summary>`keystone leads` and `keystone targets`: export, import back unchanged, and a refused file with its marked-up copy.</summary>
public class PromotionFilesCommandTests
{
    [Theory]
    [DatabaseData]
    public async Task LeadsAndTargets_ExportAndImportBack_Unchanged_AndARefusedFileIsMarkedUp(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var dir = Directory.CreateTempSubdirectory("keystone-leads-");
        try
        {
            var leads = Path.Combine(dir.FullName, "线索.xlsx");
            var export = await CliRunner.RunAsync("leads", "export", "--db", db.Target.ConnectionString, "--unit", "阳泉高新区", "--out", leads);
            Assert.Equal(0, export.ExitCode);
            Assert.Contains("10条线索", export.Output, StringComparison.Ordinal);
            var back = await CliRunner.RunAsync("leads", "import", leads, "--db", db.Target.ConnectionString, "--unit", "阳泉高新区", "--json");
            Assert.Equal(0, back.ExitCode);
            var report = JsonNode.Parse(back.Output)!.AsObject();
            Assert.Equal((true, 0, 0, 10), ((bool)report["applied"]!, (int)report["new"]!, (int)report["updated"]!, (int)report["unchanged"]!));

            var targets = Path.Combine(dir.FullName, "目标.xlsx");
            Assert.Equal(0, (await CliRunner.RunAsync("targets", "export", "--db", db.Target.ConnectionString, "--unit", "安泽经济技术开发区", "--out", targets)).ExitCode);
            var targetsBack = await CliRunner.RunAsync("targets", "import", targets, "--db", db.Target.ConnectionString, "--unit", "安泽经济技术开发区");
            Assert.Equal(0, targetsBack.ExitCode);
            Assert.Contains("新增0条，更新0条，未变2条", targetsBack.Output, StringComparison.Ordinal);

            var bad = Path.Combine(dir.FullName, "坏线索.xlsx");
            await File.WriteAllBytesAsync(bad, new TestLedger { Sheet = "线索", Headers = ["线索/项目名称", "投资方", "招商方式", "所处阶段"] }
                .Row("跳阶段项目", "某科技有限公司", "产业招商", "考察").ToXlsx());
            var refused = await CliRunner.RunAsync("leads", "import", bad, "--db", db.Target.ConnectionString, "--unit", "阳泉高新区", "--json");
            Assert.Equal(2, refused.ExitCode);
            var problem = JsonNode.Parse(refused.Output)!["problems"]!.AsArray().Single()!;
            Assert.Equal((2, "所处阶段"), ((int)problem["row"]!, (string)problem["column"]!));
            Assert.Contains("须填写接洽日期、考察日期", (string)problem["reason"]!, StringComparison.Ordinal);
            var copy = Path.Combine(dir.FullName, "坏线索.errors.xlsx");
            Assert.True(File.Exists(copy));
            var marked = LedgerSource.FromBytes(await File.ReadAllBytesAsync(copy), "坏线索.errors.xlsx", LedgerLimits.Default).Rows("线索").ToList();
            Assert.Contains("须填写接洽日期、考察日期", marked[1].TextAt(4), StringComparison.Ordinal);
            await using var context = db.NewContext();
            Assert.False(await context.Leads.AnyAsync(l => l.Name == "跳阶段项目"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
