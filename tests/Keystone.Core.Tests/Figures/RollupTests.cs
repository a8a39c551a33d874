using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Figures;

/// <summary>
/// The figure rollups (ADR 0015) against the plain computation from every row: on random provinces, after random
/// writes of every kind that changes a plan row, for every unit, every slice and random dates around the year — and
/// a rebuild from the rows gives the sums the writes kept. Both databases.
/// </summary>
public class RollupTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 20, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Every filter the rollups answer, and two they do not (computed from the rows either way).</summary>
    private static readonly PlanRowFilter?[] Filters =
    [
        null,
        .. ProjectVocabulary.AllLevels.Select(l => new PlanRowFilter { Levels = l }),
        .. Enum.GetValues<ProjectCategory>().Select(c => new PlanRowFilter { Category = c }),
        new PlanRowFilter { Levels = ProjectLevels.Provincial | ProjectLevels.Municipal },
    ];

    [Theory]
    [DatabaseData]
    public async Task KeptFigures_EqualThePlainComputation_AfterEveryKindOfWrite(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        for (var seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed);
            var prefix = $"S{seed}";
            await using (var db = test.NewContext())
            {
                await SeedAsync(db, random, prefix);
            }

            await AssertSameAsync(test, random, $"seed {seed}, as seeded");

            await using (var db = test.NewContext())
            {
                await EditAsync(db, random, prefix);
            }

            await AssertSameAsync(test, random, $"seed {seed}, after the edits");
            await AssertRebuildKeepsTheSameAsync(test, $"seed {seed}");
        }
    }

    [Theory]
    [DatabaseData]
    public async Task ClosedMonths_KeptFigures_EqualThePlainComputation_WithTheirRestatements(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var random = new Random(21);
        await using (var db = test.NewContext())
        {
            await SeedAsync(db, random, "K");
        }

        // Months closed at the province, at a city and at a zone, then every kind of write (so most are restated).
        var closings = new List<(int Unit, Period Month)>();
        await using (var db = test.NewContext())
        {
            var tree = await db.LoadTreeAsync();
            var province = tree.Roots.Single();
            var city = tree.ChildrenOf(province.Id).First();
            var zone = tree.Subtree(province.Id).Select(id => tree[id]).First(u => u.Kind == OrgUnitKind.Zone && u.ParentId != city.Id);
            foreach (var (unit, month) in new[] { (province, 3), (city, 6), (zone, 9), (city, 12) })
            {
                await Keystone.Core.Periods.PeriodClosing.CloseAsync(db, tree, unit, new Period(2024, month), Now, "测试");
                closings.Add((unit.Id, new Period(2024, month)));
            }
        }

        // Before any correction the frozen rows are the live ones: a closed month's chart from the live kept sums is the
        // frozen rows' chart.
        await using (var db = test.NewContext())
        {
            var tree = await db.LoadTreeAsync();
            var compared = 0;
            foreach (var unit in tree.All)
            {
                foreach (var (_, month) in closings)
                {
                    var date = month.FirstDay.AddDays(random.Next(0, 28));
                    var rows = await ScopeDesk.RowsAsync(db, tree, unit, 2024, date);
                    if (rows.Closed is not null)
                    {
                        Assert.Null(rows.Live);
                        Assert.Equal(await ScopeDesk.MonthsAsync(db, rows.Rows, 2024, date), await ScopeDesk.KeptMonthsAsync(db, unit, 2024, date));
                        compared++;
                    }
                }
            }

            Assert.True(compared > 0, "no closed month was compared");
        }

        await using (var db = test.NewContext())
        {
            await EditAsync(db, random, "K");
        }

        var restated = 0;
        await using (var db = test.NewContext())
        {
            var tree = await db.LoadTreeAsync();
            Assert.NotEmpty(await db.ClosedRollups.ToListAsync());
            foreach (var unit in tree.All)
            {
                foreach (var (_, month) in closings)
                {
                    // The month's first and last day and one between; every slice on one of them.
                    var dates = new[] { month.FirstDay, month.LastDay, month.FirstDay.AddDays(random.Next(1, 27)) };
                    foreach (var (date, filter) in dates.Select(d => (d, (PlanRowFilter?)null)).Append((dates[2], Filters[random.Next(Filters.Length)])))
                    {
                        var kept = await ScopeDesk.FiguresAsync(db, tree, unit, 2024, date, filter);
                        var plain = await ScopeDesk.PlainFiguresAsync(db, tree, unit, 2024, date, filter);
                        var what = $"{unit.Name} as of {date} {filter}";
                        Assert.True(plain.Figures == kept.Figures, $"{what}: kept {kept.Figures} but the frozen rows give {plain.Figures}");
                        Assert.True(plain.Restated == kept.Restated, $"{what}: restated {kept.Restated} but the live rows give {plain.Restated}");
                        Assert.Equal(plain.Closed, kept.Closed);
                        restated += kept.Restated is null ? 0 : 1;
                    }

                    // Its standing among its peers: from the frozen rows in the closed month, not the kept live sums.
                    var standing = await ScopeDesk.StandingAsync(db, tree, unit, 2024, dates[2]);
                    Assert.Equal(await ScopeDesk.PlainStandingAsync(db, tree, unit, 2024, dates[2]), standing);
                }
            }
        }

        Assert.True(restated > 0, "the edits after the closings restate some closed figures");

        // Closings made before the sums were kept get them at the next start, the same as those kept at closing.
        await using (var db = test.NewContext())
        {
            var before = (await db.ClosedRollups.AsNoTracking().ToListAsync()).ToDictionary(r => (r.ClosedPeriodId, r.OrgUnitId, r.Slice), r => r.Read());
            await db.ClosedRollups.ExecuteDeleteAsync();
            await DatabaseSetup.MigrateAsync(db);
            var after = (await db.ClosedRollups.AsNoTracking().ToListAsync()).ToDictionary(r => (r.ClosedPeriodId, r.OrgUnitId, r.Slice), r => r.Read());
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
            Assert.All(before, b => Assert.True(b.Value.SameAs(after[b.Key]), $"the sums of {b.Key} rebuilt from the frozen rows differ"));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task TheDemo_KeptFigures_EqualThePlainComputation(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await AssertSameAsync(test, new Random(7), "the demo (imported)");
        await AssertRebuildKeepsTheSameAsync(test, "the demo");
    }

    [Theory]
    [DatabaseData]
    public async Task WritersInOneCity_AtOnce_LeaveTheCitysSumsWithBothChanges(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.NewContext())
        {
            await SeedAsync(db, new Random(11), "C");
        }

        // Two writers, each reporting for the projects of its own zone, under the same city at the same time.
        List<List<int>> byZone;
        await using (var db = test.NewContext())
        {
            var tree = await db.LoadTreeAsync();
            var city = tree.All.First(u => u.Kind == OrgUnitKind.City && tree.ChildrenOf(u.Id).Count() >= 2);
            var zones = tree.ChildrenOf(city.Id).Take(2).Select(z => z.Id).ToList();
            byZone = [];
            foreach (var zone in zones)
            {
                byZone.Add(await db.AnnualPlans.Where(a => a.Year == 2024 && a.Project!.OrgUnitId == zone).Select(a => a.ProjectId).ToListAsync());
            }
        }

        await Task.WhenAll(byZone.Select(ids => Task.Run(async () =>
        {
            foreach (var id in ids)
            {
                await using var db = test.NewContext();
                var project = await db.Projects.Include(p => p.Plans).Include(p => p.Reports).SingleAsync(p => p.Id == id);
                var december = new Period(2024, 12);
                var ytd = project.Reports.Where(r => r.Period.Year == 2024).Select(r => r.YearToDate).DefaultIfEmpty(Money.Zero).Max();
                project.Report(december, project.FiguresFor(december, null, ytd + new Money(7), null), Now);
                await db.SaveChangesAsync();
            }
        })));

        await AssertSameAsync(test, new Random(12), "after two writers at once");
    }

    private static async Task AssertSameAsync(TestDatabase test, Random random, string when)
    {
        await using var db = test.NewContext();
        var tree = await db.LoadTreeAsync();
        DateOnly[] edges = [new(2023, 12, 31), new(2024, 1, 1), new(2024, 2, 29), new(2024, 6, 30), new(2024, 12, 31), new(2025, 1, 1)];
        DateOnly Any() => random.Next(3) == 0 ? edges[random.Next(edges.Length)] : new DateOnly(2023, 11, 1).AddDays(random.Next(0, 500));
        var dates = edges.ToList();
        var standings = 0;
        foreach (var unit in tree.All)
        {
            foreach (var year in new[] { 2023, 2024 })
            {
                // Every unit and year, three dates each, the whole scope and two random slices at each.
                foreach (var date in new[] { Any(), Any(), Any() })
                {
                    var standing = await ScopeDesk.StandingAsync(db, tree, unit, year, date);
                    var plainStanding = await ScopeDesk.PlainStandingAsync(db, tree, unit, year, date);
                    Assert.True(plainStanding == standing, $"{when}: {unit.Name} {year} as of {date}: standing {standing} but the rows give {plainStanding}");
                    standings += standing is null ? 0 : 1;
                    foreach (var filter in new[] { null, Filters[random.Next(Filters.Length)], Filters[random.Next(Filters.Length)] })
                    {
                        var kept = (await ScopeDesk.FiguresAsync(db, tree, unit, year, date, filter)).Figures;
                        var plain = (await ScopeDesk.PlainFiguresAsync(db, tree, unit, year, date, filter)).Figures;
                        Assert.True(plain == kept, $"{when}: {unit.Name} {year} as of {date} {filter}: kept {kept} but the rows give {plain}");
                    }
                }
            }
        }

        Assert.True(standings > 0, $"{when}: no unit had a standing among peers");

        // Every unit's board from its kept sums (the nation's cockpit) against the engines over its rows, one date a year;
        // a year with no rollups has no kept board.
        var years = await db.RollupYears.Select(y => y.Year).ToListAsync();
        foreach (var unit in tree.All)
        {
            foreach (var year in new[] { 2023, 2024 })
            {
                var date = Any();
                var what = $"{when}: {unit.Name}'s board, {year} as of {date}";
                var board = await ScopeDesk.KeptBoardAsync(db, tree, unit, year, date);
                if (!years.Contains(year))
                {
                    Assert.Null(board);
                    continue;
                }

                Assert.True(board is not null, $"{what}: no kept board");
                var rows = (await ScopeDesk.RowsAsync(db, tree, unit, year, date)).Rows;
                var plain = Keystone.Core.Briefings.BriefingInputs.Of(tree, unit, year, date, rows, []);
                Assert.True(plain.Figures == board.Figures.Figures, $"{what}: figures {board.Figures.Figures} but the rows give {plain.Figures}");
                Assert.True(plain.Provincial == board.Figures.Provincial && plain.Municipal == board.Figures.Municipal, $"{what}: the key lists differ");
                Assert.Equal(plain.Children, board.Figures.Children);
                Assert.Equal(FiguresEngine.ByLevel(rows, year, date), board.Levels);
                Assert.Equal(FiguresEngine.ByCategory(rows, year, date), board.Categories);
                Assert.Equal(await ScopeDesk.MonthsAsync(db, rows, year, date), board.Months);
                Assert.Equal((plain.ScopeName, plain.ShortName, plain.ScopeKind), (board.Figures.ScopeName, board.Figures.ShortName, board.Figures.ScopeKind));
            }
        }

        // Every unit together (the nation): the sum of every row in the database, for each year with rollups.
        var built = await db.RollupYears.Select(y => y.Year).ToListAsync();
        Assert.Contains(2024, built);
        foreach (var year in built)
        {
            var date = dates[random.Next(dates.Count)];
            var kept = await RollupData.FiguresAsync(db, RollupData.AllUnits, year, date, RollupSlice.All);
            Assert.Equal(FiguresEngine.Compute(await FiguresData.RowsAsync(db, null, year, date), year, date), kept);
        }
    }

    private static async Task AssertRebuildKeepsTheSameAsync(TestDatabase test, string when)
    {
        await using var db = test.NewContext();
        var before = await KeptAsync(db);
        Assert.NotEmpty(before);
        var tree = await db.LoadTreeAsync();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            foreach (var year in await db.RollupYears.Select(y => y.Year).ToListAsync())
            {
                await RollupData.BuildAsync(db, tree, year);
            }

            await tx.CommitAsync();
        }

        var after = await KeptAsync(db);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (key, sums) in before)
        {
            Assert.True(sums.SameAs(after[key]), $"{when}: the kept sums of {key} differ from those rebuilt from the rows");
        }
    }

    private static async Task<Dictionary<(int, int, bool, int), FigureSums>> KeptAsync(AppDbContext db) =>
        (await db.FigureRollups.AsNoTracking().ToListAsync()).ToDictionary(r => (r.OrgUnitId, r.Year, r.Subtree, r.Slice), r => r.Read());

    /// <summary>A province of 2–3 cities with 1–3 zones each, a city with projects of its own, 4–12 projects a unit.</summary>
    private static async Task SeedAsync(AppDbContext db, Random random, string prefix)
    {
        var province = new OrgUnit($"{prefix}省", OrgUnitKind.Province, null);
        var units = new List<OrgUnit>();
        for (var c = 0; c < random.Next(2, 4); c++)
        {
            var city = new OrgUnit($"{prefix}市{c}", OrgUnitKind.City, province);
            if (c == 0)
            {
                units.Add(city);
            }

            for (var z = 0; z < random.Next(1, 4); z++)
            {
                units.Add(new OrgUnit($"{prefix}市{c}开发区{z}", OrgUnitKind.Zone, city));
            }
        }

        db.OrgUnits.Add(province);
        db.OrgUnits.AddRange(units);
        await db.SaveChangesAsync();

        var n = 0;
        foreach (var unit in units)
        {
            var projects = new List<Project>();
            for (var i = 0; i < random.Next(4, 13); i++)
            {
                var project = NewProject(random, $"{prefix}-{n++:D4}", unit);
                // Some are parts of an earlier project of the unit (a phase, or a part of a packaged one).
                if (projects.Count > 0 && random.Next(5) == 0 && projects[random.Next(projects.Count)] is { Parent: null } parent)
                {
                    project.SetParent(parent, hasParts: false);
                }

                projects.Add(project);
                db.Projects.Add(project);
            }
        }

        await db.SaveChangesAsync();
    }

    private static Project NewProject(Random random, string code, OrgUnit unit)
    {
        var levels = (ProjectLevels)random.Next(1, 16);
        var started = random.Next(3) switch
        {
            0 => (DateOnly?)null,
            1 => new DateOnly(2022, 1, 1).AddDays(random.Next(0, 730)),
            _ => new DateOnly(2023, 1, 1).AddDays(random.Next(0, 730)),
        };
        var project = new Project(new ProjectCode(code), unit, new ProjectFacts
        {
            Name = code + "项目",
            Levels = levels,
            Category = (ProjectCategory)random.Next(4),
            TotalInvestment = Money.FromFen(random.NextInt64(1_000_000_000, 5_000_000_000)),
            ActualStart = started,
        });
        foreach (var year in new[] { 2023, 2024 })
        {
            if (random.Next(4) == 0)
            {
                continue; // not in this year's plan
            }

            project.Plan(year, new PlanEntry
            {
                Nature = random.Next(2) == 0 ? Nature.New : Nature.Continuing,
                PlannedInvestment = Money.FromFen(random.NextInt64(0, 900_000_000)),
                StartDate = random.Next(3) == 0 ? null : new DateOnly(year, 1, 1).AddDays(random.Next(0, 365)),
            });
        }

        if (project.FirstReportablePeriod is { } first)
        {
            var ytd = Money.Zero;
            for (var period = first; period <= new Period(2024, 12); period = period.Next)
            {
                if (period.Month == 1)
                {
                    ytd = Money.Zero;
                }

                if (random.Next(3) == 0)
                {
                    continue;
                }

                ytd += Money.FromFen(random.NextInt64(0, 50_000_000));
                var report = project.Report(period, project.FiguresFor(period, null, ytd, null), Now, needsReview: random.Next(4) == 0, by: "填报员");
                if (report.Status == ReportStatus.Submitted && random.Next(3) == 0)
                {
                    report.Return("审核员", Now, "请补充");
                }
            }
        }

        return project;
    }

    /// <summary>Every write that changes a plan row: reviews, plan and fact revisions, a move, a parent, a deletion, a new project in a new unit.</summary>
    private static async Task EditAsync(AppDbContext db, Random random, string prefix)
    {
        var projects = await db.Projects.Include(p => p.Plans).Include(p => p.Reports)
            .Where(p => p.Code.StartsWith(prefix + "-")).OrderBy(p => p.Id).ToListAsync();
        var hasParts = projects.Where(p => p.ParentId is not null).Select(p => p.ParentId!.Value).ToHashSet();
        var loose = projects.Where(p => p.ParentId is null && !hasParts.Contains(p.Id)).ToList();

        // Reviews: approve some pending reports.
        foreach (var report in projects.SelectMany(p => p.Reports).Where(r => r.Status == ReportStatus.Submitted && random.Next(2) == 0))
        {
            report.Approve("审核员", Now);
        }

        await db.SaveChangesAsync();

        // Plan revisions: a nature turned, a start moved.
        foreach (var project in projects.Where(p => p.Plans.Any(a => a.Year == 2024) && random.Next(4) == 0))
        {
            var plan = project.Plans.Single(a => a.Year == 2024);
            project.Plan(2024, new PlanEntry
            {
                Nature = plan.Nature == Nature.New ? Nature.Continuing : Nature.New,
                PlannedInvestment = plan.PlannedInvestment + new Money(1),
                StartDate = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 366)),
            });
        }

        await db.SaveChangesAsync();

        // Fact revisions: the lists, the category and the total investment (every year's figures).
        foreach (var project in projects.Where(_ => random.Next(5) == 0))
        {
            project.Revise(project.Facts with { Levels = (ProjectLevels)random.Next(1, 16), Category = (ProjectCategory)random.Next(4), TotalInvestment = project.TotalInvestment + new Money(3) }, project.Enterprise);
        }

        await db.SaveChangesAsync();

        // A move to another zone (a project with neither parent nor parts), and a new parent.
        var units = await db.OrgUnits.Where(u => u.Name.StartsWith(prefix) && u.Kind == OrgUnitKind.Zone).ToListAsync();
        var moved = loose[random.Next(loose.Count)];
        moved.MoveTo(units.First(u => u.Id != moved.OrgUnitId));
        await db.SaveChangesAsync();
        var sameUnit = loose.Where(p => p != moved).GroupBy(p => p.OrgUnitId).FirstOrDefault(g => g.Count() >= 2);
        if (sameUnit is not null)
        {
            sameUnit.Skip(1).First().SetParent(sameUnit.First(), hasParts: false);
            await db.SaveChangesAsync();
        }

        // A deletion, with its plans and reports.
        var gone = loose.Last(p => p != moved && p.ParentId is null && !(sameUnit?.First() == p));
        db.Projects.Remove(gone);
        await db.SaveChangesAsync();

        // A new zone and a project in it, saved together.
        var city = await db.OrgUnits.FirstAsync(u => u.Name.StartsWith(prefix) && u.Kind == OrgUnitKind.City);
        var zone = new OrgUnit($"{prefix}新区", OrgUnitKind.Zone, city);
        db.OrgUnits.Add(zone);
        db.Projects.Add(NewProject(random, $"{prefix}-N001", zone));
        await db.SaveChangesAsync();
    }
}
