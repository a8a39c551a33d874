using Keystone.Cli;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Keystone.Tests.Features.Operations;
using Keystone.Web;
using Microsoft.Extensions.Logging;

namespace Keystone.Tests.Cli;

/// <summary>
/// A command run by a timer or an operator logs what the web app logs for the same work: imports with their
/// file, records and outcome, and month closings, each with who did it (the operator's account).
/// </summary>
public class OperationsLogCliTests
{
    private static string TempFile(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "keystone-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static List<CapturedLogs.Line> Operations(CapturedLogs logs) =>
        logs.Lines.Where(l => l.Category == KeystoneTelemetry.LogCategory).ToList();

    [Theory]
    [DatabaseData]
    public async Task ALedgerImport_FromTheCommandLine_IsLoggedWithItsFileOutcomeAndOperator(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var good = TempFile("四月台账.xlsx");
        await File.WriteAllBytesAsync(good, TestLedger.Standard().Add(TestLedger.Project("OK-1", "好项目")).Add(TestLedger.Project("OK-2", "又一个")).ToXlsx());
        var row = TestLedger.Project("BAD-1", "坏项目");
        row[LedgerField.TotalInvestment] = "-1";
        var bad = TempFile("坏台账.xlsx");
        await File.WriteAllBytesAsync(bad, TestLedger.Standard().Add(row).ToXlsx());
        var logs = new CapturedLogs();

        Assert.Equal(0, (await CliRunner.RunWithLogsAsync(logs, "import", good, "--db", db.Target.ConnectionString, "--year", "2024")).ExitCode);
        Assert.Equal(2, (await CliRunner.RunWithLogsAsync(logs, "import", bad, "--db", db.Target.ConnectionString, "--year", "2024")).ExitCode);

        var imported = Assert.Single(Operations(logs), l => l.Message.Contains("四月台账.xlsx", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, imported.Level);
        Assert.Contains($"by {KeystoneCli.Operator}: imported, 2 rows (2 new", imported.Message, StringComparison.Ordinal);
        var refused = Assert.Single(Operations(logs), l => l.Message.Contains("坏台账.xlsx", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, refused.Level);
        Assert.Contains("refused, 1 rows", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [DatabaseData]
    public async Task AMonthClosedFromTheCommandLine_IsLoggedWithTheUnitMonthRowsAndOperator(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var logs = new CapturedLogs();

        var result = await CliRunner.RunWithLogsAsync(logs, "period", "close", "--db", db.Target.ConnectionString, "--scope", "阳泉高新区", "--month", "2024-03");

        Assert.Equal(0, result.ExitCode);
        await using var c = db.NewContext();
        var frozen = c.ClosedPeriods.Single().Rows;
        var line = Assert.Single(Operations(logs));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith("Month 2024-03 of ", line.Message, StringComparison.Ordinal);
        Assert.Contains("阳泉高新区", line.Message, StringComparison.Ordinal);
        Assert.EndsWith($"closed by {KeystoneCli.Operator}: {frozen} plan rows frozen", line.Message, StringComparison.Ordinal);
    }

    [Theory]
    [DatabaseData]
    public async Task ACalendarImport_IsLogged_ARefusedOneIsNot_ItsErrorIsPrinted(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var file = TempFile("2099.csv");
        await File.WriteAllTextAsync(file, "日期,类型,名称\n2099-05-01,休,劳动节\n2099-05-02,休,劳动节\n2099-04-26,班,劳动节\n");
        var logs = new CapturedLogs();

        Assert.Equal(0, (await CliRunner.RunWithLogsAsync(logs, "calendar", "import", file, "--db", db.Target.ConnectionString)).ExitCode);

        var line = Assert.Single(Operations(logs));
        Assert.Equal($"Import of calendar file 2099.csv by {KeystoneCli.Operator}: imported, 3 records, 0 problems", line.Message);
    }
}
