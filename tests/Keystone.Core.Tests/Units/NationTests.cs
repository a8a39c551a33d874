using Keystone.Core.Accounts;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Ledger;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Units;

/// <summary>
/// The nation (全国) as one unit above the provinces of a national deployment: where it may sit, who may sit at it,
/// its desk's figures, rankings and briefing, and a ledger that names a new province. Hand-made, as of 2024-04-10:
/// 甲省 (甲市, 甲高新区): A (new, started 03-01), B (new, not started), C (continuing, resumed 02-01); 乙省 (乙市,
/// 乙经开区): D (new, started 03-15), E (continuing, resumed 01-20). 甲省's overall start rate is 2 of 3 (66.7%), 乙省's
/// 2 of 2 (100%); the nation's 4 of 5 (80%).
/// </summary>
public class NationTests
{
    private static readonly DateOnly AsOf = new(2024, 4, 10);

    private static async Task<OrgTree> SeedAsync(AppDbContext db)
    {
        var nation = new OrgUnit("全国", OrgUnitKind.Nation, null);
        var jia = new OrgUnit("甲省", OrgUnitKind.Province, nation);
        var yi = new OrgUnit("乙省", OrgUnitKind.Province, nation);
        var jiaCity = new OrgUnit("甲市", OrgUnitKind.City, jia);
        var yiCity = new OrgUnit("乙市", OrgUnitKind.City, yi);
        var jiaZone = new OrgUnit("甲高新区", OrgUnitKind.Zone, jiaCity);
        var yiZone = new OrgUnit("乙经开区", OrgUnitKind.Zone, yiCity);
        db.OrgUnits.AddRange(nation, jia, yi, jiaCity, yiCity, jiaZone, yiZone);
        await db.SaveChangesAsync();

        void Add(string code, OrgUnit unit, Nature nature, DateOnly? start)
        {
            var p = new Project(new ProjectCode(code), unit, new ProjectFacts { Name = code + "项目", Levels = ProjectLevels.Provincial, Category = ProjectCategory.Industrial, TotalInvestment = new Money(10_000) });
            p.Plan(2024, new PlanEntry { Nature = nature, PlannedInvestment = new Money(1_000), StartDate = start });
            db.Projects.Add(p);
        }

        Add("A", jiaZone, Nature.New, new(2024, 3, 1));
        Add("B", jiaZone, Nature.New, null);
        Add("C", jiaZone, Nature.Continuing, new(2024, 2, 1));
        Add("D", yiZone, Nature.New, new(2024, 3, 15));
        Add("E", yiZone, Nature.Continuing, new(2024, 1, 20));
        await db.SaveChangesAsync();
        return await db.LoadTreeAsync();
    }

    [Fact]
    public void TheNation_SitsAtTheTop_AndAProvinceAtTheTopOrUnderIt_NothingElseUnderIt()
    {
        var nation = new OrgUnit("全国", OrgUnitKind.Nation, null);
        var province = new OrgUnit("山西省", OrgUnitKind.Province, nation);
        _ = new OrgUnit("河北省", OrgUnitKind.Province, null);

        var nested = Assert.Throws<DomainException>(() => new OrgUnit("全国", OrgUnitKind.Nation, province));
        Assert.Equal("全国不能设在省之下", nested.Text.Zh);
        Assert.Throws<DomainException>(() => new OrgUnit("阳泉市", OrgUnitKind.City, nation));
        Assert.Throws<DomainException>(() => new OrgUnit("阳泉高新区", OrgUnitKind.Zone, nation));
    }

