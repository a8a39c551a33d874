using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Data;

/// <summary>The org tree, read whole (a province's few thousand units; ADR 0004): the one loader every page, API, command and job uses.</summary>
public static class OrgTreeLoading
{
    public static async Task<OrgTree> LoadTreeAsync(this AppDbContext db, CancellationToken ct = default) =>
        new(await db.OrgUnits.AsNoTracking().Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync(ct));
}
