using Keystone.Core.Data;
using Keystone.Core.Lights;
using Keystone.Core.Promotion;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// Reading the promotion desk of a scope: its leads as plain rows (开工 read from the linked project, never
/// kept twice), its annual task, and the duplicates across units — for <see cref="PromotionEngine"/>.
/// </summary>
public static class PromotionData
{
    /// <summary>The lead rows of these units (all when null).</summary>
    public static async Task<IReadOnlyList<LeadRow>> RowsAsync(AppDbContext db, IReadOnlyCollection<int>? unitIds, CancellationToken ct = default)
    {
        var leads = db.Leads.AsNoTracking();
        if (unitIds is not null)
        {
            leads = leads.Where(l => unitIds.Contains(l.OrgUnitId));
        }

        return await RowsAsync(db, leads, ct);
    }

    /// <summary>The rows of the leads a query selects.</summary>
    public static async Task<IReadOnlyList<LeadRow>> RowsAsync(AppDbContext db, IQueryable<Lead> leads, CancellationToken ct = default)
    {
        var found = await leads.AsNoTracking().Include(l => l.FollowUps).ToListAsync(ct);
        var projectIds = found.Where(l => l.ProjectId is not null).Select(l => l.ProjectId!.Value).ToList();
        var projects = projectIds.Count == 0
            ? []
            : await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
                .Select(p => new { p.Id, p.Code, p.ActualStart, p.Status })
                .ToDictionaryAsync(p => p.Id, ct);
        return found.Select(l =>
        {
            var dates = PromotionVocabulary.Stages.Where(s => l.DateOf(s) is not null).ToDictionary(s => s, s => l.DateOf(s)!.Value);
            string? code = null;
            if (l.ProjectId is { } pid && projects.TryGetValue(pid, out var project))
            {
                // One truth: a project's start is the ledger's 实际开工时间, and without one it has not started.
                code = project.Code;
                dates.Remove(LeadStage.Started);
                dates.Remove(LeadStage.Producing);
                if (project.ActualStart is { } started)
                {
                    dates[LeadStage.Started] = started;
                    if (project.Status == Projects.ProjectStatus.InProduction)
                    {
                        dates[LeadStage.Producing] = started;
                    }
                }
            }

            return new LeadRow
            {
                Id = l.Id,
                UnitId = l.OrgUnitId,
                Name = l.Name,
                Investor = l.Investor,
                Uscc = l.Uscc,
                Channel = l.Channel,
                Dates = dates,
                ContractAmount = l.ContractAmount,
                State = l.State,
                HaltedOn = l.HaltedOn,
                FollowUps = l.FollowUps.Select(f => f.On).ToList(),
                ProjectId = l.ProjectId,
                ProjectCode = code,
            };
        }).ToList();
    }

    /// <summary>The scope's task for the year: its own when it has one, else its units' tasks added up; null when none.</summary>
    public static async Task<PromotionTaskFigures?> TaskAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, CancellationToken ct = default)
    {
        var units = tree.Subtree(scope.Id);
        var tasks = await db.PromotionTasks.AsNoTracking().Where(t => t.Year == year && units.Contains(t.OrgUnitId)).ToListAsync(ct);
        if (tasks.FirstOrDefault(t => t.OrgUnitId == scope.Id) is { } own)
        {
            return own.Figures;
        }

        return tasks.Count == 0 ? null : PromotionTaskFigures.Sum(tasks.Select(t => t.Figures));
    }

    /// <summary>
    /// Signed leads whose investor is signed in another unit too, keyed by lead id, with the other leads' units.
    /// Read over every unit (signings are few), so each zone's lead is flagged even though the zone cannot see the other.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<int>>> DuplicateUnitsAsync(AppDbContext db, CancellationToken ct = default)
    {
        var signed = await db.Leads.AsNoTracking().Where(l => l.SignedOn != null)
            .Select(l => new { l.Id, l.OrgUnitId, l.Uscc, l.Investor })
            .ToListAsync(ct);
        var unitOf = signed.ToDictionary(l => l.Id, l => l.OrgUnitId);
        return LeadDuplicates.Find(signed.Select(l => (l.Id, l.OrgUnitId, l.Uscc, l.Investor)))
            .ToDictionary(p => p.Key, p => (IReadOnlyList<int>)p.Value.Select(id => unitOf[id]).Distinct().Order().ToList());
    }

    /// <summary>The promotion figures of a scope, year and day.</summary>
    public static async Task<PromotionFigures> FiguresAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, CancellationToken ct = default)
    {
        var rows = await RowsAsync(db, tree.Subtree(scope.Id), ct);
        var task = await TaskAsync(db, tree, scope, year, ct);
        var rules = await LightsData.RulesAsync(db, tree, ct);
        var duplicates = await DuplicateUnitsAsync(db, ct);
        var units = tree.Subtree(scope.Id);
        var events = await db.PromotionEvents.CountAsync(e => units.Contains(e.OrgUnitId) && e.On.Year == year && e.On <= asOf, ct);
        return PromotionEngine.Compute(rows, task, year, asOf, rules.For, duplicates.Keys.ToHashSet()) with { Events = events };
    }
}
