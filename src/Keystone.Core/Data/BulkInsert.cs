using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Keystone.Core.Data;

/// <summary>
/// Inserts many new entities without the change tracker: ids are reserved up front, rows go in inside the
/// caller's transaction (SQLite: one prepared INSERT stepped per row; PostgreSQL: a binary COPY per table).
/// Column names, value converters and store types all come from the EF model, so a row written here reads
/// back through EF exactly like one EF wrote (BulkInsertTests compares every column). Used by the
/// ledger importer for new projects, where change tracking cost ten times the rest of the import.
/// Entities must be fully built (and so validated) by their constructors first.
/// </summary>
public sealed class BulkInsert(AppDbContext db)
{
    private readonly Dictionary<Type, Table> tables = [];

    /// <summary>Gives each entity a fresh id from the table's own sequence (no other writer can take them).</summary>
    public async Task AssignIdsAsync<T>(IReadOnlyList<T> entities, CancellationToken ct = default)
        where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        var table = TableOf(typeof(T));
        await using var command = Command();
        if (db.Database.IsNpgsql())
        {
            command.CommandText = $"SELECT nextval(pg_get_serial_sequence('\"{table.Name}\"', '{table.Key.Column}')) FROM generate_series(1, {entities.Count})";
            var i = 0;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                table.Key.SetId(entities[i++], reader.GetInt64(0));
            }
        }
        else
        {
            // AUTOINCREMENT keys never reuse an id: start above both the largest id and the table's sequence.
            command.CommandText = $"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table.Name}'), 0), COALESCE((SELECT MAX(\"{table.Key.Column}\") FROM \"{table.Name}\"), 0))";
            var next = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;
            foreach (var entity in entities)
            {
                table.Key.SetId(entity, next++);
            }
        }
    }

    /// <summary>Inserts the entities, ids included; foreign keys are taken from their navigations when unset.</summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> entities, CancellationToken ct = default)
        where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        var table = TableOf(typeof(T));
        if (!db.Database.IsNpgsql())
        {
            InsertSqlite(table, entities);
            return;
        }

        // PostgreSQL: one binary COPY per table, inside the caller's transaction.
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        _ = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction");
        var types = table.Columns.Select(c => StoreTypeName(c.Mapping.StoreType)).ToArray();
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => "\"" + c.Name + "\""))}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var entity in entities)
            {
                await copy.StartRowAsync(ct);
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var column = table.Columns[c];
                    var value = column.Read(entity);
                    var stored = value is null ? null : column.Mapping.Converter?.ConvertToProvider(value) ?? value;
                    if (stored is null)
                    {
                        await copy.WriteNullAsync(ct);
                    }
                    else
                    {
                        await copy.WriteAsync(stored, types[c], ct);
                    }
                }
            }

            await copy.CompleteAsync(ct);
        }
    }

    /// <summary>
    /// The entity's values as the audit log writes a tracked entity's (<see cref="AuditInterceptor.Values"/>),
    /// foreign keys taken from navigations as <see cref="InsertAsync"/> takes them: so a row written here is
    /// logged with the same values as one EF wrote.
    /// </summary>
    public string AuditValues<T>(T entity)
        where T : class
    {
        var table = TableOf(typeof(T));
        return AuditInterceptor.Values(table.Type, p => table.ByProperty[p].Read(entity));
    }

    /// <summary>The column's PostgreSQL type without its facets ("character varying(200)" → "character varying"), as COPY names it.</summary>
    private static string StoreTypeName(string storeType) =>
        storeType.IndexOf('(', StringComparison.Ordinal) is var open and >= 0
            ? storeType[..open] + storeType[(storeType.IndexOf(')', open) + 1)..]
            : storeType;

    /// <summary>
    /// SQLite: one prepared INSERT, stepped once per entity inside the caller's transaction. SQLite runs
    /// in-process, so a row costs no round trip; what costs is binding. ADO.NET's parameters look each one up
    /// by name on every row, which was a third of a 100,000-row import, so values are bound by position on
    /// the statement itself, stored exactly as Microsoft.Data.Sqlite stores them (pinned by BulkInsertTests
    /// against rows EF wrote). A table with triggers (the audit log's, which keep it append-only) takes
    /// <see cref="RowsPerTriggeredStatement"/> rows per statement: SQLite journals every page a statement
    /// that fires a trigger touches, so that a RAISE can undo it, and one such statement per row tripled the
    /// cost of writing the log.
    /// </summary>
    private void InsertSqlite<T>(Table table, IReadOnlyList<T> entities)
        where T : class
    {
        var handle = ((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("Bulk inserts need an open connection");
        _ = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction");
        var perStatement = HasTriggers(handle, table) ? RowsPerTriggeredStatement : 1;
        var done = 0;
        if (entities.Count >= perStatement && perStatement > 1)
        {
            done = entities.Count - (entities.Count % perStatement);
            Step(handle, table, entities, 0, done, perStatement);
        }

        Step(handle, table, entities, done, entities.Count, 1);
    }

    private const int RowsPerTriggeredStatement = 64;

    /// <summary>Inserts entities [from, to) with a statement of <paramref name="rows"/> rows, stepped (to − from) / rows times.</summary>
    private static void Step<T>(sqlite3 handle, Table table, IReadOnlyList<T> entities, int from, int to, int rows)
        where T : class
    {
        if (from >= to)
        {
            return;
        }

        var columns = table.Columns.Count;
        var sql = table.InsertPrefix + string.Join(",", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(",", Enumerable.Range(1, columns).Select(c => "?" + ((r * columns) + c).ToString(CultureInfo.InvariantCulture))) + ")"));
        Check(handle, raw.sqlite3_prepare_v2(handle, sql, out var statement));
        using (statement)
        {
            for (var first = from; first < to; first += rows)
            {
                for (var r = 0; r < rows; r++)
                {
                    var entity = entities[first + r];
                    for (var c = 0; c < columns; c++)
                    {
                        var column = table.Columns[c];
                        var value = column.Read(entity);
                        Check(handle, Bind(statement, (r * columns) + c + 1, value is null ? null : column.Mapping.Converter?.ConvertToProvider(value) ?? value));
                    }
                }

                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    raw.sqlite3_reset(statement);
                    Check(handle, step);
                }

                Check(handle, raw.sqlite3_reset(statement));
            }
        }
    }

    /// <summary>Whether any trigger fires on inserts into the table (asked once per table).</summary>
    private bool HasTriggers(sqlite3 handle, Table table)
    {
        if (table.HasTriggers is { } known)
        {
            return known;
        }

        Check(handle, raw.sqlite3_prepare_v2(handle, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1", out var statement));
        using (statement)
        {
            Check(handle, raw.sqlite3_bind_text(statement, 1, table.Name));
            Check(handle, raw.sqlite3_step(statement));
            table.HasTriggers = raw.sqlite3_column_int64(statement, 0) > 0;
        }

        return table.HasTriggers.Value;
    }

    /// <summary>A value in the storage class and text form Microsoft.Data.Sqlite gives it (SqliteValueBinder).</summary>
    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string s => raw.sqlite3_bind_text(statement, index, s),
        long n => raw.sqlite3_bind_int64(statement, index, n),
        int n => raw.sqlite3_bind_int64(statement, index, n),
        short n => raw.sqlite3_bind_int64(statement, index, n),
        byte n => raw.sqlite3_bind_int64(statement, index, n),
        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
        double d => double.IsNaN(d) ? throw new ArgumentException("SQLite cannot store NaN", nameof(value)) : raw.sqlite3_bind_double(statement, index, d),
        decimal m => raw.sqlite3_bind_text(statement, index, m.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        DateTime t => raw.sqlite3_bind_text(statement, index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateOnly d => raw.sqlite3_bind_text(statement, index, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        Enum e => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"BulkInsert cannot store a {value.GetType().Name} in SQLite; add it to Bind with the form Microsoft.Data.Sqlite gives it"),
    };

    private static void Check(sqlite3 handle, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new Microsoft.Data.Sqlite.SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(handle));
        }
    }

    private DbCommand Command()
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction");
        return command;
    }

    private Table TableOf(Type type)
    {
        if (!tables.TryGetValue(type, out var table))
        {
            table = new Table(db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model"));
            tables[type] = table;
        }

        return table;
    }

    private sealed class Table
    {
        public Table(IEntityType type)
        {
            Name = type.GetTableName()!;
            var store = StoreObjectIdentifier.Table(Name, type.GetSchema());
            var keyProperty = type.FindPrimaryKey()!.Properties.Single();
            Key = new KeyColumn(keyProperty.GetColumnName(store)!, keyProperty.PropertyInfo!);
            Type = type;
            Columns = type.GetProperties().Select(p => new Column(p, store, type)).ToList();
            ByProperty = Columns.ToDictionary(c => c.Property);
            InsertPrefix = $"INSERT INTO \"{Name}\" ({string.Join(", ", Columns.Select(c => "\"" + c.Name + "\""))}) VALUES ";
        }

        public string Name { get; }

        public IEntityType Type { get; }

        public KeyColumn Key { get; }

        public List<Column> Columns { get; }

        public Dictionary<IProperty, Column> ByProperty { get; }

        public string InsertPrefix { get; }

        /// <summary>SQLite: whether the table has triggers, once asked.</summary>
        public bool? HasTriggers { get; set; }
    }

    private sealed record KeyColumn(string Column, PropertyInfo Property)
    {
        public void SetId(object entity, long id) =>
            Property.SetValue(entity, Property.PropertyType == typeof(int) ? (object)checked((int)id) : id);
    }

    private sealed class Column
    {
        private readonly IClrPropertyGetter getter;
        private readonly IForeignKey? foreignKey;

        public Column(IProperty property, StoreObjectIdentifier store, IEntityType type)
        {
            Property = property;
            Name = property.GetColumnName(store)!;
            Mapping = (RelationalTypeMapping)property.GetTypeMapping();
            Nullable = property.IsNullable;
            getter = property.GetGetter();
            foreignKey = type.GetForeignKeys().FirstOrDefault(fk => fk.Properties.Count == 1 && fk.Properties[0] == property && fk.DependentToPrincipal is not null);
        }

        public IProperty Property { get; }

        public string Name { get; }

        public RelationalTypeMapping Mapping { get; }

        public bool Nullable { get; }

        /// <summary>The value as EF would write it: a foreign key from its navigation when the key itself is unset.</summary>
        public object? Read(object entity)
        {
            var value = getter.GetClrValue(entity);
            if (foreignKey is not null && (value is null or 0 or 0L) && foreignKey.DependentToPrincipal!.GetGetter().GetClrValue(entity) is { } principal)
            {
                value = foreignKey.PrincipalKey.Properties[0].GetGetter().GetClrValue(principal);
            }

            return value;
        }
    }
}
