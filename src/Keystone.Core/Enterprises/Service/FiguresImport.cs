using System.Globalization;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Core.Indicators.Files;
using Keystone.Core.Ledger;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Enterprises.Service;

/// <summary>Where an import's month came from.</summary>
public enum PeriodSource
{
    /// <summary>The file's title (2024年1-3月).</summary>
    Title,

    /// <summary>The --period option (the form's period).</summary>
    Option,
}

/// <summary>One enterprise's row of the statistics office's file, as imported.</summary>
public sealed record FiguresChange(int Row, string Uscc, string Name, ChangeKind Kind, MonthFigures Figures);

/// <summary>What a figures import read and (unless refused or a dry run) stored.</summary>
public sealed record FiguresImportResult(
    string Sheet, int HeaderRow, Period? Period, PeriodSource? PeriodSource, bool Cumulative, IReadOnlyList<FiguresChange> Changes,
    IReadOnlyList<LedgerProblem> Problems, IReadOnlyDictionary<string, int> Columns, bool Applied)
{
    public int New => Changes.Count(c => c.Kind == ChangeKind.New);

    /// <summary>Months that had figures already and now hold the file's.</summary>
    public int Replaced => Changes.Count(c => c.Kind == ChangeKind.Updated);

    public int Created { get; init; }
}

/// <summary>
/// Imports the statistics office's table of enterprises' figures (统计局企业月度数据) as it comes: title rows (the
/// month, 2024年3月 or 2024年1-3月, and the money unit, 单位：千元), a header of 统一社会信用代码 and/or 企业名称 with
/// 工业总产值, 营业收入, 税金/税收 and 从业人员 (amounts in 万元, 千元 or 亿元 as the header or the title states),
/// possibly over a second row (本月 / 1-3月累计 / 上年同期 / 增长), a 合计 row skipped. A year-to-date file
/// (1-3月, 累计) gives each month its own amount by taking off the enterprise's approved earlier months of the
/// year. Enterprises are matched by credit code, else by exact name, among those the importing unit keeps; an
/// unknown one is refused unless <c>createMissing</c> registers it to the unit. All or nothing: every problem
/// named by row and column. Stored figures are approved, source 统计局, and replace the month's figures.
/// </summary>
public static partial class FiguresImport
{
    private enum Field
    {
        Uscc,
        Name,
        Output,
        Revenue,
        Tax,
        Employees,
    }

    private sealed record Column(Field Field, int Index, string Header, decimal Factor, bool Cumulative);

    private sealed record Row(int Number, string? Uscc, string Name, Dictionary<Field, decimal> Values);

    private static readonly string[] Totals = ["合计", "总计", "小计", "全部", "全部合计", "总计合计"];

    private static Field? FieldOf(string key) => key switch
    {
        "统一社会信用代码" or "社会信用代码" or "信用代码" or "统一代码" or "USCC" => Field.Uscc,
        "企业名称" or "单位名称" or "企业详细名称" or "法人单位名称" or "名称" or "企业" => Field.Name,
        "工业总产值" or "产值" or "总产值" or "工业总产值当年价格" => Field.Output,
        "营业收入" or "营收" or "主营业务收入" => Field.Revenue,
        "税金" or "税收" or "税金总额" or "应交税金" or "应交税费" or "税金及附加" or "纳税" or "实缴税金" => Field.Tax,
        "从业人员" or "从业人员期末人数" or "从业人员平均人数" or "从业人数" or "用工人数" or "平均用工人数" => Field.Employees,
        _ => null,
    };

    private static bool IsMoney(Field f) => f is Field.Output or Field.Revenue or Field.Tax;

    private static string Key(string text) => LedgerHeader.Normalize(text).Key;

    /// <summary>A sub-header (本月, 1-3月, 本年累计) or header text that says the column is year-to-date; null when it says nothing.</summary>
    private static bool? CumulativeIn(string text)
    {
        var t = LedgerParser.FoldWidth(text).Replace(" ", "", StringComparison.Ordinal);
        if (t.Contains("本月", StringComparison.Ordinal) || t.Contains("当月", StringComparison.Ordinal))
        {
            return false;
        }

        return t.Contains("累计", StringComparison.Ordinal) || t.Contains("本年", StringComparison.Ordinal) || YtdRange().IsMatch(t) ? true : null;
    }

