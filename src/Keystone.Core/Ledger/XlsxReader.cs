using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Keystone.Core.Ledger;

/// <summary>
/// A cell longer than the limit. Only its place is kept, never its text: the reader counted past the
/// limit and skipped the rest without holding it. The importer reports it as a problem of its row.
/// </summary>
public sealed record OverlongCell(int Limit);

/// <summary>
/// Reads the rows of an .xlsx workbook as a stream, with every part it holds bounded: the zip is opened
/// in place, workbook.xml, the relationships, styles.xml and sharedStrings.xml are read once, and the
/// sheet is read row by row with <see cref="XmlReader"/>. Text is read with
/// <see cref="XmlReader.ReadValueChunk"/> into a buffer of at most the cell limit, so a cell of 500 MB
/// costs the time to skip it and 64 KB of memory, never 1 GB; a markup tag longer than 1 MB (an attribute
/// value no spreadsheet writes) refuses the file before the XML reader would buffer it.
/// </summary>
/// <remarks>
/// Values are delivered as the ledger always received them: shared and inline strings (rich-text runs
/// joined, phonetic guides left out, Excel's _xHHHH_ escapes decoded) as <see cref="string"/>, numbers as
/// <see cref="double"/>, booleans as <see cref="bool"/>, error values as their text, t="d" cells and numbers
/// whose style is a date as <see cref="DateTime"/>, numbers whose style is a built-in time as
/// <see cref="TimeSpan"/>, empty cells as null; cells sit at their column (r="C5"), rows at their number,
/// with blank rows for the ones the file leaves out, and each row runs at least to the sheet's declared
/// dimension. Date styles are the built-in date formats (including the Chinese ones, 27–36 and 50–58)
/// and any custom format that shows a year, month, day, hour or second outside quotes, brackets and escapes.
/// </remarks>
public sealed class XlsxReader
{
    /// <summary>Excel's own limits: 16,384 columns.</summary>
    public const int MaxColumns = 16_384;

    /// <summary>No start tag a spreadsheet writes comes near this; a longer one is an attack on the XML reader's buffer.</summary>
    private const int MaxTagBytes = 1024 * 1024;

    private const string Workbook = "xl/workbook.xml";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private readonly byte[] content;
    private readonly int maxCellLength;
    private readonly long maxSharedChars;
    private readonly Lazy<Parts> parts;

