using Keystone.Core.Units;

namespace Keystone.Core.Projects;

/// <summary>
/// An enterprise (企业), identified by its 统一社会信用代码. Several units' projects may share one enterprise;
/// it is owned by the unit that registered it (<see cref="OwnerUnitId"/>), and only that unit, or one above
/// it, changes the record. Other units link their projects to it when they may see its owner (or the owner
/// is above them: a city's or the province's enterprise is shared downward), and propose changes to it
/// (<see cref="Enterprises.EnterpriseProposal"/>).
/// </summary>
public sealed class Enterprise
{
    public const int MaxNameLength = 200;

    public Enterprise(Uscc uscc, string name, OrgUnit owner)
    {
        Uscc = uscc;
        Name = CheckName(name);
        OwnerUnit = owner;
        OwnerUnitId = owner.Id;
    }

    private Enterprise()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public Uscc Uscc { get; private set; }

    public string Name { get; private set; }

    /// <summary>The unit that registered the enterprise and keeps its record.</summary>
    public int OwnerUnitId { get; private set; }

    public OrgUnit? OwnerUnit { get; private set; }

    /// <summary>Renames the enterprise: its owner's act (callers check the owner's scope first).</summary>
    public void Rename(string name) => Name = CheckName(name);

    public static string CheckName(string name)
    {
        var n = (name ?? "").Trim();
        if (n.Length is 0 or > MaxNameLength)
        {
            throw new DomainException(new("企业名称不能为空，且不超过200字", "The enterprise name is required and at most 200 characters"), "enterprise");
        }

        return n;
    }
}
