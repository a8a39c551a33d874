using System.Globalization;
using System.Text.RegularExpressions;
using Keystone.Core.Ledger;

namespace Keystone.Core.Enterprises.Service;

/// <summary>The columns of the enterprise register (企业库) file.</summary>
public enum RegisterField
{
    Uscc,
    Name,
    Unit,
    IndustryCode,
    IndustryName,
    AboveScale,
    AboveScaleSince,
    ChainLeader,
    Employees,
    LastYearOutput,
    LastYearRevenue,
    Address,
    Contact,
    Phone,
    LiaisonName,
    LiaisonDepartment,

    /// <summary>产业链: one of the owner unit's chains (the chain map's), by name.</summary>
    Chain,

    /// <summary>产业链环节: a link of that chain, by name.</summary>
    Link,
}

/// <summary>One good row of a register file: the enterprise it names and what the file says of it (its chain and link as written: the import looks them up).</summary>
public sealed record RegisterRow(int Row, Uscc Uscc, string Name, string? Unit, EnterpriseProfile Profile, Liaison? Liaison, string? Chain = null, string? Link = null);

/// <summary>A register file read: its rows when every row is good, and every problem found (rows are kept only when there are none).</summary>
public sealed record RegisterRead(
    string Sheet, int HeaderRow, IReadOnlyList<RegisterRow> Rows, IReadOnlyList<LedgerProblem> Problems,
    IReadOnlySet<RegisterField> Present, IReadOnlyDictionary<string, int> Columns);

/// <summary>
/// Reads the enterprise register (企业库) from .xlsx, .xls or .csv with the ledger's conventions: the header found
/// below title rows and matched by its common variants (with or without the unit, full-width brackets),
/// amounts in 亿元/万元/元 by the header, the cell or a "单位：亿元" title row, every problem named by sheet,
/// row, column, value and reason, and no rows handed on from a file with any bad row.
/// </summary>
public static partial class RegisterFile
{
    /// <summary>The standard headers, in the order export writes them.</summary>
    public static string Header(RegisterField field) => field switch
    {
        RegisterField.Uscc => "统一社会信用代码",
        RegisterField.Name => "企业名称",
        RegisterField.Unit => "所属区域",
        RegisterField.IndustryCode => "行业代码",
        RegisterField.IndustryName => "行业名称",
        RegisterField.AboveScale => "是否规上",
        RegisterField.AboveScaleSince => "入规时间",
        RegisterField.ChainLeader => "是否链主",
        RegisterField.Employees => "从业人员（人）",
        RegisterField.LastYearOutput => "上年产值（万元）",
        RegisterField.LastYearRevenue => "上年营业收入（万元）",
        RegisterField.Address => "地址",
        RegisterField.Contact => "联系人",
        RegisterField.Phone => "联系电话",
        RegisterField.LiaisonName => "包联干部",
        RegisterField.LiaisonDepartment => "包联单位",
        RegisterField.Chain => "产业链",
        RegisterField.Link => "产业链环节",
    };

    public static IReadOnlyList<RegisterField> Fields { get; } = Enum.GetValues<RegisterField>();

    private static readonly Dictionary<string, RegisterField> Names = Build();