    /// <param name="content">The .xlsx file.</param>
    /// <param name="maxCellLength">A cell (inline or shared string, or any value) longer than this is an <see cref="OverlongCell"/>.</param>
    /// <param name="maxSharedChars">The shared strings may hold at most this many characters in all (they are kept while the sheet is read).</param>
    public XlsxReader(byte[] content, int maxCellLength, long maxSharedChars)
    {
        this.content = content;
        this.maxCellLength = maxCellLength;
        this.maxSharedChars = maxSharedChars;
        parts = new Lazy<Parts>(ReadParts, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<string> SheetNames => parts.Value.Sheets.Select(s => s.Name).ToList();

    /// <summary>The rows of <paramref name="sheet"/> (the first sheet when null), numbered from 1 as Excel shows them.</summary>
    public IEnumerable<RawRow> Rows(string? sheet)
    {
        var p = parts.Value;
        var path = PathOf(p, sheet);
        using var zip = OpenZip();
        var entry = Find(zip, path);
        if (entry is null)
        {
            yield break;
        }

        // <mergeCells> follows <sheetData>: a first pass over the raw bytes finds the areas, the second fills them.
        IReadOnlyList<MergedRange> merged;
        using (var scan = entry.Open())
        {
            merged = ScanMergedRanges(scan);
        }

        using var reader = XmlReader.Create(new MarkupGuardStream(entry.Open(), MaxTagBytes), Settings);
        var sheetReader = new SheetReader(reader, p, maxCellLength);
        foreach (var row in MergedCells.Fill(sheetReader.Read(), merged))
        {
            yield return row;
        }
    }

    /// <summary>The merged areas of <paramref name="sheet"/> (the first sheet when null).</summary>
    public IReadOnlyList<MergedRange> MergedRanges(string? sheet)
    {
        var path = PathOf(parts.Value, sheet);
        using var zip = OpenZip();
        if (Find(zip, path) is not { } entry)
        {
            return [];
        }

        using var stream = entry.Open();
        return ScanMergedRanges(stream);
    }

    /// <summary>
    /// At least as many rows as <paramref name="sheet"/> has: the row tags counted in its bytes without
    /// parsing them. Rows the file leaves out are blank and never counted against a limit.
    /// </summary>
    public long RowBound(string? sheet)
    {
        var path = PathOf(parts.Value, sheet);
        using var zip = OpenZip();
        var entry = Find(zip, path);
        if (entry is null)
        {
            return 0;
        }

        using var stream = entry.Open();
        return CountRowTags(stream);
    }

    private ZipArchive OpenZip() => new(new MemoryStream(content, writable: false), ZipArchiveMode.Read);

    private static string PathOf(Parts p, string? sheet)
    {
        if (p.Sheets.Count == 0)
        {
            throw new InvalidDataException("The workbook has no sheets");
        }

        if (sheet is null)
        {
            return p.Sheets[0].Path;
        }

        return p.Sheets.FirstOrDefault(s => s.Name == sheet)?.Path
            ?? throw new InvalidOperationException($"The workbook has no sheet named {sheet}");
    }

    private static ZipArchiveEntry? Find(ZipArchive zip, string path) =>
        zip.GetEntry(path)
        ?? zip.GetEntry("/" + path)
        ?? zip.Entries.FirstOrDefault(e => string.Equals(e.FullName.TrimStart('/').Replace('\\', '/'), path, StringComparison.OrdinalIgnoreCase));

    private static XmlReader Xml(ZipArchiveEntry entry) =>
        XmlReader.Create(new MarkupGuardStream(entry.Open(), MaxTagBytes), Settings);

    private Parts ReadParts()
    {
        using var zip = OpenZip();
        var workbook = Find(zip, Workbook) ?? throw new InvalidDataException("The file has no xl/workbook.xml");
        var relationships = ReadRelationships(zip);
        var sheets = new List<SheetPart>();
        using (var reader = Xml(workbook))
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
                {
                    var name = reader.GetAttribute("name") ?? "";
                    string? id = null;
                    while (reader.MoveToNextAttribute())
                    {
                        if (reader.LocalName == "id" && reader.NamespaceURI.EndsWith("relationships", StringComparison.Ordinal))
                        {
                            id = reader.Value;
                        }
                    }

                    reader.MoveToElement();
                    var path = id is not null && relationships.TryGetValue(id, out var target)
                        ? target
                        : string.Create(CultureInfo.InvariantCulture, $"xl/worksheets/sheet{sheets.Count + 1}.xml");
                    sheets.Add(new SheetPart(name, path));
                }
            }
        }

        var stylesPath = relationships.Values.FirstOrDefault(v => v.EndsWith("styles.xml", StringComparison.OrdinalIgnoreCase)) ?? "xl/styles.xml";
        var sharedPath = relationships.Values.FirstOrDefault(v => v.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase)) ?? "xl/sharedStrings.xml";
        var styles = Find(zip, stylesPath) is { } s ? ReadStyles(s) : [];
        var shared = Find(zip, sharedPath) is { } ss ? ReadSharedStrings(ss) : [];
        return new Parts(sheets, styles, shared);
    }

    /// <summary>xl/_rels/workbook.xml.rels: relationship id → part path inside the zip.</summary>
    private static Dictionary<string, string> ReadRelationships(ZipArchive zip)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Find(zip, "xl/_rels/workbook.xml.rels") is not { } rels)
        {
            return map;
        }

        using var reader = Xml(rels);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship"
                && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target
                && reader.GetAttribute("TargetMode") is not "External")
            {
                map[id] = Resolve(target);
            }
        }

        return map;
    }

    /// <summary>A relationship target is relative to xl/ unless it starts with a slash.</summary>
    private static string Resolve(string target)
    {
        var path = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
        var parts = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>styles.xml: what each cell style (cellXfs, by index) makes of a number.</summary>
    private static NumberKind[] ReadStyles(ZipArchiveEntry entry)
    {
        var formats = new Dictionary<int, string>();
        var xfs = new List<int>();
        using var reader = Xml(entry);
        var cellXfsDepth = -1; // the depth of <cellXfs> while inside it (<cellStyleXfs> holds xf elements too)
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                cellXfsDepth = -1;
            }
            else if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            else if (reader.LocalName == "numFmt"
                && int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                formats[id] = reader.GetAttribute("formatCode") ?? "";
            }
            else if (reader.LocalName == "cellXfs" && !reader.IsEmptyElement)
            {
                cellXfsDepth = reader.Depth;
            }
            else if (reader.LocalName == "xf" && cellXfsDepth >= 0 && reader.Depth == cellXfsDepth + 1)
            {
                xfs.Add(int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var numFmtId) ? numFmtId : 0);
            }
        }

        return xfs.Select(id => formats.TryGetValue(id, out var code) ? NumberFormats.KindOf(code) : NumberFormats.KindOf(id)).ToArray();
    }

    /// <summary>sharedStrings.xml, held while the workbook is read: an over-long item is kept as an <see cref="OverlongCell"/>, never as text.</summary>
    private object?[] ReadSharedStrings(ZipArchiveEntry entry)
    {
        var items = new List<object?>();
        var text = new CellText(maxCellLength);
        long total = 0;
        using var reader = Xml(entry);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.IsEmptyElement)
        {
            return [];
        }

        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            if (reader.LocalName != "si")
            {
                reader.Skip();
                continue;
            }

            text.Clear();
            CellText.ReadRich(reader, text);
            if (text.Overflowed)
            {
                items.Add(new OverlongCell(maxCellLength));
                continue;
            }

            total += text.Length + 12; // and a string's own 24 bytes
            if (total > maxSharedChars)
            {
                throw new DomainException(new(
                    $"文件的共享字符串超过{maxSharedChars}个字符，已拒绝（上限随导入内存上限而定）",
                    $"The file's shared strings exceed {maxSharedChars} characters; refused (the limit follows the import memory limit)"),
                    "file");
            }

            items.Add(text.ToDecodedString());
        }

        return items.ToArray();
    }

    /// <summary>Counts "&lt;row" and "&lt;x:row" start tags in the raw bytes: an upper bound of the rows, at memory speed.</summary>
    private static long CountRowTags(Stream stream)
    {
        const int Carry = 32; // a tag's prefix and name may straddle two reads
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long count = 0;
            var carry = 0;
            int read;
            while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
            {
                var span = buffer.AsSpan(0, carry + read);
                var i = 0;
                while (true)
                {
                    var at = span[i..].IndexOf("row"u8);
                    if (at < 0)
                    {
                        break;
                    }

                    var start = i + at;
                    if (start + 3 >= span.Length)
                    {
                        break; // decided with the next read
                    }

                    // A match whose next byte was in the carried bytes was decided in the previous read.
                    if (start + 3 >= carry && span[start + 3] is (byte)' ' or (byte)'>' or (byte)'/' or (byte)'\t' or (byte)'\r' or (byte)'\n' && IsStartTag(span[..start]))
                    {
                        count++;
                    }

                    i = start + 1;
                }

                carry = Math.Min(Carry, span.Length);
                span[^carry..].CopyTo(buffer);
            }

            return count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The ref of every "&lt;mergeCell ref=…/&gt;" in the raw bytes, at memory speed (cell text cannot hold a raw
    /// "&lt;", so only tags match); at most <see cref="MergedCells.MaxRanges"/>.
    /// </summary>
    private static List<MergedRange> ScanMergedRanges(Stream stream)
    {
        const int Carry = 512; // a whole tag's start, name and ref may straddle two reads
        var ranges = new List<MergedRange>();
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            var carry = 0;
            int read;
            while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
            {
                var span = buffer.AsSpan(0, carry + read);
                var i = 0;
                while (true)
                {
                    var at = span[i..].IndexOf("mergeCell"u8);
                    if (at < 0)
                    {
                        break;
                    }

                    var start = i + at;
                    var end = span[start..].IndexOf((byte)'>');
                    if (end < 0)
                    {
                        break; // decided with the next read
                    }

                    // A tag whose '>' was in the carried bytes was decided in the previous read.
                    if (start + end >= carry && end > 9 && span[start + 9] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' && IsStartTag(span[..start])
                        && RefOf(span.Slice(start + 9, end - 9)) is { } range)
                    {
                        if (ranges.Count >= MergedCells.MaxRanges)
                        {
                            throw new DomainException(new(
                                $"工作表的合并单元格超过{MergedCells.MaxRanges}处，文件不是台账",
                                $"The sheet has more than {MergedCells.MaxRanges} merged areas; it is not a ledger"),
                                "file");
                        }

                        ranges.Add(range);
                    }

                    i = start + 1;
                }

                carry = Math.Min(Carry, span.Length);
                span[^carry..].CopyTo(buffer);
            }

            return ranges;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The ref="A1:B2" of a tag's attribute bytes, parsed; null when it has none or it is not a range.</summary>
    private static MergedRange? RefOf(ReadOnlySpan<byte> attributes)
    {
        var at = attributes.IndexOf("ref="u8);
        if (at < 0 || at + 5 >= attributes.Length)
        {
            return null;
        }

        var quote = attributes[at + 4];
        var value = attributes[(at + 5)..];
        var close = value.IndexOf(quote);
        if (close <= 0 || close > 32)
        {
            return null;
        }

        Span<char> chars = stackalloc char[close];
        for (var k = 0; k < close; k++)
        {
            chars[k] = (char)value[k];
        }

        return MergedRange.Parse(chars);
    }

    /// <summary>Whether the bytes before a name end a start tag's opening: "&lt;", or "&lt;prefix:" (not "&lt;/…").</summary>
    private static bool IsStartTag(ReadOnlySpan<byte> before)
    {
        if (before.IsEmpty)
        {
            return false;
        }

        if (before[^1] == (byte)'<')
        {
            return true;
        }

        if (before[^1] != (byte)':')
        {
            return false;
        }

        for (var i = before.Length - 2; i >= 0 && i >= before.Length - 24; i--)
        {
            var b = before[i];
            if (b == (byte)'<')
            {
                return i < before.Length - 2;
            }

            if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }

        return true; // a prefix longer than the carried bytes: count it, an upper bound may count too many
    }

    private sealed record SheetPart(string Name, string Path);

    private sealed record Parts(IReadOnlyList<SheetPart> Sheets, NumberKind[] Styles, object?[] Shared);

    /// <summary>One pass over one sheet's XML.</summary>
    private sealed class SheetReader(XmlReader reader, Parts parts, int maxCellLength)
    {
        private readonly CellText text = new(maxCellLength);
        private readonly string row = reader.NameTable.Add("row");
        private readonly string c = reader.NameTable.Add("c");
        private readonly string v = reader.NameTable.Add("v");
        private readonly string isName = reader.NameTable.Add("is");
        private readonly string sheetData = reader.NameTable.Add("sheetData");
        private readonly string dimension = reader.NameTable.Add("dimension");
        private readonly List<(int Column, object? Value)> cells = [];
        private int width;
        private object?[] blank = [];

        public IEnumerable<RawRow> Read()
        {
            // Before the rows: the declared dimension, whose last column every row is padded to.
            var found = false;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if ((object)reader.LocalName == dimension)
                {
                    width = DimensionWidth(reader.GetAttribute("ref"));
                    blank = new object?[width];
                }
                else if ((object)reader.LocalName == sheetData)
                {
                    found = true;
                    break;
                }
            }

            if (!found || reader.IsEmptyElement)
            {
                yield break;
            }

            var number = 0;
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    break; // </sheetData>
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                if ((object)reader.LocalName != row)
                {
                    reader.Skip();
                    continue;
                }

                var declared = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : number + 1;

                // Rows the file leaves out are blank rows, so every row keeps the number Excel shows.
                while (number + 1 < declared)
                {
                    number++;
                    yield return new RawRow(number, blank);
                }

                number++;
                yield return new RawRow(number, ReadRow(number));
            }
        }

        /// <summary>Reads one &lt;row&gt; and leaves the reader after it.</summary>
        private object?[] ReadRow(int number)
        {
            cells.Clear();
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return blank;
            }

            var depth = reader.Depth;
            var column = -1;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                if ((object)reader.LocalName != c)
                {
                    reader.Skip();
                    continue;
                }

                string? type = null;
                var style = -1;
                var reference = -1;
                while (reader.MoveToNextAttribute())
                {
                    switch (reader.LocalName)
                    {
                        case "r":
                            reference = ColumnOf(reader.Value);
                            break;
                        case "t":
                            type = reader.Value;
                            break;
                        case "s":
                            style = int.TryParse(reader.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
                            break;
                    }
                }

                reader.MoveToElement();
                column = reference >= 0 ? reference : column + 1;
                if (column >= MaxColumns)
                {
                    throw new DomainException(new(
                        $"第{number}行的单元格超出 Excel 的{MaxColumns}列上限，文件已损坏或不是台账",
                        $"Row {number} has a cell beyond Excel's {MaxColumns} columns; the file is damaged or not a ledger"),
                        "file");
                }

                var value = ReadCell(type, style);
                if (value is not null)
                {
                    cells.Add((column, value));
                }
            }

            reader.Read(); // past </row>
            if (cells.Count == 0)
            {
                return blank;
            }

            var last = cells[^1].Column;
            foreach (var (col, _) in cells)
            {
                last = Math.Max(last, col);
            }

            var values = new object?[Math.Max(width, last + 1)];
            foreach (var (col, value) in cells)
            {
                values[col] = value;
            }

            return values;
        }

        /// <summary>Reads one &lt;c&gt; and leaves the reader after it.</summary>
        private object? ReadCell(string? type, int style)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return null;
            }

            var depth = reader.Depth;
            object? value = null;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                if ((object)reader.LocalName == v)
                {
                    text.Clear();
                    CellText.ReadText(reader, text);
                    value = text.Overflowed ? new OverlongCell(maxCellLength) : text.Length == 0 ? null : Convert(type);
                }
                else if ((object)reader.LocalName == isName)
                {
                    text.Clear();
                    CellText.ReadRich(reader, text);
                    value = text.Overflowed ? new OverlongCell(maxCellLength) : text.Length == 0 ? null : text.ToDecodedString();
                }
                else
                {
                    reader.Skip(); // <f> formulas and anything else
                }
            }

            reader.Read(); // past </c>
            return style >= 0 && style < parts.Styles.Length && parts.Styles[style] != NumberKind.Number
                ? NumberFormats.Apply(parts.Styles[style], value)
                : value;
        }

        /// <summary>The text of a &lt;v&gt; as its cell type says.</summary>
        private object? Convert(string? type)
        {
            var span = text.Span;
            switch (type)
            {
                case "s":
                    return int.TryParse(span, NumberStyles.Any, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < parts.Shared.Length
                        ? parts.Shared[index]
                        : null;
                case "str" or "inlineStr":
                    return text.ToDecodedString();
                case "b":
                    return span is "1";
                case "e":
                    return text.ToString();
                case "d":
                    return DateTime.TryParseExact(span, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite, out var date)
                        ? date
                        : text.ToString();
                default:
                    return double.TryParse(span, NumberStyles.Any, CultureInfo.InvariantCulture, out var number) ? number : text.ToString();
            }
        }

        /// <summary>"A1:AE100" → 31 columns; a missing or broken reference pads nothing.</summary>
        private static int DimensionWidth(string? reference)
        {
            if (string.IsNullOrEmpty(reference))
            {
                return 0;
            }

            var last = reference[(reference.IndexOf(':', StringComparison.Ordinal) + 1)..];
            var column = ColumnOf(last);
            return column is >= 0 and < MaxColumns ? column + 1 : 0;
        }

        /// <summary>"AB12" → 27 (0-based); -1 when the reference has no column letters.</summary>
        private static int ColumnOf(string reference)
        {
            var column = 0;
            var letters = 0;
            foreach (var ch in reference)
            {
                var upper = (char)(ch & ~0x20);
                if (upper is < 'A' or > 'Z')
                {
                    break;
                }

                column = (column * 26) + (upper - 'A' + 1);
                if (++letters > 3)
                {
                    return MaxColumns; // beyond XFD: refused by the caller
                }
            }

            return letters == 0 ? -1 : column - 1;
        }
    }
}

