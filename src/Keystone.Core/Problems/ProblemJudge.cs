using Keystone.Core.Lights;
using Keystone.Core.Units;

namespace Keystone.Core.Problems;

/// <summary>Judging problem rows as of a day, each by its own unit's service levels: pure, for every list of problems.</summary>
public static class ProblemJudge
{
    /// <summary>A loaded problem (with its steps, notices, project and enterprise) as a row.</summary>
    public static ProblemRow RowOf(Problem problem) => new()
    {
        Number = problem.Number,
        Title = problem.Title,
        Category = problem.Category,
        Source = problem.Source,
        UnitId = problem.OrgUnitId,
        RaisedBy = problem.RaisedBy,
        ProjectCode = problem.Project?.Code,
        ProjectName = problem.Project?.Name,
        EnterpriseName = problem.Enterprise?.Name,
        Timeline = problem.Timeline,
        NoticesIssued = problem.Notices.Select(n => n.IssuedOn).ToList(),
    };

    /// <summary>Each row judged on <paramref name="asOf"/> by its own unit's service levels, escalating to the unit above; rows not yet raised are left out.</summary>
    public static IReadOnlyList<JudgedProblem> Judge(IEnumerable<ProblemRow> rows, OrgTree tree, RuleBook rules, DateOnly asOf) =>
        rows.Select(r => (Row: r, Standing: ProblemClock.Judge(r.Timeline, asOf, rules.For(r.UnitId), EscalationOf(tree, r.UnitId))))
            .Where(x => x.Standing is not null)
            .Select(x => new JudgedProblem(x.Row, x.Standing!))
            .ToList();

    /// <summary>The unit an overdue problem of <paramref name="unitId"/> escalates to: the one above (zone → city), none above the top.</summary>
    public static EscalationTarget? EscalationOf(OrgTree tree, int unitId) =>
        tree.Contains(unitId) && tree[unitId].ParentId is { } parent && tree.Contains(parent) ? new EscalationTarget(parent, tree[parent].Name) : null;
}
