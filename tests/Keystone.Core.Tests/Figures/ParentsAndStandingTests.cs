using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Figures;

/// <summary>
/// Parent projects counted once, rankings of one kind across cities, and a scope's standing, on a small hand-made
/// province (both databases). As of 2024-04-10, year 2024:
/// 甲高新区 (甲市): X (parent, no start) with parts X1 (new, started 03-01, 6000/1200) and X2 (new, not started,
/// 4000/800); Y (new, started 02-01, 1000/100); V (continuing, resumed 01-15, 3000/300) whose only part V1 is not in
/// the 2024 plan. 甲经开区 (甲市): Z (new, started 03-01, 500/50). 乙高新区 (乙市): W (new, not started, 200/20).
/// </summary>
public class ParentsAndStandingTests
{
    private static readonly DateOnly AsOf = new(2024, 4, 10);

    private static async Task<OrgTree> SeedAsync(AppDbContext db)
    {
        var province = new OrgUnit("山西省", OrgUnitKind.Province, null);
        var jia = new OrgUnit("甲市", OrgUnitKind.City, province);
        var yi = new OrgUnit("乙市", OrgUnitKind.City, province);
        var jiaHigh = new OrgUnit("甲高新区", OrgUnitKind.Zone, jia);
        var jiaEcon = new OrgUnit("甲经开区", OrgUnitKind.Zone, jia);
        var yiHigh = new OrgUnit("乙高新区", OrgUnitKind.Zone, yi);
        db.OrgUnits.AddRange(province, jia, yi, jiaHigh, jiaEcon, yiHigh);
        await db.SaveChangesAsync();

        Project Add(string code, OrgUnit unit, decimal total, Nature? nature = null, decimal planned = 0, DateOnly? start = null)
        {
            var p = new Project(new ProjectCode(code), unit, new ProjectFacts { Name = code + "项目", Levels = ProjectLevels.Zone, Category = ProjectCategory.Industrial, TotalInvestment = new Money(total) });
            if (nature is { } n)
            {
                p.Plan(2024, new PlanEntry { Nature = n, PlannedInvestment = new Money(planned), StartDate = start });
            }

            db.Projects.Add(p);
            return p;
        }

        var x = Add("X", jiaHigh, 10_000, Nature.New, 2_000);
        Add("X1", jiaHigh, 6_000, Nature.New, 1_200, new(2024, 3, 1)).SetParent(x, hasParts: false);
        Add("X2", jiaHigh, 4_000, Nature.New, 800).SetParent(x, hasParts: false);
        Add("Y", jiaHigh, 1_000, Nature.New, 100, new(2024, 2, 1));
        var v = Add("V", jiaHigh, 3_000, Nature.Continuing, 300, new(2024, 1, 15));
        Add("V1", jiaHigh, 1_000).SetParent(v, hasParts: false);
        Add("Z", jiaEcon, 500, Nature.New, 50, new(2024, 3, 1));
        Add("W", yiHigh, 200, Nature.New, 20);
        await db.SaveChangesAsync();
        return new OrgTree(await db.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task TheFigures_CountTheParts_AndAParentOnlyWhenNoneOfItsPartsIsPlanned(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var tree = await SeedAsync(db);
        var f = (await ScopeDesk.FiguresAsync(db, tree, tree.Resolve("甲高新区"), 2024, AsOf)).Figures;

        // X1, X2, Y and V (V1 is not planned, so V counts itself); X is left out for its parts.
        Assert.Equal((4, 1, 3, 1, 2, 3), (f.Planned, f.Continuing, f.New, f.Resumed, f.NewlyStarted, f.Started));
        Assert.Equal((new Money(14_000), new Money(2_400)), (f.TotalInvestment, f.AnnualPlan));
        Assert.Equal((75m, 66.7m), (f.OverallStartRate!.Value.Rounded, f.StartRate!.Value.Rounded));

        var province = (await ScopeDesk.FiguresAsync(db, tree, tree.Resolve("山西省"), 2024, AsOf)).Figures;
        Assert.Equal((6, new Money(14_700)), (province.Planned, province.TotalInvestment));
    }

    [Theory]
    [DatabaseData]
    public async Task TheLedgerList_ListsTheSameProjectsTheFiguresCount(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var tree = await SeedAsync(db);
        var (items, total) = await ProjectList.PageAsync(db, db.Projects, new ProjectListQuery { Year = 2024, UnitIds = [tree.Resolve("甲高新区").Id] }, 0, 100);
        Assert.Equal(4, total);
        Assert.Equal(["V", "X1", "X2", "Y"], items.Select(i => i.Code).Order(StringComparer.Ordinal));
    }

    [Theory]
    [DatabaseData]
    public async Task TheProvince_RanksItsZonesAcrossCities_AndByDefaultItsCities(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var tree = await SeedAsync(db);
        var province = tree.Resolve("山西省");
        var rows = (await ScopeDesk.RowsAsync(db, tree, province, 2024, AsOf)).Rows;
        IReadOnlyList<(string, int, decimal?)> Ranked(OrgUnitKind? kind)
        {
            var groups = Ranking.Groups(tree, province.Id, kind);
            return FiguresEngine.ByUnit(rows, 2024, AsOf, id => groups.TryGetValue(id, out var g) ? g : null)
                .OrderBy(u => u.OverallStartRateRank).Select(u => (tree[u.UnitId].Name, u.OverallStartRateRank, u.Figures.OverallStartRate?.Rounded)).ToList();
        }

        // 甲经开区 1 of 1, 甲高新区 3 of 4, 乙高新区 0 of 1.
        Assert.Equal([("甲经开区", 1, 100m), ("甲高新区", 2, 75m), ("乙高新区", 3, 0m)], Ranked(OrgUnitKind.Zone));
        // 甲市 4 of 5, 乙市 0 of 1.
        Assert.Equal([("甲市", 1, 80m), ("乙市", 2, 0m)], Ranked(null));
        Assert.Empty(Ranked(OrgUnitKind.County));
    }

    [Theory]
    [DatabaseData]
    public async Task AZonesStanding_IsItsRankAmongItsCitysZones(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var tree = await SeedAsync(db);
        var zone = tree.Resolve("甲高新区");
        var standing = await ScopeDesk.StandingAsync(db, tree, zone, 2024, AsOf);
        Assert.NotNull(standing);
        Assert.Equal(("甲市", 2, 2, (int?)null), (standing.Among, standing.Peers, standing.OverallStartRateRank, standing.CompletionRateRank));
        Assert.Equal("在全市2个开发区中，总开工率列第2位。", standing.Text);

        var briefing = (await ScopeDesk.BriefingAsync(db, tree, zone, 2024, AsOf)).Briefing;
        Assert.EndsWith("在全市2个开发区中，总开工率列第2位。", briefing.Sections[0].Text);

        // A city stands among the province's cities; the only zone of 乙市 and the province have no peers.
        Assert.Equal("在全省2个市中，总开工率列第1位。", (await ScopeDesk.StandingAsync(db, tree, tree.Resolve("甲市"), 2024, AsOf))!.Text);
        Assert.Null(await ScopeDesk.StandingAsync(db, tree, tree.Resolve("山西省"), 2024, AsOf));
    }

    [Theory]
    [DatabaseData]
    public async Task AParent_IsOneLevelDeep_InItsPartsUnit(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        await SeedAsync(db);
        var byCode = await db.Projects.Include(p => p.Parent).ToDictionaryAsync(p => p.Code);
        Assert.Equal("X", byCode["X1"].Parent!.Code);

        var deeper = Assert.Throws<DomainException>(() => byCode["Y"].SetParent(byCode["X1"], hasParts: false));
        Assert.Contains("只分一级", deeper.Text.Zh);
        var hasParts = Assert.Throws<DomainException>(() => byCode["X"].SetParent(byCode["Y"], hasParts: true));
        Assert.Contains("已有子项目", hasParts.Text.Zh);
        var elsewhere = Assert.Throws<DomainException>(() => byCode["Z"].SetParent(byCode["Y"], hasParts: false));
        Assert.Contains("属于其他单位", elsewhere.Text.Zh);
        Assert.Throws<DomainException>(() => byCode["Y"].SetParent(byCode["Y"], hasParts: false));
        Assert.Equal(0, db.ChangeTracker.Entries().Count(e => e.State == EntityState.Modified));
    }
}

/// <summary>The standing's sentence and the kind option, without a database.</summary>
public class StandingTests
{
    [Fact]
    public void TheSentence_NamesTheCompletionRankOnlyOnceSomeoneHasReported()
    {
        Assert.Equal("在全市5个开发区中，总开工率列第3位，投资完成率列第2位。", new Standing("阳泉市", OrgUnitKind.City, OrgUnitKind.Zone, 5, 3, 2, 1).Text);
        Assert.Equal("在全省11个市中，总开工率列第1位。", new Standing("山西省", OrgUnitKind.Province, OrgUnitKind.City, 11, 1, null, null).Text);
        Assert.Equal("在全市4个县区中，总开工率列第4位。", new Standing("阳泉市", OrgUnitKind.City, OrgUnitKind.County, 4, 4, null, null).Text);
    }

    [Fact]
    public void AKind_IsReadInEnglishOrChinese_AndAnythingElseIsRefused()
    {
        Assert.Equal(OrgUnitKind.Zone, Ranking.ParseKind("zone"));
        Assert.Equal(OrgUnitKind.County, Ranking.ParseKind("县区"));
        Assert.Equal(OrgUnitKind.City, Ranking.ParseKind(" City "));
        Assert.Null(Ranking.ParseKind(null));
        var e = Assert.Throws<DomainException>(() => Ranking.ParseKind("village"));
        Assert.Equal("kind", e.Field);
    }

    [Fact]
    public void CountOnce_DropsAParentWhosePartsAreThere()
    {
        var rows = new[] { Rows.Plan(1), Rows.Plan(2) with { ParentId = 1 }, Rows.Plan(3), Rows.Plan(4) with { ParentId = 9 } };
        Assert.Equal([2, 3, 4], FiguresEngine.CountOnce(rows).Select(r => r.ProjectId));
    }
}
