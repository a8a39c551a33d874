using System.Text;

namespace Keystone.Core.Ledger;

/// <summary>A ledger column placed on a field, with the factor that turns its amounts into 万元 (亿元 → 10000, 元 → 0.0001).</summary>
public sealed record LedgerColumn(int Index, string Header, LedgerField Field, decimal ToWan);

/// <summary>Where each field sits in a sheet, which headers were not understood, and which required fields are missing.</summary>
public sealed record HeaderMatch(int RowNumber, IReadOnlyList<LedgerColumn> Columns, IReadOnlyList<string> UnknownHeaders)
{
    public LedgerColumn? this[LedgerField field] => Columns.FirstOrDefault(c => c.Field == field);

    public IReadOnlyList<LedgerField> MissingRequired =>
        LedgerFormat.Required.Where(f => this[f] is null).ToList();
}

/// <summary>
/// Places header cells on ledger fields. A header matches a field by its standard name, with or without
/// the unit, in full- or half-width brackets; `--map 表头=字段` settles any other header.
/// </summary>
public static class LedgerHeader
{
    /// <summary>The header key: whitespace removed, full-width characters folded, the bracketed unit dropped.</summary>
    public static (string Key, string? Unit) Normalize(string header)
    {
        var sb = new StringBuilder();
        foreach (var ch in header)
        {
            var c = ch switch
            {
                >= '！' and <= '～' => (char)(ch - 0xFEE0),
                '\u3000' => ' ',
                '【' or '〔' => '(',
                '】' or '〕' => ')',
                _ => ch,
            };
            if (!char.IsWhiteSpace(c) && c != '*')
            {
                sb.Append(c);
            }
        }

        var s = sb.ToString();
        string? unit = null;
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = s.IndexOf(')', open);
            unit = close > open ? s[(open + 1)..close] : s[(open + 1)..];
            s = s[..open] + (close > open ? s[(close + 1)..] : "");
        }

        return (s, unit);
    }

    /// <summary>万元 per unit of the amounts under a header or in a cell: 亿元 10000, 万元 1, 元 0.0001; null when not a money unit.</summary>
    public static decimal? MoneyFactor(string? unit) => unit?.Trim() switch
    {
        "亿元" or "亿" => 10_000m,
        "万元" or "万" => 1m,
        "元" => 0.0001m,
        "千元" => 0.1m,
        "百万元" => 100m,
        _ => null,
    };

    private static readonly Dictionary<string, LedgerField> Standard =
        LedgerFormat.Fields.ToDictionary(f => Normalize(LedgerFormat.Header(f)).Key, f => f);

    /// <summary>The field a header names, or null. <paramref name="map"/> (header → field) wins over the standard names.</summary>
    public static LedgerField? FieldOf(string header, IReadOnlyDictionary<string, LedgerField>? map)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (map is not null)
        {
            if (map.TryGetValue(header.Trim(), out var mapped) || map.TryGetValue(Normalize(header).Key, out mapped))
            {
                return mapped;
            }
        }

        return Standard.TryGetValue(Normalize(header).Key, out var field) ? field : null;
    }

    public static HeaderMatch Match(RawRow row, IReadOnlyDictionary<string, LedgerField>? map)
    {
        var columns = new List<LedgerColumn>();
        var unknown = new List<string>();
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var header = row.TextAt(i);
            if (header.Length == 0)
            {
                continue;
            }

            if (FieldOf(header, map) is not { } field || columns.Any(c => c.Field == field))
            {
                unknown.Add(header);
                continue;
            }

            var factor = MoneyFactor(Normalize(header).Unit) ?? 1m;
            columns.Add(new LedgerColumn(i, header, field, factor));
        }

        return new HeaderMatch(row.Number, columns, unknown);
    }
}
