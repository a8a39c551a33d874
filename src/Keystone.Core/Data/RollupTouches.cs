using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Keystone.Core.Data;

/// <summary>
/// What a save changed that the figure rollups sum (docs/decisions/0015-figure-rollups.md): the units, or the projects
/// whose unit is looked up after the save, with the year of the plan rows touched — null for every year (a project's
/// facts, which count in each year it is planned).
/// </summary>
public sealed class Touched
{
    public HashSet<(int Unit, int? Year)> Units { get; } = [];

    public HashSet<(int Project, int? Year)> Projects { get; } = [];

    /// <summary>Tracked projects whose unit is read after the save (a new unit's id is given by the save).</summary>
    public HashSet<(Project Project, int? Year)> Entities { get; } = [];

    public bool IsEmpty => Units.Count == 0 && Projects.Count == 0 && Entities.Count == 0;

    public void Add(Touched other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Units.UnionWith(other.Units);
        Projects.UnionWith(other.Projects);
        Entities.UnionWith(other.Entities);
    }
}

/// <summary>
/// A context's rollup bookkeeping: each save's touches (<see cref="Collect"/>), and a deferral for writers of many rows
/// at once (an import refreshes each unit once, before its commit, instead of after every batch).
/// </summary>
public sealed class RollupTouches
{
    /// <summary>The project facts a figure reads; a change to any other (a name, a contact) leaves the sums as they are.</summary>
    private static readonly string[] ProjectFacts =
    [
        nameof(Project.OrgUnitId), nameof(Project.ParentId), nameof(Project.Levels), nameof(Project.Category),
        nameof(Project.TotalInvestment), nameof(Project.ActualStart),
    ];

    private readonly Touched pending = new();

    public bool Deferred { get; private set; }

    /// <summary>Holds the refreshing back until <see cref="TakePending"/>; saves meanwhile only note what they touched.</summary>
    public IDisposable Defer()
    {
        Deferred = true;
        return new Resume(this);
    }

    /// <summary>Notes a unit's rows of a year as changed by a write the change tracker does not see (a bulk insert).</summary>
    public void Touch(int unitId, int year) => pending.Units.Add((unitId, year));

    /// <summary>Keeps a save's touches while deferred.</summary>
    public void Keep(Touched touched)
    {
        ArgumentNullException.ThrowIfNull(touched);
        if (Deferred)
        {
            pending.Add(touched);
        }
    }

    /// <summary>Everything noted since the deferral began, emptied.</summary>
    public Touched TakePending()
    {
        var taken = new Touched();
        taken.Add(pending);
        pending.Units.Clear();
        pending.Projects.Clear();
        pending.Entities.Clear();
        return taken;
    }

    /// <summary>The rows a save is about to change: plan entries and reports by their project's unit and year, projects by their units (before and after a move).</summary>
    public static Touched Collect(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        var touched = new Touched();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Project project:
                    if (entry.State == EntityState.Added)
                    {
                        break; // its plan entries are added beside it and touch its unit
                    }

                    if (entry.State == EntityState.Deleted || ProjectFacts.Any(p => entry.Property(p).IsModified))
                    {
                        touched.Units.Add(((int)entry.Property(nameof(Project.OrgUnitId)).OriginalValue!, null));
                        touched.Entities.Add((project, null));
                    }

                    break;
                case AnnualPlan plan:
                    Note(touched, entry, plan.Project, plan.ProjectId, plan.Year, (int)entry.Property(nameof(AnnualPlan.Year)).OriginalValue!);
                    break;
                case ProgressReport report:
                    Note(touched, entry, report.Project, report.ProjectId, report.Period.Year, ((Period)entry.Property(nameof(ProgressReport.Period)).OriginalValue!).Year);
                    break;
            }
        }

        return touched;
    }

    private static void Note(Touched touched, EntityEntry entry, Project? project, int projectId, int year, int originalYear)
    {
        foreach (var y in entry.State == EntityState.Modified && originalYear != year ? [year, originalYear] : new[] { year })
        {
            // A new project's id (and a new unit's) is known only after the save: read from the entity then.
            if (project is not null)
            {
                touched.Entities.Add((project, y));
            }
            else
            {
                touched.Projects.Add((projectId, y));
            }
        }
    }

    private sealed class Resume(RollupTouches touches) : IDisposable
    {
        public void Dispose() => touches.Deferred = false;
    }
}
