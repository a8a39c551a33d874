namespace Keystone.Core.Ledger;

/// <summary>
/// A copy of a refused ledger with every bad cell highlighted and a reason column added, so the user can
/// fix the file where it is wrong and upload it again. Rows keep their numbers as Excel showed them.
/// </summary>
/// <remarks>
/// An .xlsx is marked in a copy of the user's own workbook (<see cref="UserWorkbookMarkup"/>): styles, widths,
/// merges, title rows, formulas and other sheets stay, the bad cells turn red with a note saying why. An .xls
/// (read, never written) or a .csv — or an .xlsx the OpenXml SDK cannot open — gets a rebuilt sheet of the
/// values read, as before.
/// </remarks>
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
        var reasonTitle = english ? "Why this row was refused" : "错误原因";
        if (source.Kind == LedgerFileKind.Xlsx && UserWorkbookMarkup.TryWrite(source, Markup(sheet, headerRow, width, reasonTitle, byRow, columnOf, english), output))
        {
            return;
        }

        var widths = Enumerable.Range(0, width).Select(_ => 14d).Append(60d).ToList();
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
                cells.Add(new XCell(Reasons(bad, english), XStyle.Reason));
            }

            writer.Row(cells);
            if (row.Number == headerRow)
            {
                writer.HeaderRow();
            }

            expected++;
        }
    }

    /// <summary>A row's reasons, one a line, each after the column it is about.</summary>
    private static string Reasons(IEnumerable<LedgerProblem> problems, bool english) =>
        string.Join("\n", problems.Select(p => (p.Column is null ? "" : $"「{p.Column}」") + (english ? p.Reason.En : p.Reason.Zh)));

    /// <summary>
    /// What the user's workbook gets: each problem with a column the sheet has marks that cell, with a note in both
    /// languages (the caller's first); each refused row (not the header) gets its reasons in the reason column.
    /// </summary>
    private static SheetMarkup Markup(string sheet, int headerRow, int width, string reasonTitle, Dictionary<int, List<LedgerProblem>> byRow, Dictionary<string, int> columnOf, bool english)
    {
        var cells = byRow.Values.SelectMany(p => p)
            .Where(p => p.Row > 0 && p.Column is not null && columnOf.ContainsKey(p.Column))
            .GroupBy(p => (p.Row, Column: columnOf[p.Column!]))
            .Select(g => new CellMark(g.Key.Row, g.Key.Column, [.. g.SelectMany(p => english
                ? new[] { $"「{p.Column}」{p.Reason.En}", p.Reason.Zh }
                : new[] { $"「{p.Column}」{p.Reason.Zh}", p.Reason.En })]))
            .ToList();
        var reasons = byRow.Where(r => r.Key > 0 && r.Key != headerRow).ToDictionary(r => r.Key, r => Reasons(r.Value, english));
        return new SheetMarkup(sheet, headerRow, width, reasonTitle, cells, reasons);
    }
}
