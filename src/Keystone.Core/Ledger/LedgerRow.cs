using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Core.Ledger;

/// <summary>One ledger row, parsed and checked: everything the importer needs to upsert a project and its plan.</summary>
public sealed record LedgerRow
{
    /// <summary>The row number as Excel shows it (1-based, counting title rows).</summary>
    public required int RowNumber { get; init; }

    public string? Code { get; init; }

    public required string Name { get; init; }

    public string? City { get; init; }

    public required string Unit { get; init; }

    public required ProjectLevels Levels { get; init; }

    public required ProjectCategory Category { get; init; }

    public string? IndustryChain { get; init; }

    public required Nature Nature { get; init; }

    public string? Enterprise { get; init; }

    public Uscc? Uscc { get; init; }

    public string? Content { get; init; }

    public required Money TotalInvestment { get; init; }

    public Money? AnnualPlan { get; init; }

    public Money? YearToDate { get; init; }

    public Money? Cumulative { get; init; }

    public DateOnly? PlannedStart { get; init; }

    public DateOnly? ActualStart { get; init; }

    public DateOnly? StartDate { get; init; }

    /// <summary>本年开复工时间 was written to the month only ("3月", "3月上旬", "月底"): see <see cref="Plans.PlanEntry.StartDateApproximate"/>.</summary>
    public bool StartDateApproximate { get; init; }

    public DateOnly? PlannedCompletion { get; init; }

    public ProjectStatus? Status { get; init; }

    public string? ImageProgress { get; init; }

    public Area? LandArea { get; init; }

    public Area? FloorArea { get; init; }

    public Money? OutputValue { get; init; }

    public Money? Tax { get; init; }

    public int? Jobs { get; init; }

    public string? Leader { get; init; }

    public string? ResponsibleUnit { get; init; }

    public string? Contact { get; init; }

    public string? Problems { get; init; }

    public string? Remarks { get; init; }

    /// <summary>上级项目编号, checked as a project code; linked once every row is written.</summary>
    public string? Parent { get; init; }
}

/// <summary>A problem with one cell or row, in the user's terms: which sheet, which row as Excel shows it, which column, what value, why.</summary>
public sealed record LedgerProblem(string Sheet, int Row, string? Column, string? Value, Text Reason)
{
    public override string ToString() =>
        $"{Sheet} 第{Row}行" + (Column is null ? "" : $"「{Column}」") + (string.IsNullOrEmpty(Value) ? "" : $"“{Value}”") + $"：{Reason.Zh}";

    public string ToString(bool english) => english
        ? $"{Sheet} row {Row}" + (Column is null ? "" : $", column \"{Column}\"") + (string.IsNullOrEmpty(Value) ? "" : $", value \"{Value}\"") + $": {Reason.En}"
        : ToString();
}
