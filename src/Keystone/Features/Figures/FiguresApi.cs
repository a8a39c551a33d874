using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Periods;
using Keystone.Core.Projects;
using Keystone.Core.Schedule;
using Keystone.Core.Targets;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Figures;

public sealed record BreakdownItem(string Key, string Name, FiguresReport Figures, int? OverallStartRateRank, int? CompletionRateRank, int? PaceRank);

public sealed record LightReasonDto(LightRuleKind Rule, Light Light, string Text);

public sealed record LightDto(string Code, string Name, string Unit, Light Light, IReadOnlyList<LightReasonDto> Reasons);

/// <summary>The light rules in force for a unit, where they were set, and the version of the unit's own set (its ETag; 0 when it has none).</summary>
public sealed record LightRulesDto(string Unit, string? SetAt, LightRules Rules, int Version);

public sealed record ClosePeriodInput(string? Scope, string? Month);

public sealed record ClosedPeriodDto(string Unit, string Month, int Entries, DateTimeOffset ClosedAt);

/// <summary>/api/figures, /api/lights, /api/periods: the numbers leaders quote, the lights, and closing months.</summary>
public static class FiguresApi
{
    public static RouteGroupBuilder MapFiguresApi(this RouteGroupBuilder api)
    {
        var figures = api.MapGroup("/figures").WithTags("Figures").RequireAuthorization(AuthSetup.Officer);
        figures.MapGet("/", FiguresAsync).WithName("GetFigures")
            .WithSummary("开工率、复工率、投资完成率等 / the figures of a scope (same object as keystone figures --json)");
        figures.MapGet("/breakdown", BreakdownAsync).WithName("GetFiguresBreakdown")
            .WithSummary("按级别、类别或下级单位分解 / the figures by level, category or child unit (ranked)")
            .WithDescription("by=unit ranks the scope's direct children; with kind=zone|county|city it ranks every unit of that kind below the scope (the province's 开发区 across its cities).");

        var lights = api.MapGroup("/lights").WithTags("Lights").RequireAuthorization(AuthSetup.Officer);
        lights.MapGet("/", LightsAsync).WithName("GetLights").WithSummary("红黄灯项目及原因 / red and yellow projects, each with its reasons");
        lights.MapGet("/rules", RulesAsync).WithName("GetLightRules").WithSummary("红黄灯规则 / the light rules in force for a unit (the ETag is the version of the unit's own)");
        lights.MapPut("/rules", PutRulesAsync).WithName("PutLightRules").HonoursIfMatch().WithSummary("设置本单位红黄灯规则 / set a unit's own light rules")
            .WithDescription("If-Match: 读取时的 ETag（或查询参数 version，因请求体即规则本身），本单位规则已被他人修改则 412（version 则 409），未作任何更改；不带则照旧保存 / "
                + "If-Match: the ETag read (or the query's version, the body being the rules themselves); when someone changed the unit's rules since, 412 (409 for version) and nothing is changed; "
                + "without either, the save applies as before. The version is GET's, 0 when the unit had no rules of its own: refused if some were set since.");

        var periods = api.MapGroup("/periods").WithTags("Periods").RequireAuthorization(AuthSetup.Officer);
        periods.MapGet("/", PeriodsAsync).WithName("ListClosedPeriods").WithSummary("已关账月份 / the closed months");
        periods.MapPost("/close", CloseAsync).WithName("ClosePeriod").WithSummary("关账 / close a month: freeze its figures");
        return api;
    }

