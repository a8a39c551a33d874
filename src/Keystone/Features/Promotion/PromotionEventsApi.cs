using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Promotion;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Promotion;

/// <summary>A lead an event touched.</summary>
public sealed record EventLeadDto(int Id, string Name);

/// <summary>A promotion event as the API and the page show it; <c>version</c> is its concurrency token (its ETag).</summary>
public sealed record PromotionEventDto(int Id, string Unit, string On, string Kind, string KindName, string Name, string Place, string? Outcome, IReadOnlyList<EventLeadDto> Leads, int Version);

/// <summary>
/// POST /api/promotion/events and PUT /api/promotion/events/{id}: the unit (a write's own by default), the facts, the ids of
/// the leads it touched; on revision, the version it was made from (refused if the event changed since; absent: not checked).
/// </summary>
public sealed record PromotionEventInput(string? Unit, DateOnly? On, string? Kind, string? Name, string? Place, string? Outcome, IReadOnlyList<int>? Leads, int? Version = null);

/// <summary>
/// Promotion events (招商活动) for the API and the page: a unit's officers record the events held and the leads
/// they touched (leads of the unit or below, that the caller sees); a city and the province see their zones'
/// events; enterprise reporters and departments see none. An event outside the caller's scope answers 404.
/// </summary>
public static class PromotionEventActions
{
    public static IQueryable<PromotionEvent> Visible(AppDbContext db, Caller caller, OrgTree tree)
    {
        var units = caller.KeepsLedger ? caller.Units(tree) : [];
        return db.PromotionEvents.Where(e => units.Contains(e.OrgUnitId));
    }

    public static async Task<IReadOnlyList<PromotionEventDto>> ListAsync(
        AppDbContext db, Caller caller, OrgTree tree, OrgUnitInfo scope, int? year, PromotionEventKind? kind, CancellationToken ct)
    {
        var units = tree.Subtree(scope.Id);
        var query = Visible(db, caller, tree).Where(e => units.Contains(e.OrgUnitId));
        query = year is { } y ? query.Where(e => e.On >= new DateOnly(y, 1, 1) && e.On <= new DateOnly(y, 12, 31)) : query;
        query = kind is { } k ? query.Where(e => e.Kind == k) : query;
        var events = await query.AsNoTracking().Include(e => e.Leads).ThenInclude(l => l.Lead).OrderByDescending(e => e.On).ThenByDescending(e => e.Id).ToListAsync(ct);
        return events.Select(e => Dto(e, tree)).ToList();
    }

    public static async Task<PromotionEventDto> DetailAsync(AppDbContext db, Caller caller, OrgTree tree, int id, CancellationToken ct)
    {
        var e = await Visible(db, caller, tree).AsNoTracking().Include(x => x.Leads).ThenInclude(l => l.Lead).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw NotFound(id);
        return Dto(e, tree);
    }

    public static async Task<PromotionEvent> CreateAsync(AppDbContext db, Caller caller, TimeProvider clock, PromotionEventInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = PromotionActions.UnitFor(caller, tree, input.Unit);
        var today = DeskDate.Today(clock);
        var facts = Facts(input);
        var touched = await LeadsAsync(db, caller, tree, unit.Id, input.Leads, ct);
        var e = new PromotionEvent(unit.Id, facts, caller.UserName, today);
        e.Touch(touched);
        db.PromotionEvents.Add(e);
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>Revises an event; <paramref name="check"/> (the concurrency check) runs on the event as read, before anything changes.</summary>
    public static async Task<PromotionEvent> ReviseAsync(
        AppDbContext db, Caller caller, TimeProvider clock, int id, PromotionEventInput input, CancellationToken ct, Func<PromotionEvent, OrgTree, Task>? check = null)
    {
        var tree = await db.LoadTreeAsync(ct);
        var e = await Visible(db, caller, tree).Include(x => x.Leads).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound(id);
        if (check is not null)
        {
            await check(e, tree);
        }

        var facts = Facts(input);
        var touched = await LeadsAsync(db, caller, tree, e.OrgUnitId, input.Leads, ct);
        e.Revise(facts, DeskDate.Today(clock));
        e.Touch(touched);
        await db.SaveChangesAsync(ct);
        return e;
    }

    private static NotFoundException NotFound(int id) => new(new($"找不到招商活动{id}", $"No promotion event {id}"));

    private static PromotionEventFacts Facts(PromotionEventInput input)
    {
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, input.On is not null, "on", "活动日期", "The date");
        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Kind), "kind", "活动类型", "The kind");
        var kind = string.IsNullOrWhiteSpace(input.Kind) ? (PromotionEventKind?)null : ApiSupport.Try(errors, "kind", () => PromotionEventKinds.Parse(input.Kind));
        ApiSupport.ThrowIfAny(errors);
        return new PromotionEventFacts { On = input.On!.Value, Kind = kind!.Value, Name = input.Name ?? "", Place = input.Place ?? "", Outcome = input.Outcome };
    }

    /// <summary>The leads named: each one the caller sees, of the event's unit or a unit below it; any other refused by its id.</summary>
    private static async Task<IReadOnlyList<Lead>> LeadsAsync(AppDbContext db, Caller caller, OrgTree tree, int unitId, IReadOnlyList<int>? ids, CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var units = tree.Subtree(unitId);
        var found = await PromotionActions.Visible(db, caller, tree).Where(l => wanted.Contains(l.Id) && units.Contains(l.OrgUnitId)).ToListAsync(ct);
        var missing = wanted.Where(id => found.All(l => l.Id != id)).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join("、", missing);
            throw new DomainException(new($"找不到线索{list}（须为本单位或下级单位的线索）", $"No lead {list} (leads of the unit or a unit below it)"), "leads");
        }

        return found;
    }

    private static PromotionEventDto Dto(PromotionEvent e, OrgTree tree) => new(
        e.Id, tree.Contains(e.OrgUnitId) ? tree[e.OrgUnitId].Name : "", LeadDto.Iso(e.On), PromotionEventKinds.Code(e.Kind), PromotionEventKinds.Name(e.Kind),
        e.Name, e.Place, e.Outcome, e.Leads.Where(l => l.Lead is not null).Select(l => new EventLeadDto(l.LeadId, l.Lead!.Name)).OrderBy(l => l.Id).ToList(), e.Version);
}

