using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Meetings;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Features.Problems;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keystone.Features.Meetings;

/// <summary>
/// /api/meetings: 调度会, 看述评 and 经济运行分析会 — held by a unit, with an agenda, minutes and decisions; each
/// decision is a problem of the loop (source: the meeting); the pack is the meeting's .docx as of its day.
/// </summary>
public static class MeetingsApi
{
    public static RouteGroupBuilder MapMeetingsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/meetings").WithTags("Meetings").RequireAuthorization(AuthSetup.Officer);
        group.MapGet("/", ListAsync).WithName("ListMeetings").WithSummary("会议列表 / the meetings of a scope (scope, kind, asOf)");
        group.MapPost("/", HoldAsync).WithName("HoldMeeting")
            .WithSummary("记录会议 / record a meeting: {scope, kind, date, title?, chair, attendees?, agenda?: [{project | unit, note?}]}");
        group.MapGet("/{id:int}", GetAsync).WithName("GetMeeting").WithSummary("会议及议定事项办理情况 / a meeting, its agenda and its decisions as they stand on asOf (default: the data date)")
            .WithDescription("ETag 与 version 为会议的版本 / the ETag and version are the meeting's version.");
        group.MapPut("/{id:int}/minutes", MinutesAsync).WithName("RecordMinutes").WithSummary("会议纪要 / the minutes").HonoursIfMatch()
            .WithDescription("If-Match: 读取时的 ETag（或请求体 version），会议已被他人修改则 412（version 则 409），未作任何更改；不带则照旧覆盖 / If-Match: the ETag read (or the body's version); when someone changed the meeting since, 412 (409 for version) and nothing is changed; without either, the minutes are recorded as before.");
        group.MapPost("/{id:int}/decisions", DecideAsync).WithName("RecordDecision")
            .WithSummary("议定事项（进入问题督办）/ a decision, tracked as a problem: {text, unit | department, deadline, category, projectCode?, detail?}");
        group.MapGet("/{id:int}/pack", PackAsync).WithName("GetMeetingPack").WithSummary("会议材料 .docx（截至会议日期）/ the meeting's pack as of its day");
        return api;
    }

    private static async Task<Ok<ListResponse<MeetingItem>>> ListAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? kind, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var day = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, null, asOf, ct);
        var items = await MeetingActions.ListAsync(db, caller, tree, scope, kind, day, ct);
        return TypedResults.Ok(new ListResponse<MeetingItem>(items, items.Count, day));
    }

    private static async Task<Created<MeetingDetailDto>> HoldAsync(AppDbContext db, Caller caller, TimeProvider clock, MeetingInput input, CancellationToken ct)
    {
        var meeting = await MeetingActions.HoldAsync(db, caller, clock, input, ct);
        var tree = await db.LoadTreeAsync(ct);
        var detail = await MeetingActions.DetailAsync(db, tree, meeting, DeskDate.Today(clock), ct);
        return TypedResults.Created($"/api/meetings/{meeting.Id.ToString(CultureInfo.InvariantCulture)}", detail);
    }

    private static async Task<Ok<MeetingDetailDto>> GetAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var meeting = await MeetingActions.FindAsync(db, caller, tree, id, ct);
        Concurrency.Tag(http, meeting);
        return TypedResults.Ok(await MeetingActions.DetailAsync(db, tree, meeting, await DayAsync(db, caller, tree, clock, meeting, asOf, ct), ct));
    }

    private static async Task<Ok<MeetingDetailDto>> MinutesAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, MinutesInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var read = await MeetingActions.FindAsync(db, caller, tree, id, ct);
        await Concurrency.CheckAsync(http, db, caller, tree, clock, read, Concurrency.Noun.Meeting, MeetingActions.AuditEntity, MeetingActions.AuditKey(read), input.Version, ct);
        var meeting = await MeetingActions.RecordMinutesAsync(db, caller, clock, id, input, ct);
        Concurrency.Tag(http, meeting);
        return TypedResults.Ok(await MeetingActions.DetailAsync(db, tree, meeting, DeskDate.Today(clock), ct));
    }

    private static async Task<Created<DecisionDto>> DecideAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, DecisionInput input, CancellationToken ct)
    {
        var decision = await MeetingActions.DecideAsync(db, caller, clock, id, input, ct);
        var tree = await db.LoadTreeAsync(ct);
        var meeting = await MeetingActions.FindAsync(db, caller, tree, id, ct);
        var detail = await MeetingActions.DetailAsync(db, tree, meeting, DeskDate.Today(clock), ct);
        return TypedResults.Created($"/api/problems/{decision.Problem!.Number}", detail.Decisions.Single(d => d.Sequence == decision.Sequence));
    }

    private static async Task<FileContentHttpResult> PackAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var meeting = await MeetingActions.FindAsync(db, caller, tree, id, ct);
        var (bytes, name) = await MeetingActions.PackAsync(db, tree, meeting, clock, ct);
        return TypedResults.File(bytes, ProblemsApi.DocxType, name);
    }

    /// <summary>
    /// The day a meeting's decisions are judged on when read, as its page judges them: asOf, else the data date of
    /// the meeting's unit. The answer to a change shows the meeting as it stands today, the change included.
    /// </summary>
    private static Task<DateOnly> DayAsync(AppDbContext db, Caller caller, OrgTree tree, TimeProvider clock, Meeting meeting, string? asOf, CancellationToken ct) =>
        DeskScope.AsOfAsync(db, caller, tree, clock, meeting.OrgUnitId.ToString(CultureInfo.InvariantCulture), null, asOf, ct);
}
