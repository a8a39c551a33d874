using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Projects;
using Keystone.Core.Promotion;
using Keystone.Core.Units;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Promotion;

/// <summary>
/// The promotion desk's reads and writes for the API and the pages alike. Leads are sensitive: only officers
/// (province, city, zone) see them, each the leads of its own unit and the units below; a lead outside the
/// caller's scope answers as if it did not exist.
/// </summary>
public static class PromotionActions
{
    /// <summary>The leads the caller may see (none for an enterprise reporter or a department).</summary>
    public static IQueryable<Lead> Visible(AppDbContext db, Caller caller, OrgTree tree)
    {
        if (!caller.KeepsLedger)
        {
            return db.Leads.Where(l => false);
        }

        var units = caller.Units(tree);
        return db.Leads.Where(l => units.Contains(l.OrgUnitId));
    }

    public static async Task<Lead> FindAsync(AppDbContext db, Caller caller, OrgTree tree, int id, CancellationToken ct) =>
        await Visible(db, caller, tree).Include(l => l.FollowUps).FirstOrDefaultAsync(l => l.Id == id, ct)
        ?? throw new NotFoundException(new($"找不到招商线索{id}", $"No lead {id}"));

    /// <summary>The unit a write names: the caller's own when none, and only one within its scope.</summary>
    public static OrgUnitInfo UnitFor(Caller caller, OrgTree tree, string? unit)
    {
        if (!caller.KeepsLedger)
        {
            throw new NotFoundException(new("找不到您所属的单位", "Your unit does not exist"));
        }

        return caller.Resolve(tree, unit);
    }

    /// <summary>The leads of a scope as the list shows them, with their lights and duplicate flags, as of a day.</summary>
    public static async Task<IReadOnlyList<LeadDto>> ListAsync(
        AppDbContext db, Caller caller, OrgTree tree, OrgUnitInfo scope, DateOnly asOf, Func<IQueryable<Lead>, IQueryable<Lead>>? narrow, bool withFollowUps, CancellationToken ct)
    {
        var units = tree.Subtree(scope.Id);
        var query = Visible(db, caller, tree).Where(l => units.Contains(l.OrgUnitId));
        query = narrow is null ? query : narrow(query);
        var leads = await query.AsNoTracking().Include(l => l.FollowUps).ToListAsync(ct);
        if (leads.Count == 0)
        {
            return [];
        }

        var ids = leads.Select(l => l.Id).ToList();
        var rows = (await PromotionData.RowsAsync(db, db.Leads.Where(l => ids.Contains(l.Id)), ct)).ToDictionary(r => r.Id);
        var rules = await LightsData.RulesAsync(db, tree, ct);
        var stale = PromotionEngine.Stale(rows.Values, asOf, rules.For).ToDictionary(s => s.Id);
        var duplicates = await PromotionData.DuplicateUnitsAsync(db, ct);
        return leads
            .Select(l =>
            {
                var others = duplicates.TryGetValue(l.Id, out var u) ? u : [];
                var named = others.Where(id => caller.CanSee(tree, id)).Select(id => tree[id].Name).ToList();
                return LeadDto.Of(l, rows[l.Id], tree, stale.GetValueOrDefault(l.Id), named, others.Count > 0, withFollowUps, asOf);
            })
            .OrderByDescending(d => d.Light == "red").ThenByDescending(d => d.Light == "yellow").ThenBy(d => d.Id)
            .ToList();
    }

    public static async Task<LeadDto> DetailAsync(AppDbContext db, Caller caller, OrgTree tree, int id, DateOnly asOf, CancellationToken ct)
    {
        var lead = await FindAsync(db, caller, tree, id, ct);
        var list = await ListAsync(db, caller, tree, tree[lead.OrgUnitId], asOf, q => q.Where(l => l.Id == id), withFollowUps: true, ct);
        return list.Single();
    }

