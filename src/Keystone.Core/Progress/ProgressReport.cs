using Keystone.Core.Projects;

namespace Keystone.Core.Progress;

/// <summary>What a monthly report says: investment completed in the month, in the year so far, since the start.</summary>
public sealed record ProgressFigures
{
    /// <summary>完成投资 in the month.</summary>
    public required Money Month { get; init; }

    /// <summary>本年完成投资: year to date, including the month.</summary>
    public required Money YearToDate { get; init; }

    /// <summary>累计完成投资: since the project started.</summary>
    public required Money Cumulative { get; init; }

    /// <summary>形象进度, in the reporter's words.</summary>
    public string? ImageProgress { get; init; }

    /// <summary>存在问题: what held the project up this month, in the reporter's words.</summary>
    public string? ProblemsMet { get; init; }

    /// <summary>Why a figure falls below an earlier month's (更正原因); required for such a correction.</summary>
    public string? CorrectionReason { get; init; }
}

/// <summary>Where a report stands: an enterprise's report waits for the zone's review; figures count approved ones.</summary>
public enum ReportStatus
{
    Submitted,
    Approved,
    Returned,
}

/// <summary>A project's progress report (进度填报) for one month. One per project and month.</summary>
public sealed class ProgressReport : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    internal ProgressReport(Project project, Period period, ProgressFigures figures, DateTimeOffset at, string? by, bool needsReview)
    {
        Project = project;
        Period = period;
        Revise(figures, at, by, needsReview);
    }

    private ProgressReport()
    {
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public Project? Project { get; private set; }

    public Period Period { get; private set; }

    public Money MonthInvestment { get; private set; }

    public Money YearToDate { get; private set; }

    public Money Cumulative { get; private set; }

    public string? ImageProgress { get; private set; }

    public string? CorrectionReason { get; private set; }

    /// <summary>存在问题 as the reporter wrote it; kept as text until problems are tracked on their own.</summary>
    public string? ProblemsMet { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public string? ReportedBy { get; private set; }

    public ReportStatus Status { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    /// <summary>Why a report was returned (退回意见), for the reporter to act on.</summary>
    public string? ReviewComment { get; private set; }

    /// <summary>The zone approves a submitted report: from now on the figures count it.</summary>
    public void Approve(string by, DateTimeOffset at)
    {
        if (Status != ReportStatus.Submitted)
        {
            throw new DomainException(new($"{Period}的报告当前为“{StatusName(Status)}”，只能审核待审核的报告", $"The {Period} report is {Status.ToString().ToLowerInvariant()}; only a submitted report can be approved"), "status");
        }

        Status = ReportStatus.Approved;
        ReviewedBy = by;
        ReviewedAt = at.ToUniversalTime();
        ReviewComment = null;
    }

    /// <summary>The zone returns a submitted report with a comment; the reporter corrects and resubmits it.</summary>
    public void Return(string by, DateTimeOffset at, string comment)
    {
        if (Status != ReportStatus.Submitted)
        {
            throw new DomainException(new($"{Period}的报告当前为“{StatusName(Status)}”，只能退回待审核的报告", $"The {Period} report is {Status.ToString().ToLowerInvariant()}; only a submitted report can be returned"), "status");
        }

        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainException(new("退回须写明意见", "Returning a report needs a comment"), "comment");
        }

        Status = ReportStatus.Returned;
        ReviewedBy = by;
        ReviewedAt = at.ToUniversalTime();
        ReviewComment = comment.Trim();
    }

    public static string StatusName(ReportStatus status) => status switch
    {
        ReportStatus.Submitted => "待审核",
        ReportStatus.Approved => "已审核",
        ReportStatus.Returned => "已退回",
    };

    public ProgressFigures Figures => new()
    {
        Month = MonthInvestment,
        YearToDate = YearToDate,
        Cumulative = Cumulative,
        ImageProgress = ImageProgress,
        ProblemsMet = ProblemsMet,
        CorrectionReason = CorrectionReason,
    };

    internal void Revise(ProgressFigures figures, DateTimeOffset at, string? by, bool needsReview)
    {
        CheckFigures(figures);
        MonthInvestment = figures.Month;
        YearToDate = figures.YearToDate;
        Cumulative = figures.Cumulative;
        ImageProgress = string.IsNullOrWhiteSpace(figures.ImageProgress) ? null : figures.ImageProgress.Trim();
        ProblemsMet = string.IsNullOrWhiteSpace(figures.ProblemsMet) ? null : figures.ProblemsMet.Trim();
        CorrectionReason = figures.CorrectionReason;
        ReportedAt = at.ToUniversalTime();
        ReportedBy = by;
        Status = needsReview ? ReportStatus.Submitted : ReportStatus.Approved;
        ReviewedBy = null;
        ReviewedAt = null;
    }

    /// <summary>A report's own figures: none negative, the month within the year, the year within the cumulative, texts not too long.</summary>
    internal static void CheckFigures(ProgressFigures figures)
    {
        var errors = new List<DomainException>();
        if (figures.Month.IsNegative)
        {
            errors.Add(new(new("本月完成投资不能为负数", "The month's investment cannot be negative"), "month"));
        }

        if (figures.YearToDate.IsNegative)
        {
            errors.Add(new(new("本年完成投资不能为负数", "The year-to-date investment cannot be negative"), "yearToDate"));
        }

        if (figures.Month > figures.YearToDate)
        {
            errors.Add(new(
                new($"本月完成投资{figures.Month.ToPlainString()}万元不能大于本年完成投资{figures.YearToDate.ToPlainString()}万元",
                    $"The month's investment {figures.Month.ToPlainString()} 万元 cannot exceed the year to date {figures.YearToDate.ToPlainString()} 万元"),
                "month"));
        }

        if (figures.YearToDate > figures.Cumulative)
        {
            errors.Add(new(
                new($"本年完成投资{figures.YearToDate.ToPlainString()}万元不能大于累计完成投资{figures.Cumulative.ToPlainString()}万元",
                    $"The year-to-date investment {figures.YearToDate.ToPlainString()} 万元 cannot exceed the cumulative {figures.Cumulative.ToPlainString()} 万元"),
                "yearToDate"));
        }

        if (figures.ImageProgress is { Length: > Project.MaxTextLength })
        {
            errors.Add(new(new("形象进度不能超过2000字", "The image progress cannot be longer than 2000 characters"), "imageProgress"));
        }

        if (figures.ProblemsMet is { Length: > Project.MaxTextLength })
        {
            errors.Add(new(new("存在问题不能超过2000字", "The problems met cannot be longer than 2000 characters"), "problemsMet"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
