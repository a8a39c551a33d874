using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Enterprises;
using Keystone.Core.Periods;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

public sealed record LedgerImportOptions
{
    /// <summary>
    /// The plan year the ledger's 年度计划投资, 建设性质 and 本年… columns belong to. When not given: the year a
    /// title row names ("2024年重点项目台账"), else the current year.
    /// </summary>
    public int? Year { get; init; }

    public string? Sheet { get; init; }

    /// <summary>Header → field for headers the importer cannot place by itself (`--map 表头=字段`).</summary>
    public IReadOnlyDictionary<string, LedgerField?>? Map { get; init; }

    /// <summary>Import the good rows and report the bad ones, instead of refusing the whole file.</summary>
    public bool GoodRowsOnly { get; init; }

    /// <summary>Check and count everything, change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// The month whose progress report the 本年完成投资, 累计完成投资 and 形象进度 columns fill. Defaults to
    /// December of a past plan year, or the current month when the plan year is this year.
    /// </summary>
    public Period? Period { get; init; }

    /// <summary>The province new cities and zones are created under when the database has none yet.</summary>
    public string Province { get; init; } = "山西省";

    public LedgerLimits Limits { get; init; } = LedgerLimits.Default;

    /// <summary>
    /// The unit the importing user keeps (null: the operator, no limit). A row of a unit outside it, or one
    /// that would create a unit outside it, is a problem like any other.
    /// </summary>
    public int? ScopeUnitId { get; init; }

    /// <summary>The file's name, for the audit log of what it created.</summary>
    public string? SourceName { get; init; }
}

public enum ChangeKind
{
    New,
    Updated,
    Unchanged,
}

public sealed record FieldChange(string Column, string Before, string After);

public sealed record ProjectChange(int Row, string Code, string Name, ChangeKind Kind, IReadOnlyList<FieldChange> Fields);

/// <summary>A row that names a shared enterprise differently from its owner's record: a proposal to the owner, not a rename.</summary>
public sealed record EnterpriseNameProposal(int Row, string Uscc, string Name);

public sealed record ImportProgress(int Done, int Total, string Stage);

public sealed record LedgerImportResult
{
    public required string Sheet { get; init; }

    public required int Year { get; init; }

    public required int HeaderRow { get; init; }

    public required IReadOnlyList<LedgerColumn> Columns { get; init; }

    public required IReadOnlyList<string> UnknownHeaders { get; init; }

    public required Period Period { get; init; }

    public int Rows { get; init; }

    public int New { get; init; }

    public int Updated { get; init; }

    public int Unchanged { get; init; }

    public required IReadOnlyList<LedgerProblem> Problems { get; init; }

    public required IReadOnlyList<string> CreatedUnits { get; init; }

    public required IReadOnlyList<ProjectChange> Changes { get; init; }

    /// <summary>Enterprise names the file gives that only the enterprise's owner may apply: proposed to it instead.</summary>
    public IReadOnlyList<EnterpriseNameProposal> Proposals { get; init; } = [];

    /// <summary>True when the database was changed (not a dry run, and no bad row, or good rows only).</summary>
    public bool Applied { get; init; }

    public int BadRows => Problems.Select(p => p.Row).Distinct().Count();
}

/// <summary>
/// Imports a ledger (台账) into the database: all or nothing, idempotent (upsert by 项目编号, else by name
/// within the unit; the plan entry by year), in one transaction so a crash leaves the database as it was.
/// </summary>
public sealed class LedgerImporter(AppDbContext db, TimeProvider clock)
{
    private const int BatchSize = 2000;


    /// <summary>
    /// Imports <paramref name="source"/>: reads and checks every row, then writes all of them or (with problems)
    /// none. A sheet over the row limit is refused before anything is written; an import past the time or
    /// memory limit is cancelled and changes nothing (<see cref="ImportGuard"/>).
    /// </summary>
    public async Task<LedgerImportResult> ImportAsync(
        LedgerSource source, LedgerImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        using var guard = ImportGuard.Start(options.Limits, ImportGuard.Import, ct);
        return await guard.RunAsync(async token =>
        {
            var sheet = ChooseSheet(source, options.Sheet);
            RefuseTooManyRows(source, sheet, options, guard);
            return await ImportRowsAsync(sheet, source.Rows(sheet), options with { SourceName = options.SourceName ?? source.FileName }, progress, guard, token);
        });
    }

    /// <summary>
    /// The row limit, checked before the import starts writing (the writer, not the reader, sets an import's
    /// pace, so a sheet found too long only at its end would cost the whole write first). Most sheets are
    /// cleared by <see cref="LedgerSource.RowBound"/>, counted at memory speed; a longer one is read once,
    /// row by row and nothing kept, up to the first row past the limit.
    /// </summary>
    private static void RefuseTooManyRows(LedgerSource source, string sheet, LedgerImportOptions options, ImportGuard guard)
    {
        var max = options.Limits.MaxRows;
        if (source.RowBound(sheet) <= max)
        {
            return;
        }

        using var rows = source.Rows(sheet).GetEnumerator();
        var top = new List<RawRow>();
        while (top.Count < LedgerHeader.SearchRows && rows.MoveNext())
        {
            top.Add(rows.Current);
        }

        var header = LedgerHeader.Find(top, options.Map);
        var count = 0;
        foreach (var raw in top.Where(r => r.Number > header.RowNumber).Concat(Rest(rows)))
        {
            if (raw.IsBlank || IsTotalRow(raw, header))
            {
                continue;
            }

            if (++count > max)
            {
                throw TooManyRows(max);
            }

            if (count % 10_000 == 0)
            {
                guard.Check();
            }
        }
    }

    private static DomainException TooManyRows(int max) =>
        new(new($"行数超过{max}行上限，未导入任何数据", $"The sheet has more than the {max} rows allowed; nothing was imported"), "file");

    /// <summary>The sheet named by --sheet, else the first sheet that has a ledger header.</summary>
    public static string ChooseSheet(LedgerSource source, string? requested)
    {
        var sheets = source.SheetNames;
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return sheets.FirstOrDefault(s => s == requested.Trim())
                ?? throw new DomainException(
                    new($"文件中没有名为“{requested}”的工作表；有：{string.Join("、", sheets)}", $"The file has no sheet named \"{requested}\"; it has: {string.Join(", ", sheets)}"),
                    "sheet");
        }

        if (sheets.Count <= 1)
        {
            return sheets.FirstOrDefault() ?? throw new DomainException(new("文件中没有工作表", "The file has no sheet"), "file");
        }

