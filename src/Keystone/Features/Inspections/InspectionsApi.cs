using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Features.Accounts;
using Keystone.Features.Problems;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keystone.Features.Inspections;

/// <summary>
/// /api/inspections: a leader's inspection (领导调研) — its stops in order, what was reported and the instructions
/// given at each, every instruction a problem of the loop (调研交办) replied to by its deadline; its 调研纪要 .docx.
/// </summary>
public static class InspectionsApi
{
    public static RouteGroupBuilder MapInspectionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/inspections").WithTags("Inspections").RequireAuthorization(AuthSetup.Officer);
        group.MapGet("/", ListAsync).WithName("ListInspections").WithSummary("调研列表 / the inspections of a scope (scope, asOf)");
        group.MapPost("/", RecordAsync).WithName("RecordInspection")
            .WithSummary("记录调研 / record an inspection: {scope, date, leader, officials?, title?, stops?: [{project | enterprise (+unit), site?, reported?, instructions?: [{to, addressee, words, deadline, category, title?}]}]}");
        group.MapGet("/{id:int}", GetAsync).WithName("GetInspection").WithSummary("调研及交办事项办理情况 / an inspection, its stops and its instructions as they stand on asOf (default: the data date)");
        group.MapPost("/{id:int}/stops", AddStopAsync).WithName("AddInspectionStop").WithSummary("增加调研点 / add the next stop");
        group.MapPost("/{id:int}/stops/{sequence:int}/instructions", InstructAsync).WithName("RecordInstruction")
            .WithSummary("交办事项（进入问题督办）/ an instruction at a stop, tracked as a problem: {to: unit|enterprise|contractor|department, addressee, words, deadline, category}");
        group.MapGet("/{id:int}/minutes", MinutesAsync).WithName("GetInspectionMinutes").WithSummary("调研纪要 .docx / the inspection's minutes");
        return api;
    }

    private static async Task<Ok<ListResponse<InspectionItem>>> ListAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var day = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, null, asOf, ct);
        var items = await InspectionActions.ListAsync(db, caller, tree, scope, day, ct);
        return TypedResults.Ok(new ListResponse<InspectionItem>(items, items.Count, day));
    }

    private static async Task<Created<InspectionDetailDto>> RecordAsync(AppDbContext db, Caller caller, TimeProvider clock, InspectionInput input, CancellationToken ct)
    {
        var inspection = await InspectionActions.RecordAsync(db, caller, clock, input, ct);
        var detail = await DetailAsync(db, caller, clock, inspection.Id, null, DeskDate.Today(clock), ct);
        return TypedResults.Created($"/api/inspections/{inspection.Id.ToString(CultureInfo.InvariantCulture)}", detail);
    }

    private static async Task<Ok<InspectionDetailDto>> GetAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, string? asOf, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(db, caller, clock, id, asOf, null, ct));

    private static async Task<Ok<InspectionDetailDto>> AddStopAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, StopInput input, CancellationToken ct)
    {
        await InspectionActions.AddStopAsync(db, caller, clock, id, input, ct);
        return TypedResults.Ok(await DetailAsync(db, caller, clock, id, null, DeskDate.Today(clock), ct));
    }

    private static async Task<Ok<InspectionDetailDto>> InstructAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, int sequence, InstructionInput input, CancellationToken ct)
    {
        await InspectionActions.InstructAsync(db, caller, clock, id, sequence, input, ct);
        return TypedResults.Ok(await DetailAsync(db, caller, clock, id, null, DeskDate.Today(clock), ct));
    }

    private static async Task<FileContentHttpResult> MinutesAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var inspection = await InspectionActions.FindAsync(db, caller, tree, id, ct);
        var (bytes, name) = await InspectionActions.MinutesAsync(db, tree, inspection, clock, ct);
        return TypedResults.File(bytes, ProblemsApi.DocxType, name);
    }

    private static async Task<InspectionDetailDto> DetailAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, string? asOf, DateOnly? on, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var inspection = await InspectionActions.FindAsync(db, caller, tree, id, ct);
        // Read as its page reads it: asOf, else the data date of the inspecting unit. The answer to a change
        // passes today (on): the inspection as it stands now, the change included.
        var day = on ?? await DeskScope.AsOfAsync(db, caller, tree, clock, inspection.OrgUnitId.ToString(CultureInfo.InvariantCulture), null, asOf, ct);
        return await InspectionActions.DetailAsync(db, tree, inspection, day, ct);
    }
}
