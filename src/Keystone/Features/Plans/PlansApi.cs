using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Plans;
using Keystone.Features.Accounts;
using Keystone.Features.Projects;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Plans;

/// <summary>
/// What a client sends for a project's entry in a year's plan. Nature: new|continuing or 新建/续建. A change that
/// restates a closed month of the year needs <c>correctionReason</c> (at most 500 characters). <c>version</c> (or
/// If-Match) is the entry's as read (0 when the year has none yet); a stale one is refused.
/// </summary>
public sealed record PlanInput(string? Nature, decimal? PlannedInvestment, DateOnly? PlannedStart, DateOnly? StartDate, string? CorrectionReason = null, int? Version = null);

public sealed record PlanListItem(
    string Code, string Name, string Unit, int Year, Nature Nature, decimal PlannedInvestment, DateOnly? PlannedStart, DateOnly? StartDate,
    string? CorrectionReason, DateTimeOffset? CorrectedAt, string? CorrectedBy);

/// <summary>Annual plans (年度计划): a project's entry per year, and a year's plan across a scope.</summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans", ListAsync).RequireAuthorization(AuthSetup.Officer).WithTags("Plans").WithName("ListPlans").WithSummary("年度计划列表 / a year's plan entries in a scope");
        api.MapGet("/projects/{code}/plans", ForProjectAsync).WithTags("Plans").WithName("ListProjectPlans").WithSummary("项目的年度计划 / a project's plan entries");
        api.MapPut("/projects/{code}/plans/{year:int}", PutAsync).RequireAuthorization(AuthSetup.Officer).WithTags("Plans").WithName("PutProjectPlan").HonoursIfMatch().WithSummary("列入或修改年度计划 / enter or revise a project in a year's plan")
            .WithDescription("A change that restates a closed month of the year (a new entry, the nature or the planned investment once a month is closed; a start or planned start on or before the latest closed month's end) needs correctionReason, else 400 naming it and nothing changes. "
                + "If-Match: 读取时该年度计划的 ETag（或请求体 version，列表中的 version；尚未列入为 0）；已被他人修改则 412（version 则 409），未作任何更改；不带则照旧保存 / If-Match: the entry's ETag as read (or the body's version, as the list gives it; 0 for a year not entered yet); when someone changed it since, 412 (409 for version) and nothing is changed; without either, the change applies as before.");
        return api;
    }

    private static async Task<Ok<ListResponse<PlanListItem>>> ListAsync(AppDbContext db, Caller caller, int year, string? scope, int? page, int? pageSize, CancellationToken ct)
    {
        var (skip, take) = ApiSupport.Paging(page, pageSize);
        var tree = await db.LoadTreeAsync(ct);
        var ids = tree.Subtree(caller.Resolve(tree, scope).Id);
        var query = db.AnnualPlans.AsNoTracking().Where(a => a.Year == year && ids.Contains(a.Project!.OrgUnitId));

        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(a => a.Project!.Code).Skip(skip).Take(take)
            .Select(a => new { a.Project!.Code, a.Project.Name, a.Project.OrgUnitId, Plan = a })
            .ToListAsync(ct);
        var items = rows.Select(r => new PlanListItem(
            r.Code, r.Name, tree[r.OrgUnitId].Name, r.Plan.Year, r.Plan.Nature, r.Plan.PlannedInvestment.Wan, r.Plan.PlannedStart, r.Plan.StartDate,
            r.Plan.CorrectionReason, r.Plan.CorrectedAt, r.Plan.CorrectedBy)).ToList();
        return TypedResults.Ok(new ListResponse<PlanListItem>(items, total));
    }

    private static async Task<Ok<ListResponse<PlanDto>>> ForProjectAsync(AppDbContext db, Caller caller, string code, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var items = project.Plans.OrderBy(p => p.Year).Select(PlanDto.Of).ToList();
        return TypedResults.Ok(new ListResponse<PlanDto>(items, items.Count));
    }

    private static async Task<Ok<PlanDto>> PutAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, int year, PlanInput input, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var tree = await db.LoadTreeAsync(ct);
        await Concurrency.CheckAsync(
            http, db, caller, tree, clock, (IVersioned?)project.Plans.FirstOrDefault(p => p.Year == year) ?? Concurrency.Unsaved.Instance, Concurrency.Noun.Plan, "plan",
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{project.Code}/{year}"), input.Version, ct);
        var errors = new List<DomainException>();
        Nature? nature = input.Nature is null ? null : LedgerParser.ParseNature(input.Nature);
        if (input.Nature is null)
        {
            errors.Add(new(new("建设性质不能为空", "The nature is required"), "nature"));
        }
        else if (nature is null)
        {
            errors.Add(new(new($"建设性质“{input.Nature}”无效：可用 new、continuing 或 新建、续建", $"The nature \"{input.Nature}\" is not valid: use new, continuing, 新建 or 续建"), "nature"));
        }

        var planned = ApiSupport.Amount(errors, input.PlannedInvestment ?? 0m, "plannedInvestment", "年度计划投资", "The annual planned investment");
        ApiSupport.ThrowIfAny(errors);
        var entry = new PlanEntry
        {
            Nature = nature!.Value,
            PlannedInvestment = planned!.Value,
            PlannedStart = input.PlannedStart,
            StartDate = input.StartDate,
        };
        var plan = await PlanWriter.PlanAsync(db, tree, caller, clock, project, year, entry, input.CorrectionReason, ct);
        await db.SaveChangesAsync(ct);
        Concurrency.Tag(http, plan);
        return TypedResults.Ok(PlanDto.Of(plan));
    }
}
