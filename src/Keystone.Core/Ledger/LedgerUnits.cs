using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// The org units the rows name (所属地市 and 所属区域), found in <see cref="UnitDirectory"/> or created when
/// missing, one entity instance per unit for the projects and enterprises that point at it.
/// </summary>
internal sealed class LedgerUnits(AppDbContext db, UnitDirectory tree, string province)
{
    private readonly Dictionary<(string? City, string Unit), OrgUnit> units = [];
    private readonly Dictionary<int, OrgUnit> unitsById = [];

    /// <summary>The paths of the units created so far, each batch's in path order.</summary>
    public List<string> Created { get; } = [];

    /// <summary>The unit of a row that went through <see cref="PrepareAsync"/>.</summary>
    public OrgUnit this[LedgerRow row] => units[(row.City, row.Unit)];

    /// <summary>
    /// Finds or creates every unit the rows name, before any project is written: the province, then the
    /// cities, then the zones and counties, one save per level however many units there are.
    /// </summary>
    public async Task PrepareAsync(IEnumerable<LedgerRow> rows, CancellationToken ct)
    {
        var keys = rows.Select(r => (r.City, r.Unit)).Distinct().Where(k => !units.ContainsKey(k)).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        var missing = keys.Where(k => tree.Find(province, k.City, k.Unit) is null).ToList();
        if (missing.Count > 0)
        {
            await CreateAsync(missing, ct);
        }

        var ids = keys.ToDictionary(k => k, k => tree.Find(province, k.City, k.Unit) ?? throw new InvalidOperationException($"Unit {k.Unit} was not created"));
        var wanted = ids.Values.Distinct().ToList();
        var entities = await db.OrgUnits.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        foreach (var (key, id) in ids)
        {
            // One instance per unit, whichever names reach it: projects and enterprises point at these,
            // and the change tracker refuses two instances of one unit.
            units[key] = unitsById.TryGetValue(id, out var known) ? known : unitsById[id] = entities[id];
        }
    }

    private async Task CreateAsync(List<(string? City, string Unit)> missing, CancellationToken ct)
    {
        var provinceId = tree.ProvinceId(province);
        var provinceUnit = provinceId is { } pid ? await db.OrgUnits.SingleAsync(u => u.Id == pid, ct) : new OrgUnit(province, OrgUnitKind.Province, null);
        var cities = new Dictionary<string, OrgUnit>();
        foreach (var name in missing.Where(k => k.City is not null).Select(k => k.City!).Distinct())
        {
            var cityId = provinceId is { } p ? tree.ChildrenOf(p).FirstOrDefault(c => c.Name == name)?.Id : null;
            cities[name] = cityId is { } cid ? await db.OrgUnits.SingleAsync(u => u.Id == cid, ct) : new OrgUnit(name, OrgUnitKind.City, provinceUnit);
        }

        foreach (var (city, unit) in missing.Where(k => k.City != k.Unit))
        {
            db.OrgUnits.Add(new OrgUnit(unit, OrgUnit.GuessLocalKind(unit), city is null ? provinceUnit : cities[city]));
        }

        foreach (var city in cities.Values.Where(c => c.Id == 0))
        {
            db.OrgUnits.Add(city);
        }

        if (provinceUnit.Id == 0)
        {
            db.OrgUnits.Add(provinceUnit);
        }

        var added = db.ChangeTracker.Entries<OrgUnit>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        await db.SaveChangesAsync(ct);
        tree.AddRange(added.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)));
        Created.AddRange(added.Select(u => tree.PathOf(u.Id)).Order(StringComparer.Ordinal));
        db.ChangeTracker.Clear();
    }
}
