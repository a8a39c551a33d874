using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Keystone.Core.Data;
using Keystone.Core.Desk;

namespace Keystone.Core.Ledger;

/// <summary>
/// Imports a ledger (台账) into the database: all or nothing, idempotent (upsert by 项目编号, else by name
/// within the unit; the plan entry by year), in one transaction so a crash leaves the database as it was.
/// This class runs the import; the reading (<see cref="LedgerRowReader"/>), the ownership checks
/// (<see cref="LedgerOwnerChecks"/>), the writing (<see cref="LedgerApply"/>) and the parent links
/// (<see cref="LedgerParentLinks"/>) each live in their own type.
/// </summary>
public sealed class LedgerImporter(AppDbContext db, TimeProvider clock)
{
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
            LedgerRowReader.RefuseTooManyRows(source, sheet, options, guard);
            return await ImportRowsAsync(sheet, source.Rows(sheet), options with { SourceName = options.SourceName ?? source.FileName }, progress, guard, token);
        });
    }

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

    /// <summary>Imports rows already read from <paramref name="sheet"/>, the header among the first of them, under the same limits as <see cref="ImportAsync"/>.</summary>
    public async Task<LedgerImportResult> ImportRowsAsync(
        string sheet, IEnumerable<RawRow> rawRows, LedgerImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        using var guard = ImportGuard.Start(options.Limits, ImportGuard.Import, ct);
        return await guard.RunAsync(token => ImportRowsAsync(sheet, rawRows, options, progress, guard, token));
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

    private async Task<LedgerImportResult> ImportRowsAsync(
        string sheet, IEnumerable<RawRow> rawRows, LedgerImportOptions options, IProgress<ImportProgress>? progress, ImportGuard guard, CancellationToken ct)
    {
        // Read and check every row first: nothing is written while the file may still turn out bad.
        using var rows = rawRows.GetEnumerator();
        var top = LedgerRowReader.ReadTop(rows);
        var header = RequireHeader(sheet, top, options.Map);
        var (year, yearFrom) = LedgerPlanYear.Choose(options, header, sheet, clock);
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
        var tree = await UnitDirectory.LoadAsync(db, ct);

        // A user's import names the cities of the user's own province, whichever province the options default to (a
        // national deployment holds many).
        if (options.ScopeUnitId is { } scopeId && tree.Tree.ProvinceOf(scopeId) is { } own)
        {
            options = options with { Province = own.Name };
        }

        var batches = Channel.CreateBounded<List<LedgerRow>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reader = new LedgerRowReader(sheet, header, year, options, progress, guard);

        // Stopped when this method leaves early (a refusal, a limit), so the reader never waits on a full channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopReading = new StopOnExit(stop);
        var reading = Task.Run(() => reader.Run(LedgerRowReader.Below(header, top, rows), batches.Writer, stop.Token), stop.Token);

        // SQLite: the audit log's statement journals in memory while the import writes, not in temporary files.
        await using var journals = await BulkJournals.InMemoryAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        using var rollupsWait = db.Rollups.Defer(); // refreshed once, before the commit
        var checks = new LedgerOwnerChecks(db, sheet, header, tree, options);
        var units = new LedgerUnits(db, tree, options.Province);
        var parents = new LedgerParentLinks(db, header, sheet);
        var apply = new LedgerApply(db, clock, header, options with { Sheet = sheet }, period, tree, units, parents);
        var ownerProblems = new List<LedgerProblem>();
        var written = 0;
        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
        {
            var owned = await checks.ProblemsAsync(batch, ct);
            ownerProblems.AddRange(owned);
            if (!options.GoodRowsOnly && (reader.HasProblems || ownerProblems.Count > 0 || apply.Problems.Count > 0))
            {
                continue; // the file will be refused: keep reading for the problems, write nothing more
            }

            var bad = owned.Select(p => p.Row).ToHashSet();
            var good = batch.Where(r => !bad.Contains(r.RowNumber)).ToList();
            await units.PrepareAsync(good, ct);
            await apply.BatchAsync(good, ct);
            guard.Check();
            written += good.Count;
            progress?.Report(new(written, reader.DataRows, "write"));
        }

        await reading;
        if (options.GoodRowsOnly || (!reader.HasProblems && ownerProblems.Count == 0))
        {
            // Parents last: a part may come before its parent in the file.
            ownerProblems.AddRange(await parents.LinkAsync(apply.Changes, ct));
        }

        var problems = reader.Problems.Concat(ownerProblems).Concat(apply.Problems).OrderBy(p => p.Row).ToList();
        var result = new LedgerImportResult
        {
            Sheet = sheet,
            Year = year,
            YearFrom = yearFrom,
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
            rollupsWait.Dispose();
            await RollupData.RefreshAsync(db, db.Rollups.TakePending(), ct);
            await tx.CommitAsync(ct);
        }

        db.Rollups.TakePending();
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
            CreatedUnits = units.Created,
            Changes = changes,
            Proposals = apply.Proposals,
            Applied = !options.DryRun,
        };
    }

    /// <summary>The ledger header among the top rows; refuses a sheet that is empty or lacks a required column.</summary>
    private static HeaderMatch RequireHeader(string sheet, List<RawRow> top, IReadOnlyDictionary<string, LedgerField?>? map)
    {
        var header = LedgerHeader.Find(top, map);
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

        return header;
    }

    /// <summary>Cancels the reading when the import leaves, however it leaves.</summary>
    private sealed class StopOnExit(CancellationTokenSource stop) : IDisposable
    {
        public void Dispose() => stop.Cancel();
    }
}