/// <summary>What a cell style makes of a number: nothing, a date (and time), or a time of day.</summary>
internal enum NumberKind
{
    Number,
    Date,
    Time,
}

internal static class NumberFormats
{
    public static NumberKind KindOf(int builtIn) => builtIn switch
    {
        >= 14 and <= 17 or 22 or >= 27 and <= 36 or >= 50 and <= 58 => NumberKind.Date,
        >= 18 and <= 21 or >= 45 and <= 47 => NumberKind.Time,
        _ => NumberKind.Number,
    };

    /// <summary>
    /// A custom format shows a date when a y, m, d, h or s stands outside quotes, [brackets] (colours,
    /// locales), backslash escapes and the _x/*x spacing pairs, and no digit placeholder does; an elapsed
    /// time ([h]:mm:ss) is a duration and stays a number.
    /// </summary>
    public static NumberKind KindOf(string code)
    {
        var date = false;
        for (var i = 0; i < code.Length; i++)
        {
            var ch = code[i];
            switch (ch)
            {
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    i = close < 0 ? code.Length : close;
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    if (end > i + 1 && code.AsSpan(i + 1, end - i - 1).Trim("hHmMsS").IsEmpty)
                    {
                        return NumberKind.Number; // elapsed time ([h]:mm:ss) is a duration, not a date
                    }

                    i = end < 0 ? code.Length : end;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case ';':
                    return date ? NumberKind.Date : NumberKind.Number; // the first section decides
                case '0' or '#' or '?':
                    return NumberKind.Number;
                case 'y' or 'Y' or 'm' or 'M' or 'd' or 'D' or 'h' or 'H' or 's' or 'S':
                    date = true;
                    break;
            }
        }

        return date ? NumberKind.Date : NumberKind.Number;
    }

