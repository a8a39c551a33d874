using Keystone.Core.Figures;

namespace Keystone.Core.Campaigns;

/// <summary>A recorded event as the engine reads it: who held it (id and name), when, its title, place, main venue and projects.</summary>
public sealed record StartEventFacts(
    int Id, int UnitId, string UnitName, DateOnly HeldOn, string? Title, string? Place, int? MainVenueProjectId, string? MainVenueName, IReadOnlyList<int> ProjectIds);

/// <summary>
/// A day on which five or more of one unit's entries started with day-precise dates and no event is recorded:
/// a 集中开复工 an officer may confirm (<see cref="StartEvents.Proposals"/>).
/// </summary>
public sealed record StartEventProposal(int UnitId, string UnitName, ConcurrentStart Starts);

/// <summary>
/// 集中开复工 (docs/domain.md): the briefing's paragraph reads recorded events; dates only ever propose one. Pure.
/// </summary>
public static class StartEvents
{
    /// <summary>How many same-day starts make a day worth proposing as an event.</summary>
    public const int ProposalMinimum = 5;

    /// <summary>
    /// The recorded events of year Y held on or before <paramref name="asOf"/>, each counted over the scope's
    /// rows (only its projects in Y's plan count), in date order; an event with none of its projects in the rows
    /// is left out. An event held by a unit other than <paramref name="scopeUnitId"/> carries that unit's name,
    /// so a city's or the province's briefing names the zone that held it instead of claiming it.
    /// </summary>
    public static IReadOnlyList<ConcurrentStart> Recorded(IEnumerable<StartEventFacts> events, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, int scopeUnitId)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(rows);
        var held = events.Where(e => e.HeldOn.Year == year && e.HeldOn <= asOf).OrderBy(e => e.HeldOn).ThenBy(e => e.Id).ToList();
        var result = new List<ConcurrentStart>();
        if (held.Count == 0)
        {
            return result;
        }

        // The first row of each project (a set of rows holds one per project), without grouping a province's rows.
        var byProject = new Dictionary<int, PlanRow>(rows.Count);
        foreach (var r in rows)
        {
            byProject.TryAdd(r.ProjectId, r);
        }

        foreach (var e in held)
        {
            var members = e.ProjectIds.Where(byProject.ContainsKey).Select(id => byProject[id]).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            result.Add(Group(e.HeldOn, members) with
            {
                HeldBy = e.UnitId == scopeUnitId ? null : e.UnitName,
                Title = e.Title,
                Place = e.Place,
                MainVenue = e.MainVenueName,
            });
        }

        return result;
    }

    /// <summary>
    /// Days of year Y, on or before <paramref name="asOf"/>, on which at least <paramref name="minimum"/> entries of one
    /// unit started, counting only the entries in <paramref name="dayPrecise"/> — those whose 本年开复工时间 was recorded
    /// to the day. A date that came from month-level text ("3月", "3月上旬", "月底") is the month's first, tenth or last day
    /// by convention, not a day anything happened, so it never proposes an event. Days on which the unit already
    /// recorded an event are left out. In date order, then by unit.
    /// </summary>
    public static IReadOnlyList<StartEventProposal> Proposals(
        IReadOnlyList<PlanRow> rows, IReadOnlySet<int> dayPrecise, IEnumerable<(int UnitId, DateOnly Day)> recorded,
        Func<int, string> unitName, int year, DateOnly asOf, int minimum = ProposalMinimum)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(dayPrecise);
        ArgumentNullException.ThrowIfNull(unitName);
        var taken = recorded.ToHashSet();
        return rows
            .Where(r => dayPrecise.Contains(r.ProjectId) && r.StartDate is { } s && s.Year == year)
            .GroupBy(r => r.UnitId)
            .SelectMany(g => FiguresEngine.ConcurrentStarts(g, year, asOf, minimum).Select(s => (Unit: g.Key, Starts: s)))
            .Where(p => !taken.Contains((p.Unit, p.Starts.Date)))
            .OrderBy(p => p.Starts.Date)
            .ThenBy(p => p.Unit)
            .Select(p => new StartEventProposal(p.Unit, unitName(p.Unit), p.Starts))
            .ToList();
    }

    private static ConcurrentStart Group(DateOnly day, IReadOnlyList<PlanRow> rows) => new(
        day,
        rows.Count,
        rows.GroupBy(r => r.Category).OrderBy(c => c.Key).Select(c => new CategoryCount(c.Key, c.Count())).ToList(),
        rows.Count(r => r.Nature == Plans.Nature.New),
        rows.Count(r => r.Nature == Plans.Nature.Continuing),
        Money.Sum(rows.Select(r => r.TotalInvestment)),
        Money.Sum(rows.Select(r => r.PlannedInvestment)),
        rows.Select(r => r.ProjectId).OrderBy(id => id).ToList());
}
