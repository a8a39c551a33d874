using System.Reflection;
using Keystone.Core.Data;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Keystone.Testing;

/// <summary>
/// Runs a theory once per database provider: SQLite always, PostgreSQL when KEYSTONE_TEST_POSTGRES names a
/// server (scripts/test.sh starts one and sets it), else that case is reported as skipped with the reason.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseDataAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        IReadOnlyCollection<ITheoryDataRow> rows =
        [
            new TheoryDataRow<DbProvider>(DbProvider.Sqlite),
            new TheoryDataRow<DbProvider>(DbProvider.Postgres)
            {
                Skip = TestDatabase.PostgresServer is null ? $"PostgreSQL not configured: set {TestDatabase.PostgresVariable} (scripts/test.sh does)" : null,
            },
        ];
        return new(rows);
    }

    public override bool SupportsDiscoveryEnumeration() => true;
}
