using Keystone.Core.Data;

namespace Keystone.Core.Ledger;

/// <summary>
/// The demo dataset: the 2024 ledger of the zones and projects of the seed articles (shared/fixtures), loaded
/// through the ledger importer like any zone's file. Its 本年完成投资 columns are the March 2024 reports:
/// seed 004 quotes 阳泉高新区 as of April 2024.
/// </summary>
public static class DemoData
{
    public const int Year = 2024;

    public static readonly Period Period = new(2024, 3);

    /// <summary>
    /// Changes whenever what the demo loads changes beyond the ledger file (users, problems, factors), so the
    /// tests' database templates, named after the schema and the demo, are built again.
    /// </summary>
    public const int Revision = 2;

    public static Stream OpenLedger() =>
        typeof(DemoData).Assembly.GetManifestResourceStream("Keystone.Core.Ledger.Demo.demo-ledger-2024.xlsx")
        ?? throw new InvalidOperationException("The demo ledger is not embedded in Keystone.Core");

    public static async Task<LedgerImportResult> LoadAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        await using var file = OpenLedger();
        var source = await LedgerSource.ReadAsync(file, "demo-ledger-2024.xlsx", LedgerLimits.Default, ct);
        var result = await new LedgerImporter(db, clock).ImportAsync(source, new LedgerImportOptions { Year = Year, Period = Period }, null, ct);
        if (!result.Applied)
        {
            throw new InvalidOperationException("The demo ledger did not load: " + string.Join("; ", result.Problems));
        }

        await Accounts.Accounts.AddDemoUsersAsync(db, clock.GetUtcNow(), ct);
        await DemoClearing.LoadAsync(db, ct);
        return result;
    }
}
