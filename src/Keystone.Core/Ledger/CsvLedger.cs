using System.Text;

namespace Keystone.Core.Ledger;

/// <summary>
/// CSV ledgers as Chinese Excel saves them: UTF-8 with or without a BOM, or GB18030/GBK (detected: bytes that
/// are not valid UTF-8 are read as GB18030). Quoted fields may hold commas, quotes ("") and line breaks.
/// </summary>
public static class CsvLedger
{
    static CsvLedger() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Detect(byte[] head)
    {
        if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        {
            return new UTF8Encoding(false);
        }

        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            return head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
        }

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

            strict.GetString(head, 0, length);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
    }

    public static IEnumerable<RawRow> Read(Stream stream)
    {
        var head = new byte[Math.Min(stream.Length, 1 << 20)];
        var n = stream.Read(head, 0, head.Length);
        stream.Position = 0;
        var encoding = Detect(head.AsSpan(0, n).ToArray());
        var firstLine = encoding.GetString(head, 0, n).Split('\n', 2)[0];
        var delimiter = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',';
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        foreach (var fields in Parse(reader, delimiter))
        {
            number++;
            yield return new RawRow(number, fields.ToArray());
        }
    }

    /// <summary>RFC 4180 records: a quoted field may hold the delimiter, doubled quotes and line breaks.</summary>
    public static IEnumerable<List<object?>> Parse(TextReader reader, char delimiter = ',')
    {
        var field = new StringBuilder();
        var record = new List<object?>();
        var quoted = false;
        var fieldStart = true;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
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
                record.Add(field.ToString());
                field.Clear();
                fieldStart = true;
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                record.Add(field.ToString());
                field.Clear();
                fieldStart = true;
                yield return record;
                record = [];
            }
            else
            {
                field.Append(ch);
                fieldStart = false;
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
