using System.Globalization;
using System.Text.Json;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Ledger;

/// <summary>
/// The form posts behind the upload page (/ledger/import): upload → preview (the page itself, a dry run) →
/// confirm. The file is kept in the database between the steps, so any web node can serve any step.
/// </summary>
public static class LedgerImportEndpoints
{
    public static void MapLedgerImportPages(this WebApplication app, LedgerLimits limits)
    {
        app.MapPost("/ledger/import/upload", UploadAsync).RequireAuthorization(AuthSetup.Officer)
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxBytes + 1024 * 1024))
            .ExcludeFromDescription();
        app.MapPost("/ledger/import/{id:guid}/confirm", ConfirmAsync).RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();
        app.MapGet("/ledger/import/template.xlsx", LedgerApi.Template).RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();
        app.MapGet("/ledger/import/{id:guid}/errors.xlsx", ErrorsAsync).RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();
    }

    private static async Task<IResult> UploadAsync([FromForm] LedgerImportForm form, AppDbContext db, TimeProvider clock, LedgerLimits limits, ImportSlots slots, Caller caller, CancellationToken ct)
    {
        LedgerSource source;
        try
        {
            using var slot = await slots.EnterAsync(ct);
            source = await LedgerApi.ReadAsync(form.File, limits, ct);
            _ = LedgerImporter.ChooseSheet(source, form.Sheet);
        }
        catch (Exception e) when (e is DomainException or BusyException)
        {
            // Back to the form, saying why (the page shows ?error= as an alert).
            var text = e is DomainException d ? d.Text : ((BusyException)e).Text;
            return TypedResults.Redirect("/ledger/import?error=" + Uri.EscapeDataString(text.ToString()));
        }

        var now = clock.GetUtcNow();
        var expired = now - LedgerUpload.Lifetime;
        await db.LedgerUploads.Where(u => u.UploadedAt < expired).ExecuteDeleteAsync(ct);
        await using var stream = form.File!.OpenReadStream();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        var upload = new LedgerUpload(source.FileName, copy.ToArray(), caller.UserName, now);
        db.LedgerUploads.Add(upload);
        await db.SaveChangesAsync(ct);
        return TypedResults.Redirect(LedgerImportPage.Url(upload.Id, form.Year, form.Sheet, form.Period, form.Map, form.CorrectionReason), permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> ConfirmAsync(Guid id, [FromForm] LedgerImportForm form, AppDbContext db, TimeProvider clock, LedgerLimits limits, ImportSlots slots, Caller caller, ILoggerFactory logs, CancellationToken ct)
    {
        var upload = await FindAsync(db, caller, id, ct);
        if (upload.ImportedAt is not null)
        {
            return TypedResults.Redirect(LedgerImportPage.Url(id, form.Year, form.Sheet, form.Period, form.Map, form.CorrectionReason));
        }

        using var slot = await slots.EnterAsync(ct);
        var source = LedgerSource.FromBytes(upload.Content, upload.FileName, limits);
        var options = LedgerApi.Options(form, limits, caller) with { DryRun = false };
        var result = await KeystoneTelemetry.ImportAsync(logs.CreateLogger(KeystoneTelemetry.LogCategory), upload.FileName, caller.UserName, options,
            () => new LedgerImporter(db, clock).ImportAsync(source, options, null, ct));
        if (result.Applied)
        {
            // The importer clears the change tracker when it is done; mark the upload on a fresh copy.
            var imported = await LedgerUpload.ReadableBy(db.LedgerUploads, caller.UserName).FirstAsync(u => u.Id == id, ct);
            var report = LedgerImportReport.Of(result, null, CultureInfo.CurrentUICulture);
            imported.MarkImported(JsonSerializer.Serialize(report, ApiJson.Options), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Redirect(LedgerImportPage.Url(id, form.Year, form.Sheet, form.Period, form.Map, form.CorrectionReason), permanent: false, preserveMethod: false);
    }

    /// <summary>The caller's own upload; anyone else's, like an expired one, does not exist (the link alone opens nothing).</summary>
    public static async Task<LedgerUpload> FindAsync(AppDbContext db, Caller caller, Guid id, CancellationToken ct) =>
        await LedgerUpload.ReadableBy(db.LedgerUploads.AsNoTracking(), caller.UserName).FirstOrDefaultAsync(u => u.Id == id, ct)
        ?? throw new NotFoundException(UploadGone);

    public static readonly Text UploadGone = new("上传的文件已过期或不存在，请重新上传", "The upload has expired or does not exist; upload the file again");

    private static async Task<IResult> ErrorsAsync(Guid id, int? year, string? sheet, string? period, [FromQuery] string[]? map, string? reason, AppDbContext db, TimeProvider clock, LedgerLimits limits, ImportSlots slots, Caller caller, CancellationToken ct)
    {
        var upload = await FindAsync(db, caller, id, ct);
        using var slot = await slots.EnterAsync(ct);
        var source = LedgerSource.FromBytes(upload.Content, upload.FileName, limits);
        var options = LedgerApi.Options(new LedgerImportForm { Year = year, Sheet = sheet, Period = period, Map = map, CorrectionReason = reason, DryRun = true }, limits, caller);
        var result = await new LedgerImporter(db, clock).ImportAsync(source, options, null, ct);
        using var output = new MemoryStream();
        ErrorWorkbook.Write(source, result, output, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en");
        return TypedResults.File(output.ToArray(), LedgerApi.XlsxType, Path.GetFileNameWithoutExtension(upload.FileName) + ".errors.xlsx");
    }
}
