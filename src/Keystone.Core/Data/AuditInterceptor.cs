using System.Text.Json;
using Keystone.Core.Accounts;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Periods;
using Keystone.Core.Plans;
using Keystone.Core.Problems;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Schedule;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Keystone.Core.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change to the data, in the same SaveChanges (and so the
/// same transaction) as the change itself: nothing is saved without its trace (痕迹管理), and a rolled-back
/// change leaves none. Refuses any change to the audit log itself.
/// </summary>
public sealed class AuditInterceptor : SaveChangesInterceptor
{
    public static readonly AuditInterceptor Instance = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        // "returned", not 2: the log is read by people and kept longer than the enum's numbering.
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Properties that must never be written to the log.</summary>
    private static readonly HashSet<string> Secret = [nameof(User.PasswordHash), nameof(User.SecurityStamp)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Record(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var now = db.Clock.GetUtcNow();
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is AuditEntry)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit log is append-only");
                }

                continue;
            }

            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || Describe(entry) is not { } what)
            {
                continue;
            }

            var before = entry.State == EntityState.Added ? null : Values(entry, original: true);
            var after = entry.State == EntityState.Deleted ? null : Values(entry, original: false);
            var action = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ when entry.Entity is ProgressReport report && entry.Property(nameof(ProgressReport.Status)).IsModified => report.Status.ToString().ToLowerInvariant(),
                _ when entry.Entity is Problem problem && entry.Property(nameof(Problem.Status)).IsModified => problem.Status.ToString().ToLowerInvariant(),
                _ when entry.Entity is SupervisionNotice && entry.Property(nameof(SupervisionNotice.ReplyText)).IsModified => "replied",
                _ => "updated",
            };
            entries.Add(new AuditEntry(now, db.Actor, what.Entity, what.Key, action, before, after, what.Reason));
        }

        db.AuditEntries.AddRange(entries);
    }

    private static (string Entity, string Key, string? Reason)? Describe(EntityEntry entry) => entry.Entity switch
    {
        Project p => ("project", p.Code, null),
        AnnualPlan a => ("plan", $"{CodeOf(entry, a.Project)}/{a.Year}", null),
        ProgressReport r => ("report", $"{CodeOf(entry, r.Project)}/{r.Period}", r.Status == ReportStatus.Returned ? r.ReviewComment : r.CorrectionReason),
        Enterprise e => ("enterprise", e.Uscc.Value, null),
        OrgUnit u => ("unit", u.Name, null),
        LightRuleSet l => ("lightRules", l.OrgUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), null),
        ClosedPeriod c => ("closedPeriod", $"{c.OrgUnitId}/{c.Period}", null),
        User u => ("user", u.UserName, null),
        ProjectSchedule s => ("schedule", CodeOf(entry, s.Project), null),
        ProjectWorkItem w => ("workItem", $"{CodeOf(entry, w.Project)}/{w.Group}{w.Name}", null),
        Problem p => ("problem", p.Number, p.Status == ProblemStatus.Returned ? p.Comment : null),
        SupervisionNotice n => ("notice", n.Reference, null),
        ProjectFactors f => ("factors", CodeOf(entry, f.Project), null),
        FundLine l => ("funds", $"{SheetCode(entry, nameof(FundLine.ProjectFactorsId))}/{l.Source}", null),
        EmissionQuota q => ("emissions", $"{SheetCode(entry, nameof(EmissionQuota.ProjectFactorsId))}/{q.Pollutant}", null),
        ProcedureItem i => ("procedure", $"{CodeOf(entry, i.Project)}/{i.Name}", null),

        // A problem's steps are its thread, written together with the change to the problem they record;
        // the problem's own entry carries the values before and after.
        ProblemStep => null,
        _ => null,
    };

    /// <summary>The project code of a fund line's or quota's factor sheet, found among the tracked sheets (they are loaded to be changed).</summary>
    private static string SheetCode(EntityEntry entry, string foreignKey)
    {
        var property = entry.Property(foreignKey);
        var id = entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
        var sheet = entry.Context.ChangeTracker.Entries<ProjectFactors>().FirstOrDefault(s => Equals(s.Property(nameof(Factors.ProjectFactors.Id)).CurrentValue, id));
        return sheet is null ? $"#{id}" : CodeOf(sheet, sheet.Entity.Project);
    }

    /// <summary>A plan's or report's project code, from its navigation, or from the tracked project when only the key is set.</summary>
    private static string CodeOf(EntityEntry entry, Project? project)
    {
        if (project is not null)
        {
            return project.Code;
        }

        var id = entry.Property(nameof(AnnualPlan.ProjectId)).CurrentValue;
        return entry.Context.ChangeTracker.Entries<Project>().FirstOrDefault(p => Equals(p.Entity.Id, id))?.Entity.Code
            ?? entry.Context.Set<Project>().Where(p => p.Id == (int)id!).Select(p => p.Code).FirstOrDefault()
            ?? $"#{id}";
    }

    private static string Values(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            // The row's own id says nothing the entry's key does not (and is only a temporary number before the insert).
            if (Secret.Contains(property.Metadata.Name) || property.Metadata.IsShadowProperty() || property.Metadata.IsPrimaryKey())
            {
                continue;
            }

            values[char.ToLowerInvariant(property.Metadata.Name[0]) + property.Metadata.Name[1..]] = original ? property.OriginalValue : property.CurrentValue;
        }

        return JsonSerializer.Serialize(values, Json);
    }
}
