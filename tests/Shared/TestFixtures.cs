using Keystone.Core.Ledger;

namespace Keystone.Testing;

/// <summary>Files made by office programs, kept in tests/Shared/Fixtures (each with how it was made).</summary>
public static class TestFixtures
{
    /// <summary>
    /// A zone's 2024 ledger saved as .xls (BIFF8) by LibreOffice (Fixtures/make-xls.py): a notes sheet, then the
    /// ledger with a merged title, a 填报单位 line, header variants, 所属地市/所属区域 merged down over its three
    /// projects, date cells and a text date, a name with its formula apostrophe, a blank row and a 合计 row.
    /// </summary>
    public static string ZoneLedgerXls => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zone-ledger-2024.xls");

    public static LedgerSource ZoneLedgerXlsSource(LedgerLimits? limits = null) =>
        LedgerSource.FromBytes(File.ReadAllBytes(ZoneLedgerXls), "台账.xls", limits ?? LedgerLimits.Default);
}
