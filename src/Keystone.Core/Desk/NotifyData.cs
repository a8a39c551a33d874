using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Notifications;
using Keystone.Core.Problems;
using Keystone.Core.Progress;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// Reading what the notification sweep tells the units that have robots, as of a day: their overdue problems
/// and those of the units just below (escalated to them), the 督办单 issued or due, the plan's projects
/// without last month's report, the 催报 not yet sent, and the open obligations — each judged by its own unit's rules.
/// </summary>
public static class NotifyData
{
    public static async Task<NotifyInputs> LoadAsync(
        AppDbContext db, OrgTree tree, IReadOnlySet<int> units, DateOnly asOf, DateOnly today, bool digest, int reportDueDay, CancellationToken ct = default)
    {
        var targets = units.Where(tree.Contains).ToList();
        var inputs = new NotifyInputs { AsOf = asOf, Digest = digest, Units = units };
        if (targets.Count == 0)
        {
            return inputs;
        }

        var from = asOf.AddDays(-NotifyItems.NoticeWindowDays);
        var horizon = WorkingDays.Add(asOf, 1);
        var notices = await db.SupervisionNotices.AsNoTracking()
            .Where(n => targets.Contains(n.Problem!.OrgUnitId) || targets.Contains(n.IssuingUnitId))
            .Where(n => (n.IssuedOn >= from && n.IssuedOn <= asOf) || (digest && n.IssuedOn <= asOf && n.ReplyBy <= horizon && (n.RepliedOn == null || n.RepliedOn > asOf)))
            .Select(n => new NoticeRow(n.Reference, n.Problem!.Number, n.Problem.Title, n.Problem.OrgUnitId, n.IssuingUnitId, n.Addressee, n.IssuedOn, n.ReplyBy, n.RepliedOn))
            .ToListAsync(ct);
        // 催报 not yet passed to any robot, recorded in the window (a first run does not replay old ones).
        var (start, end) = (DeskDate.StartOf(from), DeskDate.StartOf(asOf.AddDays(1)));
        var reminders = await db.ReportReminders.AsNoTracking()
            .Where(r => r.SentAt == null && targets.Contains(r.Project!.OrgUnitId) && r.RemindedAt >= start && r.RemindedAt < end)
            .Select(r => new { r.Id, r.Project!.OrgUnitId, r.Project.Code, r.Project.Name, r.Period, r.RemindedBy, r.RemindedAt })
            .ToListAsync(ct);
        var reminderRows = reminders.Select(r => new ReminderRow(r.Id, r.OrgUnitId, r.Code, r.Name, r.Period, r.RemindedBy, DeskDate.Of(r.RemindedAt))).ToList();
        inputs = inputs with { Notices = notices, Reminders = reminderRows };
        if (!digest)
        {
            return inputs;
        }

        // Overdue problems of the units and of the units just below them (an overdue problem escalates one level up).
        var problemUnits = targets.Concat(targets.SelectMany(t => tree.ChildrenOf(t).Select(c => c.Id))).Distinct().ToList();
        var overdue = await ProblemData.ListAsync(db, tree, db.Problems, new ProblemQuery { Units = problemUnits, Status = ProblemStatusFilter.Overdue, AsOf = asOf }, today, ct);

        var (period, due) = NotifyItems.ReportDue(asOf, reportDueDay);
        // Late as the 工作台 judges it: no report (other than a returned one) for the month or a later one of its year.
        var late = await WorkData.LateReportsAsync(db, db.Projects.Where(p => targets.Contains(p.OrgUnitId)), period, due, ct);
        var lateRows = late.Select(r => new LateReportRow(r.UnitId, r.Code, r.Name, r.Period, r.Due)).ToList();

        var rules = await LightsData.RulesAsync(db, tree, ct);
        var items = await FactorData.ProcedureRowsAsync(db.ProcedureItems.Where(i => targets.Contains(i.Project!.OrgUnitId)), ct);
        var obligations = items.GroupBy(i => i.UnitId)
            .SelectMany(g => ProcedureFigures.Obligations(g, asOf, rules.For(g.Key)))
            .Where(o => o.Done is null && o.Light != Lights.Light.Green)
            .ToList();
        return inputs with { Overdue = overdue, LateReports = lateRows, Obligations = obligations };
    }
}
