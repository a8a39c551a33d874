using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Figures;

/// <summary>The date a desk opens at: today while a scope reports, else the end of its latest reported month.</summary>
public class DataDateTests
{
    [Theory]
    [DatabaseData]
    public async Task TheDesk_OpensWhereTheScopesDataStands(DbProvider provider)
    {
        // The demo's approved reports are all of 2024-03.
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await db.LoadTreeAsync();
        var zone = tree.Resolve("阳泉高新区");
        var province = tree.Resolve("山西省");
        async Task<DateOnly> At(OrgUnitInfo scope, int year, DateOnly today) => await ScopeDesk.DataDateAsync(db, tree, scope, year, today);

        // Kept up: reports of the month before count as current.
        Assert.Equal(new DateOnly(2024, 4, 10), await At(zone, 2024, new DateOnly(2024, 4, 10)));
        // Reporting stopped: the end of the latest reported month, this year or a past one (the demo read today).
        Assert.Equal(new DateOnly(2024, 3, 31), await At(zone, 2024, new DateOnly(2024, 6, 10)));
        Assert.Equal(new DateOnly(2024, 3, 31), await At(zone, 2024, new DateOnly(2026, 12, 5)));
        Assert.Equal(new DateOnly(2024, 3, 31), await At(province, 2024, new DateOnly(2026, 12, 5)));
        // Nothing reported yet: today this year, the year's end in the past, its start in the future.
        Assert.Equal(new DateOnly(2024, 2, 20), await At(zone, 2024, new DateOnly(2024, 2, 20)));
        Assert.Equal(new DateOnly(2025, 12, 31), await At(zone, 2025, new DateOnly(2026, 12, 5)));
        Assert.Equal(new DateOnly(2027, 1, 1), await At(zone, 2027, new DateOnly(2026, 12, 5)));
    }
}
