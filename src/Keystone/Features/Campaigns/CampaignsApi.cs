using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keystone.Features.Campaigns;

/// <summary>
/// /api/campaigns: campaigns (专项行动) with their named projects, judged as of a day (lights and reasons);
/// /api/start-events: 集中开复工 events, and the days that propose one for an officer to confirm.
/// </summary>
public static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns").RequireAuthorization(AuthSetup.Officer);
        campaigns.MapGet("/", ListAsync).WithName("ListCampaigns").WithSummary("专项行动及进度 / the campaigns of a scope judged as of a day (scope, asOf)");
        campaigns.MapPost("/", CreateAsync).WithName("CreateCampaign")
            .WithSummary("发起专项行动 / start a campaign: {scope, name, start, end, goal?, targets?: {starts, approvals, nodes}, projects?: [{project, kind, procedure?, node?, due?, note?}]}");
        campaigns.MapGet("/{id:int}", GetAsync).WithName("GetCampaign").WithSummary("专项行动：各项目任务、红黄绿灯及原因 / a campaign, its projects' tasks with lights and reasons (asOf)")
            .WithDescription("ETag 与 version 为专项行动的版本，列入或移出项目都会改变它 / the ETag and version are the campaign's version, which naming or taking out a project moves on.");
        campaigns.MapPost("/{id:int}/projects", AddAsync).WithName("AddCampaignProject").HonoursIfMatch()
            .WithSummary("列入项目 / name a project with what it must do by when: {project, kind: start|approval|node, procedure?, node?, due?, note?}")
            .WithDescription(ChangeDescription);
        campaigns.MapDelete("/{id:int}/projects/{code}", RemoveAsync).WithName("RemoveCampaignProject").WithSummary("移出项目 / take a project (all its tasks) out of the campaign").HonoursIfMatch()
            .WithDescription(ChangeDescription);

        var events = api.MapGroup("/start-events").WithTags("Campaigns").RequireAuthorization(AuthSetup.Officer);
        events.MapGet("/", ListEventsAsync).WithName("ListStartEvents").WithSummary("集中开复工活动 / the recorded events of a scope's units in a year (scope, year)");
        events.MapPost("/", RecordEventAsync).WithName("RecordStartEvent")
            .WithSummary("记录集中开复工 / record an event: {scope, date, title?, place?, mainVenue?, projects: [code]}");
        events.MapGet("/{id:int}", GetEventAsync).WithName("GetStartEvent").WithSummary("集中开复工活动 / an event with its projects");
        events.MapGet("/proposals", ProposalsAsync).WithName("ListStartEventProposals")
            .WithSummary("待确认的集中开复工 / days with five or more starts recorded to the day, no event yet (scope, year, asOf)");
        events.MapPost("/proposals/confirm", ConfirmAsync).WithName("ConfirmStartEvent")
            .WithSummary("确认集中开复工 / record a proposed day as an event: {scope, date, title?, place?, mainVenue?}");
        return api;
    }

    private static async Task<Ok<ListResponse<CampaignItem>>> ListAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var desk = await DeskScope.ResolveAsync(db, caller, tree, clock, scope, null, asOf, ct);
        var items = (await CampaignActions.ListAsync(db, tree, desk.Unit, desk.AsOf, ct)).Select(p => CampaignItem.Of(p, CultureInfo.CurrentUICulture)).ToList();
        return TypedResults.Ok(new ListResponse<CampaignItem>(items, items.Count));
    }

    private static async Task<Created<CampaignDetailDto>> CreateAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, CampaignInput input, CancellationToken ct)
    {
        var campaign = await CampaignActions.CreateAsync(db, caller, clock, input, ct);
        var detail = await DetailAsync(http, db, caller, clock, campaign.Id, null, ct);
        return TypedResults.Created($"/api/campaigns/{campaign.Id.ToString(CultureInfo.InvariantCulture)}", detail);
    }

    private const string ChangeDescription =
        "If-Match: 读取时的 ETag（或请求体 version），专项行动已被他人修改则 412（version 则 409），未作任何更改；不带则照旧 / If-Match: the ETag read (or the body's version); when someone changed the campaign since, 412 (409 for version) and nothing is changed; without either, the change applies as before.";

    private static async Task<Ok<CampaignDetailDto>> GetAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, string? asOf, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(http, db, caller, clock, id, asOf, ct));

    private static async Task<Created<CampaignDetailDto>> AddAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, CampaignTaskInput input, CancellationToken ct)
    {
        await CheckAsync(http, db, caller, clock, id, input.Version, ct);
        await CampaignActions.AddAsync(db, caller, clock, id, input, ct);
        return TypedResults.Created($"/api/campaigns/{id.ToString(CultureInfo.InvariantCulture)}", await DetailAsync(http, db, caller, clock, id, null, ct));
    }

    private static async Task<Ok<CampaignDetailDto>> RemoveAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, string code, CancellationToken ct)
    {
        await CheckAsync(http, db, caller, clock, id, null, ct);
        await CampaignActions.RemoveAsync(db, caller, id, code, ct);
        return TypedResults.Ok(await DetailAsync(http, db, caller, clock, id, null, ct));
    }

    /// <summary>Refuses a change made from another version of the campaign than the one stored (If-Match, or the body's version).</summary>
    private static async Task CheckAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, int? version, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var campaign = await CampaignActions.FindAsync(db, caller, tree, id, ct);
        await Concurrency.CheckAsync(http, db, caller, tree, clock, campaign, Concurrency.Noun.Campaign, CampaignActions.AuditEntity, CampaignActions.AuditKey(campaign), version, ct);
    }

    /// <summary>The campaign judged as of <paramref name="asOf"/>, else its unit's data date (as the page judges it), answered with its ETag.</summary>
    private static async Task<CampaignDetailDto> DetailAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var campaign = await CampaignActions.FindAsync(db, caller, tree, id, ct);
        var desk = await DeskScope.ResolveAsync(db, caller, tree, clock, tree[campaign.OrgUnitId].Id.ToString(CultureInfo.InvariantCulture), null, asOf, ct);
        Concurrency.Tag(http, campaign);
        return CampaignActions.Detail(await CampaignActions.JudgeAsync(db, tree, campaign, desk.AsOf, ct), CultureInfo.CurrentUICulture) with { Version = campaign.Version };
    }

    private static async Task<Ok<ListResponse<StartEventDto>>> ListEventsAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, int? year, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var desk = await DeskScope.ResolveAsync(db, caller, tree, clock, scope, year, null, ct);
        var items = await StartEventActions.ListAsync(db, tree, desk.Unit, desk.Year, ct);
        return TypedResults.Ok(new ListResponse<StartEventDto>(items, items.Count));
    }

    private static async Task<Created<StartEventDto>> RecordEventAsync(AppDbContext db, Caller caller, TimeProvider clock, StartEventInput input, CancellationToken ct)
    {
        var e = await StartEventActions.RecordAsync(db, caller, clock, input, ct);
        return TypedResults.Created($"/api/start-events/{e.Id.ToString(CultureInfo.InvariantCulture)}", await StartEventActions.DetailAsync(db, await db.LoadTreeAsync(ct), e, ct));
    }

    private static async Task<Ok<StartEventDto>> GetEventAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var e = await StartEventActions.FindAsync(db, caller, tree, id, ct);
        return TypedResults.Ok(await StartEventActions.DetailAsync(db, tree, e, ct));
    }

    private static async Task<Ok<ListResponse<StartEventDto>>> ProposalsAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, int? year, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var desk = await DeskScope.ResolveAsync(db, caller, tree, clock, scope, year, asOf, ct);
        var items = await StartEventActions.ProposalsAsync(db, tree, desk.Unit, desk.Year, desk.AsOf, ct);
        return TypedResults.Ok(new ListResponse<StartEventDto>(items, items.Count));
    }

    private static async Task<Created<StartEventDto>> ConfirmAsync(AppDbContext db, Caller caller, TimeProvider clock, ConfirmInput input, CancellationToken ct)
    {
        var e = await StartEventActions.ConfirmAsync(db, caller, clock, input, ct);
        return TypedResults.Created($"/api/start-events/{e.Id.ToString(CultureInfo.InvariantCulture)}", await StartEventActions.DetailAsync(db, await db.LoadTreeAsync(ct), e, ct));
    }
}
