namespace Keystone.Core.Promotion;

/// <summary>
/// A unit's annual promotion task (年度招商任务): how many projects to sign and for how much, the funds to
/// get in place (到位资金) and the projects to land (开工) in the year. One per unit and year.
/// </summary>
public sealed class PromotionTask : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public PromotionTask(int unitId, int year, PromotionTaskFigures figures)
    {
        if (year is < 2000 or > 2100)
        {
            throw new DomainException(new($"年度{year}无效", $"The year {year} is not valid"), "year");
        }

        OrgUnitId = unitId;
        Year = year;
        Change(figures);
    }

    private PromotionTask()
    {
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public int Year { get; private set; }

    /// <summary>签约项目 to sign in the year.</summary>
    public int SignedProjects { get; private set; }

    /// <summary>签约金额 to sign in the year.</summary>
    public Money SignedAmount { get; private set; }

    /// <summary>到位资金 to get in place in the year.</summary>
    public Money FundsInPlace { get; private set; }

    /// <summary>Projects to land (开工) in the year.</summary>
    public int Landed { get; private set; }

    public PromotionTaskFigures Figures => new(SignedProjects, SignedAmount, FundsInPlace, Landed);

    public void Change(PromotionTaskFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.SignedProjects < 0 || figures.Landed < 0 || figures.SignedAmount.IsNegative || figures.FundsInPlace.IsNegative)
        {
            throw new DomainException(new("年度招商任务不能为负数", "A promotion task cannot be negative"), "signedProjects");
        }

        SignedProjects = figures.SignedProjects;
        SignedAmount = figures.SignedAmount;
        FundsInPlace = figures.FundsInPlace;
        Landed = figures.Landed;
    }
}

/// <summary>The numbers of a task, or of several units' tasks added up.</summary>
public sealed record PromotionTaskFigures(int SignedProjects, Money SignedAmount, Money FundsInPlace, int Landed)
{
    public static PromotionTaskFigures Sum(IEnumerable<PromotionTaskFigures> tasks)
    {
        var list = tasks.ToList();
        return new(list.Sum(t => t.SignedProjects), Money.Sum(list.Select(t => t.SignedAmount)), Money.Sum(list.Select(t => t.FundsInPlace)), list.Sum(t => t.Landed));
    }
}
