using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Campaigns;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Units;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Campaigns;

/// <summary>POST /api/start-events: who held it (scope), the day, its title and place, the main venue project and the projects (codes).</summary>
public sealed record StartEventInput(string? Scope, DateOnly? Date, string? Title, string? Place, string? MainVenue, IReadOnlyList<string>? Projects);

/// <summary>POST /api/start-events/proposals/confirm: the proposal (unit and day) and what the officer adds to it.</summary>
public sealed record ConfirmInput(string? Scope, DateOnly? Date, string? Title, string? Place, string? MainVenue);

public sealed record EventProjectDto(string Code, string Name, string Nature, string Category, DateOnly? Start, bool MainVenue);

/// <summary>An event or a proposal with its figures over the year's plan: counts by nature and category, total investment and annual plan (万元).</summary>
public sealed record StartEventDto(
    int? Id, string Unit, DateOnly Date, string? Title, string? Place, string? MainVenue, int Count, int New, int Continuing,
    IReadOnlyDictionary<string, int> ByCategory, decimal TotalInvestment, decimal AnnualPlan, IReadOnlyList<EventProjectDto> Projects);

/// <summary>
/// 集中开复工 as events, scoped by the caller: recorded events of the scope's units, an event recorded by hand, the days
/// that propose one (five or more day-precise starts of one unit) and their confirmation. The same for the API and the page.
/// </summary>
public static class StartEventActions
{
    public static NotFoundException NotFound(int id) => new(new($"找不到集中开复工活动{id}", $"No start event {id}"));

    public static async Task<StartEvent> FindAsync(AppDbContext db, Caller caller, OrgTree tree, int id, CancellationToken ct)
    {
        var e = await db.StartEvents.AsNoTracking().Include(x => x.Projects).FirstOrDefaultAsync(x => x.Id == id, ct);
        return e is not null && caller.CanSee(tree, e.OrgUnitId) ? e : throw NotFound(id);
    }

    /// <summary>The events held by the scope's units in the year, each over the year's live plan rows of its projects.</summary>
    public static async Task<IReadOnlyList<StartEventDto>> ListAsync(AppDbContext db, OrgTree tree, OrgUnitInfo unit, int year, CancellationToken ct)
    {
        var events = await CampaignData.EventsAsync(db, tree, unit, year, null, ct);
        return await DtosAsync(db, tree, events, year, ct);
    }

    public static async Task<StartEventDto> DetailAsync(AppDbContext db, OrgTree tree, StartEvent e, CancellationToken ct)
    {
        var facts = (await CampaignData.EventsAsync(db, tree, tree[e.OrgUnitId], e.HeldOn.Year, null, ct)).Single(f => f.Id == e.Id);
        return (await DtosAsync(db, tree, [facts], e.HeldOn.Year, ct))[0];
    }

