using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Keystone.Core.Ledger;

/// <summary>
/// Reads the rows of an old binary .xls workbook (BIFF8, Excel 97–2003 — what WPS and old Excel still save) with
/// ExcelDataReader, delivering them as <see cref="XlsxReader"/> does, so everything after the reader — the header
/// search, merged cells, values, formula apostrophes, the row checks — is the same for both: strings as
/// <see cref="string"/>, numbers as <see cref="double"/>, date-formatted numbers as <see cref="DateTime"/>,
/// booleans as <see cref="bool"/>, empty and error cells as null; rows numbered from 1 as Excel shows them,
/// blank ones included, each as wide as the sheet; merged areas filled with their top-left value.
/// </summary>
/// <remarks>
/// A BIFF8 sheet holds at most 65,536 rows and 256 columns and its text is at most 32,767 characters a cell, so
/// the file's size limit bounds what is held; a cell longer than the import's own cell limit is still an
/// <see cref="OverlongCell"/>. The workbook is opened afresh for each pass, as the .xlsx reader opens its zip.
/// </remarks>
public sealed class XlsReader
{
    /// <summary>The most rows a BIFF8 sheet can hold.</summary>
    public const int MaxRows = 65_536;

    private readonly byte[] content;
    private readonly int maxCellLength;
    private readonly Lazy<IReadOnlyList<string>> sheetNames;

    static XlsReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // BIFF's code pages (GBK, 1252 …)

    /// <param name="content">The .xls file (an OLE compound file).</param>
    /// <param name="maxCellLength">A cell longer than this is an <see cref="OverlongCell"/>.</param>
    public XlsReader(byte[] content, int maxCellLength)
    {
        this.content = content;
        this.maxCellLength = maxCellLength;
        sheetNames = new Lazy<IReadOnlyList<string>>(ReadSheetNames, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<string> SheetNames => sheetNames.Value;

    /// <summary>Whether the compound file can be opened as a workbook (an encrypted .xlsx or another OLE document cannot).</summary>
    public static bool CanOpen(byte[] content)
    {
        try
        {
            using var reader = Open(content);
            return true;
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            return false;
        }
    }

    /// <summary>What ExcelDataReader throws for a file it cannot read: damaged, encrypted, or not a workbook.</summary>
    public static bool IsUnreadable(Exception e) =>
        e is ExcelReaderException or InvalidDataException or NotSupportedException or EndOfStreamException or ArgumentException or IndexOutOfRangeException or InvalidOperationException;

    /// <summary>The rows of <paramref name="sheet"/> (the first sheet when null), numbered from 1 as Excel shows them.</summary>
    public IEnumerable<RawRow> Rows(string? sheet)
    {
        using var reader = Open(content);
        Seek(reader, sheet);
        var merged = (reader.MergeCells ?? []).Select(c => new MergedRange(c.FromRow + 1, c.FromColumn, c.ToRow + 1, c.ToColumn)).ToList();
        foreach (var row in MergedCells.Fill(Read(reader), merged))
        {
            yield return row;
        }
    }

    /// <summary>At least as many rows as any sheet has: BIFF8's own limit.</summary>
    public static long RowBound => MaxRows;

    private IEnumerable<RawRow> Read(IExcelDataReader reader)
    {
        var number = 0;
        while (reader.Read())
        {
            number++;
            var cells = new object?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetValue(i) switch
                {
                    string s when s.Length > maxCellLength => new OverlongCell(maxCellLength),
                    string s => s,
                    double d => d,
                    int n => (double)n,
                    DateTime d => d,
                    bool b => b,
                    _ => null,
                };
            }

            yield return new RawRow(number, cells);
        }
    }

    private static void Seek(IExcelDataReader reader, string? sheet)
    {
        if (sheet is null)
        {
            return;
        }

        while (reader.Name != sheet)
        {
            if (!reader.NextResult())
            {
                throw new InvalidOperationException($"The workbook has no sheet named {sheet}");
            }
        }
    }

    private IReadOnlyList<string> ReadSheetNames()
    {
        using var reader = Open(content);
        var names = new List<string>();
        do
        {
            names.Add(reader.Name);
        }
        while (reader.NextResult());
        return names;
    }

    private static IExcelDataReader Open(byte[] content) =>
        ExcelReaderFactory.CreateBinaryReader(new MemoryStream(content, writable: false), new ExcelReaderConfiguration { FallbackEncoding = Encoding.GetEncoding("GB18030") });
}
