using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Promotion;
using Keystone.Core.Units;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Promotion;

/// <summary>
/// The writes on the libraries (目标企业库, 重点客商信息库) and the chain map, for the API and the pages alike. A
/// record outside the caller's units answers as if it did not exist.
/// </summary>
public static class PromotionLibraries
{
    /// <summary>
    /// Whether the desk's pages offer <paramref name="caller"/> their forms for a unit's promotion records: a zone
    /// keeps its own; a city and the province read their zones' lists without changing them.
    /// </summary>
    public static bool MayChange(Caller caller, OrgTree tree, int unitId) =>
        caller.Role == Role.ZoneOfficer && caller.CanSee(tree, unitId);

    /// <summary>The page-side check behind <see cref="MayChange"/>: a refusal for a city or province reader.</summary>
    public static void CheckMayChange(Caller caller, OrgTree tree, int unitId)
    {
        if (!MayChange(caller, tree, unitId))
        {
            throw new DomainException(new("市、省级用户只能查看开发区的招商信息，由开发区录入和修改", "Cities and the province read their zones' promotion records; the zone enters and changes them"));
        }
    }

    public static async Task<TargetEnterprise> AddTargetAsync(AppDbContext db, Caller caller, OrgTree tree, TargetInput input, CancellationToken ct)
    {
        var unit = PromotionActions.UnitFor(caller, tree, input.Unit);
        var errors = new List<DomainException>();
        var uscc = string.IsNullOrWhiteSpace(input.Uscc) ? (Uscc?)null : ApiSupport.Try(errors, "uscc", () => new Uscc(input.Uscc));
        ApiSupport.ThrowIfAny(errors);
        var name = (input.Name ?? "").Trim();
        if (await db.PromotionTargets.AnyAsync(t => t.OrgUnitId == unit.Id && t.Name == name, ct))
        {
            throw new DomainException(new($"目标企业库已有“{name}”", $"The library already has \"{name}\""), "name");
        }

        var target = new TargetEnterprise(unit.Id, new TargetFacts
        {
            Name = input.Name ?? "",
            Uscc = uscc,
            Chain = input.Chain,
            Link = input.Link,
            Size = input.Size,
            Headquarters = input.Headquarters,
            Why = input.Why,
            Approacher = input.Approacher,
        });
        db.PromotionTargets.Add(target);
        await db.SaveChangesAsync(ct);
        return target;
    }

    public static async Task<TargetEnterprise> FindTargetAsync(AppDbContext db, Caller caller, OrgTree tree, int id, CancellationToken ct)
    {
        var units = caller.KeepsLedger ? caller.Units(tree) : [];
        return await db.PromotionTargets.FirstOrDefaultAsync(t => t.Id == id && units.Contains(t.OrgUnitId), ct)
            ?? throw new NotFoundException(new($"找不到目标企业{id}", $"No target enterprise {id}"));
    }

