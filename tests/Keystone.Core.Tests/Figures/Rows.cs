using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Core.Tests.Figures;

/// <summary>Plan rows for tests: a plain zone-level industrial entry, changed with <c>with</c>.</summary>
internal static class Rows
{
    public static PlanRow Plan(
        int id,
        Nature nature = Nature.New,
        decimal total = 10_000,
        decimal planned = 1_000,
        int unit = 1,
        ProjectLevels levels = ProjectLevels.Zone,
        ProjectCategory category = ProjectCategory.Industrial) => new()
        {
            ProjectId = id,
            Code = $"P{id:D4}",
            Name = $"项目{id}",
            UnitId = unit,
            Levels = levels,
            Category = category,
            Nature = nature,
            TotalInvestment = new Money(total),
            PlannedInvestment = new Money(planned),
        };

    /// <summary>Whole 万元 amounts that add up to <paramref name="amount"/>, the remainder on the last.</summary>
    public static decimal[] Split(decimal amount, int parts)
    {
        var each = decimal.Floor(amount / parts);
        return [.. Enumerable.Repeat(each, parts - 1), amount - each * (parts - 1)];
    }
}
