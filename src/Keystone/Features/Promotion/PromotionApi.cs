using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Promotion;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Promotion;

/// <summary>
/// /api/leads and /api/promotion: the promotion desk (招商引资) — leads through their stages, follow-ups, the
/// step to a ledger project, the figures, the annual task, the target-enterprise and key-investor libraries
/// and the industry-chain map. Officers only: enterprise reporters and departments see none of it.
/// </summary>
public static class PromotionApi
{
    public static RouteGroupBuilder MapPromotionApi(this RouteGroupBuilder api)
    {
        var leads = api.MapGroup("/leads").WithTags("Promotion").RequireAuthorization(AuthSetup.Officer);
        leads.MapGet("/", ListAsync).WithName("ListLeads")
            .WithSummary("招商线索 / the leads of a scope, stale first")
            .WithDescription("scope, stage (线索|接洽|…|投产 or lead|contacted|…), channel, state (active|shelved|terminated), stale=true, q, asOf, page, pageSize.");
        leads.MapGet("/{id:int}", GetAsync).WithName("GetLead").WithSummary("一条线索及其阶段、跟进记录（ETag 为其版本）/ one lead with its stages and follow-ups (its ETag is its version)");
        leads.MapPost("/", CreateAsync).WithName("CreateLead").WithSummary("新增线索 / record a lead");
        leads.MapPut("/{id:int}", ReviseAsync).WithName("ReviseLead").HonoursIfMatch().WithSummary("修改线索 / revise a lead's facts (If-Match or version: refused 412/409 when changed since)");
        leads.MapPost("/{id:int}/stage", AdvanceAsync).WithName("AdvanceLead")
            .WithSummary("推进阶段 / move a lead to a later stage: {stage, on, passed?, contractAmount?, contractTerms?}");
        leads.MapPost("/{id:int}/halt", HaltAsync).WithName("HaltLead").WithSummary("搁置或终止 / shelve or terminate, with the reason");
        leads.MapPost("/{id:int}/resume", ResumeAsync).WithName("ResumeLead").WithSummary("恢复推进 / take a shelved lead up again");
        leads.MapPost("/{id:int}/follow-ups", FollowUpAsync).WithName("AddFollowUp").WithSummary("跟进记录 / record a contact: {on, who, method, what, nextStep?}");
        leads.MapPost("/{id:int}/project", ConvertAsync).WithName("ConvertLead")
            .WithSummary("转为项目 / the signed lead becomes a ledger project (or, existing=true, stands behind one)");

        var promotion = api.MapGroup("/promotion").WithTags("Promotion").RequireAuthorization(AuthSetup.Officer);
        promotion.MapGet("/figures", FiguresAsync).WithName("GetPromotionFigures")
            .WithSummary("招商figures / leads by stage and channel, signings against the task, landed, stale (same object as keystone promotion --json)");
        promotion.MapPut("/tasks/{year:int}", PutTaskAsync).WithName("PutPromotionTask").HonoursIfMatch().WithSummary("年度招商任务 / set a unit's annual promotion task")
            .WithDescription(Concurrency.IfMatchDescription("任务", "task") + " The version is the figures' taskVersion (GET /api/promotion/figures?scope=the unit&year=…, also its ETag); 0 when the unit had no task: refused if one was set since.");
        promotion.MapGet("/targets", TargetsAsync).WithName("ListPromotionTargets").WithSummary("目标企业库 / the target-enterprise library");
        promotion.MapPost("/targets", AddTargetAsync).WithName("AddPromotionTarget").WithSummary("加入目标企业库 / add a target enterprise");
        promotion.MapPost("/targets/{id:int}/lead", TargetToLeadAsync).WithName("TargetToLead").WithSummary("目标企业转为线索 / a target becomes a lead");
        promotion.MapGet("/investors", InvestorsAsync).WithName("ListKeyInvestors").WithSummary("重点客商信息库 / the key-investor library");
        promotion.MapPost("/investors", AddInvestorAsync).WithName("AddKeyInvestor").WithSummary("加入重点客商 / add a key investor");
        promotion.MapPut("/investors/{id:int}", ReviseInvestorAsync).WithName("ReviseKeyInvestor").HonoursIfMatch()
            .WithSummary("修改客商信息 / change a key investor's name, firm, title or officer")
            .WithDescription(Concurrency.IfMatchDescription("客商信息", "investor") + " The version is the list's version of the investor.");
        promotion.MapPost("/investors/{id:int}/contact", ContactAsync).WithName("RecordInvestorContact").WithSummary("记录联系 / record a contact and its outcome");
        promotion.MapGet("/chains", ChainsAsync).WithName("ListPromotionChains").WithSummary("产业链招商图谱 / the chains, their links, enterprises, 链主 and gaps");
        promotion.MapPost("/chains", AddChainAsync).WithName("AddPromotionChain").WithSummary("新建产业链图谱 / a chain with its links and enterprises");
        promotion.MapPost("/chains/{id:int}/links", AddLinkAsync).WithName("AddPromotionChainLink").WithSummary("增加环节 / a link at the chain's downstream end: {name, segment}");
        promotion.MapPost("/chains/{id:int}/members", AddMemberAsync).WithName("AddPromotionChainMember").WithSummary("环节上的企业 / an enterprise present on a link: {link, name, uscc?, chainLeader?}");
        return api;
    }

