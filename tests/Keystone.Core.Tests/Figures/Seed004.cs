using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Projects;

namespace Keystone.Core.Tests.Figures;

/// <summary>
/// A synthetic plan that reproduces the figures seed 004 prints for 阳泉高新区 on 2024-04-10: 65 projects,
/// 332亿元 total, 50亿元 planned; 21 continuing all resumed, 23 of 44 new started; 12 provincial key
/// projects (91.4亿元, 17亿元, 5 resumed + 4 new started) and 16 municipal (86.27亿元, 9.66亿元, 5 + 6).
/// Start dates vary and include the as-of day itself, the day after, starts known only from 实际开工时间,
/// and continuing projects first started years ago, so the seed numbers only come out if each rule holds.
/// </summary>
internal static class Seed004
{
    public const int Year = 2024;

    public static readonly DateOnly AsOf = new(2024, 4, 10);

    public static IReadOnlyList<PlanRow> Entries()
    {
        var rows = new List<PlanRow>();
        Add(rows, ProjectLevels.Provincial, resumed: 5, newStarted: 4, notStarted: 3, total: 914_000, planned: 170_000);
        Add(rows, ProjectLevels.Municipal, resumed: 5, newStarted: 6, notStarted: 5, total: 862_700, planned: 96_600);
        Add(rows, ProjectLevels.Zone, resumed: 11, newStarted: 13, notStarted: 13, total: 1_543_300, planned: 233_400);
        return rows;
    }

    private static void Add(List<PlanRow> rows, ProjectLevels level, int resumed, int newStarted, int notStarted, decimal total, decimal planned)
    {
        var count = resumed + newStarted + notStarted;
        var totals = Rows.Split(total, count);
        var plans = Rows.Split(planned, count);
        for (var i = 0; i < count; i++)
        {
            var id = rows.Count + 1;
            var nature = i < resumed ? Nature.Continuing : Nature.New;
            var row = Rows.Plan(id, nature, totals[i], plans[i], levels: level,
                category: id % 3 == 0 ? ProjectCategory.Infrastructure : ProjectCategory.Industrial) with
            {
                Name = $"{ProjectVocabulary.Name(level)}项目{id}",
                PlannedStart = new DateOnly(2024, 1 + i % 6, 1),
            };
            row = i switch
            {
                // Resumed; its first start years ago must not matter either way.
                _ when i < resumed => row with { StartDate = new DateOnly(2024, 2, 19).AddDays(i), ActualStart = new DateOnly(2021 + i % 3, 8, 15) },
                // Newly started: the first on the as-of day itself, some known only from 实际开工时间.
                _ when i == resumed => row with { StartDate = AsOf },
                _ when i < resumed + newStarted && i % 2 == 0 => row with { ActualStart = new DateOnly(2024, 3, 1).AddDays(i) },
                _ when i < resumed + newStarted => row with { StartDate = new DateOnly(2024, 3, 5).AddDays(i), ActualStart = new DateOnly(2024, 3, 5).AddDays(i) },
                // Not started by the as-of day: the day after, later in the year, or not at all.
                _ when i == resumed + newStarted => row with { StartDate = AsOf.AddDays(1) },
                _ when i % 2 == 0 => row with { ActualStart = new DateOnly(2024, 6, 18) },
                _ => row,
            };
            rows.Add(row);
        }
    }
}
