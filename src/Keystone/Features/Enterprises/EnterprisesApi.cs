using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Enterprises;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Enterprises;

/// <summary>An enterprise's record, as its owner (or a unit above the owner) sees it: the register's facts and its liaison officer too.</summary>
/// <param name="Version">版本: one more after each saved change (also the record's ETag).</param>
public sealed record EnterpriseRecordDto(string Uscc, string Name, int OwnerUnitId, string Owner, string OwnerPath, int OpenProposals, ProfileDto Profile, LiaisonDto? Liaison, int Version)
{
    public static EnterpriseRecordDto Of(Enterprise e, OrgTree tree, int openProposals, IReadOnlyDictionary<int, string>? users = null, ChainPlace? place = null) =>
        new(e.Uscc.Value, e.Name, e.OwnerUnitId, tree[e.OwnerUnitId].Name, tree.PathOf(e.OwnerUnitId), openProposals, ProfileDto.Of(e.Profile, place), EnterpriseItem.LiaisonOf(e, users ?? new Dictionary<int, string>()), e.Version);
}

/// <summary>
/// A proposal as its owner's officers and its proposer see it. The owner is not named: the proposer learns
/// nothing of the unit that keeps the enterprise. <see cref="MayDecide"/> says whether the caller may accept it.
/// </summary>
public sealed record ProposalDto(
    int Id, string Uscc, string Enterprise, string Name, string? Reason, string ProposedByUnit, string ProposedBy, DateTimeOffset ProposedAt,
    ProposalStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment, bool MayDecide)
{
    public static ProposalDto Of(EnterpriseProposal p, Enterprise e, OrgTree tree, Caller caller) =>
        new(p.Id, e.Uscc.Value, e.Name, p.Name, p.Reason, tree.Contains(p.ProposedByUnitId) ? tree.PathOf(p.ProposedByUnitId) : "", p.ProposedBy, p.ProposedAt,
            p.Status, p.DecidedBy, p.DecidedAt, p.Comment, p.Status == ProposalStatus.Open && caller.KeepsEnterprise(tree, e.OwnerUnitId));
}

public sealed record ProposalInput(string? Name, string? Reason);

public sealed record DecisionInput(string? Comment);

/// <summary>A change to an enterprise's record: its name, and the register's facts when <c>profile</c> is given (all of them, its chain and link too).</summary>
/// <param name="Version">The version the change was made from (as read); refused if the enterprise changed since. Absent: not checked.</param>
public sealed record EnterpriseUpdate(string? Name, ProfileDto? Profile, int? Version = null);

