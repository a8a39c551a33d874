using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Features.Figures;
using Keystone.Features.Problems;
using Keystone.Features.Projects;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Factors;

/// <summary>Each edit of the sheet may name the sheet's <c>version</c> it was made from (or send it as If-Match); a stale one is refused.</summary>
public sealed record LandInput(decimal? NeededMu, string? Stage, decimal? SuppliedMu, DateOnly? SuppliedOn, int? Version = null);

public sealed record EnergyInput(decimal? NeededTce, string? Review, decimal? ApprovedTce, int? Version = null);

public sealed record FundsInput(decimal? Applied, decimal? Approved, decimal? Received, int? Version = null);

public sealed record EmissionInput(decimal? Needed, decimal? Obtained, int? Version = null);

/// <summary>An item to add to a project's checklist; without a kind, the template of the project's category is added.</summary>
public sealed record ProcedureInput(string? Kind, string? Name, string? Department);

public sealed record ApplyInput(
    DateOnly? On, string? Mode, string? Department = null, string? MissingPapers = null, DateOnly? SupplyBy = null, string? Commitment = null, DateOnly? VerifyBy = null, string? Agent = null, int? Version = null);

/// <summary>A step's date; <c>version</c> (or If-Match) is the item's, as the sheet lists it.</summary>
public sealed record DateInput(DateOnly? On, int? Version = null);

public sealed record LandDto(decimal? NeededMu, LandStage Stage, string StageName, decimal? SuppliedMu, DateOnly? SuppliedOn, decimal GapMu);

public sealed record EnergyDto(decimal? NeededTce, EnergyReview Review, string ReviewName, decimal? ApprovedTce, decimal GapTce);

public sealed record FundDto(FundSource Source, string Name, decimal Applied, decimal Approved, decimal Received, decimal? InPlaceRate);

public sealed record EmissionDto(string Pollutant, decimal Needed, decimal Obtained, decimal Gap);

public sealed record ProcedureDto(
    ProcedureKind Kind, string Name, string Department, HandlingMode Mode, string ModeName, ProcedureStatus Status, DateOnly? AppliedOn, DateOnly? ApprovedOn,
    string? MissingPapers, DateOnly? SupplyBy, DateOnly? SuppliedOn, string? Commitment, DateOnly? VerifyBy, DateOnly? VerifiedOn, string? Agent,
    Light Light, IReadOnlyList<string> Reasons, int Version = 1);

/// <summary>
/// One project's factor sheet and approval checklist, with what it lacks. <see cref="Version"/> is the sheet's (its
/// lines included; 0 while the project has none), each procedure has its own.
/// </summary>
public sealed record ProjectFactorsDto(
    string Code, string Name, string Unit, LandDto Land, EnergyDto Energy, IReadOnlyList<FundDto> Funds, IReadOnlyList<EmissionDto> Emissions,
    IReadOnlyList<ProcedureDto> Procedures, IReadOnlyList<string> Gaps, DateOnly? AsOf = null, int Version = 0);

