using Keystone.Core.Units;

namespace Keystone.Core.Tests.Units;

public class OrgTreeTests
{
    private static readonly OrgTree Tree = new(
    [
        new(1, "山西省", OrgUnitKind.Province, null),
        new(2, "阳泉市", OrgUnitKind.City, 1),
        new(3, "阳泉高新区", OrgUnitKind.Zone, 2),
        new(4, "城区", OrgUnitKind.County, 2),
        new(5, "长治市", OrgUnitKind.City, 1),
        new(6, "城区", OrgUnitKind.County, 5),
    ]);

    [Fact]
    public void Subtree_IsTheUnitAndEverythingBelow()
    {
        Assert.Equal([2, 3, 4], Tree.Subtree(2).Order());
        Assert.Equal([1, 2, 3, 4, 5, 6], Tree.Subtree(1).Order());
        Assert.Equal([3], Tree.Subtree(3));
    }

    [Fact]
    public void IsWithin_FollowsParents()
    {
        Assert.True(Tree.IsWithin(3, 1));
        Assert.True(Tree.IsWithin(3, 3));
        Assert.False(Tree.IsWithin(3, 5));
    }

    [Theory]
    [InlineData("阳泉高新区", 3)]
    [InlineData("3", 3)]
    [InlineData("阳泉市/城区", 4)]
    [InlineData("山西省/长治市/城区", 6)]
    [InlineData(" 长治市/城区 ", 6)]
    public void Resolve_ByNameIdOrPath(string scope, int id)
    {
        Assert.Equal(id, Tree.Resolve(scope).Id);
    }

    [Fact]
    public void Resolve_RefusesAnAmbiguousName_NamingBothPaths()
    {
        var e = Assert.Throws<DomainException>(() => Tree.Resolve("城区"));
        Assert.Contains("山西省/阳泉市/城区", e.Text.Zh);
        Assert.Contains("山西省/长治市/城区", e.Text.Zh);
    }

    [Fact]
    public void Resolve_AmongTheCallersUnits_NeverNamesOrFindsAnotherUnit()
    {
        bool Yangquan(int id) => Tree.IsWithin(id, 2);
        Assert.Equal(4, Tree.Resolve("城区", Yangquan).Id);
        var e = Assert.Throws<NotFoundException>(() => Tree.Resolve("长治市/城区", Yangquan));
        Assert.DoesNotContain("山西省", e.Text.Zh);
        Assert.Throws<NotFoundException>(() => Tree.Resolve("6", Yangquan));
    }

    [Fact]
    public void Resolve_SaysWhenNothingMatches()
    {
        var e = Assert.Throws<NotFoundException>(() => Tree.Resolve("太原市"));
        Assert.Contains("太原市", e.Text.Zh);
    }

    [Fact]
    public void PathOf_NamesEveryAncestor()
    {
        Assert.Equal("山西省/阳泉市/阳泉高新区", Tree.PathOf(3));
    }

    [Theory]
    [InlineData("阳泉高新区", OrgUnitKind.Zone)]
    [InlineData("古县经济技术开发区", OrgUnitKind.Zone)]
    [InlineData("山西转型综改示范区潇河新兴产业园区", OrgUnitKind.Zone)]
    [InlineData("新荣区", OrgUnitKind.County)]
    [InlineData("古县", OrgUnitKind.County)]
    public void LocalKind_IsGuessedFromTheName(string name, OrgUnitKind kind)
    {
        Assert.Equal(kind, OrgUnit.GuessLocalKind(name));
    }

    [Fact]
    public void Units_SitOnlyWhereTheyBelong()
    {
        var province = new OrgUnit("山西省", OrgUnitKind.Province, null);
        Assert.Throws<DomainException>(() => new OrgUnit("x", OrgUnitKind.Province, province));
        Assert.Throws<DomainException>(() => new OrgUnit("x", OrgUnitKind.City, null));
        var zone = new OrgUnit("阳泉高新区", OrgUnitKind.Zone, province);
        Assert.Throws<DomainException>(() => new OrgUnit("x", OrgUnitKind.County, zone));
    }
}