    /// <summary>The target becomes a lead in one step: the enterprise as investor, its chain, link and approacher.</summary>
    public static async Task<Lead> TargetToLeadAsync(AppDbContext db, Caller caller, TimeProvider clock, OrgTree tree, int id, TargetLeadInput input, CancellationToken ct)
    {
        var target = await FindTargetAsync(db, caller, tree, id, ct);
        var today = DeskDate.Today(clock);
        var channel = PromotionVocabulary.ParseChannel(input.Channel ?? "");
        var lead = target.ToLead(input.Project ?? "", channel, input.On ?? today, today, input.Referrer, input.Platform);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    public static async Task<KeyInvestor> FindInvestorAsync(AppDbContext db, Caller caller, OrgTree tree, int id, CancellationToken ct)
    {
        var units = caller.KeepsLedger ? caller.Units(tree) : [];
        return await db.KeyInvestors.FirstOrDefaultAsync(i => i.Id == id && units.Contains(i.OrgUnitId), ct)
            ?? throw new NotFoundException(new($"找不到客商{id}", $"No key investor {id}"));
    }

    /// <summary>A new key investor, with its last contact when the page gives one (both or neither are saved).</summary>
    public static async Task<KeyInvestor> AddInvestorAsync(AppDbContext db, Caller caller, OrgTree tree, InvestorInput input, CancellationToken ct, TimeProvider? clock = null, ContactInput? contact = null)
    {
        var unit = PromotionActions.UnitFor(caller, tree, input.Unit);
        var investor = new KeyInvestor(unit.Id, input.Name ?? "", input.Firm, input.Title, input.Officer);
        Contact(investor, clock, contact);
        db.KeyInvestors.Add(investor);
        await db.SaveChangesAsync(ct);
        return investor;
    }

    /// <summary>Changes who the investor is (name, firm, title, the officer in touch); the unit stays.</summary>
    /// <remarks><paramref name="check"/> (the concurrency check) runs on the investor as read, before anything changes.</remarks>
    public static async Task<KeyInvestor> ReviseInvestorAsync(
        AppDbContext db, Caller caller, OrgTree tree, int id, InvestorInput input, CancellationToken ct, TimeProvider? clock = null, ContactInput? contact = null, Func<KeyInvestor, Task>? check = null)
    {
        var investor = await FindInvestorAsync(db, caller, tree, id, ct);
        if (check is not null)
        {
            await check(investor);
        }

        investor.Revise(input.Name ?? "", input.Firm, input.Title, input.Officer);
        Contact(investor, clock, contact);
        await db.SaveChangesAsync(ct);
        return investor;
    }

    public static async Task<KeyInvestor> ContactAsync(AppDbContext db, Caller caller, TimeProvider clock, OrgTree tree, int id, ContactInput input, CancellationToken ct)
    {
        var investor = await FindInvestorAsync(db, caller, tree, id, ct);
        var today = DeskDate.Today(clock);
        investor.RecordContact(input.On ?? today, input.Outcome ?? "", today);
        await db.SaveChangesAsync(ct);
        return investor;
    }

    private static void Contact(KeyInvestor investor, TimeProvider? clock, ContactInput? contact)
    {
        if (contact is not null && clock is not null)
        {
            var today = DeskDate.Today(clock);
            investor.RecordContact(contact.On ?? today, contact.Outcome ?? "", today);
        }
    }

    /// <summary>A new chain of the unit (not yet saved): a name the unit already uses is refused.</summary>
    public static async Task<PromotionChain> NewChainAsync(AppDbContext db, OrgUnitInfo unit, string? name, string? leader, CancellationToken ct)
    {
        var n = (name ?? "").Trim();
        if (await db.PromotionChains.AnyAsync(c => c.OrgUnitId == unit.Id && c.Name == n, ct))
        {
            throw new DomainException(new($"已有产业链“{n}”", $"The chain \"{n}\" exists already"), "name");
        }

        return new PromotionChain(unit.Id, n, leader);
    }

    public static ChainSegment ParseSegment(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "upstream" or "上游" => ChainSegment.Upstream,
        "midstream" or "中游" => ChainSegment.Midstream,
        "downstream" or "下游" => ChainSegment.Downstream,
        var s => throw new DomainException(new($"环节位置“{s}”无效：可用上游、中游、下游", $"The segment \"{s}\" is not valid: use upstream, midstream, downstream"), "segment"),
    };

    public static async Task<PromotionChain> FindChainAsync(AppDbContext db, Caller caller, OrgTree tree, int id, CancellationToken ct)
    {
        var units = caller.KeepsLedger ? caller.Units(tree) : [];
        return await db.PromotionChains.Include(c => c.Links).ThenInclude(l => l.Members).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id && units.Contains(c.OrgUnitId), ct)
            ?? throw new NotFoundException(new($"找不到产业链{id}", $"No chain {id}"));
    }

    /// <summary>A link added at the chain's downstream end (the order is the chain's: upstream to downstream).</summary>
    public static async Task<PromotionChain> AddLinkAsync(AppDbContext db, Caller caller, OrgTree tree, int id, ChainLinkInput input, CancellationToken ct)
    {
        var chain = await FindChainAsync(db, caller, tree, id, ct);
        chain.AddLink(input.Name ?? "", ParseSegment(input.Segment));
        await db.SaveChangesAsync(ct);
        return chain;
    }

    /// <summary>An enterprise present on one of the chain's links, linked to the register when its USCC is known there.</summary>
    public static async Task<PromotionChain> AddMemberAsync(AppDbContext db, Caller caller, OrgTree tree, int id, ChainMemberAddInput input, CancellationToken ct)
    {
        var chain = await FindChainAsync(db, caller, tree, id, ct);
        int? enterpriseId = null;
        if (!string.IsNullOrWhiteSpace(input.Uscc))
        {
            var errors = new List<DomainException>();
            var uscc = ApiSupport.Try(errors, "uscc", () => new Uscc(input.Uscc));
            ApiSupport.ThrowIfAny(errors);
            enterpriseId = await db.Enterprises.Where(e => e.Uscc == uscc).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        }

        // A registered enterprise is on one link only, and its 链主 is the register's (EnterpriseChains).
        var chainLeader = enterpriseId is { } id2 ? await EnterpriseChains.CheckNewMemberAsync(db, id2, input.ChainLeader == true, ct) : input.ChainLeader == true;
        chain.AddMember(input.Link ?? "", input.Name ?? "", enterpriseId, chainLeader);
        await db.SaveChangesAsync(ct);
        return chain;
    }
}
