using Keystone.Core.Data;
using Keystone.Core.Enterprises;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Projects;
using Keystone.Core.Promotion;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Enterprises;

/// <summary>
/// An enterprise's industry chain and link are one fact: its member row on the promotion area's chain map. The demo's
/// 阳泉高新区 has the chain 第三代半导体 (材料—装备—芯片—封装—应用; 装备, 芯片, 封装 and 应用 are gaps) and registers
/// 阳泉东区智慧有限公司, which is on no chain.
/// </summary>
public class EnterpriseChainsTests
{
    public const string ZoneUscc = "91140300CBPRNJHCCN"; // 阳泉东区智慧有限公司, 阳泉高新区's
    public const string GuxianUscc = "91141000BFR805D5AL"; // 古县2024有限公司: 古县 has no chains
    public const string Chain = "第三代半导体";

    public static async Task<bool> SetAsync(TestDatabase db, string uscc, string? chain, string? link, bool? chainLeader = null)
    {
        await using var c = db.NewContext();
        var key = new Uscc(uscc);
        var e = await c.Enterprises.SingleAsync(x => x.Uscc == key);
        if (chainLeader is { } leader)
        {
            e.Describe(e.Profile with { ChainLeader = leader });
        }

        var changed = await EnterpriseChains.SetAsync(c, e, chain, link);
        await c.SaveChangesAsync();
        return changed;
    }

    public static async Task<ChainMap> MapAsync(TestDatabase db)
    {
        await using var c = db.NewContext();
        var chain = await c.PromotionChains.AsNoTracking().Include(x => x.Links).ThenInclude(l => l.Members).AsSplitQuery().SingleAsync(x => x.Name == Chain);
        return ChainMap.Of(chain, [], []);
    }

    public static async Task<Enterprise> FindAsync(TestDatabase db, string uscc)
    {
        await using var c = db.NewContext();
        var key = new Uscc(uscc);
        return await c.Enterprises.AsNoTracking().SingleAsync(e => e.Uscc == key);
    }

    public static async Task<ChainPlace?> PlaceAsync(TestDatabase db, string uscc)
    {
        var e = await FindAsync(db, uscc);
        await using var c = db.NewContext();
        return await EnterpriseChains.PlaceAsync(c, e.Id);
    }

    private static async Task<int> MemberRowsAsync(TestDatabase db, int enterpriseId)
    {
        await using var c = db.NewContext();
        return await c.Set<ChainMember>().CountAsync(m => m.EnterpriseId == enterpriseId);
    }

    private static ChainMapLink Link(ChainMap map, string name) => map.Links.Single(l => l.Name == name);

    [Theory]
    [DatabaseData]
    public async Task SettingChainAndLink_PutsTheEnterpriseOnThatLinkOfTheChainMap_AndTheGapCloses(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var before = await FindAsync(db, ZoneUscc);
        Assert.Equal(["装备", "芯片", "封装", "应用"], (await MapAsync(db)).Gaps.Select(g => g.Name));

        Assert.True(await SetAsync(db, ZoneUscc, " 第三代半导体 ", "装备"));

        var map = await MapAsync(db);
        Assert.Equal(["芯片", "封装", "应用"], map.Gaps.Select(g => g.Name));
        var member = Assert.Single(Link(map, "装备").Members);
        Assert.Equal(("阳泉东区智慧有限公司", before.Id, false), (member.Name, member.EnterpriseId!.Value, member.IsChainLeader));
        Assert.Equal(new ChainPlace(Chain, "装备"), await PlaceAsync(db, ZoneUscc));
        Assert.Equal(before.Version + 1, (await FindAsync(db, ZoneUscc)).Version); // a change of place is a change of the record
    }

    [Theory]
    [DatabaseData]
    public async Task Moving_TakesTheOneMemberRowToTheNewLink_AndSettingTheSamePlaceChangesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SetAsync(db, ZoneUscc, Chain, "装备");
        var id = (await FindAsync(db, ZoneUscc)).Id;

        Assert.True(await SetAsync(db, ZoneUscc, Chain, "芯片"));

