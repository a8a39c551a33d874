using Keystone.Core.Data;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Data;

/// <summary>
/// A save finds what changed once: the version bump, the audit log and EF's own save all read the same
/// detection, so an import's thousands of tracked rows are scanned once — and an edit made on a loaded
/// record, with nothing telling EF about it, is still saved, versioned and logged.
/// </summary>
public class SaveDetectionTests
{
    [Theory]
    [DatabaseData]
    public async Task ASave_DetectsChangesOnce_AndStillSavesVersionsAndLogsAPlainEdit(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        int version;
        await using (var db = test.NewContext())
        {
            var zone = new OrgUnit("阳泉高新区", OrgUnitKind.Zone, new OrgUnit("阳泉市", OrgUnitKind.City, new OrgUnit("山西省", OrgUnitKind.Province, null)));
            var project = new Project(new ProjectCode("DET-1"), zone, new ProjectFacts { Name = "检测项目", Levels = ProjectLevels.Zone, Category = ProjectCategory.Industrial, TotalInvestment = new Money(1_000m) });
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            version = project.Version;
        }

        await using (var db = test.NewContext())
        {
            db.Actor = "detector";
            var project = await db.Projects.SingleAsync(p => p.Code == "DET-1");
            project.Revise(project.Facts with { Name = "改名后的检测项目" }, null);
            var scans = 0;
            db.ChangeTracker.DetectingAllChanges += (_, _) => scans++;

            await db.SaveChangesAsync();

            Assert.Equal(1, scans);
            Assert.True(db.ChangeTracker.AutoDetectChangesEnabled, "the save leaves change detection as it found it");
        }

        await using (var db = test.NewContext())
        {
            var stored = await db.Projects.AsNoTracking().SingleAsync(p => p.Code == "DET-1");
            Assert.Equal("改名后的检测项目", stored.Name);
            Assert.Equal(version + 1, stored.Version);
            var logged = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Entity == "project" && a.EntityKey == "DET-1" && a.Action == "updated");
            Assert.Equal("detector", logged.Actor);
            Assert.Contains("改名后的检测项目", logged.After, StringComparison.Ordinal);
            Assert.Contains("检测项目", logged.Before, StringComparison.Ordinal);
        }
    }
}
