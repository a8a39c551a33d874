using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Projects;
using Keystone.Features.Ledger;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Projects;

/// <summary>GET /projects/export: the ledger page's filtered set in the standard template (.xlsx or .csv).</summary>
public static class LedgerExport
{
    public static async Task<IResult> ExportAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, LedgerLimits limits, string? format, CancellationToken ct)
    {
        var kind = (format ?? "xlsx").ToLowerInvariant() switch
        {
            "xlsx" => LedgerExportFormat.Xlsx,
            "csv" => LedgerExportFormat.Csv,
            _ => throw new Core.DomainException(new("format 应为 xlsx 或 csv", "format must be xlsx or csv"), "format"),
        };
        var tree = await db.LoadTreeAsync(ct);
        var selection = await LedgerFilters.From(http.Request.Query).ResolveAsync(db, caller, tree, clock, ct);
        var ids = await ProjectList.Query(db, caller.Projects(db.Projects, tree), selection.Query).Select(p => p.ProjectId).ToListAsync(ct);
        var scope = selection.Scope;
        var units = tree.Subtree(scope.Unit.Id);
        var file = new MemoryStream();
        await ImportGuard.RunAsync(limits, ImportGuard.Export, async (guard, token) =>
        {
            var exporter = new LedgerExporter(db) { Guard = guard };
            var period = await exporter.LatestPeriodAsync(units, scope.Year, token) ?? LedgerImporter.DefaultPeriod(scope.Year, clock);
            return await exporter.WriteAsync(file, kind, tree, scope.Unit.Name, units, scope.Year, period, ids, token);
        }, ct);
        file.Position = 0;
        var name = $"{scope.Unit.Name}{scope.Year}年重点项目台账.{(kind == LedgerExportFormat.Xlsx ? "xlsx" : "csv")}";
        return TypedResults.File(file, kind == LedgerExportFormat.Xlsx ? LedgerApi.XlsxType : "text/csv; charset=utf-8", name);
    }
}
