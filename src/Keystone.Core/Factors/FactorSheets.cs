using Keystone.Core.Lights;

namespace Keystone.Core.Factors;

/// <summary>
/// The factor sheets and approval checklists of some projects as plain rows — what the factor figures are
/// computed from. Read from the database for today, or kept by a closed month so its briefing reads the
/// sheets as they stood when the month was closed.
/// </summary>
public sealed record FactorSheets(IReadOnlyList<FactorRow> Sheets, IReadOnlyList<ProcedureRow> Items, IReadOnlyList<LandStartRow> LandStarts)
{
    public static FactorSheets Empty { get; } = new([], [], []);

    /// <summary>The factor figures of these sheets as of a day, each project's obligations judged by its own unit's rules.</summary>
    public FactorFigures Figures(DateOnly asOf, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return FactorGaps.Compute(Sheets, Items, asOf, rules.For, LandStarts);
    }

    /// <summary>Only the sheets and items of projects in <paramref name="units"/> (a zone's part of its city's closed month).</summary>
    public FactorSheets Within(IReadOnlySet<int> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var sheets = Sheets.Where(s => units.Contains(s.UnitId)).ToList();
        var projects = sheets.Select(s => s.ProjectId).ToHashSet();
        return new FactorSheets(sheets, Items.Where(i => units.Contains(i.UnitId)).ToList(), LandStarts.Where(l => projects.Contains(l.ProjectId)).ToList());
    }
}
