using System.Numerics;
using Keystone.Core.Briefings;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Figures;

/// <summary>
/// Invariants over many random plans. Seeded, so a failure names a set that can be replayed; the seed
/// and the set's index are in every assertion message.
/// </summary>
public class FiguresPropertyTests
{
    private const int Year = 2024;
    private const int Sets = 400;

    /// <summary>Child c (1..5) of the scope owns units 10c, 10c+1 and 10c+2.</summary>
    private static int? ChildOf(int unit) => unit / 10;

    private static IEnumerable<(int Index, List<PlanRow> Rows, DateOnly AsOf)> RandomPlans(int seed)
    {
        var random = new Random(seed);
        for (var set = 0; set < Sets; set++)
        {
            var rows = Enumerable.Range(1, random.Next(0, 60)).Select(id => RandomRow(random, id)).ToList();
            yield return (set, rows, RandomDay(random, Year - 1, Year + 1));
        }
    }

    private static PlanRow RandomRow(Random random, int id)
    {
        var planned = random.Next(0, 4) == 0 ? 0 : random.Next(1, 1_000_000) / 100m;
        return Rows.Plan(
            id,
            random.Next(2) == 0 ? Nature.New : Nature.Continuing,
            total: planned + random.Next(0, 10_000_000) / 100m,
            planned: planned,
            unit: random.Next(1, 6) * 10 + random.Next(0, 3),
            levels: (ProjectLevels)random.Next(1, 16),
            category: (ProjectCategory)random.Next(0, 4)) with
        {
            PlannedStart = random.Next(3) == 0 ? null : RandomDay(random, Year - 1, Year),
            StartDate = random.Next(2) == 0 ? null : RandomDay(random, Year, Year),
            ActualStart = random.Next(3) == 0 ? null : RandomDay(random, Year - 3, Year),
            // Never above the plan, so a completion rate above 100% would be a bug here.
            YearToDate = random.Next(3) == 0 ? null : new Money(decimal.Round(planned * (decimal)random.NextDouble(), 2)),
        };
    }

    private static DateOnly RandomDay(Random random, int fromYear, int toYear)
    {
        var first = new DateOnly(fromYear, 1, 1).DayNumber;
        var last = new DateOnly(toYear, 12, 31).DayNumber;
        return DateOnly.FromDayNumber(random.Next(first, last + 1));
    }

    [Fact]
    public void Started_IsResumedPlusNewlyStarted_WithinTheirDenominators()
    {
        foreach (var (i, rows, asOf) in RandomPlans(1))
        {
            var f = FiguresEngine.Compute(rows, Year, asOf);

            Assert.True(f.Started == f.Resumed + f.NewlyStarted, $"set {i}");
            Assert.True(f.Continuing + f.New == f.Planned, $"set {i}");
            Assert.True(f.Resumed <= f.Continuing && f.NewlyStarted <= f.New, $"set {i}");
            Assert.Equal(rows.Count(r => FiguresEngine.HasStarted(r, Year, asOf)), f.Started);
        }
    }

    [Fact]
    public void Rates_LieBetweenZeroAndHundred_AndAreNullExactlyWhenTheirDenominatorIsZero()
    {
        foreach (var (i, rows, asOf) in RandomPlans(2))
        {
            var f = FiguresEngine.Compute(rows, Year, asOf);

            AssertRate(f.ResumeRate, f.Continuing, i);
            AssertRate(f.StartRate, f.New, i);
            AssertRate(f.OverallStartRate, f.Planned, i);
            AssertRate(f.CompletionRate, f.AnnualPlan.Wan, i);
            Assert.InRange(f.TimeElapsed.Value, 0m, 100m);
            Assert.Equal(f.CompletionRate is null, f.Pace is null);
            if (f.Pace is { } pace)
            {
                Assert.InRange(pace, -100m, 100m);
            }
        }
    }

    private static void AssertRate(Percent? rate, decimal denominator, int set)
    {
        Assert.True((rate is null) == (denominator == 0), $"set {set}: {rate} over {denominator}");
        if (rate is { } r)
        {
            Assert.InRange(r.Value, 0m, 100m);
        }
    }

