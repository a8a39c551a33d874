namespace Keystone.Core.Factors;

/// <summary>Where a project's land stands: 组卷报批 (filed) → 批复 (approved) → 供地 (supplied).</summary>
public enum LandStage
{
    NotStarted,
    Filing,
    Approved,
    Supplied,
}

/// <summary>The energy review (能评, 节能审查) of a project.</summary>
public enum EnergyReview
{
    NotStarted,
    Filed,
    Approved,
    NotRequired,
}

/// <summary>Where a project's money comes from.</summary>
public enum FundSource
{
    /// <summary>专项债.</summary>
    SpecialBonds,

    /// <summary>超长期特别国债.</summary>
    UltraLongBonds,

    /// <summary>银行贷款.</summary>
    BankLoans,

    /// <summary>产业基金.</summary>
    IndustryFund,

    /// <summary>自筹.</summary>
    SelfRaised,
}

/// <summary>One source of a project's funds: applied for (or planned, for 自筹), approved, received — 万元.</summary>
public sealed class FundLine
{
    internal FundLine(FundSource source, Money applied, Money approved, Money received)
    {
        Source = source;
        Applied = applied;
        Approved = approved;
        Received = received;
    }

    private FundLine()
    {
    }

    public int Id { get; private set; }

    public int ProjectFactorsId { get; private set; }

    public FundSource Source { get; private set; }

    public Money Applied { get; private set; }

    public Money Approved { get; private set; }

    public Money Received { get; private set; }

    internal void Change(Money applied, Money approved, Money received)
    {
        Applied = applied;
        Approved = approved;
        Received = received;
    }
}

/// <summary>An emission quota (排放指标) a project needs for one pollutant, and what it has obtained — tonnes a year.</summary>
public sealed class EmissionQuota
{
    internal EmissionQuota(string pollutant, decimal needed, decimal obtained)
    {
        Pollutant = pollutant;
        Needed = needed;
        Obtained = obtained;
    }

    private EmissionQuota()
    {
        Pollutant = "";
    }

    public int Id { get; private set; }

    public int ProjectFactorsId { get; private set; }

    /// <summary>二氧化硫, 氮氧化物, 化学需氧量, 氨氮, 挥发性有机物, 颗粒物 …</summary>
    public string Pollutant { get; private set; }

    public decimal Needed { get; private set; }

    public decimal Obtained { get; private set; }

    internal void Change(decimal needed, decimal obtained)
    {
        Needed = needed;
        Obtained = obtained;
    }
}

/// <summary>
/// What a project needs from government and what it has got (要素保障, "五个跟着走": land, energy, funds,
/// emissions; the fifth, approvals, is its <see cref="ProcedureItem"/> checklist). One sheet per project,
/// kept by the zone; every figure of the factors page and the briefing's 要素保障 paragraph reads it.
/// </summary>
public sealed class ProjectFactors : Keystone.Core.Data.IVersionedWhole
{
    /// <summary>Whether a funds or emission line was added, changed or removed since the last save.</summary>
    private bool linesChanged;

    /// <inheritdoc />
    /// <remarks>The whole sheet's: a change of one of its lines moves it too (<see cref="Keystone.Core.Data.IVersionedWhole"/>).</remarks>
    public int Version { get; private set; } = 1;

    public const int MaxPollutantLength = 50;

    /// <summary>Energy needs are quoted in 吨标准煤; beyond a billion tonnes a figure is a typo.</summary>
    private const decimal MaxTonnes = 1_000_000_000m;

    private readonly List<FundLine> funds = [];
    private readonly List<EmissionQuota> emissions = [];

    public ProjectFactors(int projectId)
    {
        ProjectId = projectId;
    }

