using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Keystone.Core.Ledger;

namespace Keystone.Core.Tests.Ledger;

public class XlsxWriterTests
{
    [Fact]
    public void NextSheet_StartsAnotherSheet_NumberedFromRowOne_WithItsOwnPanesAndMerges()
    {
        using var output = new MemoryStream();
        using (var writer = new XlsxWriter(output, "甲", [20, 20], 1, 0))
        {
            writer.Row([new XCell("标题", XStyle.Title)], mergeAcross: 2);
            writer.Row([new XCell("a"), new XCell(1.5m, XStyle.Number)]);
            writer.NextSheet("乙", [30], 0, 1);
            Assert.Equal(0, writer.RowNumber);
            writer.Row([new XCell(52.3m, XStyle.Percent), new XCell(-3.2m, XStyle.Points)]);
            Assert.Equal(1, writer.RowNumber);
        }

        output.Position = 0;
        using var doc = SpreadsheetDocument.Open(output, false);
        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["甲", "乙"], sheets.Select(s => s.Name!.Value));
        var first = (WorksheetPart)doc.WorkbookPart.GetPartById(sheets[0].Id!);
        var second = (WorksheetPart)doc.WorkbookPart.GetPartById(sheets[1].Id!);
        Assert.Equal(["A1", "A2", "B2"], first.Worksheet.Descendants<Cell>().Select(c => c.CellReference!.Value));
        Assert.Equal("A1:B1", first.Worksheet.Descendants<MergeCell>().Single().Reference!.Value);
        Assert.Equal(["A1", "B1"], second.Worksheet.Descendants<Cell>().Select(c => c.CellReference!.Value));
        Assert.Empty(second.Worksheet.Descendants<MergeCell>());
        Assert.Equal(1d, first.Worksheet.Descendants<Pane>().Single().VerticalSplit!.Value);
        Assert.Equal(1d, second.Worksheet.Descendants<Pane>().Single().HorizontalSplit!.Value);
        Assert.Equal((uint)XStyle.Percent, second.Worksheet.Descendants<Cell>().First().StyleIndex!.Value);
    }

    [Fact]
    public void DeclaredRows_AreWrittenAsTheSheetsDimension_AndEveryRowReadsBackToIt()
    {
        using var output = new MemoryStream();
        using (var writer = new XlsxWriter(output, "甲", [20, 20, 20], 1, 0, rows: 3))
        {
            writer.Row([new XCell("编号"), new XCell("名称"), new XCell("总投资")]);
            writer.Row([new XCell("A-1"), new XCell("一期"), new XCell(12.5m, XStyle.Number)]);
            writer.Row([new XCell("A-2"), new XCell("二期")]);
        }

        output.Position = 0;
        using (var doc = SpreadsheetDocument.Open(output, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(doc));
            var part = doc.WorkbookPart!.WorksheetParts.Single();
            Assert.Equal("A1:C3", part.Worksheet.GetFirstChild<SheetDimension>()!.Reference!.Value);
        }

        output.Position = 0;
        var rows = LedgerSheetReader.ReadXlsx(output, null).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["A-2", "二期", ""], rows[2].Cells.Select(LedgerValues.AsText));
    }

    [Fact]
    public void DeclaredRows_ThatWereNotWritten_AreRefusedWhenTheSheetEnds()
    {
        using var output = new MemoryStream();
        using var writer = new XlsxWriter(output, "甲", [20], 0, 0, rows: 2);
        writer.Row([new XCell("a")]);
        var refused = Assert.Throws<InvalidOperationException>(() => writer.NextSheet("乙", [20], 0, 0));
        Assert.Contains("declared to have 2 rows but 1 were written", refused.Message);
    }

    [Theory]
    [InlineData(XStyle.Percent, "0.0\"%\"")]
    [InlineData(XStyle.Points, "0.0")]
    [InlineData(XStyle.Number, "#,##0.00")]
    public void Styles_ShowNumbersWithTheirFormat(XStyle style, string format)
    {
        using var output = new MemoryStream();
        using (var writer = new XlsxWriter(output, "甲", [20], 0, 0))
        {
            writer.Row([new XCell(1m, style)]);
        }

        output.Position = 0;
        using var doc = SpreadsheetDocument.Open(output, false);
        var stylesheet = doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var numberFormat = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)style).NumberFormatId!.Value;
        Assert.Equal(format, stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == numberFormat).FormatCode!.Value);
    }

    [Fact]
    public void APageSetup_PrintsOnA4_FittedToOnePageWide_AndOnlyWhereAsked()
    {
        using var output = new MemoryStream();
        using (var writer = new XlsxWriter(output, "甲", [20], 0, 0))
        {
            writer.Row([new XCell("a")]);
            writer.NextSheet("乙", [20], 0, 0, new XlsxPageSetup(Landscape: true, FitToWidth: true));
            writer.Row([new XCell("b")]);
        }

        output.Position = 0;
        using var doc = SpreadsheetDocument.Open(output, false);
        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => ((WorksheetPart)doc.WorkbookPart.GetPartById(s.Id!)).Worksheet).ToList();
        Assert.Null(sheets[0].GetFirstChild<PageSetup>());
        var setup = sheets[1].GetFirstChild<PageSetup>()!;
        Assert.Equal(9u, setup.PaperSize!.Value);
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal((1u, 0u), (setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.True(sheets[1].SheetProperties!.PageSetupProperties!.FitToPage!.Value);
    }

    [Fact]
    public void NextSheet_RefusesANameAlreadyUsed_AsExcelWouldRefuseTheFile()
    {
        using var output = new MemoryStream();
        using var writer = new XlsxWriter(output, "通报", [20], 0, 0);

        Assert.Throws<ArgumentException>(() => writer.NextSheet("通报", [20], 0, 0));
    }
}
