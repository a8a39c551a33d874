using System.Diagnostics;
using Keystone.Core;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Benchmarks;

/// <summary>
/// Figures and briefing through the code path `keystone figures` and `keystone briefing` use
/// (ScopeDesk.FiguresAsync / ScopeDesk.BriefingAsync on a fresh context, org tree included), for one zone of
/// 500 projects and for a province of PROJECTS projects with 12 monthly reports each:
///   figures [--db CONNECTION] [--projects 100000] [--reuse]   (--reuse: time a database an earlier run seeded)
/// </summary>
public static class FiguresMeasurement
{
    private const int PerZone = 500;
    private static readonly DateOnly AsOf = new(2024, 12, 20);

    public static async Task<int> RunAsync(string[] args)
    {
        var db = Option(args, "--db") ?? Path.Combine(Path.GetTempPath(), $"keystone-figures-{Guid.NewGuid():N}.db");
        var projects = int.Parse(Option(args, "--projects") ?? "100000", System.Globalization.CultureInfo.InvariantCulture);
        var target = DatabaseTarget.Resolve(db, null);
        if (args.Contains("--reuse") && await SeededAsync(target))
        {
            // Time again on a database an earlier run seeded (migrated to the current model first).
            await using var context = target.CreateContext();
            await DatabaseSetup.MigrateAsync(context);
            Console.WriteLine($"reusing the seeded {target.Display}");
        }
        else
        {
            var seed = Stopwatch.StartNew();
            await SeedAsync(target, projects);
            await using (var built = target.CreateContext())
            {
                // The seed writes past the change tracker, as an import does; the app's writes keep the rollups, here they are built once.
                await RollupData.BuildMissingAsync(built);
            }
            if (target.Provider == DbProvider.Postgres)
            {
                // Measure the steady state, not autovacuum catching up with 1.2 million fresh rows mid-run.
                await using var context = target.CreateContext();
                await context.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }

            Console.WriteLine(FormattableString.Invariant($"seeded {projects} projects, {projects * 12} reports into {target.Display} in {seed.Elapsed.TotalSeconds:F1} s"));
        }

        foreach (var (scope, label) in new[] { ("开发区0", $"zone ({PerZone} projects)"), ("基准省", $"province ({projects} projects)") })
        {
            var figures = await TimeAsync(target, scope, briefing: false);
            var briefing = await TimeAsync(target, scope, briefing: true);
            Console.WriteLine(FormattableString.Invariant($"{target.Provider}\t{label}\tfigures median {figures:F1} ms\tbriefing median {briefing:F1} ms"));
        }

        return 0;
    }

    /// <summary>Whether the database already holds the seeded province (for --reuse).</summary>
    private static async Task<bool> SeededAsync(DatabaseTarget target)
    {
        try
        {
            await using var db = target.CreateContext();
            return await db.OrgUnits.AnyAsync(u => u.Name == "基准省");
        }
        catch (Exception e) when (e is System.Data.Common.DbException)
        {
            return false;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The median of 7 runs after 2 warm-ups; each run opens its context and reads the tree, as a command does.</summary>
    private static async Task<double> TimeAsync(DatabaseTarget target, string scope, bool briefing)
    {
        var times = new List<double>();
        for (var run = 0; run < 9; run++)
        {
            var watch = Stopwatch.StartNew();
            await using var db = target.CreateContext();
            var tree = await db.LoadTreeAsync();
            var unit = tree.Resolve(scope);
            if (briefing)
            {
                var drafted = await ScopeDesk.BriefingAsync(db, tree, unit, 2024, AsOf);
                _ = drafted.Briefing.ToPlainText();
            }
            else
            {
                _ = await ScopeDesk.FiguresAsync(db, tree, unit, 2024, AsOf);
            }

            if (run >= 2)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>A province of cities of zones of 500 projects each, every project planned for 2024 with reports January to December.</summary>
    private static async Task SeedAsync(DatabaseTarget target, int count)
    {
        await using var db = target.CreateContext();
        await DatabaseSetup.MigrateAsync(db);
        var province = new OrgUnit("基准省", OrgUnitKind.Province, null);
        db.OrgUnits.Add(province);
        var zones = new List<OrgUnit>();
        for (var z = 0; z < (count + PerZone - 1) / PerZone; z++)
        {
            var city = zones.Count % 10 == 0 ? new OrgUnit($"基准市{z / 10}", OrgUnitKind.City, province) : zones[^1].Parent!;
            zones.Add(new OrgUnit($"开发区{z}", OrgUnitKind.Zone, city));
        }

        db.OrgUnits.AddRange(zones);
        await db.SaveChangesAsync();

        var random = new Random(2024);
        var bulk = new BulkInsert(db);
        for (var start = 0; start < count; start += 10_000)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var batch = new List<Project>();
            for (var i = start; i < Math.Min(count, start + 10_000); i++)
            {
                var project = new Project(new ProjectCode($"P{i:D7}"), zones[i / PerZone], new ProjectFacts
                {
                    Name = $"基准项目{i}",
                    Levels = (i % 5) switch { 0 => ProjectLevels.Provincial, 1 => ProjectLevels.Municipal, 2 => ProjectLevels.Provincial | ProjectLevels.Municipal, _ => ProjectLevels.Zone },
                    Category = (ProjectCategory)(i % 4),
                    TotalInvestment = new Money(20_000 + random.Next(100_000)),
                    Status = ProjectStatus.UnderConstruction,
                    ActualStart = new DateOnly(2023, 1 + (i % 12), 1),
                });
                var nature = i % 3 == 0 ? Nature.New : Nature.Continuing;
                var planned = new Money(2_000 + random.Next(10_000));
                project.Plan(2024, new PlanEntry
                {
                    Nature = nature,
                    PlannedInvestment = planned,
                    PlannedStart = new DateOnly(2024, 1 + (i % 12), 1),
                    StartDate = i % 7 == 0 ? null : new DateOnly(2024, 1 + (i % 11), 1 + (i % 28)),
                });
                var ytd = Money.Zero;
                var cumulative = new Money(random.Next(50_000));
                for (var month = 1; month <= 12; month++)
                {
                    var step = new Money(random.Next(1_000));
                    ytd += step;
                    cumulative += step;
                    project.Report(new Period(2024, month), new ProgressFigures { Month = step, YearToDate = ytd, Cumulative = cumulative }, new DateTimeOffset(2025, 1, 5, 0, 0, 0, TimeSpan.Zero));
                }

                batch.Add(project);
            }

            await bulk.AssignIdsAsync(batch);
            await bulk.InsertAsync(batch);
            var plans = batch.SelectMany(p => p.Plans).ToList();
            await bulk.AssignIdsAsync(plans);
            await bulk.InsertAsync(plans);
            var reports = batch.SelectMany(p => p.Reports).ToList();
            await bulk.AssignIdsAsync(reports);
            await bulk.InsertAsync(reports);
            await tx.CommitAsync();
        }
    }
}