    [Fact]
    public void AParentsCountsAndSums_AreTheSumsOverItsChildren()
    {
        foreach (var (i, rows, asOf) in RandomPlans(3))
        {
            var parent = FiguresEngine.Compute(rows, Year, asOf);
            var children = FiguresEngine.ByUnit(rows, Year, asOf, ChildOf).Select(u => u.Figures).ToList();

            Assert.True(parent.Planned == children.Sum(c => c.Planned), $"set {i}");
            Assert.True(parent.Continuing == children.Sum(c => c.Continuing), $"set {i}");
            Assert.True(parent.New == children.Sum(c => c.New), $"set {i}");
            Assert.True(parent.Resumed == children.Sum(c => c.Resumed), $"set {i}");
            Assert.True(parent.NewlyStarted == children.Sum(c => c.NewlyStarted), $"set {i}");
            Assert.True(parent.Started == children.Sum(c => c.Started), $"set {i}");
            Assert.True(parent.Reported == children.Sum(c => c.Reported), $"set {i}");
            Assert.Equal(parent.TotalInvestment, Money.Sum(children.Select(c => c.TotalInvestment)));
            Assert.Equal(parent.AnnualPlan, Money.Sum(children.Select(c => c.AnnualPlan)));
            Assert.Equal(parent.CompletedInvestment, Money.Sum(children.Select(c => c.CompletedInvestment)));
        }
    }

    [Fact]
    public void Categories_PartitionTheScope_AndLevelsCountEachListAProjectIsOn()
    {
        foreach (var (i, rows, asOf) in RandomPlans(4))
        {
            var whole = FiguresEngine.Compute(rows, Year, asOf);
            var categories = FiguresEngine.ByCategory(rows, Year, asOf);
            var levels = FiguresEngine.ByLevel(rows, Year, asOf);

            Assert.True(whole.Planned == categories.Sum(c => c.Figures.Planned), $"set {i}");
            Assert.True(whole.Started == categories.Sum(c => c.Figures.Started), $"set {i}");
            Assert.Equal(whole.AnnualPlan, Money.Sum(categories.Select(c => c.Figures.AnnualPlan)));
            var memberships = rows.Sum(r => BitOperations.PopCount((uint)r.Levels));
            Assert.True(memberships == levels.Sum(l => l.Figures.Planned), $"set {i}");
        }
    }

    [Fact]
    public void Ranks_RunFromOne_AndTheBestRateIsFirst()
    {
        foreach (var (i, rows, asOf) in RandomPlans(5))
        {
            var units = FiguresEngine.ByUnit(rows, Year, asOf, ChildOf);
            if (units.Count == 0)
            {
                continue;
            }

            Assert.All(units, u => Assert.InRange(u.OverallStartRateRank, 1, units.Count));
            Assert.Contains(units, u => u.OverallStartRateRank == 1);
            var best = units.Max(u => u.Figures.OverallStartRate!.Value.Rounded);
            Assert.All(units.Where(u => u.Figures.OverallStartRate!.Value.Rounded == best), u => Assert.Equal(1, u.OverallStartRateRank));
            Assert.All(units, u => Assert.True(
                u.CompletionRateRank == 1 + units.Count(o => Better(o.Figures.CompletionRate, u.Figures.CompletionRate)),
                $"set {i}, unit {u.UnitId}"));
        }

        static bool Better(Percent? a, Percent? b) => a is { } x && (b is not { } y || x.Rounded > y.Rounded);
    }

    [Fact]
    public void Started_NeverDecreases_AsTheAsOfDateMovesLater()
    {
        foreach (var (i, rows, _) in RandomPlans(6).Take(60))
        {
            var previous = FiguresEngine.Compute(rows, Year, new DateOnly(Year - 1, 12, 31));
            Assert.Equal(0, previous.Started);
            for (var day = new DateOnly(Year, 1, 1); day <= new DateOnly(Year + 1, 1, 1); day = day.AddDays(1))
            {
                var f = FiguresEngine.Compute(rows, Year, day);
                Assert.True(f.Resumed >= previous.Resumed && f.NewlyStarted >= previous.NewlyStarted, $"set {i}, {day}");
                Assert.True(f.TimeElapsed.Value > previous.TimeElapsed.Value || day.Year > Year, $"set {i}, {day}");
                previous = f;
            }
        }
    }

    [Fact]
    public void EveryRowGetsOneLight_TheWorstOfItsReasons()
    {
        foreach (var (i, rows, asOf) in RandomPlans(7))
        {
            var lights = TrafficLights.Evaluate(rows, Year, asOf, LightRules.Default);

            Assert.Equal(rows.Select(r => r.ProjectId), lights.Select(l => l.ProjectId));
            Assert.All(lights, l => Assert.Equal(l.Reasons.Count == 0 ? Light.Green : l.Reasons.Max(r => r.Light), l.Light));
            Assert.All(lights.SelectMany(l => l.Reasons), r =>
            {
                Assert.False(string.IsNullOrWhiteSpace(r.Text.Zh), $"set {i}");
                Assert.False(string.IsNullOrWhiteSpace(r.Text.En), $"set {i}");
            });
        }
    }