    private static bool Ignored(string sub)
    {
        var t = LedgerParser.FoldWidth(sub);
        return t.Contains("同期", StringComparison.Ordinal) || t.Contains("增长", StringComparison.Ordinal) || t.Contains("增速", StringComparison.Ordinal)
            || t.Contains("增减", StringComparison.Ordinal) || t.Contains('%', StringComparison.Ordinal) || t.Contains("上年", StringComparison.Ordinal);
    }

    public static async Task<FiguresImportResult> ApplyAsync(
        AppDbContext db, OrgTree tree, int scopeUnitId, LedgerSource source, Period? given, bool createMissing, string by, DateTimeOffset at, bool dryRun, CancellationToken ct = default)
    {
        var sheet = source.SheetNames.FirstOrDefault() ?? throw new DomainException(new("文件中没有工作表", "The file has no sheet"), "file");
        var rows = source.Rows(sheet).ToList();
        var headerIndex = rows.Take(LedgerHeader.SearchRows).ToList().FindIndex(r =>
        {
            var fields = r.Cells.Select(c => FieldOf(Key(LedgerValues.AsText(c)))).ToList();
            return fields.Any(f => f is Field.Uscc or Field.Name) && fields.Any(f => f is Field.Output or Field.Revenue or Field.Tax or Field.Employees);
        });
        if (headerIndex < 0)
        {
            throw new DomainException(
                new($"前{LedgerHeader.SearchRows}行中找不到表头：需要“统一社会信用代码”或“企业名称”列，以及工业总产值、营业收入、税金、从业人员中至少一列",
                    $"No header in the first {LedgerHeader.SearchRows} rows: it needs 统一社会信用代码 or 企业名称, and at least one of 工业总产值, 营业收入, 税金, 从业人员"),
                "file");
        }

        var problems = new List<LedgerProblem>();
        var header = rows[headerIndex];
        // A merged title cell reads as the same text in every cell it spans: each text once, and "；" between
        // texts so that one's unit does not run into the next.
        var title = string.Join("；", rows.Take(headerIndex).SelectMany(r => r.Cells.Select(LedgerValues.AsText)).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct());
        var foldedTitle = LedgerParser.FoldWidth(title).Replace(" ", "", StringComparison.Ordinal);
        decimal? titleFactor = null;
        if (TitleUnit().Match(foldedTitle) is { Success: true } tu)
        {
            titleFactor = LedgerHeader.MoneyFactor(tu.Groups["u"].Value);
            if (titleFactor is null)
            {
                problems.Add(new(sheet, rows.Take(headerIndex).Last(r => r.Cells.Any(c => LedgerValues.AsText(c).Contains("单位", StringComparison.Ordinal))).Number,
                    null, tu.Groups["u"].Value, new($"金额单位“{tu.Groups["u"].Value}”无法识别：应为万元、千元或亿元", $"The money unit \"{tu.Groups["u"].Value}\" is not known: use 万元, 千元 or 亿元")));
            }
        }

        // The month: the title's first, then the option; both and different is refused.
        var titlePeriod = IndicatorImport.PeriodIn(foldedTitle);
        Period? period = titlePeriod ?? given;
        PeriodSource? periodSource = titlePeriod is not null ? PeriodSource.Title : given is not null ? PeriodSource.Option : null;
        if (titlePeriod is { } tp && given is { } gp && tp != gp)
        {
            problems.Add(new(sheet, rows.Take(headerIndex).Select(r => r.Number).DefaultIfEmpty(1).First(), null, title.Trim(),
                new($"文件标题写明的是{tp.Year}年{tp.Month}月，与指定的月份{gp}不一致", $"The file's title names {tp}, but the period given is {gp}")));
        }

        if (period is null)
        {
            throw new DomainException(new("文件标题中没有月份（如“2024年1-3月”），请用 --period 指定，如 2024-03", "The file's title names no month (such as 2024年1-3月): give one with --period, e.g. 2024-03"), "period");
        }

        if (period.Value.FirstDay > DeskDate.Of(at))
        {
            problems.Add(new(sheet, rows.Take(headerIndex).Select(r => r.Number).DefaultIfEmpty(header.Number).First(), null, period.Value.ToString(),
                new($"{period.Value.Year}年{period.Value.Month}月尚未开始，不能导入该月数据", $"The month {period.Value} has not begun; its figures cannot be imported")));
        }

        var titleYtd = YtdRange().Match(foldedTitle) is { Success: true } r0 && int.Parse(r0.Groups["m"].Value, CultureInfo.InvariantCulture) > 1
            || foldedTitle.Contains("季度", StringComparison.Ordinal) || foldedTitle.Contains("上半年", StringComparison.Ordinal) || foldedTitle.Contains("前", StringComparison.Ordinal) && foldedTitle.Contains("个月", StringComparison.Ordinal);

        // A second header row: sub-labels under a merged indicator (本月 / 1-3月累计 / 上年同期 / 增长).
        var texts = header.Cells.Select(LedgerValues.AsText).ToList();
        var sub = headerIndex + 1 < rows.Count ? rows[headerIndex + 1].Cells.Select(LedgerValues.AsText).ToList() : [];
        var twoRows = sub.Any(t => t.Length > 0 && (CumulativeIn(t) is not null || Ignored(t)));
        var headerRowNumber = twoRows ? rows[headerIndex + 1].Number : header.Number;
        var columns = new List<Column>();
        var aliases = new Dictionary<string, int>();
        string? carried = null;
        for (var i = 0; i < Math.Max(texts.Count, sub.Count); i++)
        {
            var top = i < texts.Count ? texts[i] : "";
            var bottom = twoRows && i < sub.Count ? sub[i] : "";
            carried = top.Length > 0 ? top : carried;
            var name = top.Length == 0 && bottom.Length > 0 ? carried ?? "" : top;
            var (key, unit) = LedgerHeader.Normalize(name);
            if (FieldOf(key) is not { } field || (bottom.Length > 0 && Ignored(bottom)))
            {
                continue;
            }

            var full = bottom.Length > 0 ? $"{name} {bottom}" : name;
            var (_, subUnit) = LedgerHeader.Normalize(bottom);
            unit ??= subUnit;
            var factor = 1m;
            if (IsMoney(field))
            {
                if (unit is { Length: > 0 } u)
                {
                    if (LedgerHeader.MoneyFactor(u) is { } f)
                    {
                        factor = f;
                    }
                    else
                    {
                        problems.Add(new(sheet, headerRowNumber, full, u, new($"“{full}”的单位“{u}”不是金额单位：应为万元、千元或亿元", $"The unit \"{u}\" of \"{full}\" is no money unit: use 万元, 千元 or 亿元")));
                        continue;
                    }
                }
                else if (titleFactor is { } tf)
                {
                    factor = tf;
                }
                else
                {
                    problems.Add(new(sheet, headerRowNumber, full, null, new($"“{full}”未注明金额单位：请在表头或标题中写明万元、千元或亿元", $"\"{full}\" states no money unit: write 万元, 千元 or 亿元 in the header or the title")));
                    continue;
                }
            }

            var cumulative = IsMoney(field) && (CumulativeIn(bottom) ?? CumulativeIn(name) ?? titleYtd);
            var sameField = columns.FirstOrDefault(c => c.Field == field);
            if (sameField is not null)
            {
                // 本月 wins over 累计 when the file has both.
                if (sameField.Cumulative && !cumulative)
                {
                    columns.Remove(sameField);
                }
                else
                {
                    continue;
                }
            }

            columns.Add(new Column(field, i, full, factor, cumulative));
            aliases.TryAdd(full, i);
        }

        Column? Col(Field f) => columns.FirstOrDefault(c => c.Field == f);
        var ucol = Col(Field.Uscc);
        var ncol = Col(Field.Name);
        var valueColumns = columns.Where(c => c.Field is not (Field.Uscc or Field.Name)).ToList();
        var month = period.Value;
        var parsed = new List<Row>();
        foreach (var row in rows.Skip(headerIndex + (twoRows ? 2 : 1)).Where(r => !r.IsBlank))
        {
            var usccText = ucol is null ? "" : row.TextAt(ucol.Index).Trim();
            var name = ncol is null ? "" : row.TextAt(ncol.Index).Trim();
            var first = string.Join("", row.Cells.Take(3).Select(LedgerValues.AsText)).Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);
            if (Totals.Any(t => Key(name) == t || Key(usccText) == t || first.EndsWith(t, StringComparison.Ordinal) || first.StartsWith(t, StringComparison.Ordinal)) || Key(name).StartsWith("其中", StringComparison.Ordinal))
            {
                continue;
            }

            var before = problems.Count;
            if (usccText.Length == 0 && name.Length == 0)
            {
                problems.Add(new(sheet, row.Number, ncol?.Header ?? ucol?.Header, null, new("该行没有统一社会信用代码或企业名称", "The row names no enterprise (no USCC, no name)")));
            }

            if (usccText.Length > 0)
            {
                try
                {
                    _ = new Uscc(usccText);
                }
                catch (DomainException e)
                {
                    problems.Add(new(sheet, row.Number, ucol!.Header, usccText, e.Text));
                }
            }

            var values = new Dictionary<Field, decimal>();
            foreach (var c in valueColumns)
            {
                var cell = c.Index < row.Cells.Count ? row.Cells[c.Index] : null;
                var text = LedgerValues.AsText(cell).Trim();
                if (text.Length == 0 || text is "-" or "—" or "--" or "——" or "/")
                {
                    continue;
                }

                try
                {
                    var (n, u) = LedgerParser.ParseNumber(cell);
                    if (c.Field == Field.Employees)
                    {
                        values[c.Field] = n >= 0 && n == decimal.Truncate(n) && n <= int.MaxValue ? n : throw new FormatException();
                    }
                    else
                    {
                        var v = n * (u is null ? c.Factor : LedgerHeader.MoneyFactor(u) ?? throw new FormatException());
                        if (v < 0 && c.Field != Field.Tax)
                        {
                            problems.Add(new(sheet, row.Number, c.Header, text, new("不能为负数", "Cannot be negative")));
                            continue;
                        }

                        values[c.Field] = v;
                    }
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    problems.Add(new(sheet, row.Number, c.Header, text, c.Field == Field.Employees
                        ? new("从业人员应为不小于0的整数", "Employees must be a whole number, 0 or more")
                        : new("不是数字", "Not a number")));
                }
            }

            // A row with no figures at all (an enterprise of the template left blank) changes nothing.
            if (problems.Count == before && values.Count > 0)
            {
                parsed.Add(new Row(row.Number, usccText.Length > 0 ? new Uscc(usccText).Value : null, name, values));
            }
        }

