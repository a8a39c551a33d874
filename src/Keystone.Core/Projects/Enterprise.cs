using Keystone.Core.Enterprises;
using Keystone.Core.Units;

namespace Keystone.Core.Projects;

/// <summary>
/// An enterprise (企业), identified by its 统一社会信用代码. Several units' projects may share one enterprise;
/// it is owned by the unit that registered it (<see cref="OwnerUnitId"/>), and only that unit, or one above
/// it, changes the record. Other units link their projects to it when they may see its owner (or the owner
/// is above them: a city's or the province's enterprise is shared downward), and propose changes to it
/// (<see cref="Enterprises.EnterpriseProposal"/>).
/// </summary>
public sealed class Enterprise : Keystone.Core.Data.IVersioned
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

    /// <inheritdoc/>
    public int Version { get; private set; } = 1;

    public Uscc Uscc { get; private set; }

    public string Name { get; private set; }

    /// <summary>The unit that registered the enterprise and keeps its record.</summary>
    public int OwnerUnitId { get; private set; }

    public OrgUnit? OwnerUnit { get; private set; }

    /// <summary>国民经济行业分类 code (GB/T 4754: "C3311", or its digits "3311").</summary>
    public string? IndustryCode { get; private set; }

    public string? IndustryName { get; private set; }

    /// <summary>Whether the enterprise is above designated size (规模以上, 规上).</summary>
    public bool AboveScale { get; private set; }

    /// <summary>The month it entered the statistics as above-scale (入统/入规), when known.</summary>
    public Period? AboveScaleSince { get; private set; }

    /// <summary>链主: the lead enterprise of an industry chain.</summary>
    public bool ChainLeader { get; private set; }

    public int? Employees { get; private set; }

    /// <summary>Last year's output value (上年产值).</summary>
    public Money? LastYearOutput { get; private set; }

    /// <summary>Last year's revenue (上年营业收入).</summary>
    public Money? LastYearRevenue { get; private set; }

    public string? Address { get; private set; }

    public string? Contact { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>The liaison officer (包联干部) as a user of the system, when it is one.</summary>
    public int? LiaisonUserId { get; private set; }

    /// <summary>The liaison officer's name: the user's display name, or a named person without an account.</summary>
    public string? LiaisonName { get; private set; }

    /// <summary>The liaison officer's department (包联单位).</summary>
    public string? LiaisonDepartment { get; private set; }

    /// <summary>The register's facts as one record, to compare, export and edit.</summary>
    public EnterpriseProfile Profile => new()
    {
        IndustryCode = IndustryCode,
        IndustryName = IndustryName,
        AboveScale = AboveScale,
        AboveScaleSince = AboveScaleSince,
        ChainLeader = ChainLeader,
        Employees = Employees,
        LastYearOutput = LastYearOutput,
        LastYearRevenue = LastYearRevenue,
        Address = Address,
        Contact = Contact,
        Phone = Phone,
    };

    public Liaison? Liaison => LiaisonName is { } name ? new Liaison(LiaisonUserId, name, LiaisonDepartment) : null;

    /// <summary>Records the register's facts: its owner's act (callers check the owner's scope first).</summary>
    public void Describe(EnterpriseProfile profile)
    {
        var p = profile.Checked();
        IndustryCode = p.IndustryCode;
        IndustryName = p.IndustryName;
        AboveScale = p.AboveScale;
        AboveScaleSince = p.AboveScaleSince;
        ChainLeader = p.ChainLeader;
        Employees = p.Employees;
        LastYearOutput = p.LastYearOutput;
        LastYearRevenue = p.LastYearRevenue;
        Address = p.Address;
        Contact = p.Contact;
        Phone = p.Phone;
    }

    /// <summary>
    /// Enters the statistics as above-scale (入统) in <paramref name="month"/>: a cultivation candidate crossing
    /// the threshold. Refused when it is above-scale already.
    /// </summary>
    public void EnterAboveScale(Period month)
    {
        if (AboveScale)
        {
            throw new DomainException(new("该企业已是规上企业", "The enterprise is above-scale already"), "aboveScale");
        }

        AboveScale = true;
        AboveScaleSince = month;
    }

    /// <summary>Assigns the liaison officer (包联), or none.</summary>
    public void AssignLiaison(Liaison? liaison)
    {
        var l = liaison?.Checked();
        LiaisonUserId = l?.UserId;
        LiaisonName = l?.Name;
        LiaisonDepartment = l?.Department;
    }

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
