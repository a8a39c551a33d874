using System.Collections.Concurrent;

namespace Keystone.Core.Periods;

/// <summary>
/// The closings a node read last, each keyed by its database, id and closing instant (a closing never changes once
/// written, so a kept one is never stale), up to <see cref="MaxRows"/> frozen rows in all; past that the oldest go.
/// </summary>
internal static class ClosingCache
{
    /// <summary>Rows and their JSON take about 1.2 KB a row: at most about 150 MB, a 100,000-project province's month or a few smaller ones.</summary>
    public const int MaxRows = 120_000;

    private static readonly ConcurrentDictionary<(string Database, int Id, DateTimeOffset ClosedAt), (ClosedPeriod Closing, long Used)> Kept = new();
    private static long clock;

    public static ClosedPeriod? Get((string, int, DateTimeOffset) key)
    {
        if (!Kept.TryGetValue(key, out var kept))
        {
            return null;
        }

        Kept[key] = (kept.Closing, Interlocked.Increment(ref clock));
        return kept.Closing;
    }

    public static ClosedPeriod Keep((string, int, DateTimeOffset) key, ClosedPeriod closing)
    {
        ArgumentNullException.ThrowIfNull(closing);
        if (closing.Rows > MaxRows)
        {
            return closing;
        }

        Kept[key] = (closing, Interlocked.Increment(ref clock));
        while (Kept.Values.Sum(k => (long)k.Closing.Rows) > MaxRows && Kept.OrderBy(k => k.Value.Used).FirstOrDefault() is { Key: var oldest })
        {
            Kept.TryRemove(oldest, out _);
        }

        return closing;
    }
}
