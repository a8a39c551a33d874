using System.Text.Json;
using Keystone.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Keystone.Web;

/// <summary>
/// Probes for a load balancer or an orchestrator, answered without signing in: <c>/health/live</c> says the
/// process answers (no database: restarting a node does not mend a database); <c>/health/ready</c> (and
/// <c>/health</c>, as before) says the node can serve — its database answers and no migration is pending —
/// and answers 503 otherwise, so traffic goes to another node until someone runs <c>keystone db migrate</c>.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddKeystoneHealth(this IServiceCollection services, bool replica = false)
    {
        var checks = services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: [Ready]);
        if (replica)
        {
            // Degraded, not unhealthy: every node shares the replica, so taking nodes out would not help.
            checks.AddCheck<ReplicaReadiness>("replica", HealthStatus.Degraded, tags: [Ready]);
        }

        return services;
    }

    public static void MapKeystoneHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync }).AllowAnonymous();
    }

    /// <summary>The status and each check's reason, for the operator reading the probe by hand.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

/// <summary>Ready when the database answers a query and every migration this build knows is applied.</summary>
public sealed class DatabaseReadiness(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer");
            }

            var pending = await DatabaseSetup.PendingMigrationsAsync(db, cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database answers and is migrated")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending (run keystone db migrate): {string.Join(", ", pending)}");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer: " + e.Message);
        }
    }
}

/// <summary>Whether the read replica answers; Degraded (still 200) when it does not, so an operator sees it on the probe.</summary>
public sealed class ReplicaReadiness(ReadTarget read) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = read.Target.CreateContext();
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The read replica answers")
                : HealthCheckResult.Degraded("The read replica does not answer: pages and figures fail on this node until it does");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Degraded("The read replica does not answer: " + e.Message);
        }
    }
}
