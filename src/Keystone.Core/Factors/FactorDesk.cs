using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Factors;

/// <summary>Reading factor sheets and approval checklists for a scope, and starting a project's checklist: shared by the API, pages, CLI, demo and briefing.</summary>
public static class FactorDesk
{
    /// <summary>The factor figures of the projects <paramref name="projects"/> selects, as of a day, under a scope's rules.</summary>
    public static async Task<FactorFigures> FiguresAsync(AppDbContext db, IQueryable<Project> projects, DateOnly asOf, LightRules rules, CancellationToken ct = default)
    {
        // Driven from the factor tables (EXISTS per row), not from the scope's projects: a province has a
        // hundred thousand projects and a few thousand factor sheets.
        var sheets = await db.ProjectFactors.AsNoTracking()
            .Where(f => projects.Any(p => p.Id == f.ProjectId))
            .Select(f => new
            {
                f.ProjectId,
                f.Project!.Code,
                f.Project.Name,
                f.Project.OrgUnitId,
                f.Project.ActualStart,
                f.LandNeeded,
                f.LandStage,
                f.LandSupplied,
                f.LandSuppliedOn,
                f.EnergyNeeded,
                f.EnergyReview,
                f.EnergyApproved,
                Funds = f.Funds.Select(l => new FundRow(l.Source, l.Applied, l.Approved, l.Received)).ToList(),
                Emissions = f.Emissions.Select(e => new EmissionRow(e.Pollutant, e.Needed, e.Obtained)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        var items = await ProcedureRowsAsync(db.ProcedureItems.Where(i => projects.Any(p => p.Id == i.ProjectId)), ct);
        var rows = sheets.Select(s => new FactorRow
        {
            ProjectId = s.ProjectId,
            Code = s.Code,
            Name = s.Name,
            UnitId = s.OrgUnitId,
            LandNeeded = s.LandNeeded,
            LandStage = s.LandStage,
            LandSupplied = s.LandSupplied,
            EnergyNeeded = s.EnergyNeeded,
            EnergyReview = s.EnergyReview,
            EnergyApproved = s.EnergyApproved,
            Funds = s.Funds,
            Emissions = s.Emissions,
        });
        var landStarts = sheets.Select(s => new LandStartRow(s.ProjectId, s.LandSuppliedOn, s.ActualStart));
        return FactorGaps.Compute(rows, items, asOf, rules, landStarts);
    }

    /// <summary>The factor figures of a scope and every unit below it.</summary>
    public static async Task<FactorFigures> ScopeAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, DateOnly asOf, CancellationToken ct = default)
    {
        var units = tree.Subtree(scope.Id);
        var rules = await Briefings.BriefingData.RulesAsync(db, tree, scope.Id, ct);
        return await FiguresAsync(db, db.Projects.Where(p => units.Contains(p.OrgUnitId)), asOf, rules, ct);
    }

    public static async Task<IReadOnlyList<ProcedureRow>> ProcedureRowsAsync(IQueryable<ProcedureItem> items, CancellationToken ct = default) =>
        await items.AsNoTracking()
            .OrderBy(i => i.ProjectId).ThenBy(i => i.Id)
            .Select(i => new ProcedureRow
            {
                ProjectId = i.ProjectId,
                Code = i.Project!.Code,
                ProjectName = i.Project.Name,
                UnitId = i.Project.OrgUnitId,
                Name = i.Name,
                Department = i.Department,
                Mode = i.Mode,
                AppliedOn = i.AppliedOn,
                ApprovedOn = i.ApprovedOn,
                MissingPapers = i.MissingPapers,
                SupplyBy = i.SupplyBy,
                SuppliedOn = i.SuppliedOn,
                Commitment = i.Commitment,
                VerifyBy = i.VerifyBy,
                VerifiedOn = i.VerifiedOn,
                Agent = i.Agent,
            })
            .ToListAsync(ct);

    /// <summary>The project's factor sheet, tracked, with its funds and quotas; a new empty one (added, not saved) when it has none.</summary>
    public static async Task<ProjectFactors> SheetAsync(AppDbContext db, Project project, CancellationToken ct = default)
    {
        var sheet = await db.ProjectFactors.Include(f => f.Funds).Include(f => f.Emissions).Include(f => f.Project)
            .AsSplitQuery()
            .FirstOrDefaultAsync(f => f.ProjectId == project.Id, ct);
        if (sheet is null)
        {
            sheet = new ProjectFactors(project.Id);
            db.ProjectFactors.Add(sheet);
            db.Entry(sheet).Reference(f => f.Project).CurrentValue = project;
        }

        return sheet;
    }

    /// <summary>Adds the items of the project's category template it does not have yet; returns those added (not saved).</summary>
    public static async Task<IReadOnlyList<ProcedureItem>> StartChecklistAsync(AppDbContext db, Project project, CancellationToken ct = default)
    {
        var existing = await db.ProcedureItems.Where(i => i.ProjectId == project.Id).ToListAsync(ct);
        var added = ProcedureTemplates.Missing(project.Id, project.Category, existing);
        foreach (var item in added)
        {
            db.ProcedureItems.Add(item);
            db.Entry(item).Reference(i => i.Project).CurrentValue = project;
        }

        return added;
    }
}
