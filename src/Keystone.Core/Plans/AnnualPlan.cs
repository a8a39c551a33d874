using Keystone.Core.Projects;

namespace Keystone.Core.Plans;

/// <summary>建设性质 in a year's plan: a New project breaks ground (开工), a Continuing one resumes (复工).</summary>
public enum Nature
{
    New,
    Continuing,
}

/// <summary>What a year's plan says of a project.</summary>
public sealed record PlanEntry
{
    public required Nature Nature { get; init; }

    public required Money PlannedInvestment { get; init; }

    /// <summary>计划开工时间.</summary>
    public DateOnly? PlannedStart { get; init; }

    /// <summary>本年开复工时间: when a New project broke ground or a Continuing one resumed in the plan year.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>
    /// The start date came from month-level text in a ledger ("3月", "3月上旬", "月底"): its day is a convention, not a
    /// day anything happened, so it never proposes a 集中开复工 (docs/domain.md). A date typed or picked to the day is not.
    /// </summary>
    public bool StartDateApproximate { get; init; }
}

/// <summary>
/// Who changes a plan entry, when, and why (更正原因). The reason is required when the change restates a
/// closed month of the plan year (docs/domain.md "Closed months and corrections").
/// </summary>
public sealed record PlanCorrection(string? Reason, DateTimeOffset At, string? By);

/// <summary>A project's entry in year Y's plan (年度计划). One per project and year.</summary>
public sealed class AnnualPlan : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    internal AnnualPlan(Project project, int year, PlanEntry entry)
    {
        Project = project;
        Year = year;
        Revise(entry);
    }

    private AnnualPlan()
    {
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public Project? Project { get; private set; }

    public int Year { get; private set; }

    public Nature Nature { get; private set; }

    public Money PlannedInvestment { get; private set; }

    public DateOnly? PlannedStart { get; private set; }

    public DateOnly? StartDate { get; private set; }

    /// <summary>Whether <see cref="StartDate"/> came from month-level text (<see cref="PlanEntry.StartDateApproximate"/>).</summary>
    public bool StartDateApproximate { get; private set; }

    /// <summary>
    /// Why the entry was last changed with a reason (更正原因): always so when the change restated a closed month.
    /// A later change without one leaves it, with its time and user, until the next reason replaces it.
    /// </summary>
    public string? CorrectionReason { get; private set; }

    public DateTimeOffset? CorrectedAt { get; private set; }

    public string? CorrectedBy { get; private set; }

    public PlanEntry Entry => new()
    {
        Nature = Nature,
        PlannedInvestment = PlannedInvestment,
        PlannedStart = PlannedStart,
        StartDate = StartDate,
        StartDateApproximate = StartDateApproximate,
    };

    internal void Revise(PlanEntry entry)
    {
        Check(Year, entry);
        Nature = entry.Nature;
        PlannedInvestment = entry.PlannedInvestment;
        PlannedStart = entry.PlannedStart;
        StartDate = entry.StartDate;
        StartDateApproximate = entry.StartDate is not null && entry.StartDateApproximate;
    }

    /// <summary>Records why the entry was changed, when and by whom (the reason already cleaned).</summary>
    internal void Correct(string reason, DateTimeOffset at, string? by)
    {
        CorrectionReason = reason;
        CorrectedAt = at.ToUniversalTime();
        CorrectedBy = by;
    }

    /// <summary>A plan year Keystone takes (1990 to 2200), else a refusal naming the field <c>year</c>; the year itself otherwise.</summary>
    public static int CheckYear(int year) =>
        year is < 1990 or > 2200
            ? throw new DomainException(new($"计划年度{year}无效（应在1990至2200年之间）", $"The plan year {year} is not valid (1990 to 2200)"), "year")
            : year;

    /// <summary>An entry's own rules, checked before anything is changed.</summary>
    internal static void Check(int year, PlanEntry entry)
    {
        CheckYear(year);

        if (!Enum.IsDefined(entry.Nature))
        {
            throw new DomainException(new("建设性质应为新建或续建", "The nature must be new or continuing"), "nature");
        }

        if (entry.PlannedInvestment.IsNegative)
        {
            throw new DomainException(new("年度计划投资不能为负数", "The annual planned investment cannot be negative"), "plannedInvestment");
        }

        if (entry.StartDate is { } start && start.Year != year)
        {
            throw new DomainException(
                new($"本年开复工时间{ChineseFormat.Date(start)}不在计划年度{year}年内", $"The start date {start:yyyy-MM-dd} is not in the plan year {year}"),
                "startDate");
        }
    }

    /// <summary>Records that the project broke ground or resumed on <paramref name="date"/> (开工/复工).</summary>
    public void RecordStart(DateOnly date) => Revise(Entry with { StartDate = date, StartDateApproximate = false });
}
