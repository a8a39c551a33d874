using Keystone.Core.Data;
using Keystone.Core.Figures;
using Keystone.Core.Progress;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Desk;

/// <summary>
/// The figure rollups (docs/decisions/0015-figure-rollups.md): per unit and year, the sums of its own plan rows and of its
/// whole subtree, in <see cref="RollupSlice"/> slices, kept current by every save and import that changes a plan row in
/// the same transaction, and read by <see cref="ScopeDesk.FiguresAsync"/> instead of every row of the scope. A year is
/// read from rollups only once built (<see cref="RollupYear"/>); until then the figures are computed from the rows.
/// </summary>
public static class RollupData
{
    /// <summary>The rollup of every unit together (the nation, or every province the database holds).</summary>
    public const int AllUnits = 0;

    /// <summary>The advisory-lock namespace of a year's build on PostgreSQL (units lock on their own id, every unit on 0).</summary>
    private const int YearLock = -1;

    /// <summary>Units whose rows are read in one query; a build reads the units in groups this size.</summary>
    private const int UnitsPerRead = 100;

    /// <summary>
    /// The figures of a scope (<paramref name="unitId"/>, or <see cref="AllUnits"/>) from its rollup, or null when the year
    /// has no rollups yet (the caller computes them from the rows).
    /// </summary>
    public static async Task<ScopeFigures?> FiguresAsync(AppDbContext db, int unitId, int year, DateOnly asOf, int slice, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.RollupYears.AsNoTracking().AnyAsync(y => y.Year == year, ct))
        {
            return null;
        }

