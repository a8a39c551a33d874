using System.Globalization;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Ledger;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Indicators.Files;

/// <summary>What an indicators import did, or why it did nothing: every problem with its sheet, row, column and reason.</summary>
public sealed record IndicatorImportResult
{
    public required bool Applied { get; init; }

    public required string Sheet { get; init; }

    /// <summary>The last header row (the 绝对值/同比增长 row of a two-row header).</summary>
    public required int HeaderRow { get; init; }

    public required IReadOnlyList<LedgerProblem> Problems { get; init; }

    /// <summary>Problem columns by the names the problems give them, for the marked-up copy.</summary>
    public required IReadOnlyDictionary<string, int> Columns { get; init; }

    public int Values { get; init; }

    public IReadOnlyList<string> UnitsCreated { get; init; } = [];

    public IReadOnlyList<Period> Periods { get; init; } = [];
}

/// <summary>
/// `keystone indicators import`: a file of indicator values, in either layout — one row per unit with a value and a
/// 同比增长 column per indicator (a single header row, or the statistics office's two rows of indicator over
/// 绝对值/同比增长, under title rows that may name the period and the unit 亿元), or one row per value (单位, 指标,
/// 数值, 上年同期, 同比增长, 名次). Units are matched by name or path and created under the province when new, as
/// the ledger's importer does; money is converted to 万元. All or nothing: any problem changes nothing
/// (docs/domain.md "Economic indicators").
/// </summary>
public sealed partial class IndicatorImport(AppDbContext db, TimeProvider clock)
{
    private const int MaxRows = 20_000;
    private const int HeaderSearch = 30;

    private static readonly string[] UnitHeaders = ["单位", "单位名称", "地区", "地市", "市", "区域", "所属区域", "开发区", "园区", "县（市、区）", "县市区", "名称"];
    private static readonly string[] CityHeaders = ["所属地市", "所属市", "地级市"];
    private static readonly string[] IndicatorHeaders = ["指标", "指标名称"];
    private static readonly string[] PeriodHeaders = ["报告期", "期间", "月份", "时间"];
    private static readonly string[] IgnoredHeaders = ["序号", "备注", "说明", "计量单位"];
    private static readonly string[] ProvinceTotals = ["全省", "合计", "总计", "全省合计"];

    private enum Part
    {
        Value,
        Growth,
        LastYear,
        Rank,
    }

    private sealed record Column(int Index, string Name, IndicatorInfo? Indicator, Part Part, string? Unit);

    private sealed record Parsed(int Row, string? City, string Unit, IndicatorInfo Indicator, Period Period, IndicatorFigure Figure);

