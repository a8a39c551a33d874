using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Enterprises.Service;

/// <summary>
/// Writes the register (企业库) of the enterprises a unit keeps (registered by it or a unit below it) as .xlsx:
/// a title row, the standard header, one row per enterprise (its chain and link last). Importing the export changes nothing.
/// </summary>
public static class RegisterExport
{
    private static readonly IReadOnlyList<double> Widths = [22, 34, 16, 10, 24, 9, 11, 9, 12, 14, 16, 36, 10, 14, 10, 16, 16, 12];

    public static async Task<int> WriteAsync(AppDbContext db, OrgTree tree, int scopeUnitId, Stream output, CancellationToken ct = default)
    {
        var units = tree.Subtree(scopeUnitId);
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => units.Contains(e.OwnerUnitId)).OrderBy(e => e.OwnerUnitId).ThenBy(e => e.Id).ToListAsync(ct);
        var places = await EnterpriseChains.PlacesAsync(db, enterprises.Select(e => e.Id), ct);
        var headers = RegisterFile.Fields.Select(RegisterFile.Header).ToList();
        using var writer = new XlsxWriter(output, "企业库", Widths, 2, 2, new XlsxPageSetup(Landscape: true, FitToWidth: true));
        writer.Row([new XCell($"{tree[scopeUnitId].Name}企业库（金额单位：万元）", XStyle.Title)], height: 30, mergeAcross: headers.Count - 1);
        writer.Row(headers.Select(h => new XCell(h, XStyle.Header)).ToList(), height: 32);
        writer.HeaderRow();
        foreach (var e in enterprises)
        {
            var cells = RegisterFile.Cells(e, tree[e.OwnerUnitId].Name, places.GetValueOrDefault(e.Id));
            writer.Row(RegisterFile.Fields.Select(f => new XCell(FormulaText.Neutralise(cells[f]))).ToList());
        }

        return enterprises.Count;
    }
}
