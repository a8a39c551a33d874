using Keystone.Core.Projects;

namespace Keystone.Core.Figures;

/// <summary>
/// 集中开复工: the entries that started together at a recorded event (a ceremony), as seed 004 reports 古县's
/// ("10个重点项目（包括5个产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元").
/// The event's own facts — who held it, its title, place and main venue (主会场) — ride along when it was recorded
/// (<see cref="Campaigns.StartEvents"/>); a group found by date alone has none of them.
/// </summary>
public sealed record ConcurrentStart(
    DateOnly Date,
    int Count,
    IReadOnlyList<CategoryCount> ByCategory,
    int New,
    int Continuing,
    Money TotalInvestment,
    Money AnnualPlan,
    IReadOnlyList<int> ProjectIds)
{
    /// <summary>The unit that held it, when that is not the briefing's own scope (a parent names the zone: docs/domain.md "集中开复工").</summary>
    public string? HeldBy { get; init; }

    /// <summary>"古县“冬季行动”冲刺暨2024年全县重点项目集中开复工仪式".</summary>
    public string? Title { get; init; }

    public string? Place { get; init; }

    /// <summary>The main venue project's name (主会场).</summary>
    public string? MainVenue { get; init; }
}

/// <summary>How many of a group are of one category; only categories present are listed, in enum order.</summary>
public sealed record CategoryCount(ProjectCategory Category, int Count);