    public async Task<IndicatorImportResult> ImportAsync(LedgerSource source, Period? period, string by, CancellationToken ct = default)
    {
        var sheet = source.SheetNames[0];
        var rows = new List<RawRow>();
        foreach (var row in source.Rows(sheet))
        {
            if (rows.Count >= MaxRows)
            {
                throw new DomainException(new($"文件超过{MaxRows}行，不像指标表", $"The file has more than {MaxRows} rows: not an indicators table"), "file");
            }

            rows.Add(row);
        }

        var tree = await db.LoadTreeAsync(ct);
        var province = tree.All.Where(r => r.Kind == OrgUnitKind.Province).ToList() is [var only] ? only
            : throw new DomainException(new("需要恰好一个省级单位，指标才能挂在其下", "Exactly one province is needed to place the units under"), "file");
        var catalogue = await IndicatorData.CatalogueAsync(db, tree, province.Id, ct);
        var problems = new List<LedgerProblem>();
        var columns = new Dictionary<string, int>();

        var headerIndex = rows.Take(HeaderSearch).ToList().FindIndex(r => r.Cells.Select(LedgerValues.AsText).Select(Normalize).Any(t => UnitHeaders.Contains(t)));
        if (headerIndex < 0)
        {
            throw new DomainException(new("找不到表头：表头应有“单位”或“地区”列", "No header found: it needs a 单位 or 地区 column"), "file");
        }

        var header = rows[headerIndex];
        var title = string.Join(" ", rows.Take(headerIndex).SelectMany(r => r.Cells.Select(LedgerValues.AsText)));
        var titlePeriod = PeriodIn(title);
        var titleUnit = MoneyUnitIn(title);
        var texts = header.Cells.Select(LedgerValues.AsText).ToList();
        var sub = headerIndex + 1 < rows.Count ? rows[headerIndex + 1].Cells.Select(LedgerValues.AsText).ToList() : [];
        var twoRows = sub.Any(t => SubPart(Normalize(StripUnit(t).Text)) is not null);
        var headerRow = twoRows ? rows[headerIndex + 1].Number : header.Number;
        var longLayout = texts.Any(t => IndicatorHeaders.Contains(Normalize(t)));

        int? unitColumn = null, cityColumn = null, indicatorColumn = null, periodColumn = null;
        var valueColumns = new List<Column>();
        string? carried = null;
        var width = Math.Max(texts.Count, sub.Count);
        for (var i = 0; i < width; i++)
        {
            var top = i < texts.Count ? texts[i] : "";
            var bottom = twoRows && i < sub.Count ? sub[i] : "";
            carried = top.Length > 0 ? top : carried;
            var name = twoRows && top.Length == 0 && bottom.Length > 0 ? carried ?? "" : top;
            var key = Normalize(StripUnit(name).Text);
            if (key.Length == 0 && bottom.Length == 0)
            {
                continue;
            }

            if (UnitHeaders.Contains(key) && unitColumn is null)
            {
                unitColumn = i;
            }
            else if (CityHeaders.Contains(key))
            {
                cityColumn = i;
            }
            else if (IndicatorHeaders.Contains(key))
            {
                indicatorColumn = i;
            }
            else if (PeriodHeaders.Contains(key))
            {
                periodColumn = i;
            }
            else if (IgnoredHeaders.Contains(key) || key.Length == 0)
            {
                continue;
            }
            else
            {
                var full = twoRows ? name + bottom : name;
                var column = longLayout ? LongColumn(i, full) : WideColumn(i, full, catalogue);
                columns.TryAdd(column?.Name ?? full, i);
                if (column is null)
                {
                    problems.Add(new(sheet, headerRow, full, null, new($"表头“{full}”不是目录中的指标（{string.Join("、", catalogue.Select(c => c.Name))}），也不是绝对值、同比增长、上年同期或名次",
                        $"The header \"{full}\" is no indicator of the catalogue, nor a value, growth, last year or rank column")));
                }
                else
                {
                    valueColumns.Add(column);
                }
            }
        }

        if (unitColumn is null)
        {
            throw new DomainException(new("找不到“单位”或“地区”列", "No 单位 or 地区 column"), "file");
        }

        if (longLayout && !valueColumns.Any(c => c.Part is Part.Value or Part.Growth))
        {
            problems.Add(new(sheet, headerRow, null, null, new("逐条格式需要“数值”或“同比增长”列", "One row per value needs a 数值 or 同比增长 column")));
        }

        var parsed = new List<Parsed>();
        foreach (var row in rows.Skip(twoRows ? headerIndex + 2 : headerIndex + 1))
        {
            if (row.IsBlank)
            {
                continue;
            }

            var unitText = row.TextAt(unitColumn.Value);
            if (unitText.Length == 0)
            {
                problems.Add(new(sheet, row.Number, texts[unitColumn.Value], null, new("单位名称为空", "The unit's name is empty")));
                continue;
            }

            var city = cityColumn is { } cc && row.TextAt(cc) is { Length: > 0 } ct2 ? ct2 : null;
            Period rowPeriod;
            if (period is { } given)
            {
                rowPeriod = given;
            }
            else if (periodColumn is { } pc && row.TextAt(pc) is { Length: > 0 } pt)
            {
                if (PeriodIn(pt) is not { } p)
                {
                    problems.Add(new(sheet, row.Number, texts[pc], pt, new("报告期应写作2022-03、2022年3月或2022年1-3月", "The period should read 2022-03, 2022年3月 or 2022年1-3月")));
                    continue;
                }

                rowPeriod = p;
            }
            else if (titlePeriod is { } tp)
            {
                rowPeriod = tp;
            }
            else
            {
                problems.Add(new(sheet, row.Number, null, null, new("不知道这些数值属于哪个月：请用 --period 指定，或在标题或“报告期”列写明", "No period for these values: give --period, or name it in the title or a 报告期 column")));
                continue;
            }

            if (longLayout)
            {
                var indicatorText = indicatorColumn is { } ic ? row.TextAt(ic) : "";
                var (indicatorName, indicatorUnit) = StripUnit(indicatorText);
                var indicator = Match(Normalize(indicatorName), catalogue);
                if (indicator is null || indicator.Value.Remainder.Length > 0)
                {
                    problems.Add(new(sheet, row.Number, indicatorColumn is { } i2 ? texts[i2] : "指标", indicatorText, new("不是目录中的指标", "Not an indicator of the catalogue")));
                    continue;
                }

                var cols = valueColumns.Select(c => c with { Indicator = indicator.Value.Indicator, Unit = c.Unit ?? indicatorUnit }).ToList();
                if (Figure(sheet, row, cols, titleUnit, problems) is { } figure)
                {
                    parsed.Add(new(row.Number, city, unitText, indicator.Value.Indicator, rowPeriod, figure));
                }

                continue;
            }

            foreach (var group in valueColumns.GroupBy(c => c.Indicator!.Id))
            {
                if (Figure(sheet, row, group.ToList(), titleUnit, problems) is { } figure)
                {
                    parsed.Add(new(row.Number, city, unitText, group.First().Indicator!, rowPeriod, figure));
                }
            }
        }

        // Units: matched by path or name, else to be created under the province (a city when it is named 市).
        var resolved = new Dictionary<(string? City, string Unit), int?>();
        foreach (var p in parsed)
        {
            if (!resolved.ContainsKey((p.City, p.Unit)))
            {
                var found = FindUnit(tree, province, p.City, p.Unit, out var ambiguous);
                if (ambiguous is not null)
                {
                    problems.Add(new(sheet, p.Row, texts[unitColumn.Value], p.Unit, ambiguous.Value));
                }

                resolved[(p.City, p.Unit)] = found;
            }
        }

        foreach (var duplicate in parsed.GroupBy(p => (p.City, p.Unit, p.Indicator.Id, p.Period.Key)).Where(g => g.Count() > 1))
        {
            foreach (var p in duplicate.Skip(1))
            {
                problems.Add(new(sheet, p.Row, p.Indicator.Name, p.Unit, new($"{p.Unit}的{p.Indicator.Name}（{p.Period}）在第{duplicate.First().Row}行已有", $"{p.Unit}'s {p.Indicator.Name} for {p.Period} is already on row {duplicate.First().Row}")));
            }
        }

        var result = new IndicatorImportResult
        {
            Applied = false,
            Sheet = sheet,
            HeaderRow = headerRow,
            Problems = problems.OrderBy(p => p.Row).ToList(),
            Columns = columns,
            Periods = parsed.Select(p => p.Period).Distinct().Order().ToList(),
        };
        if (problems.Count > 0 || parsed.Count == 0)
        {
            return parsed.Count == 0 && problems.Count == 0
                ? result with { Problems = [new(sheet, headerRow, null, null, new("文件中没有任何指标数值", "The file holds no indicator values"))] }
                : result;
        }

        return await ApplyAsync(result, parsed, resolved, tree, province, by, ct);
    }

