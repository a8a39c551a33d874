using System.Security.Cryptography;
using System.Text;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Keystone.Testing;

/// <summary>
/// A fresh, migrated database for one test, on SQLite (a temp file) or PostgreSQL (a database cloned from a
/// migrated template, so each test pays for a CREATE DATABASE, not for the migrations). PostgreSQL comes from
/// KEYSTONE_TEST_POSTGRES (a connection string to a server where the user may create databases), which
/// scripts/test.sh sets; without it the PostgreSQL cases are skipped with that reason.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "KEYSTONE_TEST_POSTGRES";

    /// <summary>The clock the demo dataset is loaded with: the day seed 004 was reported.</summary>
    public static readonly DateTimeOffset DemoDay = new(2024, 4, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly Dictionary<(DbProvider, bool), string> Templates = [];

    private readonly string? dropDatabase;
    private readonly string? deleteFile;

    private TestDatabase(DatabaseTarget target, string? dropDatabase, string? deleteFile)
    {
        Target = target;
        this.dropDatabase = dropDatabase;
        this.deleteFile = deleteFile;
    }

    public DatabaseTarget Target { get; }

    public DbProvider Provider => Target.Provider;

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public AppDbContext NewContext() => Target.CreateContext();

    /// <summary>A migrated database, empty, or holding the demo dataset (loaded as of <see cref="DemoDay"/>).</summary>
    public static async Task<TestDatabase> CreateAsync(DbProvider provider, bool demo = false)
    {
        var template = await TemplateAsync(provider, demo);
        var name = "ks_" + Guid.NewGuid().ToString("N")[..16];
        switch (provider)
        {
            case DbProvider.Sqlite:
                var file = Path.Combine(Dir, name + ".db");
                File.Copy(template, file);
                return new TestDatabase(DatabaseTarget.Resolve(file, null), null, file);
            case DbProvider.Postgres:
                await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                return new TestDatabase(DatabaseTarget.Resolve(WithDatabase(name), null), name, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider));
        }
    }

    /// <summary>An empty server-side database (PostgreSQL) or file path (SQLite) with no schema: for migration tests.</summary>
    public static async Task<TestDatabase> CreateBlankAsync(DbProvider provider)
    {
        var name = "ks_" + Guid.NewGuid().ToString("N")[..16];
        if (provider == DbProvider.Sqlite)
        {
            var file = Path.Combine(Dir, name + ".db");
            return new TestDatabase(DatabaseTarget.Resolve(file, null), null, file);
        }

        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new TestDatabase(DatabaseTarget.Resolve(WithDatabase(name), null), name, null);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (deleteFile is not null)
        {
            foreach (var f in new[] { deleteFile, deleteFile + "-wal", deleteFile + "-shm" })
            {
                File.Delete(f);
            }
        }

        if (dropDatabase is not null)
        {
            // An autovacuum worker (owned by the superuser) may hold the fresh database for a moment;
            // retry, and leave the database behind rather than fail a test that passed.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync($"DROP DATABASE IF EXISTS \"{dropDatabase}\" WITH (FORCE)");
                    break;
                }
                catch (PostgresException e) when (e.SqlState is "42501" or "55006" && attempt < 10)
                {
                    await Task.Delay(200 * attempt);
                }
                catch (PostgresException) when (attempt >= 10)
                {
                    break;
                }
            }
        }
    }

    private static string Dir
    {
        get
        {
            var dir = Path.Combine(Path.GetTempPath(), "keystone-tests");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static async Task<string> TemplateAsync(DbProvider provider, bool demo)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (Templates.TryGetValue((provider, demo), out var existing))
            {
                return existing;
            }

            // Named after the schema and the role: a template another role made cannot be cloned by this one.
            var role = provider == DbProvider.Postgres ? "_" + new NpgsqlConnectionStringBuilder(Server).Username : "";
            var name = $"ks_tmpl_{(demo ? "demo" : "empty")}_{SchemaHash()}{role}";
            string template;
            if (provider == DbProvider.Sqlite)
            {
                template = Path.Combine(Dir, $"{name}_{Environment.ProcessId}.db");
                File.Delete(template);
                await PrepareAsync(DatabaseTarget.Resolve(template, null), demo);
                SqliteConnection.ClearAllPools();
                var file = template;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
            }
            else
            {
                // Test assemblies run in parallel processes: a server-side advisory lock lets one build the template.
                await using var admin = new NpgsqlConnection(Server);
                await admin.OpenAsync();
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(802417)", admin))
                {
                    await lockCommand.ExecuteNonQueryAsync();
                }

                try
                {
                    await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
                    exists.Parameters.AddWithValue("n", name);
                    if (await exists.ExecuteScalarAsync() is null)
                    {
                        var building = name + "_build";
                        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                        await ExecuteAsync($"CREATE DATABASE \"{building}\"");
                        await PrepareAsync(DatabaseTarget.Resolve(WithDatabase(building), null), demo);
                        NpgsqlConnection.ClearAllPools();
                        await ExecuteAsync($"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                    }
                }
                finally
                {
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(802417)", admin);
                    await unlock.ExecuteNonQueryAsync();
                }

                template = name;
            }

            Templates[(provider, demo)] = template;
            return template;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task PrepareAsync(DatabaseTarget target, bool demo)
    {
        await using var db = target.CreateContext();
        await DatabaseSetup.MigrateAsync(db);
        if (demo)
        {
            await DemoData.LoadAsync(db, new FakeTimeProvider(DemoDay));
        }
    }

    /// <summary>Identifies the schema (the migrations) and the demo file, so a changed one gets a new template.</summary>
    private static string SchemaHash()
    {
        using var db = DatabaseTarget.Resolve(Path.Combine(Dir, "hash.db"), null).CreateContext();
        var ids = string.Join(",", db.GetService<IMigrationsAssembly>().Migrations.Keys) + "/demo" + DemoData.Revision;
        using var demo = DemoData.OpenLedger();
        var bytes = Encoding.UTF8.GetBytes(ids).Concat(SHA256.HashData(demo)).ToArray();
        return Convert.ToHexString(SHA256.HashData(bytes))[..12].ToLowerInvariant();
    }

    private static string Server => PostgresServer
        ?? throw new InvalidOperationException($"Set {PostgresVariable} to a PostgreSQL connection string (scripts/test.sh does)");

    private static string WithDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = name, Pooling = true }.ConnectionString;

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
