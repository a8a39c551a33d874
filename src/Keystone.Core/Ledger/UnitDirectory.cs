using Keystone.Core.Data;
using Keystone.Core.Units;

namespace Keystone.Core.Ledger;

/// <summary>The org tree as the importer sees it: finds a row's unit by city and unit name, and grows as units are created.</summary>
internal sealed class UnitDirectory(List<OrgUnitInfo> units)
{
    private OrgTree tree = new(units);

    // A ledger names the same few hundred units over and over: answer each name once per tree.
    private readonly Dictionary<(string? Province, string? City, string Unit), int?> found = [];

    /// <summary>The org tree as it stands in the database.</summary>
    public static async Task<UnitDirectory> LoadAsync(AppDbContext db, CancellationToken ct) =>
        new((await db.LoadTreeAsync(ct)).All.ToList());

    public bool Contains(int id) => tree.Contains(id);

    /// <summary>The tree as it stands now (it grows as the import creates units).</summary>
    public OrgTree Tree => tree;

    public OrgUnitInfo this[int id] => tree[id];

    public string PathOf(int id) => tree.PathOf(id);

    public IEnumerable<OrgUnitInfo> ChildrenOf(int id) => tree.ChildrenOf(id);

    public IReadOnlyList<int> Subtree(int id) => tree.Subtree(id);

    public bool IsWithin(int id, int ancestor) => tree.IsWithin(id, ancestor);

    /// <summary>Whether a new unit named in a row would be created under <paramref name="scope"/> (its city, or the province).</summary>
    public bool WouldCreateWithin(string? province, string? city, int scope)
    {
        if (!tree.Contains(scope))
        {
            return false;
        }

        var provinceId = ProvinceId(province);
        if (city is not null && provinceId is { } pid && tree.ChildrenOf(pid).FirstOrDefault(c => c.Name == city) is { } existing)
        {
            return tree.IsWithin(existing.Id, scope);
        }

        // A new city, or a unit without one, goes under the province: only the province (or the nation above it) may
        // create it; a new province goes at the top, or under the nation: only the top may create it.
        return provinceId is { } p2 ? tree.IsWithin(p2, scope) : tree[scope].ParentId is null;
    }

    /// <summary>Takes in units the import has just created, so later rows find them.</summary>
    public void AddRange(IEnumerable<OrgUnitInfo> added)
    {
        units.AddRange(added);
        tree = new OrgTree(units);
        found.Clear();
    }

    /// <summary>The nation unit a new province goes under, when the tree has one (a national deployment).</summary>
    public int? NationId => tree.Roots.FirstOrDefault(r => r.Kind == OrgUnitKind.Nation)?.Id;

    /// <summary>
    /// The province new units go under: the one named <paramref name="named"/> (none when it is not there yet); unnamed,
    /// the only one there is, else the default one.
    /// </summary>
    public int? ProvinceId(string? named)
    {
        var provinces = tree.All.Where(r => r.Kind == OrgUnitKind.Province).ToList();
        return (named is not null ? provinces.FirstOrDefault(p => p.Name == named)
            : provinces.Count == 1 ? provinces[0]
            : provinces.FirstOrDefault(p => p.Name == LedgerImportOptions.DefaultProvince))?.Id;
    }

    /// <summary>The unit a row names: 所属区域 under 所属地市 (the city itself when both are the same), else a unique name anywhere.</summary>
    public int? Find(string? province, string? city, string unit)
    {
        if (!found.TryGetValue((province, city, unit), out var id))
        {
            id = Search(province, city, unit);
            found[(province, city, unit)] = id;
        }

        return id;
    }

    private int? Search(string? province, string? city, string unit)
    {
        if (city is not null)
        {
            // A named province that is not there yet has no city; unnamed with none chosen, any province's city.
            var roots = ProvinceId(province) is { } pid ? [tree[pid]] : province is null ? tree.All.Where(u => u.Kind == OrgUnitKind.Province).ToList() : [];
            var cityInfo = roots.SelectMany(r => tree.ChildrenOf(r.Id)).FirstOrDefault(c => c.Name == city && c.Kind == OrgUnitKind.City);
            if (city == unit)
            {
                return cityInfo?.Id;
            }

            return cityInfo is null ? null : tree.ChildrenOf(cityInfo.Id).FirstOrDefault(u => u.Name == unit)?.Id;
        }

        var matches = tree.All.Where(u => u.Name == unit && u.Kind is not (OrgUnitKind.Province or OrgUnitKind.Nation)).ToList();
        return matches.Count == 1 ? matches[0].Id : null;
    }
}
