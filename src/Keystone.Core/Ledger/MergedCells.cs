namespace Keystone.Core.Ledger;

/// <summary>One merged area of a sheet, 1-based rows and 0-based columns as the readers number them.</summary>
public readonly record struct MergedRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn)
{
    /// <summary>"B3:D7" → rows 3–7, columns 1–3; null for a reference that is not a range inside Excel's grid.</summary>
    public static MergedRange? Parse(ReadOnlySpan<char> reference)
    {
        var colon = reference.IndexOf(':');
        if (colon <= 0 || !Cell(reference[..colon], out var r1, out var c1) || !Cell(reference[(colon + 1)..], out var r2, out var c2))
        {
            return null;
        }

        return new MergedRange(Math.Min(r1, r2), Math.Min(c1, c2), Math.Max(r1, r2), Math.Max(c1, c2));
    }

    private static bool Cell(ReadOnlySpan<char> reference, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (++i > 3)
            {
                return false;
            }
        }

        if (i == 0 || column > XlsxReader.MaxColumns || !int.TryParse(reference[i..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out row) || row < 1)
        {
            return false;
        }

        column--;
        return true;
    }
}

/// <summary>
/// Fills merged cells while rows stream by: every cell a merged area covers reads as the area's top-left value,
/// so a 所属区域 merged down over several projects, or a header merged across columns, reads as if typed in each
/// cell. Only the areas and the values of those that are open are held, never the rows. A row that holds
/// nothing of its own stays blank (a merge reaching past the last project adds no rows).
/// </summary>
public static class MergedCells
{
    /// <summary>More merged areas than this in one sheet is not a ledger: refused rather than held.</summary>
    public const int MaxRanges = 100_000;

    public static IEnumerable<RawRow> Fill(IEnumerable<RawRow> rows, IReadOnlyList<MergedRange> ranges)
    {
        if (ranges.Count == 0)
        {
            foreach (var row in rows)
            {
                yield return row;
            }

            yield break;
        }

        var pending = ranges.Where(r => r.FirstRow != r.LastRow || r.FirstColumn != r.LastColumn).OrderBy(r => r.FirstRow).ToList();
        var next = 0;
        var open = new List<(MergedRange Range, object? Value)>();
        foreach (var row in rows)
        {
            open.RemoveAll(o => o.Range.LastRow < row.Number);
            while (next < pending.Count && pending[next].FirstRow <= row.Number)
            {
                var range = pending[next++];
                if (range.LastRow < row.Number)
                {
                    continue; // an area above the rows read (rows the reader skipped): nothing to fill
                }

                var value = range.FirstRow == row.Number && range.FirstColumn < row.Cells.Count ? row.Cells[range.FirstColumn] : null;
                if (value is not null)
                {
                    open.Add((range, value));
                }
            }

            if (open.Count == 0 || (row.IsBlank && open.All(o => o.Range.FirstRow != row.Number)))
            {
                yield return row;
                continue;
            }

            var width = Math.Max(row.Cells.Count, open.Max(o => o.Range.LastColumn) + 1);
            var cells = new object?[width];
            for (var i = 0; i < row.Cells.Count; i++)
            {
                cells[i] = row.Cells[i];
            }

            foreach (var (range, value) in open)
            {
                for (var column = range.FirstColumn; column <= range.LastColumn; column++)
                {
                    if (cells[column] is null || (cells[column] is string s && s.Length == 0))
                    {
                        cells[column] = value;
                    }
                }
            }

            yield return new RawRow(row.Number, cells);
        }
    }
}
