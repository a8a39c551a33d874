using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Ledger;

public class ErrorWorkbookTests
{
    [Fact]
    public async Task TheMarkedUpCopy_HighlightsBadCells_AndSaysWhy_OnTheSameRowNumbers()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        var ledger = TestLedger.Standard();
        ledger.Title("2024年重点项目台账");
        ledger.Add(TestLedger.Project("OK-1", "甲"));
        var bad = TestLedger.Project("BAD-1", "乙");
        bad[LedgerField.Uscc] = "91140300CBPRNJHCCM";
        ledger.Add(bad);
        var source = ledger.Xlsx();
        await using var context = db.NewContext();
        var result = await new LedgerImporter(context, new FakeTimeProvider(TestDatabase.DemoDay)).ImportAsync(source, new LedgerImportOptions { Year = 2024 });

        using var output = new MemoryStream();
        ErrorWorkbook.Write(source, result, output);
        output.Position = 0;
        using var doc = SpreadsheetDocument.Open(output, false);
        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var cells = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        var badRow = ledger.RowNumber(1);
        var usccColumn = XlsxWriter.ColumnName(LedgerFormat.Fields.ToList().IndexOf(LedgerField.Uscc));
        Assert.Equal((uint)XStyle.Bad, cells.Single(c => c.CellReference == usccColumn + badRow).StyleIndex!.Value);
        Assert.Equal("BAD-1", cells.Single(c => c.CellReference == "A" + badRow).InnerText);
        var reasonColumn = XlsxWriter.ColumnName(LedgerFormat.Fields.Count);
        Assert.Contains("校验位", cells.Single(c => c.CellReference == reasonColumn + badRow).InnerText);
        Assert.Equal("错误原因", cells.Single(c => c.CellReference == reasonColumn + result.HeaderRow).InnerText);
        Assert.DoesNotContain(cells, c => c.CellReference == reasonColumn + ledger.RowNumber(0));
    }
}
