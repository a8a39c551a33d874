using System.Buffers.Binary;
using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Core.Figures;

/// <summary>
/// One plan row as a rollup adds it: what <see cref="FiguresEngine.Compute"/> reads of the row, with its year-to-date
/// investment at the end of every month of the year (the latest approved report up to that month) instead of at
/// one date, so the sums answer for any date of the year.
/// </summary>
public sealed record RollupRow
{
    public required ProjectLevels Levels { get; init; }

    public required ProjectCategory Category { get; init; }

    public required Nature Nature { get; init; }

    public required long TotalFen { get; init; }

    public required long PlanFen { get; init; }

    /// <summary>The start (开工/复工) in the year, <see cref="FiguresEngine.StartDateInYear(Nature, DateOnly?, DateOnly?, int)"/>.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>本年完成投资 in fen at the end of month 1..12 (index 0..11); null before the first approved report.</summary>
    public required long?[] YearToDate { get; init; }
}

/// <summary>
/// The additive sums behind a scope's figures (docs/decisions/0015-figure-rollups.md): counts and money, starts by day
/// of the year and year-to-date investment by month. Sums of disjoint row sets add up, so a city's are its zones' plus
/// its own; <see cref="Figures"/> turns them into exactly the <see cref="ScopeFigures"/> that
/// <see cref="FiguresEngine.Compute"/> gives for the same rows at any date.
/// </summary>
public sealed class FigureSums
{
    private const int Days = 366;
    private const byte Format = 1;

    private readonly int[] resumedOn = new int[Days];
    private readonly int[] newOn = new int[Days];
    private readonly long[] completedBy = new long[12];
    private readonly int[] reportedBy = new int[12];

    public int Planned { get; private set; }

    public int Continuing { get; private set; }

    public long TotalFen { get; private set; }

    public long PlanFen { get; private set; }

    public bool IsEmpty => Planned == 0;

    /// <summary>Adds one row of year <paramref name="year"/>.</summary>
    public void Add(RollupRow row, int year)
    {
        ArgumentNullException.ThrowIfNull(row);
        Planned++;
        TotalFen += row.TotalFen;
        PlanFen += row.PlanFen;
        var starts = row.Nature switch
        {
            Nature.Continuing => resumedOn,
            Nature.New => newOn,
            _ => throw new ArgumentOutOfRangeException(nameof(row), row.Nature, "A plan row has no valid nature"),
        };
        if (row.Nature == Nature.Continuing)
        {
            Continuing++;
        }

        if (row.Start is { } start && start.Year == year)
        {
            starts[start.DayOfYear - 1]++;
        }

        for (var m = 0; m < 12; m++)
        {
            if (row.YearToDate[m] is { } fen)
            {
                completedBy[m] += fen;
                reportedBy[m]++;
            }
        }
    }

    /// <summary>Adds another set's sums (a child unit's, to its parent's).</summary>
    public void Add(FigureSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Planned += other.Planned;
        Continuing += other.Continuing;
        TotalFen += other.TotalFen;
        PlanFen += other.PlanFen;
        for (var d = 0; d < Days; d++)
        {
            resumedOn[d] += other.resumedOn[d];
            newOn[d] += other.newOn[d];
        }

        for (var m = 0; m < 12; m++)
        {
            completedBy[m] += other.completedBy[m];
            reportedBy[m] += other.reportedBy[m];
        }
    }

    /// <summary>The figures of the rows summed, for year <paramref name="year"/> as of <paramref name="asOf"/>.</summary>
    public ScopeFigures Figures(int year, DateOnly asOf)
    {
        // Starts on or before the as-of date: none before the year, all after it.
        var lastDay = asOf.Year < year ? 0 : asOf.Year > year ? Days : asOf.DayOfYear;
        int resumed = 0, newlyStarted = 0;
        for (var d = 0; d < lastDay; d++)
        {
            resumed += resumedOn[d];
            newlyStarted += newOn[d];
        }

        // The reports that count: up to the as-of month in the year, all twelve after it, none before it.
        var month = asOf.Year < year ? 0 : asOf.Year > year ? 12 : asOf.Month;
        var completed = month == 0 ? 0 : completedBy[month - 1];
        var reported = month == 0 ? 0 : reportedBy[month - 1];
        return FiguresEngine.Of(
            year, asOf, Planned, Continuing, resumed, newlyStarted, Money.FromFen(TotalFen), Money.FromFen(PlanFen), Money.FromFen(completed), reported);
    }

