using System.Globalization;
using MiniExcelLibs;

namespace Keystone.Core.Ledger;

/// <summary>A row of raw cell values as the file holds them (string, double, DateTime, bool or null), numbered as Excel shows it.</summary>
public sealed record RawRow(int Number, IReadOnlyList<object?> Cells)
{
    public bool IsBlank => Cells.All(c => c is null || (c is string s && string.IsNullOrWhiteSpace(s)));

    public string TextAt(int index) => index < Cells.Count ? LedgerValues.AsText(Cells[index]) : "";
}

/// <summary>
/// Reads the rows of one sheet of an .xlsx ledger, streaming (MiniExcel), without interpreting them.
/// Finding the header row and parsing values is the parser's job.
/// </summary>
public static class LedgerSheetReader
{
    public static IReadOnlyList<string> SheetNames(Stream xlsx) => MiniExcel.GetSheetNames(xlsx);

    /// <summary>The rows of <paramref name="sheet"/> (the first sheet when null), blank rows included so numbers stay true.</summary>
    public static IEnumerable<RawRow> ReadXlsx(Stream xlsx, string? sheet)
    {
        var number = 0;
        foreach (IDictionary<string, object?> row in xlsx.Query(useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX))
        {
            number++;
            var cells = new object?[row.Count];
            var i = 0;
            foreach (var value in row.Values)
            {
                cells[i++] = value;
            }

            yield return new RawRow(number, cells);
        }
    }
}

/// <summary>Cell values into typed values. Each returns null for an empty cell and throws <see cref="FormatException"/> with the reason otherwise.</summary>
public static class LedgerValues
{
    public static string AsText(object? cell) => cell switch
    {
        null => "",
        string s => s.Trim(),
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double x => ((decimal)x).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString()?.Trim() ?? "",
    };
}