    private ProjectFactors()
    {
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public Projects.Project? Project { get; private set; }

    /// <summary>Land the project needs (亩 when shown).</summary>
    public Area? LandNeeded { get; private set; }

    public LandStage LandStage { get; private set; }

    /// <summary>Land supplied so far (供地); only once the stage is <see cref="LandStage.Supplied"/>.</summary>
    public Area? LandSupplied { get; private set; }

    /// <summary>When the land was supplied (拿地): the start of "from land to start" (拿地即开工 is 0 days).</summary>
    public DateOnly? LandSuppliedOn { get; private set; }

    /// <summary>Energy the project will consume, 吨标准煤 (tce) a year.</summary>
    public decimal? EnergyNeeded { get; private set; }

    public EnergyReview EnergyReview { get; private set; }

    /// <summary>Energy approved by the review, tce a year.</summary>
    public decimal? EnergyApproved { get; private set; }

    public IReadOnlyList<FundLine> Funds => funds;

    /// <inheritdoc />
    bool Keystone.Core.Data.IVersionedWhole.TakeRowsChanged()
    {
        var changed = linesChanged;
        linesChanged = false;
        return changed;
    }

    public IReadOnlyList<EmissionQuota> Emissions => emissions;

    /// <summary>Records the land the project needs and where its approval stands.</summary>
    public void RecordLand(Area needed, LandStage stage, Area? supplied, DateOnly? suppliedOn)
    {
        var errors = new List<DomainException>();
        if (!Enum.IsDefined(stage))
        {
            errors.Add(new(new("用地进度无效", "The land stage is not valid"), "stage"));
        }

        if (stage == LandStage.Supplied)
        {
            if (supplied is null || supplied.Value.SquareMetres == 0)
            {
                errors.Add(new(new("已供地须填写供地面积", "Supplied land needs the area supplied"), "suppliedMu"));
            }

            if (suppliedOn is null)
            {
                errors.Add(new(new("已供地须填写供地日期", "Supplied land needs the date it was supplied"), "suppliedOn"));
            }
        }
        else if (supplied is { SquareMetres: > 0 } || suppliedOn is not null)
        {
            errors.Add(new(new("尚未供地，不能填写供地面积或日期", "The land is not supplied yet: no area or date supplied"), "suppliedMu"));
        }

        if (supplied is { } s && s.SquareMetres > needed.SquareMetres * 10 && needed.SquareMetres > 0)
        {
            errors.Add(new(new("供地面积超过用地需求的10倍，请核对单位（亩）", "The land supplied is more than ten times the need: check the unit (亩)"), "suppliedMu"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        LandNeeded = needed;
        LandStage = stage;
        LandSupplied = stage == LandStage.Supplied ? supplied : null;
        LandSuppliedOn = stage == LandStage.Supplied ? suppliedOn : null;
    }

    /// <summary>Records the energy the project needs (tce a year) and its review.</summary>
    public void RecordEnergy(decimal needed, EnergyReview review, decimal? approved)
    {
        var errors = new List<DomainException>();
        CheckTonnes(errors, needed, "neededTce", "能耗需求", "The energy need");
        if (!Enum.IsDefined(review))
        {
            errors.Add(new(new("能评状态无效", "The energy review status is not valid"), "review"));
        }

        if (approved is { } a)
        {
            CheckTonnes(errors, a, "approvedTce", "批复能耗", "The approved energy");
            if (review != EnergyReview.Approved)
            {
                errors.Add(new(new("能评尚未批复，不能填写批复能耗", "The review is not approved: no approved energy yet"), "approvedTce"));
            }
        }
        else if (review == EnergyReview.Approved)
        {
            errors.Add(new(new("能评已批复须填写批复能耗", "An approved review needs the energy approved"), "approvedTce"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        EnergyNeeded = needed;
        EnergyReview = review;
        EnergyApproved = review == EnergyReview.NotRequired ? null : approved;
    }

    /// <summary>
    /// Records one source of funds: applied for, approved, received (万元). Nothing approved beyond what was
    /// applied for, nothing received beyond what was approved; all three zero removes the source.
    /// </summary>
    public void RecordFunds(FundSource source, Money applied, Money approved, Money received)
    {
        var errors = new List<DomainException>();
        if (!Enum.IsDefined(source))
        {
            errors.Add(new(new("资金来源无效", "The source of funds is not valid"), "source"));
        }

        if (applied.IsNegative || approved.IsNegative || received.IsNegative)
        {
            errors.Add(new(new("资金金额不能为负数", "Amounts cannot be negative"), "applied"));
        }

        if (approved > applied)
        {
            errors.Add(new(new($"批复资金{approved}超过申请资金{applied}", $"The amount approved ({approved.ToPlainString()} 万元) exceeds the amount applied for ({applied.ToPlainString()} 万元)"), "approved"));
        }

        if (received > approved)
        {
            errors.Add(new(new($"到位资金{received}超过批复资金{approved}", $"The amount received ({received.ToPlainString()} 万元) exceeds the amount approved ({approved.ToPlainString()} 万元)"), "received"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var line = funds.FirstOrDefault(f => f.Source == source);
        if (applied == Money.Zero && approved == Money.Zero && received == Money.Zero)
        {
            if (line is not null)
            {
                funds.Remove(line);
                linesChanged = true;
            }

            return;
        }

        if (line is null)
        {
            funds.Add(new FundLine(source, applied, approved, received));
            linesChanged = true;
        }
        else if ((line.Applied, line.Approved, line.Received) != (applied, approved, received))
        {
            line.Change(applied, approved, received);
            linesChanged = true;
        }
    }

    /// <summary>Records the emission quota the project needs for one pollutant and what it has obtained (tonnes a year); both zero removes it.</summary>
    public void RecordEmission(string pollutant, decimal needed, decimal obtained)
    {
        var errors = new List<DomainException>();
        var name = (pollutant ?? "").Trim();
        if (name.Length is 0 or > MaxPollutantLength)
        {
            errors.Add(new(new("污染物名称不能为空，且不超过50字", "The pollutant is required and at most 50 characters"), "pollutant"));
        }

        CheckTonnes(errors, needed, "needed", "所需排放指标", "The quota needed");
        CheckTonnes(errors, obtained, "obtained", "已获排放指标", "The quota obtained");
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var quota = emissions.FirstOrDefault(e => e.Pollutant == name);
        if (needed == 0 && obtained == 0)
        {
            if (quota is not null)
            {
                emissions.Remove(quota);
                linesChanged = true;
            }

            return;
        }

        if (quota is null)
        {
            emissions.Add(new EmissionQuota(name, needed, obtained));
            linesChanged = true;
        }
        else if ((quota.Needed, quota.Obtained) != (needed, obtained))
        {
            quota.Change(needed, obtained);
            linesChanged = true;
        }
    }

    private static void CheckTonnes(List<DomainException> errors, decimal value, string field, string zh, string en)
    {
        if (value < 0 || value > MaxTonnes)
        {
            errors.Add(new(new($"{zh}应在0到10亿吨之间", $"{en} must be between 0 and a billion tonnes"), field));
        }
    }
}
