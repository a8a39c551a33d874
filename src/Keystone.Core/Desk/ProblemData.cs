using Keystone.Core.Data;
using Keystone.Core.Lights;
using Keystone.Core.Problems;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>Reading a scope's problems, judged as of a day (by <see cref="ProblemJudge"/>), for the lists, the lights and the briefing.</summary>
public static class ProblemData
{
    /// <summary>
    /// The problems of <paramref name="visible"/> a list shows, judged as of <see cref="ProblemQuery.AsOf"/>
    /// (today by default), narrowed as the query says, overdue first. Today's status is in the table, so
    /// today's lists narrow in SQL; a past day's status is read from the steps.
    /// </summary>
    public static async Task<IReadOnlyList<JudgedProblem>> ListAsync(
        AppDbContext db, OrgTree tree, IQueryable<Problem> visible, ProblemQuery q, DateOnly today, CancellationToken ct = default)
    {
        var asOf = q.AsOf ?? today;
        var query = visible;
        if (q.Units is { } units)
        {
            query = query.Where(p => units.Contains(p.OrgUnitId));
        }

        if (q.UnitId is { } unitId)
        {
            query = query.Where(p => p.OrgUnitId == unitId);
        }

        if (q.Department is { Length: > 0 } d)
        {
            var department = d.Trim();
            query = query.Where(p => p.Department == department);
        }

        if (q.Category is { } category)
        {
            query = query.Where(p => p.Category == category);
        }

        if (q.ProjectCode is { Length: > 0 } code)
        {
            var trimmed = code.Trim();
            query = query.Where(p => p.Project!.Code == trimmed);
        }

        if (asOf == today)
        {
            query = q.Status switch
            {
                ProblemStatusFilter.Open => query.Where(p => p.Status != ProblemStatus.Closed),
                ProblemStatusFilter.Closed => query.Where(p => p.Status == ProblemStatus.Closed),
                ProblemStatusFilter.Overdue => query.Where(p => p.Status != ProblemStatus.Closed && p.Status != ProblemStatus.Answered),
                ProblemStatusFilter.Unassigned => query.Where(p => p.Status == ProblemStatus.Open),
                ProblemStatusFilter.Assigned => query.Where(p => p.Status == ProblemStatus.Assigned),
                ProblemStatusFilter.Answered => query.Where(p => p.Status == ProblemStatus.Answered),
                ProblemStatusFilter.Returned => query.Where(p => p.Status == ProblemStatus.Returned),
                ProblemStatusFilter.All => query,
            };
        }

        var rows = await RowsAsync(query, ct);
        var judged = ProblemJudge.Judge(rows, tree, await LightsData.RulesAsync(db, tree, ct), asOf)
            .Where(p => q.Status switch
            {
                ProblemStatusFilter.Open => !p.Standing.IsClosed,
                ProblemStatusFilter.Closed => p.Standing.IsClosed,
                ProblemStatusFilter.Overdue => p.Standing.IsOverdue,
                ProblemStatusFilter.Unassigned => p.Standing.Status == ProblemStatus.Open,
                ProblemStatusFilter.Assigned => p.Standing.Status == ProblemStatus.Assigned,
                ProblemStatusFilter.Answered => p.Standing.Status == ProblemStatus.Answered,
                ProblemStatusFilter.Returned => p.Standing.Status == ProblemStatus.Returned,
                ProblemStatusFilter.All => true,
            });
        return ProblemFigures.Ordered(judged).ToList();
    }

    /// <summary>The problems of a query as rows, with their steps and notice dates.</summary>
    public static async Task<IReadOnlyList<ProblemRow>> RowsAsync(IQueryable<Problem> problems, CancellationToken ct = default)
    {
        var rows = await problems.AsNoTracking()
            .Select(p => new
            {
                p.Number,
                p.Title,
                p.Category,
                p.Source,
                p.OrgUnitId,
                p.RaisedOn,
                p.RaisedBy,
                ProjectCode = p.Project == null ? null : p.Project.Code,
                ProjectName = p.Project == null ? null : p.Project.Name,
                EnterpriseName = p.Enterprise == null ? null : p.Enterprise.Name,
                Steps = p.Steps.OrderBy(s => s.Sequence).Select(s => new { s.Kind, s.On, s.Department, s.Deadline, s.Satisfaction }).ToList(),
                Notices = p.Notices.Select(n => n.IssuedOn).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return rows.Select(r => new ProblemRow
        {
            Number = r.Number,
            Title = r.Title,
            Category = r.Category,
            Source = r.Source,
            UnitId = r.OrgUnitId,
            RaisedBy = r.RaisedBy,
            ProjectCode = r.ProjectCode,
            ProjectName = r.ProjectName,
            EnterpriseName = r.EnterpriseName,
            Timeline = new ProblemTimeline(r.Number, r.Title, r.OrgUnitId, r.RaisedOn, r.Steps.Select(s => new TimelineStep(s.Kind, s.On, s.Department, s.Deadline, s.Satisfaction)).ToList()),
            NoticesIssued = r.Notices,
        }).ToList();
    }

    /// <summary>The problems of a scope (and every unit below it), as the briefing tells them.</summary>
    public static async Task<ProblemSummary> SummaryAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, int year, DateOnly asOf, RuleBook rules, CancellationToken ct = default)
    {
        var units = tree.Subtree(scope.Id);
        var rows = await RowsAsync(db.Problems.Where(p => units.Contains(p.OrgUnitId)), ct);
        return ProblemFigures.Summarize(ProblemJudge.Judge(rows, tree, rules, asOf), year, asOf);
    }
}
