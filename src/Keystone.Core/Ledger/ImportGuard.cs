namespace Keystone.Core.Ledger;

/// <summary>
/// Bounds one import or export in time and memory (<see cref="LedgerLimits.TimeoutSeconds"/>,
/// <see cref="LedgerLimits.MaxMemoryMB"/>). Its <see cref="Token"/> is cancelled when the time is up; the
/// work calls <see cref="Check"/> every batch of rows, which refuses it once the memory limit is passed.
/// Either way the work stops inside its transaction, so nothing is changed, and the caller gets a
/// <see cref="DomainException"/> saying which limit and what to do.
/// </summary>
/// <remarks>
/// Memory is watched cheaply: the live managed heap as the garbage collector measured it at its last
/// collection (<see cref="GC.GetGCMemoryInfo()"/>, heap size less fragmentation), minus what it was when
/// the work began. That figure may still count garbage of older generations, so before refusing, one full
/// collection confirms it (<see cref="GC.GetTotalMemory(bool)"/>); after a false alarm the next
/// confirmation waits for another quarter of the limit of growth, so a busy heap costs few collections.
/// The heap is the process's: two imports at once are each judged by their sum, which keeps the node
/// under the limit too. What an import holds by design is bounded besides — a cell by
/// <see cref="LedgerLimits.MaxCellLength"/>, the rows by <see cref="LedgerLimits.MaxRows"/>, the rows in
/// flight by the importer's batches, an .xlsx's shared strings by half the memory limit.
/// </remarks>
public sealed class ImportGuard : IDisposable
{
    public static readonly Text Import = new("导入", "import");
    public static readonly Text Export = new("导出", "export");

    private readonly CancellationTokenSource timer;
    private readonly CancellationTokenSource linked;
    private readonly LedgerLimits limits;
    private readonly Text what;
    private readonly long baseline;
    private readonly long ceiling;
    private long threshold;

    private ImportGuard(LedgerLimits limits, Text what, CancellationToken outer)
    {
        this.limits = limits;
        this.what = what;
        timer = new CancellationTokenSource(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        linked = CancellationTokenSource.CreateLinkedTokenSource(outer, timer.Token);
        baseline = LiveHeap();
        ceiling = (long)limits.MaxMemoryMB * 1024 * 1024;
        threshold = ceiling;
    }

    /// <summary>Cancelled when the time limit passes or the caller gives up.</summary>
    public CancellationToken Token => linked.Token;

    public bool TimedOut => timer.IsCancellationRequested;

    public static ImportGuard Start(LedgerLimits limits, Text what, CancellationToken outer) => new(limits, what, outer);

    /// <summary>Runs <paramref name="work"/> under a guard of its own (see <see cref="RunAsync{T}(Func{CancellationToken, Task{T}})"/>).</summary>
    public static async Task<T> RunAsync<T>(LedgerLimits limits, Text what, Func<ImportGuard, CancellationToken, Task<T>> work, CancellationToken outer)
    {
        using var guard = Start(limits, what, outer);
        return await guard.RunAsync(token => work(guard, token));
    }

    /// <summary>
    /// Runs <paramref name="work"/> under the guard: a cancellation because the time is up becomes the
    /// limit's refusal; the caller's own cancellation stays a cancellation.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work)
    {
        try
        {
            return await work(Token);
        }
        catch (OperationCanceledException) when (TimedOut)
        {
            throw TimeoutError();
        }
    }

    /// <summary>Throws the limit's refusal when the time is up or the memory limit is passed.</summary>
    public void Check()
    {
        if (TimedOut)
        {
            throw TimeoutError();
        }

        Token.ThrowIfCancellationRequested();
        var growth = LiveHeap() - baseline;
        if (growth <= threshold)
        {
            return;
        }

        var confirmed = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        if (confirmed > ceiling)
        {
            throw new DomainException(new(
                $"本次{what.Zh}占用内存超过{limits.MaxMemoryMB}MB上限，已取消，未作任何更改；请把文件拆成几个较小的文件分别{what.Zh}",
                $"The {what.En} took more than the {limits.MaxMemoryMB} MB memory limit; it was cancelled and nothing was changed. Split the file into smaller ones and {what.En} them one by one"),
                "file");
        }

        threshold = Math.Max(ceiling, growth + (ceiling / 4));
    }

    public DomainException TimeoutError() => new(new(
        $"本次{what.Zh}超过{limits.TimeoutSeconds}秒时限，已取消，未作任何更改；请把文件拆成几个较小的文件分别{what.Zh}，或在空闲时再试",
        $"The {what.En} ran past the {limits.TimeoutSeconds} s time limit; it was cancelled and nothing was changed. Split the file into smaller ones, or try again when the server is less busy"),
        "file");

    public void Dispose()
    {
        linked.Dispose();
        timer.Dispose();
    }

    /// <summary>The heap that survived the last collection (or, before the first, all of it).</summary>
    private static long LiveHeap()
    {
        var info = GC.GetGCMemoryInfo();
        return info.Index == 0 ? GC.GetTotalMemory(forceFullCollection: false) : info.HeapSizeBytes - info.FragmentedBytes;
    }
}

/// <summary>
/// At most <see cref="LedgerLimits.MaxConcurrent"/> imports at once on one node (web requests of every
/// import route share it; a CLI import is a process of its own): the others wait their turn up to
/// <see cref="LedgerLimits.WaitSeconds"/>, then are refused as busy, changing nothing.
/// </summary>
public sealed class ImportSlots(LedgerLimits limits)
{
    private readonly SemaphoreSlim slots = new(limits.MaxConcurrent, limits.MaxConcurrent);

    /// <summary>Imports running now.</summary>
    public int Running => limits.MaxConcurrent - slots.CurrentCount;

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (!await slots.WaitAsync(TimeSpan.FromSeconds(limits.WaitSeconds), ct))
        {
            throw new BusyException(
                new($"导入任务较多，请稍后再试：本服务器同时最多运行{limits.MaxConcurrent}个导入，已等待{limits.WaitSeconds}秒，未作任何更改",
                    $"Too many imports are running; please try again shortly: this server runs at most {limits.MaxConcurrent} at once and waited {limits.WaitSeconds} s; nothing was changed"),
                TimeSpan.FromSeconds(Math.Max(limits.WaitSeconds, 5)));
        }

        return new Slot(slots);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>The server is busy with other work of the same kind; the request may be sent again after <see cref="RetryAfter"/>.</summary>
public sealed class BusyException(Text message, TimeSpan retryAfter) : Exception(message.Zh)
{
    public Text Text { get; } = message;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