        // Matching: by credit code, else by exact name, among the enterprises the unit keeps.
        var scope = tree.Subtree(scopeUnitId);
        var kept = await db.Enterprises.Where(e => scope.Contains(e.OwnerUnitId)).ToListAsync(ct);
        var usccs = parsed.Where(p => p.Uscc is not null).Select(p => new Uscc(p.Uscc!)).ToList();
        var elsewhere = new HashSet<string>();
        foreach (var group in Lookups.InGroups(usccs))
        {
            foreach (var e in await db.Enterprises.AsNoTracking().Where(e => group.Contains(e.Uscc) && !scope.Contains(e.OwnerUnitId)).Select(e => e.Uscc).ToListAsync(ct))
            {
                elsewhere.Add(e.Value);
            }
        }

        var unitName = tree[scopeUnitId].Name;
        var owner = createMissing ? await db.OrgUnits.FirstAsync(u => u.Id == scopeUnitId, ct) : null;
        var matched = new List<(Row Row, Enterprise Enterprise, bool Fresh)>();
        var rowOf = new Dictionary<string, int>();
        foreach (var p in parsed)
        {
            Enterprise? e;
            var fresh = false;
            if (p.Uscc is { } u)
            {
                e = kept.FirstOrDefault(x => x.Uscc.Value == u);
                if (e is null && elsewhere.Contains(u))
                {
                    problems.Add(new(sheet, p.Number, ucol!.Header, u, new($"统一社会信用代码为{u}的企业由其他单位登记，不在{unitName}的企业库中", $"The enterprise with the USCC {u} is registered by another unit, not in {unitName}'s register")));
                    continue;
                }

                if (e is null && createMissing)
                {
                    try
                    {
                        e = new Enterprise(new Uscc(u), p.Name, owner!);
                        fresh = true;
                        kept.Add(e);
                    }
                    catch (DomainException ex)
                    {
                        problems.Add(new(sheet, p.Number, ncol?.Header ?? "企业名称", p.Name, ex.Text));
                        continue;
                    }
                }
            }
            else
            {
                var named = kept.Where(x => x.Name == p.Name).ToList();
                if (named.Count > 1)
                {
                    problems.Add(new(sheet, p.Number, ncol!.Header, p.Name, new($"{unitName}的企业库中有{named.Count}家企业名为“{p.Name}”，请填写统一社会信用代码", $"{unitName}'s register has {named.Count} enterprises named \"{p.Name}\": give the USCC")));
                    continue;
                }

                e = named.FirstOrDefault();
                if (e is null && createMissing)
                {
                    problems.Add(new(sheet, p.Number, ncol!.Header, p.Name, new("企业库中没有该企业；新建企业需要统一社会信用代码", "No such enterprise in the register; registering a new one needs its USCC")));
                    continue;
                }
            }

            if (e is null)
            {
                var (column, value) = p.Uscc is not null ? (ucol!.Header, p.Uscc) : (ncol!.Header, p.Name);
                problems.Add(new(sheet, p.Number, column, value, new(
                    $"{unitName}的企业库中没有该企业（{(p.Uscc is not null ? "统一社会信用代码" : "企业名称")}“{value}”）；请先登记，或使用 --create-missing 登记到{unitName}",
                    $"No such enterprise in {unitName}'s register ({(p.Uscc is not null ? "USCC" : "name")} \"{value}\"); register it first, or use --create-missing to register it to {unitName}")));
                continue;
            }

            if (!rowOf.TryAdd(e.Uscc.Value, p.Number))
            {
                problems.Add(new(sheet, p.Number, (ucol ?? ncol)!.Header, p.Uscc ?? p.Name, new($"与第{rowOf[e.Uscc.Value]}行是同一家企业（{e.Name}）", $"The same enterprise as row {rowOf[e.Uscc.Value]} ({e.Name})")));
                continue;
            }

            matched.Add((p, e, fresh));
        }

