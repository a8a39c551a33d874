using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Ledger;

/// <summary>
/// An .xls ledger (Excel 97–2003, as WPS and old Excel save it) goes through the same reading as an .xlsx: the
/// fixture was saved by LibreOffice (tests/Shared/Fixtures/make-xls.py), with a title merged across, 所属区域 merged
/// down, header variants, dates as cells and as text, and a name carrying its formula apostrophe.
/// </summary>
public class XlsLedgerTests
{
    private static readonly FakeTimeProvider Clock = new(TestDatabase.DemoDay);

    private const string Ledger = "2024年重点项目台账";

    [Fact]
    public void AnXls_IsKnownByItsContent_AndItsSheetsAreListed()
    {
        var source = TestFixtures.ZoneLedgerXlsSource();
        Assert.Equal(LedgerFileKind.Xls, source.Kind);
        Assert.Equal(["填表说明", Ledger], source.SheetNames);
        Assert.Equal(Ledger, LedgerImporter.ChooseSheet(source, null)); // the sheet with a ledger header, not the notes
        Assert.True(source.RowBound(Ledger) >= 8);

        // Named .xlsx by mistake, it is still read by what it is.
        Assert.Equal(LedgerFileKind.Xls, LedgerSource.FromBytes(File.ReadAllBytes(TestFixtures.ZoneLedgerXls), "台账.xlsx", LedgerLimits.Default).Kind);
    }

    [Fact]
    public void Rows_AreNumberedAsExcelShowsThem_WithMergedCellsFilled_AndTypedValues()
    {
        var rows = TestFixtures.ZoneLedgerXlsSource().Rows(Ledger).ToList();

        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.Number));
        Assert.All(rows[0].Cells.Take(19), c => Assert.Equal("阳泉高新区2024年重点项目台账", c)); // the title, merged across
        Assert.Equal("项目代码", rows[2].TextAt(1));
        Assert.Equal(["阳泉高新区", "阳泉高新区", "阳泉高新区"], rows.Skip(3).Take(3).Select(r => r.TextAt(4))); // merged down
        Assert.Equal(["阳泉市", "阳泉市", "阳泉市"], rows.Skip(3).Take(3).Select(r => r.TextAt(3)));
        Assert.Equal(2.5, rows[3].Cells[10]);
        Assert.Equal(new DateTime(2024, 3, 1), rows[3].Cells[14]);
        Assert.Equal("2024.3.18", rows[3].Cells[16]);
        Assert.Equal("'-1号地块标准化厂房", rows[4].Cells[2]); // as the file holds it …
        Assert.Equal("-1号地块标准化厂房", rows[4].TextAt(2)); // … and as the ledger reads it
        Assert.True(rows[6].IsBlank);
        Assert.Equal("合计", rows[7].TextAt(0));
    }

    [Theory]
    [DatabaseData]
    public async Task AnXlsLedger_Imports_AsTheZoneMeantIt_AndAgainChangesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var context = db.NewContext())
        {
            var result = await new LedgerImporter(context, Clock).ImportAsync(TestFixtures.ZoneLedgerXlsSource(), new LedgerImportOptions { Year = 2024 });
            Assert.True(result.Applied, string.Join("\n", result.Problems));
            Assert.Equal((3, 3, new Period(2024, 3)), (result.HeaderRow, result.New, result.Period)); // the 合计 row is no project
        }

        await using (var c = db.NewContext())
        {
            var projects = await c.Projects.Include(p => p.Unit).Include(p => p.Plans).Include(p => p.Reports).OrderBy(p => p.Code).ToListAsync();
            Assert.Equal(["XLS泵阀一体化中心", "-1号地块标准化厂房", "XLS老年福利中心"], projects.Select(p => p.Name));
            Assert.All(projects, p => Assert.Equal("阳泉高新区", p.Unit!.Name));
            var pump = projects[0];
            Assert.Equal(new Money(25_000m), pump.TotalInvestment); // 2.5亿元
            Assert.Equal(ProjectLevels.Provincial, pump.Levels);
            Assert.Equal(new Money(5_000m), pump.Plans.Single().PlannedInvestment);
            Assert.Equal(new DateOnly(2024, 3, 18), pump.Plans.Single().StartDate); // "2024.3.18"
            Assert.Equal(new DateOnly(2024, 3, 18), pump.ActualStart); // a date cell
            Assert.Equal(new Money(800m), pump.Reports.Single().YearToDate);
            Assert.Equal(ProjectCategory.Livelihood, projects[2].Category);
        }

        await using var again = db.NewContext();
        var second = await new LedgerImporter(again, Clock).ImportAsync(TestFixtures.ZoneLedgerXlsSource(), new LedgerImportOptions { Year = 2024 });
        Assert.Equal((0, 0, 3), (second.New, second.Updated, second.Unchanged));
    }

    [Fact]
    public void AnOleFileThatIsNoWorkbook_IsRefused_SayingWhatToDo()
    {
        var ole = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole, 0);
        var e = Assert.Throws<DomainException>(() => LedgerSource.FromBytes(ole, "台账.xls", LedgerLimits.Default));
        Assert.Equal("file", e.Field);
        Assert.Contains("已加密", e.Text.Zh, StringComparison.Ordinal);
        Assert.Contains("damaged", e.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void ACellOverTheLimit_IsAnOverlongCell_AsInAnXlsx()
    {
        var rows = TestFixtures.ZoneLedgerXlsSource(new LedgerLimits { MaxCellLength = 10 }).Rows(Ledger).ToList();
        Assert.IsType<OverlongCell>(rows[0].Cells[0]); // the 16-character title
        Assert.Equal("项目代码", rows[2].TextAt(1));
    }
}
