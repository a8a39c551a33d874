using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Projects;
using Keystone.Core.Promotion;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Enterprises.Service;

/// <summary>An enterprise's place on an industry chain (产业链 · 环节): the chain's name and its link's.</summary>
public sealed record ChainPlace(string Chain, string Link);

/// <summary>A chain of a unit as a picker offers it: its name and its links in order.</summary>
public sealed record ChainChoice(int Id, string Name, IReadOnlyList<string> Links);

/// <summary>
/// An enterprise's industry chain and link are one fact, stored once: its member row on that link of the promotion
/// area's chain map (<see cref="ChainMember.EnterpriseId"/>, at most one row per enterprise, a unique index). The
/// register reads and writes that row, so placing an enterprise on the register puts it on the chain map and adding
/// it on the chain map shows on the register (docs/domain.md "Industry chains").
/// <para>
/// 链主 rule: for a registered enterprise the register's 链主 (<see cref="Enterprise.ChainLeader"/>) decides. Its member
/// row's <see cref="ChainMember.IsChainLeader"/> is copied from the register whenever either is written (the
/// register's edit or import, the placement, the chain map adding it); the chain map's own 链主 tick is for
/// enterprises listed by name, and a tick on a registered enterprise the register does not mark 链主 is refused.
/// </para>
/// </summary>
public sealed class ChainBook
{
    private readonly List<PromotionChain> chains;

    private ChainBook(List<PromotionChain> chains) => this.chains = chains;

    /// <summary>Loads, tracked, the chains of <paramref name="unitIds"/> and every chain holding one of <paramref name="enterpriseIds"/>.</summary>
    public static async Task<ChainBook> LoadAsync(AppDbContext db, IReadOnlyCollection<int> unitIds, IEnumerable<int> enterpriseIds, CancellationToken ct = default)
    {
        var found = new Dictionary<int, PromotionChain>();
        IQueryable<PromotionChain> Chains() => db.PromotionChains.Include(c => c.Links).ThenInclude(l => l.Members).AsSplitQuery();
        foreach (var c in await Chains().Where(c => unitIds.Contains(c.OrgUnitId)).ToListAsync(ct))
        {
            found[c.Id] = c;
        }

        foreach (var group in Lookups.InGroups(enterpriseIds.Where(i => i > 0).Distinct().Select(i => (int?)i)))
        {
            foreach (var c in await Chains().Where(c => c.Links.Any(l => l.Members.Any(m => group.Contains(m.EnterpriseId)))).ToListAsync(ct))
            {
                found[c.Id] = c;
            }
        }

        return new ChainBook(found.Values.OrderBy(c => c.Id).ToList());
    }

    /// <summary>The unit's chains, in the order they were made.</summary>
    public IReadOnlyList<PromotionChain> ChainsOf(int unitId) => chains.Where(c => c.OrgUnitId == unitId).ToList();

    /// <summary>Where the enterprise is on a chain, if anywhere.</summary>
    public ChainPlace? PlaceOf(int enterpriseId)
    {
        foreach (var chain in chains)
        {
            if (chain.MemberOf(enterpriseId) is { } member)
            {
                return new ChainPlace(chain.Name, chain.LinkOf(member).Name);
            }
        }

        return null;
    }

