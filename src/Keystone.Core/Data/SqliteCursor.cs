using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SQLitePCL;

namespace Keystone.Core.Data;

/// <summary>
/// Reads the rows of an EF query on SQLite straight from its prepared statement, for the few reads of a whole
/// province's rows: the query (its SQL, parameters and column names) is EF's, only taking the values out is ours.
/// Through EF and <see cref="SqliteDataReader"/> each value costs several times what SQLite's own column call does,
/// and a province's plan rows are 1.6 million values. The caller names the columns it reads (the projection's
/// member names) and converts them as the EF model stores them; a test compares its rows with EF's.
/// </summary>
internal sealed class SqliteCursor
{
    private readonly sqlite3_stmt statement;
    private readonly Dictionary<string, int> ordinals;

    private SqliteCursor(sqlite3_stmt statement)
    {
        this.statement = statement;
        ordinals = Enumerable.Range(0, raw.sqlite3_column_count(statement)).ToDictionary(i => raw.sqlite3_column_name(statement, i).utf8_to_string(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The rows of <paramref name="query"/> on the context's SQLite connection (opened and closed here when closed),
    /// in its transaction when it has one: <paramref name="reader"/> is given the cursor once, to find its columns,
    /// and returns what reads one row from it.
    /// </summary>
    public static async Task<List<TRow>> ReadAsync<TRow>(AppDbContext db, IQueryable query, Func<SqliteCursor, Func<TRow>> reader, CancellationToken ct)
    {
        await using var command = query.CreateDbCommand();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            var handle = connection.Handle!;
            Check(handle, raw.sqlite3_prepare_v2(handle, command.CommandText, out var statement));
            using (statement)
            {
                foreach (DbParameter parameter in command.Parameters)
                {
                    Bind(handle, statement, parameter);
                }

                var row = reader(new SqliteCursor(statement));
                var rows = new List<TRow>();
                while (true)
                {
                    var step = raw.sqlite3_step(statement);
                    if (step == raw.SQLITE_DONE)
                    {
                        return rows;
                    }

                    Check(handle, step); // throws unless a row
                    rows.Add(row());
                    if ((rows.Count & 0xFFF) == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }
                }
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>The ordinal of the column named <paramref name="name"/> (the projection's member name).</summary>
    public int Ordinal(string name) =>
        ordinals.TryGetValue(name, out var i) ? i : throw new InvalidOperationException($"The query has no column named {name}; it has {string.Join(", ", ordinals.Keys)}");

    public bool IsNull(int i) => raw.sqlite3_column_type(statement, i) == raw.SQLITE_NULL;

    public long Int64(int i) => raw.sqlite3_column_int64(statement, i);

    public int Int32(int i) => checked((int)raw.sqlite3_column_int64(statement, i));

    public int? NullableInt32(int i) => IsNull(i) ? null : Int32(i);

    public long? NullableInt64(int i) => IsNull(i) ? null : Int64(i);

    public bool Boolean(int i) => raw.sqlite3_column_int64(statement, i) != 0;

    public string Text(int i) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, i));

    public string? NullableText(int i) => IsNull(i) ? null : Text(i);

    /// <summary>A date as EF stores <see cref="DateOnly"/> on SQLite: text, yyyy-MM-dd.</summary>
    public DateOnly? NullableDate(int i)
    {
        if (IsNull(i))
        {
            return null;
        }

        var text = raw.sqlite3_column_blob(statement, i);
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text[..4]) is { } year && Digits(text.Slice(5, 2)) is { } month && Digits(text.Slice(8, 2)) is { } day)
        {
            return new DateOnly(year, month, day);
        }

        return DateOnly.ParseExact(Encoding.UTF8.GetString(text), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An enum stored as the text the model's converter of <paramref name="column"/> writes, found without making a string.</summary>
    public T Enum<T>(int i, EnumColumn<T> column)
        where T : struct, Enum =>
        column.Find(raw.sqlite3_column_blob(statement, i));

    private static int? Digits(ReadOnlySpan<byte> text)
    {
        var value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return null;
            }

            value = (value * 10) + (b - '0');
        }

        return value;
    }

    private static void Bind(sqlite3 handle, sqlite3_stmt statement, DbParameter parameter)
    {
        // EF names its parameters as its SQL does ("@year"): an unknown name is index 0, which SQLite refuses.
        var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
        Check(handle, parameter.Value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            int v => raw.sqlite3_bind_int64(statement, index, v),
            long v => raw.sqlite3_bind_int64(statement, index, v),
            short v => raw.sqlite3_bind_int64(statement, index, v),
            bool v => raw.sqlite3_bind_int64(statement, index, v ? 1 : 0),
            string v => raw.sqlite3_bind_text(statement, index, v),
            _ => throw new NotSupportedException($"A parameter of type {parameter.Value.GetType().Name} ({parameter.ParameterName}) is not read by SqliteCursor"),
        });
    }

    private static void Check(sqlite3 handle, int rc) => SqliteException.ThrowExceptionForRC(rc, handle);
}

/// <summary>An enum property's stored texts, from the EF model's converter, matched as UTF-8 bytes.</summary>
internal sealed class EnumColumn<T>
    where T : struct, Enum
{
    private readonly (byte[] Text, T Value)[] values;

    public EnumColumn(IProperty property)
    {
        var converter = property.GetTypeMapping().Converter
            ?? throw new InvalidOperationException($"{property.Name} has no value converter");
        values = System.Enum.GetValues<T>().Select(v => (Encoding.UTF8.GetBytes((string)converter.ConvertToProvider(v)!), v)).ToArray();
    }

    public T Find(ReadOnlySpan<byte> text)
    {
        foreach (var (stored, value) in values)
        {
            if (text.SequenceEqual(stored))
            {
                return value;
            }
        }

        throw new InvalidOperationException($"“{Encoding.UTF8.GetString(text)}” is not a stored {typeof(T).Name}");
    }
}
