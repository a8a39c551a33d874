namespace Keystone.Core.Promotion;

/// <summary>Where a link sits on its chain.</summary>
public enum ChainSegment
{
    /// <summary>上游.</summary>
    Upstream,

    /// <summary>中游.</summary>
    Midstream,

    /// <summary>下游.</summary>
    Downstream,
}

/// <summary>
/// A zone's industry chain (产业链招商图谱): its links in order, the enterprises present on each (链主 marked),
/// and the zone's 链长 in charge. A link with no enterprise is a gap (<see cref="ChainMap"/>).
/// </summary>
public sealed class PromotionChain : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    private readonly List<ChainLink> links = [];

    public PromotionChain(int unitId, string name, string? leader)
    {
        OrgUnitId = unitId;
        Name = Lead.Clean(name) is { Length: <= Lead.MaxShortLength } n
            ? n
            : throw new DomainException(new("产业链名称不能为空，且不超过100字", "The chain's name is required and at most 100 characters"), "name");
        Leader = Lead.Clean(leader);
    }

    private PromotionChain()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public string Name { get; private set; }

    /// <summary>链长: the zone leader in charge of the chain.</summary>
    public string? Leader { get; private set; }

    public IReadOnlyList<ChainLink> Links => links;

    /// <summary>Adds a link at the end of the chain; a name already on it is refused.</summary>
    public ChainLink AddLink(string name, ChainSegment segment)
    {
        var n = Lead.Clean(name) ?? throw new DomainException(new("环节名称不能为空", "The link's name is required"), "link");
        if (links.Any(l => l.Name == n))
        {
            throw new DomainException(new($"产业链“{Name}”已有环节“{n}”", $"The chain \"{Name}\" already has the link \"{n}\""), "link");
        }

        if (links.Count > 0 && segment < links[^1].Segment)
        {
            throw new DomainException(new($"环节“{n}”不能排在下游环节之后", $"The link \"{n}\" cannot come after a later segment"), "segment");
        }

        var link = new ChainLink(links.Count + 1, n, segment);
        links.Add(link);
        return link;
    }

    /// <summary>An enterprise present on a link, by its registered id when it has one, else by name; 链主 marked.</summary>
    public ChainMember AddMember(string link, string enterprise, int? enterpriseId, bool chainLeader)
    {
        var l = links.FirstOrDefault(x => x.Name == link)
            ?? throw new DomainException(new($"产业链“{Name}”没有环节“{link}”", $"The chain \"{Name}\" has no link \"{link}\""), "link");
        return l.Add(enterprise, enterpriseId, chainLeader);
    }

    /// <summary>The registered enterprise's member row on this chain, if it is on one of its links.</summary>
    public ChainMember? MemberOf(int enterpriseId) => links.SelectMany(l => l.Members).FirstOrDefault(m => m.EnterpriseId == enterpriseId);

    /// <summary>The link the member is on.</summary>
    public ChainLink LinkOf(ChainMember member) => links.First(l => l.Members.Contains(member));

    /// <summary>Takes the registered enterprise off the chain (its member row goes); false when it was not on it.</summary>
    public bool RemoveMember(int enterpriseId)
    {
        foreach (var link in links)
        {
            if (link.Remove(enterpriseId))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One link of a chain (材料, 装备, 芯片, 封装, 应用), in order.</summary>
public sealed class ChainLink
{
    private readonly List<ChainMember> members = [];

    internal ChainLink(int sequence, string name, ChainSegment segment)
    {
        Sequence = sequence;
        Name = name;
        Segment = segment;
    }

    private ChainLink()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int ChainId { get; private set; }

    public int Sequence { get; private set; }

    public string Name { get; private set; }

    public ChainSegment Segment { get; private set; }

    public IReadOnlyList<ChainMember> Members => members;

    internal ChainMember Add(string enterprise, int? enterpriseId, bool chainLeader)
    {
        var name = Lead.Clean(enterprise) is { Length: <= Lead.MaxNameLength } n
            ? n
            : throw new DomainException(new("企业名称不能为空，且不超过200字", "The enterprise's name is required and at most 200 characters"), "enterprise");
        if (members.Any(m => m.Name == name))
        {
            throw new DomainException(new($"环节“{Name}”已有企业“{name}”", $"The link \"{Name}\" already lists \"{name}\""), "enterprise");
        }

        var member = new ChainMember(name, enterpriseId, chainLeader);
        members.Add(member);
        return member;
    }

    internal bool Remove(int enterpriseId) => members.RemoveAll(m => m.EnterpriseId == enterpriseId) > 0;
}

/// <summary>An enterprise present on a link: registered (<see cref="EnterpriseId"/>) or by name; 链主 when it leads the chain.</summary>
public sealed class ChainMember
{
    internal ChainMember(string name, int? enterpriseId, bool chainLeader)
    {
        Name = name;
        EnterpriseId = enterpriseId;
        IsChainLeader = chainLeader;
    }

    private ChainMember()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int LinkId { get; private set; }

    public string Name { get; private set; }

    public int? EnterpriseId { get; private set; }

    /// <summary>链主. For a registered enterprise it follows the register's 链主 (see <c>EnterpriseChains</c>).</summary>
    public bool IsChainLeader { get; private set; }

    /// <summary>Links a member listed by name to the register's enterprise of that name.</summary>
    public void Register(int enterpriseId)
    {
        if (EnterpriseId is { } id && id != enterpriseId)
        {
            throw new DomainException(new($"“{Name}”已对应另一家登记企业", $"\"{Name}\" is another registered enterprise already"), "enterprise");
        }

        EnterpriseId = enterpriseId;
    }

    /// <summary>Marks or unmarks the member as the chain's 链主.</summary>
    public void MarkChainLeader(bool chainLeader) => IsChainLeader = chainLeader;
}

/// <summary>A chain as the map draws it: links in order with their enterprises, and each gap with the targets and leads that would fill it.</summary>
public sealed record ChainMap(string Name, string? Leader, IReadOnlyList<ChainMapLink> Links)
{
    public IEnumerable<ChainMapLink> Gaps => Links.Where(l => l.IsGap);

    /// <summary>The map of a chain, with the unit's targets and active leads on the same chain placed on their links.</summary>
    public static ChainMap Of(PromotionChain chain, IEnumerable<(string Name, string? Chain, string? Link)> targets, IEnumerable<(int Id, string Name, string? Chain, string? Link)> leads)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var t = targets.Where(x => x.Chain == chain.Name).ToList();
        var l = leads.Where(x => x.Chain == chain.Name).ToList();
        return new ChainMap(chain.Name, chain.Leader, chain.Links.OrderBy(k => k.Sequence).Select(k => new ChainMapLink(
            k.Name,
            k.Segment,
            k.Members.Select(m => new ChainMapMember(m.Name, m.EnterpriseId, m.IsChainLeader)).ToList(),
            t.Where(x => x.Link == k.Name).Select(x => x.Name).ToList(),
            l.Where(x => x.Link == k.Name).Select(x => new ChainMapLead(x.Id, x.Name)).ToList())).ToList());
    }
}

public sealed record ChainMapLink(string Name, ChainSegment Segment, IReadOnlyList<ChainMapMember> Members, IReadOnlyList<string> Targets, IReadOnlyList<ChainMapLead> Leads)
{
    /// <summary>A link with no enterprise present: what promotion is to fill.</summary>
    public bool IsGap => Members.Count == 0;
}

public sealed record ChainMapMember(string Name, int? EnterpriseId, bool IsChainLeader);

public sealed record ChainMapLead(int Id, string Name);
