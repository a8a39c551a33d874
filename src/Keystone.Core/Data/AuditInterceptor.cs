using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Keystone.Core.Accounts;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Ledger;
using Keystone.Core.Lights;
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
using Microsoft.EntityFrameworkCore.Metadata;

namespace Keystone.Core.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change to the data, in the same SaveChanges (and so the
/// same transaction) as the change itself: nothing is saved without its trace (痕迹管理), and a rolled-back
/// change leaves none. Each entry names the org unit it is about, so a unit's officers read their own log
/// and nobody else's. Refuses any change to the audit log itself.
/// </summary>
/// <remarks>
/// Every entity of the model is logged: those named in <see cref="Describe"/> by their business key, any
/// other by its type and id, unless it is one of <see cref="Unaudited"/> — so an entity added later is
/// logged before anyone thinks of it, and a test lists the model against both.
/// </remarks>
public sealed class AuditInterceptor : SaveChangesInterceptor
{
    public static readonly AuditInterceptor Instance = new();

    /// <summary>
    /// What is not logged, and why each: a problem's steps are its thread, written with the change to the
    /// problem they record, whose own entry has the values before and after; a staged ledger upload is a
    /// copy of a file, and the import it leads to logs every row it writes; data-protection keys are the
    /// web nodes' own keys, no one's data; the log does not log itself; the notifications sent are a log of
    /// their own (notification_messages), written by the sweep, not by anyone's change; the figure rollups, their
    /// built years and a closed month's sums are sums of logged rows, rewritten with them or with the closing (ADR 0015).
    /// </summary>
    public static readonly IReadOnlySet<Type> Unaudited = new HashSet<Type>
    {
        typeof(ProblemStep), typeof(LedgerUpload), typeof(DataProtectionKey), typeof(AuditEntry), typeof(Notifications.NotificationMessage),
        typeof(FigureRollup), typeof(RollupYear), typeof(ClosedRollup),
    };

    /// <summary>Entities written with a user's name as their key, by the sign-in code: their unit is that user's.</summary>
    private static readonly HashSet<string> ByUserName = new(StringComparer.Ordinal) { "signIn", "user", "token", "session" };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        // "returned", not 2: the log is read by people and kept longer than the enum's numbering.
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly JsonWriterOptions Writer = new() { Encoder = Json.Encoder };

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? scratch;

    /// <summary>Per entity type, the properties the log writes, in the order it writes them.</summary>
    private static readonly ConcurrentDictionary<IEntityType, (IProperty Property, JsonEncodedText Name)[]> Shapes = new();

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

    /// <summary>The properties the log writes of an entity type, in the order it writes them.</summary>
    private static (IProperty Property, JsonEncodedText Name)[] Shape(IEntityType type) => Shapes.GetOrAdd(type, t => t.GetProperties()
            .Where(p => !p.IsShadowProperty() && !p.IsPrimaryKey() && p.ClrType != typeof(byte[])
                && !p.Name.EndsWith("Hash", StringComparison.Ordinal) && !p.Name.EndsWith("Stamp", StringComparison.Ordinal)
                && !p.Name.StartsWith("Protected", StringComparison.Ordinal))
            .Select(p => (Property: p, Name: char.ToLowerInvariant(p.Name[0]) + p.Name[1..]))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => (p.Property, JsonEncodedText.Encode(p.Name, Json.Encoder)))
            .ToArray());

    /// <summary>
    /// An entity's values as the log writes them: one flat JSON object, names in camelCase and in ordinal
    /// order, without its id, shadow properties, secrets (a password hash, a security stamp, a token's hash, a
    /// robot's protected webhook and signing secret — its masked webhook is logged) or bytes (a photo's content: its name, type, size and place are logged, not the picture).
    /// <paramref name="read"/> gives each property's value; the bulk path reads them from the entity itself.
    /// </summary>
    public static string Values(IEntityType type, Func<IProperty, object?> read)
    {
        var shape = Shape(type);
        // One buffer and writer per thread, reset for each entity: an import logs hundreds of thousands.
        var (buffer, writer) = scratch ??= (new ArrayBufferWriter<byte>(1024), new Utf8JsonWriter(Stream.Null, Writer));
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        foreach (var (property, name) in shape)
        {
            writer.WritePropertyName(name);
            switch (read(property))
            {
                // The common kinds written directly, as the serializer writes them; the rest (enums as
                // names, money, dates) through it.
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case int number:
                    writer.WriteNumberValue(number);
                    break;
                case long number:
                    writer.WriteNumberValue(number);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case var value:
                    JsonSerializer.Serialize(writer, value, value.GetType(), Json);
                    break;
            }
        }

        writer.WriteEndObject();
        writer.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Record(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        // The context detected the save's changes before it began (AppDbContext.SaveChanges): not again here.
        var now = db.Clock.GetUtcNow();
        var entries = new List<AuditEntry>();
        var units = new Attribution(db);
        db.AuditAfterSave.Clear();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is AuditEntry written)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit log is append-only");
                }

                // An entry the code wrote itself (a sign-in) names a user, not a unit: the user's unit is its unit.
                if (entry.State == EntityState.Added && written.OrgUnitId is null && ByUserName.Contains(written.Entity) && units.OfUser(written.EntityKey) is { } unit)
                {
                    written.AttributeTo(unit);
                }

                continue;
            }

            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || Unaudited.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            var what = Describe(entry, units);
            if (entry.State == EntityState.Added && HasTemporaryValues(entry))
            {
                // It points at something created in this same save, whose id the database has not given yet: its
                // values are written once the save has them (AppDbContext.SaveChangesAsync), never a temporary id.
                db.AuditAfterSave.Add(() => new AuditEntry(now, db.Actor, what.Entity, what.Key, "created", null, Values(entry.Metadata, p => entry.Property(p).CurrentValue), what.Reason, what.Unit));
                continue;
            }

            var before = entry.State == EntityState.Added ? null : Values(entry.Metadata, p => entry.Property(p).OriginalValue);
            var after = entry.State == EntityState.Deleted ? null : Values(entry.Metadata, p => entry.Property(p).CurrentValue);
            var action = entry.State switch
            {
                EntityState.Added => "created",
                EntityState.Deleted => "deleted",
                _ when entry.Entity is ProgressReport report && entry.Property(nameof(ProgressReport.Status)).IsModified => report.Status.ToString().ToLowerInvariant(),
                _ when entry.Entity is Problem problem && entry.Property(nameof(Problem.Status)).IsModified => problem.Status.ToString().ToLowerInvariant(),
                _ when entry.Entity is SupervisionNotice && entry.Property(nameof(SupervisionNotice.ReplyText)).IsModified => "replied",
                _ => "updated",
            };
            entries.Add(new AuditEntry(now, db.Actor, what.Entity, what.Key, action, before, after, what.Reason, what.Unit));
        }

        db.AuditEntries.AddRange(entries);
    }

    private sealed record Subject(string Entity, string Key, string? Reason, int? Unit);

    /// <summary>Whether an added entity's logged values hold a temporary id (a key of something added in the same save).</summary>
    private static bool HasTemporaryValues(EntityEntry entry) =>
        Shape(entry.Metadata).Any(p => entry.Property(p.Property).IsTemporary);

    /// <summary>Whether a save has changes whose log entries wait for it (<see cref="HasTemporaryValues"/>): it then runs in a transaction.</summary>
    public static bool LogsAfterSave(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        return tracker.Entries().Any(e => e.State == EntityState.Added && !Unaudited.Contains(e.Metadata.ClrType) && HasTemporaryValues(e));
    }

    /// <summary>Whether this save gives the plan entry its correction (a new entry with one, or any of its three set anew).</summary>
    private static bool CorrectedNow(EntityEntry entry) =>
        entry.State == EntityState.Added
        || entry.Property(nameof(AnnualPlan.CorrectionReason)).IsModified
        || entry.Property(nameof(AnnualPlan.CorrectedAt)).IsModified
        || entry.Property(nameof(AnnualPlan.CorrectedBy)).IsModified;

    private static Subject Describe(EntityEntry entry, Attribution units) => entry.Entity switch
    {
        Project p => new("project", p.Code, null, units.OfProject(entry)),
        // A plan entry's reason is the why of this change only when the change gave one (it set the correction anew).
        AnnualPlan a => new("plan", $"{units.CodeOf(entry, a.Project)}/{a.Year}", CorrectedNow(entry) ? a.CorrectionReason : null, units.OfProjectOf(entry, a.Project)),
        ProgressReport r => new("report", $"{units.CodeOf(entry, r.Project)}/{r.Period}", r.Status == ReportStatus.Returned ? r.ReviewComment : r.CorrectionReason, units.OfProjectOf(entry, r.Project)),
        ReportPhoto f => new("photo", $"{units.CodeOf(entry, null)}/{f.Period}/{f.FileName}", null, units.OfProjectOf(entry, null)),
        Enterprise e => new("enterprise", e.Uscc.Value, null, units.OfEnterprise(entry)),
        OrgUnit u => new("unit", u.Name, null, units.Of(entry, nameof(OrgUnit.Id))),
        LightRuleSet l => new("lightRules", l.OrgUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, units.Of(entry, nameof(LightRuleSet.OrgUnitId))),
        ClosedPeriod c => new("closedPeriod", $"{c.OrgUnitId}/{c.Period}", null, units.Of(entry, nameof(ClosedPeriod.OrgUnitId))),
        User u => new("user", u.UserName, null, units.Of(entry, nameof(User.OrgUnitId))),
        ApiToken => units.OfToken(entry),
        ProjectSchedule s => new("schedule", units.CodeOf(entry, s.Project), null, units.OfProjectOf(entry, s.Project)),
        ProjectWorkItem w => new("workItem", $"{units.CodeOf(entry, w.Project)}/{w.Group}{w.Name}", null, units.OfProjectOf(entry, w.Project)),
        Problem p => new("problem", p.Number, p.Status == ProblemStatus.Returned ? p.Comment : null, units.Of(entry, nameof(Problem.OrgUnitId))),
        SupervisionNotice n => new("notice", n.Reference, null, units.OfNotice(entry, n)),
        ProjectFactors f => new("factors", units.CodeOf(entry, f.Project), null, units.OfProjectOf(entry, f.Project)),
        FundLine l => units.OfSheetLine(entry, "funds", nameof(FundLine.ProjectFactorsId), l.Source.ToString()),
        EmissionQuota q => units.OfSheetLine(entry, "emissions", nameof(EmissionQuota.ProjectFactorsId), q.Pollutant),
        ProcedureItem i => new("procedure", $"{units.CodeOf(entry, i.Project)}/{i.Name}", null, units.OfProjectOf(entry, i.Project)),
        Notifications.GroupRobot r => new("robot", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.OrgUnitId}/{r.Name}"), null, units.Of(entry, nameof(Notifications.GroupRobot.OrgUnitId))),
        Calendar.CalendarEntry d => new("calendar", d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, null),

        // Anything else the model holds is still logged, by its type and id, in its unit if it has one.
        _ => new(
            char.ToLowerInvariant(entry.Metadata.ClrType.Name[0]) + entry.Metadata.ClrType.Name[1..],
            entry.Metadata.FindPrimaryKey() is { Properties: [var key] } && !entry.Property(key.Name).IsTemporary ? Convert.ToString(entry.Property(key.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "new",
            null,
            entry.Metadata.FindProperty(nameof(Project.OrgUnitId)) is { } unitProperty && !unitProperty.IsShadowProperty() ? units.Of(entry, nameof(Project.OrgUnitId)) : null),
    };

    /// <summary>
    /// Finds the unit (and project code) of what a save changes, from the tracked entities first and the
    /// database only for what is not tracked; each looked up once per save, so an import's batch of
    /// thousands of plans costs one pass over the tracker, not one per plan.
    /// </summary>
    private sealed class Attribution(AppDbContext db)
    {
        private Dictionary<object, EntityEntry>? projects;
        private Dictionary<object, EntityEntry>? addedUnits;
        private Dictionary<int, int?>? parents;
        private readonly Dictionary<int, (string Code, int Unit)?> stored = [];

        /// <summary>
        /// A unit id as the change leaves it (as it was, for a deletion). A unit created in this same save
        /// has only a temporary id yet, so the entry goes to the nearest unit above it that exists already.
        /// </summary>
        public int? Of(EntityEntry entry, string property)
        {
            var value = Value(entry, property);
            if (value is null)
            {
                return null;
            }

            addedUnits ??= db.ChangeTracker.Entries<OrgUnit>().Where(u => u.State == EntityState.Added)
                .ToDictionary(u => u.Property(nameof(OrgUnit.Id)).CurrentValue!, u => (EntityEntry)u);
            return addedUnits.TryGetValue(value, out var unit) ? Of(unit, nameof(OrgUnit.ParentId)) : (int)value;
        }

        /// <summary>
        /// A project's unit; a project moved between units belongs to the lowest unit above both, the only
        /// one whose officers may see where it came from and where it went.
        /// </summary>
        public int? OfProject(EntityEntry project)
        {
            var unit = project.Property(nameof(Project.OrgUnitId));
            if (project.State == EntityState.Modified && unit.IsModified && !Equals(unit.OriginalValue, unit.CurrentValue) && Of(project, nameof(Project.OrgUnitId)) is { } to)
            {
                return Common((int)unit.OriginalValue!, to);
            }

            return Of(project, nameof(Project.OrgUnitId));
        }

        /// <summary>The unit of the project a plan, report, photo, sheet or checklist item belongs to.</summary>
        public int? OfProjectOf(EntityEntry entry, Project? navigation) =>
            TrackedProject(entry, navigation) is { } project ? OfProject(project) : Stored(Value(entry, nameof(AnnualPlan.ProjectId)))?.Unit;

        /// <summary>A plan's or report's project code, from its navigation, or from the tracked project when only the key is set.</summary>
        public string CodeOf(EntityEntry entry, Project? navigation)
        {
            if (TrackedProject(entry, navigation) is { } project)
            {
                return ((Project)project.Entity).Code;
            }

            var id = Value(entry, nameof(AnnualPlan.ProjectId));
            return Stored(id)?.Code ?? $"#{id}";
        }

        public Subject OfSheetLine(EntityEntry entry, string entity, string foreignKey, string line)
        {
            var id = Value(entry, foreignKey);
            var sheet = db.ChangeTracker.Entries<ProjectFactors>().FirstOrDefault(s => Equals(s.Property(nameof(ProjectFactors.Id)).CurrentValue, id));
            if (sheet is not null)
            {
                return new(entity, $"{CodeOf(sheet, sheet.Entity.Project)}/{line}", null, OfProjectOf(sheet, sheet.Entity.Project));
            }

            var project = id is int sheetId ? db.ProjectFactors.Where(f => f.Id == sheetId).Select(f => (int?)f.ProjectId).FirstOrDefault() : null;
            return new(entity, $"{Stored(project)?.Code ?? $"#{id}"}/{line}", null, Stored(project)?.Unit);
        }

        /// <summary>A notice is about its problem, whatever unit issued it: the problem's unit, else the issuer's.</summary>
        public int? OfNotice(EntityEntry entry, SupervisionNotice notice)
        {
            if (notice.Problem is { } problem)
            {
                return Of(db.Entry(problem), nameof(Problem.OrgUnitId));
            }

            var id = Value(entry, nameof(SupervisionNotice.ProblemId));
            return (id is int problemId ? db.Problems.Where(p => p.Id == problemId).Select(p => (int?)p.OrgUnitId).FirstOrDefault() : null)
                ?? Of(entry, nameof(SupervisionNotice.IssuingUnitId));
        }

        /// <summary>
        /// An enterprise is its owner's, where the model gives it one; until then, the unit of the project
        /// that registered or renamed it in the same save; else no unit (a province administrator's to read).
        /// </summary>
        public int? OfEnterprise(EntityEntry entry)
        {
            foreach (var owner in new[] { "OwnerUnitId", "OrgUnitId" })
            {
                if (entry.Metadata.FindProperty(owner) is { } property && !property.IsShadowProperty() && Of(entry, owner) is { } unit)
                {
                    return unit;
                }
            }

            var id = entry.Property(nameof(Enterprise.Id)).CurrentValue;
            var linked = db.ChangeTracker.Entries<Project>().FirstOrDefault(p => Equals(p.Property(nameof(Project.EnterpriseId)).CurrentValue, id));
            return linked is null ? null : OfProject(linked);
        }

        /// <summary>A token is its user's: logged under the user's name, in the user's unit.</summary>
        public Subject OfToken(EntityEntry entry)
        {
            var id = Value(entry, nameof(ApiToken.UserId));
            var user = db.ChangeTracker.Entries<User>().FirstOrDefault(u => Equals(u.Property(nameof(User.Id)).CurrentValue, id));
            if (user is not null)
            {
                return new("token", user.Entity.UserName, null, Of(user, nameof(User.OrgUnitId)));
            }

            var stored = id is int userId ? db.Users.Where(u => u.Id == userId).Select(u => new { u.UserName, u.OrgUnitId }).FirstOrDefault() : null;
            return new("token", stored?.UserName ?? $"#{id}", null, stored?.OrgUnitId);
        }

        /// <summary>The unit of the user a sign-in entry names, if there is such a user.</summary>
        public int? OfUser(string userName)
        {
            var name = userName.Split('/')[0];
            var tracked = db.ChangeTracker.Entries<User>().FirstOrDefault(u => u.Entity.UserName == name);
            return tracked is not null ? Of(tracked, nameof(User.OrgUnitId))
                : db.Users.Where(u => u.UserName == name).Select(u => (int?)u.OrgUnitId).FirstOrDefault();
        }

        private EntityEntry? TrackedProject(EntityEntry entry, Project? navigation)
        {
            if (navigation is not null)
            {
                return db.Entry(navigation);
            }

            projects ??= db.ChangeTracker.Entries<Project>().ToDictionary(p => p.Property(nameof(Project.Id)).CurrentValue!, p => (EntityEntry)p);
            var id = Value(entry, nameof(AnnualPlan.ProjectId));
            return id is not null && projects.TryGetValue(id, out var project) ? project : null;
        }

        /// <summary>A project that is not tracked: its code and unit as stored.</summary>
        private (string Code, int Unit)? Stored(object? id)
        {
            if (id is not int projectId)
            {
                return null;
            }

            if (!stored.TryGetValue(projectId, out var found))
            {
                var row = db.Projects.Where(p => p.Id == projectId).Select(p => new { p.Code, p.OrgUnitId }).FirstOrDefault();
                found = row is null ? null : (row.Code, row.OrgUnitId);
                stored[projectId] = found;
            }

            return found;
        }

        /// <summary>The lowest unit that both units are within (the root, if they share nothing else).</summary>
        private int? Common(int a, int b)
        {
            parents ??= db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionary(u => u.Id, u => u.ParentId);
            var above = new HashSet<int>();
            int? u = a;
            while (u is { } up && above.Add(up))
            {
                u = parents.GetValueOrDefault(up);
            }

            u = b;
            while (u is { } id && !above.Contains(id))
            {
                u = parents.GetValueOrDefault(id);
            }

            return u;
        }

        private static object? Value(EntityEntry entry, string property)
        {
            var p = entry.Property(property);
            return entry.State == EntityState.Deleted ? p.OriginalValue : p.CurrentValue;
        }
    }
}
