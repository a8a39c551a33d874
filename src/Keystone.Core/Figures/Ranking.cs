namespace Keystone.Core.Figures;

/// <summary>列第N位: higher is better.</summary>
public static class Ranking
{
    /// <summary>
    /// Standard competition ranks (1, 2, 2, 4) for <paramref name="values"/>, in the same order: a value's
    /// rank is one more than the number of values strictly better. Nulls (a rate with no denominator) are
    /// worse than any value and share the last rank.
    /// </summary>
    public static IReadOnlyList<int> Competition(IReadOnlyList<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var known = values.Where(v => v is not null).Select(v => v!.Value).OrderDescending().ToArray();
        return values
            .Select(v => v is { } x ? CountGreater(known, x) + 1 : known.Length + 1)
            .ToList();
    }

    private static int CountGreater(decimal[] descending, decimal value)
    {
        // Binary search for the first position not greater than value: O(n log n) for a province's thousands of zones.
        int lo = 0, hi = descending.Length;
        while (lo < hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (descending[mid] > value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
