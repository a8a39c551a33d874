namespace Keystone.Core.Ledger;

/// <summary>
/// A copy of a refused ledger with every bad cell highlighted and a reason column added, so the user can
/// fix the file where it is wrong and upload it again. Rows keep their numbers as Excel showed them.
/// </summary>
public static class ErrorWorkbook
{
    public static void Write(LedgerSource source, LedgerImportResult result, Stream output, bool english = false) =>
        Write(source, result.Sheet, result.HeaderRow, result.Problems, result.Columns.ToDictionary(c => LedgerFormat.Header(c.Field), c => c.Index), output, english);

    /// <summary>
    /// The marked-up copy of any sheet read with the ledger's conventions (a ledger, a node plan …): a problem's
    /// column is found by the header the file has, or by a standard name in <paramref name="aliases"/>.
    /// </summary>
    public static void Write(LedgerSource source, string sheet, int headerRow, IReadOnlyList<LedgerProblem> problems, IReadOnlyDictionary<string, int> aliases, Stream output, bool english = false)
    {
        // Two passes over the file, holding one row at a time: the first finds the width and the header.
        var width = 1;
        RawRow? header = null;
        foreach (var row in source.Rows(sheet))
        {
            width = Math.Max(width, row.Cells.Count);
            header = row.Number == headerRow ? row : header;
        }

        var columnOf = new Dictionary<string, int>();
        for (var i = 0; header is not null && i < header.Cells.Count; i++)
        {
            columnOf.TryAdd(header.TextAt(i), i);
        }

        foreach (var (name, index) in aliases)
        {
            columnOf.TryAdd(name, index);
        }

        var byRow = problems.GroupBy(p => p.Row).ToDictionary(g => g.Key, g => g.ToList());
        var widths = Enumerable.Range(0, width).Select(_ => 14d).Append(60d).ToList();
        var reasonTitle = english ? "Why this row was refused" : "错误原因";
        using var writer = new XlsxWriter(output, sheet, widths, headerRow, 0, new XlsxPageSetup(Landscape: true, FitToWidth: true));
        var expected = 1;
        foreach (var row in source.Rows(sheet))
        {
            // Keep Excel's row numbers: the user looks for "row 17" in this file too.
            while (expected < row.Number)
            {
                writer.Row([]);
                expected++;
            }

            var bad = byRow.GetValueOrDefault(row.Number);
            var badColumns = bad?.Where(p => p.Column is not null && columnOf.ContainsKey(p.Column)).Select(p => columnOf[p.Column!]).ToHashSet() ?? [];
            var cells = new List<XCell>();
            for (var i = 0; i < width; i++)
            {
                var value = i < row.Cells.Count ? row.Cells[i] : null;
                if (value is OverlongCell overlong)
                {
                    value = english ? $"(over {overlong.Limit} characters, not read)" : $"（超过{overlong.Limit}个字符，未读取）";
                }

                var style = row.Number == headerRow ? XStyle.Header : badColumns.Contains(i) ? XStyle.Bad : XStyle.Text;
                if (value is string text)
                {
                    value = FormulaText.Neutralise(text); // the user's own text, read back as it was when the copy is uploaded again
                }

                cells.Add(new XCell(value, style));
            }

            if (row.Number == headerRow)
            {
                cells.Add(new XCell(reasonTitle, XStyle.Header));
            }
            else if (bad is not null)
            {
                cells.Add(new XCell(string.Join("\n", bad.Select(p => (p.Column is null ? "" : $"「{p.Column}」") + (english ? p.Reason.En : p.Reason.Zh))), XStyle.Reason));
            }

            writer.Row(cells);
            if (row.Number == headerRow)
            {
                writer.HeaderRow();
            }

            expected++;
        }
    }
}