    public static async Task<Lead> CreateAsync(AppDbContext db, Caller caller, TimeProvider clock, LeadInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = UnitFor(caller, tree, input.Unit);
        var today = DeskDate.Today(clock);
        var facts = Facts(input);
        var lead = new Lead(unit.Id, facts, input.On ?? today, today);
        db.Leads.Add(lead);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    /// <summary>Revises a lead's facts; <paramref name="check"/> (the concurrency check) runs on the lead as read, before anything changes.</summary>
    public static async Task<Lead> ReviseAsync(AppDbContext db, Caller caller, int id, LeadInput input, CancellationToken ct, Func<Lead, OrgTree, Task>? check = null)
    {
        var tree = await db.LoadTreeAsync(ct);
        var lead = await FindAsync(db, caller, tree, id, ct);
        if (check is not null)
        {
            await check(lead, tree);
        }

        lead.Revise(Facts(input));
        await db.SaveChangesAsync(ct);
        return lead;
    }

    public static async Task<Lead> AdvanceAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, StageInput input, CancellationToken ct)
    {
        var lead = await FindAsync(db, caller, await db.LoadTreeAsync(ct), id, ct);
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Stage), "stage", "阶段", "The stage");
        ApiSupport.Require(errors, input.On is not null, "on", "日期", "The date");
        var passed = new Dictionary<LeadStage, DateOnly>();
        foreach (var (name, on) in input.Passed ?? [])
        {
            if (Try(errors, "passed", () => PromotionVocabulary.ParseStage(name, "passed")) is { } s)
            {
                passed[s] = on;
            }
        }

        var amount = ApiSupport.Amount(errors, input.ContractAmount, "contractAmount", "签约金额", "The contract amount");
        ApiSupport.ThrowIfAny(errors);
        var stage = PromotionVocabulary.ParseStage(input.Stage!);
        lead.Advance(new StageMove { Stage = stage, On = input.On!.Value, Passed = passed, ContractAmount = amount, ContractTerms = input.ContractTerms }, DeskDate.Today(clock));
        await db.SaveChangesAsync(ct);
        return lead;
    }

    public static async Task<Lead> HaltAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, HaltInput input, CancellationToken ct)
    {
        var lead = await FindAsync(db, caller, await db.LoadTreeAsync(ct), id, ct);
        var today = DeskDate.Today(clock);
        var state = PromotionVocabulary.ParseState(input.State ?? "");
        lead.Halt(state, input.On ?? today, input.Reason ?? "", today);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    public static async Task<Lead> ResumeAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, ResumeInput input, CancellationToken ct)
    {
        var lead = await FindAsync(db, caller, await db.LoadTreeAsync(ct), id, ct);
        var today = DeskDate.Today(clock);
        lead.Resume(input.On ?? today, today);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    public static async Task<Lead> FollowUpAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, FollowUpBody input, CancellationToken ct)
    {
        var lead = await FindAsync(db, caller, await db.LoadTreeAsync(ct), id, ct);
        var today = DeskDate.Today(clock);
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Method), "method", "跟进方式", "The method");
        var method = string.IsNullOrWhiteSpace(input.Method) ? (FollowUpMethod?)null : Try(errors, "method", () => PromotionVocabulary.ParseMethod(input.Method));
        ApiSupport.ThrowIfAny(errors);
        lead.AddFollowUp(new FollowUpInput { On = input.On ?? today, Who = input.Who ?? caller.UserName, Method = method!.Value, What = input.What ?? "", NextStep = input.NextStep }, caller.UserName, clock.GetUtcNow(), today);
        await db.SaveChangesAsync(ct);
        return lead;
    }

    /// <summary>
    /// The lead becomes a ledger project in one step (or stands behind one already in the ledger): its name,
    /// investor (as the project's enterprise when the USCC is known), unit, chain and investment, linked both ways.
    /// </summary>
    public static async Task<(Lead Lead, string Code)> ConvertAsync(AppDbContext db, Caller caller, int id, ConvertInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var lead = await FindAsync(db, caller, tree, id, ct);
        if (lead.ProjectId is not null)
        {
            throw new DomainException(new($"线索“{lead.Name}”已转为项目", $"The lead \"{lead.Name}\" is already a project"), "lead");
        }

        if (input.Existing == true)
        {
            var code = (input.Code ?? "").Trim();
            var existing = await caller.Coded(db.Projects, tree, code).FirstOrDefaultAsync(p => p.OrgUnitId == lead.OrgUnitId, ct)
                ?? throw new DomainException(new($"本单位台账中没有项目“{code}”", $"The unit's ledger has no project \"{code}\""), "code");
            if (await db.Leads.AnyAsync(l => l.ProjectId == existing.Id, ct))
            {
                throw new DomainException(new($"项目“{code}”已有招商线索", $"The project \"{code}\" already has a lead"), "code");
            }

            lead.LinkProject(existing.Id, existing: true);
            await db.SaveChangesAsync(ct);
            return (lead, existing.Code);
        }

        lead.CheckConvertible();
        var newCode = new ProjectCode(string.IsNullOrWhiteSpace(input.Code)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ZS-{lead.SignedOn!.Value.Year}-{lead.Id:0000}")
            : input.Code);
        if (await db.Projects.AnyAsync(p => p.Code == newCode.Value, ct))
        {
            throw new DomainException(new($"项目编号“{newCode.Value}”已存在", $"The project code \"{newCode.Value}\" already exists"), "code");
        }

        var unit = await db.OrgUnits.SingleAsync(u => u.Id == lead.OrgUnitId, ct);
        Enterprise? enterprise = null;
        if (lead.Uscc is { } uscc)
        {
            enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Uscc == uscc, ct);
            if (enterprise is null)
            {
                enterprise = new Enterprise(uscc, lead.Investor, unit);
                db.Enterprises.Add(enterprise);
            }
            else if (!caller.MayLinkEnterprise(tree, enterprise.OwnerUnitId))
            {
                enterprise = null;
            }
        }

        var project = new Project(newCode, unit, new ProjectFacts
        {
            Name = lead.Name,
            Levels = ProjectLevels.Zone,
            Category = ProjectCategory.Industrial,
            TotalInvestment = lead.ContractAmount ?? lead.IntendedInvestment ?? Money.Zero,
            IndustryChain = lead.Chain is { Length: <= 50 } chain ? chain : null,
            Remarks = "由招商线索转入",
        }, enterprise);
        db.Projects.Add(project);

        // The project needs its id before the lead can point at it: two saves, one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        lead.LinkProject(project.Id, existing: false);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (lead, project.Code);
    }

    public static LeadFacts Facts(LeadInput input)
    {
        var errors = new List<DomainException>();
        var channel = string.IsNullOrWhiteSpace(input.Channel) ? (LeadChannel?)null : Try(errors, "channel", () => PromotionVocabulary.ParseChannel(input.Channel));
        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Channel), "channel", "招商方式", "The channel");
        var uscc = string.IsNullOrWhiteSpace(input.Uscc) ? (Uscc?)null : ApiSupport.Try(errors, "uscc", () => new Uscc(input.Uscc));
        var amount = ApiSupport.Amount(errors, input.IntendedInvestment, "intendedInvestment", "意向投资额", "The intended investment");
        ApiSupport.ThrowIfAny(errors);
        return new LeadFacts
        {
            Name = input.Name ?? "",
            Investor = input.Investor ?? "",
            Uscc = uscc,
            Chain = input.Chain,
            Link = input.Link,
            IntendedInvestment = amount,
            LandMu = input.LandMu,
            EnergyTce = input.EnergyTce,
            Channel = channel!.Value,
            Referrer = input.Referrer,
            Platform = input.Platform,
            Officer = input.Officer,
            Remarks = input.Remarks,
        };
    }

    private static T? Try<T>(List<DomainException> errors, string field, Func<T> parse)
        where T : struct
    {
        try
        {
            return parse();
        }
        catch (DomainException e)
        {
            errors.Add(new(e.Text, field));
            return null;
        }
    }
}
