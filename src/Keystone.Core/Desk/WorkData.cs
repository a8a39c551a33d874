using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Notifications;
using Keystone.Core.Problems;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Promotion;
using Keystone.Core.Units;
using Keystone.Core.Work;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// Reading a person's to-do list (工作台) as of a day: for an officer, the reports waiting for review, the plan's
/// projects whose month's report is late (with the latest 催报), the problems to route, overdue and to close,
/// the 督办单 replies and the 容缺/承诺 obligations coming due; for an enterprise reporter, its projects' reports
/// to file, those returned, and its open problems. Every list is cut to what the caller may see.
/// </summary>
public static class WorkData
{
    /// <summary>How many rows each list carries at most; the page links to the full list.</summary>
    public const int ListLimit = 50;

    public static async Task<OfficerWork> OfficerAsync(
        AppDbContext db, OrgTree tree, Caller caller, OrgUnitInfo scope, DateOnly asOf, DateOnly today, int reportDueDay, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(scope);
        var units = tree.Subtree(scope.Id).Where(id => caller.CanSee(tree, id)).ToList();
        var projects = caller.Projects(db.Projects, tree).Where(p => units.Contains(p.OrgUnitId));

        var toReview = await db.ProgressReports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Submitted && projects.Any(p => p.Id == r.ProjectId))
            .OrderBy(r => r.ReportedAt)
            .Take(ListLimit)
            .Select(r => new WorkReport(r.Project!.OrgUnitId, r.Project.Code, r.Project.Name, r.Period, r.Status, r.ReportedAt, r.ReportedBy, null))
            .ToListAsync(ct);

        var (period, due) = NotifyItems.ReportDue(asOf, reportDueDay);
        var late = await LateReportsAsync(db, projects, period, due, ct);

        var visible = caller.Problems(db.Problems, tree);
        var query = new ProblemQuery { Units = units, AsOf = asOf, Status = ProblemStatusFilter.Open };
        var open = await ProblemData.ListAsync(db, tree, visible, query, today, ct);

        var horizon = asOf.AddDays(WorkList.ObligationWindowDays);
        var notices = (await db.SupervisionNotices.AsNoTracking()
                .Where(n => units.Contains(n.Problem!.OrgUnitId) && n.IssuedOn <= asOf && n.ReplyBy <= horizon && (n.RepliedOn == null || n.RepliedOn > asOf))
                .OrderBy(n => n.ReplyBy)
                .Take(ListLimit)
                .Select(n => new NoticeRowForWork(n.Reference, n.Problem!.Number, n.Problem.Title, n.Problem.OrgUnitId, n.Addressee, n.IssuedOn, n.ReplyBy, n.RepliedOn))
                .ToListAsync(ct))
            .Select(n => WorkList.Due(n, asOf))
            .OfType<NoticeDue>()
            .ToList();

        var rules = await LightsData.RulesAsync(db, tree, ct);
        var items = await FactorData.ProcedureRowsAsync(db.ProcedureItems.Where(i => projects.Any(p => p.Id == i.ProjectId)), ct);
        var obligations = ProcedureFigures.Obligations(items, asOf, id => rules.For(id))
            .Where(o => WorkList.IsDueSoon(o, asOf))
            .OrderBy(o => o.Due)
            .Take(ListLimit)
            .ToList();

