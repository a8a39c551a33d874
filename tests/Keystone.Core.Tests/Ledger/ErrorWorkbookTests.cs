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
        Assert.Equal("FFFFC7CE", FillOf(doc, cells.Single(c => c.CellReference == usccColumn + badRow)));
        Assert.Equal("BAD-1", cells.Single(c => c.CellReference == "A" + badRow).InnerText);
        var reasonColumn = XlsxWriter.ColumnName(LedgerFormat.Fields.Count);
        Assert.Contains("校验位", cells.Single(c => c.CellReference == reasonColumn + badRow).InnerText);
        Assert.Equal("错误原因", cells.Single(c => c.CellReference == reasonColumn + result.HeaderRow).InnerText);
        Assert.DoesNotContain(cells, c => c.CellReference == reasonColumn + ledger.RowNumber(0));
    }

    [Fact]
    public async Task TheMarkedUpCopy_IsTheUsersOwnWorkbook_WithOnlyTheBadCellsMarkedAndNoted()
    {
        await using var db = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        var ledger = TestLedger.Standard();
        ledger.Title("2024年重点项目台账"); // row 1, merged across the header
        ledger.Add(TestLedger.Project("OK-1", "甲"));
        var bad = TestLedger.Project("BAD-1", "乙");
        bad[LedgerField.Uscc] = "91140300CBPRNJHCCM"; // a wrong check digit
        ledger.Add(bad);
        var empty = TestLedger.Project("BAD-2", "丙");
        empty[LedgerField.Unit] = null; // a required cell left empty: the file has no cell there
        ledger.Add(empty);
        var fields = LedgerFormat.Fields.ToList();
        var uscc = XlsxWriter.ColumnName(fields.IndexOf(LedgerField.Uscc));
        var unit = XlsxWriter.ColumnName(fields.IndexOf(LedgerField.Unit));
        var total = XlsxWriter.ColumnName(fields.IndexOf(LedgerField.TotalInvestment));
        var user = UsersOwn(ledger.ToXlsx(), total + ledger.RowNumber(0), unit + ledger.RowNumber(2));
        var source = LedgerSource.FromBytes(user, "我的台账.xlsx", LedgerLimits.Default);
        await using var context = db.NewContext();
        var result = await new LedgerImporter(context, new FakeTimeProvider(TestDatabase.DemoDay)).ImportAsync(source, new LedgerImportOptions { Year = 2024 });
        Assert.False(result.Applied);

        using var output = new MemoryStream();
        ErrorWorkbook.Write(source, result, output);
        output.Position = 0;
        using var doc = SpreadsheetDocument.Open(output, false);
        Assert.Empty(new OpenXmlValidator().Validate(doc)); // opens without repair

        using var before = SpreadsheetDocument.Open(new MemoryStream(user), false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["2024年重点项目台账", "填报说明"], sheets);
        var sheet = SheetOf(doc, "2024年重点项目台账");
        var original = SheetOf(before, "2024年重点项目台账");

        // What the user made stays: the title's merge, the custom width, the styled header, the formula, the other sheet.
        Assert.Equal(
            original.Descendants<MergeCell>().Select(m => m.Reference!.Value),
            sheet.Descendants<MergeCell>().Select(m => m.Reference!.Value));
        Assert.Contains(sheet.Descendants<Column>(), c => c.Min!.Value == 2 && c.Max!.Value == 2 && c.Width!.Value == 33 && c.CustomWidth!.Value);
        var formula = sheet.Descendants<Cell>().Single(c => c.CellReference == total + ledger.RowNumber(0));
        Assert.Equal("15000+5000", formula.CellFormula!.Text);
        Assert.Equal("20000", formula.CellValue!.Text);
        Assert.Equal("2024年重点项目台账", Text(doc, sheet.Descendants<Cell>().Single(c => c.CellReference == "A1")));
        var headerRow = ledger.RowNumber(0) - 1;
        Assert.Equal(result.HeaderRow, headerRow);
        foreach (var header in original.Descendants<Row>().Single(r => r.RowIndex!.Value == headerRow).Elements<Cell>())
        {
            var copy = sheet.Descendants<Cell>().Single(c => c.CellReference == header.CellReference);
            Assert.Equal(header.StyleIndex?.Value, copy.StyleIndex?.Value);
            Assert.Equal(header.InnerText, copy.InnerText);
        }

        Assert.Equal("本表由各区填报", Text(doc, SheetOf(doc, "填报说明").Descendants<Cell>().Single()));

        // Exactly the bad cells turn red, with the number format and font of their own format.
        var red = sheet.Descendants<Cell>().Where(c => FillOf(doc, c) == "FFFFC7CE").Select(c => c.CellReference!.Value).Order().ToList();
        Assert.Equal(new[] { uscc + ledger.RowNumber(1), unit + ledger.RowNumber(2) }.Order(), red);
        var marked = sheet.Descendants<Cell>().Single(c => c.CellReference == uscc + ledger.RowNumber(1));
        var was = original.Descendants<Cell>().Single(c => c.CellReference == uscc + ledger.RowNumber(1));
        Assert.Equal("91140300CBPRNJHCCM", Text(doc, marked));
        var formats = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        Assert.Equal(formats[(int)was.StyleIndex!.Value].FontId!.Value, formats[(int)marked.StyleIndex!.Value].FontId!.Value);
        Assert.Equal(formats[(int)was.StyleIndex!.Value].BorderId!.Value, formats[(int)marked.StyleIndex!.Value].BorderId!.Value);
        Assert.Equal(formats[(int)was.StyleIndex!.Value].NumberFormatId!.Value, formats[(int)marked.StyleIndex!.Value].NumberFormatId!.Value);

        // Each bad cell holds a note saying why, in both languages; each refused row its reasons at the right.
        var notes = doc.WorkbookPart.WorksheetParts.Single(p => p.Worksheet == sheet).WorksheetCommentsPart!.Comments.CommentList!.Elements<Comment>()
            .ToDictionary(c => c.Reference!.Value!, c => c.InnerText);
        Assert.Equal(new[] { uscc + ledger.RowNumber(1), unit + ledger.RowNumber(2) }.Order(), notes.Keys.Order());
        Assert.Contains("校验位", notes[uscc + ledger.RowNumber(1)]);
        Assert.Contains("check", notes[uscc + ledger.RowNumber(1)], StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(sheet.GetFirstChild<LegacyDrawing>());
        var reasonColumn = XlsxWriter.ColumnName(LedgerFormat.Fields.Count);
        Assert.Equal("错误原因", Text(doc, sheet.Descendants<Cell>().Single(c => c.CellReference == reasonColumn + headerRow)));
        Assert.Contains("校验位", Text(doc, sheet.Descendants<Cell>().Single(c => c.CellReference == reasonColumn + ledger.RowNumber(1))));
        Assert.DoesNotContain(sheet.Descendants<Cell>(), c => c.CellReference == reasonColumn + ledger.RowNumber(0));

        // Read again, the copy gives the same rows at the same numbers.
        var again = LedgerSource.FromBytes(output.ToArray(), "我的台账.errors.xlsx", LedgerLimits.Default);
        var rows = again.Rows(result.Sheet).ToList();
        Assert.Equal("BAD-1", rows.Single(r => r.Number == ledger.RowNumber(1)).Cells[0]);
        Assert.Equal(20000d, rows.Single(r => r.Number == ledger.RowNumber(0)).Cells[fields.IndexOf(LedgerField.TotalInvestment)]);
    }

    /// <summary>
    /// The ledger as a user keeps it: column B widened to 33, a formula for one total investment, a cell emptied
    /// (no cell at all), and a second sheet of notes.
    /// </summary>
    private static byte[] UsersOwn(byte[] xlsx, string formulaCell, string emptyCell)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var doc = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = doc.WorkbookPart!;
            var sheet = workbook.WorksheetParts.Single().Worksheet;
            var columns = sheet.GetFirstChild<Columns>()!;
            var b = columns.Elements<Column>().Single(c => c.Min!.Value == 2);
            b.Width = 33;
            b.CustomWidth = true;
            var cell = sheet.Descendants<Cell>().Single(c => c.CellReference == formulaCell);
            cell.RemoveAllChildren();
            cell.DataType = null;
            cell.Append(new CellFormula("15000+5000"), new CellValue("20000"));
            sheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == emptyCell)?.Remove();
            sheet.Save();

            var notes = workbook.AddNewPart<WorksheetPart>();
            notes.Worksheet = new Worksheet(new SheetData(new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text("本表由各区填报")) }) { RowIndex = 1 }));
            workbook.Workbook.Sheets!.Append(new Sheet { Name = "填报说明", SheetId = 2, Id = workbook.GetIdOfPart(notes) });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Worksheet SheetOf(SpreadsheetDocument doc, string name) =>
        ((WorksheetPart)doc.WorkbookPart!.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!)).Worksheet;

    private static string Text(SpreadsheetDocument doc, Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString
            ? doc.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.InnerText, System.Globalization.CultureInfo.InvariantCulture)).InnerText
            : cell.InnerText;

    private static string? FillOf(SpreadsheetDocument doc, Cell cell)
    {
        var styles = doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var fill = styles.Fills!.Elements<Fill>().ElementAt((int)(format.FillId?.Value ?? 0));
        return fill.PatternFill?.ForegroundColor?.Rgb?.Value;
    }
}