        var row = await db.FigureRollups.AsNoTracking()
            .Where(r => r.OrgUnitId == unitId && r.Year == year && r.Subtree && r.Slice == slice)
            .FirstOrDefaultAsync(ct);
        return (row?.Read() ?? new FigureSums()).Figures(year, asOf);
    }

    /// <summary>
    /// The peers' figures ranked as <see cref="FiguresEngine.ByUnit"/> ranks them from their rows, from each peer's kept
    /// subtree sums: in id order, a peer with no plan entry left out (it has no rows to group). Null when the year has no
    /// rollups yet.
    /// </summary>
    public static async Task<IReadOnlyList<UnitFigures>?> PeersAsync(AppDbContext db, IReadOnlyCollection<int> peers, int year, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(peers);
        if (!await db.RollupYears.AsNoTracking().AnyAsync(y => y.Year == year, ct))
        {
            return null;
        }

        var rows = await db.FigureRollups.AsNoTracking()
            .Where(r => peers.Contains(r.OrgUnitId) && r.Year == year && r.Subtree && r.Slice == RollupSlice.All)
            .ToListAsync(ct);
        var figures = rows
            .Select(r => (Id: r.OrgUnitId, Figures: r.Read().Figures(year, asOf)))
            .Where(p => p.Figures.Planned > 0)
            .OrderBy(p => p.Id)
            .ToList();
        return FiguresEngine.Ranked(figures);
    }

    /// <summary>
    /// Brings the rollups of what a save touched up to date: each touched unit's own sums from its rows, then the subtree
    /// sums of it and of every unit above it, bottom up. Touches of a year not built yet build that year whole. Runs in
    /// the caller's transaction; on PostgreSQL each unit is locked (advisory, until the commit) before its sums are
    /// read, so two writers under one city both end with the city's sums of both their changes.
    /// </summary>
    public static async Task RefreshAsync(AppDbContext db, Touched touched, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(touched);
        if (touched.IsEmpty)
        {
            return;
        }

        var units = touched.Units.ToHashSet();
        foreach (var (project, year) in touched.Entities)
        {
            units.Add((project.OrgUnitId, year));
        }

        var unknown = touched.Projects.Select(p => p.Project).Distinct().ToList();
        if (unknown.Count > 0)
        {
            var unitOf = await db.Projects.AsNoTracking().Where(p => unknown.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.OrgUnitId, ct);
            foreach (var (project, year) in touched.Projects)
            {
                if (unitOf.TryGetValue(project, out var unit))
                {
                    units.Add((unit, year));
                }
            }
        }

        var built = await db.RollupYears.AsNoTracking().Select(y => y.Year).ToListAsync(ct);
        var byYear = units
            .SelectMany(u => u.Year is { } y ? [(u.Unit, Year: y)] : built.Select(y => (u.Unit, Year: y)))
            .Where(u => u.Unit != 0)
            .GroupBy(u => u.Year, u => u.Unit);
        OrgTree? tree = null;
        foreach (var year in byYear.OrderBy(g => g.Key))
        {
            tree ??= await db.LoadTreeAsync(ct);
            if (!built.Contains(year.Key))
            {
                await BuildAsync(db, tree, year.Key, ct);
                built.Add(year.Key);
                continue;
            }

            await LockAsync(db, YearLock, year.Key, shared: true, ct);
            await RefreshAsync(db, tree, year.Key, year.Where(tree.Contains).ToHashSet(), ct);
        }
    }

    /// <summary>
    /// Builds year <paramref name="year"/>'s rollups from the rows (again, when built): every unit's own sums, then every
    /// subtree's. Run by the first write of a year and by `keystone db rollups`.
    /// </summary>
    public static async Task BuildAsync(AppDbContext db, OrgTree tree, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tree);
        await LockAsync(db, YearLock, year, shared: false, ct);
        await db.FigureRollups.Where(r => r.Year == year).ExecuteDeleteAsync(ct);
        await db.RollupYears.Where(r => r.Year == year).ExecuteDeleteAsync(ct);
        var all = tree.All.Select(u => u.Id).ToHashSet();
        await RefreshAsync(db, tree, year, all, ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO rollup_years (\"Year\", \"BuiltAt\") VALUES ({year}, {db.Clock.GetUtcNow().UtcDateTime})", ct);
    }

    /// <summary>Builds the rollups of every year that has plan entries and none yet (after an upgrade: the first start migrates and builds).</summary>
    public static async Task BuildMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var planned = await db.AnnualPlans.AsNoTracking().Select(a => a.Year).Distinct().ToListAsync(ct);
        var built = await db.RollupYears.AsNoTracking().Select(y => y.Year).ToListAsync(ct);
        var missing = planned.Except(built).Order().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var tree = await db.LoadTreeAsync(ct);
        foreach (var year in missing)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await db.RollupYears.AnyAsync(y => y.Year == year, ct))
            {
                await BuildAsync(db, tree, year, ct);
            }

            await tx.CommitAsync(ct);
        }
    }

    /// <summary>
    /// Every slice's kept subtree sums of a unit, indexed by <see cref="RollupSlice"/> (empty sums for a slice with no
    /// rows), or null when the year has no rollups yet.
    /// </summary>
    public static async Task<FigureSums[]?> SlicesAsync(AppDbContext db, int unitId, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.RollupYears.AsNoTracking().AnyAsync(y => y.Year == year, ct))
        {
            return null;
        }

        var slices = new FigureSums[RollupSlice.Count];
        foreach (var row in await db.FigureRollups.AsNoTracking().Where(r => r.OrgUnitId == unitId && r.Year == year && r.Subtree).ToListAsync(ct))
        {
            slices[row.Slice] = row.Read();
        }

        for (var i = 0; i < slices.Length; i++)
        {
            slices[i] ??= new FigureSums();
        }

        return slices;
    }

    /// <summary>The kept sums of a unit (or <see cref="AllUnits"/>) and slice, or null when it has none (no rows, or the year is not built).</summary>
    public static async Task<FigureSums?> SumsAsync(AppDbContext db, int unitId, int year, bool subtree, int slice, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.FigureRollups.AsNoTracking()
            .Where(r => r.OrgUnitId == unitId && r.Year == year && r.Subtree == subtree && r.Slice == slice)
            .FirstOrDefaultAsync(ct);
        return row?.Read();
    }

    /// <summary>Own sums of <paramref name="own"/> from their rows, then the subtree sums of them, everything above them and every unit together.</summary>
    private static async Task RefreshAsync(AppDbContext db, OrgTree tree, int year, HashSet<int> own, CancellationToken ct)
    {
        var depth = new Dictionary<int, int>();
        int DepthOf(int id) => depth.TryGetValue(id, out var d) ? d : depth[id] = tree[id].ParentId is { } p ? DepthOf(p) + 1 : 1;

        // Every unit whose subtree sums change: the touched ones and everything above them, deepest first.
        var above = new HashSet<int>(own);
        foreach (var id in own)
        {
            for (var up = tree[id].ParentId; up is { } p && above.Add(p); up = tree[p].ParentId)
            {
            }
        }

        var order = above.OrderByDescending(DepthOf).ThenBy(id => id).ToList();

        // Locked in one order by every writer (deepest first, then by id, every unit last), so two never wait on each other.
        foreach (var id in order)
        {
            await LockAsync(db, id, year, shared: false, ct);
        }

        await LockAsync(db, AllUnits, year, shared: false, ct);

        var ownSums = await OwnSumsAsync(db, year, own, ct);
        var keptOwn = await KeptAsync(db, year, subtree: false, above.Except(own).ToList(), ct);
        var children = order.SelectMany(tree.ChildrenOf).Select(c => c.Id).Where(c => !above.Contains(c)).ToList();
        var keptSubtree = await KeptAsync(db, year, subtree: true, [.. children, .. tree.Roots.Select(r => r.Id).Where(r => !above.Contains(r))], ct);

        var subtree = new Dictionary<int, FigureSums[]>();
        foreach (var id in order)
        {
            var sums = Empty();
            Add(sums, ownSums.TryGetValue(id, out var o) ? o : keptOwn.GetValueOrDefault(id));
            foreach (var child in tree.ChildrenOf(id))
            {
                Add(sums, subtree.TryGetValue(child.Id, out var fresh) ? fresh : keptSubtree.GetValueOrDefault(child.Id));
            }

            subtree[id] = sums;
        }

        var everything = Empty();
        foreach (var root in tree.Roots)
        {
            Add(everything, subtree.TryGetValue(root.Id, out var fresh) ? fresh : keptSubtree.GetValueOrDefault(root.Id));
        }

        foreach (var chunk in own.Chunk(500))
        {
            await db.FigureRollups.Where(r => r.Year == year && !r.Subtree && chunk.Contains(r.OrgUnitId)).ExecuteDeleteAsync(ct);
        }

        foreach (var chunk in order.Append(AllUnits).Chunk(500))
        {
            await db.FigureRollups.Where(r => r.Year == year && r.Subtree && chunk.Contains(r.OrgUnitId)).ExecuteDeleteAsync(ct);
        }

        var rows = own.SelectMany(id => Rows(id, year, subtree: false, ownSums.GetValueOrDefault(id)))
            .Concat(order.SelectMany(id => Rows(id, year, subtree: true, subtree[id])))
            .Concat(Rows(AllUnits, year, subtree: true, everything));
        await InsertAsync(db, rows, ct);
    }

    /// <summary>The own sums of these units, from their plan rows of the year and their approved reports of the year.</summary>
    private static async Task<Dictionary<int, FigureSums[]>> OwnSumsAsync(AppDbContext db, int year, HashSet<int> units, CancellationToken ct)
    {
        var result = new Dictionary<int, FigureSums[]>();
        var (first, last) = (new Period(year, 1), new Period(year, 12));
        foreach (var chunk in units.Order().Chunk(UnitsPerRead))
        {
            var plans = await db.AnnualPlans.AsNoTracking()
                .Where(a => a.Year == year && chunk.Contains(a.Project!.OrgUnitId))
                .Select(a => new
                {
                    a.ProjectId,
                    a.Project!.OrgUnitId,
                    a.Project.ParentId,
                    a.Project.Levels,
                    a.Project.Category,
                    a.Nature,
                    a.Project.TotalInvestment,
                    a.PlannedInvestment,
                    a.StartDate,
                    a.Project.ActualStart,
                })
                .ToListAsync(ct);
            if (plans.Count == 0)
            {
                continue;
            }

            var reports = await db.ProgressReports.AsNoTracking()
                .Where(r => r.Status == ReportStatus.Approved && r.Period >= first && r.Period <= last && chunk.Contains(r.Project!.OrgUnitId))
                .Select(r => new { r.ProjectId, r.Period, r.YearToDate })
                .ToListAsync(ct);
            var byProject = reports.ToLookup(r => r.ProjectId);

            // A phased or packaged project counts once (FiguresEngine.CountOnce): a parent and its parts share a unit.
            var parents = plans.Where(p => p.ParentId is not null).Select(p => (p.OrgUnitId, Parent: p.ParentId!.Value)).ToHashSet();
            foreach (var plan in plans)
            {
                if (parents.Contains((plan.OrgUnitId, plan.ProjectId)))
                {
                    continue;
                }

                var ytd = new long?[12];
                foreach (var report in byProject[plan.ProjectId])
                {
                    ytd[report.Period.Month - 1] = report.YearToDate.Fen;
                }

                for (var m = 1; m < 12; m++)
                {
                    ytd[m] ??= ytd[m - 1];
                }

                var row = new RollupRow
                {
                    Levels = plan.Levels,
                    Category = plan.Category,
                    Nature = plan.Nature,
                    TotalFen = plan.TotalInvestment.Fen,
                    PlanFen = plan.PlannedInvestment.Fen,
                    Start = FiguresEngine.StartDateInYear(plan.Nature, plan.StartDate, plan.ActualStart, year),
                    YearToDate = ytd,
                };
                if (!result.TryGetValue(plan.OrgUnitId, out var sums))
                {
                    result[plan.OrgUnitId] = sums = Empty();
                }

                foreach (var slice in RollupSlice.Of(row))
                {
                    sums[slice].Add(row, year);
                }
            }
        }

        return result;
    }

    private static async Task<Dictionary<int, FigureSums[]>> KeptAsync(AppDbContext db, int year, bool subtree, IReadOnlyList<int> units, CancellationToken ct)
    {
        var result = new Dictionary<int, FigureSums[]>();
        foreach (var chunk in units.Distinct().Chunk(500))
        {
            var rows = await db.FigureRollups.AsNoTracking()
                .Where(r => r.Year == year && r.Subtree == subtree && chunk.Contains(r.OrgUnitId))
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                if (!result.TryGetValue(row.OrgUnitId, out var sums))
                {
                    result[row.OrgUnitId] = sums = Empty();
                }

                sums[row.Slice] = row.Read();
            }
        }

        return result;
    }

    /// <summary>One empty <see cref="FigureSums"/> per slice.</summary>
    internal static FigureSums[] Empty() => Enumerable.Range(0, RollupSlice.Count).Select(_ => new FigureSums()).ToArray();

    private static void Add(FigureSums[] into, FigureSums[]? from)
    {
        if (from is null)
        {
            return;
        }

        for (var s = 0; s < RollupSlice.Count; s++)
        {
            into[s].Add(from[s]);
        }
    }

    /// <summary>The rows kept for one unit: its non-empty slices (an absent slice of a built year sums nothing).</summary>
    private static IEnumerable<FigureRollup> Rows(int unitId, int year, bool subtree, FigureSums[]? sums) =>
        sums is null ? [] : Enumerable.Range(0, RollupSlice.Count).Where(s => !sums[s].IsEmpty).Select(s => new FigureRollup(unitId, year, subtree, s, sums[s]));

    /// <summary>
    /// Writes the rows by multi-row INSERT, past the change tracker: rollups are rewritten inside another save, whose
    /// tracked entities must not be saved twice, and are derived data the audit log does not keep.
    /// </summary>
    private static async Task InsertAsync(AppDbContext db, IEnumerable<FigureRollup> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(50))
        {
            var values = new List<object>(chunk.Length * 9);
            var sql = new System.Text.StringBuilder(
                "INSERT INTO figure_rollups (\"OrgUnitId\", \"Year\", \"Subtree\", \"Slice\", \"Planned\", \"Continuing\", \"TotalFen\", \"PlanFen\", \"Sums\") VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var r = chunk[i];
                var at = values.Count;
                sql.Append(i == 0 ? "" : ", ").Append('(');
                sql.AppendJoin(", ", Enumerable.Range(at, 9).Select(n => $"{{{n}}}"));
                sql.Append(')');
                values.AddRange([r.OrgUnitId, r.Year, r.Subtree, r.Slice, r.Planned, r.Continuing, r.TotalFen, r.PlanFen, r.Sums]);
            }

            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
        }
    }

    /// <summary>A transaction-scoped advisory lock on PostgreSQL; SQLite has one writer at a time and needs none.</summary>
    private static async Task LockAsync(AppDbContext db, int key, int year, bool shared, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        _ = shared
            ? await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({key}, {year})", ct)
            : await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key}, {year})", ct);
    }
}
