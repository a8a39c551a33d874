using Keystone.Core.Data;
using Keystone.Core.Desk;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Units;

/// <summary>
/// Makes a deployment national (docs/decisions/0017-the-nation-and-its-kept-desk.md): one nation unit at the top with
/// every province under it, in one transaction with the figure rollups rebuilt for the new tree, so no reader ever sees
/// the nation without its sums.
/// </summary>
public static class NationSetup
{
    /// <summary>The nation and the provinces now under it, by name.</summary>
    public sealed record Result(string Nation, IReadOnlyList<string> Provinces);

    public static async Task<Result> AddAsync(AppDbContext db, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var roots = await db.OrgUnits.Where(u => u.ParentId == null).OrderBy(u => u.Id).ToListAsync(ct);
        if (roots.FirstOrDefault(r => r.Kind == OrgUnitKind.Nation) is { } existing)
        {
            throw new DomainException(new($"已有全国单位“{existing.Name}”", $"There is a nation unit already: \"{existing.Name}\""), "name");
        }

        if (roots.FirstOrDefault(r => r.Kind != OrgUnitKind.Province) is { } other)
        {
            throw new DomainException(
                new($"顶层单位“{other.Name}”不是省，无法放在全国之下", $"The top unit \"{other.Name}\" is not a province and cannot go under the nation"), "name");
        }

        var nation = new OrgUnit(name, OrgUnitKind.Nation, null);
        db.OrgUnits.Add(nation);
        foreach (var province in roots)
        {
            province.PlaceUnder(nation);
        }

        await db.SaveChangesAsync(ct);

        // The nation's sums are every province's: each built year again, in this transaction.
        var tree = await db.LoadTreeAsync(ct);
        foreach (var year in await db.RollupYears.Select(y => y.Year).OrderBy(y => y).ToListAsync(ct))
        {
            await RollupData.BuildAsync(db, tree, year, ct);
        }

        await tx.CommitAsync(ct);
        return new Result(nation.Name, roots.Select(r => r.Name).ToList());
    }
}
