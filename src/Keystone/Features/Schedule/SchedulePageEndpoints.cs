using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Schedule;
using Keystone.Features.Accounts;
using Keystone.Features.Ledger;
using Keystone.Features.Projects;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Schedule;

/// <summary>The plain endpoints behind the schedule pages: the battle map's data, a refused node plan marked up.</summary>
public static class SchedulePageEndpoints
{
    public static void MapSchedulePages(this WebApplication app)
    {
        app.MapGet("/battle-map/data", DataAsync).RequireAuthorization().CacheOutput(PageCache.Policy).ExcludeFromDescription();
        app.MapGet("/projects/{code}/schedule/import/{id:guid}/errors.xlsx", ErrorsAsync).RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();
    }

    /// <summary>Every bar of the battle map's current filter, for js/battle-map.js to draw the rows in view.</summary>
    private static async Task<Ok<BattleMapData>> DataAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var view = await BattleMapFilters.From(http.Request.Query).ResolveAsync(db, caller, await db.LoadTreeAsync(ct), clock, ct);
        return TypedResults.Ok(BattleMapData.Of(view));
    }

    /// <summary>The node plan the schedule page refused, its bad cells marked and a reason column added (as the ledger's).</summary>
    private static async Task<IResult> ErrorsAsync(
        string code, Guid id, string? start, string? deadline, string? sheet, string? days, AppDbContext db, Caller caller, LedgerLimits limits, ScheduleLimits scheduleLimits, ImportSlots slots, CancellationToken ct)
    {
        _ = await ProjectLookup.FindAsync(db, caller, code, ct);
        var upload = await LedgerUpload.ReadableBy(db.LedgerUploads.AsNoTracking(), caller.UserName).FirstOrDefaultAsync(u => u.Id == id, ct)
            ?? throw new NotFoundException(new("上传的文件已过期或不存在，请重新导入", "The upload has expired or does not exist; import the file again"));
        var from = SchedulePlanFile.Date(start ?? "", "start");
        DateOnly? until = string.IsNullOrWhiteSpace(deadline) ? null : SchedulePlanFile.Date(deadline, "deadline");
        using var slot = await slots.EnterAsync(ct);
        var source = LedgerSource.FromBytes(upload.Content, upload.FileName, limits);
        var read = NodePlanReader.Read(source, from, until, string.IsNullOrWhiteSpace(sheet) ? null : sheet, scheduleLimits, ScheduleApi.Days(days));
        using var output = new MemoryStream();
        ErrorWorkbook.Write(source, read.Sheet, read.HeaderRow, read.Problems, read.Columns, output, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en");
        return TypedResults.File(output.ToArray(), LedgerApi.XlsxType, Path.GetFileNameWithoutExtension(upload.FileName) + ".errors.xlsx");
    }
}
