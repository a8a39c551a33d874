using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Targets;

/// <summary>The one write of targets, for the API (PUT /api/targets) and the targets page alike.</summary>
public static class TargetEdits
{
    /// <summary>
    /// Sets a unit's targets for a year (creating the row the first time); the caller has checked the unit is theirs.
    /// <paramref name="check"/> (the concurrency check) runs on the row as read, null when there is none yet, before anything changes.
    /// </summary>
    public static async Task<TargetValues> SetAsync(AppDbContext db, int unitId, int year, TargetValues values, CancellationToken ct = default, Func<UnitTarget?, Task>? check = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var existing = await db.UnitTargets.FirstOrDefaultAsync(t => t.OrgUnitId == unitId && t.Year == year, ct);
        if (check is not null)
        {
            await check(existing);
        }

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
