using System.Text;

namespace Keystone.Core.Ledger;

/// <summary>
/// CSV ledgers as Chinese Excel saves them: UTF-8 with or without a BOM, or GB18030/GBK (detected: bytes that
/// are not valid UTF-8 are read as GB18030), or UTF-16/UTF-32 with their BOM. Quoted fields may hold commas,
/// quotes ("") and line breaks. A byte-order mark of any of them is dropped before the header is read, so the
/// first header is "项目编号", never "\uFEFF项目编号".
/// </summary>
public static class CsvLedger
{
    static CsvLedger() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Detect(byte[] head) => Sniff(head).Encoding;

    /// <summary>The encoding and the length of the byte-order mark in front of the text (0 when none).</summary>
    private static (Encoding Encoding, int Bom) Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }

        // GB18030's own mark is U+FEFF encoded: 84 31 95 33.
        if (head.StartsWith((ReadOnlySpan<byte>)[0x84, 0x31, 0x95, 0x33]))
        {
            return (Encoding.GetEncoding("GB18030"), 4);
        }

        // A UTF-8 mark is usually UTF-8; some tools put it in front of GB18030 text, which the bytes after it tell.
        var bom = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return (IsUtf8(head[bom..]) ? new UTF8Encoding(false) : Encoding.GetEncoding("GB18030"), bom);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> head)
    {
        try
        {
            // A cut in the middle of a multi-byte character at the end of the sample is not an error.
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            var length = head.Length;
            while (length > 0 && length > head.Length - 4 && (head[length - 1] & 0xC0) == 0x80)
            {
                length--;
            }

            if (length > 0 && head[length - 1] >= 0xC0)
            {
                length--;
            }

            strict.GetCharCount(head[..length]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The records of a CSV, numbered from 1; a field longer than <paramref name="maxCellLength"/> is an <see cref="OverlongCell"/>.</summary>
    public static IEnumerable<RawRow> Read(Stream stream, int maxCellLength = 32_767)
    {
        var head = new byte[Math.Min(stream.Length, 1 << 20)];
        var n = stream.Read(head, 0, head.Length);
        var (encoding, bom) = Sniff(head.AsSpan(0, n));
        var text = encoding.GetString(head, bom, n - bom);
        var cut = text.IndexOf('\n');
        var firstLine = cut < 0 ? text : text[..cut];
        var delimiter = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',';
        stream.Position = bom;
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false);
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read(); // a second mark, or one written inside the text: never part of the first header
        }

        var number = 0;
        foreach (var fields in Parse(reader, delimiter, maxCellLength))
        {
            number++;
            yield return new RawRow(number, fields.ToArray());
        }
    }

    /// <summary>
    /// RFC 4180 records: a quoted field may hold the delimiter, doubled quotes and line breaks. A field is kept up
    /// to <paramref name="maxField"/> characters; past it, the rest is read and dropped and the field is an
    /// <see cref="OverlongCell"/>. A record of more than <see cref="XlsxReader.MaxColumns"/> fields is refused.
    /// </summary>
    public static IEnumerable<List<object?>> Parse(TextReader reader, char delimiter = ',', int maxField = 32_767)
    {
        var field = new StringBuilder();
        var record = new List<object?>();
        var quoted = false;
        var fieldStart = true;
        var records = 0;
        int c;
        void Append(char ch)
        {
            if (field.Length <= maxField)
            {
                field.Append(ch);
            }
        }

        object? Field()
        {
            object? value = field.Length > maxField ? new OverlongCell(maxField) : field.ToString();
            field.Clear();
            if (record.Count >= XlsxReader.MaxColumns)
            {
                throw new DomainException(new(
                    $"第{records + 1}行超过 Excel 的{XlsxReader.MaxColumns}列上限，文件已损坏或不是台账",
                    $"Row {records + 1} has more than Excel's {XlsxReader.MaxColumns} columns; the file is damaged or not a ledger"),
                    "file");
            }

            return value;
        }

        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"')
                {
                    Append(ch);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    Append('"');
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            if (ch == '"' && fieldStart)
            {
                quoted = true;
                fieldStart = false;
            }
            else if (ch == delimiter)
            {
                record.Add(Field());
                fieldStart = true;
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                record.Add(Field());
                fieldStart = true;
                records++;
                yield return record;
                record = [];
            }
            else
            {
                Append(ch);
                fieldStart = false;
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(Field());
            yield return record;
        }
    }
}
