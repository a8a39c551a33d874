using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Keystone.Core.Ledger;

/// <summary>A ledger column placed on a field, with the factor that turns its amounts into 万元 (亿元 → 10000, 元 → 0.0001).</summary>
public sealed record LedgerColumn(int Index, string Header, LedgerField Field, decimal ToWan, bool Mapped = false);

/// <summary>Where each field sits in a sheet, which headers were not understood, and which required fields are missing.</summary>
public sealed record HeaderMatch(int RowNumber, IReadOnlyList<LedgerColumn> Columns, IReadOnlyList<string> UnknownHeaders)
{
    /// <summary>What the rows above the header say: "单位：亿元", "数据截至2024年3月底".</summary>
    public decimal? SheetMoneyFactor { get; init; }

    public Period? StatedPeriod { get; init; }

    /// <summary>The plan year a title row names ("2024年重点项目台账").</summary>
    public int? StatedYear { get; init; }

    public LedgerColumn? this[LedgerField field] => Columns.FirstOrDefault(c => c.Field == field);

    /// <summary>Whether the sheet has a column for the field: a field it lacks keeps what is already recorded.</summary>
    internal bool Has(LedgerField field) => this[field] is not null;

    /// <summary>The column a problem with the field names: the sheet's own header, else the standard one.</summary>
    internal string HeaderOf(LedgerField field) => this[field]?.Header ?? LedgerFormat.Header(field);

    public IReadOnlyList<LedgerField> MissingRequired =>
        LedgerFormat.Required.Where(f => this[f] is null).ToList();
}

/// <summary>
/// Finds the header row of a ledger and places its columns on fields. The header is the first of the top
/// rows that names every required column (below title rows, "填报单位：…" lines and merged cells); a header
/// matches a field by its standard name or a common variant, with or without the unit, in full- or
/// half-width brackets, with a year or month-range prefix ("2024年计划投资", "1-3月完成投资").
/// `--map 表头=字段` settles any other header.
/// </summary>
public static partial class LedgerHeader
{
    /// <summary>How many rows from the top may hold titles before the header.</summary>
    public const int SearchRows = 30;

