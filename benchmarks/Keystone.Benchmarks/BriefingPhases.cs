using System.Diagnostics;
using System.Globalization;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Units;

namespace Keystone.Benchmarks;

/// <summary>
/// Where a scope's briefing spends its time, read by read, in the order <see cref="ScopeDesk.LoadAsync"/> reads
/// (outside a closed month) and then drafted (docs/benchmarks.md "Nation"):
///   phases --db CONNECTION --scope NAME [--year 2024] [--as-of 2024-09-30] [--runs 3] [--board]
/// (--board: the cockpit's reads too)
/// Each run opens its context and reads the tree, as a command does; the first run is a warm-up, the median of
/// the rest is printed per phase.
/// </summary>
public static class BriefingPhases
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (Option(args, "--db") is not { } db || Option(args, "--scope") is not { } scopeName)
        {
            Console.Error.WriteLine("phases needs --db CONNECTION --scope NAME");
            return 2;
        }

        var target = DatabaseTarget.Resolve(db, null);
        var year = int.Parse(Option(args, "--year") ?? "2024", CultureInfo.InvariantCulture);
        var asOf = DateOnly.ParseExact(Option(args, "--as-of") ?? $"{year}-09-30", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var times = new Dictionary<string, List<double>>();
        var order = new List<string>();
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            void Lap(string phase)
            {
                if (run > 0)
                {
                    if (!times.TryGetValue(phase, out var list))
                    {
                        times[phase] = list = [];
                        order.Add(phase);
                    }

                    list.Add(watch.Elapsed.TotalMilliseconds);
                }

                watch.Restart();
            }

            await using var context = target.CreateContext();
            var tree = await context.LoadTreeAsync();
            var scope = tree.Resolve(scopeName);
            Lap("tree");
            var rows = await ScopeDesk.RowsAsync(context, tree, scope, year, asOf);
            Lap($"rows ({rows.Rows.Count:N0})");
            var rules = await LightsData.RulesAsync(context, tree);
            Lap("rules");
            var projectIds = rows.Rows.Select(r => r.ProjectId).ToHashSet();
            var sheets = await Keystone.Core.Desk.FactorData.ScopeSheetsAsync(context, tree, scope);
            Lap("factor sheets");
            var factors = sheets.Figures(asOf, rules);
            Lap("factor figures");
            var problems = await ProblemData.SummaryAsync(context, tree, scope, year, asOf, rules);
            Lap("problems");
            var nodes = await LightsData.NodeReasonsAsync(context, rows.Rows, rules, asOf, null);
            Lap("node reasons");
            var stages = await ScheduleData.RollupsAsync(context, projectIds);
            Lap("stages");
            var standing = await ScopeDesk.StandingAsync(context, tree, scope, year, asOf, rows.Rows);
            Lap("standing");
            var promotion = await PromotionData.FiguresAsync(context, tree, scope, year, asOf);
            Lap("promotion");
            var targets = await TargetData.StandingAsync(context, tree, scope, FiguresEngine.Compute(rows.Rows, year, asOf));
            Lap("targets (figures computed)");
            var progress = await NarrativeData.ImageProgressAsync(context, rows.Rows, year, asOf);
            Lap("形象进度");
            var events = await CampaignData.EventsAsync(context, tree, scope, year);
            var campaigns = await CampaignData.BriefingAsync(context, tree, scope, year, asOf, rules, null);
            Lap("events and campaigns");
            var snapshot = new ScopeSnapshot
            {
                Tree = tree,
                Scope = scope,
                Year = year,
                AsOf = asOf,
                Rows = rows.Rows,
                Figures = FiguresEngine.Compute(rows.Rows, year, asOf),
                Rules = rules,
                Problems = problems,
                Factors = factors,
                NodeReasons = nodes,
                Stages = stages,
                Standing = standing,
                Promotion = promotion,
                Targets = targets,
                Progress = progress,
                Events = events,
                Campaigns = campaigns,
            };
            var lights = ProjectLights.Compose(rows.Rows, year, asOf, rules, nodes, problems.OverdueProblems);
            Lap("lights");
            var input = BriefingInputs.Of(tree, scope, year, asOf, rows.Rows, lights);
            Lap("counts (figures, lists, children)");
            input = input with { ListProjects = BriefingInputs.ListProjects(rows.Rows, year, asOf, progress) };
            Lap("listed projects");
            input = input with
            {
                Stages = rows.Rows.Where(r => stages.ContainsKey(r.ProjectId)).Select(r => new ProjectStages(r.Code, r.Name, stages[r.ProjectId])).ToList(),
                ConcurrentStarts = Keystone.Core.Campaigns.StartEvents.Recorded(events, rows.Rows, year, asOf, scope.Id),
                Problems = problems,
                Factors = factors,
                Standing = standing,
                Promotion = promotion,
                Targets = targets,
            };
            Lap("stages and concurrent starts");
            _ = BriefingWriter.Write(input);
            Lap("worded");
            _ = ScopeDesk.Draft(snapshot).Briefing.ToPlainText();
            Lap("draft (lights and counts again, worded)");
            if (args.Contains("--board"))
            {
                // The cockpit's reads: the board (rows and lights again), the months, levels and categories.
                var board = await ScopeDesk.BoardAsync(context, tree, scope, year, asOf);
                Lap("cockpit: board");
                _ = await ScopeDesk.MonthsAsync(context, board.Rows.Rows, year, asOf);
                Lap("cockpit: months");
                _ = FiguresEngine.ByLevel(board.Rows.Rows, year, asOf);
                _ = FiguresEngine.ByCategory(board.Rows.Rows, year, asOf);
                Lap("cockpit: levels and categories");
                _ = await ScopeDesk.KeptBoardAsync(context, tree, scope, year, asOf);
                Lap("cockpit: the kept board instead");
            }
        }

        Console.WriteLine($"phase\tmedian ms ({scopeName}, as of {asOf:yyyy-MM-dd}, {runs - 1} runs after a warm-up)");
        foreach (var phase in order)
        {
            var list = times[phase].Order().ToList();
            Console.WriteLine(FormattableString.Invariant($"{phase}\t{list[list.Count / 2]:F1}"));
        }

        return 0;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
