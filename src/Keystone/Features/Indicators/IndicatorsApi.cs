using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Indicators;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keystone.Features.Indicators;

/// <summary>One value as PUT /api/indicators takes it: the unit, month and indicator, and what was published (values in the stored unit, 万元 for money).</summary>
public sealed record IndicatorValueInput(string? Scope, string? Period, string? Indicator, decimal? Value, decimal? LastYear, decimal? Growth, int? Decimals, int? Rank);

/// <summary>A yearly target as PUT /api/indicators/targets takes it: kind value|growth; target null removes it.</summary>
public sealed record IndicatorTargetInput(string? Scope, int? Year, string? Indicator, string? Kind, decimal? Target);

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
                + "Same object as keystone indicators --json.");
        group.MapPut("/", PutAsync).WithName("PutIndicatorValue")
            .WithSummary("填报一个指标数值 / record one value: {scope, period, indicator, value?, lastYear?, growth?, decimals?, rank?}")
            .WithDescription("The unit's own officers and those above may write; a growth given is stored as given and never recomputed. Returns the unit's indicators for the month.");
        group.MapPut("/targets", PutTargetAsync).WithName("PutIndicatorTarget")
            .WithSummary("设置年度目标 / set a unit's yearly target: {scope, year, indicator, kind: value|growth, target}")
            .WithDescription("A value target is in the stored unit (万元 for money); a growth target in percent. target null removes it.");
        return api;
    }

    private static async Task<Ok<IndicatorReport>> GetAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? period, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var month = period is { Length: > 0 } p ? Period.Parse(p) : await IndicatorData.LatestPeriodAsync(db, unit.Id, DeskDate.Today(clock), ct);
        return TypedResults.Ok(IndicatorReport.Of(month, await IndicatorData.TableAsync(db, tree, unit.Id, month, ct)));
    }

    private static async Task<Ok<IndicatorReport>> PutAsync(AppDbContext db, Caller caller, TimeProvider clock, IndicatorValueInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = WritableUnit(caller, tree, input.Scope);
        var month = Period.Parse(input.Period ?? "");
        var indicator = IndicatorData.Find(await IndicatorData.CatalogueAsync(db, tree, unit.Id, ct), input.Indicator ?? "");
        var figure = new IndicatorFigure { Value = input.Value, LastYear = input.LastYear, Growth = input.Growth, Decimals = input.Decimals, PublishedRank = input.Rank };
        await IndicatorData.RecordAsync(db, unit.Id, indicator.Id, month, figure, caller.UserName, clock.GetUtcNow(), ct);
        return TypedResults.Ok(IndicatorReport.Of(month, await IndicatorData.TableAsync(db, tree, unit.Id, month, ct)));
    }

    private static async Task<NoContent> PutTargetAsync(AppDbContext db, Caller caller, IndicatorTargetInput input, CancellationToken ct)
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
        await IndicatorData.SetTargetAsync(db, unit.Id, indicator.Id, year, kind, input.Target, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The unit a write names: the caller's own or one below it (docs/domain.md "Who works in it"); any other is not found.</summary>
    private static OrgUnitInfo WritableUnit(Caller caller, OrgTree tree, string? scope) =>
        caller.KeepsLedger ? caller.Resolve(tree, scope) : throw new NotFoundException(new("找不到该单位", "No such unit"));
}