    public static async Task<IReadOnlyList<StartEventDto>> ProposalsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo unit, int year, DateOnly asOf, CancellationToken ct)
    {
        var proposals = await CampaignData.ProposalsAsync(db, tree, unit, year, asOf, ct);
        var facts = proposals.Select(p => new StartEventFacts(0, p.UnitId, p.UnitName, p.Starts.Date, null, null, null, null, p.Starts.ProjectIds)).ToList();
        return (await DtosAsync(db, tree, facts, year, ct)).Select(d => d with { Id = null }).ToList();
    }

    public static async Task<StartEvent> RecordAsync(AppDbContext db, Caller caller, TimeProvider clock, StartEventInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var (unit, day) = ResolveHeld(caller, tree, input.Scope, input.Date);
        var errors = new List<DomainException>();
        var ids = new List<int>();
        foreach (var (code, i) in (input.Projects ?? []).Select((c, i) => (c?.Trim() ?? "", i + 1)))
        {
            var id = await ProjectIdAsync(db, caller, tree, unit, code, ct);
            if (id is null)
            {
                errors.Add(new(new($"第{i}个项目：找不到{unit.Name}的项目“{code}”", $"Project {i}: {unit.Name} has no project \"{code}\""), "projects"));
            }
            else
            {
                ids.Add(id.Value);
            }
        }

        ApiSupport.Require(errors, (input.Projects ?? []).Count > 0, "projects", "集中开复工的项目", "The event's projects");
        var venue = await VenueAsync(db, caller, tree, unit, input.MainVenue, errors, ct);
        ApiSupport.ThrowIfAny(errors);
        return await SaveAsync(db, caller, clock, unit, day, input.Title, input.Place, ids, venue, ct);
    }

    /// <summary>Records the proposal of a unit's day as an event: its projects are the day's day-precise starts.</summary>
    public static async Task<StartEvent> ConfirmAsync(AppDbContext db, Caller caller, TimeProvider clock, ConfirmInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var (unit, day) = ResolveHeld(caller, tree, input.Scope, input.Date);
        var proposal = (await CampaignData.ProposalsAsync(db, tree, unit, day.Year, day, ct)).FirstOrDefault(p => p.UnitId == unit.Id && p.Starts.Date == day)
            ?? throw new DomainException(
                new($"{unit.Name}{ChineseFormat.Date(day)}没有可确认的集中开复工：须有{StartEvents.ProposalMinimum}个以上项目当天开复工（日期精确到日），且当天尚无记录的活动",
                    $"{unit.Name} has no event to confirm on {day:yyyy-MM-dd}: it takes {StartEvents.ProposalMinimum} or more starts recorded to that day, and no event recorded yet"),
                "date");
        var errors = new List<DomainException>();
        var venue = await VenueAsync(db, caller, tree, unit, input.MainVenue, errors, ct);
        if (venue is { } v && !proposal.Starts.ProjectIds.Contains(v))
        {
            errors.Add(new(new("主会场项目须是当天集中开复工的项目之一", "The main venue must be one of the day's projects"), "mainVenue"));
        }

        ApiSupport.ThrowIfAny(errors);
        return await SaveAsync(db, caller, clock, unit, day, input.Title, input.Place, proposal.Starts.ProjectIds, venue, ct);
    }

    private static async Task<StartEvent> SaveAsync(
        AppDbContext db, Caller caller, TimeProvider clock, OrgUnitInfo unit, DateOnly day, string? title, string? place, IReadOnlyList<int> ids, int? venue, CancellationToken ct)
    {
        if (await db.StartEvents.AnyAsync(e => e.OrgUnitId == unit.Id && e.HeldOn == day, ct))
        {
            throw new DomainException(new($"{unit.Name}{ChineseFormat.Date(day)}已记录集中开复工活动", $"{unit.Name} already has an event on {day:yyyy-MM-dd}"), "date");
        }

        var e = new StartEvent(unit.Id, day, title, place, caller.UserName, clock.GetUtcNow());
        e.SetProjects(ids, venue);
        db.StartEvents.Add(e);
        await db.SaveChangesAsync(ct);
        return e;
    }

    private static (OrgUnitInfo Unit, DateOnly Day) ResolveHeld(Caller caller, OrgTree tree, string? scope, DateOnly? date)
    {
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, date is not null, "date", "活动日期", "The date");
        if (date is { } d)
        {
            ApiSupport.Try(errors, "date", () => SaneDate.Check(d, "date"));
        }

        OrgUnitInfo? unit = null;
        try
        {
            unit = caller.Resolve(tree, scope);
        }
        catch (NotFoundException x)
        {
            errors.Add(new(x.Text, "scope"));
        }

        ApiSupport.ThrowIfAny(errors);
        return (unit!, date!.Value);
    }

    private static async Task<int?> ProjectIdAsync(AppDbContext db, Caller caller, OrgTree tree, OrgUnitInfo unit, string code, CancellationToken ct)
    {
        if (code.Length == 0)
        {
            return null;
        }

        var p = await caller.Coded(db.Projects, tree, code).Select(x => new { x.Id, x.OrgUnitId }).FirstOrDefaultAsync(ct);
        return p is not null && tree.IsWithin(p.OrgUnitId, unit.Id) ? p.Id : null;
    }

    private static async Task<int?> VenueAsync(AppDbContext db, Caller caller, OrgTree tree, OrgUnitInfo unit, string? code, List<DomainException> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var id = await ProjectIdAsync(db, caller, tree, unit, code.Trim(), ct);
        if (id is null)
        {
            errors.Add(new(new($"找不到{unit.Name}的主会场项目“{code.Trim()}”", $"{unit.Name} has no project \"{code.Trim()}\" for the main venue"), "mainVenue"));
        }

        return id;
    }

    /// <summary>Each event over its projects' plan rows of the year (the event's unit's live rows).</summary>
    private static async Task<IReadOnlyList<StartEventDto>> DtosAsync(AppDbContext db, OrgTree tree, IReadOnlyList<StartEventFacts> events, int year, CancellationToken ct)
    {
        var result = new List<StartEventDto>();
        foreach (var group in events.GroupBy(e => e.UnitId))
        {
            var rows = await FiguresData.ScopeRowsAsync(db, tree, tree[group.Key], year, new DateOnly(year, 12, 31), ct);
            var byId = rows.ToDictionary(r => r.ProjectId);
            foreach (var e in group)
            {
                var start = StartEvents.Recorded([e with { HeldOn = new DateOnly(year, 1, 1) }], rows, year, new DateOnly(year, 12, 31), e.UnitId).FirstOrDefault();
                var members = e.ProjectIds.Where(byId.ContainsKey).Select(id => byId[id]).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
                result.Add(new StartEventDto(
                    e.Id == 0 ? null : e.Id, e.UnitName, e.HeldOn, e.Title, e.Place, e.MainVenueName,
                    start?.Count ?? 0, start?.New ?? 0, start?.Continuing ?? 0,
                    (start?.ByCategory ?? []).ToDictionary(c => Core.Projects.ProjectVocabulary.Name(c.Category), c => c.Count),
                    start?.TotalInvestment.Wan ?? 0, start?.AnnualPlan.Wan ?? 0,
                    members.Select(r => new EventProjectDto(r.Code, r.Name, Core.Ledger.LedgerParser.NatureName(r.Nature), Core.Projects.ProjectVocabulary.Name(r.Category),
                        FiguresEngine.StartDateInYear(r, year), r.ProjectId == e.MainVenueProjectId)).ToList()));
            }
        }

        return result.OrderBy(d => d.Date).ThenBy(d => d.Unit, StringComparer.Ordinal).ToList();
    }
}