    /// <summary>
    /// The per-day and per-month sums as stored beside the counts (<see cref="Read"/> reverses it): a format byte, then
    /// unsigned LEB128 varints — the 366 days' resumptions, the 366 days' new starts, the 12 months' reported counts —
    /// and the 12 months' completed fen zigzag-encoded (a correction may be negative).
    /// </summary>
    public byte[] Write()
    {
        var buffer = new byte[1 + (Days * 2 * 5) + (12 * 5) + (12 * 10)];
        var at = 0;
        buffer[at++] = Format;
        foreach (var n in resumedOn)
        {
            at = Put(buffer, at, (ulong)n);
        }

        foreach (var n in newOn)
        {
            at = Put(buffer, at, (ulong)n);
        }

        foreach (var n in reportedBy)
        {
            at = Put(buffer, at, (ulong)n);
        }

        foreach (var fen in completedBy)
        {
            at = Put(buffer, at, unchecked((ulong)((fen << 1) ^ (fen >> 63))));
        }

        return buffer[..at];
    }

    /// <summary>Sums from their stored form: the counts as columns, the days and months as <see cref="Write"/> wrote them.</summary>
    public static FigureSums Read(int planned, int continuing, long totalFen, long planFen, ReadOnlySpan<byte> days)
    {
        if (days.Length == 0 || days[0] != Format)
        {
            throw new InvalidDataException("A figure rollup's sums are not in a format this version reads; rebuild them (keystone db rollups)");
        }

        var sums = new FigureSums { Planned = planned, Continuing = continuing, TotalFen = totalFen, PlanFen = planFen };
        var at = 1;
        for (var d = 0; d < Days; d++)
        {
            sums.resumedOn[d] = checked((int)Get(days, ref at));
        }

        for (var d = 0; d < Days; d++)
        {
            sums.newOn[d] = checked((int)Get(days, ref at));
        }

        for (var m = 0; m < 12; m++)
        {
            sums.reportedBy[m] = checked((int)Get(days, ref at));
        }

        for (var m = 0; m < 12; m++)
        {
            var zig = Get(days, ref at);
            sums.completedBy[m] = unchecked((long)(zig >> 1) ^ -(long)(zig & 1));
        }

        return sums;
    }

    /// <summary>Whether two sets of sums are equal in every count (a rebuilt rollup against a kept one).</summary>
    public bool SameAs(FigureSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Planned == other.Planned && Continuing == other.Continuing && TotalFen == other.TotalFen && PlanFen == other.PlanFen
            && resumedOn.AsSpan().SequenceEqual(other.resumedOn) && newOn.AsSpan().SequenceEqual(other.newOn)
            && completedBy.AsSpan().SequenceEqual(other.completedBy) && reportedBy.AsSpan().SequenceEqual(other.reportedBy);
    }

    private static int Put(byte[] buffer, int at, ulong value)
    {
        while (value >= 0x80)
        {
            buffer[at++] = unchecked((byte)(value | 0x80));
            value >>= 7;
        }

        buffer[at++] = (byte)value;
        return at;
    }

    private static ulong Get(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at >= bytes.Length || shift > 63)
            {
                throw new InvalidDataException("A figure rollup's sums are cut short or damaged; rebuild them (keystone db rollups)");
            }

            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}

/// <summary>
/// The slices a rollup keeps of a scope: every row, each key list (a row on two lists is in both) and each
/// category — the narrowings the figures API and `keystone figures --level` ask for.
/// </summary>
public static class RollupSlice
{
    public const int All = 0;

    /// <summary>Every slice a row may fall in: 0 all, 1–4 the key lists in <see cref="ProjectVocabulary.AllLevels"/> order, 5–8 the categories.</summary>
    public const int Count = 9;

    /// <summary>The slices of a row.</summary>
    public static IEnumerable<int> Of(RollupRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        yield return All;
        for (var i = 0; i < ProjectVocabulary.AllLevels.Count; i++)
        {
            if (row.Levels.HasFlag(ProjectVocabulary.AllLevels[i]))
            {
                yield return 1 + i;
            }
        }

        yield return 5 + (int)row.Category;
    }

    /// <summary>The slice that answers a filter, or null when none does (several lists, a category with a list, a chain).</summary>
    public static int? Of(PlanRowFilter? filter)
    {
        if (filter is null)
        {
            return All;
        }

        if (!string.IsNullOrWhiteSpace(filter.IndustryChain) || (filter.Levels is not null && filter.Category is not null))
        {
            return null;
        }

        if (filter.Levels is { } levels)
        {
            var index = ProjectVocabulary.AllLevels.ToList().IndexOf(levels);
            return index < 0 ? null : 1 + index;
        }

        return filter.Category is { } category ? 5 + (int)category : All;
    }
}