    [Theory]
    [DatabaseData]
    public async Task TheNationsDesk_CountsEveryProvince_RanksThem_AndEachProvinceStandsAmongThem(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var tree = await SeedAsync(db);
        var nation = tree.Resolve("全国");

        // The kept sums of the nation's unit are the plain computation over every row below it.
        var kept = await ScopeDesk.FiguresAsync(db, tree, nation, 2024, AsOf);
        var plain = await ScopeDesk.PlainFiguresAsync(db, tree, nation, 2024, AsOf);
        Assert.Equal(plain.Figures, kept.Figures);
        Assert.Equal((5, 4, 80m), (kept.Figures.Planned, kept.Figures.Started, kept.Figures.OverallStartRate?.Rounded));

        var briefing = (await ScopeDesk.BriefingAsync(db, tree, nation, 2024, AsOf)).Briefing;
        var rankings = Assert.Single(briefing.Sections, s => s.Kind == BriefingSectionKind.Rankings).Text;
        Assert.StartsWith("分省份看，总开工率由高到低依次为：乙省（100%）、甲省（66.7%）。", rankings);
        Assert.StartsWith("今年，全国谋划实施项目5个", briefing.Sections[0].Text, StringComparison.Ordinal);

        // A province stands among the nation's provinces as the nation's ranking ranks it; the nation stands among none.
        Assert.Equal("在全国2个省中，总开工率列第2位。", (await ScopeDesk.StandingAsync(db, tree, tree.Resolve("甲省"), 2024, AsOf))!.Text);
        Assert.Equal(
            await ScopeDesk.PlainStandingAsync(db, tree, tree.Resolve("乙省"), 2024, AsOf),
            await ScopeDesk.StandingAsync(db, tree, tree.Resolve("乙省"), 2024, AsOf));
        Assert.Null(await ScopeDesk.StandingAsync(db, tree, nation, 2024, AsOf));
        Assert.EndsWith("在全国2个省中，总开工率列第1位。", (await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("乙省"), 2024, AsOf)).Briefing.Sections[0].Text);
    }

    [Theory]
    [DatabaseData]
    public async Task OnlyTheNationsAdministrator_SitsAtTheNation(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var tree = await SeedAsync(db);
        var now = TestDatabase.DemoDay;

        var admin = await Keystone.Core.Accounts.Accounts.AddAsync(db, tree, "nation-admin", Keystone.Core.Accounts.Accounts.ParseRole("全国管理员"), "全国", "a-long-secret-1", now);
        Assert.Equal((Role.NationAdmin, tree.Resolve("全国").Id), (admin.Role, admin.OrgUnitId));

        var province = await Assert.ThrowsAsync<DomainException>(() => Keystone.Core.Accounts.Accounts.AddAsync(db, tree, "prov-admin", Role.ProvinceAdmin, "全国", "a-long-secret-1", now));
        Assert.Equal("角色省级管理员不能设在全国“全国”", province.Text.Zh);
        await Assert.ThrowsAsync<DomainException>(() => Keystone.Core.Accounts.Accounts.AddAsync(db, tree, "nation-2", Role.NationAdmin, "甲省", "a-long-secret-1", now));
        await Assert.ThrowsAsync<DomainException>(() => Keystone.Core.Accounts.Accounts.AddAsync(db, tree, "zone-1", Role.ZoneOfficer, "全国", "a-long-secret-1", now));
        Assert.Equal(["nation-admin"], await db.Users.Select(u => u.UserName).ToListAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task ALedgerNamingANewProvince_CreatesItUnderTheNation(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.NewContext())
        {
            await SeedAsync(db);
        }

        var ledger = TestLedger.Standard().Add(TestLedger.Project("NEW-1", "新省项目", "丙高新区", "丙市"));
        await using (var db = test.NewContext())
        {
            var result = await new LedgerImporter(db, new FakeTimeProvider(TestDatabase.DemoDay)).ImportAsync(ledger.Xlsx(), new LedgerImportOptions { Year = 2024, Province = "丙省" });
            Assert.True(result.Applied, string.Join("\n", result.Problems));
        }

        await using var check = test.NewContext();
        var tree = await check.LoadTreeAsync();
        Assert.Equal(["全国/丙省/丙市/丙高新区"], [tree.PathOf(tree.Resolve("丙高新区").Id)]);
        Assert.Equal([tree.Resolve("全国").Id], tree.Roots.Select(r => r.Id));

        // A ledger of a province that is there goes under it, not under a second one.
        await using (var db = test.NewContext())
        {
            var again = TestLedger.Standard().Add(TestLedger.Project("JIA-9", "甲省新项目", "甲高新区", "甲市"));
            var result = await new LedgerImporter(db, new FakeTimeProvider(TestDatabase.DemoDay)).ImportAsync(again.Xlsx(), new LedgerImportOptions { Year = 2024, Province = "甲省" });
            Assert.True(result.Applied, string.Join("\n", result.Problems));
        }

        await using var after = test.NewContext();
        Assert.Equal(10, await after.OrgUnits.CountAsync());
        var zone = (await after.LoadTreeAsync()).Resolve("甲高新区");
        Assert.Equal(zone.Id, await after.Projects.Where(p => p.Code == "JIA-9").Select(p => p.OrgUnitId).SingleAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task AProvincesUsersImport_NamesItsOwnProvincesCities_AndCreatesNewOnesThere(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        int yiId;
        await using (var db = test.NewContext())
        {
            yiId = (await SeedAsync(db)).Resolve("乙省").Id;
        }

        // 乙省's user imports a ledger naming 乙市 (there) and 乙新市 (new): both under 乙省, not the default province.
        var ledger = TestLedger.Standard()
            .Add(TestLedger.Project("YI-1", "乙市新项目", "乙经开区", "乙市"))
            .Add(TestLedger.Project("YI-2", "乙新市项目", "乙新区", "乙新市"));
        await using (var db = test.NewContext())
        {
            var result = await new LedgerImporter(db, new FakeTimeProvider(TestDatabase.DemoDay))
                .ImportAsync(ledger.Xlsx(), new LedgerImportOptions { Year = 2024, ScopeUnitId = yiId, By = "yi" });
            Assert.True(result.Applied, string.Join("\n", result.Problems));
        }

        await using var check = test.NewContext();
        var tree = await check.LoadTreeAsync();
        Assert.Equal("全国/乙省/乙新市/乙新区", tree.PathOf(tree.Resolve("乙新区").Id));
        Assert.Equal(tree.Resolve("乙经开区").Id, await check.Projects.Where(p => p.Code == "YI-1").Select(p => p.OrgUnitId).SingleAsync());
        Assert.Equal(["乙省", "甲省"], tree.ChildrenOf(tree.Resolve("全国").Id).Select(u => u.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARankingOfProvinces_IsAskedForByName()
    {
        Assert.Equal(OrgUnitKind.Province, Ranking.ParseKind("省"));
        Assert.Equal(OrgUnitKind.Province, Ranking.ParseKind("provinces"));
    }
}