    private static Dictionary<string, RegisterField> Build()
    {
        var names = new Dictionary<string, RegisterField>();
        void Add(RegisterField field, params string[] variants)
        {
            foreach (var v in variants.Append(Header(field)))
            {
                names[LedgerHeader.Normalize(v).Key] = field;
            }
        }

        Add(RegisterField.Uscc, "社会信用代码", "信用代码", "统一代码", "USCC", "组织机构代码");
        Add(RegisterField.Name, "企业", "单位名称", "名称", "企业全称", "项目单位");
        Add(RegisterField.Unit, "所属开发区", "开发区", "所属园区", "园区", "区域", "所在区域", "所属区县", "区县");
        Add(RegisterField.IndustryCode, "国民经济行业代码", "国民经济行业分类代码", "行业分类代码", "行业类别代码");
        Add(RegisterField.IndustryName, "行业", "所属行业", "国民经济行业", "国民经济行业分类", "行业类别", "行业分类");
        Add(RegisterField.AboveScale, "规上", "规上企业", "是否规上企业", "规模以上", "是否规模以上");
        Add(RegisterField.AboveScaleSince, "入统时间", "入规月份", "入统月份", "纳统时间", "上规时间");
        Add(RegisterField.ChainLeader, "链主", "链主企业", "是否链主企业");
        Add(RegisterField.Employees, "从业人员", "从业人数", "职工人数", "员工人数", "用工人数");
        Add(RegisterField.LastYearOutput, "上年产值", "上年工业总产值", "上年度产值", "去年产值");
        Add(RegisterField.LastYearRevenue, "上年营业收入", "上年营收", "上年主营业务收入", "上年度营业收入", "去年营业收入");
        Add(RegisterField.Address, "企业地址", "注册地址", "生产经营地址", "地点");
        Add(RegisterField.Contact, "企业联系人");
        Add(RegisterField.Phone, "电话", "手机", "联系方式", "联系人电话");
        Add(RegisterField.LiaisonName, "包联领导", "包联人", "包联责任人", "服务专员");
        Add(RegisterField.LiaisonDepartment, "包联部门", "包联责任单位");
        Add(RegisterField.Chain, "所属产业链", "产业链名称");
        Add(RegisterField.Link, "环节", "链条环节", "所属环节", "产业链条环节");
        return names;
    }

    private static Dictionary<RegisterField, (int Index, decimal Factor)> Columns(RawRow row, decimal sheetFactor)
    {
        var columns = new Dictionary<RegisterField, (int, decimal)>();
        for (var i = 0; i < row.Cells.Count; i++)
        {
            var (key, unit) = LedgerHeader.Normalize(row.TextAt(i));
            if (key.Length > 0 && Names.TryGetValue(key, out var field))
            {
                columns.TryAdd(field, (i, LedgerHeader.MoneyFactor(unit) ?? sheetFactor));
            }
        }

        return columns;
    }

