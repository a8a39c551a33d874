using Keystone.Core.Data;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Factors;

/// <summary>A project's factor sheet and checklist, tracked for a change: shared by the API, pages and demo (the reads of a scope are <see cref="Desk.FactorData"/>'s).</summary>
public static class FactorDesk
{
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