        foreach (var sheet in sheets)
        {
            var top = source.Rows(sheet).Take(LedgerHeader.SearchRows).ToList();
            if (LedgerHeader.Find(top, null).MissingRequired.Count == 0)
            {
                return sheet;
            }
        }

        return sheets[0];
    }

    /// <summary>The sheet and its header as the importer would read them, without reading the rows: for a preview that lets the user correct the mapping.</summary>
    public static (string Sheet, HeaderMatch Header, IReadOnlyList<string> HeaderCells) ReadHeader(LedgerSource source, string? sheet, IReadOnlyDictionary<string, LedgerField?>? map)
    {
        var chosen = ChooseSheet(source, sheet);
        var top = source.Rows(chosen).Take(LedgerHeader.SearchRows).ToList();
        var header = LedgerHeader.Find(top, map);
        var cells = top.FirstOrDefault(r => r.Number == header.RowNumber)?.Cells.Select(LedgerValues.AsText).ToList() ?? [];
        return (chosen, header, cells);
    }

    public async Task<LedgerImportResult> ImportRowsAsync(
        string sheet, IEnumerable<RawRow> rawRows, LedgerImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        using var guard = ImportGuard.Start(options.Limits, ImportGuard.Import, ct);
        return await guard.RunAsync(token => ImportRowsAsync(sheet, rawRows, options, progress, guard, token));
    }

    private async Task<LedgerImportResult> ImportRowsAsync(
        string sheet, IEnumerable<RawRow> rawRows, LedgerImportOptions options, IProgress<ImportProgress>? progress, ImportGuard guard, CancellationToken ct)
    {
        // Read and check every row first: nothing is written while the file may still turn out bad.
        var top = new List<RawRow>();
        using var rowsEnumerator = rawRows.GetEnumerator();
        while (top.Count < LedgerHeader.SearchRows && rowsEnumerator.MoveNext())
        {
            top.Add(rowsEnumerator.Current);
        }

        var header = LedgerHeader.Find(top, options.Map);
        if (header.Columns.Count == 0 && top.All(r => r.IsBlank))
        {
            throw new DomainException(new($"工作表“{sheet}”是空的", $"The sheet \"{sheet}\" is empty"), "file");
        }

        if (header.MissingRequired.Count > 0)
        {
            throw new DomainException(
                new($"工作表“{sheet}”前{LedgerHeader.SearchRows}行中找不到台账表头：缺少{string.Join("、", header.MissingRequired.Select(LedgerFormat.Header))}列"
                    + (header.UnknownHeaders.Count > 0 ? $"（未识别的表头：{string.Join("、", header.UnknownHeaders.Take(12))}）" : "") + "；可用 --map 表头=字段 指定",
                    $"No ledger header in the first {LedgerHeader.SearchRows} rows of \"{sheet}\": the columns {string.Join(", ", header.MissingRequired.Select(LedgerFormat.Header))} are missing"
                    + (header.UnknownHeaders.Count > 0 ? $" (headers not understood: {string.Join(", ", header.UnknownHeaders.Take(12))})" : "") + "; use --map header=field to place them"),
                "file");
        }

        var year = options.Year ?? options.Period?.Year ?? header.StatedYear ?? header.StatedPeriod?.Year ?? DeskDate.Today(clock).Year;
        options = options with { Year = year };
        var period = options.Period ?? (header.StatedPeriod is { } stated && stated.Year == year ? stated : DefaultPeriod(year, clock));
        if (period.Year != year)
        {
            throw new DomainException(
                new($"报告期{period}不在计划年度{year}年内", $"The period {period} is not in the plan year {year}"), "period");
        }

        // One pass, two threads: the file is read and checked on one while the rows checked so far are
        // written on the other, inside one transaction. A bad row anywhere stops the writing and rolls the
        // transaction back at the end, so the database is as it was; every problem is still collected.
        var tree = await LoadTreeAsync(ct);
        var batches = Channel.CreateBounded<List<LedgerRow>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reader = new RowReader(sheet, header, year, options, progress, guard);

        // Stopped when this method leaves early (a refusal, a limit), so the reader never waits on a full channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopReading = new StopOnExit(stop);
        var reading = Task.Run(() => reader.Run(top.Where(r => r.Number > header.RowNumber).Concat(Rest(rowsEnumerator)), batches.Writer, stop.Token), stop.Token);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var apply = new Apply(db, clock, header, options with { Sheet = sheet }, period, tree);
        var ownerProblems = new List<LedgerProblem>();
        var written = 0;
        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
        {
            var owned = await CodeOwnerProblemsAsync(sheet, header, batch, tree, options, ct);
            owned.AddRange(ScopeProblems(sheet, header, batch, tree, options));
            owned.AddRange(await EnterpriseLinkProblemsAsync(sheet, header, batch, tree, options, ct));
            ownerProblems.AddRange(owned);
            if (!options.GoodRowsOnly && (reader.HasProblems || ownerProblems.Count > 0 || apply.Problems.Count > 0))
            {
                continue; // the file will be refused: keep reading for the problems, write nothing more
            }

            var bad = owned.Select(p => p.Row).ToHashSet();
            var good = batch.Where(r => !bad.Contains(r.RowNumber)).ToList();
            await apply.PrepareUnitsAsync(good, ct);
            await apply.BatchAsync(good, ct);
            guard.Check();
            written += good.Count;
            progress?.Report(new(written, reader.DataRows, "write"));
        }

        await reading;
        if (options.GoodRowsOnly || (!reader.HasProblems && ownerProblems.Count == 0))
        {
            // Parents last: a part may come before its parent in the file.
            ownerProblems.AddRange(await apply.LinkParentsAsync(ct));
        }

        var problems = reader.Problems.Concat(ownerProblems).Concat(apply.Problems).OrderBy(p => p.Row).ToList();
        var result = new LedgerImportResult
        {
            Sheet = sheet,
            Year = year,
            HeaderRow = header.RowNumber,
            Columns = header.Columns,
            UnknownHeaders = header.UnknownHeaders,
            Period = period,
            Rows = reader.DataRows,
            Problems = problems,
            CreatedUnits = [],
            Changes = [],
        };
        var refused = problems.Count > 0 && !options.GoodRowsOnly;
        if (refused || options.DryRun)
        {
            await tx.RollbackAsync(ct);
        }
        else
        {
            await tx.CommitAsync(ct);
        }

        db.ChangeTracker.Clear();
        if (refused)
        {
            return result;
        }

        var changes = apply.Changes.OrderBy(c => c.Row).ToList();
        return result with
        {
            New = changes.Count(c => c.Kind == ChangeKind.New),
            Updated = changes.Count(c => c.Kind == ChangeKind.Updated),
            Unchanged = changes.Count(c => c.Kind == ChangeKind.Unchanged),
            CreatedUnits = apply.CreatedUnits,
            Changes = changes,
            Proposals = apply.Proposals,
            Applied = !options.DryRun,
        };
    }

    /// <summary>
    /// The reading half of an import: parses each row, checks it and its place in the file (a code or a
    /// code-less name used twice), and hands the good rows on in batches. Problems are collected, not thrown.
    /// </summary>
    private sealed class RowReader(string sheet, HeaderMatch header, int year, LedgerImportOptions options, IProgress<ImportProgress>? progress, ImportGuard guard)
    {
        private readonly List<LedgerProblem> problems = [];
        private int problemCount;

        public List<LedgerProblem> Problems => problems;

        public bool HasProblems => Volatile.Read(ref problemCount) > 0;

        public int DataRows { get; private set; }

        public async Task Run(IEnumerable<RawRow> rows, ChannelWriter<List<LedgerRow>> output, CancellationToken ct)
        {
            try
            {
                var parser = new LedgerParser(sheet, header, year);
                var codes = new Dictionary<string, int>(StringComparer.Ordinal);
                var names = new Dictionary<(string?, string, string), int>();
                var codeColumn = header[LedgerField.Code]?.Header ?? LedgerFormat.Header(LedgerField.Code);
                var nameColumn = header[LedgerField.Name]?.Header ?? LedgerFormat.Header(LedgerField.Name);
                var batch = new List<LedgerRow>(BatchSize);
                foreach (var raw in rows)
                {
                    if (raw.IsBlank || IsTotalRow(raw, header))
                    {
                        continue;
                    }

                    if (++DataRows > options.Limits.MaxRows)
                    {
                        throw TooManyRows(options.Limits.MaxRows);
                    }

                    if (DataRows % 1000 == 0)
                    {
                        guard.Check();
                    }

                    LedgerRow? row = null;
                    if (raw.HasOverlongCell)
                    {
                        problems.AddRange(raw.OverlongProblems(sheet, i => header.Columns.FirstOrDefault(c => c.Index == i)?.Header));
                    }
                    else
                    {
                        row = parser.Parse(raw, problems);
                    }

                    if (row is not null && row.Code is { } code && !codes.TryAdd(code, row.RowNumber))
                    {
                        problems.Add(new(sheet, row.RowNumber, codeColumn, code, new($"项目编号与第{codes[code]}行重复", $"The project code repeats row {codes[code]}")));
                        row = null;
                    }
                    else if (row is { Code: null } && !names.TryAdd((row.City, row.Unit, row.Name), row.RowNumber))
                    {
                        var first = names[(row.City, row.Unit, row.Name)];
                        problems.Add(new(sheet, row.RowNumber, nameColumn, row.Name,
                            new($"同一区域内项目名称与第{first}行重复，且均无项目编号", $"The project name repeats row {first} in the same unit, and neither has a code")));
                        row = null;
                    }

                    Volatile.Write(ref problemCount, problems.Count);
                    if (row is not null)
                    {
                        batch.Add(row);
                        if (batch.Count == BatchSize)
                        {
                            await output.WriteAsync(batch, ct);
                            batch = new List<LedgerRow>(BatchSize);
                        }
                    }

                    if (DataRows % 10_000 == 0)
                    {
                        progress?.Report(new(DataRows, 0, "read"));
                    }
                }

                if (batch.Count > 0)
                {
                    await output.WriteAsync(batch, ct);
                }

                progress?.Report(new(DataRows, DataRows, "read"));
                output.Complete();
            }
            catch (Exception e)
            {
                output.Complete(e);
                throw;
            }
        }
    }

    private sealed class StopOnExit(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose() => stop.Cancel();
    }

    private static IEnumerable<RawRow> Rest(IEnumerator<RawRow> rows)
    {
        while (rows.MoveNext())
        {
            yield return rows.Current;
        }
    }

    /// <summary>"合计"/"总计"/"小计" rows restate sums; they are not projects.</summary>
    private static bool IsTotalRow(RawRow row, HeaderMatch header)
    {
        var name = header[LedgerField.Name] is { } n ? row.TextAt(n.Index) : "";
        var first = row.Cells.Select(LedgerValues.AsText).FirstOrDefault(t => t.Length > 0) ?? "";
        static bool IsTotal(string s) => LedgerParser.FoldWidth(s).Replace(" ", "", StringComparison.Ordinal) is "合计" or "总计" or "小计" or "全区合计" or "汇总";
        return IsTotal(name) || (name.Length == 0 && IsTotal(first));
    }

    /// <summary>The month a ledger's progress columns are for when neither --period nor the title says: December of a past year, else the current month.</summary>
    public static Period DefaultPeriod(int year, TimeProvider clock)
    {
        var today = DeskDate.Today(clock);
        return year < today.Year ? new Period(year, 12) : year == today.Year ? Period.Of(today) : new Period(year, 1);
    }

    /// <summary>A code for a row that has none: derived from unit and name, so re-importing the same row finds the same project.</summary>
    public static string GeneratedCode(string unitPath, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(unitPath + "\n" + name));
        return "KS-" + Convert.ToHexString(hash, 0, 6);
    }

    /// <summary>Keys to look up, in groups small enough for any provider's parameter limits.</summary>
    private static IEnumerable<List<T>> Lookups<T>(IEnumerable<T> keys) => keys.Chunk(1000).Select(c => c.ToList());

    /// <summary>Rows of a unit outside the importing user's scope, or that would create one there.</summary>
    private static List<LedgerProblem> ScopeProblems(string sheet, HeaderMatch header, List<LedgerRow> batch, UnitDirectory tree, LedgerImportOptions options)
    {
        var problems = new List<LedgerProblem>();
        if (options.ScopeUnitId is not { } scope)
        {
            return problems;
        }

        var unitColumn = header[LedgerField.Unit]?.Header ?? LedgerFormat.Header(LedgerField.Unit);
        foreach (var row in batch)
        {
            var inScope = tree.Find(options.Province, row.City, row.Unit) is { } id
                ? tree.Contains(scope) && tree.IsWithin(id, scope)
                : tree.WouldCreateWithin(options.Province, row.City, scope);
            if (!inScope)
            {
                problems.Add(new(sheet, row.RowNumber, unitColumn, row.Unit,
                    new("该单位不在您的管辖范围内", "This unit is outside the units you keep")));
            }
        }

        return problems;
    }

    /// <summary>
    /// Rows whose code already belongs to a project the row may not take: one outside the importing user's
    /// scope (said without naming that project or its unit: another unit's facts are not the caller's to
    /// read), or one of another name in another unit (named: it is within the caller's own units).
    /// </summary>
    private async Task<List<LedgerProblem>> CodeOwnerProblemsAsync(string sheet, HeaderMatch header, List<LedgerRow> batch, UnitDirectory tree, LedgerImportOptions options, CancellationToken ct)
    {
        var codeColumn = header[LedgerField.Code]?.Header ?? LedgerFormat.Header(LedgerField.Code);

        // A row without a code is matched by the code its unit and name generate: check that one too, or a
        // project moved out of the scope would be found again by its old unit's name and moved back.
        string? CodeOf(LedgerRow row) => row.Code
            ?? (options.ScopeUnitId is not null && tree.Find(options.Province, row.City, row.Unit) is { } unitId ? GeneratedCode(tree.PathOf(unitId), row.Name) : null);
        var owners = new Dictionary<string, (string Name, int OrgUnitId)>(StringComparer.Ordinal);
        foreach (var codes in Lookups(batch.Select(CodeOf).OfType<string>()))
        {
            foreach (var p in await db.Projects.AsNoTracking().Where(p => codes.Contains(p.Code)).Select(p => new { p.Code, p.Name, p.OrgUnitId }).ToListAsync(ct))
            {
                owners[p.Code] = (p.Name, p.OrgUnitId);
            }
        }

        var problems = new List<LedgerProblem>();
        foreach (var row in batch)
        {
            if (CodeOf(row) is not { } code || !owners.TryGetValue(code, out var owner))
            {
                continue;
            }

            if (options.ScopeUnitId is { } scope && !(tree.Contains(scope) && tree.IsWithin(owner.OrgUnitId, scope)))
            {
                problems.Add(new(sheet, row.RowNumber, codeColumn, row.Code ?? row.Name,
                    new("项目编号已属于其他单位的项目", "This project code belongs to a project of another unit")));
            }
            else if (row.Code is not null && owner.Name != row.Name && tree.Find(options.Province, row.City, row.Unit) != owner.OrgUnitId)
            {
                problems.Add(new(sheet, row.RowNumber, codeColumn, code,
                    new($"该项目编号已属于{tree.PathOf(owner.OrgUnitId)}的“{owner.Name}”",
                        $"This code already belongs to \"{owner.Name}\" in {tree.PathOf(owner.OrgUnitId)}")));
            }
        }

        return problems;
    }

    /// <summary>
    /// Rows that would link a project to an enterprise the importing user may not use: one registered by a
    /// unit outside its scope that is not above it. A link the project already has is kept, not judged again.
    /// </summary>
    private async Task<List<LedgerProblem>> EnterpriseLinkProblemsAsync(string sheet, HeaderMatch header, List<LedgerRow> batch, UnitDirectory tree, LedgerImportOptions options, CancellationToken ct)
    {
        var problems = new List<LedgerProblem>();
        if (options.ScopeUnitId is not { } scope)
        {
            return problems;
        }

        var rows = batch.Where(r => r.Uscc is not null).ToList();
        var owners = new Dictionary<Uscc, (int Id, int OwnerUnitId)>();
        foreach (var usccs in Lookups(rows.Select(r => r.Uscc!.Value).Distinct()))
        {
            foreach (var e in await db.Enterprises.AsNoTracking().Where(e => usccs.Contains(e.Uscc)).Select(e => new { e.Uscc, e.Id, e.OwnerUnitId }).ToListAsync(ct))
            {
                owners[e.Uscc] = (e.Id, e.OwnerUnitId);
            }
        }

        var foreign = rows.Where(r => owners.TryGetValue(r.Uscc!.Value, out var o) && !EnterpriseAccess.MayLink(tree.Tree, scope, o.OwnerUnitId)).ToList();
        if (foreign.Count == 0)
        {
            return problems;
        }

        // Projects already linked to that enterprise keep their link.
        var linked = new HashSet<(string Code, int EnterpriseId)>();
        foreach (var codes in Lookups(foreign.Where(r => r.Code is not null).Select(r => r.Code!)))
        {
            foreach (var p in await db.Projects.AsNoTracking().Where(p => codes.Contains(p.Code) && p.EnterpriseId != null).Select(p => new { p.Code, p.EnterpriseId }).ToListAsync(ct))
            {
                linked.Add((p.Code, p.EnterpriseId!.Value));
            }
        }

        var usccColumn = header[LedgerField.Uscc]?.Header ?? LedgerFormat.Header(LedgerField.Uscc);
        foreach (var row in foreign)
        {
            if (row.Code is null || !linked.Contains((row.Code, owners[row.Uscc!.Value].Id)))
            {
                var refusal = EnterpriseAccess.NotUsable("uscc").Text;
                problems.Add(new(sheet, row.RowNumber, usccColumn, row.Uscc!.Value.ToString(), refusal));
            }
        }

        return problems;
    }

    private async Task<UnitDirectory> LoadTreeAsync(CancellationToken ct) =>
        new(await db.OrgUnits.AsNoTracking().Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync(ct));

    /// <summary>The write half of an import, one batch of rows at a time.</summary>
    private sealed class Apply(AppDbContext db, TimeProvider clock, HeaderMatch header, LedgerImportOptions options, Period period, UnitDirectory tree)
    {
        public List<ProjectChange> Changes { get; } = [];

        public List<string> CreatedUnits { get; } = [];

        public List<EnterpriseNameProposal> Proposals { get; } = [];

        /// <summary>Rows refused against what is already recorded (their progress), found while writing.</summary>
        public List<LedgerProblem> Problems { get; } = [];

        private bool Has(LedgerField field) => header[field] is not null;

        private readonly BulkInsert bulk = new(db);
        private readonly Dictionary<(string? City, string Unit), OrgUnit> units = [];
        private readonly Dictionary<int, OrgUnit> unitsById = [];

        /// <summary>
        /// Finds or creates every unit the rows name, before any project is written: the province, then the
        /// cities, then the zones and counties, one save per level however many units there are.
        /// </summary>
        public async Task PrepareUnitsAsync(IEnumerable<LedgerRow> rows, CancellationToken ct)
        {
            var keys = rows.Select(r => (r.City, r.Unit)).Distinct().Where(k => !units.ContainsKey(k)).ToList();
            if (keys.Count == 0)
            {
                return;
            }

            var missing = keys.Where(k => tree.Find(options.Province, k.City, k.Unit) is null).ToList();
            if (missing.Count > 0)
            {
                var provinceId = tree.ProvinceId(options.Province);
                var province = provinceId is { } pid ? await db.OrgUnits.SingleAsync(u => u.Id == pid, ct) : new OrgUnit(options.Province, OrgUnitKind.Province, null);
                var cities = new Dictionary<string, OrgUnit>();
                foreach (var name in missing.Where(k => k.City is not null).Select(k => k.City!).Distinct())
                {
                    var cityId = provinceId is { } p ? tree.ChildrenOf(p).FirstOrDefault(c => c.Name == name)?.Id : null;
                    cities[name] = cityId is { } cid ? await db.OrgUnits.SingleAsync(u => u.Id == cid, ct) : new OrgUnit(name, OrgUnitKind.City, province);
                }

                foreach (var (city, unit) in missing.Where(k => k.City != k.Unit))
                {
                    db.OrgUnits.Add(new OrgUnit(unit, OrgUnit.GuessLocalKind(unit), city is null ? province : cities[city]));
                }

                foreach (var city in cities.Values.Where(c => c.Id == 0))
                {
                    db.OrgUnits.Add(city);
                }

                if (province.Id == 0)
                {
                    db.OrgUnits.Add(province);
                }

                var added = db.ChangeTracker.Entries<OrgUnit>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
                await db.SaveChangesAsync(ct);
                tree.AddRange(added.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)));
                CreatedUnits.AddRange(added.Select(u => tree.PathOf(u.Id)).Order(StringComparer.Ordinal));
                db.ChangeTracker.Clear();
            }

            var ids = keys.ToDictionary(k => k, k => tree.Find(options.Province, k.City, k.Unit) ?? throw new InvalidOperationException($"Unit {k.Unit} was not created"));
            var wanted = ids.Values.Distinct().ToList();
            var entities = await db.OrgUnits.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
            foreach (var (key, id) in ids)
            {
                // One instance per unit, whichever names reach it: projects and enterprises point at these,
                // and the change tracker refuses two instances of one unit.
                units[key] = unitsById.TryGetValue(id, out var known) ? known : unitsById[id] = entities[id];
            }
        }

        private HashSet<int>? frozenUnits;

        /// <summary>Each row's project code and its 上级项目编号 (null: none), linked once every row is written.</summary>
        private readonly List<(string Code, string? Parent, int Row)> links = [];

        /// <summary>
        /// Links the rows' projects to their parents once all rows are written (a part may come first), checked
        /// on the state the file leaves: the parent exists, is in the same unit and is no part itself, and a
        /// project with parts is no part. Each refusal is a problem of its row; nothing is linked then.
        /// </summary>
        public async Task<List<LedgerProblem>> LinkParentsAsync(CancellationToken ct)
        {
            var problems = new List<LedgerProblem>();
            if (links.Count == 0)
            {
                return problems;
            }

            var column = header.Columns.First(c => c.Field == LedgerField.Parent).Header;
            var codes = links.Select(l => l.Code).Concat(links.Where(l => l.Parent is not null).Select(l => l.Parent!)).Distinct().ToList();
            var projects = new Dictionary<string, Project>(StringComparer.Ordinal);
            foreach (var chunk in Lookups(codes))
            {
                foreach (var p in await db.Projects.Include(p => p.Parent).Where(p => chunk.Contains(p.Code)).ToListAsync(ct))
                {
                    projects[p.Code] = p;
                }
            }

            // The parent each project has once the file is in: the file's where it says, else the database's.
            var linked = links.ToDictionary(l => l.Code, l => l.Parent, StringComparer.Ordinal);
            string? ParentOf(Project p) => linked.TryGetValue(p.Code, out var code) ? code : p.Parent?.Code;
            var ids = projects.Values.Select(p => p.Id).ToList();
            var partsInDb = new List<(string Part, string Parent)>();
            foreach (var chunk in Lookups(ids))
            {
                partsInDb.AddRange((await db.Projects.AsNoTracking().Where(p => p.ParentId != null && chunk.Contains(p.ParentId.Value))
                    .Select(p => new { p.Code, Parent = p.Parent!.Code }).ToListAsync(ct)).Select(p => (p.Code, p.Parent)));
            }

            var hasParts = partsInDb.Where(p => !linked.ContainsKey(p.Part)).Select(p => p.Parent)
                .Concat(linked.Values.Where(v => v is not null).Select(v => v!))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var (code, parentCode, row) in links.Where(l => l.Parent is not null))
            {
                var project = projects[code];
                Text? why = !projects.TryGetValue(parentCode!, out var parent)
                    ? new($"找不到上级项目“{parentCode}”", $"No parent project with the code \"{parentCode}\"")
                    : parent == project ? new("项目不能是自己的上级项目", "A project cannot be its own parent")
                    : parent.OrgUnitId != project.OrgUnitId ? new($"上级项目“{parentCode}”属于其他单位：上级项目与子项目应属于同一单位", $"The parent project {parentCode} belongs to another unit: a parent and its parts belong to the same unit")
                    : ParentOf(parent) is not null ? new($"“{parentCode}”本身是其他项目的子项目，不能再作上级项目（只分一级）", $"{parentCode} is itself a part of another project and cannot be a parent (one level only)")
                    : hasParts.Contains(code) ? new($"项目“{code}”已有子项目，不能再作其他项目的子项目（只分一级）", $"The project {code} has parts of its own and cannot become a part (one level only)")
                    : null;
                if (why is { } reason)
                {
                    problems.Add(new LedgerProblem(options.Sheet ?? "", row, column, parentCode, reason));
                }
            }

            if (problems.Count > 0)
            {
                return problems;
            }

            // Detach first, so a project that stops being a part can become a parent in the same file.
            foreach (var (code, parentCode, row) in links.OrderBy(l => l.Parent is not null))
            {
                var project = projects[code];
                var before = project.Parent?.Code;
                if (before == parentCode)
                {
                    continue;
                }

                project.SetParent(parentCode is null ? null : projects[parentCode], hasParts: false);
                var index = Changes.FindIndex(c => c.Row == row && c.Kind != ChangeKind.New);
                if (index >= 0)
                {
                    var change = Changes[index];
                    Changes[index] = change with { Kind = ChangeKind.Updated, Fields = [.. change.Fields, new FieldChange(column, before ?? "", parentCode ?? "")] };
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return problems;
        }

        public async Task BatchAsync(List<LedgerRow> rows, CancellationToken ct)
        {
            var year = options.Year!.Value;
            if (frozenUnits is null)
            {
                // Units whose import month is closed, themselves or through a unit above them.
                var closedAt = await db.ClosedPeriods.AsNoTracking()
                    .Where(c => c.Period == period)
                    .Select(c => c.OrgUnitId)
                    .ToListAsync(ct);
                frozenUnits = closedAt.SelectMany(tree.Subtree).ToHashSet();
            }

            var enterprises = new Dictionary<Uscc, Enterprise>();
            foreach (var usccs in Lookups(rows.Where(r => r.Uscc is not null).Select(r => r.Uscc!.Value).Distinct()))
            {
                foreach (var e in await db.Enterprises.Where(e => usccs.Contains(e.Uscc)).ToListAsync(ct))
                {
                    enterprises[e.Uscc] = e;
                }
            }

            string CodeOf(LedgerRow r) => r.Code ?? GeneratedCode(tree.PathOf(units[(r.City, r.Unit)].Id), r.Name);
            var existing = new Dictionary<string, Project>(StringComparer.Ordinal);
            var known = new List<string>();
            foreach (var codes in Lookups(rows.Select(CodeOf).Distinct()))
            {
                known.AddRange(await db.Projects.Where(p => codes.Contains(p.Code)).Select(p => p.Code).ToListAsync(ct));
            }

            // Only projects already in the database are loaded whole, with their plans and reports.
            foreach (var codes in Lookups(known))
            {
                var found = await db.Projects
                    .Include(p => p.Plans)
                    .Include(p => p.Reports)
                    .Include(p => p.Enterprise)
                    .Include(p => p.Parent)
                    .Where(p => codes.Contains(p.Code))
                    .AsSplitQuery()
                    .ToListAsync(ct);
                foreach (var p in found)
                {
                    existing[p.Code] = p;
                }
            }

            // New projects and enterprises are built (and so checked) by their constructors, then written in
            // bulk; existing ones are revised through the change tracker so only what changed is updated.
            var fresh = new List<Project>();
            var freshEnterprises = new List<Enterprise>();
            var proposals = new List<(Enterprise Enterprise, string Name, int Row)>();
            foreach (var row in rows)
            {
                var unit = units[(row.City, row.Unit)];
                var code = CodeOf(row);
                Enterprise? enterprise = null;
                if (row.Uscc is { } uscc)
                {
                    if (!enterprises.TryGetValue(uscc, out enterprise))
                    {
                        // Registered here: the row's unit owns it.
                        enterprise = new Enterprise(uscc, row.Enterprise ?? row.Name, unit);
                        freshEnterprises.Add(enterprise);
                        enterprises[uscc] = enterprise;
                    }
                    else if (row.Enterprise is { } enterpriseName && enterprise.Name != enterpriseName)
                    {
                        if (options.ScopeUnitId is not { } scope || EnterpriseAccess.MayKeep(tree.Tree, scope, enterprise.OwnerUnitId))
                        {
                            enterprise.Rename(enterpriseName);
                        }
                        else
                        {
                            proposals.Add((enterprise, enterpriseName, row.RowNumber));
                        }
                    }
                }

                existing.TryGetValue(code, out var project);
                if (project is not null && ProgressProblem(project, row, unit.Id) is { } problem)
                {
                    Problems.Add(problem);
                    continue;
                }

                var before = project is null ? null : Cells(project);
                if (project is null)
                {
                    project = new Project(new ProjectCode(code), unit, Facts(row, null), enterprise);
                    fresh.Add(project);
                    existing[code] = project;
                }
                else
                {
                    if (project.OrgUnitId != unit.Id)
                    {
                        project.MoveTo(unit);
                    }

                    project.Revise(Facts(row, project.Facts), Has(LedgerField.Uscc) ? enterprise : project.Enterprise);
                }

                var plan = project.Plans.FirstOrDefault(p => p.Year == year);
                project.Plan(year, new PlanEntry
                {
                    Nature = row.Nature,
                    PlannedInvestment = Has(LedgerField.AnnualPlan) ? row.AnnualPlan ?? Money.Zero : plan?.PlannedInvestment ?? Money.Zero,
                    PlannedStart = Has(LedgerField.PlannedStart) ? row.PlannedStart : plan?.PlannedStart,
                    StartDate = Has(LedgerField.StartDate) ? row.StartDate : plan?.StartDate,
                });
                RecordProgress(project, row);
                if (Has(LedgerField.Parent))
                {
                    links.Add((code, row.Parent, row.RowNumber));
                }

                if (before is null)
                {
                    Changes.Add(new ProjectChange(row.RowNumber, code, row.Name, ChangeKind.New, []));
                    continue;
                }

                var after = Cells(project);
                var fields = header.Columns
                    .Where(c => before[c.Field] != after[c.Field])
                    .Select(c => new FieldChange(c.Header, before[c.Field], after[c.Field]))
                    .ToList();
                Changes.Add(new ProjectChange(row.RowNumber, code, row.Name, fields.Count > 0 ? ChangeKind.Updated : ChangeKind.Unchanged, fields));
            }

            // Enterprises first: both the bulk rows and the tracked projects may point at new ones.
            await bulk.AssignIdsAsync(freshEnterprises, ct);
            await bulk.InsertAsync(freshEnterprises, ct);
            await ProposeAsync(proposals, ct);
            await db.SaveChangesAsync(ct);
            await bulk.AssignIdsAsync(fresh, ct);
            await bulk.InsertAsync(fresh, ct);
            var plans = fresh.SelectMany(p => p.Plans).ToList();
            await bulk.AssignIdsAsync(plans, ct);
            await bulk.InsertAsync(plans, ct);
            var reports = fresh.SelectMany(p => p.Reports).ToList();
            await bulk.AssignIdsAsync(reports, ct);
            await bulk.InsertAsync(reports, ct);

            // The bulk path bypasses the change tracker, and so the audit interceptor: log here each new
            // enterprise, project, plan and report with the values written, as the interceptor logs what EF
            // writes, in the unit of the row that brought it and with that row named in the reason; through
            // the same bulk insert, so the log costs the import no round trips. Any later change logs before and after.
            var now = clock.GetUtcNow();
            var rowOf = rows.ToDictionary(r => CodeOf(r), r => r.RowNumber, StringComparer.Ordinal);
            string Reason(int row) => $"{options.SourceName ?? "台账"} {options.Sheet ?? ""} 第{row}行".Replace("  ", " ", StringComparison.Ordinal);
            var audit = new List<AuditEntry>(freshEnterprises.Count + (3 * fresh.Count));
            if (freshEnterprises.Count > 0)
            {
                var registeredBy = rows.Where(r => r.Uscc is not null).DistinctBy(r => r.Uscc!.Value).ToDictionary(r => r.Uscc!.Value);
                foreach (var e in freshEnterprises)
                {
                    var row = registeredBy[e.Uscc];
                    audit.Add(new AuditEntry(now, db.Actor, "enterprise", e.Uscc.Value, "imported", null, bulk.AuditValues(e), Reason(row.RowNumber), units[(row.City, row.Unit)].Id));
                }
            }

            foreach (var p in fresh)
            {
                var reason = Reason(rowOf.GetValueOrDefault(p.Code));
                audit.Add(new AuditEntry(now, db.Actor, "project", p.Code, "imported", null, bulk.AuditValues(p), reason, p.OrgUnitId));
                audit.AddRange(p.Plans.Select(a => new AuditEntry(now, db.Actor, "plan", $"{p.Code}/{a.Year}", "imported", null, bulk.AuditValues(a), reason, p.OrgUnitId)));
                audit.AddRange(p.Reports.Select(r => new AuditEntry(now, db.Actor, "report", $"{p.Code}/{r.Period}", "imported", null, bulk.AuditValues(r), reason, p.OrgUnitId)));
            }

            await bulk.AssignIdsAsync(audit, ct);
            await bulk.InsertAsync(audit, ct);
            db.ChangeTracker.Clear();
        }

        /// <summary>
        /// Names the file gives to enterprises the importing user does not keep: each becomes one open proposal
        /// to the owner (not a second one for the same name from the same unit), and the record stays as it is.
        /// </summary>
        private async Task ProposeAsync(List<(Enterprise Enterprise, string Name, int Row)> proposals, CancellationToken ct)
        {
            if (proposals.Count == 0)
            {
                return;
            }

            var scope = options.ScopeUnitId!.Value;
            var ids = proposals.Select(p => p.Enterprise.Id).Distinct().ToList();
            var open = (await db.EnterpriseProposals.AsNoTracking()
                    .Where(p => ids.Contains(p.EnterpriseId) && p.ProposedByUnitId == scope && p.Status == ProposalStatus.Open)
                    .Select(p => new { p.EnterpriseId, p.Name })
                    .ToListAsync(ct))
                .Select(p => (p.EnterpriseId, p.Name))
                .ToHashSet();
            foreach (var (enterprise, name, row) in proposals)
            {
                Proposals.Add(new EnterpriseNameProposal(row, enterprise.Uscc.ToString(), name));
                if (open.Add((enterprise.Id, name)))
                {
                    var reason = $"{options.SourceName ?? "台账"} {options.Sheet ?? ""} 第{row}行".Replace("  ", " ", StringComparison.Ordinal);
                    db.EnterpriseProposals.Add(new EnterpriseProposal(enterprise, name, reason, scope, db.Actor, clock.GetUtcNow()));
                }
            }
        }

        private Dictionary<LedgerField, string> Cells(Project project)
        {
            var unit = tree[project.OrgUnitId];
            var city = unit.Kind == OrgUnitKind.City ? null
                : unit.ParentId is { } parentId && tree[parentId].Kind == OrgUnitKind.City ? tree[parentId].Name : null;
            return LedgerCells.Of(project, city, unit.Name, project.Plans.FirstOrDefault(p => p.Year == options.Year!.Value), Snapshot(project));
        }

        /// <summary>The project's progress as the ledger states it: the latest report of the plan year up to the import period.</summary>
        private ProgressReport? Snapshot(Project project) =>
            project.Reports.Where(r => r.Period.Year == period.Year && r.Period <= period).MaxBy(r => r.Period);

        /// <summary>The row's facts; a column the file does not have keeps the project's current value.</summary>
        private ProjectFacts Facts(LedgerRow row, ProjectFacts? current)
        {
            T Pick<T>(LedgerField field, T fromRow, T fromCurrent) => current is null || Has(field) ? fromRow : fromCurrent;
            return new ProjectFacts
            {
                Name = row.Name,
                Levels = Pick(LedgerField.Levels, row.Levels, current?.Levels ?? row.Levels),
                Category = Pick(LedgerField.Category, row.Category, current?.Category ?? row.Category),
                TotalInvestment = row.TotalInvestment,
                Status = Pick(LedgerField.Status,
                    row.Status ?? (row.ActualStart is not null || row.StartDate is not null ? ProjectStatus.UnderConstruction : ProjectStatus.Preparing),
                    current?.Status ?? ProjectStatus.Preparing),
                IndustryChain = Pick(LedgerField.IndustryChain, row.IndustryChain, current?.IndustryChain),
                Content = Pick(LedgerField.Content, row.Content, current?.Content),
                LandArea = Pick(LedgerField.LandArea, row.LandArea, current?.LandArea),
                FloorArea = Pick(LedgerField.FloorArea, row.FloorArea, current?.FloorArea),
                OutputValueTarget = Pick(LedgerField.OutputValue, row.OutputValue, current?.OutputValueTarget),
                TaxTarget = Pick(LedgerField.Tax, row.Tax, current?.TaxTarget),
                JobsTarget = Pick(LedgerField.Jobs, row.Jobs, current?.JobsTarget),
                ActualStart = Pick(LedgerField.ActualStart, row.ActualStart, current?.ActualStart),
                PlannedCompletion = Pick(LedgerField.PlannedCompletion, row.PlannedCompletion, current?.PlannedCompletion),
                ResponsibleLeader = Pick(LedgerField.Leader, row.Leader, current?.ResponsibleLeader),
                ResponsibleUnit = Pick(LedgerField.ResponsibleUnit, row.ResponsibleUnit, current?.ResponsibleUnit),
                Contact = Pick(LedgerField.Contact, row.Contact, current?.Contact),
                ProblemsNote = Pick(LedgerField.Problems, row.Problems, current?.ProblemsNote),
                Remarks = Pick(LedgerField.Remarks, row.Remarks, current?.Remarks),
            };
        }

        /// <summary>The ledger's 本年完成投资/累计完成投资/形象进度 are the progress report of the import period.</summary>
        private void RecordProgress(Project project, LedgerRow row)
        {
            if (ProgressOf(project, row) is { } figures)
            {
                project.Report(period, figures, clock.GetUtcNow(), frozenUnits!.Contains(project.OrgUnitId));
            }
        }

        /// <summary>
        /// Whether a known project's row states progress its reports refuse (a month that does not reconcile,
        /// a closed month without a reason): a problem of the row, found before anything of it is written.
        /// </summary>
        private LedgerProblem? ProgressProblem(Project project, LedgerRow row, int unitId)
        {
            if (ProgressOf(project, row) is not { } figures)
            {
                return null;
            }

            try
            {
                project.CheckAmounts(period, figures, frozenUnits!.Contains(unitId));
                return null;
            }
            catch (DomainException e)
            {
                var field = e.Field == "cumulative" ? LedgerField.Cumulative : LedgerField.YearToDate;
                var column = header[field]?.Header ?? LedgerFormat.Header(field);
                var value = field == LedgerField.Cumulative ? figures.Cumulative : figures.YearToDate;
                return new(options.Sheet ?? "", row.RowNumber, column, value.ToPlainString(), e.Text);
            }
            catch (ValidationException e)
            {
                return new(options.Sheet ?? "", row.RowNumber, null, null, e.Errors[0].Text);
            }
        }

        /// <summary>
        /// The report a row states for the import period: the month is the year to date less the latest
        /// earlier report's of the year, so the two reconcile by construction. Null when the row states no
        /// progress, or the same as is already recorded.
        /// </summary>
        private ProgressFigures? ProgressOf(Project project, LedgerRow row)
        {
            if (!Has(LedgerField.YearToDate) && !Has(LedgerField.Cumulative) && !Has(LedgerField.ImageProgress))
            {
                return null;
            }

            var existing = project.Reports.FirstOrDefault(r => r.Period == period);
            var ytd = Has(LedgerField.YearToDate) ? row.YearToDate ?? Money.Zero : existing?.YearToDate ?? Money.Zero;
            var earlier = project.Reports.Where(r => r.Period < period).MaxBy(r => r.Period);
            var cumulative = Has(LedgerField.Cumulative) && row.Cumulative is { } c
                ? c
                : existing?.Cumulative ?? new Money(Math.Max(ytd.Wan, earlier?.Cumulative.Wan ?? 0m));
            var image = Has(LedgerField.ImageProgress) ? row.ImageProgress : existing?.ImageProgress;
            if (existing is null && ytd == Money.Zero && cumulative == Money.Zero && image is null)
            {
                return null;
            }

            var earlierInYear = earlier is not null && earlier.Period.Year == period.Year ? earlier.YearToDate : Money.Zero;
            var figures = new ProgressFigures
            {
                Month = ytd - earlierInYear,
                YearToDate = ytd,
                Cumulative = cumulative,
                ImageProgress = image,
                CorrectionReason = existing?.CorrectionReason,
            };
            if (existing is not null && existing.Figures == figures)
            {
                return null;
            }

            // The same figures as the latest earlier report of the year restate it: no new progress, no new report.
            if (existing is null && earlier is not null && earlier.Period.Year == period.Year
                && earlier.YearToDate == ytd && earlier.Cumulative == cumulative && earlier.ImageProgress == image)
            {
                return null;
            }

            return figures;
        }
    }
}

