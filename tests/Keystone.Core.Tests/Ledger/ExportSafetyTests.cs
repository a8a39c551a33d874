using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Ledger;

/// <summary>
/// Exports a user opens in Excel or WPS: no text runs as a formula, and the sheet is ready to filter and
/// print (frozen header, autofilter, header repeated on every page, A4 landscape one page wide).
/// </summary>
public class ExportSafetyTests
{
    private const string Hyperlink = "=HYPERLINK(\"http://x\",\"y\")";

    private static readonly FakeTimeProvider Clock = new(TestDatabase.DemoDay);

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'=already quoted", "''=already quoted")]
    [InlineData("it's fine", "it's fine")]
    [InlineData("阳泉高新区", "阳泉高新区")]
    [InlineData("", "")]
    public void AFormulaLeadingText_GetsOneApostrophe_AndReadsBackAsItWas(string text, string exported)
    {
        Assert.Equal(exported, FormulaText.Neutralise(text));
        Assert.Equal(text, FormulaText.Restore(FormulaText.Neutralise(text)));
    }

    private static async Task<byte[]> ExportAsync(TestDatabase db, LedgerExportFormat format)
    {
        using var file = new MemoryStream();
        await using var c = db.NewContext();
        var tree = new OrgTree(await c.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());
        var province = tree.Resolve("山西省");
        await new LedgerExporter(c).WriteAsync(file, format, tree, province.Name, tree.Subtree(province.Id), 2024, new Period(2024, 3));
        return file.ToArray();
    }

    [Theory]
    [DatabaseData]
    public async Task AProjectNamedLikeAFormula_IsExportedAsText_AndImportsBackUnchanged(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = TestLedger.Standard();
        var project = TestLedger.Project("2404-140300-04-01-000009", Hyperlink);
        project[LedgerField.Content] = "-5";
        ledger.Add(project);
        await using (var c = db.NewContext())
        {
            var first = await new LedgerImporter(c, Clock).ImportAsync(ledger.Xlsx(), new LedgerImportOptions { Year = 2024 });
            Assert.True(first.Applied, string.Join("\n", first.Problems));
        }

        var csv = await ExportAsync(db, LedgerExportFormat.Csv);
        var text = Encoding.UTF8.GetString(csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", text, StringComparison.Ordinal);
        Assert.Contains(",'-5,", text, StringComparison.Ordinal);
        Assert.Contains(",20000,", text, StringComparison.Ordinal); // a number stays a number

        var xlsx = await ExportAsync(db, LedgerExportFormat.Xlsx);
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var cells = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
            Assert.Contains(cells, c => c.InnerText == "'" + Hyperlink);
            Assert.DoesNotContain(cells, c => c.CellFormula is not null);
            Assert.Contains(cells, c => c.DataType is null && c.CellValue?.Text == "20000");
        }

        foreach (var (bytes, name) in new[] { (csv, "export.csv"), (xlsx, "export.xlsx") })
        {
            await using var c = db.NewContext();
            var again = await new LedgerImporter(c, Clock).ImportAsync(LedgerSource.FromBytes(bytes, name, LedgerLimits.Default), new LedgerImportOptions());
            Assert.True(again.Applied, string.Join("\n", again.Problems));
            Assert.Equal((0, 0, 1), (again.New, again.Updated, again.Unchanged));
        }

        await using var check = db.NewContext();
        var stored = await check.Projects.SingleAsync();
        Assert.Equal(Hyperlink, stored.Name);
        Assert.Equal("-5", stored.Content);
    }

    [Theory]
    [DatabaseData]
    public async Task TheLedgerExport_FiltersFromItsHeader_AndPrintsItOnEveryA4LandscapePage(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var xlsx = await ExportAsync(db, LedgerExportFormat.Xlsx);

        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().Count();
        // From the header's first cell to its last column and the last row, whatever columns the format has.
        var header = sheet.Descendants<Row>().Single(r => r.RowIndex!.Value == 2);
        var lastColumn = new string(header.Elements<Cell>().Last().CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
        Assert.Equal($"A2:{lastColumn}{rows}", sheet.Descendants<AutoFilter>().Single().Reference!.Value);
        Assert.Equal(2d, sheet.Descendants<Pane>().Single().VerticalSplit!.Value);
        var titles = doc.WorkbookPart.Workbook.Descendants<DefinedName>().Single();
        Assert.Equal("_xlnm.Print_Titles", titles.Name!.Value);
        Assert.Equal("'2024年重点项目台账'!$1:$2", titles.Text);
        var page = sheet.Descendants<PageSetup>().Single();
        Assert.Equal((9u, OrientationValues.Landscape, 1u, 0u), (page.PaperSize!.Value, page.Orientation!.Value, page.FitToWidth!.Value, page.FitToHeight!.Value));
    }

    [Fact]
    public void EverySheetMarkedWithAHeader_GetsItsOwnFilterAndPrintTitles()
    {
        using var output = new MemoryStream();
        using (var writer = new XlsxWriter(output, "甲", [20, 20], 1, 0))
        {
            writer.Row([new XCell("a", XStyle.Header), new XCell("b", XStyle.Header)]);
            writer.HeaderRow();
            writer.Row([new XCell("x"), new XCell(1m)]);
            writer.NextSheet("乙's", [30], 0, 0);
            writer.Row([new XCell("说明")]);
            writer.NextSheet("丙", [10, 10, 10], 0, 0);
            writer.Row([new XCell("标题")]);
            writer.Row([new XCell("c", XStyle.Header)]);
            writer.HeaderRow();
        }

        output.Position = 0;
        using var doc = SpreadsheetDocument.Open(output, false);
        Assert.Empty(new OpenXmlValidator().Validate(doc));
        var parts = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => (WorksheetPart)doc.WorkbookPart.GetPartById(s.Id!)).ToList();
        Assert.Equal(["A1:B2", null, "A2:C2"], parts.Select(p => p.Worksheet.Descendants<AutoFilter>().SingleOrDefault()?.Reference?.Value));
        Assert.Equal(
            [(0u, "'甲'!$1:$1"), (2u, "'丙'!$1:$2")],
            doc.WorkbookPart.Workbook.Descendants<DefinedName>().Select(d => (d.LocalSheetId!.Value, d.Text)));
    }
}
