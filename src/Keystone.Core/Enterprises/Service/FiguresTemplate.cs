using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Enterprises.Service;

/// <summary>
/// The statistics office's figures file to fill in (企业月度数据导入模板): the month and the money unit in the
/// title, the standard header, and one row per enterprise the unit keeps with its credit code and name. A row
/// left without figures changes nothing when the file is imported.
/// </summary>
public static class FiguresTemplate
{
    public static readonly IReadOnlyList<string> Headers = ["统一社会信用代码", "企业名称", "工业总产值（万元）", "营业收入（万元）", "税金（万元）", "从业人员（人）"];

    private static readonly IReadOnlyList<double> Widths = [22, 34, 16, 16, 14, 14];

    public static async Task<int> WriteAsync(AppDbContext db, OrgTree tree, int scopeUnitId, Period month, Stream output, CancellationToken ct = default)
    {
        var units = tree.Subtree(scopeUnitId);
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => units.Contains(e.OwnerUnitId)).OrderBy(e => e.OwnerUnitId).ThenBy(e => e.Id)
            .Select(e => new { e.Uscc, e.Name }).ToListAsync(ct);
        using var writer = new XlsxWriter(output, "企业月度数据", Widths, 3, 2, new XlsxPageSetup(Landscape: true, FitToWidth: true));
        writer.Row([new XCell($"{month.Year}年{month.Month}月{tree[scopeUnitId].Name}企业月度数据", XStyle.Title)], height: 30, mergeAcross: Headers.Count - 1);
        writer.Row([new XCell("金额单位：万元；从业人员：人；填本月数（非累计数），不填的企业不变")], mergeAcross: Headers.Count - 1);
        writer.Row(Headers.Select(h => new XCell(h, XStyle.Header)).ToList(), height: 32);
        writer.HeaderRow();
        foreach (var e in enterprises)
        {
            writer.Row([new XCell(e.Uscc.Value), new XCell(FormulaText.Neutralise(e.Name)), new XCell(null), new XCell(null), new XCell(null), new XCell(null)]);
        }

        return enterprises.Count;
    }
}
