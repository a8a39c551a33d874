using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Keystone.Core.Data;

public enum DbProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database a command or the web app talks to. The `--db` argument is either a file path (SQLite,
/// the embedded default) or a PostgreSQL connection string (`Host=…`, or a postgres:// URL); without it,
/// the `ConnectionStrings__Keystone` setting; without that, `data/keystone.db`.
/// </summary>
public sealed record DatabaseTarget(DbProvider Provider, string ConnectionString, string Display)
{
    public const string DefaultPath = "data/keystone.db";

    public static DatabaseTarget Resolve(string? argument, string? configured)
    {
        var value = !string.IsNullOrWhiteSpace(argument) ? argument.Trim()
            : !string.IsNullOrWhiteSpace(configured) ? configured.Trim()
            : DefaultPath;
        if (LooksLikePostgres(value))
        {
            var cs = value.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) && value.Contains("://", StringComparison.Ordinal)
                ? FromUrl(value)
                : value;
            var builder = new NpgsqlConnectionStringBuilder(cs);
            return new(DbProvider.Postgres, builder.ConnectionString, $"PostgreSQL {builder.Host}/{builder.Database}");
        }

        var path = value.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(value).DataSource
            : value;
        var full = Path.GetFullPath(path);
        var sqlite = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        return new(DbProvider.Sqlite, sqlite.ConnectionString, full);
    }

    private static bool LooksLikePostgres(string value) =>
        value.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/'),
            Username = Uri.UnescapeDataString(userInfo[0]),
        };
        if (userInfo.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        return builder.ConnectionString;
    }

    /// <summary>A context for this target, outside dependency injection (CLI commands, tests).</summary>
    public AppDbContext CreateContext() => Provider switch
    {
        DbProvider.Sqlite => new SqliteAppDbContext(Configure(new DbContextOptionsBuilder<SqliteAppDbContext>()).Options),
        DbProvider.Postgres => new PostgresAppDbContext(Configure(new DbContextOptionsBuilder<PostgresAppDbContext>()).Options),
    };

    public DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder)
        where T : DbContext
    {
        Configure((DbContextOptionsBuilder)builder);
        return builder;
    }

    public void Configure(DbContextOptionsBuilder builder)
    {
        switch (Provider)
        {
            case DbProvider.Sqlite:
                var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
                if (Path.GetDirectoryName(file) is { Length: > 0 } dir)
                {
                    Directory.CreateDirectory(dir);
                }

                // A list parameter becomes one JSON parameter (json_each), not one SQL parameter per item:
                // SQLite finds parameters by name with a linear scan, so thousands of them are quadratic.
                builder.UseSqlite(ConnectionString, o => o
                        .MigrationsAssembly(typeof(AppDbContext).Assembly.FullName)
                        .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                    .AddInterceptors(SqlitePragmas.Instance, AuditInterceptor.Instance);
                break;
            case DbProvider.Postgres:
                builder.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
                    .AddInterceptors(AuditInterceptor.Instance);
                break;
        }
    }
}

/// <summary>
/// Every SQLite connection waits for a writer instead of failing at once (busy_timeout) and enforces foreign
/// keys; the database file runs in WAL mode so the web app's readers never block on a writer.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
