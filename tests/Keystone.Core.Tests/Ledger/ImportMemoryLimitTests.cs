using Keystone.Core.Ledger;

namespace Keystone.Core.Tests.Ledger;

/// <summary>The memory limit of an import, measured on the process's heap: run alone, as no other test's garbage may come and go meanwhile.</summary>
[CollectionDefinition(nameof(ImportMemoryLimitTests), DisableParallelization = true)]
[Collection(nameof(ImportMemoryLimitTests))]
public class ImportMemoryLimitTests
{
    [Fact]
    public void WorkPastTheMemoryLimit_IsRefused_NamingTheLimit()
    {
        // What earlier tests left behind, finalizable objects and what they hold included, is gone before the guard
        // takes its baseline: freed later, it would hide the 64 MB held (failed so once in a full run).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var guard = ImportGuard.Start(new LedgerLimits { MaxMemoryMB = 8 }, ImportGuard.Import, default);
        var held = new byte[64 * 1024 * 1024];
        held.AsSpan().Fill(1);
        GC.Collect();

        var e = Assert.Throws<DomainException>(guard.Check);

        Assert.Contains("8MB", e.Text.Zh);
        Assert.Contains("memory limit", e.Text.En);
        GC.KeepAlive(held);
    }

    [Fact]
    public void WorkWithinTheMemoryLimit_GoesOn()
    {
        using var guard = ImportGuard.Start(LedgerLimits.Default, ImportGuard.Import, default);
        guard.Check();
    }
}