    /// <summary>Reads <paramref name="sheet"/> (the first sheet when none). <paramref name="year"/> places a month written without a year.</summary>
    public static RegisterRead Read(LedgerSource source, int year, string? sheet = null)
    {
        var chosen = sheet is { Length: > 0 } ? sheet : source.SheetNames.FirstOrDefault() ?? throw new DomainException(new("文件中没有工作表", "The file has no sheet"), "file");
        using var rows = source.Rows(chosen).GetEnumerator();
        var top = new List<RawRow>();
        while (top.Count < LedgerHeader.SearchRows && rows.MoveNext())
        {
            top.Add(rows.Current);
        }

        var sheetFactor = 1m;
        RawRow? headerRow = null;
        foreach (var row in top)
        {
            var found = Columns(row, sheetFactor);
            if (found.ContainsKey(RegisterField.Uscc) && found.ContainsKey(RegisterField.Name))
            {
                headerRow = row;
                break;
            }

            foreach (var text in row.Cells.Select(LedgerValues.AsText))
            {
                if (UnitHint().Match(LedgerParser.FoldWidth(text).Replace(" ", "", StringComparison.Ordinal)) is { Success: true } u)
                {
                    sheetFactor = LedgerHeader.MoneyFactor(u.Groups["u"].Value) ?? sheetFactor;
                }
            }
        }

        if (headerRow is null)
        {
            throw new DomainException(
                new($"工作表“{chosen}”前{LedgerHeader.SearchRows}行中找不到企业库表头：至少需要“统一社会信用代码”和“企业名称”两列",
                    $"No register header in the first {LedgerHeader.SearchRows} rows of \"{chosen}\": it needs at least the columns 统一社会信用代码 and 企业名称"),
                "file");
        }

        var columns = Columns(headerRow, sheetFactor);
        var problems = new List<LedgerProblem>();
        var good = new List<RegisterRow>();
        var rowOf = new Dictionary<Uscc, int>();
        foreach (var row in top.Where(r => r.Number > headerRow.Number).Concat(Rest(rows)).Where(r => !r.IsBlank))
        {
            if (row.HasOverlongCell)
            {
                problems.AddRange(row.OverlongProblems(chosen, headerRow.TextAt));
                continue;
            }

            var before = problems.Count;
            object? Cell(RegisterField f) => columns.TryGetValue(f, out var c) && c.Index < row.Cells.Count ? row.Cells[c.Index] : null;
            string Text(RegisterField f) => LedgerValues.AsText(Cell(f)).Trim();
            void Problem(RegisterField f, string value, Text reason) =>
                problems.Add(new LedgerProblem(chosen, row.Number, columns.TryGetValue(f, out var c) ? headerRow.TextAt(c.Index) : Header(f), value, reason));

            Uscc? uscc = null;
            try
            {
                uscc = new Uscc(Text(RegisterField.Uscc));
                if (!rowOf.TryAdd(uscc.Value, row.Number))
                {
                    Problem(RegisterField.Uscc, Text(RegisterField.Uscc), new($"统一社会信用代码与第{rowOf[uscc.Value]}行重复", $"The USCC repeats row {rowOf[uscc.Value]}"));
                }
            }
            catch (DomainException e)
            {
                Problem(RegisterField.Uscc, Text(RegisterField.Uscc), e.Text);
            }

            var name = Text(RegisterField.Name);
            if (name.Length is 0 or > Projects.Enterprise.MaxNameLength)
            {
                Problem(RegisterField.Name, name, new("企业名称不能为空，且不超过200字", "The enterprise name is required and at most 200 characters"));
            }

            bool Flag(RegisterField f)
            {
                var t = Text(f);
                if (t.Length == 0)
                {
                    return false;
                }

                if (Yes(t) is { } yes)
                {
                    return yes;
                }

                Problem(f, t, new("应填“是”或“否”", "Use 是 (yes) or 否 (no)"));
                return false;
            }

            decimal? Number(RegisterField f)
            {
                if (Text(f).Length == 0)
                {
                    return null;
                }

                try
                {
                    var (n, unit) = LedgerParser.ParseNumber(Cell(f));
                    return n * (unit is null ? columns[f].Factor : LedgerHeader.MoneyFactor(unit) ?? throw new FormatException());
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    Problem(f, Text(f), new("不是数字", "Not a number"));
                    return null;
                }
            }

            Money? Amount(RegisterField f) => Number(f) is { } wan ? new Money(wan) : null;

            int? employees = null;
            if (Text(RegisterField.Employees).Length > 0)
            {
                try
                {
                    var (n, _) = LedgerParser.ParseNumber(Cell(RegisterField.Employees));
                    employees = n >= 0 && n == decimal.Truncate(n) && n <= int.MaxValue ? (int)n : throw new FormatException();
                }
                catch (Exception e) when (e is FormatException or OverflowException)
                {
                    Problem(RegisterField.Employees, Text(RegisterField.Employees), new("从业人员应为不小于0的整数", "Employees must be a whole number, 0 or more"));
                }
            }

            Period? since = null;
            if (Text(RegisterField.AboveScaleSince).Length > 0)
            {
                if (LedgerDates.Parse(Cell(RegisterField.AboveScaleSince), year, out var date, out var why))
                {
                    since = Period.Of(date);
                }
                else
                {
                    Problem(RegisterField.AboveScaleSince, Text(RegisterField.AboveScaleSince), why);
                }
            }

            var profile = new EnterpriseProfile
            {
                IndustryCode = Text(RegisterField.IndustryCode),
                IndustryName = Text(RegisterField.IndustryName),
                AboveScale = Flag(RegisterField.AboveScale),
                AboveScaleSince = since,
                ChainLeader = Flag(RegisterField.ChainLeader),
                Employees = employees,
                LastYearOutput = Amount(RegisterField.LastYearOutput),
                LastYearRevenue = Amount(RegisterField.LastYearRevenue),
                Address = Text(RegisterField.Address),
                Contact = Text(RegisterField.Contact),
                Phone = Text(RegisterField.Phone),
            };
            try
            {
                profile = profile.Checked();
            }
            catch (ValidationException e)
            {
                foreach (var error in e.Errors)
                {
                    var field = FieldOf(error.Field);
                    Problem(field, Text(field), error.Text);
                }
            }

            Liaison? liaison = null;
            if (Text(RegisterField.LiaisonName).Length > 0)
            {
                try
                {
                    liaison = new Liaison(null, Text(RegisterField.LiaisonName), Text(RegisterField.LiaisonDepartment)).Checked();
                }
                catch (DomainException e)
                {
                    Problem(RegisterField.LiaisonName, Text(RegisterField.LiaisonName), e.Text);
                }
            }
            else if (Text(RegisterField.LiaisonDepartment).Length > 0)
            {
                Problem(RegisterField.LiaisonName, "", new("填写了包联单位，请同时填写包联干部", "A liaison department is given without the liaison officer"));
            }

            if (problems.Count == before)
            {
                good.Add(new RegisterRow(
                    row.Number, uscc!.Value, name, Text(RegisterField.Unit) is { Length: > 0 } unit ? unit : null, profile, liaison,
                    Text(RegisterField.Chain) is { Length: > 0 } chain ? chain : null, Text(RegisterField.Link) is { Length: > 0 } link ? link : null));
            }
        }

        if (problems.Count == 0 && good.Count == 0)
        {
            throw new DomainException(new($"工作表“{chosen}”没有企业", $"The sheet \"{chosen}\" has no enterprises"), "file");
        }

        return new RegisterRead(
            chosen, headerRow.Number, problems.Count == 0 ? good : [], problems, columns.Keys.ToHashSet(),
            columns.ToDictionary(c => Header(c.Key), c => c.Value.Index));
    }