    /// <summary>
    /// The place a chain and link name among the chains of <paramref name="ownerUnitId"/> (the enterprise's owner), or
    /// none when both are blank; refused (field "chain" or "link") naming the value and what there is to choose. The
    /// place as <paramref name="recorded"/> stands, even on another unit's chain (the chain map put it there).
    /// </summary>
    public ChainPlace? Resolve(int ownerUnitId, string? chain, string? link, ChainPlace? recorded = null)
    {
        var c = Clean(chain);
        var l = Clean(link);
        if (recorded is not null && recorded == new ChainPlace(c ?? "", l ?? ""))
        {
            return recorded;
        }

        if (c is null)
        {
            return l is null ? null : throw new DomainException(new($"填写了环节“{l}”，请同时填写所属产业链", $"The link \"{l}\" is given without its chain"), "chain");
        }

        var own = ChainsOf(ownerUnitId);
        var found = own.FirstOrDefault(x => x.Name == c);
        if (found is null)
        {
            throw own.Count == 0
                ? new DomainException(new($"找不到产业链“{c}”：企业的登记单位尚未建立产业链", $"No chain \"{c}\": the enterprise's unit has no chains yet"), "chain")
                : new DomainException(new($"找不到产业链“{c}”：企业的登记单位有 {string.Join("、", own.Select(x => x.Name))}", $"No chain \"{c}\": the enterprise's unit has {string.Join(", ", own.Select(x => x.Name))}"), "chain");
        }

        var links = found.Links.OrderBy(x => x.Sequence).Select(x => x.Name).ToList();
        var choose = links.Count == 0 ? new Text("该产业链还没有环节", "the chain has no links yet") : new Text("可选 " + string.Join("、", links), "choose " + string.Join(", ", links));
        if (l is null)
        {
            throw new DomainException(new($"请填写产业链“{c}”的环节：{choose.Zh}", $"Give the link on the chain \"{c}\": {choose.En}"), "link");
        }

        return links.Contains(l)
            ? new ChainPlace(c, l)
            : throw new DomainException(new($"产业链“{c}”没有环节“{l}”：{choose.Zh}", $"The chain \"{c}\" has no link \"{l}\": {choose.En}"), "link");
    }

    /// <summary>
    /// Puts the (saved) enterprise on the place's link of its owner's chain — moving its one member row there from
    /// wherever it was — or takes it off when <paramref name="place"/> is none; a place from <see cref="Resolve"/>.
    /// The member's 链主 follows the register. True when the enterprise's place changed.
    /// </summary>
    public bool Place(Enterprise enterprise, ChainPlace? place)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        if (enterprise.Id <= 0)
        {
            throw new InvalidOperationException("An enterprise is placed on a chain once it is saved.");
        }

        var now = PlaceOf(enterprise.Id);
        if (now == place)
        {
            // Where it is already (on the owner's chain or, as the chain map put it, another's): only 链主 follows.
            Follow(enterprise);
            return false;
        }

        foreach (var chain in chains)
        {
            chain.RemoveMember(enterprise.Id);
        }

        if (place is not null)
        {
            var chain = ChainsOf(enterprise.OwnerUnitId).Single(c => c.Name == place.Chain);
            var link = chain.Links.Single(l => l.Name == place.Link);

            // The chain map may list the enterprise by name already: that row becomes the registered one.
            if (link.Members.FirstOrDefault(m => m.EnterpriseId is null && m.Name == enterprise.Name) is { } named)
            {
                named.Register(enterprise.Id);
                named.MarkChainLeader(enterprise.ChainLeader);
            }
            else
            {
                chain.AddMember(place.Link, enterprise.Name, enterprise.Id, enterprise.ChainLeader);
            }
        }

