using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Targets;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keystone.Features.Targets;

/// <summary>A unit's targets for a year as the API reads and writes them (rates and growth in percent, money in 万元).</summary>
public sealed record TargetsDto(string Unit, int Year, TargetValues Targets);

/// <summary>/api/targets: a unit's yearly targets (年度目标), set by its own officers or those above it.</summary>
public static class TargetsApi
{
    public static RouteGroupBuilder MapTargetsApi(this RouteGroupBuilder api)
    {
        var targets = api.MapGroup("/targets").WithTags("Targets").RequireAuthorization(AuthSetup.Officer);
        targets.MapGet("/", GetAsync).WithName("GetTargets")
            .WithSummary("年度目标 / a unit's targets for a year (empty when none are set)");
        targets.MapPut("/", PutAsync).WithName("PutTargets")
            .WithSummary("设置年度目标 / set a unit's targets for a year: newStarts, startRate, resumeRate, completedInvestment (万元), growth (%)")
            .WithDescription("Every target is optional; one left out is cleared. The figures (GET /api/figures) show each against its actual figure.");
        return api;
    }

    private static async Task<Ok<TargetsDto>> GetAsync(AppDbContext db, TimeProvider clock, Caller caller, string? unit, int? year, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var u = caller.Resolve(tree, unit);
        var y = year ?? DeskDate.Today(clock).Year;
        return TypedResults.Ok(new TargetsDto(tree.PathOf(u.Id), y, await TargetData.ValuesAsync(db, u.Id, y, ct) ?? new TargetValues()));
    }

    private static async Task<Ok<TargetsDto>> PutAsync(AppDbContext db, Caller caller, string? unit, int year, TargetValues targets, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var u = caller.Resolve(tree, unit);
        return TypedResults.Ok(new TargetsDto(tree.PathOf(u.Id), year, await TargetEdits.SetAsync(db, u.Id, year, targets, ct)));
    }
}
