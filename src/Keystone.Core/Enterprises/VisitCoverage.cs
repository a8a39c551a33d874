namespace Keystone.Core.Enterprises;

/// <summary>An officer as an assignment or a visit names it: a user (by id), or a named person.</summary>
public sealed record Officer(int? UserId, string Name)
{
    /// <summary>The same officer: the same user when both are users, else the same name.</summary>
    public bool Is(Officer other) => UserId is { } a && other.UserId is { } b ? a == b : Name == other.Name;
}

/// <summary>An enterprise and its liaison officer (包联).</summary>
public sealed record Assignment(int EnterpriseId, string Enterprise, Officer Officer, string? Department);

/// <summary>A visit: to which enterprise, by whom, on which day.</summary>
public sealed record VisitFact(int EnterpriseId, Officer Officer, DateOnly On);

/// <summary>One officer's month: the enterprises assigned, those visited by the officer in the month, and those not.</summary>
public sealed record OfficerCoverage(Officer Officer, string? Department, IReadOnlyList<Assignment> Assigned, IReadOnlyList<Assignment> Visited, IReadOnlyList<Assignment> Unvisited)
{
    /// <summary>visited / assigned; null (shown "—") when nothing is assigned.</summary>
    public Percent? Rate => Percent.Of(Visited.Count, Assigned.Count);
}

/// <summary>A month's coverage: per officer, and in all.</summary>
public sealed record CoverageResult(Period Month, IReadOnlyList<OfficerCoverage> Officers, int Assigned, int Visited)
{
    public Percent? Rate => Percent.Of(Visited, Assigned);
}

/// <summary>
/// 包联 coverage (每月开展一次入企访谈): for a month, each liaison officer's enterprises and which of them the officer
/// visited in that month (on or before <c>asOf</c>, when the month is still running). A visit by someone else
/// does not cover an officer's enterprise; a visit to an enterprise not assigned to the visitor counts for no
/// one's coverage. An enterprise visited twice counts once.
/// </summary>
public static class VisitCoverage
{
    public static CoverageResult Compute(Period month, IReadOnlyList<Assignment> assignments, IReadOnlyList<VisitFact> visits, DateOnly? asOf = null)
    {
        var last = asOf is { } d && d < month.LastDay ? d : month.LastDay;
        var inMonth = visits.Where(v => v.On >= month.FirstDay && v.On <= last).ToList();
        var officers = new List<OfficerCoverage>();
        foreach (var group in Group(assignments))
        {
            var officer = group[0].Officer;
            var visited = group.Where(a => inMonth.Any(v => v.EnterpriseId == a.EnterpriseId && v.Officer.Is(officer))).ToList();
            var unvisited = group.Where(a => !visited.Contains(a)).ToList();
            officers.Add(new OfficerCoverage(officer, group[0].Department, group, visited, unvisited));
        }

        return new CoverageResult(month, officers, officers.Sum(o => o.Assigned.Count), officers.Sum(o => o.Visited.Count));
    }

    /// <summary>Assignments grouped by officer, in the order officers first appear.</summary>
    private static List<List<Assignment>> Group(IReadOnlyList<Assignment> assignments)
    {
        var groups = new List<List<Assignment>>();
        foreach (var a in assignments)
        {
            var group = groups.FirstOrDefault(g => g[0].Officer.Is(a.Officer));
            if (group is null)
            {
                groups.Add([a]);
            }
            else if (group.All(x => x.EnterpriseId != a.EnterpriseId))
            {
                group.Add(a);
            }
        }

        return groups;
    }
}
