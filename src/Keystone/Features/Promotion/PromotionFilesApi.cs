using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Promotion.Files;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Keystone.Features.Promotion;

/// <summary>
/// The promotion desk's files: leads (POST /api/leads/import, GET /api/leads/export) and the target-enterprise
/// library (POST /api/promotion/targets/import, GET /api/promotion/targets/export) as .xlsx/.csv with the ledger's
/// conventions. An import is all or nothing into one unit (the form's unit, else the caller's own); errors=true
/// answers the marked-up copy of the user's own file. Officers only, each within its own scope.
/// </summary>
public static class PromotionFilesApi
{
    public static RouteGroupBuilder MapPromotionFilesApi(this RouteGroupBuilder api)
    {
        var leads = api.MapGroup("/leads").WithTags("Promotion").RequireAuthorization(AuthSetup.Officer);
        leads.MapPost("/import", ImportLeadsAsync).DisableAntiforgery().WithName("ImportLeads")
            .WithSummary("导入招商线索 / import a lead file (.xlsx/.xls/.csv) into a unit: all or nothing; dryRun=true to check; errors=true for the marked-up copy");
        leads.MapGet("/export", ExportLeadsAsync).WithName("ExportLeads").WithSummary("导出招商线索 .xlsx / a unit's leads in the import's columns");
        var promotion = api.MapGroup("/promotion").WithTags("Promotion").RequireAuthorization(AuthSetup.Officer);
        promotion.MapPost("/targets/import", ImportTargetsAsync).DisableAntiforgery().WithName("ImportPromotionTargets")
            .WithSummary("导入目标企业库 / import a target-enterprise file into a unit: all or nothing; dryRun, errors as for leads");
        promotion.MapGet("/targets/export", ExportTargetsAsync).WithName("ExportPromotionTargets").WithSummary("导出目标企业库 .xlsx / a unit's target enterprises");
        return api;
    }

    private static async Task<IResult> ImportLeadsAsync(
        AppDbContext db, Caller caller, TimeProvider clock, LedgerLimits limits, ImportSlots slots, ILoggerFactory logs, IFormFile? file,
        [FromForm] string? unit, [FromForm] string? sheet, [FromForm] bool? dryRun, [FromForm] bool? errors, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var target = PromotionActions.UnitFor(caller, tree, unit);
        using var slot = await slots.EnterAsync(ct);
        var source = await Ledger.LedgerApi.ReadAsync(file, limits, ct);
        var today = DeskDate.Today(clock);
        var read = LeadFile.Read(source, today.Year, sheet);
        var result = await LeadImport.ApplyAsync(db, target.Id, read, today, caller.UserName, clock.GetUtcNow(), dryRun == true || errors == true, ct);
        OperationsLog.Import(logs.CreateLogger(KeystoneTelemetry.LogCategory), "leads", source.FileName, caller.UserName, result.Applied, dryRun == true || errors == true, result.Changes.Count, result.Problems.Count);
        return Answer(source, result, errors == true, new("招商线索", "The lead file"));
    }

    private static async Task<IResult> ImportTargetsAsync(
        AppDbContext db, Caller caller, LedgerLimits limits, ImportSlots slots, ILoggerFactory logs, IFormFile? file,
        [FromForm] string? unit, [FromForm] string? sheet, [FromForm] bool? dryRun, [FromForm] bool? errors, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var target = PromotionActions.UnitFor(caller, tree, unit);
        using var slot = await slots.EnterAsync(ct);
        var source = await Ledger.LedgerApi.ReadAsync(file, limits, ct);
        var read = TargetFile.Read(source, sheet);
        var result = await TargetFile.ApplyAsync(db, target.Id, read, dryRun == true || errors == true, ct);
        OperationsLog.Import(logs.CreateLogger(KeystoneTelemetry.LogCategory), "promotionTargets", source.FileName, caller.UserName, result.Applied, dryRun == true || errors == true, result.Changes.Count, result.Problems.Count);
        return Answer(source, result, errors == true, new("目标企业库", "The target-enterprise file"));
    }

    private static IResult Answer(LedgerSource source, PromotionImportResult result, bool errors, Text what)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        if (errors)
        {
            if (result.Problems.Count == 0)
            {
                return TypedResults.NoContent();
            }

            using var output = new MemoryStream();
            ErrorWorkbook.Write(source, result.Sheet, result.HeaderRow, result.Problems, result.Columns, output, english);
            return TypedResults.File(output.ToArray(), Ledger.LedgerApi.XlsxType, Path.GetFileNameWithoutExtension(source.FileName) + ".errors.xlsx");
        }

        var report = PromotionImportReport.Of(result, CultureInfo.CurrentUICulture);
        if (result.Problems.Count > 0)
        {
            var rows = result.Problems.Select(p => p.Row).Distinct().Count();
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: new Text($"{what.Zh}有{rows}行存在问题，未导入任何数据", $"{what.En} has problems in {rows} row(s); nothing was imported").ToString(),
                detail: string.Join("\n", result.Problems.Take(20).Select(p => p.ToString(english))),
                extensions: new Dictionary<string, object?> { ["report"] = report });
        }

        return TypedResults.Ok(report);
    }

    private static async Task<FileContentHttpResult> ExportLeadsAsync(AppDbContext db, Caller caller, string? unit, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var target = PromotionActions.UnitFor(caller, tree, unit);
        using var output = new MemoryStream();
        await PromotionExport.LeadsAsync(db, tree, target.Id, output, ct);
        return TypedResults.File(output.ToArray(), Ledger.LedgerApi.XlsxType, $"{target.Name}招商线索.xlsx");
    }

    private static async Task<FileContentHttpResult> ExportTargetsAsync(AppDbContext db, Caller caller, string? unit, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var target = PromotionActions.UnitFor(caller, tree, unit);
        using var output = new MemoryStream();
        await PromotionExport.TargetsAsync(db, tree, target.Id, output, ct);
        return TypedResults.File(output.ToArray(), Ledger.LedgerApi.XlsxType, $"{target.Name}目标企业库.xlsx");
    }
}

/// <summary>What a promotion import did: counts, each row's change, every problem (zh or en by the request's language).</summary>
public sealed record PromotionImportReport(
    string Sheet, int HeaderRow, bool Applied, int New, int Updated, int Unchanged, IReadOnlyList<FileChange> Changes, IReadOnlyList<ProblemReport> Problems)
{
    public static PromotionImportReport Of(PromotionImportResult r, CultureInfo culture) => new(
        r.Sheet, r.HeaderRow, r.Applied, r.New, r.Updated, r.Unchanged, r.Changes,
        r.Problems.Select(p => new ProblemReport(p.Sheet, p.Row, p.Column, p.Value, p.Reason.For(culture))).ToList());
}
