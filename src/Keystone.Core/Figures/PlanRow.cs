using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Core.Figures;

/// <summary>
/// One project's entry in year Y's plan, flattened with what the figures need from the project and its
/// latest report. The engines take these and nothing else, so the same figures come out of the API, the
/// pages, the briefings and the CLI. A set of rows holds at most one row per project.
/// </summary>
public sealed record PlanRow
{
    public required int ProjectId { get; init; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public required int UnitId { get; init; }

    /// <summary>上级项目: the project this one is a phase or part of (docs/domain.md "Parent projects").</summary>
    public int? ParentId { get; init; }

    /// <summary>Flags: a project on the provincial and the municipal list counts in both.</summary>
    public required ProjectLevels Levels { get; init; }

    public required ProjectCategory Category { get; init; }

    public string? IndustryChain { get; init; }

    /// <summary>Of year Y's plan entry, not of the project's history.</summary>
    public required Nature Nature { get; init; }

    public required Money TotalInvestment { get; init; }

    /// <summary>年度计划投资 of year Y.</summary>
    public required Money PlannedInvestment { get; init; }

    /// <summary>计划开工时间.</summary>
    public DateOnly? PlannedStart { get; init; }

    /// <summary>本年开复工时间: when the project broke ground or resumed in year Y.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>实际开工时间: the project's first start, possibly years before Y.</summary>
    public DateOnly? ActualStart { get; init; }

    /// <summary>
    /// 本年完成投资 of the latest report of year Y whose month is not after the as-of date's month; null when
    /// there is none (which the figures count as 0 but the briefing does not pretend is a reported 0).
    /// </summary>
    public Money? YearToDate { get; init; }

    /// <summary>
    /// 签约目标: a lead not yet signed stands behind this plan entry (docs/domain.md "Investment promotion"). It
    /// counts in the plan, but its start is not judged late: it is the promotion desk's to chase, not the ledger's.
    /// </summary>
    public bool SigningTarget { get; init; }
}
