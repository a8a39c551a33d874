using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Periods;
using Keystone.Core.Plans;
using Keystone.Core.Problems;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Keystone.Benchmarks;

/// <summary>
/// A national-scale database on PostgreSQL, built by binary COPY, and the figures and briefings read from it
/// through the app's own code (docs/benchmarks.md "Nation"):
///   nation --db CONNECTION [--projects 1000000] [--zones 2700] [--provinces 31] [--year 2024] [--skip-build | --rollups] [--keep-indexes] [--skip-nation] [--close]
/// The build migrates an empty database and fills it with the nation (全国), its provinces, cities, zones, projects (a few as parts
/// of a parent), one plan entry and twelve monthly reports per project, a problem per 25 projects and a factor
/// sheet per 10. Every row is made by the domain's own constructors and methods (so it is valid as the app
/// would have made it) and written by a COPY whose table, columns and conversions are read from the EF model.
/// Rows are made and written zone by zone, never all held at once. --skip-build times an existing database;
/// --keep-indexes COPYs with every index and foreign key in place (slower); --skip-nation leaves out the
/// nation's timings from the rows and its briefing (runs of 20 s and more on a million projects); --rollups migrates a database built
/// before rollups (building them) and times it; --close closes June for the first province first (once), so the
/// timings as of 15 June are of a closed month.
/// </summary>
public static class NationMeasurement
{
    private const int Seed = 2024;
    private const int ProjectsPerProblem = 25;
    private const int ProjectsPerFactorSheet = 10;
    private const int CitiesPerProvince = 10;
    private const int ProjectsPerBatch = 20_000;
    private const string Officer = "bench";

    private static readonly string[] Departments = ["发展改革局", "自然资源局", "生态环境局", "住房城乡建设局", "供电公司", "财政局"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (Option(args, "--db") is not { } connection)
        {
            Console.Error.WriteLine("nation needs --db \"Host=…;Database=…\" (a PostgreSQL database; created when missing)");
            return 2;
        }

        var target = DatabaseTarget.Resolve(connection, null);
        if (target.Provider != DbProvider.Postgres)
        {
            Console.Error.WriteLine("nation runs on PostgreSQL only (a COPY build)");
            return 2;
        }

        var shape = new Shape(
            Int(args, "--projects", 1_000_000),
            Int(args, "--zones", 2_700),
            Int(args, "--provinces", 31),
            Int(args, "--year", 2024));
        if (args.Contains("--rollups"))
        {
            // A database built before rollups: migrate it (which builds the year's rollups) and say how long that took.
            await using var db = target.CreateContext();
            var watch = Stopwatch.StartNew();
            await DatabaseSetup.MigrateAsync(db);
            Console.WriteLine(FormattableString.Invariant($"migrated and rollups built\t{watch.Elapsed.TotalSeconds:F1} s\t{await db.FigureRollups.CountAsync()} rows"));
        }
        else if (!args.Contains("--skip-build"))
        {
            await using var db = target.CreateContext();
            await DatabaseSetup.MigrateAsync(db);
            if (!await DatabaseSetup.IsEmptyAsync(db))
            {
                Console.Error.WriteLine($"{target.Display} is not empty: build into a new database, or time this one with --skip-build");
                return 1;
            }

            await BuildAsync(db, shape, keepIndexes: args.Contains("--keep-indexes"));
            await AfterBuildAsync(db);
        }

        if (args.Contains("--close"))
        {
            await CloseJuneAsync(target, shape.Year);
        }

        await TimeAllAsync(target, shape.Year, nation: !args.Contains("--skip-nation"));
        return 0;
    }

