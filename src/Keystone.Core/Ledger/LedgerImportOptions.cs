namespace Keystone.Core.Ledger;

/// <summary>How a ledger is imported: which sheet and year, how its headers map, and who is importing it.</summary>
public sealed record LedgerImportOptions
{
    /// <summary>
    /// The plan year the ledger's 年度计划投资, 建设性质 and 本年… columns belong to. When not given: the year a
    /// title row names ("2024年重点项目台账"), else the sheet's name, else the file's name, else the current year
    /// (<see cref="LedgerPlanYear"/>).
    /// </summary>
    public int? Year { get; init; }

    /// <summary>The sheet to import (`--sheet`); when not given, the first sheet with a ledger header.</summary>
    public string? Sheet { get; init; }

    /// <summary>Header → field for headers the importer cannot place by itself (`--map 表头=字段`).</summary>
    public IReadOnlyDictionary<string, LedgerField?>? Map { get; init; }

    /// <summary>Import the good rows and report the bad ones, instead of refusing the whole file.</summary>
    public bool GoodRowsOnly { get; init; }

    /// <summary>Check and count everything, change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// The month whose progress report the 本年完成投资, 累计完成投资 and 形象进度 columns fill. Defaults to
    /// December of a past plan year, or the current month when the plan year is this year.
    /// </summary>
    public Period? Period { get; init; }

    /// <summary>
    /// The province whose cities the rows name, and that new cities and zones go under (created when the database has no
    /// such province). Unset: the only province there is, else <see cref="DefaultProvince"/>. A user's import
    /// (<see cref="ScopeUnitId"/>) uses the user's own province instead.
    /// </summary>
    public string? Province { get; init; }

    /// <summary>The province a ledger that names none is of, when the database has several or none: the demo's.</summary>
    public const string DefaultProvince = "山西省";

    /// <summary>The row, time and memory limits past which an import is refused and changes nothing.</summary>
    public LedgerLimits Limits { get; init; } = LedgerLimits.Default;

    /// <summary>
    /// The unit the importing user keeps (null: the operator, no limit). A row of a unit outside it, or one
    /// that would create a unit outside it, is a problem like any other.
    /// </summary>
    public int? ScopeUnitId { get; init; }

    /// <summary>
    /// The correction reason (更正原因) for rows that change what a closed month counts — a plan entry of a year
    /// with a closed month, a report of a closed month; without one such a row is a problem. Kept with the entry.
    /// </summary>
    public string? CorrectionReason { get; init; }

    /// <summary>Who imports (the user name), kept with a correction.</summary>
    public string? By { get; init; }

    /// <summary>The file's name, for the audit log of what it created.</summary>
    public string? SourceName { get; init; }

    /// <summary>The reason the audit log and a name proposal give for what a row brought: "台账.xlsx 项目表 第12行".</summary>
    internal string RowReason(int row) => $"{SourceName ?? "台账"} {Sheet ?? ""} 第{row}行".Replace("  ", " ", StringComparison.Ordinal);
}
