using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SheetText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Keystone.Core.Ledger;

/// <summary>One bad cell of the user's sheet: Excel's row number, 0-based column, and the lines of its note.</summary>
internal sealed record CellMark(int Row, int Column, IReadOnlyList<string> Note);

/// <summary>What to mark in the user's own workbook: the cells, the reason of each refused row, the reason column.</summary>
internal sealed record SheetMarkup(
    string Sheet,
    int HeaderRow,
    int ReasonColumn,
    string ReasonTitle,
    IReadOnlyList<CellMark> Cells,
    IReadOnlyDictionary<int, string> RowReasons);

/// <summary>
/// Marks a refused .xlsx in a copy of the user's own bytes: each bad cell gets a red fill (a new cell format
/// derived from its own, so its number format, font, borders and alignment stay) and a note (批注) saying why,
/// and each refused row gets its reasons in a column right of the sheet's last, as the rebuilt copy had them.
/// Everything else — other sheets, widths, merges, styles, formulas, title rows — is the user's, untouched.
/// </summary>
/// <remarks>
/// The package is opened with the OpenXml SDK; the sheet itself is rewritten as a stream (only the rows that
/// change are held, one at a time), so a 100,000-row ledger never sits in memory as a DOM. Rows and cells are
/// numbered as <see cref="XlsxReader"/> numbers them (their r="", else one after the last), so a problem's
/// row is the row the user sees. A bad cell inside a merged area marks the area's top-left cell, the one
/// Excel shows.
/// </remarks>
internal static partial class UserWorkbookMarkup
{
    /// <summary>Notes beyond this many are left out (the cells are still red and the reason column says it all): Excel slows to a crawl on tens of thousands.</summary>
    public const int MaxNotes = 5_000;