/// <summary>
/// /api/enterprises: shared enterprises are kept by the unit that registered them. Others link to them and
/// propose changes, which the owner (or a unit above it) accepts or rejects. Anything outside the caller's
/// reach answers 404, as if it did not exist.
/// </summary>
public static class EnterprisesApi
{
    public static RouteGroupBuilder MapEnterprisesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/enterprises").WithTags("Enterprises").RequireAuthorization(AuthSetup.Officer);
        group.MapGet("/proposals", ListProposalsAsync).WithName("ListEnterpriseProposals")
            .WithSummary("企业信息变更申请 / proposals to the caller's enterprises, and those the caller's units made (status=open|accepted|rejected)");
        group.MapPost("/proposals/{id:int}/accept", AcceptAsync).WithName("AcceptEnterpriseProposal")
            .WithSummary("采纳变更申请（登记单位）/ accept a proposal: the enterprise takes the name (its owner only)");
        group.MapPost("/proposals/{id:int}/reject", RejectAsync).WithName("RejectEnterpriseProposal")
            .WithSummary("驳回变更申请（登记单位）/ reject a proposal (its owner only)");
        group.MapGet("/{uscc}", GetAsync).WithName("GetEnterprise")
            .WithSummary("企业登记信息（登记单位）/ an enterprise's record (its owner only)");
        group.MapPut("/{uscc}", UpdateAsync).WithName("UpdateEnterprise").HonoursIfMatch()
            .WithSummary("修改企业登记信息（登记单位）/ rename an enterprise (its owner only): {name} (If-Match or version: refused 412/409 when changed since)");
        group.MapPost("/{uscc}/proposals", ProposeAsync).WithName("ProposeEnterpriseChange")
            .WithSummary("提出企业信息变更申请 / propose a change to an enterprise one's projects use: {name, reason?}");
        EnterpriseServiceApi.MapEnterpriseService(group, api);
        return api;
    }

    private static NotFoundException EnterpriseNotFound(string uscc) =>
        new(new($"找不到统一社会信用代码为{uscc}的企业（不存在或无权访问）", $"No enterprise with the USCC {uscc} (it does not exist, or is not yours to access)"));

    private static NotFoundException ProposalNotFound(int id) =>
        new(new($"找不到变更申请{id}（不存在或无权处理）", $"No proposal {id} (it does not exist, or is not yours to decide)"));

    /// <summary>The enterprise with that USCC, whatever the caller's scope (callers judge it next); an invalid USCC is simply not found.</summary>
    private static async Task<Enterprise> FindAsync(AppDbContext db, string uscc, CancellationToken ct)
    {
        Uscc key;
        try
        {
            key = new Uscc(uscc);
        }
        catch (DomainException)
        {
            throw EnterpriseNotFound(uscc);
        }

        return await db.Enterprises.FirstOrDefaultAsync(e => e.Uscc == key, ct) ?? throw EnterpriseNotFound(uscc);
    }

    /// <summary>The enterprise, if the caller keeps its record (its owner is the caller's unit or below it).</summary>
    private static async Task<Enterprise> FindKeptAsync(AppDbContext db, Caller caller, OrgTree tree, string uscc, CancellationToken ct)
    {
        var enterprise = await FindAsync(db, uscc, ct);
        return caller.KeepsEnterprise(tree, enterprise.OwnerUnitId) ? enterprise : throw EnterpriseNotFound(uscc);
    }

    private static Task<int> OpenProposalsAsync(AppDbContext db, Enterprise e, CancellationToken ct) =>
        db.EnterpriseProposals.CountAsync(p => p.EnterpriseId == e.Id && p.Status == ProposalStatus.Open, ct);

    private static async Task<Ok<EnterpriseRecordDto>> GetAsync(HttpContext http, AppDbContext db, Caller caller, string uscc, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var enterprise = await FindKeptAsync(db, caller, tree, uscc, ct);
        Concurrency.Tag(http, enterprise);
        var users = await EnterpriseServiceApi.UserNamesAsync(db, [enterprise.LiaisonUserId], ct);
        return TypedResults.Ok(EnterpriseRecordDto.Of(enterprise, tree, await OpenProposalsAsync(db, enterprise, ct), users, await EnterpriseChains.PlaceAsync(db, enterprise.Id, ct)));
    }

    private static async Task<Ok<EnterpriseRecordDto>> UpdateAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string uscc, EnterpriseUpdate input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var enterprise = await FindKeptAsync(db, caller, tree, uscc, ct);
        await Concurrency.CheckAsync(http, db, caller, tree, clock, enterprise, Concurrency.Noun.Enterprise, "enterprise", enterprise.Uscc.Value, input.Version, ct);
        var profile = input.Profile?.ToProfile();
        try
        {
            enterprise.Rename(input.Name ?? "");
        }
        catch (DomainException e)
        {
            throw new DomainException(e.Text, "name");
        }

        if (profile is not null)
        {
            enterprise.Describe(profile);
            try
            {
                await EnterpriseChains.SetAsync(db, enterprise, input.Profile!.Chain, input.Profile.Link, ct);
            }
            catch (DomainException e)
            {
                throw new DomainException(e.Text, "profile." + e.Field);
            }
        }

        await db.SaveChangesAsync(ct);
        Concurrency.Tag(http, enterprise);
        var users = await EnterpriseServiceApi.UserNamesAsync(db, [enterprise.LiaisonUserId], ct);
        return TypedResults.Ok(EnterpriseRecordDto.Of(enterprise, tree, await OpenProposalsAsync(db, enterprise, ct), users, await EnterpriseChains.PlaceAsync(db, enterprise.Id, ct)));
    }

    private static async Task<Created<ProposalDto>> ProposeAsync(AppDbContext db, Caller caller, TimeProvider clock, string uscc, ProposalInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var enterprise = await FindAsync(db, uscc, ct);

        // Who may link to it, or whose projects already use it, may propose; to anyone else it does not exist.
        var reachable = caller.MayLinkEnterprise(tree, enterprise.OwnerUnitId)
            || await caller.Projects(db.Projects, tree).AnyAsync(p => p.EnterpriseId == enterprise.Id, ct);
        if (!reachable)
        {
            throw EnterpriseNotFound(uscc);
        }

        var proposal = new EnterpriseProposal(enterprise, input.Name ?? "", input.Reason, caller.UnitId, caller.UserName, clock.GetUtcNow());
        db.EnterpriseProposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/enterprises/proposals?status=open", ProposalDto.Of(proposal, enterprise, tree, caller));
    }

    private static async Task<Ok<ListResponse<ProposalDto>>> ListProposalsAsync(AppDbContext db, Caller caller, string? status, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        ProposalStatus? wanted = status is null ? null : Enum.TryParse<ProposalStatus>(status.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s)
            ? s
            : throw new DomainException(new($"状态“{status}”无效：可用 open、accepted、rejected", $"The status \"{status}\" is not valid: use open, accepted or rejected"), "status");
        var units = caller.Units(tree);
        var query = db.EnterpriseProposals.AsNoTracking().Include(p => p.Enterprise)
            .Where(p => units.Contains(p.Enterprise!.OwnerUnitId) || units.Contains(p.ProposedByUnitId));
        if (wanted is { } w)
        {
            query = query.Where(p => p.Status == w);
        }

        var proposals = await query.OrderByDescending(p => p.Id).Take(ApiSupport.MaxPageSize).ToListAsync(ct);
        var items = proposals
            .OrderBy(p => p.Status == ProposalStatus.Open ? 0 : 1)
            .Select(p => ProposalDto.Of(p, p.Enterprise!, tree, caller))
            .ToList();
        return TypedResults.Ok(new ListResponse<ProposalDto>(items, items.Count));
    }

    private static Task<Ok<ProposalDto>> AcceptAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, DecisionInput? input, CancellationToken ct) =>
        DecideAsync(db, caller, id, p => p.Accept(caller.UserName, clock.GetUtcNow(), input?.Comment), ct);

    private static Task<Ok<ProposalDto>> RejectAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, DecisionInput? input, CancellationToken ct) =>
        DecideAsync(db, caller, id, p => p.Reject(caller.UserName, clock.GetUtcNow(), input?.Comment), ct);

    /// <summary>Accepts or rejects a proposal of an enterprise the caller keeps; any other proposal is not found.</summary>
    private static async Task<Ok<ProposalDto>> DecideAsync(AppDbContext db, Caller caller, int id, Action<EnterpriseProposal> decide, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var proposal = await db.EnterpriseProposals.Include(p => p.Enterprise).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal?.Enterprise is not { } enterprise || !caller.KeepsEnterprise(tree, enterprise.OwnerUnitId))
        {
            throw ProposalNotFound(id);
        }

        decide(proposal);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ProposalDto.Of(proposal, enterprise, tree, caller));
    }
}