/// <summary>
/// /api/factors and /api/projects/{code}/factors|procedures: what projects need from government (要素保障:
/// land, energy, funds, emissions) and their approval checklists (前期手续), with the gaps of a scope.
/// </summary>
public static class FactorsApi
{
    public static RouteGroupBuilder MapFactorsApi(this RouteGroupBuilder api)
    {
        var factors = api.MapGroup("").WithTags("Factors").RequireAuthorization(AuthSetup.Officer);
        factors.MapGet("/factors", ScopeAsync).WithName("GetFactorGaps")
            .WithSummary("要素保障缺口 / the factor gaps of a scope: land, energy, funds, emissions, approvals and obligations");
        factors.MapGet("/projects/{code}/factors", GetAsync).WithName("GetProjectFactors").WithSummary("项目要素与前期手续 / a project's factor sheet and approval checklist")
            .WithDescription("The ETag (and version) is the sheet's, its land, energy, funds and emission lines together; each procedure carries its own version.");
        factors.MapPut("/projects/{code}/factors/land", LandAsync).WithName("PutProjectLand").HonoursIfMatch().WithDescription(SheetIfMatch).WithSummary("用地：需求、组卷报批→批复→供地 / land: need and stage");
        factors.MapPut("/projects/{code}/factors/energy", EnergyAsync).WithName("PutProjectEnergy").HonoursIfMatch().WithDescription(SheetIfMatch).WithSummary("能耗：需求（吨标准煤）与能评 / energy need (tce) and review");
        factors.MapPut("/projects/{code}/factors/funds/{source}", FundsAsync).WithName("PutProjectFunds").HonoursIfMatch().WithDescription(SheetIfMatch)
            .WithSummary("资金：申请、批复、到位（万元）/ funds of one source: applied, approved, received (万元)");
        factors.MapPut("/projects/{code}/factors/emissions/{pollutant}", EmissionAsync).WithName("PutProjectEmission").HonoursIfMatch().WithDescription(SheetIfMatch)
            .WithSummary("排放指标：所需、已获（吨）/ an emission quota: needed and obtained (tonnes)");
        factors.MapPost("/projects/{code}/procedures", AddProceduresAsync).WithName("AddProcedures")
            .WithSummary("前期手续清单：按项目类别模板生成，或添加一项 / start the checklist from the category's template, or add one item");
        factors.MapPost("/projects/{code}/procedures/{item}/apply", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string item, ApplyInput input, CancellationToken ct) =>
            StepAsync(db, caller, clock, code, (p, today) => FactorEdits.ApplyAsync(db, p, item, input, today, ct, Check(http, db, caller, clock, p, ProcedureKey, input.Version, ct)), ct)).WithName("ApplyProcedure").HonoursIfMatch().WithDescription(ProcedureIfMatch)
            .WithSummary("申报（常规、并联审批、容缺受理、承诺制、全代办）/ apply, handled normally, in parallel, with papers missing, on commitment or by an agent");
        factors.MapPost("/projects/{code}/procedures/{item}/approve", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string item, DateInput input, CancellationToken ct) =>
            StepAsync(db, caller, clock, code, (p, today) => FactorEdits.ApproveAsync(db, p, item, input, today, ct, Check(http, db, caller, clock, p, ProcedureKey, input.Version, ct)), ct)).WithName("ApproveProcedure").HonoursIfMatch().WithDescription(ProcedureIfMatch).WithSummary("批复 / approved");
        factors.MapPost("/projects/{code}/procedures/{item}/supply", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string item, DateInput input, CancellationToken ct) =>
            StepAsync(db, caller, clock, code, (p, today) => FactorEdits.SupplyAsync(db, p, item, input, today, ct, Check(http, db, caller, clock, p, ProcedureKey, input.Version, ct)), ct)).WithName("SupplyProcedurePapers").HonoursIfMatch().WithDescription(ProcedureIfMatch).WithSummary("容缺材料补正 / the missing papers supplied");
        factors.MapPost("/projects/{code}/procedures/{item}/verify", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string item, DateInput input, CancellationToken ct) =>
            StepAsync(db, caller, clock, code, (p, today) => FactorEdits.VerifyAsync(db, p, item, input, today, ct, Check(http, db, caller, clock, p, ProcedureKey, input.Version, ct)), ct)).WithName("VerifyProcedureCommitment").HonoursIfMatch().WithDescription(ProcedureIfMatch).WithSummary("承诺核查 / the commitment verified");
        return api;
    }

    private const string SheetIfMatch =
        "If-Match: 读取要素表时的 ETag（或请求体 version，为整张表的版本，含资金、排放各行）；表已被他人修改则 412（version 则 409），未作任何更改；不带则照旧保存 / If-Match: the sheet's ETag as read (or the body's version: the whole sheet's, its funds and emission lines included); when someone changed the sheet since, 412 (409 for version) and nothing is changed; without either, the edit applies as before.";

    private const string ProcedureIfMatch =
        "If-Match 或请求体 version：该手续在要素表 procedures 中的 version；手续已被他人修改则 412（version 则 409），未作任何更改；不带则照旧保存 / If-Match or the body's version: the item's version as the sheet lists it under procedures; when someone changed the item since, 412 (409 for version) and nothing is changed; without either, the step applies as before.";

    private static async Task<Ok<FactorsReport>> ScopeAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var date = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, null, asOf, ct);
        return TypedResults.Ok(await ReportAsync(db, caller, tree, unit, date, ct));
    }

    /// <summary>The factor figures of the projects the caller sees in a scope (the page and the API read the same).</summary>
    public static async Task<FactorsReport> ReportAsync(AppDbContext db, Caller caller, OrgTree tree, OrgUnitInfo unit, DateOnly asOf, CancellationToken ct)
    {
        var units = tree.Subtree(unit.Id);
        var projects = caller.Projects(db.Projects, tree).Where(p => units.Contains(p.OrgUnitId));
        var figures = await FactorData.FiguresAsync(db, projects, asOf, await LightsData.RulesAsync(db, tree, ct), ct);
        return FactorsReport.Of(unit.Name, asOf, figures, tree, CultureInfo.CurrentUICulture);
    }

    public static async Task<ProjectFactorsDto> ProjectAsync(AppDbContext db, OrgTree tree, Project project, DateOnly asOf, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        var sheet = await db.ProjectFactors.AsNoTracking().Include(f => f.Funds).Include(f => f.Emissions).AsSplitQuery().FirstOrDefaultAsync(f => f.ProjectId == project.Id, ct);
        var items = await db.ProcedureItems.AsNoTracking().Where(i => i.ProjectId == project.Id).OrderBy(i => i.Id).ToListAsync(ct);
        var rules = await LightsData.RulesAsync(db, tree, ct);
        var rows = await FactorData.ProcedureRowsAsync(db.ProcedureItems.Where(i => i.ProjectId == project.Id), ct);
        var obligations = ProcedureFigures.Obligations(rows, asOf, rules.For);
        var figures = await FactorData.FiguresAsync(db, db.Projects.Where(p => p.Id == project.Id), asOf, rules, ct);
        var gaps = figures.ProjectsWithGaps.FirstOrDefault();
        Area? land = sheet is null ? null : FactorGaps.LandGap(new FactorRow
        {
            ProjectId = project.Id,
            Code = project.Code,
            Name = project.Name,
            UnitId = project.OrgUnitId,
            LandNeeded = sheet.LandNeeded,
            LandStage = sheet.LandStage,
            LandSupplied = sheet.LandSupplied,
        });
        return new ProjectFactorsDto(
            project.Code,
            project.Name,
            tree.Contains(project.OrgUnitId) ? tree[project.OrgUnitId].Name : "",
            new LandDto(sheet?.LandNeeded?.Mu, sheet?.LandStage ?? LandStage.NotStarted, FactorVocabulary.Name(sheet?.LandStage ?? LandStage.NotStarted).For(culture),
                sheet?.LandSupplied?.Mu, sheet?.LandSuppliedOn, land?.Mu ?? 0),
            new EnergyDto(sheet?.EnergyNeeded, sheet?.EnergyReview ?? EnergyReview.NotStarted, FactorVocabulary.Name(sheet?.EnergyReview ?? EnergyReview.NotStarted).For(culture),
                sheet?.EnergyApproved, gaps?.EnergyGapTce ?? 0),
            (sheet?.Funds ?? []).OrderBy(f => f.Source)
                .Select(f => new FundDto(f.Source, FactorVocabulary.Name(f.Source).For(culture), f.Applied.Wan, f.Approved.Wan, f.Received.Wan, Percent.Of(f.Received, f.Approved)?.Rounded)).ToList(),
            (sheet?.Emissions ?? []).OrderBy(e => e.Pollutant, StringComparer.Ordinal)
                .Select(e => new EmissionDto(e.Pollutant, e.Needed, e.Obtained, Math.Max(0, e.Needed - e.Obtained))).ToList(),
            items.Select(i =>
            {
                var light = obligations.FirstOrDefault(o => o.Item == i.Name && o.Done is null);
                return new ProcedureDto(
                    i.Kind, i.Name, i.Department, i.Mode, ProcedureTemplates.Name(i.Mode).For(culture), i.Status, i.AppliedOn, i.ApprovedOn,
                    i.MissingPapers, i.SupplyBy, i.SuppliedOn, i.Commitment, i.VerifyBy, i.VerifiedOn, i.Agent,
                    light?.Light ?? Light.Green, light?.Reasons.Select(r => r.Text.For(culture)).ToList() ?? [], i.Version);
            }).ToList(),
            gaps?.Gaps.Select(g => g.For(culture)).ToList() ?? [],
            asOf,
            sheet?.Version ?? 0);
    }

    private static async Task<Ok<ProjectFactorsDto>> GetAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string? asOf, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var tree = await db.LoadTreeAsync(ct);
        var sheet = await ProjectAsync(db, tree, project, await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, asOf, ct), ct);
        http.Response.Headers.ETag = Concurrency.ETag(sheet.Version);
        return TypedResults.Ok(sheet);
    }

    private static async Task<Ok<ProjectFactorsDto>> LandAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, LandInput input, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        await FactorEdits.RecordLandAsync(db, project, input, ct, Check(http, db, caller, clock, project, SheetKey, input.Version, ct));
        return await SheetAsync(http, db, caller, clock, project, ct);
    }

    private static async Task<Ok<ProjectFactorsDto>> EnergyAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, EnergyInput input, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        await FactorEdits.RecordEnergyAsync(db, project, input, ct, Check(http, db, caller, clock, project, SheetKey, input.Version, ct));
        return await SheetAsync(http, db, caller, clock, project, ct);
    }

    private static async Task<Ok<ProjectFactorsDto>> FundsAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string source, FundsInput input, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        await FactorEdits.RecordFundsAsync(db, project, source, input, ct, Check(http, db, caller, clock, project, SheetKey, input.Version, ct));
        return await SheetAsync(http, db, caller, clock, project, ct);
    }

    private static async Task<Ok<ProjectFactorsDto>> EmissionAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string pollutant, EmissionInput input, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        await FactorEdits.RecordEmissionAsync(db, project, pollutant, input, ct, Check(http, db, caller, clock, project, SheetKey, input.Version, ct));
        return await SheetAsync(http, db, caller, clock, project, ct);
    }

    private static async Task<Created<ProjectFactorsDto>> AddProceduresAsync(AppDbContext db, Caller caller, TimeProvider clock, string code, ProcedureInput? input, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        await FactorEdits.AddProceduresAsync(db, project, input, ct);
        var tree = await db.LoadTreeAsync(ct);
        return TypedResults.Created(
            $"/api/projects/{Uri.EscapeDataString(project.Code)}/factors",
            await ProjectAsync(db, tree, project, await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, null, ct), ct));
    }

    /// <summary>One step of an item of the checklist (apply, approve, supply, verify), dated today unless the input says otherwise.</summary>
    private static async Task<Ok<ProjectFactorsDto>> StepAsync(
        AppDbContext db, Caller caller, TimeProvider clock, string code, Func<Project, DateOnly, Task> step, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        await step(project, DeskDate.Today(clock));
        return await OkAsync(db, caller, clock, project, ct);
    }

    /// <summary>The sheet after a change of it, with its version as the ETag.</summary>
    private static async Task<Ok<ProjectFactorsDto>> SheetAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, Project project, CancellationToken ct)
    {
        var ok = await OkAsync(db, caller, clock, project, ct);
        http.Response.Headers.ETag = Concurrency.ETag(ok.Value!.Version);
        return ok;
    }

    /// <summary>The audit entity and key a refusal lists the changes of, for a record of the sheet.</summary>
    private static (Concurrency.Noun Noun, string Entity, string Key) SheetKey(Project project, IVersioned record) => (Concurrency.Noun.Factors, "factors", project.Code);

    private static (Concurrency.Noun Noun, string Entity, string Key) ProcedureKey(Project project, IVersioned record) =>
        (Concurrency.Noun.Procedure, "procedure", $"{project.Code}/{((ProcedureItem)record).Name}");

    /// <summary>The check of an edit against the version its request names (If-Match or <paramref name="version"/>), run by the edit before it changes anything.</summary>
    private static Func<IVersioned, Task> Check(
        HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, Project project, Func<Project, IVersioned, (Concurrency.Noun, string, string)> key, int? version, CancellationToken ct) =>
        async record =>
        {
            var (noun, entity, name) = key(project, record);
            await Concurrency.CheckAsync(http, db, caller, await db.LoadTreeAsync(ct), clock, record, noun, entity, name, version, ct);
        };

    /// <summary>The sheet after a change, judged as of the caller's data date (the day its page opens at).</summary>
    private static async Task<Ok<ProjectFactorsDto>> OkAsync(AppDbContext db, Caller caller, TimeProvider clock, Project project, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        return TypedResults.Ok(await ProjectAsync(db, tree, project, await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, null, ct), ct));
    }
}