        return true;
    }

    /// <summary>Copies the register's 链主 to the enterprise's member row, if it has one (the rule above).</summary>
    public void Follow(Enterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        foreach (var chain in chains)
        {
            chain.MemberOf(enterprise.Id)?.MarkChainLeader(enterprise.ChainLeader);
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The register's doors to the chains: reading places, setting one, and what a picker offers.</summary>
public static class EnterpriseChains
{
    /// <summary>Where each of the enterprises is on a chain; those on none are absent.</summary>
    public static async Task<Dictionary<int, ChainPlace>> PlacesAsync(AppDbContext db, IEnumerable<int> enterpriseIds, CancellationToken ct = default)
    {
        var places = new Dictionary<int, ChainPlace>();
        foreach (var ids in Lookups.InGroups(enterpriseIds.Distinct().Select(i => (int?)i)))
        {
            var rows = await (
                from m in db.Set<ChainMember>().AsNoTracking()
                where ids.Contains(m.EnterpriseId)
                join l in db.Set<ChainLink>().AsNoTracking() on m.LinkId equals l.Id
                join c in db.PromotionChains.AsNoTracking() on l.ChainId equals c.Id
                select new { m.EnterpriseId, Chain = c.Name, Link = l.Name }).ToListAsync(ct);
            foreach (var r in rows)
            {
                places[r.EnterpriseId!.Value] = new ChainPlace(r.Chain, r.Link);
            }
        }

        return places;
    }

    /// <summary>Where the enterprise is, with the chain's id and unit (to link to its chain map); null when on none.</summary>
    public static async Task<(ChainPlace Place, int ChainId, int UnitId)?> WhereAsync(AppDbContext db, int enterpriseId, CancellationToken ct = default)
    {
        var row = await (
            from m in db.Set<ChainMember>().AsNoTracking()
            where m.EnterpriseId == enterpriseId
            join l in db.Set<ChainLink>().AsNoTracking() on m.LinkId equals l.Id
            join c in db.PromotionChains.AsNoTracking() on l.ChainId equals c.Id
            select new { Chain = c.Name, Link = l.Name, c.Id, c.OrgUnitId }).FirstOrDefaultAsync(ct);
        return row is null ? null : (new ChainPlace(row.Chain, row.Link), row.Id, row.OrgUnitId);
    }

    public static async Task<ChainPlace?> PlaceAsync(AppDbContext db, int enterpriseId, CancellationToken ct = default) =>
        (await WhereAsync(db, enterpriseId, ct))?.Place;

    /// <summary>The chains (with their links in order) of a unit: what the register's chain picker offers.</summary>
    public static async Task<IReadOnlyList<ChainChoice>> ChoicesAsync(AppDbContext db, int unitId, CancellationToken ct = default)
    {
        var chains = await db.PromotionChains.AsNoTracking().Include(c => c.Links).Where(c => c.OrgUnitId == unitId).OrderBy(c => c.Id).ToListAsync(ct);
        return chains.Select(c => new ChainChoice(c.Id, c.Name, c.Links.OrderBy(l => l.Sequence).Select(l => l.Name).ToList())).ToList();
    }

    /// <summary>
    /// Sets a (saved) enterprise's chain and link from the register — names looked up among its owner's chains,
    /// refused (field "chain"/"link") when unknown — and keeps its member's 链主 in step. A change of place is a
    /// change of the record: its version goes up with the save, so an edit read before it is refused.
    /// Nothing is saved here.
    /// </summary>
    public static async Task<bool> SetAsync(AppDbContext db, Enterprise enterprise, string? chain, string? link, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        var book = await ChainBook.LoadAsync(db, [enterprise.OwnerUnitId], [enterprise.Id], ct);
        var changed = book.Place(enterprise, book.Resolve(enterprise.OwnerUnitId, chain, link, book.PlaceOf(enterprise.Id)));
        if (changed)
        {
            Touch(db, enterprise);
        }

        return changed;
    }

    /// <summary>Marks the enterprise changed so the save moves its version (its own columns may all be as they were).</summary>
    public static void Touch(AppDbContext db, Enterprise enterprise) =>
        db.Entry(enterprise).Property(e => e.Name).IsModified = true;

    /// <summary>
    /// The chain map adding a registered enterprise: refused when it is on a link already (one place per enterprise:
    /// move it from its register), or when the 链主 tick contradicts the register; else the 链主 flag the member takes.
    /// </summary>
    public static async Task<bool> CheckNewMemberAsync(AppDbContext db, int enterpriseId, bool chainLeaderTick, CancellationToken ct = default)
    {
        var e = await db.Enterprises.AsNoTracking().Where(x => x.Id == enterpriseId).Select(x => new { x.Name, x.ChainLeader }).FirstAsync(ct);
        if (await PlaceAsync(db, enterpriseId, ct) is { } at)
        {
            throw new DomainException(
                new($"企业“{e.Name}”已在产业链“{at.Chain}”的环节“{at.Link}”上：一家企业只在一个环节，请在其企业页改动", $"\"{e.Name}\" is on the link \"{at.Link}\" of the chain \"{at.Chain}\" already: an enterprise is on one link; change it on its enterprise page"),
                "uscc");
        }

        if (chainLeaderTick && !e.ChainLeader)
        {
            throw new DomainException(
                new($"企业“{e.Name}”在企业库中未登记为链主：请先在其企业页勾选链主", $"\"{e.Name}\" is not marked 链主 on the register: mark it on its enterprise page first"),
                "chainLeader");
        }

        return e.ChainLeader;
    }
}
