using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Targets;

/// <summary>The one write of targets, for the API (PUT /api/targets) and the targets page alike.</summary>
public static class TargetEdits
{
    /// <summary>Sets a unit's targets for a year (creating the row the first time); the caller has checked the unit is theirs.</summary>
    public static async Task<TargetValues> SetAsync(AppDbContext db, int unitId, int year, TargetValues values, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var existing = await db.UnitTargets.FirstOrDefaultAsync(t => t.OrgUnitId == unitId && t.Year == year, ct);
        if (existing is null)
        {
            existing = new UnitTarget(unitId, year, values);
            db.UnitTargets.Add(existing);
        }
        else
        {
            existing.Change(values);
        }

        await db.SaveChangesAsync(ct);
        return existing.Values;
    }
}
