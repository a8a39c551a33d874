using System.Net;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Keystone.Tests.Features.Operations;

public class HealthTests
{
    [Theory]
    [DatabaseData]
    public async Task LiveAndReady_AnswerWithoutSignIn_OnAMigratedDatabase(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.AnonymousClient();

        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", (string)body["status"]!);
        Assert.Equal("Healthy", (string)body["checks"]!["database"]!["status"]!);

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task Ready_Is503_WhileAMigrationIsPending_ButTheProcessIsLive(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // As after deploying a new build whose migration nobody has run yet.
        await using (var db = app.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")""");
        }

        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", (string)body["status"]!);
        Assert.Contains("1 migration(s) pending", (string)body["checks"]!["database"]!["description"]!);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=keystone;Password=x;Database=keystone;Timeout=3")]
    [InlineData("/nonexistent-keystone-dir/keystone.db")]
    public async Task Ready_IsUnhealthy_WhenTheDatabaseDoesNotAnswer(string database)
    {
        await using var db = DatabaseTarget.Resolve(database, null).CreateContext();

        var result = await new DatabaseReadiness(db).CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("The database does not answer", result.Description, StringComparison.Ordinal);
    }
}