/// <summary>The org tree as the importer sees it: finds a row's unit by city and unit name, and grows as units are created.</summary>
internal sealed class UnitDirectory(List<OrgUnitInfo> units)
{
    private OrgTree tree = new(units);

    // A ledger names the same few hundred units over and over: answer each name once per tree.
    private readonly Dictionary<(string Province, string? City, string Unit), int?> found = [];

    public bool Contains(int id) => tree.Contains(id);

    /// <summary>The tree as it stands now (it grows as the import creates units).</summary>
    public OrgTree Tree => tree;

    public OrgUnitInfo this[int id] => tree[id];

    public string PathOf(int id) => tree.PathOf(id);

    public IEnumerable<OrgUnitInfo> ChildrenOf(int id) => tree.ChildrenOf(id);

    public IReadOnlyList<int> Subtree(int id) => tree.Subtree(id);

    public bool IsWithin(int id, int ancestor) => tree.IsWithin(id, ancestor);

    /// <summary>Whether a new unit named in a row would be created under <paramref name="scope"/> (its city, or the province).</summary>
    public bool WouldCreateWithin(string province, string? city, int scope)
    {
        if (!tree.Contains(scope))
        {
            return false;
        }

        var provinceId = ProvinceId(province);
        if (city is not null && provinceId is { } pid && tree.ChildrenOf(pid).FirstOrDefault(c => c.Name == city) is { } existing)
        {
            return tree.IsWithin(existing.Id, scope);
        }

        // A new city, or a unit without one, goes under the province: only the province may create it.
        return provinceId is { } p2 ? p2 == scope : tree[scope].ParentId is null;
    }