    private static async Task<Ok<FiguresReport>> FiguresAsync(
        AppDbContext db, TimeProvider clock, Caller caller, string? scope, int? year, string? asOf, string? level, string? category, string? chain, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var date = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, year, asOf, ct);
        ProjectLevels? levels = level is null ? null : PlanRowFilter.ParseLevel(level);
        ProjectCategory? cat = category is null ? null
            : ProjectVocabulary.ParseCategory(category) ?? throw new DomainException(new($"项目类别“{category}”无效", $"The category \"{category}\" is not valid"), "category");
        var filter = levels is null && cat is null && chain is null ? null : new PlanRowFilter { Levels = levels, Category = cat, IndustryChain = chain };
        var result = await KeystoneTelemetry.FiguresAsync(() => ScopeDesk.FiguresAsync(db, tree, unit, year ?? date.Year, date, filter, ct));
        var targets = filter is null ? await TargetData.StandingAsync(db, tree, unit, result.Figures, ct) : null;
        return TypedResults.Ok(FiguresReport.Of(unit.Name, result.Figures, levels) with
        {
            ClosedPeriod = result.Closed?.Period.ToString(),
            Restated = result.Restated is { } r ? FiguresReport.Of(unit.Name, r, levels) : null,
            Standing = filter is null ? await ScopeDesk.StandingAsync(db, tree, unit, year ?? date.Year, date, ct: ct) : null,
            InvestmentGrowth = targets is null ? null : GrowthReport.Of(targets.Growth),
            Targets = targets is null ? null : TargetReport.Object(targets.Against),
        });
    }

    private static async Task<Ok<ListResponse<BreakdownItem>>> BreakdownAsync(
        AppDbContext db, TimeProvider clock, Caller caller, string? scope, string by, int? year, string? asOf, string? kind, CancellationToken ct)
    {
        var rankKind = Ranking.ParseKind(kind);
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var date = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, year, asOf, ct);
        var y = year ?? date.Year;
        var rows = (await ScopeDesk.RowsAsync(db, tree, unit, y, date, ct)).Rows;
        List<BreakdownItem> items = by.Trim().ToLowerInvariant() switch
        {
            "level" => FiguresEngine.ByLevel(rows, y, date)
                .Select(l => new BreakdownItem(ProjectVocabulary.Code(l.Level), ProjectVocabulary.Name(l.Level), FiguresReport.Of(unit.Name, l.Figures, l.Level), null, null, null)).ToList(),
            "category" => FiguresEngine.ByCategory(rows, y, date)
                .Select(c => new BreakdownItem(c.Category.ToString().ToLowerInvariant(), ProjectVocabulary.Name(c.Category), FiguresReport.Of(unit.Name, c.Figures), null, null, null)).ToList(),
            "unit" => ByUnit(tree, unit, rows, y, date, rankKind),
            _ => throw new DomainException(new("by 应为 level、category 或 unit", "by must be level, category or unit"), "by"),
        };
        return TypedResults.Ok(new ListResponse<BreakdownItem>(items, items.Count, date));
    }

    private static List<BreakdownItem> ByUnit(OrgTree tree, OrgUnitInfo scope, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, OrgUnitKind? kind)
    {
        var childOf = Ranking.Groups(tree, scope.Id, kind);
        return FiguresEngine.ByUnit(rows, year, asOf, id => childOf.TryGetValue(id, out var c) ? c : null)
            .OrderBy(u => u.OverallStartRateRank).ThenBy(u => tree[u.UnitId].Name, StringComparer.Ordinal)
            .Select(u => new BreakdownItem(u.UnitId.ToString(CultureInfo.InvariantCulture), tree[u.UnitId].Name, FiguresReport.Of(tree[u.UnitId].Name, u.Figures), u.OverallStartRateRank, u.CompletionRateRank, u.PaceRank))
            .ToList();
    }

    private static async Task<Ok<ListResponse<LightDto>>> LightsAsync(
        AppDbContext db, TimeProvider clock, Caller caller, string? scope, int? year, string? asOf, bool? all, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var date = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, year, asOf, ct);
        var y = year ?? date.Year;
        var culture = CultureInfo.CurrentUICulture;
        var items = (await ScopeDesk.LightsAsync(db, tree, unit, y, date, ct))
            .Where(l => all == true || l.Light != Light.Green)
            .OrderByDescending(l => l.Light).ThenBy(l => l.Code, StringComparer.Ordinal)
            .Select(l => new LightDto(l.Code, l.Name, tree[l.UnitId].Name, l.Light, l.Reasons.Select(r => new LightReasonDto(r.Rule, r.Light, r.Text.For(culture))).ToList()))
            .ToList();
        return TypedResults.Ok(new ListResponse<LightDto>(items, items.Count, date));
    }

    private static async Task<Ok<LightRulesDto>> RulesAsync(HttpContext http, AppDbContext db, Caller caller, string? unit, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var u = caller.Resolve(tree, unit);
        var book = await LightsData.RulesAsync(db, tree, ct);
        var version = await db.LightRuleSets.Where(s => s.OrgUnitId == u.Id).Select(s => (int?)s.Version).FirstOrDefaultAsync(ct) ?? 0;
        http.Response.Headers.ETag = Concurrency.ETag(version);
        return TypedResults.Ok(new LightRulesDto(tree.PathOf(u.Id), book.SetAt(u.Id) is { } at ? tree.PathOf(at) : null, book.For(u.Id), version));
    }

    private static async Task<Ok<LightRulesDto>> PutRulesAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string? unit, int? version, LightRules rules, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var u = caller.Resolve(tree, unit);
        var set = await db.LightRuleSets.FirstOrDefaultAsync(s => s.OrgUnitId == u.Id, ct);
        await Concurrency.CheckUpsertAsync(
            http, db, caller, tree, clock, set, Concurrency.Noun.LightRules, "lightRules", u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), version, ct);
        if (set is null)
        {
            set = new LightRuleSet(u.Id, rules);
            db.LightRuleSets.Add(set);
        }
        else
        {
            set.Change(rules);
        }

        await db.SaveChangesAsync(ct);
        Concurrency.Tag(http, set);
        return TypedResults.Ok(new LightRulesDto(tree.PathOf(u.Id), tree.PathOf(u.Id), rules, set.Version));
    }

    private static async Task<Ok<ListResponse<ClosedPeriodDto>>> PeriodsAsync(AppDbContext db, Caller caller, string? scope, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var units = tree.Subtree(caller.Resolve(tree, scope).Id).ToHashSet();
        var items = (await db.ClosedPeriods.AsNoTracking().Select(c => new { c.OrgUnitId, c.Period, c.Rows, c.ClosedAt }).ToListAsync(ct))
            .Where(c => units.Contains(c.OrgUnitId))
            .OrderBy(c => c.Period).ThenBy(c => c.OrgUnitId)
            .Select(c => new ClosedPeriodDto(tree.PathOf(c.OrgUnitId), c.Period.ToString(), c.Rows, c.ClosedAt))
            .ToList();
        return TypedResults.Ok(new ListResponse<ClosedPeriodDto>(items, items.Count));
    }

    private static async Task<Created<ClosedPeriodDto>> CloseAsync(AppDbContext db, TimeProvider clock, Caller caller, ClosePeriodInput input, ILoggerFactory logs, CancellationToken ct)
    {
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Scope), "scope", "单位", "The unit");
        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Month), "month", "月份", "The month");
        ApiSupport.ThrowIfAny(errors);
        var month = Period.Parse(input.Month!);
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, input.Scope!);
        var closed = await PeriodClosing.CloseAsync(db, tree, unit, month, clock.GetUtcNow(), caller.UserName, ct);
        OperationsLog.Closed(logs.CreateLogger(KeystoneTelemetry.LogCategory), month.ToString(), tree.PathOf(unit.Id), caller.UserName, closed.Rows);
        return TypedResults.Created($"/api/periods?scope={Uri.EscapeDataString(unit.Name)}", new ClosedPeriodDto(tree.PathOf(unit.Id), month.ToString(), closed.Rows, closed.ClosedAt));
    }
}