/// <summary>/api/promotion/events: the events held (推介会, 外出招商, 签约仪式, 来访考察…) and the leads they touched.</summary>
public static class PromotionEventsApi
{
    public static RouteGroupBuilder MapPromotionEventsApi(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/promotion/events").WithTags("Promotion").RequireAuthorization(AuthSetup.Officer);
        events.MapGet("/", ListAsync).WithName("ListPromotionEvents")
            .WithSummary("招商活动 / the events of a scope, latest first: scope, year, kind (推介会|外出招商|签约仪式|来访考察|展会|其他 or conference|trip|signing|hosted|expo|other)");
        events.MapGet("/{id:int}", GetAsync).WithName("GetPromotionEvent").WithSummary("一次招商活动 / one event with the leads it touched (its ETag is its version)");
        events.MapPost("/", CreateAsync).WithName("CreatePromotionEvent")
            .WithSummary("记录招商活动 / record an event: {unit?, on, kind, name, place, outcome?, leads: [lead ids]}");
        events.MapPut("/{id:int}", ReviseAsync).WithName("RevisePromotionEvent").HonoursIfMatch()
            .WithSummary("修改招商活动 / revise an event (the leads given replace the ones recorded)")
            .WithDescription(Concurrency.IfMatchDescription("活动", "event"));
        return api;
    }

    private static async Task<Ok<ListResponse<PromotionEventDto>>> ListAsync(AppDbContext db, Caller caller, string? scope, int? year, string? kind, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var k = string.IsNullOrWhiteSpace(kind) ? (PromotionEventKind?)null : PromotionEventKinds.Parse(kind);
        var items = await PromotionEventActions.ListAsync(db, caller, tree, unit, year, k, ct);
        return TypedResults.Ok(new ListResponse<PromotionEventDto>(items, items.Count));
    }

    private static async Task<Ok<PromotionEventDto>> GetAsync(HttpContext http, AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var e = await PromotionEventActions.DetailAsync(db, caller, await db.LoadTreeAsync(ct), id, ct);
        http.Response.Headers.ETag = Concurrency.ETag(e.Version);
        return TypedResults.Ok(e);
    }

    private static async Task<Created<PromotionEventDto>> CreateAsync(AppDbContext db, Caller caller, TimeProvider clock, PromotionEventInput input, CancellationToken ct)
    {
        var e = await PromotionEventActions.CreateAsync(db, caller, clock, input, ct);
        return TypedResults.Created($"/api/promotion/events/{e.Id}", await PromotionEventActions.DetailAsync(db, caller, await db.LoadTreeAsync(ct), e.Id, ct));
    }

    private static async Task<Ok<PromotionEventDto>> ReviseAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, PromotionEventInput input, CancellationToken ct)
    {
        var e = await PromotionEventActions.ReviseAsync(db, caller, clock, id, input, ct, (found, tree) => Concurrency.CheckAsync(
            http, db, caller, tree, clock, found, Concurrency.Noun.PromotionEvent, "promotionEvent", found.Id.ToString(CultureInfo.InvariantCulture), input.Version, ct));
        Concurrency.Tag(http, e);
        return TypedResults.Ok(await PromotionEventActions.DetailAsync(db, caller, await db.LoadTreeAsync(ct), e.Id, ct));
    }
}
