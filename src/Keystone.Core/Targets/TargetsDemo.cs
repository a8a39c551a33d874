using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Targets;

/// <summary>
/// The demo's targets: 阳泉高新区's for 2024 as seed 004 states them ("在21个续建项目100%复工的基础上，推动新开工
/// 项目达到26个，开工率达到59%，完成投资8.1亿元，增速达到11%").
/// </summary>
public static class TargetsDemo
{
    public static readonly TargetValues YangquanHighTech2024 = new()
    {
        NewStarts = 26,
        StartRate = 59m,
        ResumeRate = 100m,
        CompletedInvestment = 81_000m,
        Growth = 11m,
    };

    public static async Task LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var zone = await db.OrgUnits.Where(u => u.Name == "阳泉高新区" && u.Kind == OrgUnitKind.Zone).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        if (zone is not { } id || await db.UnitTargets.AnyAsync(t => t.OrgUnitId == id && t.Year == 2024, ct))
        {
            return;
        }

        db.UnitTargets.Add(new UnitTarget(id, 2024, YangquanHighTech2024));
        await db.SaveChangesAsync(ct);
    }
}
