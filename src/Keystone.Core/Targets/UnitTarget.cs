namespace Keystone.Core.Targets;

/// <summary>
/// A unit's yearly targets for its key projects (年度目标), as a zone states them: "推动新开工项目达到26个，
/// 开工率达到59%，完成投资8.1亿元，增速达到11%" (docs/domain.md "Targets"). Every target is optional: a unit
/// sets the ones it was given. Rates and growth are in percent; the investment in 万元.
/// </summary>
public sealed record TargetValues
{
    /// <summary>新开工项目 (count) by the year's end.</summary>
    public int? NewStarts { get; init; }

    /// <summary>开工率 in percent.</summary>
    public decimal? StartRate { get; init; }

    /// <summary>复工率 in percent.</summary>
    public decimal? ResumeRate { get; init; }

    /// <summary>完成投资 in 万元.</summary>
    public decimal? CompletedInvestment { get; init; }

    /// <summary>增速 of completed investment in percent (may be negative: a planned fall).</summary>
    public decimal? Growth { get; init; }

    public bool IsEmpty => NewStarts is null && StartRate is null && ResumeRate is null && CompletedInvestment is null && Growth is null;
}

/// <summary>
/// One unit's targets for one year (at most one row per unit and year). Changed only through
/// <see cref="Change"/>, which refuses what no zone could be given: a negative count, a rate above 100%.
/// </summary>
public sealed class UnitTarget : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public UnitTarget(int orgUnitId, int year, TargetValues values)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainException(new($"目标年度{year}无效", $"The target year {year} is not valid"), "year");
        }

        OrgUnitId = orgUnitId;
        Year = year;
        Change(values);
    }

    private UnitTarget()
    {
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public int Year { get; private set; }

    public int? NewStarts { get; private set; }

    public decimal? StartRate { get; private set; }

    public decimal? ResumeRate { get; private set; }

    public Money? CompletedInvestment { get; private set; }

    public decimal? Growth { get; private set; }

    public TargetValues Values => new()
    {
        NewStarts = NewStarts,
        StartRate = StartRate,
        ResumeRate = ResumeRate,
        CompletedInvestment = CompletedInvestment?.Wan,
        Growth = Growth,
    };

    /// <summary>Sets the year's targets; a target left out is cleared (the request states all of them).</summary>
    public void Change(TargetValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var errors = new List<DomainException>();
        if (values.NewStarts is < 0 or > 100_000)
        {
            errors.Add(new(new("新开工项目目标应在0到100000个之间", "The new-start target must be between 0 and 100,000 projects"), "newStarts"));
        }

        if (values.StartRate is < 0 or > 100)
        {
            errors.Add(new(new("开工率目标应在0%到100%之间", "The start-rate target must be between 0% and 100%"), "startRate"));
        }

        if (values.ResumeRate is < 0 or > 100)
        {
            errors.Add(new(new("复工率目标应在0%到100%之间", "The resume-rate target must be between 0% and 100%"), "resumeRate"));
        }

        if (values.CompletedInvestment is < 0 or > 1_000_000_000)
        {
            errors.Add(new(new("完成投资目标不能为负，也不能超过10万亿元", "The investment target must be between 0 and 10 trillion yuan"), "completedInvestment"));
        }

        if (values.Growth is < -100 or > 1000)
        {
            errors.Add(new(new("增速目标应在-100%到1000%之间", "The growth target must be between -100% and 1000%"), "growth"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        NewStarts = values.NewStarts;
        StartRate = values.StartRate;
        ResumeRate = values.ResumeRate;
        CompletedInvestment = values.CompletedInvestment is { } wan ? new Money(wan) : null;
        Growth = values.Growth;
    }
}