    /// <summary>Closes June for the first province (once), so the timings as of 15 June read a closed month for its zone, city and itself.</summary>
    private static async Task CloseJuneAsync(DatabaseTarget target, int year)
    {
        await using var db = target.CreateContext();
        var tree = await db.LoadTreeAsync();
        var province = tree.All.Where(u => u.Kind == OrgUnitKind.Province).OrderBy(u => u.Id).First();
        var june = new Period(year, 6);
        if (await db.ClosedPeriods.AnyAsync(c => c.OrgUnitId == province.Id && c.Period == june))
        {
            Console.WriteLine($"{june} already closed for {province.Name}");
            return;
        }

        var watch = Stopwatch.StartNew();
        var closed = await PeriodClosing.CloseAsync(db, tree, province, june, new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero), "bench");
        Console.WriteLine(FormattableString.Invariant($"closed {june} for {province.Name}\t{watch.Elapsed.TotalSeconds:F1} s\t{closed.Rows} rows\t{await db.ClosedRollups.CountAsync(r => r.ClosedPeriodId == closed.Id)} sums"));
    }

    /// <summary>Runs once after the build, before the timings: the figure rollups of the year (ADR 0015), from the rows.</summary>
    private static async Task AfterBuildAsync(AppDbContext db)
    {
        var watch = Stopwatch.StartNew();
        await RollupData.BuildMissingAsync(db);
        Console.WriteLine(FormattableString.Invariant($"rollups built\t{watch.Elapsed.TotalSeconds:F1} s\t{await db.FigureRollups.CountAsync()} rows"));
    }

    private sealed record Shape(int Projects, int Zones, int Provinces, int Year);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    // ---------------------------------------------------------------- build

    private static async Task BuildAsync(AppDbContext db, Shape shape, bool keepIndexes)
    {
        var total = Stopwatch.StartNew();
        var steps = new List<(string Step, long Rows, TimeSpan Time)>();
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var units = new CopyTable(db, typeof(OrgUnit));
        var projects = new CopyTable(db, typeof(Project));
        var plans = new CopyTable(db, typeof(AnnualPlan));
        var reports = new CopyTable(db, typeof(ProgressReport));
        var problems = new CopyTable(db, typeof(Problem));
        var problemSteps = new CopyTable(db, typeof(ProblemStep));
        var factors = new CopyTable(db, typeof(ProjectFactors));
        CopyTable[] tables = [units, projects, plans, reports, problems, problemSteps, factors];

        var watch = Stopwatch.StartNew();
        var dropped = keepIndexes ? new Dropped([], []) : await DropSecondaryAsync(connection, tables.Select(t => t.Name).ToList());
        steps.Add(("drop secondary indexes and foreign keys", dropped.Indexes.Count + dropped.Keys.Count, watch.Elapsed));

        var zones = Units(shape, units);
        units.Write(connection, zones.SelectMany(z => new[] { z.Parent!.Parent!.Parent!, z.Parent!.Parent!, z.Parent!, z }).Distinct().OrderBy(u => units.IdOf(u)));

        var random = new Random(Seed);
        var generate = TimeSpan.Zero;
        var sequence = 0;
        var batch = new Batch();
        for (var z = 0; z < zones.Count; z++)
        {
            watch.Restart();
            var count = (shape.Projects / zones.Count) + (z < shape.Projects % zones.Count ? 1 : 0);
            FillZone(batch, zones[z], z, count, shape.Year, random, ref sequence, new IdSource(projects, plans, reports, problems, problemSteps, factors));
            generate += watch.Elapsed;
            if (batch.Projects.Count >= ProjectsPerBatch || z == zones.Count - 1)
            {
                projects.Write(connection, batch.Projects);
                plans.Write(connection, batch.Projects.SelectMany(p => p.Plans));
                reports.Write(connection, batch.Projects.SelectMany(p => p.Reports));
                problems.Write(connection, batch.Problems);
                problemSteps.Write(connection, batch.Problems.SelectMany(p => p.Steps));
                factors.Write(connection, batch.Factors);
                batch = new Batch();
            }
        }

        steps.Add(("make rows (domain constructors)", 0, generate));
        steps.AddRange(tables.Select(t => ($"COPY {t.Name}", t.Rows, t.Elapsed)));

        watch.Restart();
        await RestoreAsync(connection, dropped);
        steps.Add(("recreate secondary indexes and foreign keys", dropped.Indexes.Count + dropped.Keys.Count, watch.Elapsed));

        watch.Restart();
        foreach (var table in tables)
        {
            await ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', '{table.KeyColumn}'), (SELECT max(\"{table.KeyColumn}\") FROM \"{table.Name}\"))");
        }

        steps.Add(("set sequences past the largest ids", tables.Length, watch.Elapsed));

        watch.Restart();
        await ExecuteAsync(connection, "VACUUM ANALYZE");
        steps.Add(("VACUUM ANALYZE", 0, watch.Elapsed));
        await db.Database.CloseConnectionAsync();

        Console.WriteLine("step\trows\tseconds");
        foreach (var (step, rows, time) in steps)
        {
            Console.WriteLine(FormattableString.Invariant($"{step}\t{rows}\t{time.TotalSeconds:F1}"));
        }

        var size = await ScalarAsync(db, "SELECT pg_size_pretty(pg_database_size(current_database()))");
        Console.WriteLine(FormattableString.Invariant($"total\t{tables.Sum(t => t.Rows)}\t{total.Elapsed.TotalSeconds:F1}\t({size})"));
    }

    /// <summary>The nation (全国), its provinces, about ten cities each, and the zones spread evenly over the cities; returns the zones.</summary>
    private static List<OrgUnit> Units(Shape shape, CopyTable units)
    {
        var nation = new OrgUnit("全国", OrgUnitKind.Nation, null);
        units.AssignId(nation);
        var cities = new List<OrgUnit>();
        for (var p = 0; p < shape.Provinces; p++)
        {
            var province = new OrgUnit($"省{p + 1:D2}", OrgUnitKind.Province, nation);
            units.AssignId(province);
            for (var c = 0; c < CitiesPerProvince; c++)
            {
                var city = new OrgUnit($"省{p + 1:D2}市{c + 1:D2}", OrgUnitKind.City, province);
                units.AssignId(city);
                cities.Add(city);
            }
        }

        var zones = new List<OrgUnit>();
        for (var z = 0; z < shape.Zones; z++)
        {
            var city = cities[(int)((long)z * cities.Count / shape.Zones)];
            var zone = new OrgUnit($"{city.Name}开发区{z + 1:D4}", OrgUnitKind.Zone, city);
            units.AssignId(zone);
            zones.Add(zone);
        }

        return zones;
    }

    private sealed class Batch
    {
        public List<Project> Projects { get; } = [];

        public List<Problem> Problems { get; } = [];

        public List<ProjectFactors> Factors { get; } = [];
    }

    private sealed record IdSource(CopyTable Projects, CopyTable Plans, CopyTable Reports, CopyTable Problems, CopyTable Steps, CopyTable Factors);

    /// <summary>
    /// One zone's projects: a third new this year and the rest continuing, of every category and level; new ones
    /// start (or not yet) across the year, continuing ones resume in its first months, so start rates differ
    /// by scope and by date. Every thirtieth project is a parent with its next two as parts. Reports run January to
    /// December with the year to date rising from the start; most approved, some submitted or returned.
    /// </summary>
    private static void FillZone(Batch batch, OrgUnit zone, int zoneIndex, int count, int year, Random random, ref int sequence, IdSource ids)
    {
        Project? parent = null;
        for (var k = 0; k < count; k++)
        {
            var isNew = random.Next(3) == 0;
            var total = new Money(5_000 + random.Next(495_000));
            var plannedStart = new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28));
            DateOnly? started = isNew
                ? (random.Next(10) < 7 ? plannedStart.AddDays(random.Next(-20, 60)) : null)
                : (random.Next(100) < 85 ? new DateOnly(year, 1 + random.Next(4), 1 + random.Next(28)) : null);
            if (started is { } s && s.Year != year)
            {
                started = s.Year < year ? new DateOnly(year, 1, 2) : null;
            }

            var project = new Project(new ProjectCode($"ZD{zoneIndex + 1:D4}-{year}-{k + 1:D4}"), zone, new ProjectFacts
            {
                Name = $"{zone.Name}{(ProjectCategory)(k % 4) switch { ProjectCategory.Industrial => "产业园", ProjectCategory.Infrastructure => "道路管网", ProjectCategory.Livelihood => "安置房", _ => "综合" }}项目{k + 1}",
                Levels = random.Next(10) switch
                {
                    0 => ProjectLevels.Provincial,
                    1 => ProjectLevels.Provincial | ProjectLevels.Municipal,
                    2 or 3 => ProjectLevels.Municipal,
                    4 or 5 or 6 => ProjectLevels.Zone,
                    _ => ProjectLevels.Ordinary,
                },
                Category = (ProjectCategory)random.Next(4),
                TotalInvestment = total,
                Status = started is null && isNew ? ProjectStatus.Preparing : ProjectStatus.UnderConstruction,
                ActualStart = isNew ? started : new DateOnly(year - 1 - random.Next(4), 1 + random.Next(12), 1 + random.Next(28)),
            });
            ids.Projects.AssignId(project);
            if (k % 30 == 0)
            {
                parent = project;
            }
            else if (k % 30 <= 2 && parent is not null)
            {
                project.SetParent(parent, hasParts: false);
            }

            var planned = new Money(decimal.Round(total.Wan * (0.1m + ((decimal)random.NextDouble() * 0.3m)), 2));
            ids.Plans.AssignId(project.Plan(year, new PlanEntry
            {
                Nature = isNew ? Nature.New : Nature.Continuing,
                PlannedInvestment = planned,
                PlannedStart = isNew ? plannedStart : null,
                StartDate = started,
            }));

            var ytd = Money.Zero;
            var cumulative = isNew ? Money.Zero : new Money(decimal.Round(total.Wan * (decimal)random.NextDouble() * 0.4m, 2));
            for (var month = 1; month <= 12; month++)
            {
                var period = new Period(year, month);
                var step = started is { } on && on <= period.LastDay ? new Money(decimal.Round(planned.Wan * (decimal)random.NextDouble() * 0.15m, 2)) : Money.Zero;
                ytd += step;
                cumulative += step;
                var at = new DateTimeOffset(period.LastDay.AddDays(5).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
                var roll = random.Next(100);
                var review = roll < (month >= 11 ? 20 : 3);
                var report = project.Report(period, new ProgressFigures { Month = step, YearToDate = ytd, Cumulative = cumulative }, at, by: Officer, needsReview: review);
                if (review && roll % 3 == 0)
                {
                    report.Return(Officer, at.AddDays(1), "请补充形象进度");
                }

                ids.Reports.AssignId(report);
            }

            batch.Projects.Add(project);
            if ((batch.Projects.Count + zoneIndex) % ProjectsPerProblem == 0)
            {
                batch.Problems.Add(RaiseProblem(project, zone, year, random, ++sequence, ids));
            }

            if ((batch.Projects.Count + zoneIndex) % ProjectsPerFactorSheet == 0)
            {
                batch.Factors.Add(FactorSheet(project, year, random, ids));
            }
        }
    }

    /// <summary>A problem raised at the desk and assigned at once; half answered, most of those closed.</summary>
    private static Problem RaiseProblem(Project project, OrgUnit zone, int year, Random random, int sequence, IdSource ids)
    {
        var on = new DateOnly(year, 1 + random.Next(11), 1 + random.Next(28));
        var at = new DateTimeOffset(on.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
        var category = (ProblemCategory)random.Next(Enum.GetValues<ProblemCategory>().Length);
        var problem = new Problem(year, sequence, new ProblemRaise
        {
            UnitId = zone.Id,
            ProjectId = project.Id,
            Title = $"{project.Name}{ProblemVocabulary.Name(category).Zh}问题",
            Category = category,
            Deadline = on.AddDays(10 + random.Next(40)),
            Department = Departments[random.Next(Departments.Length)],
        }, Officer, at, on);
        ids.Problems.AssignId(problem);
        var roll = random.Next(10);
        if (roll < 5)
        {
            var answered = on.AddDays(1 + random.Next(30));
            problem.Answer("已协调解决", Officer, at.AddDays(answered.DayNumber - on.DayNumber), answered);
            if (roll < 4)
            {
                problem.Close(roll == 0 ? Satisfaction.BasicallySatisfied : Satisfaction.Satisfied, null, Officer, at.AddDays(answered.DayNumber - on.DayNumber + 2), answered.AddDays(2));
            }
        }

        foreach (var step in problem.Steps)
        {
            ids.Steps.AssignId(step);
        }

        return problem;
    }

    /// <summary>A factor sheet with its land and energy (no fund or emission lines).</summary>
    private static ProjectFactors FactorSheet(Project project, int year, Random random, IdSource ids)
    {
        var sheet = new ProjectFactors(project.Id);
        ids.Factors.AssignId(sheet);
        var needed = new Area(10_000 + random.Next(200_000));
        var stage = (LandStage)random.Next(4);
        sheet.RecordLand(needed, stage, stage == LandStage.Supplied ? needed : null, stage == LandStage.Supplied ? new DateOnly(year, 1 + random.Next(6), 1 + random.Next(28)) : null);
        var review = (EnergyReview)random.Next(4);
        sheet.RecordEnergy(1_000 + random.Next(50_000), review, review == EnergyReview.Approved ? 1_000 : null);
        return sheet;
    }

    private sealed record Dropped(List<string> Indexes, List<(string Table, string Name, string Definition)> Keys);

    /// <summary>Drops the foreign keys of the tables and their indexes other than primary keys, keeping their definitions.</summary>
    private static async Task<Dropped> DropSecondaryAsync(NpgsqlConnection connection, List<string> tables)
    {
        var dropped = new Dropped([], []);
        await using (var command = new NpgsqlCommand(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(@t::regclass[])", connection))
        {
            command.Parameters.AddWithValue("t", tables.Select(t => $"\"{t}\"").ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dropped.Keys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        await using (var command = new NpgsqlCommand(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE NOT indisprimary AND indrelid = ANY(@t::regclass[])", connection))
        {
            command.Parameters.AddWithValue("t", tables.Select(t => $"\"{t}\"").ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dropped.Indexes.Add(reader.GetString(0));
            }
        }

        foreach (var (table, name, _) in dropped.Keys)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"");
        }

        foreach (var index in dropped.Indexes)
        {
            // "CREATE [UNIQUE] INDEX name ON …": the name is the word before ON.
            var name = index.Split(" ON ", 2)[0].Split(' ')[^1];
            await ExecuteAsync(connection, $"DROP INDEX {name}");
        }

        return dropped;
    }

    private static async Task RestoreAsync(NpgsqlConnection connection, Dropped dropped)
    {
        foreach (var index in dropped.Indexes)
        {
            await ExecuteAsync(connection, index);
        }

        foreach (var (table, name, definition) in dropped.Keys)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(AppDbContext db, string sql)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection());
            return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// One table's binary COPY, its name, columns, conversions and store types read from the EF model (as
    /// <see cref="BulkInsert"/> reads them), with ids handed out here in order: the database is empty, so no
    /// other writer can take them, and the sequences are set past them afterwards.
    /// </summary>
    private sealed class CopyTable
    {
        private readonly List<CopyColumn> columns;
        private readonly PropertyInfo key;
        private readonly string copy;
        private long next;

        public CopyTable(AppDbContext db, Type type)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
            Name = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(Name, entity.GetSchema());
            var keyProperty = entity.FindPrimaryKey()!.Properties.Single();
            KeyColumn = keyProperty.GetColumnName(store)!;
            key = keyProperty.PropertyInfo!;
            columns = entity.GetProperties().Select(p => new CopyColumn(p, store, entity)).ToList();
            copy = $"COPY \"{Name}\" ({string.Join(", ", columns.Select(c => "\"" + c.Name + "\""))}) FROM STDIN (FORMAT BINARY)";
        }

        public string Name { get; }

        public string KeyColumn { get; }

        public long Rows { get; private set; }

        public TimeSpan Elapsed { get; private set; }

        public void AssignId(object entity) =>
            key.SetValue(entity, key.PropertyType == typeof(int) ? (object)checked((int)++next) : ++next);

        public long IdOf(object entity) => Convert.ToInt64(key.GetValue(entity), CultureInfo.InvariantCulture);

        /// <summary>Writes the entities in one COPY (its own transaction).</summary>
        public void Write(NpgsqlConnection connection, IEnumerable<object> entities)
        {
            var watch = Stopwatch.StartNew();
            using (var importer = connection.BeginBinaryImport(copy))
            {
                importer.Timeout = TimeSpan.Zero;
                foreach (var entity in entities)
                {
                    importer.StartRow();
                    foreach (var column in columns)
                    {
                        column.Write(importer, entity);
                    }

                    Rows++;
                }

                importer.Complete();
            }

            Elapsed += watch.Elapsed;
        }
    }

    private sealed class CopyColumn
    {
        private readonly IClrPropertyGetter getter;
        private readonly IForeignKey? foreignKey;
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter;
        private readonly string type;

        public CopyColumn(IProperty property, StoreObjectIdentifier store, IEntityType entity)
        {
            Name = property.GetColumnName(store)!;
            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            converter = mapping.Converter;
            // COPY names a type without its facets: "character varying(200)" is "character varying".
            var storeType = mapping.StoreType;
            type = storeType.IndexOf('(', StringComparison.Ordinal) is var open and >= 0
                ? storeType[..open] + storeType[(storeType.IndexOf(')', open) + 1)..]
                : storeType;
            getter = property.GetGetter();
            foreignKey = entity.GetForeignKeys().FirstOrDefault(fk => fk.Properties.Count == 1 && fk.Properties[0] == property && fk.DependentToPrincipal is not null);
        }

        public string Name { get; }

        public void Write(NpgsqlBinaryImporter importer, object entity)
        {
            var value = getter.GetClrValue(entity);
            if (foreignKey is not null && (value is null or 0 or 0L) && foreignKey.DependentToPrincipal!.GetGetter().GetClrValue(entity) is { } principal)
            {
                value = foreignKey.PrincipalKey.Properties[0].GetGetter().GetClrValue(principal);
            }

            var stored = value is null ? null : converter?.ConvertToProvider(value) ?? value;
            switch (stored)
            {
                case null:
                    importer.WriteNull();
                    break;
                case int n:
                    importer.Write(n, type);
                    break;
                case long n:
                    importer.Write(n, type);
                    break;
                case string s:
                    importer.Write(s, type);
                    break;
                case bool b:
                    importer.Write(b, type);
                    break;
                case decimal m:
                    importer.Write(m, type);
                    break;
                case DateOnly d:
                    importer.Write(d, type);
                    break;
                case DateTime t:
                    importer.Write(t, type);
                    break;
                default:
                    importer.Write(stored, type);
                    break;
            }
        }
    }

    // ---------------------------------------------------------------- timings

    private sealed record Scope(string Label, OrgUnitInfo? Unit, bool Briefing);

    private static async Task TimeAllAsync(DatabaseTarget target, int year, bool nation)
    {
        await using var setup = target.CreateContext();
        var tree = await setup.LoadTreeAsync();
        var zone = tree.All.Where(u => u.Kind == OrgUnitKind.Zone).OrderBy(u => u.Id).First();
        var city = tree[zone.ParentId!.Value];
        var province = tree[city.ParentId!.Value];
        var whole = province.ParentId is { } top ? tree[top] : null;
        var counts = await setup.Projects.GroupBy(p => p.OrgUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        int Count(OrgUnitInfo? unit) => unit is null ? counts.Values.Sum() : tree.Subtree(unit.Id).Sum(id => counts.GetValueOrDefault(id));
        Scope[] scopes =
        [
            new($"zone {zone.Name}", zone, true),
            new($"city {city.Name}", city, false),
            new($"province {province.Name}", province, true),
            whole is null ? new("nation (every unit)", null, false) : new($"nation {whole.Name}", whole, nation),
        ];

        Console.WriteLine("scope\tprojects\tas of\tfigures (rollups) median ms\tfigures (rows) median ms\tbriefing median ms");
        foreach (var asOf in new[] { new DateOnly(year, 6, 15), new DateOnly(year, 9, 30) })
        {
            foreach (var scope in scopes)
            {
                // The nation's rows take 20 s and more a run: three runs, the first dropped.
                var big = scope.Unit?.Kind == OrgUnitKind.Nation || scope.Unit is null;
                var kept = await MedianAsync(target, scope.Unit, year, asOf, Mode.Kept);
                var rows = !big || nation ? (await MedianAsync(target, scope.Unit, year, asOf, Mode.Rows, big)).ToString("F1", CultureInfo.InvariantCulture) : "-";
                var briefing = scope.Briefing ? (await MedianAsync(target, scope.Unit, year, asOf, Mode.Briefing, big)).ToString("F1", CultureInfo.InvariantCulture) : "-";
                Console.WriteLine(FormattableString.Invariant($"{scope.Label}\t{Count(scope.Unit)}\t{asOf:yyyy-MM-dd}\t{kept:F1}\t{rows}\t{briefing}"));
            }
        }
    }

    private enum Mode
    {
        Kept,
        Rows,
        Briefing,
    }

    /// <summary>
    /// The median of 7 runs after 2 warm-ups (of 2 after 1 when <paramref name="few"/>); each run opens its context and
    /// reads the tree, as a command does. A database built without a nation unit (a root per province) has its figures
    /// read for all units at once.
    /// </summary>
    private static async Task<double> MedianAsync(DatabaseTarget target, OrgUnitInfo? unit, int year, DateOnly asOf, Mode mode, bool few = false)
    {
        var times = new List<double>();
        var (runs, warm) = few ? (3, 1) : (9, 2);
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await using var db = target.CreateContext();
            var tree = await db.LoadTreeAsync();
            switch (mode, unit)
            {
                case (Mode.Kept, null):
                    _ = await RollupData.FiguresAsync(db, RollupData.AllUnits, year, asOf, RollupSlice.All) ?? throw new InvalidOperationException("The year has no rollups");
                    break;
                case (_, null):
                    _ = FiguresEngine.Compute(await FiguresData.RowsAsync(db, null, year, asOf), year, asOf);
                    break;
                case (Mode.Briefing, _):
                    _ = (await ScopeDesk.BriefingAsync(db, tree, tree[unit.Id], year, asOf)).Briefing.ToPlainText();
                    break;
                case (Mode.Kept, _):
                    _ = await ScopeDesk.FiguresAsync(db, tree, tree[unit.Id], year, asOf);
                    break;
                default:
                    _ = await ScopeDesk.PlainFiguresAsync(db, tree, tree[unit.Id], year, asOf);
                    break;
            }

            if (run >= warm)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
