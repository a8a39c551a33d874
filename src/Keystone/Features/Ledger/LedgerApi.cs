using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Plans;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Keystone.Features.Ledger;

/// <summary>The form an import is posted as (multipart/form-data), through the API or the upload page.</summary>
public sealed class LedgerImportForm
{
    public IFormFile? File { get; set; }

    public int? Year { get; set; }

    public string? Sheet { get; set; }

    /// <summary>表头=字段, repeatable; a field of "-" leaves the column out.</summary>
    public string[]? Map { get; set; }

    public bool GoodRowsOnly { get; set; }

    public bool DryRun { get; set; }

    /// <summary>The month the progress columns are for, e.g. 2024-03.</summary>
    public string? Period { get; set; }

    /// <summary>更正原因: needed when rows change what a closed month counts (a plan entry of its year, a report of it).</summary>
    public string? CorrectionReason { get; set; }
}

/// <summary>/api/ledger: import a ledger file, get the marked-up copy of a refused one, export a scope's ledger.</summary>
public static class LedgerApi
{
    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api, LedgerLimits limits)
    {
        var group = api.MapGroup("/ledger").WithTags("Ledger").RequireAuthorization(AuthSetup.Officer);
        // API clients authenticate with tokens, not cookies: a cross-site form cannot ride on them.
        group.MapPost("/import", ImportAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxBytes + 1024 * 1024))
            .WithName("ImportLedger")
            .WithSummary("导入台账 / import a ledger (.xlsx, .xls or .csv, multipart field 'file')")
            .WithDescription("All or nothing: with any bad row nothing is imported and the answer is 422 with every problem, unless goodRowsOnly. dryRun=true checks and counts only.");
        group.MapPost("/import/errors", ErrorsAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxBytes + 1024 * 1024))
            .WithName("LedgerErrorWorkbook")
            .WithSummary("错误标注文件 / the file with its bad cells marked and a reason column (.xlsx)");
        group.MapGet("/template", Template).WithName("LedgerTemplate")
            .WithSummary("导入模板 / the standard ledger to fill in: the header, an example row and a sheet of notes (.xlsx; year defaults to this year)");
        group.MapGet("/export", ExportAsync).WithName("ExportLedger")
            .WithSummary("导出台账 / export a scope's ledger for a year (format=xlsx|csv)");
        return api;
    }

    public static LedgerImportOptions Options(LedgerImportForm form, LedgerLimits limits, Caller caller) => new()
    {
        Limits = limits,
        ScopeUnitId = caller.UnitId,
        Year = form.Year,
        Sheet = string.IsNullOrWhiteSpace(form.Sheet) ? null : form.Sheet,
        Map = LedgerFormat.ParseMap(form.Map ?? []),
        GoodRowsOnly = form.GoodRowsOnly,
        DryRun = form.DryRun,
        Period = string.IsNullOrWhiteSpace(form.Period) ? null : Core.Period.Parse(form.Period),
        CorrectionReason = string.IsNullOrWhiteSpace(form.CorrectionReason) ? null : form.CorrectionReason,
        By = caller.UserName,
    };

    public static async Task<LedgerSource> ReadAsync(IFormFile? file, LedgerLimits limits, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            throw new DomainException(new("请选择要导入的台账文件（.xlsx、.xls 或 .csv）", "Choose a ledger file to import (.xlsx, .xls or .csv)"), "file");
        }

        await using var stream = file.OpenReadStream();
        return await LedgerSource.ReadAsync(stream, file.FileName, limits, ct);
    }

    private static async Task<Results<Ok<LedgerImportReport>, ProblemHttpResult>> ImportAsync(
        [FromForm] LedgerImportForm form, AppDbContext db, TimeProvider clock, LedgerLimits limits, ImportSlots slots, Caller caller, ILoggerFactory logs, CancellationToken ct)
    {
        using var slot = await slots.EnterAsync(ct);
        var options = Options(form, limits, caller);
        var source = await ReadAsync(form.File, limits, ct);
        var result = await KeystoneTelemetry.ImportAsync(logs.CreateLogger(KeystoneTelemetry.LogCategory), source.FileName, caller.UserName, options,
            () => new LedgerImporter(db, clock).ImportAsync(source, options, null, ct));
        var report = LedgerImportReport.Of(result, null, CultureInfo.CurrentUICulture);
        if (result.Problems.Count > 0 && !result.Applied && !options.DryRun)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: new Text($"台账有{result.BadRows}行存在问题，未导入任何数据", $"{result.BadRows} row(s) of the ledger have problems; nothing was imported").ToString(),
                detail: string.Join("\n", result.Problems.Take(20).Select(p => p.ToString(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"))),
                extensions: new Dictionary<string, object?> { ["report"] = report });
        }

        return TypedResults.Ok(report);
    }

    private static async Task<Results<FileContentHttpResult, NoContent>> ErrorsAsync(
        [FromForm] LedgerImportForm form, AppDbContext db, TimeProvider clock, LedgerLimits limits, ImportSlots slots, Caller caller, CancellationToken ct)
    {
        using var slot = await slots.EnterAsync(ct);
        var source = await ReadAsync(form.File, limits, ct);
        var result = await new LedgerImporter(db, clock).ImportAsync(source, Options(form, limits, caller) with { DryRun = true }, null, ct);
        if (result.Problems.Count == 0)
        {
            return TypedResults.NoContent();
        }

        using var output = new MemoryStream();
        ErrorWorkbook.Write(source, result, output, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en");
        return TypedResults.File(output.ToArray(), XlsxType, Path.GetFileNameWithoutExtension(source.FileName) + ".errors.xlsx");
    }

    private static async Task<FileStreamHttpResult> ExportAsync(
        AppDbContext db, TimeProvider clock, Caller caller, LedgerLimits limits, string scope, int year, string? format, string? period, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var kind = (format ?? "xlsx").ToLowerInvariant() switch
        {
            "xlsx" => LedgerExportFormat.Xlsx,
            "csv" => LedgerExportFormat.Csv,
            _ => throw new DomainException(new("format 应为 xlsx 或 csv", "format must be xlsx or csv"), "format"),
        };
        var units = tree.Subtree(unit.Id);
        var file = new MemoryStream();
        await ImportGuard.RunAsync(limits, ImportGuard.Export, async (guard, token) =>
        {
            var exporter = new LedgerExporter(db) { Guard = guard };
            var month = period is not null ? Core.Period.Parse(period) : await exporter.LatestPeriodAsync(units, year, token) ?? LedgerImporter.DefaultPeriod(year, clock);
            return await exporter.WriteAsync(file, kind, tree, unit.Name, units, year, month, token);
        }, ct);
        file.Position = 0;
        var name = $"{unit.Name}{year}年重点项目台账.{(kind == LedgerExportFormat.Xlsx ? "xlsx" : "csv")}";
        return TypedResults.File(file, kind == LedgerExportFormat.Xlsx ? XlsxType : "text/csv; charset=utf-8", name);
    }

    /// <summary>The standard ledger template for a plan year (this year by default), for the API and the import page's link.</summary>
    public static FileContentHttpResult Template(int? year, TimeProvider clock)
    {
        var y = AnnualPlan.CheckYear(year ?? DeskDate.Today(clock).Year);

        using var output = new MemoryStream();
        LedgerTemplate.Write(output, y);
        return TypedResults.File(output.ToArray(), XlsxType, $"重点项目台账模板-{y}.xlsx");
    }

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
