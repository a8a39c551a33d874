using System.Globalization;
using System.Text.RegularExpressions;
using Keystone.Core.Ledger;

namespace Keystone.Core.Promotion.Files;

/// <summary>What one row of a promotion file did to its record, with the columns it changed.</summary>
public sealed record FileChange(int Row, string Name, ChangeKind Kind, IReadOnlyList<FieldChange> Fields);

/// <summary>What a promotion import (leads, target enterprises) read and, unless refused or a dry run, changed.</summary>
public sealed record PromotionImportResult(
    string Sheet, int HeaderRow, IReadOnlyList<FileChange> Changes, IReadOnlyList<LedgerProblem> Problems, bool Applied, IReadOnlyDictionary<string, int> Columns)
{
    public int New => Changes.Count(c => c.Kind == ChangeKind.New);

    public int Updated => Changes.Count(c => c.Kind == ChangeKind.Updated);

    public int Unchanged => Changes.Count(c => c.Kind == ChangeKind.Unchanged);
}

/// <summary>
/// The ledger's conventions for the promotion desk's files: the header found below title rows and matched by
/// its common spellings (the unit in brackets or not, full-width folded), amounts in 亿元/万元/元 by the header,
/// the cell or a "单位：亿元" title row, blank rows skipped, and each row read cell by cell with every problem
/// named by sheet, row, column, value and reason.
/// </summary>
public sealed partial class PromotionSheet<TField>
    where TField : struct, Enum
{
    private readonly Dictionary<TField, (int Index, decimal Factor)> columns;
    private readonly RawRow header;

    private PromotionSheet(string sheet, RawRow header, Dictionary<TField, (int, decimal)> columns, IReadOnlyList<RawRow> rows)
    {
        Sheet = sheet;
        this.header = header;
        this.columns = columns;
        Rows = rows;
    }

    public string Sheet { get; }

    public int HeaderRow => header.Number;

    /// <summary>The data rows below the header, blank ones left out.</summary>
    public IReadOnlyList<RawRow> Rows { get; }

    public IReadOnlySet<TField> Present => columns.Keys.ToHashSet();

    /// <summary>Each field's header as the file writes it.</summary>
    public IReadOnlyDictionary<TField, string> FileHeaders => columns.ToDictionary(c => c.Key, c => header.TextAt(c.Value.Index));

    /// <summary>The standard header → its column, for the marked-up copy.</summary>
    public IReadOnlyDictionary<string, int> Columns(Func<TField, string> standard) => columns.ToDictionary(c => standard(c.Key), c => c.Value.Index);

    /// <summary>
    /// Finds the header among the first rows of <paramref name="sheet"/> (the first sheet when none): the first row
    /// holding every one of <paramref name="required"/>; refused, naming the columns, when there is none.
    /// </summary>
    public static PromotionSheet<TField> Open(
        LedgerSource source, string? sheet, IReadOnlyDictionary<string, TField> names, IReadOnlyList<TField> required, Func<TField, string> standard, Text what)
    {
        var chosen = sheet is { Length: > 0 } ? sheet : source.SheetNames.FirstOrDefault() ?? throw new DomainException(new("文件中没有工作表", "The file has no sheet"), "file");
        var all = source.Rows(chosen).ToList();
        var factor = 1m;
        foreach (var row in all.Take(LedgerHeader.SearchRows))
        {
            var found = Match(row, names, factor);
            if (required.All(found.ContainsKey))
            {
                return new PromotionSheet<TField>(chosen, row, found, all.Where(r => r.Number > row.Number && !r.IsBlank).ToList());
            }

            foreach (var text in row.Cells.Select(LedgerValues.AsText))
            {
                if (UnitHint().Match(LedgerParser.FoldWidth(text).Replace(" ", "", StringComparison.Ordinal)) is { Success: true } u)
                {
                    factor = LedgerHeader.MoneyFactor(u.Groups["u"].Value) ?? factor;
                }
            }
        }

        var need = string.Join("”“", required.Select(standard));
        throw new DomainException(
            new($"工作表“{chosen}”前{LedgerHeader.SearchRows}行中找不到{what.Zh}表头：至少需要“{need}”列",
                $"No {what.En} header in the first {LedgerHeader.SearchRows} rows of \"{chosen}\": it needs at least the columns {need.Replace("”“", ", ", StringComparison.Ordinal)}"),
            "file");
    }

    private static Dictionary<TField, (int, decimal)> Match(RawRow row, IReadOnlyDictionary<string, TField> names, decimal sheetFactor)
    {
        var found = new Dictionary<TField, (int, decimal)>();
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var (key, unit) = LedgerHeader.Normalize(row.TextAt(i));
            if (key.Length > 0 && names.TryGetValue(key, out var field))
            {
                found.TryAdd(field, (i, LedgerHeader.MoneyFactor(unit) ?? sheetFactor));
            }
        }

        return found;
    }

    /// <summary>Adds every spelling of a field (and its standard header) to a name map.</summary>
    public static void Name(Dictionary<string, TField> names, TField field, string standard, params string[] variants)
    {
        foreach (var v in variants.Append(standard))
        {
            names[LedgerHeader.Normalize(v).Key] = field;
        }
    }

    /// <summary>The problems of a row with a cell longer than the file format allows.</summary>
    public IEnumerable<LedgerProblem> Overlong(RawRow row) => row.OverlongProblems(Sheet, header.TextAt);

    /// <summary>One row's cells, with the problems found in it.</summary>
    public Cursor Read(RawRow row, Func<TField, string> standard, List<LedgerProblem> problems) => new(this, row, standard, problems);

    /// <summary>A data row being read: its cells as text, numbers, amounts and dates, each bad cell a problem.</summary>
    public sealed class Cursor
    {
        private readonly PromotionSheet<TField> sheet;
        private readonly Func<TField, string> standard;
        private readonly List<LedgerProblem> problems;
        private readonly int before;

        internal Cursor(PromotionSheet<TField> sheet, RawRow row, Func<TField, string> standard, List<LedgerProblem> problems)
        {
            this.sheet = sheet;
            Row = row;
            this.standard = standard;
            this.problems = problems;
            before = problems.Count;
        }

        public RawRow Row { get; }

        /// <summary>Whether no problem was found in this row so far.</summary>
        public bool Good => problems.Count == before;

        public object? Cell(TField f) => sheet.columns.TryGetValue(f, out var c) && c.Index < Row.Cells.Count ? Row.Cells[c.Index] : null;

        public string Text(TField f) => LedgerValues.AsText(Cell(f)).Trim();

        /// <summary>The cell's text, or null when blank.</summary>
        public string? Optional(TField f) => Text(f) is { Length: > 0 } t ? t : null;

        /// <summary>The header the file uses for the field (the standard one when the file lacks the column).</summary>
        public string Column(TField f) => sheet.columns.TryGetValue(f, out var c) ? sheet.header.TextAt(c.Index) : standard(f);

        public void Problem(TField f, string? value, Text reason) =>
            problems.Add(new LedgerProblem(sheet.Sheet, Row.Number, Column(f), value, reason));

        /// <summary>An amount in 万元: the cell's own unit, else the header's, else the sheet's.</summary>
        public Money? Amount(TField f)
        {
            if (Text(f).Length == 0)
            {
                return null;
            }

            try
            {
                var (n, unit) = LedgerParser.ParseNumber(Cell(f));
                var factor = unit is null ? sheet.columns[f].Factor : LedgerHeader.MoneyFactor(unit) ?? throw new FormatException();
                var wan = n * factor;
                if (wan < 0)
                {
                    Problem(f, Text(f), new("金额不能为负数", "An amount cannot be negative"));
                    return null;
                }

                return new Money(wan);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                Problem(f, Text(f), new("不是金额：可写作 5000、5000万元、1.2亿元", "Not an amount: write 5000, 5000万元 or 1.2亿元"));
                return null;
            }
        }

        /// <summary>A date in any of the ledger's forms (2024-03-05, 2024.3.5, 2024年3月5日, a real Excel date).</summary>
        public DateOnly? Date(TField f, int year)
        {
            if (Text(f).Length == 0)
            {
                return null;
            }

            if (LedgerDates.Parse(Cell(f), year, out var date, out var why))
            {
                return date;
            }

            Problem(f, Text(f), why);
            return null;
        }

        /// <summary>A USCC, refused with its reason when malformed; null when blank.</summary>
        public Uscc? Uscc(TField f)
        {
            if (Optional(f) is not { } text)
            {
                return null;
            }

            try
            {
                return new Uscc(text);
            }
            catch (DomainException e)
            {
                Problem(f, text, e.Text);
                return null;
            }
        }

        /// <summary>A text cell no longer than <paramref name="max"/>.</summary>
        public string? Bounded(TField f, int max)
        {
            var text = Optional(f);
            if (text is not null && text.Length > max)
            {
                Problem(f, text[..Math.Min(20, text.Length)] + "…", new($"超过{max}字", $"Longer than {max} characters"));
                return null;
            }

            return text;
        }
    }

    [GeneratedRegex(@"(?:金额)?单位[:：](?<u>亿元|万元|元)")]
    private static partial Regex UnitHint();
}

/// <summary>The cell forms the promotion files share: "链（环节）", "方式（引荐企业）", ISO dates.</summary>
public static partial class PromotionCells
{
    /// <summary>"第三代半导体（材料）" → (第三代半导体, 材料); "新材料" → (新材料, null).</summary>
    public static (string? Main, string? Inner) Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var t = text.Trim();
        var m = Bracketed().Match(t);
        return m.Success
            ? (Lead.Clean(m.Groups["main"].Value), Lead.Clean(m.Groups["inner"].Value))
            : (t, null);
    }

    /// <summary>The opposite of <see cref="Split"/>.</summary>
    public static string Join(string? main, string? inner) =>
        inner is null ? main ?? "" : $"{main}（{inner}）";

    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    [GeneratedRegex(@"^(?<main>[^（(]*)[（(](?<inner>.*)[）)]$")]
    private static partial Regex Bracketed();
}
