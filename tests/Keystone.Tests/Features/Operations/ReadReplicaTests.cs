using System.Net;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Web;
using Npgsql;

namespace Keystone.Tests.Features.Operations;

/// <summary>
/// The web app on a PostgreSQL primary and a streaming read replica (scripts/pg-replica.sh, started by
/// scripts/test.sh and named in KEYSTONE_TEST_POSTGRES_REPLICA). The replica's replay is paused while the
/// test writes, so what each read shows proves where it was served from.
/// </summary>
public sealed class ReadReplicaTests
{
    public const string ReplicaVariable = "KEYSTONE_TEST_POSTGRES_REPLICA";

    [Fact]
    public async Task PagesReadTheReplica_WritesGoToThePrimary_AndAUserReadsBackItsOwnChange()
    {
        var replica = Environment.GetEnvironmentVariable(ReplicaVariable);
        if (string.IsNullOrEmpty(replica) || TestDatabase.PostgresServer is null)
        {
            Assert.Skip($"{ReplicaVariable} names no read replica (scripts/test.sh starts one)");
        }

        var settings = new Dictionary<string, string>();
        await using var app = await KeystoneApp.StartAsync(DbProvider.Postgres, settings);
        var database = new NpgsqlConnectionStringBuilder(app.Database.Target.ConnectionString).Database!;
        settings["ConnectionStrings:" + ReadReplica.Setting] = new NpgsqlConnectionStringBuilder(replica) { Database = database }.ConnectionString;
        await using var control = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(replica) { Username = "postgres", Password = null, Database = "postgres" }.ConnectionString);
        await control.OpenAsync(TestContext.Current.CancellationToken);
        await WaitForAsync(async () => await ExistsOnReplicaAsync(control, database), "the test database to reach the replica");

        using var writer = app.Client(user: "demo-zone");
        using var reader = app.Client(user: "demo-province");
        // The desk pages, as an officer and as the province, are served from the replica without error (no page writes on a GET).
        foreach (var url in new[] { "/work", "/", "/projects", "/battle-map", "/problems", "/factors", "/briefings", "/rankings", "/indicators", "/enterprises", "/promotion", "/targets", "/meetings" })
        {
            foreach (var client in new[] { writer, reader })
            {
                var page = await client.GetAsync(url);
                Assert.True((int)page.StatusCode < 500, $"GET {url} on the replica: {(int)page.StatusCode} {await page.Content.ReadAsStringAsync()}");
            }
        }

        await PauseAsync(control, true);
        try
        {
            var created = await writer.PostAsync("/api/projects", System.Net.Http.Json.JsonContent.Create(KeystoneApp.NewProjectInput("REPL-001")));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Contains(created.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ReadReplica.Cookie + "=", StringComparison.Ordinal));

            // The province's page is read from the paused replica: the project is not there yet.
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/projects/REPL-001")).StatusCode);
            // The API's item is not a lag-tolerant read: the primary answers.
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/projects/REPL-001")).StatusCode);
            // The officer who made it reads its own write from the primary.
            Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync("/projects/REPL-001")).StatusCode);
        }
        finally
        {
            await PauseAsync(control, false);
        }

        await WaitForAsync(async () => (await reader.GetAsync("/projects/REPL-001")).StatusCode == HttpStatusCode.OK, "the replica to replay the new project");
        var ready = await reader.GetStringAsync("/health/ready");
        Assert.Contains("\"replica\":{\"status\":\"Healthy\"", ready);
    }

    [Fact]
    public void AReplicaBesideSQLite_IsRefused_SayingWhy()
    {
        var sqlite = DatabaseTarget.Resolve("data/x.db", null);
        var e = Assert.Throws<DomainException>(() => ReadReplica.Resolve("Host=127.0.0.1;Database=keystone", sqlite));
        Assert.Contains("ConnectionStrings__KeystoneRead", e.Text.Zh);
        Assert.Contains("PostgreSQL primary", e.Text.En);
        Assert.Null(ReadReplica.Resolve(" ", sqlite));
    }

    private static async Task<bool> ExistsOnReplicaAsync(NpgsqlConnection control, string database)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", control);
        command.Parameters.AddWithValue("name", database);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! == 1;
    }

    private static async Task PauseAsync(NpgsqlConnection control, bool pause)
    {
        await using var command = new NpgsqlCommand(pause ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()", control);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"waited a minute for {what}");
    }
}
