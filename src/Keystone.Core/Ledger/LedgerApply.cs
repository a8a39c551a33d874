using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// The writing half of an import, one batch of checked rows at a time: each row's project (found by its
/// code, or the code its unit and name generate), its plan for the year and its report for the period.
/// New projects are built (and so checked) by their constructors, then written in bulk; existing ones are
/// revised through the change tracker so only what changed is updated.
/// </summary>
internal sealed class LedgerApply(
    AppDbContext db, TimeProvider clock, HeaderMatch header, LedgerImportOptions options, Period period, UnitDirectory tree, LedgerUnits units, LedgerParentLinks parents)
{
    private readonly BulkInsert bulk = new(db);
    private readonly LedgerRowMerge merge = new(header, period, options.CorrectionReason);
    private readonly LedgerEnterprises enterprises = new(db, clock, options, tree);

    /// <summary>The closed months of the plan year (the import month's year) of each unit they cover, read once.</summary>
    private Dictionary<int, List<Period>>? closedMonths;

    /// <summary>What each row did to its project, in the order the rows were written.</summary>
    public List<ProjectChange> Changes { get; } = [];

    /// <summary>Enterprise names proposed to their owners instead of applied.</summary>
    public List<EnterpriseNameProposal> Proposals => enterprises.Proposals;

    /// <summary>Rows refused against what is already recorded (their progress), found while writing.</summary>
    public List<LedgerProblem> Problems { get; } = [];

    /// <summary>Writes the rows (whose units <see cref="LedgerUnits.PrepareAsync"/> has found) and their audit entries.</summary>
    public async Task BatchAsync(List<LedgerRow> rows, CancellationToken ct)
    {
        closedMonths ??= await ClosedMonthsAsync(ct);
        await enterprises.LoadAsync(rows, ct);
        string CodeOf(LedgerRow r) => r.Code ?? LedgerImporter.GeneratedCode(tree.PathOf(units[r].Id), r.Name);
        var existing = await LoadProjectsAsync(rows.Select(CodeOf).Distinct(), ct);
        var fresh = new List<Project>();
        foreach (var row in rows)
        {
            ApplyRow(row, CodeOf(row), existing, fresh);
        }

        // Enterprises first: both the bulk rows and the tracked projects may point at new ones.
        await enterprises.WriteAsync(bulk, ct);
        await db.SaveChangesAsync(ct);
        await bulk.AssignIdsAsync(fresh, ct);
        await bulk.InsertAsync(fresh, ct);
        var plans = fresh.SelectMany(p => p.Plans).ToList();
        await bulk.AssignIdsAsync(plans, ct);
        await bulk.InsertAsync(plans, ct);
        var reports = fresh.SelectMany(p => p.Reports).ToList();
        await bulk.AssignIdsAsync(reports, ct);
        await bulk.InsertAsync(reports, ct);

        // Past the change tracker too: the figure rollups of the new projects' units are refreshed before the commit.
        foreach (var unit in fresh.Select(p => p.OrgUnitId).Distinct())
        {
            db.Rollups.Touch(unit, options.Year!.Value);
            db.Rollups.Touch(unit, period.Year);
        }

        // The bulk path bypasses the change tracker, and so the audit interceptor: log here each new
        // enterprise, project, plan and report with the values written, as the interceptor logs what EF
        // writes, in the unit of the row that brought it and with that row named in the reason; through
        // the same bulk insert, so the log costs the import no round trips. Any later change logs before and after.
        var now = clock.GetUtcNow();
        var rowOf = rows.ToDictionary(r => CodeOf(r), r => r.RowNumber, StringComparer.Ordinal);
        var audit = new List<AuditEntry>(enterprises.Audit(rows, units, bulk, now));
        foreach (var p in fresh)
        {
            var reason = options.RowReason(rowOf.GetValueOrDefault(p.Code));
            audit.Add(new AuditEntry(now, db.Actor, "project", p.Code, "imported", null, bulk.AuditValues(p), reason, p.OrgUnitId));
            audit.AddRange(p.Plans.Select(a => new AuditEntry(now, db.Actor, "plan", $"{p.Code}/{a.Year}", "imported", null, bulk.AuditValues(a), reason, p.OrgUnitId)));
            audit.AddRange(p.Reports.Select(r => new AuditEntry(now, db.Actor, "report", $"{p.Code}/{r.Period}", "imported", null, bulk.AuditValues(r), reason, p.OrgUnitId)));
        }

        await bulk.AssignIdsAsync(audit, ct);
        await bulk.InsertAsync(audit, ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The projects already recorded under the codes, tracked and whole: with their plans, reports, enterprise and parent.</summary>
    private async Task<Dictionary<string, Project>> LoadProjectsAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var known = new List<string>();
        foreach (var group in Lookups.InGroups(codes))
        {
            known.AddRange(await db.Projects.Where(p => group.Contains(p.Code)).Select(p => p.Code).ToListAsync(ct));
        }

        // Only projects already in the database are loaded whole.
        var existing = new Dictionary<string, Project>(StringComparer.Ordinal);
        foreach (var group in Lookups.InGroups(known))
        {
            var found = await db.Projects
                .Include(p => p.Plans)
                .Include(p => p.Reports)
                .Include(p => p.Enterprise)
                .Include(p => p.Parent)
                .Where(p => group.Contains(p.Code))
                .AsSplitQuery()
                .ToListAsync(ct);
            foreach (var p in found)
            {
                existing[p.Code] = p;
            }
        }

        return existing;
    }

    /// <summary>
    /// Applies one row to its project: a new one joins <paramref name="fresh"/> (and <paramref name="existing"/>),
    /// a known one is revised in place; a row whose progress the project's reports refuse is a problem instead.
    /// </summary>
    private void ApplyRow(LedgerRow row, string code, Dictionary<string, Project> existing, List<Project> fresh)
    {
        var unit = units[row];
        var enterprise = enterprises.For(row, unit);
        existing.TryGetValue(code, out var project);
        if (project is not null && (ProgressProblem(project, row, unit.Id) ?? PlanProblem(project, row, unit.Id)) is { } problem)
        {
            Problems.Add(problem);
            return;
        }

        var before = project is null ? null : Cells(project);
        if (project is null)
        {
            project = new Project(new ProjectCode(code), unit, merge.Facts(row, null), enterprise);
            if (PlanProblem(project, row, unit.Id) is { } entering)
            {
                Problems.Add(entering); // entering a year with a closed month restates it
                return;
            }

            fresh.Add(project);
            existing[code] = project;
        }
        else
        {
            if (project.OrgUnitId != unit.Id)
            {
                project.MoveTo(unit);
            }

            project.Revise(merge.Facts(row, project.Facts), header.Has(LedgerField.Uscc) ? enterprise : project.Enterprise);
        }

        var year = options.Year!.Value;
        project.Plan(year, merge.Plan(row, project.Plans.FirstOrDefault(p => p.Year == year)), ClosedMonthsOf(project.OrgUnitId), new PlanCorrection(options.CorrectionReason, clock.GetUtcNow(), options.By));
        if (merge.Progress(project, row) is { } figures)
        {
            project.Report(period, figures, clock.GetUtcNow(), Frozen(project.OrgUnitId));
        }

        if (header.Has(LedgerField.Parent))
        {
            parents.Add(code, row.Parent, row.RowNumber);
        }

        if (before is null)
        {
            Changes.Add(new ProjectChange(row.RowNumber, code, row.Name, ChangeKind.New, []));
            return;
        }

        var after = Cells(project);
        var fields = header.Columns
            .Where(c => before[c.Field] != after[c.Field])
            .Select(c => new FieldChange(c.Header, before[c.Field], after[c.Field]))
            .ToList();
        Changes.Add(new ProjectChange(row.RowNumber, code, row.Name, fields.Count > 0 ? ChangeKind.Updated : ChangeKind.Unchanged, fields));
    }

    /// <summary>The project as the ledger shows it, cell by cell, to tell what a row changed.</summary>
    private Dictionary<LedgerField, string> Cells(Project project)
    {
        var unit = tree[project.OrgUnitId];
        var city = unit.Kind == OrgUnitKind.City ? null
            : unit.ParentId is { } parentId && tree[parentId].Kind == OrgUnitKind.City ? tree[parentId].Name : null;

        // The progress the ledger states: the latest report of the plan year up to the import period.
        var report = project.Reports.Where(r => r.Period.Year == period.Year && r.Period <= period).MaxBy(r => r.Period);
        return LedgerCells.Of(project, city, unit.Name, project.Plans.FirstOrDefault(p => p.Year == options.Year!.Value), report);
    }

    /// <summary>The closed months of the plan year, by the units each closing covers.</summary>
    private async Task<Dictionary<int, List<Period>>> ClosedMonthsAsync(CancellationToken ct)
    {
        var (first, last) = (new Period(options.Year!.Value, 1), new Period(options.Year!.Value, 12));
        var closings = await db.ClosedPeriods.AsNoTracking()
            .Where(c => c.Period >= first && c.Period <= last)
            .Select(c => new { c.OrgUnitId, c.Period })
            .ToListAsync(ct);
        return closings
            .SelectMany(c => tree.Subtree(c.OrgUnitId).Select(unit => (Unit: unit, c.Period)))
            .GroupBy(c => c.Unit)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Period).Distinct().Order().ToList());
    }

    private IReadOnlyCollection<Period> ClosedMonthsOf(int unitId) => closedMonths!.TryGetValue(unitId, out var months) ? months : [];

    /// <summary>Whether the import month is closed for the unit (its reports then need a reason): one of its closed months.</summary>
    private bool Frozen(int unitId) => ClosedMonthsOf(unitId).Contains(period);

    /// <summary>Whether the row's plan entry restates a closed month of the plan year without a reason: a problem of the row, found before anything of it is written.</summary>
    private LedgerProblem? PlanProblem(Project project, LedgerRow row, int unitId)
    {
        var year = options.Year!.Value;
        try
        {
            project.CheckPlanCorrection(year, merge.Plan(row, project.Plans.FirstOrDefault(p => p.Year == year)), ClosedMonthsOf(unitId), options.CorrectionReason);
            return null;
        }
        catch (DomainException e)
        {
            return new(options.Sheet ?? "", row.RowNumber, null, null, e.Text);
        }
    }

    /// <summary>
    /// Whether a known project's row states progress its reports refuse (a month that does not reconcile,
    /// a closed month without a reason): a problem of the row, found before anything of it is written.
    /// </summary>
    private LedgerProblem? ProgressProblem(Project project, LedgerRow row, int unitId)
    {
        if (merge.Progress(project, row) is not { } figures)
        {
            return null;
        }

        try
        {
            project.CheckAmounts(period, figures, Frozen(unitId));
            return null;
        }
        catch (DomainException e)
        {
            var field = e.Field == "cumulative" ? LedgerField.Cumulative : LedgerField.YearToDate;
            var value = field == LedgerField.Cumulative ? figures.Cumulative : figures.YearToDate;
            return new(options.Sheet ?? "", row.RowNumber, header.HeaderOf(field), value.ToPlainString(), e.Text);
        }
        catch (ValidationException e)
        {
            return new(options.Sheet ?? "", row.RowNumber, null, null, e.Errors[0].Text);
        }
    }
}
