using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Ledger;

/// <summary>
/// Merged cells as zones use them: a 所属区域 merged down over its projects, a header merged across two columns.
/// Every covered cell reads as the merged cell's value, so the ledger imports as if it had been typed out.
/// </summary>
public class MergedCellsTests
{
    private static readonly FakeTimeProvider Clock = new(TestDatabase.DemoDay);

    private static int Column(LedgerField field) => LedgerFormat.Fields.ToList().IndexOf(field);

    /// <summary>Three projects of one zone with 所属区域 (and 地市) written once and merged down over the three rows.</summary>
    private static TestLedger MergedUnit()
    {
        var ledger = TestLedger.Standard();
        ledger.Add(TestLedger.Project("2404-140300-04-01-000001", "泵阀一体化中心"));
        ledger.Add(TestLedger.Project("2404-140300-04-01-000002", "老年福利中心", unit: "", city: ""));
        ledger.Add(TestLedger.Project("2404-140300-04-01-000003", "新能源装备", unit: "", city: ""));
        ledger.Merges.Add((2, Column(LedgerField.Unit), 4, Column(LedgerField.Unit)));
        ledger.Merges.Add((2, Column(LedgerField.City), 4, Column(LedgerField.City)));
        return ledger;
    }

    [Theory]
    [DatabaseData]
    public async Task ALedgerWithAVerticallyMergedUnit_Imports_EveryProjectInThatUnit(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var context = db.NewContext())
        {
            var result = await new LedgerImporter(context, Clock).ImportAsync(MergedUnit().Xlsx(), new LedgerImportOptions { Year = 2024 });
            Assert.True(result.Applied, string.Join("\n", result.Problems));
            Assert.Equal(3, result.New);
        }

        await using var c = db.NewContext();
        var units = await c.Projects.Include(p => p.Unit).Select(p => p.Unit!.Name).ToListAsync();
        Assert.Equal(["阳泉高新区", "阳泉高新区", "阳泉高新区"], units);
    }

    [Fact]
    public void CoveredCells_ReadAsTheMergedValue_AndAHeaderMergedAcross_NamesEveryColumn()
    {
        var ledger = new TestLedger { Headers = ["项目名称", "总投资", "", "所属区域"] };
        ledger.Row("甲", 1, 2, "阳泉高新区");
        ledger.Row("乙", 3, 4, null);
        ledger.Row(null, null, null, null);
        ledger.Merges.Add((1, 1, 1, 2)); // 总投资 over two columns
        ledger.Merges.Add((2, 3, 5, 3)); // 所属区域 down over rows 2–5, row 4 blank, row 5 not written at all

        var rows = ledger.Xlsx().Rows(ledger.Sheet).ToList();

        Assert.Equal(["项目名称", "总投资", "总投资", "所属区域"], rows[0].Cells.Select(LedgerValues.AsText));
        Assert.Equal("阳泉高新区", rows[1].TextAt(3));
        Assert.Equal("阳泉高新区", rows[2].TextAt(3));
        Assert.True(rows[3].IsBlank); // a row with nothing of its own stays blank: no phantom project
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public void MergedAreas_AreFound_WhereverTheyFallInTheFile_AndCountedOnce()
    {
        // Enough rows that <mergeCells> comes long after the first read of the sheet, its tags straddling reads.
        var ledger = new TestLedger { Headers = ["项目名称", "所属区域"] };
        for (var i = 0; i < 5000; i++)
        {
            ledger.Row("项目" + i, i % 100 == 0 ? "区" + i : null);
        }

        for (var i = 0; i < 5000; i += 100)
        {
            ledger.Merges.Add((i + 2, 1, i + 101, 1));
        }

        var bytes = ledger.ToXlsx();
        var reader = new XlsxReader(bytes, 32_767, 1L << 30);
        Assert.Equal(50, reader.MergedRanges(null).Count);
        Assert.Equal(50, reader.MergedRanges(null).Distinct().Count());

        var rows = reader.Rows(null).Skip(1).ToList();
        Assert.All(rows.Select((r, i) => (r, i)), x => Assert.Equal("区" + (x.i / 100 * 100), x.r.TextAt(1)));
    }

    [Theory]
    [InlineData("A1:B3", 1, 0, 3, 1)]
    [InlineData("c7:a2", 2, 0, 7, 2)]
    [InlineData("XFD1:XFD2", 1, 16383, 2, 16383)]
    public void ARange_IsParsed(string reference, int r1, int c1, int r2, int c2) =>
        Assert.Equal(new MergedRange(r1, c1, r2, c2), MergedRange.Parse(reference));

    [Theory]
    [InlineData("A1")]
    [InlineData("A0:B2")]
    [InlineData("XFE1:XFE2")]
    [InlineData("1:2")]
    public void NotARange_IsIgnored(string reference) => Assert.Null(MergedRange.Parse(reference));
}