    public static object? Apply(NumberKind kind, object? value)
    {
        var number = value switch
        {
            double d => d,
            string s when double.TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => (double?)null,
        };
        return (kind, number) switch
        {
            (_, null) => value,
            (NumberKind.Date, { } n) when n is > -657435.0 and < 2958466.0 => DateTime.FromOADate(n),
            (NumberKind.Time, { } n) when Math.Abs(n) < TimeSpan.MaxValue.TotalDays => TimeSpan.FromDays(n),
            _ => value,
        };
    }
}

/// <summary>
/// The text of one cell, read in chunks and kept up to the limit: past it, the rest is read into a scratch
/// buffer and dropped, and the cell is marked over-long.
/// </summary>
internal sealed class CellText(int limit)
{
    private char[] buffer = new char[Math.Min(256, limit + 1)];
    private readonly char[] scratch = new char[4096];

    public int Length { get; private set; }

    public bool Overflowed { get; private set; }

    public ReadOnlySpan<char> Span => buffer.AsSpan(0, Length);

    public void Clear()
    {
        Length = 0;
        Overflowed = false;
    }

    public override string ToString() => new(Span);

    /// <summary>The text with Excel's escapes for characters XML cannot hold (_x000D_ …) decoded.</summary>
    public string ToDecodedString()
    {
        var span = Span;
        if (span.IndexOf("_x", StringComparison.Ordinal) < 0)
        {
            return new string(span);
        }

        var result = new StringBuilder(span.Length);
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '_' && i + 6 < span.Length && span[i + 1] == 'x' && span[i + 6] == '_'
                && ushort.TryParse(span.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append((char)code);
                i += 6;
            }
            else
            {
                result.Append(span[i]);
            }
        }

