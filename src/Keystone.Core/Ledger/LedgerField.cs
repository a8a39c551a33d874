namespace Keystone.Core.Ledger;

/// <summary>The columns of the standard ledger (台账) format of docs/domain.md, in their standard order.</summary>
public enum LedgerField
{
    Code,
    Name,
    City,
    Unit,
    Levels,
    Category,
    IndustryChain,
    Nature,
    Enterprise,
    Uscc,
    Content,
    TotalInvestment,
    AnnualPlan,
    YearToDate,
    Cumulative,
    PlannedStart,
    ActualStart,
    StartDate,
    PlannedCompletion,
    Status,
    ImageProgress,
    LandArea,
    FloorArea,
    OutputValue,
    Tax,
    Jobs,
    Leader,
    ResponsibleUnit,
    Contact,
    Problems,
    Remarks,

    /// <summary>上级项目编号: the project this row's project is a phase or part of (optional, last so older files still line up).</summary>
    Parent,
}

public static class LedgerFormat
{
    /// <summary>The standard header of each field, exactly as the template prints it.</summary>
    public static string Header(LedgerField field) => field switch
    {
        LedgerField.Code => "项目编号",
        LedgerField.Name => "项目名称",
        LedgerField.City => "所属地市",
        LedgerField.Unit => "所属区域",
        LedgerField.Levels => "项目级别",
        LedgerField.Category => "项目类别",
        LedgerField.IndustryChain => "产业链",
        LedgerField.Nature => "建设性质",
        LedgerField.Enterprise => "项目单位",
        LedgerField.Uscc => "统一社会信用代码",
        LedgerField.Content => "建设内容及规模",
        LedgerField.TotalInvestment => "总投资（万元）",
        LedgerField.AnnualPlan => "年度计划投资（万元）",
        LedgerField.YearToDate => "本年完成投资（万元）",
        LedgerField.Cumulative => "累计完成投资（万元）",
        LedgerField.PlannedStart => "计划开工时间",
        LedgerField.ActualStart => "实际开工时间",
        LedgerField.StartDate => "本年开复工时间",
        LedgerField.PlannedCompletion => "计划竣工时间",
        LedgerField.Status => "项目状态",
        LedgerField.ImageProgress => "形象进度",
        LedgerField.LandArea => "占地面积（亩）",
        LedgerField.FloorArea => "建筑面积（㎡）",
        LedgerField.OutputValue => "达产后年产值（万元）",
        LedgerField.Tax => "年纳税（万元）",
        LedgerField.Jobs => "就业岗位（个）",
        LedgerField.Leader => "责任领导",
        LedgerField.ResponsibleUnit => "责任单位",
        LedgerField.Contact => "联系人",
        LedgerField.Problems => "存在问题",
        LedgerField.Remarks => "备注",
        LedgerField.Parent => "上级项目编号",
    };

    public static readonly IReadOnlyList<LedgerField> Fields = Enum.GetValues<LedgerField>();

    /// <summary>Columns a ledger must have: name, unit, nature, total investment.</summary>
    public static readonly IReadOnlyList<LedgerField> Required =
        [LedgerField.Name, LedgerField.Unit, LedgerField.Nature, LedgerField.TotalInvestment];

    /// <summary>The field name used in `--map 表头=字段` and in JSON (camelCase of the enum).</summary>
    public static string Key(LedgerField field) => char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..];

    /// <summary>A field by its key ("annualPlan"), its standard header ("年度计划投资（万元）") or that header without the unit.</summary>
    public static LedgerField? FromKey(string key) =>
        Fields.Cast<LedgerField?>().FirstOrDefault(f => string.Equals(Key(f!.Value), key.Trim(), StringComparison.OrdinalIgnoreCase)
            || Header(f!.Value) == key.Trim()
            || LedgerHeader.Normalize(Header(f!.Value)).Key == LedgerHeader.Normalize(key).Key);

    /// <summary>
    /// Parses `--map` entries ("表头=字段"): the header as the file writes it, the field by key or standard name,
    /// or "-" to leave a column out.
    /// Every entry that cannot be read is refused, naming the fields there are.
    /// </summary>
    public static IReadOnlyDictionary<string, LedgerField?> ParseMap(IEnumerable<string> entries)
    {
        var map = new Dictionary<string, LedgerField?>();
        var errors = new List<DomainException>();
        foreach (var entry in entries.Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            var parts = entry.Split('=', 2);
            if (parts.Length == 2 && parts[0].Trim().Length > 0 && parts[1].Trim() is "-" or "skip" or "忽略" or "不导入")
            {
                map[parts[0].Trim()] = null;
                continue;
            }

            if (parts.Length != 2 || parts[0].Trim().Length == 0 || FromKey(parts[1]) is not { } field)
            {
                errors.Add(new(
                    new($"无法识别映射“{entry}”：应写作 表头=字段，字段可用 {string.Join("、", Fields.Select(Key))} 或标准表头",
                        $"Cannot read the mapping \"{entry}\": write header=field, the field being one of {string.Join(", ", Fields.Select(Key))} or a standard header"),
                    "map"));
                continue;
            }

            map[parts[0].Trim()] = field;
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return map;
    }
}
