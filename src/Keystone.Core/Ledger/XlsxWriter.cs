using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Keystone.Core.Ledger;

/// <summary>The cell styles Keystone's workbooks use (the index is the style's position in the stylesheet).</summary>
public enum XStyle : uint
{
    Text = 0,
    Title = 1,
    Header = 2,
    Number = 3,
    Integer = 4,
    Date = 5,
    Bad = 6,
    Reason = 7,
    Wrap = 8,
}

public readonly record struct XCell(object? Value, XStyle Style = XStyle.Text);

/// <summary>
/// Writes one-sheet .xlsx workbooks row by row (OpenXml SAX), so a 100,000-row ledger never sits in memory
/// as a DOM: a title row merged across the columns, a styled header, frozen panes, number and date
/// formats, column widths. Strings are inline; dates are real Excel dates.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private readonly SpreadsheetDocument document;
    private readonly OpenXmlWriter writer;
    private readonly List<string> merges = [];
    private int rowNumber;

    public XlsxWriter(Stream output, string sheetName, IReadOnlyList<double> widths, int frozenRows, int frozenColumns)
    {
        document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = "rId1", SheetId = 1, Name = sheetName.Length > 31 ? sheetName[..31] : sheetName }));
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>("rId1");
        writer = OpenXmlWriter.Create(sheetPart);
        writer.WriteStartElement(new Worksheet());
        if (frozenRows > 0 || frozenColumns > 0)
        {
            var topLeft = ColumnName(frozenColumns) + (frozenRows + 1);
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane
                {
                    HorizontalSplit = frozenColumns > 0 ? frozenColumns : null,
                    VerticalSplit = frozenRows > 0 ? frozenRows : null,
                    TopLeftCell = topLeft,
                    ActivePane = frozenColumns > 0 && frozenRows > 0 ? PaneValues.BottomRight : frozenRows > 0 ? PaneValues.BottomLeft : PaneValues.TopRight,
                    State = PaneStateValues.Frozen,
                })
            { WorkbookViewId = 0 }));
        }

        writer.WriteElement(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        writer.WriteStartElement(new SheetData());
    }

    public int RowNumber => rowNumber;

    /// <summary>Writes the next row. A row with a single title cell can be merged across <paramref name="mergeAcross"/> columns.</summary>
    public void Row(IReadOnlyList<XCell> cells, double? height = null, int mergeAcross = 0)
    {
        rowNumber++;
        var attributes = new List<OpenXmlAttribute> { new("r", "", rowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (height is { } h)
        {
            attributes.Add(new("ht", "", h.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            attributes.Add(new("customHeight", "", "1"));
        }

        writer.WriteStartElement(new Row(), attributes);
        for (var i = 0; i < cells.Count; i++)
        {
            WriteCell(ColumnName(i) + rowNumber, cells[i]);
        }

        writer.WriteEndElement();
        if (mergeAcross > 1)
        {
            merges.Add($"A{rowNumber}:{ColumnName(mergeAcross - 1)}{rowNumber}");
        }
    }

    private void WriteCell(string reference, XCell cell)
    {
        var style = (uint)cell.Style;
        switch (cell.Value)
        {
            case null:
                if (style != 0)
                {
                    writer.WriteElement(new Cell { CellReference = reference, StyleIndex = style });
                }

                return;
            case string s:
                writer.WriteElement(new Cell(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Clean(s)) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    StyleIndex = style,
                });
                return;
            case DateOnly d:
                writer.WriteElement(new Cell(new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    CellReference = reference,
                    StyleIndex = cell.Style is XStyle.Bad ? style : (uint)XStyle.Date,
                });
                return;
            case DateTime dt:
                WriteCell(reference, cell with { Value = DateOnly.FromDateTime(dt) });
                return;
            case bool b:
                WriteCell(reference, cell with { Value = b ? "TRUE" : "FALSE" });
                return;
            case IConvertible number:
                writer.WriteElement(new Cell(new CellValue(Convert.ToDecimal(number, System.Globalization.CultureInfo.InvariantCulture)))
                {
                    CellReference = reference,
                    StyleIndex = style,
                });
                return;
            default:
                WriteCell(reference, cell with { Value = cell.Value.ToString() ?? "" });
                return;
        }
    }

    /// <summary>XML cannot hold control characters (other than tab and line breaks) that stray into cells.</summary>
    private static string Clean(string s) =>
        s.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string(s.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray()) : s;

    public void Dispose()
    {
        writer.WriteEndElement(); // sheetData
        if (merges.Count > 0)
        {
            writer.WriteElement(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
        }

        writer.WriteEndElement(); // worksheet
        writer.Close();
        document.Dispose();
    }

    public static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    private static Stylesheet Stylesheet()
    {
        var thin = new Border(
            new LeftBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Rgb = "FFBFBFBF" }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new FontSize { Val = 11 }, new Color { Rgb = "FFC00000" }, new FontName { Val = "等线" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFC7CE" }) { PatternType = PatternValues.Solid }));
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin);
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd" });
        var center = new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true };
        CellFormat Format(uint font, uint fill, uint border, uint numberFormat, Alignment? alignment = null)
        {
            var f = new CellFormat { FontId = font, FillId = fill, BorderId = border, NumberFormatId = numberFormat, ApplyFont = true, ApplyFill = fill > 0, ApplyBorder = border > 0, ApplyNumberFormat = numberFormat > 0 };
            if (alignment is not null)
            {
                f.Append(alignment);
                f.ApplyAlignment = true;
            }

            return f;
        }

        var cellFormats = new CellFormats(
            Format(0, 0, 1, 0),                   // Text
            Format(1, 0, 0, 0, (Alignment)center.CloneNode(true)), // Title
            Format(2, 2, 1, 0, (Alignment)center.CloneNode(true)), // Header
            Format(0, 0, 1, 164),                 // Number
            Format(0, 0, 1, 1),                   // Integer ("0")
            Format(0, 0, 1, 165),                 // Date
            Format(0, 3, 1, 0),                   // Bad
            Format(3, 0, 1, 0, new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }), // Reason
            Format(0, 0, 1, 0, new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })); // Wrap
        return new Stylesheet(formats, fonts, fills, borders, new CellStyleFormats(new CellFormat()), cellFormats);
    }
}