        return result.ToString();
    }

    /// <summary>Appends the text of the current node (Text, CDATA or whitespace) chunk by chunk.</summary>
    private void AppendValue(XmlReader reader)
    {
        while (true)
        {
            if (Overflowed)
            {
                if (reader.ReadValueChunk(scratch, 0, scratch.Length) == 0)
                {
                    return;
                }

                continue;
            }

            if (Length == buffer.Length)
            {
                if (buffer.Length > limit)
                {
                    Overflowed = true;
                    continue;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)limit + 1));
            }

            var n = reader.ReadValueChunk(buffer, Length, buffer.Length - Length);
            if (n == 0)
            {
                return;
            }

            Length += n;
            if (Length > limit)
            {
                Overflowed = true;
            }
        }
    }

    /// <summary>The text content of the current element (a &lt;v&gt; or &lt;t&gt;); leaves the reader after it.</summary>
    public static void ReadText(XmlReader reader, CellText text)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    text.AppendValue(reader);
                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    reader.Skip();
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
    }

    /// <summary>
    /// A rich string (&lt;si&gt; or &lt;is&gt;): its &lt;t&gt; and the &lt;t&gt; of its runs joined; phonetic
    /// guides (&lt;rPh&gt;) and run properties left out. Leaves the reader after it.
    /// </summary>
    public static void ReadRich(XmlReader reader, CellText text)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "t":
                    ReadText(reader, text);
                    break;
                case "r" when !reader.IsEmptyElement:
                    reader.Read(); // into the run: its <t> is read on the next turns
                    break;
                default:
                    reader.Skip(); // <rPh>, <rPr>, <phoneticPr> …
                    break;
            }
        }

        reader.Read();
    }
}

