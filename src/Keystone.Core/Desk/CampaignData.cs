using Keystone.Core.Campaigns;
using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Schedule;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// Reads campaigns and 集中开复工 events for a scope: each campaign's tasks with the ledger's facts they are judged by
/// (the start in the deadline's year, the checklist item, the schedule node), the recorded events, and the
/// day-precise start dates that may propose an event.
/// </summary>
public static class CampaignData
{
    /// <summary>
    /// The campaigns run by the scope's units (the scope and every unit below it), newest first; with
    /// <paramref name="recordedBy"/>, only what was recorded by then (a closed month's briefing).
    /// </summary>
    public static async Task<IReadOnlyList<Campaign>> CampaignsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, DateTimeOffset? recordedBy = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(scope);
        var units = tree.Subtree(scope.Id).ToList();
        var query = db.Campaigns.AsNoTracking().Include(c => c.Tasks).AsSplitQuery().Where(c => units.Contains(c.OrgUnitId));
        if (recordedBy is { } by)
        {
            var utc = by.ToUniversalTime();
            query = query.Where(c => c.CreatedAt <= utc);
        }

        var campaigns = await query.OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id).Take(500).ToListAsync(ct);
        return campaigns;
    }

    /// <summary>A campaign's tasks with the facts they are judged by, read now (tasks added after <paramref name="recordedBy"/> left out).</summary>
    public static async Task<CampaignFacts> FactsAsync(AppDbContext db, OrgTree tree, Campaign campaign, DateTimeOffset? recordedBy = null, CancellationToken ct = default)
    {
        return (await FactsAsync(db, tree, [campaign], recordedBy, ct))[0];
    }

    /// <summary>Several campaigns' facts, read together.</summary>
    public static async Task<IReadOnlyList<CampaignFacts>> FactsAsync(AppDbContext db, OrgTree tree, IReadOnlyList<Campaign> campaigns, DateTimeOffset? recordedBy = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(campaigns);
        var tasks = campaigns.SelectMany(c => c.Tasks).Where(t => recordedBy is not { } by || t.AddedAt <= by.ToUniversalTime()).ToList();
        var projectIds = tasks.Select(t => t.ProjectId).Distinct().ToList();
        var projects = projectIds.Count == 0 ? [] : await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Code, p.Name, p.ActualStart }).ToDictionaryAsync(p => p.Id, ct);
        var years = tasks.Select(t => t.DueBy.Year).Distinct().ToList();
        var plans = projectIds.Count == 0 ? [] : await db.AnnualPlans.AsNoTracking().Where(a => projectIds.Contains(a.ProjectId) && years.Contains(a.Year))
            .Select(a => new { a.ProjectId, a.Year, a.Nature, a.StartDate }).ToListAsync(ct);
        var planOf = plans.ToDictionary(a => (a.ProjectId, a.Year));
        var approvalIds = tasks.Where(t => t.Kind == CampaignTaskKind.Approval).Select(t => t.ProjectId).Distinct().ToList();
        var items = approvalIds.Count == 0 ? [] : await db.ProcedureItems.AsNoTracking().Where(i => approvalIds.Contains(i.ProjectId))
            .Select(i => new { i.ProjectId, i.Name, i.AppliedOn, i.ApprovedOn }).ToListAsync(ct);
        var itemOf = items.GroupBy(i => (i.ProjectId, i.Name)).ToDictionary(g => g.Key, g => g.First());
        var nodeIds = tasks.Where(t => t.Kind == CampaignTaskKind.Node).Select(t => t.ProjectId).Distinct().ToList();
        var schedules = nodeIds.Count == 0 ? [] : await db.Schedules.AsNoTracking().Where(s => nodeIds.Contains(s.ProjectId))
            .Select(s => new { s.ProjectId, s.PlanJson }).ToListAsync(ct);
        var activitiesOf = schedules.ToDictionary(s => s.ProjectId, s => SchedulePlanFile.Stored(s.PlanJson).Activities.ToDictionary(a => a.Id, StringComparer.Ordinal));

        CampaignTaskFacts Facts(CampaignTask t)
        {
            var p = projects[t.ProjectId];
            var facts = new CampaignTaskFacts
            {
                TaskId = t.Id,
                ProjectId = t.ProjectId,
                Code = p.Code,
                ProjectName = p.Name,
                Kind = t.Kind,
                Reference = t.Reference,
                DueBy = t.DueBy,
                Note = t.Note,
            };
            switch (t.Kind)
            {
                case CampaignTaskKind.Start:
                    var plan = planOf.GetValueOrDefault((t.ProjectId, t.DueBy.Year));
                    return facts with
                    {
                        Continuing = plan?.Nature == Nature.Continuing,
                        DoneOn = plan is null ? p.ActualStart : FiguresEngine.StartDateInYear(plan.Nature, plan.StartDate, p.ActualStart, t.DueBy.Year),
                    };
                case CampaignTaskKind.Approval:
                    var item = itemOf.GetValueOrDefault((t.ProjectId, t.Reference ?? ""));
                    return facts with { Found = item is not null, AppliedOn = item?.AppliedOn, DoneOn = item?.ApprovedOn };
                default:
                    var node = activitiesOf.TryGetValue(t.ProjectId, out var activities) ? activities.GetValueOrDefault(t.Reference ?? "") : null;
                    return facts with { Found = node is not null, NodeName = node?.Name, DoneOn = node?.ActualFinish };
            }
        }

        var byCampaign = tasks.ToLookup(t => t.CampaignId);
        return campaigns.Select(c => new CampaignFacts
        {
            Id = c.Id,
            UnitId = c.OrgUnitId,
            UnitName = tree.Contains(c.OrgUnitId) ? tree[c.OrgUnitId].Name : "",
            Name = c.Name,
            StartsOn = c.StartsOn,
            EndsOn = c.EndsOn,
            Goal = c.Goal,
            Targets = c.Targets,
            Tasks = byCampaign[c.Id].Select(Facts).ToList(),
        }).ToList();
    }

    /// <summary>Campaigns judged as of a day, each task by the yellow days of its campaign's unit's light rules (a node's, 7 by default).</summary>
    public static async Task<IReadOnlyList<CampaignProgress>> JudgeAsync(
        AppDbContext db, OrgTree tree, IReadOnlyList<Campaign> campaigns, DateOnly asOf, Lights.RuleBook? rules = null, DateTimeOffset? recordedBy = null, CancellationToken ct = default)
    {
        var book = rules ?? await LightsData.RulesAsync(db, tree, ct);
        var facts = await FactsAsync(db, tree, campaigns, recordedBy, ct);
        return facts.Select(f => CampaignEngine.Judge(f, asOf, book.For(f.UnitId).MilestoneYellowDays)).ToList();
    }

    /// <summary>
    /// The campaigns a briefing of year Y as of D tells of (<see cref="CampaignEngine.ToldIn"/>), oldest first, judged
    /// on D: from <paramref name="kept"/> (a closed month's copy, those of the scope's units) when given, else live.
    /// </summary>
    public static async Task<IReadOnlyList<CampaignProgress>> BriefingAsync(
        AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, Lights.RuleBook rules, IReadOnlyList<CampaignFacts>? kept, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(rules);
        IReadOnlyList<CampaignFacts> facts;
        if (kept is not null)
        {
            var units = tree.Subtree(scope.Id).ToHashSet();
            facts = kept.Where(c => units.Contains(c.UnitId)).ToList();
        }
        else
        {
            var campaigns = (await CampaignsAsync(db, tree, scope, null, ct)).Where(c => c.StartsOn <= asOf).ToList();
            facts = campaigns.Count == 0 ? [] : await FactsAsync(db, tree, campaigns, null, ct);
        }

        return facts.Where(c => CampaignEngine.ToldIn(c, year, asOf))
            .OrderBy(c => c.StartsOn).ThenBy(c => c.Id)
            .Select(c => CampaignEngine.Judge(c, asOf, rules.For(c.UnitId).MilestoneYellowDays))
            .ToList();
    }

    /// <summary>What a closing keeps of the scope's campaigns: every one, with its tasks' facts as they stand now.</summary>
    public static async Task<IReadOnlyList<CampaignFacts>> KeptAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, CancellationToken ct = default)
    {
        var campaigns = await CampaignsAsync(db, tree, scope, null, ct);
        return campaigns.Count == 0 ? [] : await FactsAsync(db, tree, campaigns, null, ct);
    }

    /// <summary>The 集中开复工 events held by the scope's units in year Y (recorded by <paramref name="recordedBy"/> when given).</summary>
    public static async Task<IReadOnlyList<StartEventFacts>> EventsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateTimeOffset? recordedBy = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(scope);
        var units = tree.Subtree(scope.Id).ToList();
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var query = db.StartEvents.AsNoTracking().Include(e => e.Projects).AsSplitQuery()
            .Where(e => units.Contains(e.OrgUnitId) && e.HeldOn >= first && e.HeldOn <= last);
        if (recordedBy is { } by)
        {
            var utc = by.ToUniversalTime();
            query = query.Where(e => e.CreatedAt <= utc);
        }

        var events = await query.OrderBy(e => e.HeldOn).ThenBy(e => e.Id).ToListAsync(ct);
        var venues = events.Where(e => e.MainVenueProjectId is not null).Select(e => e.MainVenueProjectId!.Value).Distinct().ToList();
        var names = venues.Count == 0 ? [] : await db.Projects.AsNoTracking().Where(p => venues.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return events.Select(e => new StartEventFacts(
            e.Id, e.OrgUnitId, tree[e.OrgUnitId].Name, e.HeldOn, e.Title, e.Place, e.MainVenueProjectId,
            e.MainVenueProjectId is { } v ? names.GetValueOrDefault(v) : null,
            e.Projects.Select(p => p.ProjectId).ToList())).ToList();
    }

    /// <summary>
    /// The days that propose a 集中开复工 in the scope for year Y as of D: the live rows' day-precise starts (a
    /// recorded 本年开复工时间 not written to the month only), five or more of one unit on one day, with no event of
    /// that unit on that day.
    /// </summary>
    public static async Task<IReadOnlyList<StartEventProposal>> ProposalsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var rows = await FiguresData.ScopeRowsAsync(db, tree, scope, year, asOf, ct);
        var units = tree.Subtree(scope.Id).ToList();
        var precise = (await db.AnnualPlans.AsNoTracking()
            .Where(a => a.Year == year && a.StartDate != null && !a.StartDateApproximate && units.Contains(a.Project!.OrgUnitId))
            .Select(a => a.ProjectId).ToListAsync(ct)).ToHashSet();
        var recorded = (await EventsAsync(db, tree, scope, year, null, ct)).Select(e => (e.UnitId, e.HeldOn));
        return StartEvents.Proposals(rows, precise, recorded, id => tree[id].Name, year, asOf);
    }
}
