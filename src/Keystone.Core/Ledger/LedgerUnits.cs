using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// The org units the rows name (所属地市 and 所属区域), found in <see cref="UnitDirectory"/> or created when
/// missing, one entity instance per unit for the projects and enterprises that point at it.
/// </summary>
internal sealed class LedgerUnits(AppDbContext db, UnitDirectory tree, string? province)
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

    /// <summary>
    /// Creates the missing units, a province's thousands in bulk (<see cref="BulkInsert"/>) level by level, each logged
    /// as created, as a save logs it (the same values, under the nearest unit that was there before).
    /// </summary>
    private async Task CreateAsync(List<(string? City, string Unit)> missing, CancellationToken ct)
    {
        var provinceId = tree.ProvinceId(province);
        // A new province goes under the nation of a national deployment, else at the top.
        var nation = provinceId is null && tree.NationId is { } nid ? await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == nid, ct) : null;
        var provinceUnit = provinceId is { } pid ? await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == pid, ct) : new OrgUnit(province ?? LedgerImportOptions.DefaultProvince, OrgUnitKind.Province, nation);
        var cities = new Dictionary<string, OrgUnit>();
        foreach (var name in missing.Where(k => k.City is not null).Select(k => k.City!).Distinct())
        {
            var cityId = provinceId is { } p ? tree.ChildrenOf(p).FirstOrDefault(c => c.Name == name)?.Id : null;
            cities[name] = cityId is { } cid ? await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == cid, ct) : new OrgUnit(name, OrgUnitKind.City, provinceUnit);
        }

        var zones = missing.Where(k => k.City != k.Unit).Select(k => new OrgUnit(k.Unit, OrgUnit.GuessLocalKind(k.Unit), k.City is null ? provinceUnit : cities[k.City])).ToList();
        List<OrgUnit>[] levels = [provinceUnit.Id == 0 ? [provinceUnit] : [], cities.Values.Where(c => c.Id == 0).ToList(), zones];
        var added = levels.SelectMany(l => l).ToList();
        var bulk = new BulkInsert(db);
        await bulk.AssignIdsAsync(added, ct);
        foreach (var level in levels)
        {
            await bulk.InsertAsync(level, ct); // parents first: each row's parent is in when it goes in
        }

        var fresh = added.ToHashSet();
        int? Before(OrgUnit unit) => unit.Parent is not { } parent ? null : fresh.Contains(parent) ? Before(parent) : parent.Id;
        var now = db.Clock.GetUtcNow();
        var audit = added.Select(u => new AuditEntry(now, db.Actor, "unit", u.Name, "created", null, bulk.AuditValues(u), null, Before(u))).ToList();
        await bulk.AssignIdsAsync(audit, ct);
        await bulk.InsertAsync(audit, ct);
        tree.AddRange(added.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.Parent?.Id)));
        Created.AddRange(added.Select(u => tree.PathOf(u.Id)).Order(StringComparer.Ordinal));
    }
}
