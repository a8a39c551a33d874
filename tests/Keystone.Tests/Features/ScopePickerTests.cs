using Keystone.Components;
using Keystone.Core.Accounts;
using Keystone.Core.Units;

namespace Keystone.Tests.Features;

/// <summary>The desk's unit picker: every unit for a province's tree, the way down for the nation's thousands.</summary>
public class ScopePickerTests
{
    /// <summary>全国 (1), 31 provinces of 10 cities of 9 zones: 3,132 units.</summary>
    private static OrgTree Nation()
    {
        var units = new List<OrgUnitInfo> { new(1, "全国", OrgUnitKind.Nation, null) };
        var next = 2;
        for (var p = 1; p <= 31; p++)
        {
            var province = next++;
            units.Add(new(province, $"省{p:D2}", OrgUnitKind.Province, 1));
            for (var c = 1; c <= 10; c++)
            {
                var city = next++;
                units.Add(new(city, $"省{p:D2}市{c:D2}", OrgUnitKind.City, province));
                for (var z = 1; z <= 9; z++)
                {
                    units.Add(new(next++, $"省{p:D2}市{c:D2}开发区{z}", OrgUnitKind.Zone, city));
                }
            }
        }

        return new OrgTree(units);
    }

    [Fact]
    public void ForTheNation_ThePickerOffersTheWayDown_EachStepWithWhatIsBesideIt_AndTheScopesChildren()
    {
        var tree = Nation();
        var caller = new Caller("nation", Role.NationAdmin, 1);
        var zone = tree.Resolve("省02市03开发区4");
        var city = tree.Resolve("省02市03");

        var offered = Links.ScopeUnits(tree, caller, zone.Id).ToList();

        // 全国, its 31 provinces, 省02's 10 cities, 省02市03's 9 zones: 51, not 3,132.
        Assert.Equal(1 + 31 + 10 + 9, offered.Count);
        Assert.Contains(offered, o => o.Unit.Id == zone.Id && o.Depth == 3);
        Assert.All(offered, o => Assert.True(o.Unit.ParentId is null || o.Unit.ParentId == 1 || tree.IsWithin(o.Unit.Id, tree.Resolve("省02").Id)));
        Assert.Equal(tree.ChildrenOf(city.Id).Select(u => u.Id), offered.Where(o => o.Unit.ParentId == city.Id).Select(o => o.Unit.Id));

        // In the order of the whole list (depth first), so the indented picker reads as the tree does.
        var whole = Links.Units(tree, caller).Select(u => u.Unit.Id).ToList();
        Assert.Equal(offered.Select(o => o.Unit.Id).OrderBy(whole.IndexOf), offered.Select(o => o.Unit.Id));

        // At the top, the nation and its provinces.
        Assert.Equal(32, Links.ScopeUnits(tree, caller, 1).Count());
    }

    [Fact]
    public void ForAProvince_OrAScopeTheCallerCannotSee_ThePickerOffersEveryUnitTheCallerSees()
    {
        var tree = Nation();
        var province = tree.Resolve("省05");
        var caller = new Caller("province", Role.ProvinceAdmin, province.Id);

        // 101 units: few enough to list whole.
        Assert.Equal(tree.Subtree(province.Id).Count, Links.ScopeUnits(tree, caller, tree.Resolve("省05市01开发区1").Id).Count());
        Assert.Equal(Links.Units(tree, caller), Links.ScopeUnits(tree, caller, tree.Resolve("省05市01开发区1").Id));

        var nation = new Caller("nation", Role.NationAdmin, 1);
        Assert.Equal(Links.Units(tree, nation).Count(), Links.ScopeUnits(tree, nation, 99_999).Count());
    }
}