    [Fact]
    public void AProvincesLights_JudgedOnSeveralCoresAtOnce_AreEachRowsOwnLight()
    {
        // A province's worth of rows (judged in ranges at once) under units with rules of their own.
        var random = new Random(19);
        var rows = Enumerable.Range(1, 30_000).Select(id => RandomRow(random, id)).ToList();
        var tree = new OrgTree([new(1, "省", OrgUnitKind.Province, null), .. Enumerable.Range(1, 5).SelectMany(c => Enumerable.Range(0, 3).Select(z => new OrgUnitInfo(c * 10 + z, $"区{c}{z}", OrgUnitKind.Zone, 1)))]);
        var rules = new RuleBook(tree, new Dictionary<int, LightRules>
        {
            [10] = LightRules.Default with { StartOverdueMonths = 1, PaceYellowPoints = 5, PaceRedPoints = 15 },
            [31] = LightRules.Default with { PaceYellowPoints = null, PaceRedPoints = null },
        });
        foreach (var asOf in new[] { new DateOnly(Year, 3, 31), new DateOnly(Year, 9, 15), RandomDay(random, Year, Year) })
        {
            static object Plain(ProjectLight l) => (l.ProjectId, l.Code, l.UnitId, l.Light, string.Join("|", l.Reasons.Select(r => $"{r.Rule} {r.Light} {r.Text.Zh} {r.Text.En}")));
            var atOnce = TrafficLights.Evaluate(rows, Year, asOf, rules);
            var oneByOne = rows.Select(r => Assert.Single(TrafficLights.Evaluate([r], Year, asOf, rules))).ToList();
            Assert.Equal(oneByOne.Select(Plain), atOnce.Select(Plain));
            Assert.Contains(atOnce, l => l.Light == Light.Red);
            Assert.Contains(atOnce, l => l.Light == Light.Yellow);
            Assert.Contains(atOnce, l => l.Light == Light.Green);
        }
    }

    [Fact]
    public void ConcurrentStarts_AreSameDayStarts_OfAtLeastTheMinimum()
    {
        foreach (var (i, rows, asOf) in RandomPlans(8))
        {
            var started = FiguresEngine.Compute(rows, Year, asOf).Started;
            var groups = FiguresEngine.ConcurrentStarts(rows, Year, asOf, minimum: 2);

            Assert.True(groups.Sum(g => g.Count) <= started, $"set {i}");
            Assert.All(groups, g =>
            {
                Assert.True(g.Count >= 2 && g.Date <= asOf, $"set {i}");
                Assert.Equal(g.Count, g.ByCategory.Sum(c => c.Count));
                Assert.Equal(g.Count, g.New + g.Continuing);
                Assert.All(g.ProjectIds, id => Assert.Equal(g.Date, FiguresEngine.StartDateInYear(rows.Single(r => r.ProjectId == id), Year)));
            });
        }
    }

    [Fact]
    public void TheWriter_WordsAnyPlan_QuotingTheFiguresItWasGiven()
    {
        foreach (var (i, rows, asOf) in RandomPlans(9).Take(100))
        {
            var levels = FiguresEngine.ByLevel(rows, Year, asOf).ToDictionary(l => l.Level, l => l.Figures);
            var input = new BriefingInput
            {
                ScopeName = "阳泉市",
                ScopeKind = OrgUnitKind.City,
                Year = Year,
                AsOf = asOf,
                Figures = FiguresEngine.Compute(rows, Year, asOf),
                Provincial = levels[ProjectLevels.Provincial],
                Municipal = levels[ProjectLevels.Municipal],
                Children = FiguresEngine.ByUnit(rows, Year, asOf, ChildOf).Select(u => new BriefingUnit($"单位{u.UnitId}", u)).ToList(),
                ConcurrentStarts = FiguresEngine.ConcurrentStarts(rows, Year, asOf, minimum: 2),
                Lights = TrafficLights.Evaluate(rows, Year, asOf, LightRules.Default),
            };

            var briefing = BriefingWriter.Write(input);

            Assert.Equal(BriefingSectionKind.Overview, briefing.Sections[0].Kind);
            Assert.All(briefing.Sections, s => Assert.EndsWith("。", s.Text));
            Assert.Equal(briefing.Sections.Count, briefing.Sections.Select(s => s.Kind).Distinct().Count());
            if (input.Figures.Planned > 0)
            {
                Assert.Contains($"已开工项目{input.Figures.Started}个", briefing.Sections[0].Text);
            }
            else
            {
                Assert.Single(briefing.Sections); // nothing planned: nothing to rank, start or light
            }
        }
    }
}