    private async Task<IndicatorImportResult> ApplyAsync(
        IndicatorImportResult result, List<Parsed> parsed, Dictionary<(string? City, string Unit), int?> resolved, OrgTree tree, OrgUnitInfo province, string by, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = new List<string>();
        var provinceUnit = await db.OrgUnits.SingleAsync(u => u.Id == province.Id, ct);
        var cities = new Dictionary<string, OrgUnit>();
        foreach (var key in resolved.Where(r => r.Value is null).Select(r => r.Key).ToList())
        {
            OrgUnit parent = provinceUnit;
            if (key.City is { } cityName)
            {
                if (!cities.TryGetValue(cityName, out var city))
                {
                    var existing = tree.ChildrenOf(province.Id).FirstOrDefault(c => c.Name == cityName && c.Kind == OrgUnitKind.City);
                    city = existing is not null ? await db.OrgUnits.SingleAsync(u => u.Id == existing.Id, ct) : new OrgUnit(cityName, OrgUnitKind.City, provinceUnit);
                    if (existing is null)
                    {
                        db.OrgUnits.Add(city);
                        await db.SaveChangesAsync(ct);
                        created.Add($"{province.Name}/{cityName}");
                    }

                    cities[cityName] = city;
                }

                parent = city;
            }

            var kind = key.City is null && key.Unit.EndsWith('市') ? OrgUnitKind.City : OrgUnit.GuessLocalKind(key.Unit);
            var unit = new OrgUnit(key.Unit, kind, parent);
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync(ct);
            resolved[key] = unit.Id;
            created.Add(key.City is null ? $"{province.Name}/{key.Unit}" : $"{province.Name}/{key.City}/{key.Unit}");
        }

        var unitIds = resolved.Values.OfType<int>().Distinct().ToList();
        var periods = parsed.Select(p => p.Period).Distinct().ToList();
        var existingValues = await db.IndicatorValues.Where(v => unitIds.Contains(v.OrgUnitId)).ToListAsync(ct);
        var byKey = existingValues.Where(v => periods.Contains(v.Period)).ToDictionary(v => (v.OrgUnitId, v.IndicatorId, v.Period.Key));
        var now = clock.GetUtcNow();
        foreach (var p in parsed)
        {
            var unitId = resolved[(p.City, p.Unit)]!.Value;
            if (byKey.TryGetValue((unitId, p.Indicator.Id, p.Period.Key), out var value))
            {
                value.Record(p.Figure, by, now);
            }
            else
            {
                db.IndicatorValues.Add(new IndicatorValue(unitId, p.Indicator.Id, p.Period, p.Figure, by, now));
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result with { Applied = true, Values = parsed.Count, UnitsCreated = created };
    }

    private static int? FindUnit(OrgTree tree, OrgUnitInfo province, string? city, string name, out Text? ambiguous)
    {
        ambiguous = null;
        if (ProvinceTotals.Contains(name) || name == province.Name)
        {
            return province.Id;
        }

        var within = tree.Subtree(province.Id).ToHashSet();
        if (city is not null)
        {
            var cityInfo = tree.ChildrenOf(province.Id).FirstOrDefault(c => c.Name == city && c.Kind == OrgUnitKind.City);
            return cityInfo is null ? null : city == name ? cityInfo.Id : tree.ChildrenOf(cityInfo.Id).FirstOrDefault(u => u.Name == name)?.Id;
        }

        try
        {
            var unit = tree.Resolve(name, within.Contains);
            return unit.Id;
        }
        catch (NotFoundException)
        {
            return null;
        }
        catch (DomainException e)
        {
            ambiguous = e.Text;
            return null;
        }
    }

    /// <summary>A figure from one row's cells of one indicator; problems for cells that are not numbers; null when the row has nothing for it.</summary>
    private static IndicatorFigure? Figure(string sheet, RawRow row, IReadOnlyList<Column> columns, string? titleUnit, List<LedgerProblem> problems)
    {
        decimal? value = null, lastYear = null, growth = null;
        int? rank = null, decimals = null;
        var bad = false;
        var indicator = columns[0].Indicator!;
        foreach (var c in columns)
        {
            var cell = c.Index < row.Cells.Count ? row.Cells[c.Index] : null;
            var text = LedgerValues.AsText(cell);
            if (text.Length == 0 || text is "-" or "—" or "--" or "/" or "…")
            {
                continue;
            }

            if (!TryNumber(cell, text, out var number, out var scale))
            {
                problems.Add(new(sheet, row.Number, c.Name, text, new("不是数字", "Not a number")));
                bad = true;
                continue;
            }

            switch (c.Part)
            {
                case Part.Value or Part.LastYear:
                    var unit = c.Unit ?? (indicator.IsMoney ? titleUnit : null);
                    if (!ToStored(indicator, unit, number, out var stored))
                    {
                        problems.Add(new(sheet, row.Number, c.Name, text, new($"计量单位“{unit}”与指标的“{indicator.Unit}”不符", $"The unit \"{unit}\" does not match the indicator's \"{indicator.Unit}\"")));
                        bad = true;
                    }
                    else if (c.Part == Part.Value)
                    {
                        value = stored;
                    }
                    else
                    {
                        lastYear = stored;
                    }

                    break;
                case Part.Growth:
                    growth = number;
                    decimals = Math.Max(indicator.GrowthDecimals, Math.Min(4, scale));
                    break;
                case Part.Rank:
                    if (number != decimal.Truncate(number) || number < 1)
                    {
                        problems.Add(new(sheet, row.Number, c.Name, text, new("名次应为正整数", "A rank is a positive whole number")));
                        bad = true;
                    }
                    else
                    {
                        rank = (int)number;
                    }

                    break;
            }
        }

        if (bad || (value is null && growth is null && lastYear is null && rank is null))
        {
            return null;
        }

        var figure = new IndicatorFigure
        {
            Value = value,
            LastYear = lastYear,
            Growth = growth,
            Decimals = decimals == indicator.GrowthDecimals ? null : decimals,
            PublishedRank = rank,
        };
        var errors = figure.Check();
        foreach (var e in errors)
        {
            problems.Add(new(sheet, row.Number, columns.FirstOrDefault(c => c.Part == (e.Field == "growth" ? Part.Growth : e.Field == "rank" ? Part.Rank : e.Field == "lastYear" ? Part.LastYear : Part.Value))?.Name ?? columns[0].Name, null, e.Text));
        }

        return errors.Count == 0 ? figure : null;
    }

    private static bool TryNumber(object? cell, string text, out decimal number, out int scale)
    {
        if (cell is double d)
        {
            number = decimal.Round((decimal)d, 6);
            scale = Scale(number.ToString(CultureInfo.InvariantCulture));
            return true;
        }

        var t = text.Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal).Trim();
        scale = Scale(t);
        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static int Scale(string text) => text.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? text.Length - dot - 1 : 0;

    /// <summary>A value in the indicator's stored unit: money to 万元 (from 亿元, 万元 or 元; the indicator's own unit when none is named).</summary>
    private static bool ToStored(IndicatorInfo indicator, string? unit, decimal number, out decimal stored)
    {
        var u = string.IsNullOrEmpty(unit) ? indicator.Unit : unit;
        stored = number;
        if (indicator.IsMoney)
        {
            switch (u)
            {
                case "亿元":
                    stored = number * 10_000m;
                    return true;
                case "万元":
                    return true;
                case "元":
                    stored = number / 10_000m;
                    return true;
                default:
                    return false;
            }
        }

        return u == indicator.Unit;
    }

    private static Column? WideColumn(int index, string header, IReadOnlyList<IndicatorInfo> catalogue)
    {
        var (text, unit) = StripUnit(header);
        if (Match(Normalize(text), catalogue) is not { } match)
        {
            return null;
        }

        var part = match.Remainder.Length == 0 ? Part.Value : SubPart(match.Remainder);
        return part is { } p ? new Column(index, header, match.Indicator, p, p is Part.Value or Part.LastYear ? unit : null) : null;
    }

    private static Column? LongColumn(int index, string header)
    {
        var (text, unit) = StripUnit(header);
        var key = Normalize(text);
        var part = key is "数值" or "本期" or "绝对值" or "累计" or "值" ? Part.Value : SubPart(key);
        return part is { } p ? new Column(index, header, null, p, unit) : null;
    }

    /// <summary>What a sub-header (or the rest of a header after the indicator's name) holds.</summary>
    private static Part? SubPart(string key) => key switch
    {
        "绝对值" or "本期" or "累计" or "数值" or "总量" or "累计值" or "本年累计" => Part.Value,
        "同比增长" or "增长" or "增速" or "同比" or "同比增速" or "比上年同期增长" or "比上年增长" or "增长率" or "同比增减" => Part.Growth,
        "上年同期" or "去年同期" or "上年同期值" => Part.LastYear,
        "名次" or "位次" or "排名" or "全省位次" or "全省排名" => Part.Rank,
        _ => null,
    };

    private static (IndicatorInfo Indicator, string Remainder)? Match(string key, IReadOnlyList<IndicatorInfo> catalogue)
    {
        var k = key.Replace("规模以上", "规上", StringComparison.Ordinal);
        var best = catalogue.Where(c => k.StartsWith(Normalize(c.Name), StringComparison.Ordinal)).MaxBy(c => c.Name.Length);
        return best is null ? null : (best, k[Normalize(best.Name).Length..]);
    }

    /// <summary>Without spaces, line breaks and the marks around a sub-header ("同比增长（%）" → "同比增长").</summary>
    private static string Normalize(string text) => WhiteSpace().Replace(text ?? "", "").Replace("±", "", StringComparison.Ordinal).Replace("·", "", StringComparison.Ordinal);

    /// <summary>A header without its bracketed unit, and the unit when it is one ("地区生产总值（亿元）" → 地区生产总值, 亿元; "（%）" is dropped).</summary>
    private static (string Text, string? Unit) StripUnit(string header)
    {
        string? unit = null;
        var text = Bracket().Replace(header ?? "", m =>
        {
            var inner = m.Groups[1].Value.Trim();
            if (Indicator.Units.Contains(inner) || inner == "元")
            {
                unit = inner;
            }

            return "";
        });
        return (text, unit is "%" ? null : unit);
    }

    private static string? MoneyUnitIn(string title) => UnitNote().Match(title) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The month a title or a cell names: 2022-03, 2022年3月, 2022年1-3月, 2022年前5个月, 2022年一季度/上半年/前三季度/全年.</summary>
    public static Period? PeriodIn(string text)
    {
        var t = text ?? "";
        if (PlainPeriod().Match(t) is { Success: true } plain)
        {
            return new Period(int.Parse(plain.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(plain.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        if (YearPeriod().Match(t) is not { Success: true } m)
        {
            return null;
        }

        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var rest = m.Groups[2].Value;
        int? month = rest switch
        {
            _ when rest.StartsWith("一季度", StringComparison.Ordinal) => 3,
            _ when rest.StartsWith("上半年", StringComparison.Ordinal) => 6,
            _ when rest.StartsWith("前三季度", StringComparison.Ordinal) => 9,
            _ when rest.StartsWith("全年", StringComparison.Ordinal) => 12,
            _ when MonthRange().Match(rest) is { Success: true } r => int.Parse(r.Groups.Values.Skip(1).First(g => g.Success).Value, CultureInfo.InvariantCulture),
            _ => null,
        };
        return month is >= 1 and <= 12 ? new Period(year, month.Value) : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"[（(]([^）)]*)[）)]")]
    private static partial Regex Bracket();

    [GeneratedRegex(@"单位[：:]\s*(亿元|万元|元)")]
    private static partial Regex UnitNote();

    [GeneratedRegex(@"^\s*(\d{4})[-/.](\d{1,2})\s*$")]
    private static partial Regex PlainPeriod();

    [GeneratedRegex(@"(\d{4})年(.*)")]
    private static partial Regex YearPeriod();

    [GeneratedRegex(@"^(?:1\s*[-—～~至]\s*(\d{1,2})月|前(\d{1,2})个月|(\d{1,2})月)")]
    private static partial Regex MonthRange();
}
