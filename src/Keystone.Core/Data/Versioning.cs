using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Keystone.Core.Data;

/// <summary>
/// A record officers edit through forms and the API, guarded by optimistic concurrency (乐观并发): its
/// <see cref="Version"/> goes up by one on every save that changes it, whoever saves — a form, the API, an
/// import or the CLI — and is the concurrency token of its row, so a save of a copy read before someone
/// else's change is refused instead of silently overwriting it (docs/domain.md "Concurrent edits").
/// </summary>
public interface IVersioned
{
    /// <summary>1 when created; one more after each saved change. The API's ETag, an edit form's hidden field.</summary>
    int Version { get; }
}

/// <summary>How <see cref="IVersioned"/> records are mapped and how their versions move.</summary>
public static class Versioning
{
    public const string Property = nameof(IVersioned.Version);

    /// <summary>
    /// Maps every <see cref="IVersioned"/> entity's version as its row's concurrency token: an UPDATE or DELETE
    /// matches only the version read. One rule for the whole model, so a record made versioned cannot miss it.
    /// </summary>
    public static void ConfigureAll(ModelBuilder modelBuilder)
    {
        foreach (var type in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)).ToList())
        {
            modelBuilder.Entity(type.ClrType).Property(Property).IsConcurrencyToken();
        }
    }

    /// <summary>
    /// Before a save: every versioned record the save changes (any property but the version itself) gets the
    /// version after the one it was read with. Called by <see cref="AppDbContext"/>'s SaveChanges, so no
    /// path that saves through the context can forget it, after it has detected the save's changes.
    /// </summary>
    internal static void Bump(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<IVersioned>())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }

            var version = entry.Property(e => e.Version);
            if (version.IsModified || !entry.Properties.Any(p => p.IsModified))
            {
                continue;
            }

            version.CurrentValue = version.OriginalValue + 1;
        }
    }
}
