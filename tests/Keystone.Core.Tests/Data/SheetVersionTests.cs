using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Data;

/// <summary>
/// A factor sheet's version is the one token for the whole sheet: adding, changing or removing one of its
/// funds or emission lines moves it by one per save, as a change of the sheet's own columns does, so a save
/// made from a copy read before someone changed a line is refused.
/// </summary>
public class SheetVersionTests
{
    [Theory]
    [DatabaseData]
    public async Task ALineChange_MovesTheSheetsVersion_OncePerSave_AndAStaleCopyIsRefused(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.NewContext())
        {
            var zone = new OrgUnit("阳泉高新区", OrgUnitKind.Zone, new OrgUnit("阳泉市", OrgUnitKind.City, new OrgUnit("山西省", OrgUnitKind.Province, null)));
            var project = new Project(new ProjectCode("SHEET-1"), zone, new ProjectFacts { Name = "要素项目", Levels = ProjectLevels.Zone, Category = ProjectCategory.Industrial, TotalInvestment = new Money(1_000m) });
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            db.ProjectFactors.Add(new ProjectFactors(project.Id));
            await db.SaveChangesAsync();
        }

        async Task<int> VersionAsync()
        {
            await using var db = test.NewContext();
            return (await db.ProjectFactors.AsNoTracking().SingleAsync()).Version;
        }

        async Task EditAsync(Action<ProjectFactors> edit)
        {
            await using var db = test.NewContext();
            var sheet = await db.ProjectFactors.Include(f => f.Funds).Include(f => f.Emissions).SingleAsync();
            edit(sheet);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await VersionAsync());

        // A line added, two lines in one save, a line changed, the same values again (no change), a line removed.
        await EditAsync(s => s.RecordFunds(FundSource.SpecialBonds, new Money(100m), new Money(80m), new Money(10m)));
        Assert.Equal(2, await VersionAsync());
        await EditAsync(s =>
        {
            s.RecordEmission("二氧化硫", 5m, 1m);
            s.RecordFunds(FundSource.SpecialBonds, new Money(100m), new Money(80m), new Money(20m));
        });
        Assert.Equal(3, await VersionAsync());
        await EditAsync(s => s.RecordEmission("二氧化硫", 5m, 2m));
        Assert.Equal(4, await VersionAsync());
        await EditAsync(s => s.RecordEmission("二氧化硫", 5m, 2m));
        Assert.Equal(4, await VersionAsync());
        await EditAsync(s => s.RecordFunds(FundSource.SpecialBonds, Money.Zero, Money.Zero, Money.Zero));
        Assert.Equal(5, await VersionAsync());

        // Two copies read at version 5: the first changes a line, the second's land change is refused by the database.
        await using var first = test.NewContext();
        await using var second = test.NewContext();
        var one = await first.ProjectFactors.Include(f => f.Funds).Include(f => f.Emissions).SingleAsync();
        var two = await second.ProjectFactors.Include(f => f.Funds).Include(f => f.Emissions).SingleAsync();
        one.RecordEmission("二氧化硫", 6m, 2m);
        await first.SaveChangesAsync();
        two.RecordEmission("氮氧化物", 1m, 0m);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = test.NewContext();
        var stored = await check.ProjectFactors.AsNoTracking().Include(f => f.Emissions).SingleAsync();
        Assert.Equal(6, stored.Version);
        Assert.Equal(6m, Assert.Single(stored.Emissions).Needed);
    }
}
