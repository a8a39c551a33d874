namespace Keystone.Core.Indicators;

/// <summary>
/// What is known of one indicator for one unit and month, as published or imported: the value (in the
/// indicator's stored unit, 万元 for money), the same period last year, the growth when it was published
/// (then stored as given and never recomputed), the decimals it was published with, and the rank the unit
/// was given when its peers' values are not in the system. At least the value or the growth is known.
/// </summary>
public sealed record IndicatorFigure
{
    public decimal? Value { get; init; }

    public decimal? LastYear { get; init; }

    /// <summary>同比增长 in percent as published (6.0 for "增长6.0%", −2.1 for "下降2.1%").</summary>
    public decimal? Growth { get; init; }

    /// <summary>The decimals the growth was published with, when not the indicator's (原平 prints two).</summary>
    public int? Decimals { get; init; }

    /// <summary>列全省第N位 as published.</summary>
    public int? PublishedRank { get; init; }

    /// <summary>The figure's errors, each naming its field; empty when it may be stored.</summary>
    public IReadOnlyList<DomainException> Check()
    {
        var errors = new List<DomainException>();
        if (Value is null && Growth is null)
        {
            errors.Add(new(new("数值和同比增长至少填写一项", "Give the value, the growth, or both"), "value"));
        }

        if (Value is < 0)
        {
            errors.Add(new(new($"数值{Value}不能为负", $"The value {Value} cannot be negative"), "value"));
        }

        if (LastYear is < 0)
        {
            errors.Add(new(new($"上年同期{LastYear}不能为负", $"Last year's value {LastYear} cannot be negative"), "lastYear"));
        }

        if (Growth is < -100m or > 1_000_000m)
        {
            errors.Add(new(new($"同比增长{Growth}%超出范围（不低于-100%）", $"The growth {Growth}% is out of range (at least -100%)"), "growth"));
        }

        if (Decimals is < 0 or > 4)
        {
            errors.Add(new(new("增速小数位数应为0至4", "The growth's decimals are 0 to 4"), "decimals"));
        }

        if (PublishedRank is < 1 or > 10_000)
        {
            errors.Add(new(new($"名次{PublishedRank}应为正整数", $"The rank {PublishedRank} must be a positive whole number"), "rank"));
        }

        if (Value is > 1_000_000_000_000m || LastYear is > 1_000_000_000_000m)
        {
            errors.Add(new(new("数值过大", "The value is too large"), "value"));
        }

        return errors;
    }
}

/// <summary>One indicator's figure for one unit and month (a quarter is its last month). Unique per unit, indicator and month.</summary>
public sealed class IndicatorValue : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public IndicatorValue(int unitId, int indicatorId, Period period, IndicatorFigure figure, string by, DateTimeOffset at)
    {
        OrgUnitId = unitId;
        IndicatorId = indicatorId;
        Period = period;
        UpdatedBy = "";
        Record(figure, by, at);
    }

    private IndicatorValue()
    {
        UpdatedBy = "";
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public int IndicatorId { get; private set; }

    public Period Period { get; private set; }

    public decimal? Value { get; private set; }

    public decimal? LastYear { get; private set; }

    public decimal? Growth { get; private set; }

    public int? Decimals { get; private set; }

    public int? PublishedRank { get; private set; }

    public string UpdatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Records the figure as published, replacing what was there; refuses one that cannot be stored.</summary>
    public void Record(IndicatorFigure figure, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var errors = figure.Check();
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Value = figure.Value;
        LastYear = figure.LastYear;
        Growth = figure.Growth;
        Decimals = figure.Decimals;
        PublishedRank = figure.PublishedRank;
        UpdatedBy = by;
        UpdatedAt = at.ToUniversalTime();
    }

    public IndicatorFact Fact => new(OrgUnitId, IndicatorId, Period, Value, LastYear, Growth, Decimals, PublishedRank);
}

/// <summary>A value as the engines need it.</summary>
public sealed record IndicatorFact(int UnitId, int IndicatorId, Period Period, decimal? Value, decimal? LastYear, decimal? Growth, int? Decimals, int? PublishedRank);

public enum TargetKind
{
    /// <summary>A value for the year (全年目标: 地区生产总值1000亿元).</summary>
    Value,

    /// <summary>A growth rate for the year (增长6.5%).</summary>
    Growth,
}

/// <summary>A unit's yearly target for an indicator (年度目标): a value or a growth rate.</summary>
public sealed class IndicatorTarget : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public IndicatorTarget(int unitId, int indicatorId, int year, TargetKind kind, decimal target)
    {
        OrgUnitId = unitId;
        IndicatorId = indicatorId;
        Year = year;
        Set(kind, target);
    }

    private IndicatorTarget()
    {
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public int IndicatorId { get; private set; }

    public int Year { get; private set; }

    public TargetKind Kind { get; private set; }

    /// <summary>The value (stored unit) or the growth in percent.</summary>
    public decimal Target { get; private set; }

    public void Set(TargetKind kind, decimal target)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException(new("目标类型无效", "The target's kind is not valid"), "targetKind");
        }

        if ((kind == TargetKind.Value && target <= 0) || target is < -100m or > 1_000_000_000_000m)
        {
            throw new DomainException(new($"年度目标{target}无效", $"The yearly target {target} is not valid"), "target");
        }

        Kind = kind;
        Target = target;
    }

    public TargetFact Fact => new(OrgUnitId, IndicatorId, Year, Kind, Target);
}

public sealed record TargetFact(int UnitId, int IndicatorId, int Year, TargetKind Kind, decimal Target);