    public void AddRange(IEnumerable<OrgUnitInfo> added)
    {
        units.AddRange(added);
        tree = new OrgTree(units);
        found.Clear();
    }

    public int? ProvinceId(string preferred)
    {
        var provinces = tree.Roots.Where(r => r.Kind == OrgUnitKind.Province).ToList();
        return (provinces.FirstOrDefault(p => p.Name == preferred) ?? (provinces.Count == 1 ? provinces[0] : null))?.Id;
    }

    /// <summary>The unit a row names: 所属区域 under 所属地市 (the city itself when both are the same), else a unique name anywhere.</summary>
    public int? Find(string province, string? city, string unit)
    {
        if (!found.TryGetValue((province, city, unit), out var id))
        {
            id = Search(province, city, unit);
            found[(province, city, unit)] = id;
        }

        return id;
    }

    private int? Search(string province, string? city, string unit)
    {
        if (city is not null)
        {
            var roots = ProvinceId(province) is { } pid ? [tree[pid]] : tree.Roots.ToList();
            var cityInfo = roots.SelectMany(r => tree.ChildrenOf(r.Id)).FirstOrDefault(c => c.Name == city && c.Kind == OrgUnitKind.City);
            if (city == unit)
            {
                return cityInfo?.Id;
            }

            return cityInfo is null ? null : tree.ChildrenOf(cityInfo.Id).FirstOrDefault(u => u.Name == unit)?.Id;
        }

        var matches = tree.All.Where(u => u.Name == unit && u.Kind != OrgUnitKind.Province).ToList();
        return matches.Count == 1 ? matches[0].Id : null;
    }
}