/// <summary>
/// Refuses XML whose markup (from '&lt;' to the '&gt;' that closes it, outside quoted attribute values)
/// runs longer than a limit: <see cref="XmlReader"/> holds a whole start tag, attribute values included,
/// in memory, so a 500 MB attribute would cost a gigabyte before any check could see it. Text between
/// tags is not limited here; the reader reads it in chunks.
/// </summary>
internal sealed class MarkupGuardStream(Stream inner, int maxTagBytes) : Stream
{
    private bool inTag;
    private byte quote;
    private long tagLength;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Scan(buffer[..n]);
        return n;
    }

    private void Scan(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (!inTag)
            {
                var open = bytes[i..].IndexOf((byte)'<');
                if (open < 0)
                {
                    return;
                }

                inTag = true;
                tagLength = 0;
                i += open + 1;
                continue;
            }

            int next;
            if (quote != 0)
            {
                next = bytes[i..].IndexOf(quote);
            }
            else
            {
                next = bytes[i..].IndexOfAny((byte)'>', (byte)'"', (byte)'\'');
            }

            var consumed = next < 0 ? bytes.Length - i : next + 1;
            tagLength += consumed;
            if (tagLength > maxTagBytes)
            {
                throw new DomainException(new(
                    $"文件中有超过{maxTagBytes / 1024 / 1024}MB的 XML 标记，Excel 不会写出这样的文件，已拒绝",
                    $"The file holds an XML tag longer than {maxTagBytes / 1024 / 1024} MB, which Excel never writes; refused"),
                    "file");
            }

            if (next < 0)
            {
                return;
            }

            var ch = bytes[i + next];
            if (quote != 0)
            {
                quote = 0;
            }
            else if (ch == (byte)'>')
            {
                inTag = false;
            }
            else
            {
                quote = ch;
            }

            i += next + 1;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
