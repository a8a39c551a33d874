using System.Globalization;

namespace Keystone.Core.Ledger;

/// <summary>A row of raw cell values as the file holds them (string, double, DateTime, bool or null), numbered as Excel shows it.</summary>
public sealed record RawRow(int Number, IReadOnlyList<object?> Cells)
{
    public bool IsBlank => Cells.All(c => c is null || (c is string s && string.IsNullOrWhiteSpace(s)));

    public string TextAt(int index) => index < Cells.Count ? LedgerValues.AsText(Cells[index]) : "";

    public bool HasOverlongCell => Cells.Any(c => c is OverlongCell);

    /// <summary>
    /// A problem for each cell longer than the limit, named by sheet, row and column (the header's text, else
    /// the column's letter): the reader kept only its place, so the row cannot be read.
    /// </summary>
    public IEnumerable<LedgerProblem> OverlongProblems(string sheet, Func<int, string?> header)
    {
        for (var i = 0; i < Cells.Count; i++)
        {
            if (Cells[i] is OverlongCell cell)
            {
                yield return new LedgerProblem(sheet, Number, header(i) is { Length: > 0 } name ? name : XlsxWriter.ColumnName(i), null,
                    new($"单元格内容超过{cell.Limit}个字符的上限（Excel 单元格的上限），未读取", $"The cell holds more than the {cell.Limit} characters allowed (Excel's own limit); it was not read"));
            }
        }
    }
}

/// <summary>
/// Reads the rows of one sheet of an .xlsx ledger, streaming (<see cref="XlsxReader"/>), without interpreting
/// them. Finding the header row and parsing values is the parser's job.
/// </summary>
public static class LedgerSheetReader
{
    public static IReadOnlyList<string> SheetNames(Stream xlsx) => Reader(xlsx).SheetNames;

    /// <summary>The rows of <paramref name="sheet"/> (the first sheet when null), blank rows included so numbers stay true.</summary>
    public static IEnumerable<RawRow> ReadXlsx(Stream xlsx, string? sheet) => Reader(xlsx).Rows(sheet);

    private static XlsxReader Reader(Stream xlsx)
    {
        using var copy = new MemoryStream();
        xlsx.CopyTo(copy);
        return new XlsxReader(copy.ToArray(), LedgerLimits.Default.MaxCellLength, LedgerLimits.Default.MaxSharedStringChars);
    }
}

/// <summary>Cell values into typed values. Each returns null for an empty cell and throws <see cref="FormatException"/> with the reason otherwise.</summary>
public static class LedgerValues
{
    public static string AsText(object? cell) => cell switch
    {
        null => "",
        string s => FormulaText.Restore(s.Trim()),
        OverlongCell => "",
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double x => ((decimal)x).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString()?.Trim() ?? "",
    };
}