    /// <summary>是/否 and the other ways ledgers write them; null when the text is neither.</summary>
    public static bool? Yes(string text) => LedgerParser.FoldWidth(text).Trim() switch
    {
        "是" or "√" or "Y" or "y" or "yes" or "Yes" or "1" or "规上" or "链主" => true,
        "否" or "×" or "N" or "n" or "no" or "No" or "0" or "" => false,
        _ => null,
    };

    private static RegisterField FieldOf(string? field) => field switch
    {
        "industryCode" => RegisterField.IndustryCode,
        "industryName" => RegisterField.IndustryName,
        "aboveScaleSince" => RegisterField.AboveScaleSince,
        "employees" => RegisterField.Employees,
        "lastYearOutput" => RegisterField.LastYearOutput,
        "lastYearRevenue" => RegisterField.LastYearRevenue,
        "address" => RegisterField.Address,
        "contact" => RegisterField.Contact,
        "phone" => RegisterField.Phone,
        _ => RegisterField.Name,
    };

    /// <summary>A register row's cells as export writes them and an import compares them.</summary>
    public static Dictionary<RegisterField, string> Cells(Projects.Enterprise e, string unit, ChainPlace? place) => Cells(e.Uscc, e.Name, unit, e.Profile, e.Liaison, place);

    public static Dictionary<RegisterField, string> Cells(Uscc uscc, string name, string unit, EnterpriseProfile p, Liaison? liaison, ChainPlace? place)
    {
        return new Dictionary<RegisterField, string>
        {
            [RegisterField.Uscc] = uscc.Value,
            [RegisterField.Name] = name,
            [RegisterField.Unit] = unit,
            [RegisterField.IndustryCode] = p.IndustryCode ?? "",
            [RegisterField.IndustryName] = p.IndustryName ?? "",
            [RegisterField.AboveScale] = p.AboveScale ? "是" : "否",
            [RegisterField.AboveScaleSince] = p.AboveScaleSince is { } s ? $"{s.Year}年{s.Month}月" : "",
            [RegisterField.ChainLeader] = p.ChainLeader ? "是" : "否",
            [RegisterField.Employees] = p.Employees?.ToString(CultureInfo.InvariantCulture) ?? "",
            [RegisterField.LastYearOutput] = p.LastYearOutput?.ToPlainString() ?? "",
            [RegisterField.LastYearRevenue] = p.LastYearRevenue?.ToPlainString() ?? "",
            [RegisterField.Address] = p.Address ?? "",
            [RegisterField.Contact] = p.Contact ?? "",
            [RegisterField.Phone] = p.Phone ?? "",
            [RegisterField.LiaisonName] = liaison?.Name ?? "",
            [RegisterField.LiaisonDepartment] = liaison?.Department ?? "",
            [RegisterField.Chain] = place?.Chain ?? "",
            [RegisterField.Link] = place?.Link ?? "",
        };
    }

    private static IEnumerable<RawRow> Rest(IEnumerator<RawRow> rows)
    {
        while (rows.MoveNext())
        {
            yield return rows.Current;
        }
    }

    [GeneratedRegex(@"(?:金额)?单位[:：](?<u>亿元|万元|元)")]
    private static partial Regex UnitHint();
}
