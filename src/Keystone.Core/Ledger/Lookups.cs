namespace Keystone.Core.Ledger;

/// <summary>Keys an import looks up in the database, in groups small enough for any provider's parameter limits.</summary>
internal static class Lookups
{
    private const int GroupSize = 1000;

    public static IEnumerable<List<T>> InGroups<T>(IEnumerable<T> keys) => keys.Chunk(GroupSize).Select(c => c.ToList());
}
