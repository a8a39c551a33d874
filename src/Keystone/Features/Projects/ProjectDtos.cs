using Keystone.Core;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Features.Projects;

public sealed record EnterpriseDto(string Uscc, string Name);

/// <summary>A plan entry as the API shows it, with the reason of its latest correction (更正原因), when and by whom.</summary>
public sealed record PlanDto(
    int Year, Nature Nature, decimal PlannedInvestment, DateOnly? PlannedStart, DateOnly? StartDate, string? CorrectionReason, DateTimeOffset? CorrectedAt, string? CorrectedBy, int Version = 1)
{
    public static PlanDto Of(AnnualPlan plan) =>
        new(plan.Year, plan.Nature, plan.PlannedInvestment.Wan, plan.PlannedStart, plan.StartDate, plan.CorrectionReason, plan.CorrectedAt, plan.CorrectedBy, plan.Version);
}

public sealed record ReportDto(
    string Period, decimal Month, decimal YearToDate, decimal Cumulative, string? ImageProgress, string? CorrectionReason, DateTimeOffset ReportedAt,
    ReportStatus Status, string? ReportedBy, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewComment, string? ProblemsMet = null, string? Problem = null, int Version = 1)
{
    /// <summary>The report as the API shows it, with the number of the problem its 存在问题 was raised as (<paramref name="problem"/>), if any.</summary>
    public static ReportDto Of(ProgressReport report, string? problem = null) =>
        new(report.Period.ToString(), report.MonthInvestment.Wan, report.YearToDate.Wan, report.Cumulative.Wan, report.ImageProgress, report.CorrectionReason, report.ReportedAt,
            report.Status, report.ReportedBy, report.ReviewedBy, report.ReviewedAt, report.ReviewComment, report.ProblemsMet, problem, report.Version);
}

/// <summary>A project as the API shows it. Money in 万元, land in 亩, floor area in ㎡.</summary>
public sealed record ProjectDto
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required int UnitId { get; init; }

    public required string Unit { get; init; }

    public required string UnitPath { get; init; }

    public required IReadOnlyList<string> Levels { get; init; }

    public required ProjectCategory Category { get; init; }

    public required ProjectStatus Status { get; init; }

    public string? IndustryChain { get; init; }

    public required decimal TotalInvestment { get; init; }

    public EnterpriseDto? Enterprise { get; init; }

    public string? Content { get; init; }

    public decimal? LandAreaMu { get; init; }

    public decimal? FloorArea { get; init; }

    public decimal? OutputValueTarget { get; init; }

    public decimal? TaxTarget { get; init; }

    public int? JobsTarget { get; init; }

    public DateOnly? ActualStart { get; init; }

    public DateOnly? PlannedCompletion { get; init; }

    public string? ResponsibleLeader { get; init; }

    public string? ResponsibleUnit { get; init; }

    public string? Contact { get; init; }

    public string? ProblemsNote { get; init; }

    public string? Remarks { get; init; }

    /// <summary>上级项目编号: the project this one is a phase (一期/二期) or part (打包) of.</summary>
    public string? Parent { get; init; }

    /// <summary>The plan entries: all of them on the project itself, the requested year's in a list.</summary>
    public IReadOnlyList<PlanDto>? Plans { get; init; }

    /// <summary>
    /// When a create or update named the enterprise differently from its record: the id of the change proposal
    /// that name became (a project's form never renames a shared enterprise; its owner decides).
    /// </summary>
    public int? EnterpriseProposal { get; init; }

    /// <summary>版本: one more after each saved change; send it back (or the ETag as If-Match) so a stale update is refused.</summary>
    public int Version { get; init; }

    public static ProjectDto Of(Project p, OrgTree tree, IEnumerable<AnnualPlan>? plans) => new()
    {
        Code = p.Code,
        Name = p.Name,
        UnitId = p.OrgUnitId,
        Unit = tree[p.OrgUnitId].Name,
        UnitPath = tree.PathOf(p.OrgUnitId),
        Levels = ProjectVocabulary.Split(p.Levels).Select(ProjectVocabulary.Code).ToList(),
        Category = p.Category,
        Status = p.Status,
        IndustryChain = p.IndustryChain,
        TotalInvestment = p.TotalInvestment.Wan,
        Enterprise = p.Enterprise is { } e ? new EnterpriseDto(e.Uscc.Value, e.Name) : null,
        Content = p.Content,
        LandAreaMu = p.LandArea?.Mu,
        FloorArea = p.FloorArea is { } f ? decimal.Round(f.SquareMetres, 2) : null,
        OutputValueTarget = p.OutputValueTarget?.Wan,
        TaxTarget = p.TaxTarget?.Wan,
        JobsTarget = p.JobsTarget,
        ActualStart = p.ActualStart,
        PlannedCompletion = p.PlannedCompletion,
        ResponsibleLeader = p.ResponsibleLeader,
        ResponsibleUnit = p.ResponsibleUnit,
        Contact = p.Contact,
        ProblemsNote = p.ProblemsNote,
        Remarks = p.Remarks,
        Parent = p.Parent?.Code,
        Plans = plans?.OrderBy(a => a.Year).Select(PlanDto.Of).ToList(),
        Version = p.Version,
    };
}

/// <summary>What a client sends to create or update a project. Levels and vocabularies take codes or Chinese names.</summary>
public sealed record ProjectInput
{
    /// <summary>项目编号; on update it may be left out, and if given must match the URL.</summary>
    public string? Code { get; init; }

    public string? Name { get; init; }

    /// <summary>The unit: a name, a path ("阳泉市/阳泉高新区") or an id.</summary>
    public string? Unit { get; init; }

    /// <summary>"provincial", "municipal", "zone", "ordinary" or 省级重点 …; several for a project on several lists.</summary>
    public IReadOnlyList<string>? Levels { get; init; }

    public string? Category { get; init; }

    public string? Status { get; init; }

    public string? IndustryChain { get; init; }

    /// <summary>总投资, 万元.</summary>
    public decimal? TotalInvestment { get; init; }

    public EnterpriseDto? Enterprise { get; init; }

    public string? Content { get; init; }

    public decimal? LandAreaMu { get; init; }

    public decimal? FloorArea { get; init; }

    public decimal? OutputValueTarget { get; init; }

    public decimal? TaxTarget { get; init; }

    public int? JobsTarget { get; init; }

    public DateOnly? ActualStart { get; init; }

    public DateOnly? PlannedCompletion { get; init; }

    public string? ResponsibleLeader { get; init; }

    public string? ResponsibleUnit { get; init; }

    public string? Contact { get; init; }

    public string? ProblemsNote { get; init; }

    public string? Remarks { get; init; }

    /// <summary>
    /// 上级项目编号: the code of the project this one is a phase or part of, in the same unit; empty or absent for a
    /// project of its own (a PUT replaces it like every other field).
    /// </summary>
    public string? Parent { get; init; }

    /// <summary>The version the update was made from (as read); refused if the project has changed since. Absent: not checked.</summary>
    public int? Version { get; init; }
}
