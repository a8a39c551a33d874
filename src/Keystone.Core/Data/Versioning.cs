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

/// <summary>
/// A versioned record with rows of its own that belong to it (a factor sheet's funds and emission lines): a
/// change to such a row changes no column of the record, so the record says so here and
/// <see cref="Versioning.Bump"/> moves its version too — its version is the one token for the whole of it.
/// </summary>
public interface IVersionedWhole : IVersioned
{
    /// <summary>Whether a row of it was added, changed or removed since last asked; asking forgets it.</summary>
    bool TakeRowsChanged();
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
    /// Before a save: every versioned record the save changes (any property but the version itself, or for an
    /// <see cref="IVersionedWhole"/> one of its rows) gets the
    /// version after the one it was read with. Called by <see cref="AppDbContext"/>'s SaveChanges, so no
    /// path that saves through the context can forget it, after it has detected the save's changes.
    /// </summary>
    internal static void Bump(ChangeTracker tracker)
    {
        // A list: moving a record's version because its rows changed makes it Modified, which the tracker's
        // own enumeration would not survive.
        foreach (var entry in tracker.Entries<IVersioned>().ToList())
        {
            // Asked of every whole, saved or not, so a change of rows is counted in the save it belongs to only.
            var rows = entry.Entity is IVersionedWhole whole && whole.TakeRowsChanged();
            if (entry.State != EntityState.Modified && !(rows && entry.State == EntityState.Unchanged))
            {
                continue;
            }

            var version = entry.Property(e => e.Version);
            if (version.IsModified || (!rows && !entry.Properties.Any(p => p.IsModified)))
            {
                continue;
            }

            version.CurrentValue = version.OriginalValue + 1;
        }
    }
}
