using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Targets;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Targets;

/// <summary>
/// A unit's targets for a year as the API reads and writes them (rates and growth in percent, money in 万元); version:
/// the row's concurrency token (also the ETag), 0 when none are set.
/// </summary>
public sealed record TargetsDto(string Unit, int Year, TargetValues Targets, int Version);

/// <summary>
/// PUT /api/targets: the targets (as <see cref="TargetValues"/>) and the version they were read at (refused if the targets
/// changed since; 0: none were set, refused if some were since; absent: not checked).
/// </summary>
public sealed record TargetsInput
{
    public int? NewStarts { get; init; }

    public decimal? StartRate { get; init; }

    public decimal? ResumeRate { get; init; }

    public decimal? CompletedInvestment { get; init; }

    public decimal? Growth { get; init; }

    public int? Version { get; init; }

    public TargetValues Values => new() { NewStarts = NewStarts, StartRate = StartRate, ResumeRate = ResumeRate, CompletedInvestment = CompletedInvestment, Growth = Growth };
}

/// <summary>/api/targets: a unit's yearly targets (年度目标), set by its own officers or those above it.</summary>
public static class TargetsApi
{
    public static RouteGroupBuilder MapTargetsApi(this RouteGroupBuilder api)
    {
        var targets = api.MapGroup("/targets").WithTags("Targets").RequireAuthorization(AuthSetup.Officer);
        targets.MapGet("/", GetAsync).WithName("GetTargets")
            .WithSummary("年度目标 / a unit's targets for a year (empty when none are set; the ETag is their version)");
        targets.MapPut("/", PutAsync).WithName("PutTargets").HonoursIfMatch()
            .WithSummary("设置年度目标 / set a unit's targets for a year: newStarts, startRate, resumeRate, completedInvestment (万元), growth (%)")
            .WithDescription("Every target is optional; one left out is cleared. The figures (GET /api/figures) show each against its actual figure. "
                + Concurrency.IfMatchDescription("目标任务", "targets") + " The version is GET's version, 0 when none were set: refused if some were since.");
        return api;
    }

    private static async Task<Ok<TargetsDto>> GetAsync(HttpContext http, AppDbContext db, TimeProvider clock, Caller caller, string? unit, int? year, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var u = caller.Resolve(tree, unit);
        var y = year ?? DeskDate.Today(clock).Year;
        var version = await VersionAsync(db, u.Id, y, ct);
        http.Response.Headers.ETag = Concurrency.ETag(version);
        return TypedResults.Ok(new TargetsDto(tree.PathOf(u.Id), y, await TargetData.ValuesAsync(db, u.Id, y, ct) ?? new TargetValues(), version));
    }

    private static async Task<Ok<TargetsDto>> PutAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string? unit, int year, TargetsInput targets, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var u = caller.Resolve(tree, unit);
        var values = await TargetEdits.SetAsync(db, u.Id, year, targets.Values, ct, found => Concurrency.CheckUpsertAsync(
            http, db, caller, tree, clock, found, Concurrency.Noun.UnitTarget, "unitTarget", found?.Id.ToString(CultureInfo.InvariantCulture) ?? "new", targets.Version, ct));
        var version = await VersionAsync(db, u.Id, year, ct);
        http.Response.Headers.ETag = Concurrency.ETag(version);
        return TypedResults.Ok(new TargetsDto(tree.PathOf(u.Id), year, values, version));
    }

    /// <summary>The version of a unit's targets for a year, 0 when none are set.</summary>
    private static async Task<int> VersionAsync(AppDbContext db, int unitId, int year, CancellationToken ct) =>
        await db.UnitTargets.Where(t => t.OrgUnitId == unitId && t.Year == year).Select(t => (int?)t.Version).FirstOrDefaultAsync(ct) ?? 0;
}