    private static async Task<Ok<ListResponse<LeadDto>>> ListAsync(
        AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? stage, string? channel, string? state, bool? stale, string? q, string? asOf,
        int? page, int? pageSize, CancellationToken ct)
    {
        var (skip, take) = ApiSupport.Paging(page, pageSize);
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var day = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, null, asOf, ct);
        var channelFilter = string.IsNullOrWhiteSpace(channel) ? (LeadChannel?)null : PromotionVocabulary.ParseChannel(channel);
        var stateFilter = string.IsNullOrWhiteSpace(state) ? (LeadState?)null : PromotionVocabulary.ParseState(state);
        var stageFilter = string.IsNullOrWhiteSpace(stage) ? null : PromotionVocabulary.Code(PromotionVocabulary.ParseStage(stage));
        var term = q?.Trim();
        var all = await PromotionActions.ListAsync(db, caller, tree, unit, day, query =>
        {
            query = channelFilter is { } c ? query.Where(l => l.Channel == c) : query;
            query = stateFilter is { } s ? query.Where(l => l.State == s) : query;
            return string.IsNullOrEmpty(term) ? query : query.Where(l => l.Name.Contains(term) || l.Investor.Contains(term));
        }, withFollowUps: false, ct);
        var items = all.Where(l => (stageFilter is null || l.Stage == stageFilter) && (stale != true || l.Light != "green")).ToList();
        return TypedResults.Ok(new ListResponse<LeadDto>(items.Skip(skip).Take(take).ToList(), items.Count, day));
    }

    private static async Task<Ok<LeadDto>> GetAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var day = await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, asOf, ct);
        var lead = await PromotionActions.DetailAsync(db, caller, tree, id, day, ct) with { AsOf = day };
        http.Response.Headers.ETag = Concurrency.ETag(lead.Version);
        return TypedResults.Ok(lead);
    }

    private static async Task<Created<LeadDto>> CreateAsync(AppDbContext db, Caller caller, TimeProvider clock, LeadInput input, CancellationToken ct)
    {
        var lead = await PromotionActions.CreateAsync(db, caller, clock, input, ct);
        return TypedResults.Created($"/api/leads/{lead.Id}", await DetailAsync(db, caller, clock, lead.Id, ct));
    }

    private static async Task<Ok<LeadDto>> ReviseAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, LeadInput input, CancellationToken ct)
    {
        var lead = await PromotionActions.ReviseAsync(db, caller, id, input, ct, (l, tree) => Concurrency.CheckAsync(
            http, db, caller, tree, clock, l, Concurrency.Noun.Lead, "lead", l.Id.ToString(CultureInfo.InvariantCulture), input.Version, ct));
        http.Response.Headers.ETag = Concurrency.ETag(lead.Version);
        return TypedResults.Ok(await DetailAsync(db, caller, clock, lead.Id, ct));
    }

    private static async Task<Ok<LeadDto>> AdvanceAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, StageInput input, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(db, caller, clock, (await PromotionActions.AdvanceAsync(db, caller, clock, id, input, ct)).Id, ct));

    private static async Task<Ok<LeadDto>> HaltAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, HaltInput input, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(db, caller, clock, (await PromotionActions.HaltAsync(db, caller, clock, id, input, ct)).Id, ct));

    private static async Task<Ok<LeadDto>> ResumeAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, ResumeInput input, CancellationToken ct) =>
        TypedResults.Ok(await DetailAsync(db, caller, clock, (await PromotionActions.ResumeAsync(db, caller, clock, id, input, ct)).Id, ct));

    private static async Task<Created<LeadDto>> FollowUpAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, FollowUpBody input, CancellationToken ct)
    {
        var lead = await PromotionActions.FollowUpAsync(db, caller, clock, id, input, ct);
        return TypedResults.Created($"/api/leads/{lead.Id}", await DetailAsync(db, caller, clock, lead.Id, ct));
    }

    private static async Task<Created<LeadDto>> ConvertAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, ConvertInput input, CancellationToken ct)
    {
        var (lead, code) = await PromotionActions.ConvertAsync(db, caller, id, input, ct);
        return TypedResults.Created($"/api/projects/{Uri.EscapeDataString(code)}", await DetailAsync(db, caller, clock, lead.Id, ct));
    }

    /// <summary>A lead after a change, judged as of the caller's data date (the day its page opens at).</summary>
    private static async Task<LeadDto> DetailAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var day = await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, null, ct);
        return await PromotionActions.DetailAsync(db, caller, tree, id, day, ct) with { AsOf = day };
    }

    private static async Task<Ok<PromotionFiguresDto>> FiguresAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string? scope, int? year, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var day = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, year, asOf, ct);
        var figures = await PromotionData.FiguresAsync(db, tree, unit, year ?? day.Year, day, ct);
        var version = await TaskVersionAsync(db, unit.Id, figures.Year, ct);
        http.Response.Headers.ETag = Concurrency.ETag(version);
        return TypedResults.Ok(PromotionFiguresDto.Of(unit.Name, figures, tree) with { TaskVersion = version });
    }

    /// <summary>The version of a unit's own task for a year, 0 when it has none.</summary>
    private static async Task<int> TaskVersionAsync(AppDbContext db, int unitId, int year, CancellationToken ct) =>
        await db.PromotionTasks.Where(t => t.OrgUnitId == unitId && t.Year == year).Select(t => (int?)t.Version).FirstOrDefaultAsync(ct) ?? 0;

    private static async Task<Ok<PromotionFiguresDto>> PutTaskAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int year, TaskInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = PromotionActions.UnitFor(caller, tree, input.Unit);
        var errors = new List<DomainException>();
        var amount = ApiSupport.Amount(errors, input.SignedAmount, "signedAmount", "签约金额任务", "The signed amount");
        var funds = ApiSupport.Amount(errors, input.FundsInPlace, "fundsInPlace", "到位资金任务", "The funds in place");
        ApiSupport.ThrowIfAny(errors);
        var figures = new PromotionTaskFigures(input.SignedProjects ?? 0, amount ?? Money.Zero, funds ?? Money.Zero, input.Landed ?? 0);
        var task = await db.PromotionTasks.FirstOrDefaultAsync(t => t.OrgUnitId == unit.Id && t.Year == year, ct);
        await Concurrency.CheckUpsertAsync(
            http, db, caller, tree, clock, task, Concurrency.Noun.PromotionTask, "promotionTask", task?.Id.ToString(CultureInfo.InvariantCulture) ?? "new", input.Version, ct);
        if (task is null)
        {
            task = new PromotionTask(unit.Id, year, figures);
            db.PromotionTasks.Add(task);
        }
        else
        {
            task.Change(figures);
        }

        await db.SaveChangesAsync(ct);
        var day = DeskDate.Today(clock);
        var asOf = day.Year == year ? day : new DateOnly(year, 12, 31);
        Concurrency.Tag(http, task);
        return TypedResults.Ok(PromotionFiguresDto.Of(unit.Name, await PromotionData.FiguresAsync(db, tree, unit, year, asOf, ct), tree) with { TaskVersion = task.Version });
    }

    private static IQueryable<T> Within<T>(IQueryable<T> set, Caller caller, OrgTree tree, OrgUnitInfo scope, Func<IQueryable<T>, IReadOnlyList<int>, IQueryable<T>> where)
    {
        var units = caller.KeepsLedger ? tree.Subtree(scope.Id) : [];
        return where(set, units);
    }

    private static TargetDto Dto(TargetEnterprise t, OrgTree tree) =>
        new(t.Id, tree[t.OrgUnitId].Name, t.Name, t.Uscc?.Value, t.Chain, t.Link, t.Size, t.Headquarters, t.Why, t.Approacher, t.LeadId);

    private static async Task<Ok<ListResponse<TargetDto>>> TargetsAsync(AppDbContext db, Caller caller, string? scope, string? chain, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var query = Within(db.PromotionTargets.AsNoTracking(), caller, tree, unit, (q, units) => q.Where(t => units.Contains(t.OrgUnitId)));
        if (!string.IsNullOrWhiteSpace(chain))
        {
            query = query.Where(t => t.Chain == chain.Trim());
        }

        var items = (await query.OrderBy(t => t.Chain).ThenBy(t => t.Link).ThenBy(t => t.Name).ToListAsync(ct)).Select(t => Dto(t, tree)).ToList();
        return TypedResults.Ok(new ListResponse<TargetDto>(items, items.Count));
    }

    private static async Task<Created<TargetDto>> AddTargetAsync(AppDbContext db, Caller caller, TargetInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var target = await PromotionLibraries.AddTargetAsync(db, caller, tree, input, ct);
        return TypedResults.Created($"/api/promotion/targets?scope={Uri.EscapeDataString(tree[target.OrgUnitId].Name)}", Dto(target, tree));
    }

    private static async Task<Created<LeadDto>> TargetToLeadAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, TargetLeadInput input, CancellationToken ct)
    {
        var lead = await PromotionLibraries.TargetToLeadAsync(db, caller, clock, await db.LoadTreeAsync(ct), id, input, ct);
        return TypedResults.Created($"/api/leads/{lead.Id}", await DetailAsync(db, caller, clock, lead.Id, ct));
    }

    private static InvestorDto Dto(KeyInvestor i, OrgTree tree) =>
        new(i.Id, tree[i.OrgUnitId].Name, i.Name, i.Firm, i.Title, i.Officer, i.LastContactOn is { } d ? LeadDto.Iso(d) : null, i.Outcome, i.Version);

    private static async Task<Ok<ListResponse<InvestorDto>>> InvestorsAsync(AppDbContext db, Caller caller, string? scope, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = caller.Resolve(tree, scope);
        var query = Within(db.KeyInvestors.AsNoTracking(), caller, tree, unit, (q, units) => q.Where(i => units.Contains(i.OrgUnitId)));
        var items = (await query.OrderByDescending(i => i.LastContactOn).ThenBy(i => i.Name).ToListAsync(ct)).Select(i => Dto(i, tree)).ToList();
        return TypedResults.Ok(new ListResponse<InvestorDto>(items, items.Count));
    }

    private static async Task<Created<InvestorDto>> AddInvestorAsync(AppDbContext db, Caller caller, InvestorInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var investor = await PromotionLibraries.AddInvestorAsync(db, caller, tree, input, ct);
        return TypedResults.Created($"/api/promotion/investors?scope={Uri.EscapeDataString(tree[investor.OrgUnitId].Name)}", Dto(investor, tree));
    }

    private static async Task<Ok<InvestorDto>> ReviseInvestorAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int id, InvestorInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var investor = await PromotionLibraries.ReviseInvestorAsync(db, caller, tree, id, input, ct, check: found => Concurrency.CheckAsync(
            http, db, caller, tree, clock, found, Concurrency.Noun.KeyInvestor, "keyInvestor", found.Id.ToString(CultureInfo.InvariantCulture), input.Version, ct));
        Concurrency.Tag(http, investor);
        return TypedResults.Ok(Dto(investor, tree));
    }

    private static async Task<Ok<InvestorDto>> ContactAsync(AppDbContext db, Caller caller, TimeProvider clock, int id, ContactInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        return TypedResults.Ok(Dto(await PromotionLibraries.ContactAsync(db, caller, clock, tree, id, input, ct), tree));
    }

    /// <summary>The chain maps of a scope: each chain's links with the enterprises present, and its gaps with the targets and leads that would fill them.</summary>
    public static async Task<IReadOnlyList<ChainDto>> ChainMapsAsync(AppDbContext db, Caller caller, OrgTree tree, OrgUnitInfo scope, CancellationToken ct)
    {
        var units = caller.KeepsLedger ? tree.Subtree(scope.Id) : [];
        var chains = await db.PromotionChains.AsNoTracking().Where(c => units.Contains(c.OrgUnitId))
            .Include(c => c.Links).ThenInclude(l => l.Members).AsSplitQuery().OrderBy(c => c.Id).ToListAsync(ct);
        var targets = await db.PromotionTargets.AsNoTracking().Where(t => units.Contains(t.OrgUnitId)).Select(t => new { t.OrgUnitId, t.Name, t.Chain, t.Link }).ToListAsync(ct);
        var leads = await db.Leads.AsNoTracking().Where(l => units.Contains(l.OrgUnitId) && l.State != LeadState.Terminated)
            .Select(l => new { l.Id, l.OrgUnitId, l.Name, l.Chain, l.Link }).ToListAsync(ct);
        return chains.Select(c =>
        {
            var map = ChainMap.Of(
                c,
                targets.Where(t => t.OrgUnitId == c.OrgUnitId).Select(t => (t.Name, t.Chain, t.Link)),
                leads.Where(l => l.OrgUnitId == c.OrgUnitId).Select(l => (l.Id, l.Name, l.Chain, l.Link)));
            var links = map.Links.Select(l => new ChainLinkDto(
                l.Name, l.Segment.ToString().ToLowerInvariant(), l.Members.Select(m => new ChainMemberDto(m.Name, m.IsChainLeader, m.EnterpriseId is not null)).ToList(), l.IsGap, l.Targets, l.Leads)).ToList();
            return new ChainDto(c.Id, tree[c.OrgUnitId].Name, c.Name, c.Leader, links, map.Gaps.Count());
        }).ToList();
    }

    private static async Task<Ok<ListResponse<ChainDto>>> ChainsAsync(AppDbContext db, Caller caller, string? scope, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var items = await ChainMapsAsync(db, caller, tree, caller.Resolve(tree, scope), ct);
        return TypedResults.Ok(new ListResponse<ChainDto>(items, items.Count));
    }

    private static async Task<Created<ChainDto>> AddChainAsync(AppDbContext db, Caller caller, ChainInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var unit = PromotionActions.UnitFor(caller, tree, input.Unit);
        var chain = await PromotionLibraries.NewChainAsync(db, unit, input.Name, input.Leader, ct);
        var placed = new HashSet<int>();
        foreach (var link in input.Links ?? [])
        {
            chain.AddLink(link.Name ?? "", PromotionLibraries.ParseSegment(link.Segment));
            foreach (var member in link.Members ?? [])
            {
                int? enterpriseId = null;
                if (!string.IsNullOrWhiteSpace(member.Uscc))
                {
                    var uscc = new Uscc(member.Uscc);
                    enterpriseId = await db.Enterprises.Where(e => e.Uscc == uscc).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
                }

                // A registered enterprise is on one link only, and its 链主 is the register's (EnterpriseChains).
                var chainLeader = member.ChainLeader == true;
                if (enterpriseId is { } id)
                {
                    chainLeader = await EnterpriseChains.CheckNewMemberAsync(db, id, chainLeader, ct);
                    if (!placed.Add(id))
                    {
                        throw new DomainException(new($"企业“{member.Name}”在产业链中出现了两次：一家企业只在一个环节", $"\"{member.Name}\" appears twice on the chain: an enterprise is on one link"), "uscc");
                    }
                }

                chain.AddMember(link.Name ?? "", member.Name ?? "", enterpriseId, chainLeader);
            }
        }

        db.PromotionChains.Add(chain);
        await db.SaveChangesAsync(ct);
        var map = (await ChainMapsAsync(db, caller, tree, unit, ct)).Single(c => c.Id == chain.Id);
        return TypedResults.Created($"/api/promotion/chains?scope={Uri.EscapeDataString(unit.Name)}", map);
    }

    private static async Task<Created<ChainDto>> AddLinkAsync(AppDbContext db, Caller caller, int id, ChainLinkInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var chain = await PromotionLibraries.AddLinkAsync(db, caller, tree, id, input, ct);
        return TypedResults.Created($"/api/promotion/chains?scope={Uri.EscapeDataString(tree[chain.OrgUnitId].Name)}", await MapOfAsync(db, caller, tree, chain, ct));
    }

    private static async Task<Created<ChainDto>> AddMemberAsync(AppDbContext db, Caller caller, int id, ChainMemberAddInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var chain = await PromotionLibraries.AddMemberAsync(db, caller, tree, id, input, ct);
        return TypedResults.Created($"/api/promotion/chains?scope={Uri.EscapeDataString(tree[chain.OrgUnitId].Name)}", await MapOfAsync(db, caller, tree, chain, ct));
    }

    private static async Task<ChainDto> MapOfAsync(AppDbContext db, Caller caller, OrgTree tree, PromotionChain chain, CancellationToken ct) =>
        (await ChainMapsAsync(db, caller, tree, tree[chain.OrgUnitId], ct)).Single(c => c.Id == chain.Id);
}
