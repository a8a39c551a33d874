using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The authorization matrix (see <see cref="ScopeMatrix"/>): every route of the app — the OpenAPI document's
/// operations, so a route added later joins by being documented, and the pages and their form posts — sent by
/// every caller at the home zone's data. It fails on any answer that carries another unit's facts, any write
/// that changes another unit's rows, a 5xx, an anonymous caller let in, or a cookie form post without its
/// antiforgery token; every failure is listed at once.
/// </summary>
public class ScopeMatrixTests
{
    [Theory]
    [DatabaseData]
    public async Task NoRoute_LetsACallerReadOrChangeAnotherUnitsData(DbProvider provider)
    {
        await using var matrix = await ScopeMatrix.StartAsync(provider);
        var failures = await matrix.RunAsync();
        var summary = $"scope matrix on {provider}: {matrix.RouteCount} routes × {matrix.CallerCount} callers, {matrix.RequestCount} requests, "
            + $"{matrix.Restores} restore(s) of the database after a change, {failures.Count} failure(s)";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + ":\n" + string.Join("\n", failures));
    }
}
