namespace Keystone.Core.Figures;

/// <summary>
/// A <see cref="FigureSums"/> as a row keeps it: the counts and money as columns, the starts by day and investment by
/// month as one value. What <see cref="FigureRollup"/> and <see cref="ClosedRollup"/> share; not an entity of its own.
/// </summary>
public abstract class KeptSums
{
    protected KeptSums(FigureSums sums)
    {
        ArgumentNullException.ThrowIfNull(sums);
        Planned = sums.Planned;
        Continuing = sums.Continuing;
        TotalFen = sums.TotalFen;
        PlanFen = sums.PlanFen;
        Sums = sums.Write();
    }

    protected KeptSums()
    {
        Sums = [];
    }

    public int Planned { get; private set; }

    public int Continuing { get; private set; }

    public long TotalFen { get; private set; }

    public long PlanFen { get; private set; }

    /// <summary>Starts by day and investment by month, as <see cref="FigureSums.Write"/> writes them.</summary>
    public byte[] Sums { get; private set; }

    public FigureSums Read() => FigureSums.Read(Planned, Continuing, TotalFen, PlanFen, Sums);
}

/// <summary>
/// The kept sums of one slice of a unit's plan rows for a year (docs/decisions/0015-figure-rollups.md): derived data,
/// rewritten with every change to the rows it sums, never edited. <see cref="Subtree"/> false holds the unit's own
/// projects; true the unit and everything below it, which a scope's figures read. <see cref="OrgUnitId"/> 0 is every
/// unit (the nation, or all the provinces a database holds).
/// </summary>
public sealed class FigureRollup : KeptSums
{
    public FigureRollup(int orgUnitId, int year, bool subtree, int slice, FigureSums sums)
        : base(sums)
    {
        OrgUnitId = orgUnitId;
        Year = year;
        Subtree = subtree;
        Slice = slice;
    }

    private FigureRollup()
    {
    }

    public int OrgUnitId { get; private set; }

    public int Year { get; private set; }

    public bool Subtree { get; private set; }

    public int Slice { get; private set; }
}

/// <summary>A year whose rollups are built: kept current by every write from then on, and read by the figures.</summary>
public sealed class RollupYear
{
    public RollupYear(int year, DateTimeOffset builtAt)
    {
        Year = year;
        BuiltAt = builtAt;
    }

    public int Year { get; private set; }

    public DateTimeOffset BuiltAt { get; private set; }
}

/// <summary>
/// The sums of one slice of a unit's subtree in a closed month (关账), from the plan rows the closing froze: what that
/// month's figures read, for any day of it, instead of every frozen row (docs/decisions/0015-figure-rollups.md). Written
/// with the closing (or by the first start after an upgrade, from its frozen rows), never changed: a closing is never
/// reopened. The closing's own unit always has its <see cref="RollupSlice.All"/> row, even when empty, so a closing
/// whose sums are kept is told from one closed before they were.
/// </summary>
public sealed class ClosedRollup : KeptSums
{
    public ClosedRollup(int closedPeriodId, int orgUnitId, int slice, FigureSums sums)
        : base(sums)
    {
        ClosedPeriodId = closedPeriodId;
        OrgUnitId = orgUnitId;
        Slice = slice;
    }

    private ClosedRollup()
    {
    }

    public int ClosedPeriodId { get; private set; }

    /// <summary>The unit whose own frozen rows these sum (a scope's figures add up the units of its subtree).</summary>
    public int OrgUnitId { get; private set; }

    public int Slice { get; private set; }
}