        var map = await MapAsync(db);
        Assert.True(Link(map, "装备").IsGap);
        Assert.Equal(id, Assert.Single(Link(map, "芯片").Members).EnterpriseId);
        Assert.Equal(1, await MemberRowsAsync(db, id));
        var version = (await FindAsync(db, ZoneUscc)).Version;
        Assert.False(await SetAsync(db, ZoneUscc, Chain, "芯片"));
        Assert.Equal(version, (await FindAsync(db, ZoneUscc)).Version);
    }

    [Theory]
    [DatabaseData]
    public async Task ClearingTheChain_RemovesTheMemberRow_AndTheGapOpensAgain(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SetAsync(db, ZoneUscc, Chain, "封装");
        var id = (await FindAsync(db, ZoneUscc)).Id;

        Assert.True(await SetAsync(db, ZoneUscc, "", null));

        Assert.Null(await PlaceAsync(db, ZoneUscc));
        Assert.Equal(0, await MemberRowsAsync(db, id));
        Assert.Equal(["装备", "芯片", "封装", "应用"], (await MapAsync(db)).Gaps.Select(g => g.Name));
        Assert.Equal(2, Link(await MapAsync(db), "材料").Members.Count); // the chain's other members stay
    }

    [Theory]
    [DatabaseData]
    public async Task AnUnknownChainOrALinkNotOnIt_IsRefused_NamingTheValueAndTheChoices_AndNothingChanges(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SetAsync(db, ZoneUscc, Chain, "装备");
        var version = (await FindAsync(db, ZoneUscc)).Version;

        var chain = await Assert.ThrowsAsync<DomainException>(() => SetAsync(db, ZoneUscc, "新能源", "电池"));
        Assert.Equal("chain", chain.Field);
        Assert.Equal("找不到产业链“新能源”：企业的登记单位有 第三代半导体", chain.Text.Zh);
        Assert.Contains("\"新能源\"", chain.Text.En, StringComparison.Ordinal);

        var link = await Assert.ThrowsAsync<DomainException>(() => SetAsync(db, ZoneUscc, Chain, "电池"));
        Assert.Equal("link", link.Field);
        Assert.Equal("产业链“第三代半导体”没有环节“电池”：可选 材料、装备、芯片、封装、应用", link.Text.Zh);
        Assert.Equal("The chain \"第三代半导体\" has no link \"电池\": choose 材料, 装备, 芯片, 封装, 应用", link.Text.En);

        Assert.Equal("chain", (await Assert.ThrowsAsync<DomainException>(() => SetAsync(db, ZoneUscc, null, "芯片"))).Field);
        Assert.Equal("link", (await Assert.ThrowsAsync<DomainException>(() => SetAsync(db, ZoneUscc, Chain, " "))).Field);
        var none = await Assert.ThrowsAsync<DomainException>(() => SetAsync(db, GuxianUscc, Chain, "装备"));
        Assert.Contains("尚未建立产业链", none.Text.Zh, StringComparison.Ordinal);

        Assert.Equal(new ChainPlace(Chain, "装备"), await PlaceAsync(db, ZoneUscc));
        Assert.Equal(version, (await FindAsync(db, ZoneUscc)).Version);
        Assert.Null(await PlaceAsync(db, GuxianUscc));
    }

    [Theory]
    [DatabaseData]
    public async Task TheDatabaseHoldsOneMemberRowPerRegisteredEnterprise_ButAnyNumberListedByName(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SetAsync(db, ZoneUscc, Chain, "装备");
        var id = (await FindAsync(db, ZoneUscc)).Id;

        await using (var c = db.NewContext())
        {
            var chain = await c.PromotionChains.Include(x => x.Links).ThenInclude(l => l.Members).SingleAsync(x => x.Name == Chain);
            chain.AddMember("芯片", "某芯片企业", null, chainLeader: false);
            chain.AddMember("封装", "某封装企业", null, chainLeader: false);
            await c.SaveChangesAsync(); // by name, with no registered enterprise: as many as the links list
        }

        await using (var c = db.NewContext())
        {
            var chain = await c.PromotionChains.Include(x => x.Links).ThenInclude(l => l.Members).SingleAsync(x => x.Name == Chain);
            chain.AddMember("应用", "阳泉东区智慧有限公司", id, chainLeader: false);
            await Assert.ThrowsAsync<DbUpdateException>(() => c.SaveChangesAsync());
        }

        Assert.Equal(1, await MemberRowsAsync(db, id));
    }

    [Theory]
    [DatabaseData]
    public async Task TheMembersChainLeaderMark_FollowsTheRegister(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SetAsync(db, ZoneUscc, Chain, "装备", chainLeader: true);
        Assert.True(Assert.Single(Link(await MapAsync(db), "装备").Members).IsChainLeader);

        await SetAsync(db, ZoneUscc, Chain, "装备", chainLeader: false);
        Assert.False(Assert.Single(Link(await MapAsync(db), "装备").Members).IsChainLeader);
        Assert.False((await FindAsync(db, ZoneUscc)).ChainLeader);
    }
}
