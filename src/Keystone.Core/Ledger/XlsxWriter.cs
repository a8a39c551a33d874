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

    /// <summary>A rate in percent stored as the percent number (52.3), shown "52.3%".</summary>
    Percent = 9,

    /// <summary>One decimal: percentage points.</summary>
    Points = 10,

    /// <summary>A red light: Excel's "Bad" colours.</summary>
    Red = 11,

    /// <summary>A yellow light: Excel's "Neutral" colours.</summary>
    Yellow = 12,
}

public readonly record struct XCell(object? Value, XStyle Style = XStyle.Text);

/// <summary>How a sheet prints on A4: landscape or portrait, and whether its columns shrink to one page width.</summary>
public sealed record XlsxPageSetup(bool Landscape, bool FitToWidth);

/// <summary>
/// Writes .xlsx workbooks row by row (OpenXml SAX), so a 100,000-row ledger never sits in memory as a
/// DOM: a title row merged across the columns, a styled header, frozen panes, number and date formats,
/// column widths. Strings are inline; dates are real Excel dates. The constructor starts the first sheet;
/// <see cref="NextSheet"/> finishes it and starts another, one at a time.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private readonly SpreadsheetDocument document;
    private readonly WorkbookPart workbookPart;
    private readonly Sheets sheets = new();
    private readonly List<string> merges = [];
    private OpenXmlWriter writer;
    private XlsxPageSetup? page;
    private int rowNumber;
    private int? declaredRows;
    private int columnCount;
    private int headerRow;
    private DefinedNames? definedNames;

    /// <param name="rows">
    /// The exact number of rows the sheet will have, when the caller knows it: written as the sheet's dimension,
    /// as Excel does, so a streaming reader need not read the whole sheet once to learn its last column.
    /// </param>
    public XlsxWriter(Stream output, string sheetName, IReadOnlyList<double> widths, int frozenRows, int frozenColumns, XlsxPageSetup? page = null, int? rows = null)
    {
        document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook(sheets);
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        writer = StartSheet(SheetName(sheetName), widths, frozenRows, frozenColumns, page, rows);
    }

    /// <summary>The row just written on the current sheet (0 before its first row).</summary>
    public int RowNumber => rowNumber;

    /// <summary>Finishes the current sheet and starts another after it; its rows number from 1 again.</summary>
    public void NextSheet(string sheetName, IReadOnlyList<double> widths, int frozenRows, int frozenColumns, XlsxPageSetup? page = null, int? rows = null)
    {
        // Checked before the current sheet is closed, so a refused name leaves the writer usable.
        var name = SheetName(sheetName);
        EndSheet(check: true);
        writer = StartSheet(name, widths, frozenRows, frozenColumns, page, rows);
    }

    private string SheetName(string sheetName)
    {
        var name = sheetName.Length > 31 ? sheetName[..31] : sheetName;

        // Excel refuses the whole file, not just the sheet, when two sheets share a name.
        if (sheets.Elements<Sheet>().Any(s => string.Equals(s.Name?.Value, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The workbook already has a sheet named {name}", nameof(sheetName));
        }

        return name;
    }

    private OpenXmlWriter StartSheet(string name, IReadOnlyList<double> widths, int frozenRows, int frozenColumns, XlsxPageSetup? page, int? rows)
    {
        var number = (uint)sheets.ChildElements.Count + 1;
        var relationship = "rId" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        sheets.Append(new Sheet { Id = relationship, SheetId = number, Name = name });
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>(relationship);
        rowNumber = 0;
        headerRow = 0;
        columnCount = widths.Count;
        merges.Clear();
        this.page = page;
        declaredRows = rows;
        var sheet = OpenXmlWriter.Create(sheetPart);
        sheet.WriteStartElement(new Worksheet());
        if (page is { FitToWidth: true })
        {
            sheet.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        }

        if (rows > 0 && widths.Count > 0)
        {
            sheet.WriteElement(new SheetDimension { Reference = $"A1:{ColumnName(widths.Count - 1)}{rows}" });
        }

        if (frozenRows > 0 || frozenColumns > 0)
        {
            var topLeft = ColumnName(frozenColumns) + (frozenRows + 1);
            sheet.WriteElement(new SheetViews(new SheetView(
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

        sheet.WriteElement(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        sheet.WriteStartElement(new SheetData());
        return sheet;
    }

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

    /// <summary>
    /// Marks the row just written as the current sheet's header: an autofilter runs from it over the rows below,
    /// and it (with the rows above it) is printed at the top of every page.
    /// </summary>
    public void HeaderRow()
    {
        headerRow = rowNumber;
        var sheetIndex = sheets.ChildElements.Count - 1;
        var name = sheets.Elements<Sheet>().Last().Name!.Value!.Replace("'", "''", StringComparison.Ordinal);
        if (definedNames is null)
        {
            definedNames = new DefinedNames();
            workbookPart.Workbook!.Append(definedNames);
        }

        definedNames.Append(new DefinedName($"'{name}'!$1:${headerRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)sheetIndex });
    }

    /// <summary>Merges an area of the current sheet (1-based rows, 0-based columns), written after its rows.</summary>
    public void Merge(int firstRow, int firstColumn, int lastRow, int lastColumn) =>
        merges.Add($"{ColumnName(firstColumn)}{firstRow}:{ColumnName(lastColumn)}{lastRow}");

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
        // No check of the declared rows here: an exception on its way out of a using block must not be masked.
        EndSheet(check: false);
        document.Dispose();
    }

    private void EndSheet(bool check)
    {
        if (check && declaredRows is { } declared && declared != rowNumber)
        {
            throw new InvalidOperationException($"The sheet was declared to have {declared} rows but {rowNumber} were written");
        }

        writer.WriteEndElement(); // sheetData
        if (headerRow > 0 && columnCount > 0)
        {
            writer.WriteElement(new AutoFilter { Reference = $"A{headerRow}:{ColumnName(columnCount - 1)}{Math.Max(rowNumber, headerRow)}" });
        }

        if (merges.Count > 0)
        {
            writer.WriteElement(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
        }

        if (page is not null)
        {
            // fitToHeight 0: as many pages down as the rows need, only the width is fitted.
            writer.WriteElement(new PageSetup
            {
                PaperSize = 9,
                Orientation = page.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
                FitToWidth = page.FitToWidth ? 1u : null,
                FitToHeight = page.FitToWidth ? 0u : null,
            });
        }

        writer.WriteEndElement(); // worksheet
        writer.Close();
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
            new Font(new FontSize { Val = 11 }, new Color { Rgb = "FFC00000" }, new FontName { Val = "等线" }),
            new Font(new FontSize { Val = 11 }, new Color { Rgb = "FF9C0006" }, new FontName { Val = "等线" }),
            new Font(new FontSize { Val = 11 }, new Color { Rgb = "FF9C5700" }, new FontName { Val = "等线" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFC7CE" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFEB9C" }) { PatternType = PatternValues.Solid }));
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin);
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.00" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0\"%\"" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "0.0" });
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
            Format(0, 0, 1, 0, new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }), // Wrap
            Format(0, 0, 1, 166),                 // Percent
            Format(0, 0, 1, 167),                 // Points
            Format(4, 3, 1, 0, new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Top }), // Red
            Format(5, 4, 1, 0, new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Top })); // Yellow
        return new Stylesheet(formats, fonts, fills, borders, new CellStyleFormats(new CellFormat()), cellFormats);
    }
}
