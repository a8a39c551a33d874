using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Ledger;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Promotion.Files;

/// <summary>
/// Writes a unit's leads and its target-enterprise library as .xlsx: a title row (with the amounts' unit), the
/// standard header, one row per record, in the columns the import reads, so importing the export changes nothing.
/// </summary>
public static class PromotionExport
{
    private static readonly IReadOnlyList<double> LeadWidths = [30, 30, 22, 26, 22, 14, 9, 12, 14, 10, 44, 24, 12, 12, 12, 12, 12, 12, 12];

    private static readonly IReadOnlyList<double> TargetWidths = [32, 22, 24, 14, 16, 40, 14, 30];

    public static async Task<int> LeadsAsync(AppDbContext db, OrgTree tree, int unitId, Stream output, CancellationToken ct = default)
    {
        var leads = await db.Leads.AsNoTracking().Include(l => l.FollowUps).Where(l => l.OrgUnitId == unitId).OrderBy(l => l.Id).ToListAsync(ct);
        var rows = (await PromotionData.RowsAsync(db, db.Leads.Where(l => l.OrgUnitId == unitId), ct)).ToDictionary(r => r.Id);
        var headers = LeadFile.Fields.Select(LeadFile.Header).ToList();
        using var writer = new XlsxWriter(output, "招商线索", LeadWidths, 2, 1, new XlsxPageSetup(Landscape: true, FitToWidth: true));
        writer.Row([new XCell($"{tree[unitId].Name}招商线索台账（金额单位：万元）", XStyle.Title)], height: 30, mergeAcross: headers.Count - 1);
        writer.Row(headers.Select(h => new XCell(h, XStyle.Header)).ToList(), height: 32);
        writer.HeaderRow();
        foreach (var lead in leads)
        {
            var cells = LeadFile.Cells(lead, rows[lead.Id].Dates);
            writer.Row(LeadFile.Fields.Select(f => new XCell(FormulaText.Neutralise(cells[f]))).ToList());
        }

        return leads.Count;
    }

    public static async Task<int> TargetsAsync(AppDbContext db, OrgTree tree, int unitId, Stream output, CancellationToken ct = default)
    {
        var targets = await db.PromotionTargets.AsNoTracking().Include(t => t.Lead).Where(t => t.OrgUnitId == unitId).OrderBy(t => t.Id).ToListAsync(ct);
        var headers = TargetFile.Fields.Select(TargetFile.Header).Append(TargetFile.LeadHeader).ToList();
        using var writer = new XlsxWriter(output, "目标企业库", TargetWidths, 2, 1, new XlsxPageSetup(Landscape: true, FitToWidth: true));
        writer.Row([new XCell($"{tree[unitId].Name}目标企业库", XStyle.Title)], height: 30, mergeAcross: headers.Count - 1);
        writer.Row(headers.Select(h => new XCell(h, XStyle.Header)).ToList(), height: 32);
        writer.HeaderRow();
        foreach (var target in targets)
        {
            var cells = TargetFile.Cells(target.Facts);
            writer.Row(TargetFile.Fields.Select(f => new XCell(FormulaText.Neutralise(cells[f]))).Append(new XCell(FormulaText.Neutralise(target.Lead?.Name ?? ""))).ToList());
        }

        return targets.Count;
    }
}
