using System.Text;
using Keystone.Core.Ledger;

namespace Keystone.Testing;

/// <summary>
/// Builds ledger files the way zones really write them — title rows, a merged title, "填报单位：…" lines,
/// other header spellings, units in 亿元, text dates, GBK CSV — so the importer is tested on files, not on
/// objects. Rows are laid out under <see cref="Headers"/>; <see cref="Standard"/> gives the template's header.
/// </summary>
public sealed class TestLedger
{
    public List<object?[]> Above { get; } = [];

    public required List<string> Headers { get; init; }

    public List<object?[]> Rows { get; } = [];

    public string Sheet { get; init; } = "2024年重点项目台账";

    /// <summary>Areas merged in the .xlsx: (first row, first column, last row, last column), Excel's row numbers and 0-based columns.</summary>
    public List<(int, int, int, int)> Merges { get; } = [];

    public static TestLedger Standard() => new() { Headers = LedgerFormat.Fields.Select(LedgerFormat.Header).ToList() };

    /// <summary>A complete, valid row of the standard header; pass field → value to vary it.</summary>
    public static Dictionary<LedgerField, object?> Project(string code, string name, string unit = "阳泉高新区", string city = "阳泉市") => new()
    {
        [LedgerField.Code] = code,
        [LedgerField.Name] = name,
        [LedgerField.City] = city,
        [LedgerField.Unit] = unit,
        [LedgerField.Levels] = "市级重点",
        [LedgerField.Category] = "产业类",
        [LedgerField.IndustryChain] = "新材料",
        [LedgerField.Nature] = "新建",
        [LedgerField.Enterprise] = "测试新材料有限公司",
        [LedgerField.Uscc] = "91140300CBPRNJHCCN",
        [LedgerField.TotalInvestment] = 20_000m,
        [LedgerField.AnnualPlan] = 5_000m,
        [LedgerField.YearToDate] = 800m,
        [LedgerField.Cumulative] = 800m,
        [LedgerField.PlannedStart] = new DateOnly(2024, 3, 1),
        [LedgerField.ActualStart] = new DateOnly(2024, 3, 18),
        [LedgerField.StartDate] = new DateOnly(2024, 3, 18),
        [LedgerField.Status] = "在建",
        [LedgerField.ImageProgress] = "主体施工",
    };

    public TestLedger Title(params object?[] cells)
    {
        Above.Add(cells);
        return this;
    }

    public TestLedger Row(params object?[] cells)
    {
        Rows.Add(cells);
        return this;
    }

    /// <summary>A row of the standard header from field values.</summary>
    public TestLedger Add(Dictionary<LedgerField, object?> values)
    {
        Rows.Add(Headers.Select(h => LedgerHeader.FieldOf(h, null) is { } f && values.TryGetValue(f, out var v) ? v : null).ToArray());
        return this;
    }

    /// <summary>Excel's row number of data row <paramref name="index"/> (0-based).</summary>
    public int RowNumber(int index) => Above.Count + 2 + index;

    public byte[] ToXlsx()
    {
        using var output = new MemoryStream();
        using (var writer = new XlsxWriter(output, Sheet, Headers.Select(_ => 14d).ToList(), 0, 0))
        {
            foreach (var title in Above)
            {
                writer.Row(title.Select(v => new XCell(v)).ToList(), mergeAcross: title.Length == 1 ? Headers.Count : 0);
            }

            writer.Row(Headers.Select(h => new XCell(h, XStyle.Header)).ToList());
            foreach (var row in Rows)
            {
                writer.Row(row.Select(v => new XCell(v, v is DateOnly ? XStyle.Date : XStyle.Text)).ToList());
            }

            foreach (var (r1, c1, r2, c2) in Merges)
            {
                writer.Merge(r1, c1, r2, c2);
            }
        }

        return output.ToArray();
    }

    public byte[] ToCsv(Encoding encoding, bool bom = false)
    {
        var text = new StringBuilder();
        foreach (var line in Above.Append(Headers.Cast<object?>().ToArray()).Concat(Rows))
        {
            text.Append(string.Join(",", line.Select(Csv))).Append("\r\n");
        }

        var bytes = encoding.GetBytes(text.ToString());
        return bom ? encoding.GetPreamble().Concat(bytes).ToArray() : bytes;
    }

    public LedgerSource Xlsx(string name = "台账.xlsx") => LedgerSource.FromBytes(ToXlsx(), name, LedgerLimits.Default);

    public LedgerSource Csv(Encoding encoding, bool bom = false, string name = "台账.csv") => LedgerSource.FromBytes(ToCsv(encoding, bom), name, LedgerLimits.Default);

    private static string Csv(object? value)
    {
        var s = value switch
        {
            null => "",
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }
}
