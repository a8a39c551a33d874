using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// What the matrix reads straight from the database: the home zone's facts to look for in answers, and a
/// fingerprint of its rows to compare before and after each write — every column of every table that holds
/// home-zone data (so a column added later is covered too), but the sign-in bookkeeping that any request may touch.
/// </summary>
public sealed partial class ScopeMatrix
{
    private readonly Dictionary<string, (string Uscc, string Name)> homeEnterprises = [];
    private string projectIds = "";
    private string enterpriseIds = "";
    private string unitIds = "";

    /// <summary>Columns a refused request may still change (a sign-in's counters, a token's last use).</summary>
    [GeneratedRegex("^(FailedSignIns|LockedUntil|Last[A-Za-z]*|[A-Za-z]*(UsedAt|SeenAt))$")]
    private static partial Regex Volatile();

    /// <summary>The home zone's facts that no other unit's data contains: project codes and names, enterprise names and USCCs, problem numbers and titles.</summary>
    private async Task<List<Marker>> MarkersAsync()
    {
        await using var db = App.NewContext();
        var projects = await db.Projects.AsNoTracking().Include(p => p.Enterprise).ToListAsync();
        var home = projects.Where(p => p.OrgUnitId == homeUnitId).ToList();
        projectIds = string.Join(",", home.Select(p => p.Id));
        enterpriseIds = string.Join(",", home.Where(p => p.EnterpriseId is not null).Select(p => p.EnterpriseId).Distinct());
        unitIds = homeUnitId.ToString(CultureInfo.InvariantCulture);
        foreach (var p in home.Where(p => p.Enterprise is not null))
        {
            homeEnterprises[p.Code] = (p.Enterprise!.Uscc.Value, p.Enterprise.Name);
        }

        var homeLeads = await PromotionMarkersAsync(db);
        await PromotionPageIdsAsync(db);
        var homeProblems = await db.Problems.AsNoTracking().Where(p => p.OrgUnitId == homeUnitId).Select(p => new { p.Number, p.Title }).ToListAsync();
        var candidates = home.SelectMany(p => new[] { new Marker("project", p.Code), new Marker("project", p.Name) })
            .Concat(home.Where(p => p.Enterprise is not null).SelectMany(p => new[] { new Marker("enterprise", p.Enterprise!.Name), new Marker("enterprise", p.Enterprise.Uscc.Value) }))
            .Concat(homeProblems.SelectMany(p => new[] { new Marker("problem", p.Number), new Marker("problem", p.Title) }))
            .Concat((await db.GroupRobots.AsNoTracking().Where(r => r.OrgUnitId == homeUnitId).Select(r => r.Name).ToListAsync()).Select(n => new Marker("robot", n)))
            .Concat([new Marker("robot webhook", RobotWebhook)])
            .Concat(homeLeads)
            .Concat(await PromotionEventMarkersAsync(db))
            .Concat(await MeetingMarkersAsync(db))
            .Concat(await CampaignMarkersAsync(db));

        // What others may legitimately see: every other unit's projects and enterprises, the units, the users.
        var elsewhere = projects.Where(p => p.OrgUnitId != homeUnitId)
            .SelectMany(p => new[] { p.Code, p.Name, p.Enterprise?.Name ?? "", p.Enterprise?.Uscc.Value ?? "" })
            .Concat(await db.OrgUnits.Select(u => u.Name).ToListAsync())
            .Concat(await db.Users.Select(u => u.UserName).ToListAsync())
            .ToList();
        return candidates.Where(m => m.Value.Length >= 4 && !elsewhere.Any(e => e.Contains(m.Value, StringComparison.Ordinal)))
            .DistinctBy(m => m.Value).ToList();
    }

    /// <summary>The tables holding home-zone data, each with the condition that picks the home zone's rows.</summary>
    private IEnumerable<(string Table, string Where)> FingerprintTables()
    {
        var p = $"\"ProjectId\" IN ({projectIds})";
        var problems = $"\"OrgUnitId\" IN ({unitIds}) OR \"ProjectId\" IN ({projectIds}) OR \"EnterpriseId\" IN ({enterpriseIds})";
        var factors = $"\"ProjectFactorsId\" IN (SELECT \"Id\" FROM \"project_factors\" WHERE {p})";
        return
        [
            ("org_units", "1 = 1"),
            ("projects", $"\"Id\" IN ({projectIds}) OR \"OrgUnitId\" IN ({unitIds})"),
            ("enterprises", $"\"Id\" IN ({enterpriseIds})"),
            ("annual_plans", p),
            ("progress_reports", p),
            ("report_photos", p),
            ("project_schedules", p),
            ("project_work_items", p),
            ("project_factors", p),
            ("project_funds", factors),
            ("project_emissions", factors),
            ("procedure_items", p),
            ("problems", problems),
            ("problem_steps", $"\"ProblemId\" IN (SELECT \"Id\" FROM \"problems\" WHERE {problems})"),
            ("supervision_notices", $"\"ProblemId\" IN (SELECT \"Id\" FROM \"problems\" WHERE {problems})"),
            ("light_rule_sets", $"\"OrgUnitId\" IN ({unitIds})"),
            ("closed_periods", $"\"OrgUnitId\" IN ({unitIds})"),
            ("users", $"\"OrgUnitId\" IN ({unitIds})"),
            ("group_robots", $"\"OrgUnitId\" IN ({unitIds})"),
            ("notification_messages", $"\"OrgUnitId\" IN ({unitIds})"),
            ("api_tokens", $"\"UserId\" IN (SELECT \"Id\" FROM \"users\" WHERE \"OrgUnitId\" IN ({unitIds}))"),
            .. PromotionTables(),
            .. EnterpriseTables(),
            .. PromotionFileTables(),
            .. MeetingTables(),
            .. CampaignTables(),
        ];
    }