        // A year-to-date figure less the enterprise's approved earlier months of the year is the month's own.
        var cumulativeFields = valueColumns.Where(c => c.Cumulative).Select(c => c.Field).ToList();
        var ids = matched.Where(m => !m.Fresh).Select(m => m.Enterprise.Id).ToList();
        var year = month.Year;
        var earlier = cumulativeFields.Count == 0 || month.Month == 1 ? [] : await db.EnterpriseMonths.AsNoTracking()
            .Where(m => ids.Contains(m.EnterpriseId) && m.Period >= new Period(year, 1) && m.Period < month && m.Status == ReportStatus.Approved).ToListAsync(ct);
        var existing = await db.EnterpriseMonths.Where(m => ids.Contains(m.EnterpriseId) && m.Period == month).ToListAsync(ct);
        var changes = new List<FiguresChange>();
        // A figure the row gives replaces the recorded one; a column the file lacks, or a cell left blank, keeps it.
        static MonthFields Replaces(Row row) => row.Values.Keys.Aggregate(MonthFields.None, (a, f) => a | f switch
        {
            Field.Output => MonthFields.Output,
            Field.Revenue => MonthFields.Revenue,
            Field.Tax => MonthFields.Tax,
            _ => MonthFields.Employees,
        });
        var stored = new List<(Enterprise Enterprise, MonthFigures Figures, EnterpriseMonth? Existing, MonthFields Replaces)>();
        foreach (var (p, e, fresh) in matched)
        {
            var before = problems.Count;
            Money? Own(Field f)
            {
                if (!p.Values.TryGetValue(f, out var v))
                {
                    return null;
                }

                var c = Col(f)!;
                if (!c.Cumulative || month.Month == 1)
                {
                    return new Money(v);
                }

                var sum = 0m;
                for (var m = 1; m < month.Month; m++)
                {
                    var record = earlier.FirstOrDefault(x => x.EnterpriseId == e.Id && x.Period == new Period(year, m));
                    Money? got = record is null ? null : f switch { Field.Output => record.Output, Field.Revenue => record.Revenue, _ => record.Tax };
                    if (got is null)
                    {
                        problems.Add(new(sheet, p.Number, c.Header, v.ToString(CultureInfo.InvariantCulture), new(
                            $"这是{year}年1-{month.Month}月的累计数，但{e.Name}没有已审核的{year}年{m}月数据，算不出{month.Month}月当月数；请先导入前几个月，或使用含“本月”列的表",
                            $"This is the {year} January–{month.Month} total, but {e.Name} has no approved {new Period(year, m)} figure, so {month} alone cannot be worked out; import the earlier months first, or use a table with a 本月 column")));
                        return null;
                    }

                    sum += got.Value.Wan;
                }

                var own = v - sum;
                if (own < 0 && f != Field.Tax)
                {
                    problems.Add(new(sheet, p.Number, c.Header, v.ToString(CultureInfo.InvariantCulture), new(
                        $"累计数小于{e.Name}已有的1-{month.Month - 1}月之和（{sum.ToString(CultureInfo.InvariantCulture)}万元）", $"The year-to-date total is less than {e.Name}'s January–{month.Month - 1} sum already recorded ({sum.ToString(CultureInfo.InvariantCulture)} 万元)")));
                    return null;
                }

                return new Money(own);
            }

            var figures = new MonthFigures
            {
                Output = Own(Field.Output),
                Revenue = Own(Field.Revenue),
                Tax = Own(Field.Tax),
                Employees = p.Values.TryGetValue(Field.Employees, out var n) ? (int)n : null,
            };
            if (problems.Count > before)
            {
                continue;
            }

            var record = existing.FirstOrDefault(x => x.EnterpriseId == e.Id);
            stored.Add((e, figures, record, Replaces(p)));
            changes.Add(new FiguresChange(p.Number, e.Uscc.Value, e.Name, record is null ? ChangeKind.New : ChangeKind.Updated, figures));
        }

