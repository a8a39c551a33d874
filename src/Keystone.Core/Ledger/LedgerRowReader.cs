using System.Threading.Channels;

namespace Keystone.Core.Ledger;

/// <summary>
/// The reading half of an import: parses each row, checks it and its place in the file (a code or a
/// code-less name used twice), and hands the good rows on in batches. Problems are collected, not thrown;
/// only the row limit stops the reading.
/// </summary>
internal sealed class LedgerRowReader(string sheet, HeaderMatch header, int year, LedgerImportOptions options, IProgress<ImportProgress>? progress, ImportGuard guard)
{
    /// <summary>Rows handed to the writer at a time: one transaction's worth of lookups and bulk inserts.</summary>
    private const int BatchSize = 2000;

    private readonly List<LedgerProblem> problems = [];
    private int problemCount;

    /// <summary>The problems found so far; read it only once <see cref="Run"/> has ended.</summary>
    public List<LedgerProblem> Problems => problems;

    /// <summary>Whether any problem was found yet: safe to ask from the writing thread while the reading runs.</summary>
    public bool HasProblems => Volatile.Read(ref problemCount) > 0;

    /// <summary>The data rows read so far (blank and total rows are not counted).</summary>
    public int DataRows { get; private set; }

    /// <summary>The top rows, where the header is looked for; <paramref name="rows"/> is left just past them.</summary>
    public static List<RawRow> ReadTop(IEnumerator<RawRow> rows)
    {
        var top = new List<RawRow>();
        while (top.Count < LedgerHeader.SearchRows && rows.MoveNext())
        {
            top.Add(rows.Current);
        }

        return top;
    }

    /// <summary>The rows below the header: those of the top rows past it, then the rest of <paramref name="rest"/>.</summary>
    public static IEnumerable<RawRow> Below(HeaderMatch header, List<RawRow> top, IEnumerator<RawRow> rest)
    {
        foreach (var row in top.Where(r => r.Number > header.RowNumber))
        {
            yield return row;
        }

        while (rest.MoveNext())
        {
            yield return rest.Current;
        }
    }

    /// <summary>
    /// The row limit, checked before the import starts writing (the writer, not the reader, sets an import's
    /// pace, so a sheet found too long only at its end would cost the whole write first). Most sheets are
    /// cleared by <see cref="LedgerSource.RowBound"/>, counted at memory speed; a longer one is read once,
    /// row by row and nothing kept, up to the first row past the limit.
    /// </summary>
    public static void RefuseTooManyRows(LedgerSource source, string sheet, LedgerImportOptions options, ImportGuard guard)
    {
        var max = options.Limits.MaxRows;
        if (source.RowBound(sheet) <= max)
        {
            return;
        }

        using var rows = source.Rows(sheet).GetEnumerator();
        var top = ReadTop(rows);
        var header = LedgerHeader.Find(top, options.Map);
        var count = 0;
        foreach (var raw in Below(header, top, rows).Where(r => IsDataRow(r, header)))
        {
            if (++count > max)
            {
                throw TooManyRows(max);
            }

            if (count % 10_000 == 0)
            {
                guard.Check();
            }
        }
    }

    /// <summary>Reads <paramref name="rows"/> (those below the header) into <paramref name="output"/>, completing it at the end or on failure.</summary>
    public async Task Run(IEnumerable<RawRow> rows, ChannelWriter<List<LedgerRow>> output, CancellationToken ct)
    {
        try
        {
            var parser = new LedgerParser(sheet, header, year);
            var codes = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = new Dictionary<(string?, string, string), int>();
            var codeColumn = header.HeaderOf(LedgerField.Code);
            var nameColumn = header.HeaderOf(LedgerField.Name);
            var batch = new List<LedgerRow>(BatchSize);
            foreach (var raw in rows.Where(r => IsDataRow(r, header)))
            {
                if (++DataRows > options.Limits.MaxRows)
                {
                    throw TooManyRows(options.Limits.MaxRows);
                }

                if (DataRows % 1000 == 0)
                {
                    guard.Check();
                }

                LedgerRow? row = null;
                if (raw.HasOverlongCell)
                {
                    problems.AddRange(raw.OverlongProblems(sheet, i => header.Columns.FirstOrDefault(c => c.Index == i)?.Header));
                }
                else
                {
                    row = parser.Parse(raw, problems);
                }

                // A repeated code is reported even on a row that has other problems: every problem of a row is listed.
                if ((row?.Code ?? (raw.HasOverlongCell ? null : parser.CodeOf(raw))) is { } code && !codes.TryAdd(code, raw.Number))
                {
                    problems.Add(new(sheet, raw.Number, codeColumn, code, new($"项目编号与第{codes[code]}行重复", $"The project code repeats row {codes[code]}")));
                    row = null;
                }
                else if (row is { Code: null } && !names.TryAdd((row.City, row.Unit, row.Name), row.RowNumber))
                {
                    var first = names[(row.City, row.Unit, row.Name)];
                    problems.Add(new(sheet, row.RowNumber, nameColumn, row.Name,
                        new($"同一区域内项目名称与第{first}行重复，且均无项目编号", $"The project name repeats row {first} in the same unit, and neither has a code")));
                    row = null;
                }

                Volatile.Write(ref problemCount, problems.Count);
                if (row is not null)
                {
                    batch.Add(row);
                    if (batch.Count == BatchSize)
                    {
                        await output.WriteAsync(batch, ct);
                        batch = new List<LedgerRow>(BatchSize);
                    }
                }

                if (DataRows % 10_000 == 0)
                {
                    progress?.Report(new(DataRows, 0, "read"));
                }
            }

            if (batch.Count > 0)
            {
                await output.WriteAsync(batch, ct);
            }

            progress?.Report(new(DataRows, DataRows, "read"));
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }

    /// <summary>A row that may be a project: not blank, and no "合计"/"总计"/"小计" row restating sums.</summary>
    private static bool IsDataRow(RawRow row, HeaderMatch header)
    {
        if (row.IsBlank)
        {
            return false;
        }

        var name = header[LedgerField.Name] is { } n ? row.TextAt(n.Index) : "";
        var first = row.Cells.Select(LedgerValues.AsText).FirstOrDefault(t => t.Length > 0) ?? "";
        static bool IsTotal(string s) => LedgerParser.FoldWidth(s).Replace(" ", "", StringComparison.Ordinal) is "合计" or "总计" or "小计" or "全区合计" or "汇总";
        return !IsTotal(name) && !(name.Length == 0 && IsTotal(first));
    }

    private static DomainException TooManyRows(int max) =>
        new(new($"行数超过{max}行上限，未导入任何数据", $"The sheet has more than the {max} rows allowed; nothing was imported"), "file");
}