    /// <summary>The home zone's rows, table by table, one line per row (binary columns as a hash).</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = App.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var (table, where) in FingerprintTables())
        {
            text.Append("## ").Append(table).Append('\n');
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" WHERE {where} ORDER BY \"Id\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!Volatile().IsMatch(reader.GetName(i)))
                    {
                        text.Append(reader.GetName(i)).Append('=').Append(Value(reader, i)).Append("; ");
                    }
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Value(DbDataReader reader, int i) => reader.IsDBNull(i) ? "∅" : reader.GetValue(i) switch
    {
        byte[] bytes => "sha256:" + Convert.ToHexString(SHA256.HashData(bytes))[..16],
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };

    /// <summary>Which tables changed and how: rows gone, rows new or rewritten (the first of them, cut short).</summary>
    private static string Difference(string before, string after)
    {
        static Dictionary<string, List<string>> Tables(string fingerprint)
        {
            var tables = new Dictionary<string, List<string>>();
            var current = "";
            foreach (var line in fingerprint.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    current = line[3..];
                    tables[current] = [];
                }
                else
                {
                    tables[current].Add(line);
                }
            }

            return tables;
        }

        var was = Tables(before);
        var now = Tables(after);
        var changes = new List<string>();
        foreach (var (table, rows) in now)
        {
            var old = was.GetValueOrDefault(table) ?? [];
            var added = rows.Except(old).ToList();
            var gone = old.Except(rows).ToList();
            if (added.Count + gone.Count > 0)
            {
                var example = added.FirstOrDefault() ?? gone.First();
                changes.Add($"{table} ({gone.Count} row(s) before → {added.Count} after, e.g. {(example.Length > 200 ? example[..200] + "…" : example)})");
            }
        }

        return string.Join("; ", changes);
    }

    /// <summary>Puts the database back as it was after setting up the world (after a write that should not have changed it did).</summary>
    private async Task RestoreAsync()
    {
        Restores++;
        await snapshot!.RestoreAsync();
    }

    /// <summary>
    /// A copy of the database taken once the world is built, put back in place under the same name (so the
    /// running app, its pools cleared, carries on): SQLite by a file copy, PostgreSQL by a template database.
    /// </summary>
    private sealed class Snapshot : IAsyncDisposable
    {
        private readonly DatabaseTarget target;
        private readonly string copy;

        private Snapshot(DatabaseTarget target, string copy)
        {
            this.target = target;
            this.copy = copy;
        }

        public static async Task<Snapshot> TakeAsync(TestDatabase database)
        {
            var target = database.Target;
            if (target.Provider == DbProvider.Sqlite)
            {
                var copy = SqliteFile(target) + ".matrix";
                File.Delete(copy);
                await using (var connection = new SqliteConnection(target.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "VACUUM INTO @file";
                    command.Parameters.AddWithValue("@file", copy);
                    await command.ExecuteNonQueryAsync();
                }

                return new Snapshot(target, copy);
            }

            var name = PostgresName(target);
            var snapshot = name + "_matrix";
            NpgsqlConnection.ClearAllPools();
            await PostgresAsync($"CREATE DATABASE \"{snapshot}\" TEMPLATE \"{name}\"");
            return new Snapshot(target, snapshot);
        }

        public async Task RestoreAsync()
        {
            if (target.Provider == DbProvider.Sqlite)
            {
                SqliteConnection.ClearAllPools();
                var file = SqliteFile(target);
                foreach (var f in new[] { file + "-wal", file + "-shm" })
                {
                    File.Delete(f);
                }

                File.Copy(copy, file, overwrite: true);
                return;
            }

            var name = PostgresName(target);
            NpgsqlConnection.ClearAllPools();
            await PostgresAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await PostgresAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{copy}\"");
        }

        public async ValueTask DisposeAsync()
        {
            if (target.Provider == DbProvider.Sqlite)
            {
                File.Delete(copy);
            }
            else
            {
                NpgsqlConnection.ClearAllPools();
                await PostgresAsync($"DROP DATABASE IF EXISTS \"{copy}\" WITH (FORCE)");
            }
        }

        private static string SqliteFile(DatabaseTarget target) => new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;

        private static string PostgresName(DatabaseTarget target) => new NpgsqlConnectionStringBuilder(target.ConnectionString).Database!;

        /// <summary>Runs one statement on the server's maintenance database; a template still held for a moment (autovacuum) is retried.</summary>
        private static async Task PostgresAsync(string sql)
        {
            var server = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = "postgres", Pooling = false }.ConnectionString;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(server);
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand(sql, connection);
                    await command.ExecuteNonQueryAsync();
                    return;
                }
                catch (PostgresException e) when (e.SqlState is "55006" && attempt < 20)
                {
                    await Task.Delay(100 * attempt);
                }
            }
        }
    }
}