        if (problems.Count > 0 || dryRun)
        {
            db.ChangeTracker.Clear();
            return new FiguresImportResult(sheet, headerRowNumber, period, periodSource, cumulativeFields.Count > 0, problems.Count > 0 ? [] : changes, problems, aliases, false)
            {
                Created = problems.Count > 0 ? 0 : matched.Count(m => m.Fresh),
            };
        }

        db.Enterprises.AddRange(matched.Where(m => m.Fresh).Select(m => m.Enterprise));
        foreach (var (e, figures, record, replaces) in stored)
        {
            if (record is null)
            {
                var fresh = new EnterpriseMonth(e, month, figures, by, at, needsReview: false);
                fresh.Import(figures, MonthFields.Output | MonthFields.Revenue | MonthFields.Tax | MonthFields.Employees, by, at);
                db.EnterpriseMonths.Add(fresh);
            }
            else
            {
                record.Import(figures, replaces, by, at);
            }
        }

        await db.SaveChangesAsync(ct);
        return new FiguresImportResult(sheet, headerRowNumber, period, periodSource, cumulativeFields.Count > 0, changes, problems, aliases, true) { Created = matched.Count(m => m.Fresh) };
    }

    [GeneratedRegex(@"(?:金额|计量)?单位[:：](?<u>[^\s,，;；)）]+)")]
    private static partial Regex TitleUnit();

    [GeneratedRegex(@"1[-—～~至](?<m>\d{1,2})月")]
    private static partial Regex YtdRange();
}