    /// <summary>The header key: whitespace and marks removed, full-width folded, the unit and any year or month prefix dropped.</summary>
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
            if (!char.IsWhiteSpace(c) && c is not ('*' or '★' or '※'))
            {
                sb.Append(c);
            }
        }

        var s = sb.ToString();
        if (s.Length > 2 && s[0] == '(' && s[^1] == ')' && s.IndexOf(')', StringComparison.Ordinal) == s.Length - 1)
        {
            s = s[1..^1]; // a header written wholly in brackets: 【项目级别】
        }

        string? unit = null;
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = s.IndexOf(')', open);
            unit = close > open ? s[(open + 1)..close] : s[(open + 1)..];
            s = s[..open] + (close > open ? s[(close + 1)..] : "");
            unit = unit.Replace("单位:", "", StringComparison.Ordinal).Replace("单位", "", StringComparison.Ordinal);
        }
        else if (TrailingUnit().Match(s) is { Success: true } m)
        {
            unit = m.Groups["u"].Value;
            s = s[..m.Index];
        }

        s = Prefix().Replace(s, "");
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

    private static readonly Dictionary<string, LedgerField> Names = BuildNames();

    private static Dictionary<string, LedgerField> BuildNames()
    {
        var names = new Dictionary<string, LedgerField>();
        void Add(LedgerField field, params string[] variants)
        {
            names[Normalize(LedgerFormat.Header(field)).Key] = field;
            foreach (var v in variants)
            {
                names[Normalize(v).Key] = field;
            }
        }

        Add(LedgerField.Code, "项目代码", "项目编码", "统一项目代码", "项目统一代码", "投资项目代码", "备案代码", "项目备案代码", "编号");
        Add(LedgerField.Name, "项目名", "名称", "建设项目名称", "工程名称");
        Add(LedgerField.City, "地市", "所属市", "市", "设区市", "所在地市", "所属城市", "城市");
        Add(LedgerField.Unit, "区县", "县区", "所属区县", "所属县区", "县(市、区)", "县市区", "所属开发区", "开发区", "所属园区", "园区", "所在区域", "区域", "建设地点", "所属地区", "责任区域");
        Add(LedgerField.Levels, "级别", "项目层级", "重点级别", "项目等级", "重点项目级别");
        Add(LedgerField.Category, "类别", "项目类型", "类型", "项目分类");
        Add(LedgerField.IndustryChain, "所属产业链", "产业链条", "重点产业链", "产业方向", "所属产业");
        Add(LedgerField.Nature, "性质", "新建/续建", "新建或续建", "新开工/续建", "项目性质", "建设类型");
        Add(LedgerField.Enterprise, "建设单位", "项目业主", "业主单位", "项目法人单位", "项目法人", "实施单位", "项目建设单位", "企业名称");
        Add(LedgerField.Uscc, "社会信用代码", "信用代码", "统一信用代码", "企业统一社会信用代码");
        Add(LedgerField.Content, "建设内容", "建设规模及内容", "主要建设内容", "建设规模", "主要建设内容及规模", "建设内容和规模");
        Add(LedgerField.TotalInvestment, "总投资", "计划总投资", "项目总投资", "总投资额");
        Add(LedgerField.AnnualPlan, "年度计划投资", "本年计划投资", "年度投资计划", "计划投资", "年计划投资", "年度计划", "年度投资", "本年度计划投资");
        Add(LedgerField.YearToDate, "本年完成投资", "年度完成投资", "今年完成投资", "完成投资", "本年度完成投资", "截至目前完成投资", "本年累计完成投资", "当年完成投资");
        Add(LedgerField.Cumulative, "累计完成投资", "累计投资", "开工以来累计完成投资", "累计完成", "自开工累计完成投资");
        Add(LedgerField.PlannedStart, "计划开工日期", "计划开工", "拟开工时间");
        Add(LedgerField.ActualStart, "实际开工日期", "开工时间", "开工日期", "实际开工");
        Add(LedgerField.StartDate, "本年开复工日期", "开复工时间", "开复工日期", "本年开工复工时间", "年度开复工时间");
        Add(LedgerField.PlannedCompletion, "计划竣工日期", "计划完工时间", "竣工时间", "计划竣工", "预计竣工时间");
        Add(LedgerField.Status, "状态", "进展状态", "建设状态", "当前状态", "项目进展状态");
        Add(LedgerField.ImageProgress, "工程形象进度", "项目进展情况", "进展情况", "目前进展", "项目进度", "形象进度情况", "当前进展");
        Add(LedgerField.LandArea, "占地面积", "用地面积", "占地", "用地规模", "项目用地");
        Add(LedgerField.FloorArea, "总建筑面积", "建筑规模");
        Add(LedgerField.OutputValue, "年产值", "预计年产值", "达产年产值", "达产后产值", "达产后年产值");
        Add(LedgerField.Tax, "年税收", "达产后年纳税", "年纳税额", "预计年纳税", "达产后年税收");
        Add(LedgerField.Jobs, "新增就业", "带动就业", "就业人数", "新增就业岗位", "就业岗位");
        Add(LedgerField.Leader, "包联领导", "分管领导", "责任领导姓名", "包抓领导");
        Add(LedgerField.ResponsibleUnit, "责任部门", "牵头单位", "包联单位");
        Add(LedgerField.Contact, "联系方式", "项目联系人", "联系人及电话", "联系电话");
        Add(LedgerField.Problems, "存在的问题", "问题", "存在问题及建议", "困难问题", "存在困难和问题", "需协调解决的问题");
        Add(LedgerField.Remarks, "说明", "其他");
        Add(LedgerField.Parent, "上级项目", "上级项目代码", "所属项目编号", "主项目编号", "打包项目编号");
        return names;
    }

    /// <summary>Headers every ledger has that are not data: ignored without being reported as unknown.</summary>
    private static readonly HashSet<string> Ignored = ["序号", "编码序号", "No.", "NO", "序"];

    /// <summary>The field a header names, or null. <paramref name="map"/> (header → field) wins over the built-in names.</summary>
    public static LedgerField? FieldOf(string header, IReadOnlyDictionary<string, LedgerField?>? map)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (Mapped(header, map, out var mapped))
        {
            return mapped;
        }

        return Names.TryGetValue(Normalize(header).Key, out var field) ? field : null;
    }

    /// <summary>Whether `--map` names this header (its field, or null when it is to be left out).</summary>
    public static bool Mapped(string header, IReadOnlyDictionary<string, LedgerField?>? map, out LedgerField? field)
    {
        field = null;
        return map is not null && (map.TryGetValue(header.Trim(), out field) || map.TryGetValue(Normalize(header).Key, out field));
    }

    public static HeaderMatch Match(RawRow row, IReadOnlyDictionary<string, LedgerField?>? map, decimal? sheetFactor = null)
    {
        var columns = new List<LedgerColumn>();
        var unknown = new List<string>();
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var header = row.TextAt(i);
            var isMapped = Mapped(header, map, out var mappedField);
            if (header.Length == 0 || (!isMapped && Ignored.Contains(Normalize(header).Key)) || (isMapped && mappedField is null))
            {
                continue;
            }

            if (FieldOf(header, map) is not { } field || columns.Any(c => c.Field == field))
            {
                unknown.Add(header);
                continue;
            }

            var factor = MoneyFactor(Normalize(header).Unit) ?? sheetFactor ?? 1m;
            columns.Add(new LedgerColumn(i, header, field, factor, isMapped));
        }

        return new HeaderMatch(row.Number, columns, unknown);
    }

    /// <summary>
    /// The header among the top rows: the first naming every required column, else the one naming the most
    /// fields (so the error can say which required columns are missing). The rows above it are read for
    /// a sheet-wide money unit and the period the figures are stated for.
    /// </summary>
    public static HeaderMatch Find(IReadOnlyList<RawRow> top, IReadOnlyDictionary<string, LedgerField?>? map)
    {
        HeaderMatch? best = null;
        var above = new List<RawRow>();
        foreach (var row in top)
        {
            if (row.IsBlank)
            {
                continue;
            }

            var hints = Hints(above);
            var match = Match(row, map, hints.Factor) with { SheetMoneyFactor = hints.Factor, StatedPeriod = hints.Period, StatedYear = hints.Year };
            if (match.MissingRequired.Count == 0)
            {
                return match;
            }

            if (best is null || match.Columns.Count > best.Columns.Count)
            {
                best = match;
            }

            above.Add(row);
        }

        return best ?? new HeaderMatch(top.FirstOrDefault()?.Number ?? 1, [], []);
    }

    private static (decimal? Factor, Period? Period, int? Year) Hints(List<RawRow> rows)
    {
        decimal? factor = null;
        Period? period = null;
        int? year = null;
        foreach (var text in rows.SelectMany(r => r.Cells.Select(LedgerValues.AsText)).Where(t => t.Length > 0))
        {
            var folded = LedgerParser.FoldWidth(text).Replace(" ", "", StringComparison.Ordinal);
            if (UnitHint().Match(folded) is { Success: true } u)
            {
                factor = MoneyFactor(u.Groups["u"].Value) ?? factor;
            }

            if (year is null && YearHint().Match(folded) is { Success: true } y)
            {
                year = int.Parse(y.Groups["y"].Value, CultureInfo.InvariantCulture);
            }

            if (PeriodHint().Match(folded) is { Success: true } p)
            {
                var py = int.Parse(p.Groups["y"].Value, CultureInfo.InvariantCulture);
                var pm = int.Parse(p.Groups["m"].Value, CultureInfo.InvariantCulture);
                if (pm is >= 1 and <= 12 && py is > 1990 and < 2200)
                {
                    period = new Period(py, pm);
                }
            }
        }

        return (factor, period, year);
    }

    // "2024年", "2024年度", "1-3月", "1—3月", "截至3月底", "截止目前" before a header name.
    [GeneratedRegex(@"^(?:\d{4}年度?|\d{1,2}[-—~至]\d{1,2}月份?|截[至止](?:\d{1,2}月底?|目前|\d{4}年\d{1,2}月底?))")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"[/／]?(?<u>亿元|万元|元)$")]
    private static partial Regex TrailingUnit();

    [GeneratedRegex(@"(?:金额)?单位[:：](?<u>亿元|万元|元)")]
    private static partial Regex UnitHint();

    [GeneratedRegex(@"(?<y>20\d{2})年(?:度)?(?:全[市区县省]|[^截至止]{0,20})(?:重点|计划|项目|台账)")]
    private static partial Regex YearHint();

    [GeneratedRegex(@"(?:截[至止]|报告期[:：]?|统计期[:：]?)(?<y>\d{4})年(?<m>\d{1,2})月")]
    private static partial Regex PeriodHint();
}
