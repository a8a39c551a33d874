using System.Data.Common;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Keystone.Core.Data;

/// <summary>
/// Inserts many new entities without the change tracker: ids are reserved up front, rows go in as multi-row
/// INSERTs inside the caller's transaction. Column names, value converters and parameter types all come
/// from the EF model, so a row written here reads back through EF exactly like one EF wrote. Used by the
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
            // SQLite looks parameters up by name with a linear scan, so one wide statement is quadratic:
            // reuse one prepared single-row INSERT instead (SQLite runs those in-process, without round trips).
            await using var command = Command();
            command.CommandText = table.InsertPrefix + "(" + string.Join(",", table.Columns.Select((_, c) => "@p" + c)) + ")";
            var parameters = table.Columns.Select((column, c) => column.Mapping.CreateParameter(command, "@p" + c, column.Read(entities[0]), column.Nullable)).ToArray();
            command.Parameters.AddRange(parameters);
            await command.PrepareAsync(ct);
            foreach (var entity in entities)
            {
                for (var c = 0; c < parameters.Length; c++)
                {
                    var column = table.Columns[c];
                    var value = column.Read(entity);
                    parameters[c].Value = (value is null ? null : column.Mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
                }

                // SQLite has no asynchronous I/O: the async call only adds a state machine per row.
                ct.ThrowIfCancellationRequested();
                command.ExecuteNonQuery();
            }

            return;
        }

        // PostgreSQL: few round trips, each a multi-row INSERT well under the 65,535-parameter limit.
        var perStatement = Math.Max(1, 30_000 / table.Columns.Count);
        for (var start = 0; start < entities.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, entities.Count - start);
            await using var command = Command();
            var sql = new StringBuilder(table.InsertPrefix);
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    var name = $"@p{r}_{c}";
                    sql.Append(c == 0 ? name : "," + name);
                    var column = table.Columns[c];
                    var value = column.Read(entities[start + r]);
                    command.Parameters.Add(column.Mapping.CreateParameter(command, name, value, column.Nullable));
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
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
            Columns = type.GetProperties().Select(p => new Column(p, store, type)).ToList();
            InsertPrefix = $"INSERT INTO \"{Name}\" ({string.Join(", ", Columns.Select(c => "\"" + c.Name + "\""))}) VALUES ";
        }

        public string Name { get; }

        public KeyColumn Key { get; }

        public List<Column> Columns { get; }

        public string InsertPrefix { get; }
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
            Name = property.GetColumnName(store)!;
            Mapping = (RelationalTypeMapping)property.GetTypeMapping();
            Nullable = property.IsNullable;
            getter = property.GetGetter();
            foreignKey = type.GetForeignKeys().FirstOrDefault(fk => fk.Properties.Count == 1 && fk.Properties[0] == property && fk.DependentToPrincipal is not null);
        }

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
