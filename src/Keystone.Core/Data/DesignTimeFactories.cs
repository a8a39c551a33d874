using Microsoft.EntityFrameworkCore.Design;

namespace Keystone.Core.Data;

/// <summary>Used by `dotnet ef` (scripts/add-migration.sh) only: a migration needs a provider, not a database.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        (SqliteAppDbContext)DatabaseTarget.Resolve(Path.Combine(Path.GetTempPath(), "keystone-design.db"), null).CreateContext();
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        (PostgresAppDbContext)DatabaseTarget.Resolve("Host=localhost;Database=keystone_design;Username=postgres", null).CreateContext();
}