        // The month's promotion and enterprise-service work, where the scope keeps leads and 包联 enterprises.
        var leads = await PromotionData.RowsAsync(db, units, ct);
        var stale = PromotionEngine.Stale(leads, asOf, id => rules.For(id)).Take(ListLimit).ToList();
        var visitMonth = Period.Of(asOf);
        var coverage = await EnterpriseData.CoverageAsync(db, units, visitMonth, asOf, ct);
        var unvisited = coverage.Officers.SelectMany(o => o.Unvisited.Select(a => (a, o.Officer.Name, o.Department))).ToList();
        var unvisitedIds = unvisited.Select(x => x.a.EnterpriseId).Distinct().ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => unvisitedIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Uscc, e.OwnerUnitId }).ToListAsync(ct);
        var byId = enterprises.ToDictionary(e => e.Id);

        return new OfficerWork
        {
            AsOf = asOf,
            DuePeriod = period,
            DueOn = due,
            ToReview = toReview,
            LateReports = late,
            ToRoute = open.Where(p => p.Standing.Status is ProblemStatus.Open or ProblemStatus.Returned).Take(ListLimit).ToList(),
            Overdue = open.Where(p => p.Standing.IsOverdue).Take(ListLimit).ToList(),
            ToClose = open.Where(p => p.Standing.Status == ProblemStatus.Answered).Take(ListLimit).ToList(),
            NoticesDue = notices,
            ObligationsDue = obligations,
            StaleLeads = stale,
            VisitMonth = visitMonth,
            VisitsAssigned = coverage.Assigned,
            Unvisited = unvisited
                .Where(x => byId.ContainsKey(x.a.EnterpriseId))
                .Select(x => new VisitDue(byId[x.a.EnterpriseId].Uscc.Value, x.a.Enterprise, byId[x.a.EnterpriseId].OwnerUnitId, x.Name, x.Department))
                .Take(ListLimit)
                .ToList(),
        };
    }

    /// <summary>
    /// The plan's projects among <paramref name="projects"/> without a report (other than a returned one) for
    /// <paramref name="period"/> or a later month of its year, once it was due: a parent whose parts are in the
    /// plan reports through them. With the latest 催报 about each.
    /// </summary>
    public static async Task<IReadOnlyList<LateReport>> LateReportsAsync(
        AppDbContext db, IQueryable<Project> projects, Period period, DateOnly due, CancellationToken ct = default)
    {
        var months = WorkList.FromToYearEnd(period);
        var year = period.Year;
        var rows = await db.AnnualPlans.AsNoTracking()
            .Where(a => a.Year == year && projects.Any(p => p.Id == a.ProjectId))
            .Where(a => !a.Project!.Reports.Any(r => months.Contains(r.Period) && r.Status != ReportStatus.Returned))
            .Where(a => !db.Projects.Any(c => c.ParentId == a.ProjectId && c.Plans.Any(x => x.Year == year)))
            .OrderBy(a => a.Project!.OrgUnitId).ThenBy(a => a.Project!.Code)
            .Select(a => new
            {
                a.Project!.OrgUnitId,
                a.Project.Code,
                a.Project.Name,
                Reminder = db.ReportReminders.Where(m => m.ProjectId == a.ProjectId && m.Period == period)
                    .OrderByDescending(m => m.Id)
                    .Select(m => new { m.RemindedAt, m.RemindedBy })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new LateReport(r.OrgUnitId, r.Code, r.Name, period, due, r.Reminder?.RemindedAt, r.Reminder?.RemindedBy)).ToList();
    }

    public static async Task<ReporterWork> ReporterAsync(AppDbContext db, OrgTree tree, Caller caller, DateOnly asOf, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var period = WorkList.ReportingPeriod(asOf);
        var projects = caller.Projects(db.Projects, tree);
        var year = period.Year;
        var toFile = await projects.AsNoTracking()
            .Where(p => p.Plans.Any(a => a.Year == year))
            .Where(p => !db.Projects.Any(c => c.ParentId == p.Id && c.Plans.Any(x => x.Year == year)))
            .OrderBy(p => p.Code)
            .Select(p => new
            {
                p.Code,
                p.Name,
                Report = p.Reports.Where(r => r.Period == period).Select(r => new { r.Status, r.ReviewComment }).FirstOrDefault(),
            })
            .ToListAsync(ct);

        var returned = await db.ProgressReports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Returned && projects.Any(p => p.Id == r.ProjectId))
            .OrderByDescending(r => r.ReviewedAt)
            .Take(ListLimit)
            .Select(r => new WorkReport(r.Project!.OrgUnitId, r.Project.Code, r.Project.Name, r.Period, r.Status, r.ReportedAt, r.ReportedBy, r.ReviewComment))
            .ToListAsync(ct);

        var open = await ProblemData.ListAsync(
            db, tree, caller.Problems(db.Problems, tree), new ProblemQuery { AsOf = asOf, Status = ProblemStatusFilter.Open }, today, ct);

        return new ReporterWork
        {
            AsOf = asOf,
            Period = period,
            ToFile = toFile.Select(p => new ReportToFile(p.Code, p.Name, period, p.Report?.Status, p.Report?.ReviewComment)).ToList(),
            Returned = returned.Where(r => r.Period != period).ToList(),
            OpenProblems = open.Take(ListLimit).ToList(),
        };
    }
}
