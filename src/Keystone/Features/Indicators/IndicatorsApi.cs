using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Indicators;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Indicators;

/// <summary>
/// One value as PUT /api/indicators takes it: the unit, month and indicator, and what was published (values in the stored
/// unit, 万元 for money); version: the value's as read (the item's <c>version</c>, 0 when none was recorded), refused if it changed since.
/// </summary>
public sealed record IndicatorValueInput(string? Scope, string? Period, string? Indicator, decimal? Value, decimal? LastYear, decimal? Growth, int? Decimals, int? Rank, int? Version = null);

/// <summary>
/// A yearly target as PUT /api/indicators/targets takes it: kind value|growth; target null removes it; version: the target's
/// as read (the item's <c>targetVersion</c>, 0 when none was set), refused if it changed since.
/// </summary>
public sealed record IndicatorTargetInput(string? Scope, int? Year, string? Indicator, string? Kind, decimal? Target, int? Version = null);

/// <summary>/api/indicators: a unit's economic indicators for a month (经济指标), one value, a yearly target.</summary>
public static class IndicatorsApi
{
    public static RouteGroupBuilder MapIndicatorsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/indicators").WithTags("Indicators").RequireAuthorization(AuthSetup.Officer);
        group.MapGet("/", GetAsync).WithName("GetIndicators")
            .WithSummary("经济指标：数值、同比增长、排名、目标 / a unit's indicators for a month: value, growth, rank among peers, target")
            .WithDescription("scope: the unit (name, path or id; default the caller's); period: yyyy-MM (a quarter is its last month; default the unit's latest month with values). "
                + "Values are in the indicator's stored unit (万元 for money published in 亿元). growth keeps its published decimals; rank is among the unit's peers "
                + "(units of its kind under the same parent; a zone among the province's zones), or the published rank when a peer's value is missing. "
                + "Same object as keystone indicators --json, with each item's version and targetVersion (0 when none), which the PUTs check.");
        group.MapPut("/", PutAsync).WithName("PutIndicatorValue").HonoursIfMatch()
            .WithSummary("填报一个指标数值 / record one value: {scope, period, indicator, value?, lastYear?, growth?, decimals?, rank?, version?}")
            .WithDescription("The unit's own officers and those above may write; a growth given is stored as given and never recomputed. Returns the unit's indicators for the month, "
                + "the ETag the value's version. " + Concurrency.IfMatchDescription("指标数据", "value") + " The version is the item's version, 0 when none was recorded: refused if one was since.");
        group.MapPut("/targets", PutTargetAsync).WithName("PutIndicatorTarget").HonoursIfMatch()
            .WithSummary("设置年度目标 / set a unit's yearly target: {scope, year, indicator, kind: value|growth, target, version?}")
            .WithDescription("A value target is in the stored unit (万元 for money); a growth target in percent. target null removes it. The ETag is the target's version (0 once removed). "
                + Concurrency.IfMatchDescription("指标目标", "target") + " The version is the item's targetVersion, 0 when none was set: refused if one was since.");
        return api;
    }

    private static async Task<Ok<IndicatorReport>> GetAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? period, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var month = period is { Length: > 0 } p ? Period.Parse(p) : await IndicatorData.LatestPeriodAsync(db, unit.Id, DeskDate.Today(clock), ct);
        return TypedResults.Ok(await ReportAsync(db, tree, unit.Id, month, ct));
    }

    /// <summary>The unit's indicators for the month, each with the versions of its value and of its target for the year (0 when none).</summary>
    private static async Task<IndicatorReport> ReportAsync(AppDbContext db, OrgTree tree, int unitId, Period month, CancellationToken ct)
    {
        var rows = await IndicatorData.TableAsync(db, tree, unitId, month, ct);
        var values = (await db.IndicatorValues.AsNoTracking().Where(v => v.OrgUnitId == unitId && v.Period == month).Select(v => new { v.IndicatorId, v.Version }).ToListAsync(ct))
            .ToDictionary(v => v.IndicatorId, v => v.Version);
        var targets = (await db.IndicatorTargets.AsNoTracking().Where(t => t.OrgUnitId == unitId && t.Year == month.Year).Select(t => new { t.IndicatorId, t.Version }).ToListAsync(ct))
            .ToDictionary(t => t.IndicatorId, t => t.Version);
        return new(month, rows.Select(r => IndicatorItem.Of(r) with
        {
            Version = values.GetValueOrDefault(r.Indicator.Id),
            TargetVersion = targets.GetValueOrDefault(r.Indicator.Id),
        }).ToList());
    }

    private static async Task<Ok<IndicatorReport>> PutAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, IndicatorValueInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = WritableUnit(caller, tree, input.Scope);
        var month = Period.Parse(input.Period ?? "");
        var indicator = IndicatorData.Find(await IndicatorData.CatalogueAsync(db, tree, unit.Id, ct), input.Indicator ?? "");
        var figure = new IndicatorFigure { Value = input.Value, LastYear = input.LastYear, Growth = input.Growth, Decimals = input.Decimals, PublishedRank = input.Rank };
        var saved = await IndicatorData.RecordAsync(db, unit.Id, indicator.Id, month, figure, caller.UserName, clock.GetUtcNow(), ct, found => Concurrency.CheckUpsertAsync(
            http, db, caller, tree, clock, found, Concurrency.Noun.IndicatorValue, "indicatorValue", Key(found?.Id), input.Version, ct));
        Concurrency.Tag(http, saved);
        return TypedResults.Ok(await ReportAsync(db, tree, unit.Id, month, ct));
    }

    private static async Task<NoContent> PutTargetAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, IndicatorTargetInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = WritableUnit(caller, tree, input.Scope);
        var indicator = IndicatorData.Find(await IndicatorData.CatalogueAsync(db, tree, unit.Id, ct), input.Indicator ?? "");
        var kind = input.Kind?.Trim().ToLowerInvariant() switch
        {
            "value" or "数值" => TargetKind.Value,
            "growth" or "增速" or "增长" => TargetKind.Growth,
            _ => throw new DomainException(new("目标类型应为 value（数值）或 growth（增速）", "The target's kind is value or growth"), "kind"),
        };
        var year = input.Year is >= 2000 and <= 2200 ? input.Year.Value : throw new DomainException(new("请给出年度", "Give the year"), "year");
        var saved = await IndicatorData.SetTargetAsync(db, unit.Id, indicator.Id, year, kind, input.Target, ct, found => Concurrency.CheckUpsertAsync(
            http, db, caller, tree, clock, found, Concurrency.Noun.IndicatorTarget, "indicatorTarget", Key(found?.Id), input.Version, ct));
        http.Response.Headers.ETag = Concurrency.ETag(saved?.Version ?? 0);
        return TypedResults.NoContent();
    }

    /// <summary>The audit key of a row (its id; a row not there yet has none to look up).</summary>
    private static string Key(int? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "new";

    /// <summary>The unit a write names: the caller's own or one below it (docs/domain.md "Who works in it"); any other is not found.</summary>
    private static OrgUnitInfo WritableUnit(Caller caller, OrgTree tree, string? scope) =>
        caller.KeepsLedger ? caller.Resolve(tree, scope) : throw new NotFoundException(new("找不到该单位", "No such unit"));
}