    private const string RelationshipNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const int MaxTagBytes = 1024 * 1024;
    private const string Author = "Keystone";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CloseInput = true,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        CloseOutput = false,
        NewLineHandling = NewLineHandling.Entitize,
    };

    /// <summary>The worksheet's children in the schema's order: a new element goes before the first that follows it.</summary>
    private static readonly string[] Order =
    [
        "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection",
        "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells",
        "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
        "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
        "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
        "webPublishItems", "tableParts", "extLst",
    ];

    /// <summary>
    /// Writes the marked-up copy of <paramref name="source"/> to <paramref name="output"/>; false (and nothing
    /// written) when the OpenXml SDK cannot edit the file the lenient reader could read, so the caller rebuilds one.
    /// </summary>
    public static bool TryWrite(LedgerSource source, SheetMarkup markup, Stream output)
    {
        using var copy = new MemoryStream();
        try
        {
            using (var input = source.Open())
            {
                input.CopyTo(copy);
            }

            Mark(source, copy, markup);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or XmlException or InvalidOperationException
            or InvalidCastException or IOException or FormatException or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            return false;
        }

        copy.Position = 0;
        copy.CopyTo(output);
        return true;
    }

    private static void Mark(LedgerSource source, MemoryStream copy, SheetMarkup markup)
    {
        using var original = SpreadsheetDocument.Open(source.Open(), false);
        using var document = SpreadsheetDocument.Open(copy, true);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
        var part = SheetPart(workbook, markup.Sheet);
        var originalPart = SheetPart(original.WorkbookPart ?? throw new InvalidDataException("no workbook part"), markup.Sheet);

        Scan scan;
        using (var stream = originalPart.GetStream(FileMode.Open, FileAccess.Read))
        {
            scan = ScanSheet(stream);
        }

        // A bad cell inside a merged area is shown by the area's top-left cell: mark that one.
        var cells = new Dictionary<(int Row, int Column), List<string>>();
        var byColumn = new Dictionary<int, List<MergedRange>>();
        foreach (var range in scan.Merges)
        {
            for (var c = range.FirstColumn; c <= range.LastColumn && c < XlsxReader.MaxColumns; c++)
            {
                (byColumn.TryGetValue(c, out var list) ? list : byColumn[c] = []).Add(range);
            }
        }

        foreach (var mark in markup.Cells)
        {
            var at = (mark.Row, mark.Column);
            if (byColumn.TryGetValue(mark.Column, out var ranges) && ranges.FirstOrDefault(r => r.FirstRow <= mark.Row && mark.Row <= r.LastRow) is { LastRow: > 0 } range)
            {
                at = (range.FirstRow, range.FirstColumn);
            }

            var note = at.Row == mark.Row ? mark.Note : [.. mark.Note.Select(line => line.Length == 0 ? line : $"第{mark.Row}行 / row {mark.Row}: {line}")];
            (cells.TryGetValue(at, out var lines) ? lines : cells[at] = []).AddRange(note);
        }

        var reasonColumn = Math.Max(markup.ReasonColumn, scan.Merges.Count == 0 ? 0 : scan.Merges.Max(m => m.LastColumn) + 1);
        var styles = new StyleEditor(workbook);
        var legacyToAdd = Notes(workbook, part, scan.LegacyDrawing, cells);

        var edit = new SheetEdit(markup, reasonColumn, cells.Keys.ToHashSet(), styles, legacyToAdd);
        using (var input = originalPart.GetStream(FileMode.Open, FileAccess.Read))
        using (var output = part.GetStream(FileMode.Create, FileAccess.Write))
        {
            Rewrite(input, output, edit);
        }

        styles.Save();
        if (document.DocumentType != SpreadsheetDocumentType.Workbook)
        {
            // The copy is always saved as .errors.xlsx: a macro-enabled workbook or a template becomes a plain one.
            if (workbook.VbaProjectPart is { } vba)
            {
                workbook.DeletePart(vba);
            }

            document.ChangeDocumentType(SpreadsheetDocumentType.Workbook);
        }
    }

    private static WorksheetPart SheetPart(WorkbookPart workbook, string? name)
    {
        var sheets = workbook.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
        var sheet = (name is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => s.Name?.Value == name))
            ?? throw new InvalidOperationException($"The workbook has no sheet named {name}");
        return workbook.GetPartById(sheet.Id?.Value ?? throw new InvalidDataException("a sheet without a part")) as WorksheetPart
            ?? throw new InvalidOperationException($"The sheet {name} is not a worksheet");
    }

    private sealed record Scan(IReadOnlyList<MergedRange> Merges, string? LegacyDrawing);

    /// <summary>The merged areas and the legacy drawing (where notes are drawn): both follow the rows, so one pass finds them first.</summary>
    private static Scan ScanSheet(Stream stream)
    {
        var merges = new List<MergedRange>();
        string? legacy = null;
        using var reader = XmlReader.Create(new MarkupGuardStream(stream, MaxTagBytes), ReaderSettings);
        reader.MoveToContent();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth == 0)
            {
                reader.Read();
                continue;
            }

            if (reader.Depth == 1 && reader.LocalName == "mergeCells")
            {
                reader.Read(); // into it: its <mergeCell> come next
                continue;
            }

            if (reader.Depth == 1 && reader.LocalName == "legacyDrawing")
            {
                legacy = reader.GetAttribute("id", RelationshipNs);
            }
            else if (reader.Depth == 2 && reader.LocalName == "mergeCell" && MergedRange.Parse(reader.GetAttribute("ref")) is { } range)
            {
                merges.Add(range);
            }

            reader.Skip(); // the rows, and everything else, unread
        }

        return new Scan(merges, legacy);
    }

    /// <summary>
    /// Writes the notes: into the sheet's comments (an existing note on the cell gets ours after its own text) and
    /// its VML drawing (a shape per new note). Returns the id of a new drawing the sheet must point to, or null.
    /// </summary>
    private static string? Notes(WorkbookPart workbook, WorksheetPart part, string? legacyId, Dictionary<(int Row, int Column), List<string>> cells)
    {
        if (cells.Count == 0)
        {
            return null;
        }

        VmlDrawingPart? vml = null;
        if (legacyId is not null)
        {
            vml = part.GetPartById(legacyId) as VmlDrawingPart;
            if (vml is null)
            {
                return null;
            }
        }

        string? existingVml = null;
        if (vml is not null)
        {
            existingVml = ReadVml(vml);
            if (existingVml is null)
            {
                return null; // a drawing in UTF-16: the reason column says it all
            }
        }

        var commentsPart = part.WorksheetCommentsPart ?? part.AddNewPart<WorksheetCommentsPart>();
        var comments = commentsPart.Comments ??= new Comments();
        var authors = comments.Authors ?? comments.PrependChild(new Authors());
        var list = comments.CommentList ?? comments.AppendChild(new CommentList());
        var authorId = authors.Elements<Author>().Select((a, i) => (a.Text, i)).FirstOrDefault(a => a.Text == Author).i;
        if (!authors.Elements<Author>().Any(a => a.Text == Author))
        {
            authors.AppendChild(new Author(Author));
            authorId = authors.Elements<Author>().Count() - 1;
        }

        var existing = list.Elements<Comment>().Where(c => c.Reference?.Value is not null).GroupBy(c => c.Reference!.Value!.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First());
        var shapes = new List<(int Row, int Column)>();
        foreach (var ((row, column), lines) in cells.OrderBy(c => c.Key.Row).ThenBy(c => c.Key.Column).Take(MaxNotes))
        {
            var reference = XlsxWriter.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);
            var text = Clean(string.Join("\n", lines));
            if (existing.TryGetValue(reference, out var comment))
            {
                var body = comment.CommentText ??= new CommentText();
                if (body.GetFirstChild<SheetText>() is { } plain)
                {
                    plain.Text += "\n" + text;
                    plain.Space = SpaceProcessingModeValues.Preserve;
                }
                else
                {
                    body.InsertBefore(new Run(new SheetText("\n" + text) { Space = SpaceProcessingModeValues.Preserve }), body.GetFirstChild<PhoneticRun>());
                }

                continue;
            }

            list.AppendChild(new Comment(new CommentText(new SheetText(text) { Space = SpaceProcessingModeValues.Preserve }))
            {
                Reference = reference,
                AuthorId = (uint)authorId,
            });
            shapes.Add((row, column));
        }

        comments.Save();

        // Shape ids are unique across the workbook's drawings, in blocks of 1,024 that o:idmap declares.
        var used = workbook.WorksheetParts.SelectMany(p => p.VmlDrawingParts).Select(ReadVml).OfType<string>().ToList();
        var maxShape = used.SelectMany(t => ShapeId().Matches(t)).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        var maxBlock = used.SelectMany(t => IdMap().Matches(t)).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(b => long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();

        if (vml is not null)
        {
            var next = maxShape + 1;
            var added = new StringBuilder();
            if (!existingVml!.Contains("_x0000_t202", StringComparison.Ordinal))
            {
                added.Append(ShapeType);
            }

            foreach (var (row, column) in shapes)
            {
                added.Append(Shape(next++, row, column, shapes.Count));
            }

            var end = existingVml.LastIndexOf("</xml>", StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                throw new InvalidDataException("a VML drawing without </xml>");
            }

            WriteVml(vml, existingVml.Insert(end, added.ToString()));
            return null;
        }

        var firstBlock = Math.Max(maxBlock, maxShape / 1024) + 1;
        var blocks = Enumerable.Range(0, Math.Max(1, (shapes.Count + 1023) / 1024)).Select(i => (firstBlock + i).ToString(CultureInfo.InvariantCulture));
        var text2 = new StringBuilder();
        text2.Append("<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\n");
        text2.Append(CultureInfo.InvariantCulture, $" <o:shapelayout v:ext=\"edit\">\n  <o:idmap v:ext=\"edit\" data=\"{string.Join(',', blocks)}\"/>\n </o:shapelayout>");
        text2.Append(ShapeType);
        var id = firstBlock * 1024;
        foreach (var (row, column) in shapes)
        {
            text2.Append(Shape(++id, row, column, shapes.Count));
        }

        text2.Append("</xml>\n");
        var drawing = part.AddNewPart<VmlDrawingPart>();
        WriteVml(drawing, text2.ToString());
        return part.GetIdOfPart(drawing);
    }

    private const string ShapeType =
        "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">\n" +
        "  <v:stroke joinstyle=\"miter\"/>\n  <v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/>\n </v:shapetype>";

    /// <summary>A hidden note box beside the cell, as Excel draws a new note (Row and Column are 0-based).</summary>
    private static string Shape(long id, int row, int column, int count)
    {
        var top = Math.Max(0, row - 2);
        return string.Create(CultureInfo.InvariantCulture, $"""
            <v:shape id="_x0000_s{id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:72pt;z-index:{Math.Min(count, 1024)};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">
              <v:fill color2="#ffffe1"/>
              <v:shadow on="t" color="black" obscured="t"/>
              <v:path o:connecttype="none"/>
              <v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>
              <x:ClientData ObjectType="Note">
               <x:MoveWithCells/>
               <x:SizeWithCells/>
               <x:Anchor>{column + 1}, 15, {top}, 10, {column + 4}, 15, {top + 5}, 4</x:Anchor>
               <x:AutoFill>False</x:AutoFill>
               <x:Row>{row - 1}</x:Row>
               <x:Column>{column}</x:Column>
              </x:ClientData>
             </v:shape>
            """);
    }

    /// <summary>A VML drawing's text, byte for byte (Latin-1 keeps whatever single-byte encoding it has); null for UTF-16.</summary>
    private static string? ReadVml(VmlDrawingPart part)
    {
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        return bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) ? null : Encoding.Latin1.GetString(bytes);
    }

    private static void WriteVml(VmlDrawingPart part, string text)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        stream.Write(Encoding.Latin1.GetBytes(text));
    }

    [GeneratedRegex("_x0000_s(\\d{1,15})")]
    private static partial Regex ShapeId();

    [GeneratedRegex("idmap[^>]*data=\"([^\"]*)\"")]
    private static partial Regex IdMap();

    /// <summary>Characters XML cannot hold (a control character in a quoted value) become '?'.</summary>
    private static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                result.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                result.Append(text, i, 2);
                i++;
            }
            else
            {
                result.Append('?');
            }
        }

        return result.ToString();
    }

    private sealed class SheetEdit(SheetMarkup markup, int reasonColumn, HashSet<(int Row, int Column)> cells, StyleEditor styles, string? legacyToAdd)
    {
        public SheetMarkup Markup => markup;

        public int ReasonColumn => reasonColumn;

        public StyleEditor Styles => styles;

        public string? LegacyToAdd => legacyToAdd;

        public ILookup<int, int> CellsByRow { get; } = cells.ToLookup(c => c.Row, c => c.Column);

        /// <summary>The rows that change, in order.</summary>
        public SortedSet<int> Rows { get; } = [.. cells.Select(c => c.Row).Concat(markup.RowReasons.Keys).Append(markup.HeaderRow).Where(r => r > 0)];

        /// <summary>The style of each column (min, max, style), from &lt;cols&gt;: what an empty cell of it shows.</summary>
        public List<(int Min, int Max, uint Style)> ColumnStyles { get; } = [];
    }

    private static void Rewrite(Stream input, Stream output, SheetEdit edit)
    {
        using var reader = XmlReader.Create(new MarkupGuardStream(input, MaxTagBytes), ReaderSettings);
        using var writer = XmlWriter.Create(output, WriterSettings);
        writer.WriteStartDocument(true);
        reader.MoveToContent();
        var ns = XNamespace.Get(reader.NamespaceURI);
        if (reader.LocalName != "worksheet" || reader.IsEmptyElement)
        {
            throw new InvalidDataException("not a worksheet");
        }

        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        writer.WriteAttributes(reader, true);
        reader.MoveToElement();
        reader.Read();
        var colsDone = false;
        var legacyDone = edit.LegacyToAdd is null;
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                writer.WriteNode(reader, true);
                continue;
            }

            var position = Position(reader.LocalName);
            if (!colsDone && position > Position("cols"))
            {
                var cols = new XElement(ns + "cols");
                AddReasonWidth(cols, ns, edit);
                cols.WriteTo(writer);
                colsDone = true;
            }

            if (!legacyDone && position > Position("legacyDrawing"))
            {
                LegacyDrawing(ns, edit.LegacyToAdd!).WriteTo(writer);
                legacyDone = true;
            }

            switch (reader.LocalName)
            {
                case "dimension":
                    var dimension = (XElement)XNode.ReadFrom(reader);
                    Extend(dimension, edit);
                    dimension.WriteTo(writer);
                    break;
                case "cols" when !colsDone:
                    var existing = (XElement)XNode.ReadFrom(reader);
                    AddReasonWidth(existing, ns, edit);
                    existing.WriteTo(writer);
                    colsDone = true;
                    break;
                case "sheetData":
                    SheetData(reader, writer, ns, edit);
                    break;
                default:
                    writer.WriteNode(reader, true);
                    break;
            }
        }

        if (!legacyDone)
        {
            LegacyDrawing(ns, edit.LegacyToAdd!).WriteTo(writer);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    /// <summary>An element the schema does not list here (mc:AlternateContent around controls) sits with the controls.</summary>
    private static int Position(string name) => Array.IndexOf(Order, name) is var i and >= 0 ? i : Array.IndexOf(Order, "oleObjects");

    private static XElement LegacyDrawing(XNamespace ns, string id) => new(ns + "legacyDrawing", new XAttribute(XNamespace.Get(RelationshipNs) + "id", id));

    /// <summary>Widens the declared range to the reason column and the rows added, so a reader padding rows to it sees them.</summary>
    private static void Extend(XElement dimension, SheetEdit edit)
    {
        var reference = (string?)dimension.Attribute("ref") ?? "A1";
        var range = MergedRange.Parse(reference.Contains(':', StringComparison.Ordinal) ? reference : reference + ":" + reference);
        var lastRow = Math.Max(range?.LastRow ?? 1, edit.Rows.Count == 0 ? 1 : edit.Rows.Max);
        var first = range is { } r ? XlsxWriter.ColumnName(r.FirstColumn) + r.FirstRow.ToString(CultureInfo.InvariantCulture) : "A1";
        var lastColumn = Math.Max(range?.LastColumn ?? 0, edit.ReasonColumn);
        dimension.SetAttributeValue("ref", first + ":" + XlsxWriter.ColumnName(lastColumn) + lastRow.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The reason column gets a width of its own unless the user's columns already give it one.</summary>
    private static void AddReasonWidth(XElement cols, XNamespace ns, SheetEdit edit)
    {
        var target = edit.ReasonColumn + 1;
        var covered = false;
        XElement? before = null;
        foreach (var col in cols.Elements(ns + "col"))
        {
            var min = (int?)col.Attribute("min") ?? 0;
            var max = (int?)col.Attribute("max") ?? min;
            if (col.Attribute("style") is { } style && uint.TryParse(style.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            {
                edit.ColumnStyles.Add((min, max, s));
            }

            covered |= min <= target && target <= max;
            if (before is null && min > target)
            {
                before = col;
            }
        }

        if (covered)
        {
            return;
        }

        var added = new XElement(ns + "col",
            new XAttribute("min", target), new XAttribute("max", target), new XAttribute("width", 60), new XAttribute("customWidth", 1));
        if (before is null)
        {
            cols.Add(added);
        }
        else
        {
            before.AddBeforeSelf(added);
        }
    }

    private static void SheetData(XmlReader reader, XmlWriter writer, XNamespace ns, SheetEdit edit)
    {
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        writer.WriteAttributes(reader, true);
        reader.MoveToElement();
        var pending = new Queue<int>(edit.Rows);
        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            var depth = reader.Depth;
            var number = 0;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
                {
                    writer.WriteNode(reader, true);
                    continue;
                }

                // Numbered as XlsxReader numbers it: its r="", never behind the row before it.
                var hasNumber = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) && declared > 0;
                number = Math.Max(number + 1, hasNumber ? declared : 0);
                while (pending.Count > 0 && pending.Peek() < number)
                {
                    NewRow(ns, pending.Dequeue(), edit).WriteTo(writer);
                }

                var changes = pending.Count > 0 && pending.Peek() == number;
                if (!changes && hasNumber)
                {
                    writer.WriteNode(reader, true);
                    continue;
                }

                var row = (XElement)XNode.ReadFrom(reader);
                row.SetAttributeValue("r", number); // a row the file left unnumbered keeps its number after any row added before it
                if (changes)
                {
                    pending.Dequeue();
                    EditRow(row, ns, number, edit);
                }

                row.WriteTo(writer);
            }

            reader.Read();
        }

        while (pending.Count > 0)
        {
            NewRow(ns, pending.Dequeue(), edit).WriteTo(writer);
        }

        writer.WriteEndElement();
    }

    private static XElement NewRow(XNamespace ns, int number, SheetEdit edit)
    {
        var row = new XElement(ns + "row", new XAttribute("r", number));
        EditRow(row, ns, number, edit);
        return row;
    }

    private static void EditRow(XElement row, XNamespace ns, int number, SheetEdit edit)
    {
        var byColumn = new SortedDictionary<int, XElement>();
        var column = -1;
        foreach (var cell in row.Elements(ns + "c"))
        {
            var reference = (string?)cell.Attribute("r");
            var at = reference is null ? -1 : ColumnOf(reference);
            column = at >= 0 ? at : column + 1;
            if (reference is null || at < 0)
            {
                cell.SetAttributeValue("r", Reference(column, number));
            }

            byColumn.TryAdd(column, cell);
        }

        row.Attribute("spans")?.Remove(); // a hint of the cells' extent, no longer true once a cell is added
        uint? rowStyle = row.Attribute("customFormat")?.Value is "1" or "true"
            && uint.TryParse((string?)row.Attribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var rs) ? rs : null;
        foreach (var c in edit.CellsByRow[number])
        {
            if (!byColumn.TryGetValue(c, out var cell))
            {
                cell = new XElement(ns + "c", new XAttribute("r", Reference(c, number)));
                var style = rowStyle ?? edit.ColumnStyles.Where(s => s.Min <= c + 1 && c + 1 <= s.Max).Select(s => (uint?)s.Style).FirstOrDefault() ?? 0;
                cell.SetAttributeValue("s", style);
                byColumn[c] = cell;
            }

            cell.SetAttributeValue("s", edit.Styles.Marked(uint.TryParse((string?)cell.Attribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0));
        }

        string? text = null;
        uint reasonStyle = 0;
        if (number == edit.Markup.HeaderRow)
        {
            text = edit.Markup.ReasonTitle;
            var last = byColumn.Where(c => c.Key < edit.ReasonColumn).Select(c => c.Value).LastOrDefault();
            reasonStyle = uint.TryParse((string?)last?.Attribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var hs) ? hs : 0;
        }
        else if (edit.Markup.RowReasons.TryGetValue(number, out var reasons))
        {
            text = reasons;
            reasonStyle = edit.Styles.Reason();
        }

        if (text is not null)
        {
            if (!byColumn.TryGetValue(edit.ReasonColumn, out var cell))
            {
                cell = new XElement(ns + "c", new XAttribute("r", Reference(edit.ReasonColumn, number)));
                byColumn[edit.ReasonColumn] = cell;
            }

            cell.RemoveNodes();
            cell.SetAttributeValue("t", "inlineStr");
            cell.SetAttributeValue("s", reasonStyle);
            cell.Add(new XElement(ns + "is", new XElement(ns + "t", new XAttribute(XNamespace.Xml + "space", "preserve"), Clean(text))));
        }

        // Cells in column order, then whatever else the row holds (its extLst).
        var others = row.Elements().Where(e => e.Name != ns + "c").ToList();
        row.Elements().Remove();
        row.Add(byColumn.Values);
        row.Add(others);
    }

    private static string Reference(int column, int row) => XlsxWriter.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>"AB12" → 27 (0-based); -1 without column letters.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            var upper = char.ToUpperInvariant(ch);
            if (upper is < 'A' or > 'Z' || ++letters > 3)
            {
                break;
            }

            column = (column * 26) + (upper - 'A' + 1);
        }

        return letters == 0 ? -1 : column - 1;
    }

    /// <summary>The user's stylesheet with the formats the copy adds: each marked format a red-filled twin of the cell's own.</summary>
    private sealed class StyleEditor
    {
        private readonly WorkbookStylesPart part;
        private readonly Stylesheet stylesheet;
        private readonly CellFormats formats;
        private readonly List<CellFormat> existing;
        private readonly Dictionary<uint, uint> marked = [];
        private uint? redFill;
        private uint? reason;

        public StyleEditor(WorkbookPart workbook)
        {
            part = workbook.WorkbookStylesPart ?? workbook.AddNewPart<WorkbookStylesPart>();
            stylesheet = part.Stylesheet ??= new Stylesheet(
                new Fonts(new Font(new FontSize { Val = 11 })) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
                new CellStyleFormats(new CellFormat()) { Count = 1 },
                new CellFormats(new CellFormat()) { Count = 1 });
            formats = stylesheet.CellFormats ?? throw new InvalidDataException("a stylesheet without cell formats");
            existing = formats.Elements<CellFormat>().ToList();
            if (existing.Count == 0 || stylesheet.Fills is null || stylesheet.Fonts is null)
            {
                throw new InvalidDataException("a stylesheet without formats, fills or fonts");
            }
        }

        /// <summary>The format of style <paramref name="style"/> with Excel's light red fill (as its "Bad" cell style).</summary>
        public uint Marked(uint style)
        {
            if (marked.TryGetValue(style, out var index))
            {
                return index;
            }

            redFill ??= Add(stylesheet.Fills!, new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFC7CE" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }));
            var format = (CellFormat)(style < existing.Count ? existing[(int)style] : existing[0]).CloneNode(true);
            format.FillId = redFill;
            format.ApplyFill = true;
            index = Add(formats, format);
            marked[style] = index;
            return index;
        }

        /// <summary>The reason column's format: the sheet's default with dark red text, wrapped, at the top.</summary>
        public uint Reason()
        {
            if (reason is { } known)
            {
                return known;
            }

            var format = (CellFormat)existing[0].CloneNode(true);
            var fonts = stylesheet.Fonts!.Elements<Font>().ToList();
            var font = (Font)(format.FontId?.Value is { } f && f < fonts.Count ? fonts[(int)f] : fonts[0]).CloneNode(true);
            font.Color = new Color { Rgb = "FFC00000" };
            format.FontId = Add(stylesheet.Fonts!, font);
            format.ApplyFont = true;
            format.Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top };
            format.ApplyAlignment = true;
            reason = Add(formats, format);
            return reason.Value;
        }

        public void Save() => stylesheet.Save(part);

        private static uint Add<T>(OpenXmlCompositeElement list, T item)
            where T : OpenXmlElement
        {
            list.AppendChild(item);
            var count = (uint)list.Elements<T>().Count();
            list.SetAttribute(new OpenXmlAttribute("count", "", count.ToString(CultureInfo.InvariantCulture)));
            return count - 1;
        }
    }
}
