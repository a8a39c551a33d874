namespace Keystone.Core.Units;

public enum OrgUnitKind
{
    Province,
    City,
    Zone,
    County,

    /// <summary>全国: the one unit above the provinces of a national deployment, whose desk ranks them (optional).</summary>
    Nation,
}

/// <summary>
/// An org unit: the nation (optional, above the provinces), a province, a city, or a zone/county under a city. Data belongs to a unit; a user sees
/// its own unit and the units below it, never a sibling's. A name is unique among its siblings.
/// </summary>
public sealed class OrgUnit
{
    public const int MaxNameLength = 100;

    public OrgUnit(string name, OrgUnitKind kind, OrgUnit? parent)
    {
        Name = CheckName(name);
        CheckPlacement(kind, parent?.Kind);
        Kind = kind;
        Parent = parent;
    }

    private OrgUnit()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public OrgUnitKind Kind { get; private set; }

    public int? ParentId { get; private set; }

    public OrgUnit? Parent { get; private set; }

    public void Rename(string name) => Name = CheckName(name);

    /// <summary>Puts a province at the top under the nation (a deployment that grows from provincial to national).</summary>
    public void PlaceUnder(OrgUnit nation)
    {
        ArgumentNullException.ThrowIfNull(nation);
        if (Kind != OrgUnitKind.Province || ParentId is not null || Parent is not null || nation.Kind != OrgUnitKind.Nation)
        {
            throw new DomainException(
                new($"只有顶层的省可以放在全国之下，“{Name}”不是", $"Only a province at the top can go under the nation; \"{Name}\" is not one"), "parent");
        }

        Parent = nation;
    }

    /// <summary>The kind a unit named like this has: 开发区/高新区/园区/示范区 are zones, 县/区/市 below a city are counties.</summary>
    public static OrgUnitKind GuessLocalKind(string name)
    {
        string[] zoneMarks = ["开发区", "高新区", "园区", "示范区", "经开区", "综改区", "新区", "产业园", "工业区", "高新技术"];
        return zoneMarks.Any(m => name.Contains(m, StringComparison.Ordinal)) ? OrgUnitKind.Zone : OrgUnitKind.County;
    }

    public static string KindName(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Province => "省",
        OrgUnitKind.City => "市",
        OrgUnitKind.Zone => "开发区",
        OrgUnitKind.County => "县区",
        OrgUnitKind.Nation => "全国",
    };

    private static string CheckName(string name)
    {
        var n = (name ?? "").Trim();
        if (n.Length == 0)
        {
            throw new DomainException(new("单位名称不能为空", "The unit name is required"), "name");
        }

        if (n.Length > MaxNameLength || n.Contains('/'))
        {
            throw new DomainException(
                new($"单位名称“{n}”过长或含有“/”", $"The unit name \"{n}\" is too long or contains '/'"), "name");
        }

        return n;
    }

    private static void CheckPlacement(OrgUnitKind kind, OrgUnitKind? parent)
    {
        var ok = (kind, parent) switch
        {
            (OrgUnitKind.Nation, null) => true,
            (OrgUnitKind.Province, null or OrgUnitKind.Nation) => true,
            (OrgUnitKind.City, OrgUnitKind.Province) => true,
            (OrgUnitKind.Zone or OrgUnitKind.County, OrgUnitKind.City or OrgUnitKind.Province) => true,
            _ => false,
        };
        if (!ok)
        {
            throw new DomainException(
                new($"{KindName(kind)}不能设在{(parent is { } p ? KindName(p) : "顶层")}之下",
                    $"A {kind} cannot sit under {(parent is { } q ? "a " + q : "the top")}"),
                "parent");
        }
    }
}
