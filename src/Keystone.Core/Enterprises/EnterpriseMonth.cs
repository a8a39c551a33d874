using Keystone.Core.Progress;
using Keystone.Core.Projects;

namespace Keystone.Core.Enterprises;

/// <summary>An enterprise's figures for one month (企业月度数据), each the month's own amount, any may be missing.</summary>
public sealed record MonthFigures
{
    /// <summary>工业总产值 of the month.</summary>
    public Money? Output { get; init; }

    /// <summary>营业收入 of the month.</summary>
    public Money? Revenue { get; init; }

    /// <summary>税收 of the month.</summary>
    public Money? Tax { get; init; }

    /// <summary>从业人员 at the month's end.</summary>
    public int? Employees { get; init; }

    public MonthFigures Checked()
    {
        var errors = new List<DomainException>();
        if (Output is { IsNegative: true })
        {
            errors.Add(new(new("产值不能为负数", "The output cannot be negative"), "output"));
        }

        if (Revenue is { IsNegative: true })
        {
            errors.Add(new(new("营业收入不能为负数", "The revenue cannot be negative"), "revenue"));
        }

        if (Employees is < 0)
        {
            errors.Add(new(new("从业人员不能为负数", "Employees cannot be negative"), "employees"));
        }

        if (Output is null && Revenue is null && Tax is null && Employees is null)
        {
            errors.Add(new(new("请至少填写一项数据", "Give at least one figure"), "output"));
        }

        return errors.Count == 0 ? this : throw new ValidationException(errors);
    }
}

/// <summary>Which of a month's figures a file gives.</summary>
[Flags]
public enum MonthFields
{
    None = 0,
    Output = 1,
    Revenue = 2,
    Tax = 4,
    Employees = 8,
}

/// <summary>
/// An enterprise's monthly figures (one per enterprise and month), reviewed as progress reports are (ADR 0010):
/// the enterprise's reporter submits, an officer of a unit that keeps the enterprise approves or returns with a
/// comment; figures an officer enters or imports count at once. The pool's progress reads approved months only.
/// </summary>
public sealed class EnterpriseMonth : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    /// <summary>The source of figures imported from the statistics office's table (统计局).</summary>
    public const string StatisticsOffice = "统计局";

    public EnterpriseMonth(Enterprise enterprise, Period period, MonthFigures figures, string by, DateTimeOffset at, bool needsReview)
    {
        Enterprise = enterprise;
        EnterpriseId = enterprise.Id;
        Period = period;
        Revise(figures, by, at, needsReview);
        ReportedBy = by;
    }

    private EnterpriseMonth()
    {
        ReportedBy = "";
    }

    public int Id { get; private set; }

    public int EnterpriseId { get; private set; }

    public Enterprise? Enterprise { get; private set; }

    public Period Period { get; private set; }

    public Money? Output { get; private set; }

    public Money? Revenue { get; private set; }

    public Money? Tax { get; private set; }

    public int? Employees { get; private set; }

    public string ReportedBy { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public ReportStatus Status { get; private set; }

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewComment { get; private set; }

    /// <summary>
    /// Where the figures came from when not the enterprise or an officer: <see cref="StatisticsOffice"/> for the
    /// statistics office's file (approved on import). Null for figures reported or entered by hand.
    /// </summary>
    public string? Source { get; private set; }

    public MonthFigures Figures => new() { Output = Output, Revenue = Revenue, Tax = Tax, Employees = Employees };

    /// <summary>
    /// Files the month's figures again. A reporter may not change an approved month (the zone vouched for it);
    /// an officer may, and its figures count at once.
    /// </summary>
    public void Revise(MonthFigures figures, string by, DateTimeOffset at, bool needsReview)
    {
        if (needsReview && Status == ReportStatus.Approved && Id != 0)
        {
            throw new DomainException(new($"{Period}的数据已审核，不能再修改；如需更正请联系园区", $"The {Period} figures are approved and cannot be changed; ask the zone to correct them"), "period");
        }

        var f = figures.Checked();
        Output = f.Output;
        Revenue = f.Revenue;
        Tax = f.Tax;
        Employees = f.Employees;
        ReportedBy = by;
        ReportedAt = at.ToUniversalTime();
        Status = needsReview ? ReportStatus.Submitted : ReportStatus.Approved;
        ReviewedBy = needsReview ? null : by;
        ReviewedAt = needsReview ? null : at.ToUniversalTime();
        ReviewComment = null;
        Source = null;
    }

    /// <summary>
    /// The statistics office's figures for the month (统计局): they replace what was recorded, figure by figure
    /// (a figure the file has no column for, null in <paramref name="replaces"/>, keeps what was recorded), and
    /// count at once, approved by the importer.
    /// </summary>
    public void Import(MonthFigures figures, MonthFields replaces, string by, DateTimeOffset at)
    {
        var merged = new MonthFigures
        {
            Output = replaces.HasFlag(MonthFields.Output) ? figures.Output : Output,
            Revenue = replaces.HasFlag(MonthFields.Revenue) ? figures.Revenue : Revenue,
            Tax = replaces.HasFlag(MonthFields.Tax) ? figures.Tax : Tax,
            Employees = replaces.HasFlag(MonthFields.Employees) ? figures.Employees : Employees,
        };
        Revise(merged, by, at, needsReview: false);
        Source = StatisticsOffice;
    }

    public void Approve(string by, DateTimeOffset at)
    {
        RequireSubmitted("审核", "approved");
        Status = ReportStatus.Approved;
        ReviewedBy = by;
        ReviewedAt = at.ToUniversalTime();
        ReviewComment = null;
    }

    public void Return(string by, DateTimeOffset at, string? comment)
    {
        RequireSubmitted("退回", "returned");
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainException(new("退回须写明意见", "Returning figures needs a comment"), "comment");
        }

        Status = ReportStatus.Returned;
        ReviewedBy = by;
        ReviewedAt = at.ToUniversalTime();
        ReviewComment = comment.Trim().Length > 500 ? throw new DomainException(new("意见不超过500字", "The comment is at most 500 characters"), "comment") : comment.Trim();
    }

    private void RequireSubmitted(string zh, string en)
    {
        if (Status != ReportStatus.Submitted)
        {
            throw new DomainException(
                new($"{Period}的数据当前为“{ProgressReport.StatusName(Status)}”，只能{zh}待审核的数据", $"The {Period} figures are {Status.ToString().ToLowerInvariant()}; only submitted figures can be {en}"), "status");
        }
    }
}
