using Keystone.Core.Data;

namespace Keystone.Features.Accounts;

/// <summary>
/// Whether the demo accounts still open with the published password, for the sign-in page to list them. Each
/// check costs a password hash, so the answer is kept for a minute on each node: a demo password changed just
/// now may still be listed for that minute (signing in with it fails at once).
/// </summary>
public sealed class DemoAccounts(TimeProvider clock)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private (DateTimeOffset At, bool Active)? held;

    public async Task<bool> ActiveAsync(AppDbContext db, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (held is { } h && now >= h.At && now - h.At < Keep)
            {
                return h.Active;
            }
        }

        var active = await Core.Accounts.Accounts.DemoUsersActiveAsync(db, ct);
        lock (gate)
        {
            held = (now, active);
        }

        return active;
    }
}
