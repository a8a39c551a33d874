using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Lights;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>Reading factor sheets and approval checklists for a scope as of a day, for the API, pages, CLI and briefing.</summary>
public static class FactorData
{
    /// <summary>The factor figures of the projects <paramref name="projects"/> selects, as of a day, each judged by its own unit's rules.</summary>
    public static async Task<FactorFigures> FiguresAsync(AppDbContext db, IQueryable<Project> projects, DateOnly asOf, RuleBook rules, CancellationToken ct = default) =>
        (await SheetsAsync(db, projects, ct)).Figures(asOf, rules);

    /// <summary>The factor sheets and checklists of the projects <paramref name="projects"/> selects, as they are now.</summary>
    public static async Task<FactorSheets> SheetsAsync(AppDbContext db, IQueryable<Project> projects, CancellationToken ct = default)
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
        return new FactorSheets(rows.ToList(), items, landStarts.ToList());
    }

    /// <summary>The factor sheets and checklists of a scope and every unit below it, as they are now.</summary>
    public static async Task<FactorSheets> ScopeSheetsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo scope, CancellationToken ct = default)
    {
        var units = tree.Subtree(scope.Id);
        return await SheetsAsync(db, db.Projects.Where(p => units.Contains(p.OrgUnitId)), ct);
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
}
