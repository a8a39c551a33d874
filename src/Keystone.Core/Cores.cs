namespace Keystone.Core;

/// <summary>
/// How much of the machine one piece of a province's work takes at once: its plan rows read in parts, its lights judged
/// and its figures counted in ranges. One place, so every such split agrees on the cores and on what is large.
/// </summary>
internal static class Cores
{
    /// <summary>Into how many parts such work splits: as many as cores, up to four (one on a single core).</summary>
    public static int Parts => Math.Min(Environment.ProcessorCount, 4);

    /// <summary>From how many plan rows pure work over them is split (a province's, not a zone's or a city's).</summary>
    public const int ParallelRows = 20_000;
}
