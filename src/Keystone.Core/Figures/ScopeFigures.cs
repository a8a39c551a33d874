using Keystone.Core.Projects;

namespace Keystone.Core.Figures;

/// <summary>
/// The figures of one scope (a unit and everything below it, possibly narrowed to a level, category or
/// chain) for year <see cref="Year"/> as of <see cref="AsOf"/>, as docs/domain.md "Figures" defines them.
/// Rates are exact; they round only when printed. A rate whose denominator is 0 is null ("—").
/// </summary>
/// <remarks>
/// Not called "Figures": a type named like its namespace cannot be named from a sibling namespace
/// (Keystone.Core.Briefings would read "Figures" as the namespace, CS0118).
/// </remarks>
public sealed record ScopeFigures
{
    public required int Year { get; init; }

    public required DateOnly AsOf { get; init; }

    /// <summary>谋划实施项目: entries in year Y's plan.</summary>
    public required int Planned { get; init; }

    /// <summary>总投资.</summary>
    public required Money TotalInvestment { get; init; }

    /// <summary>年度计划投资.</summary>
    public required Money AnnualPlan { get; init; }

    /// <summary>续建 entries.</summary>
    public required int Continuing { get; init; }

    /// <summary>新建 entries: Planned − Continuing.</summary>
    public required int New { get; init; }

    /// <summary>复工: Continuing entries whose start date in Y is on or before AsOf.</summary>
    public required int Resumed { get; init; }

    /// <summary>新开工: New entries whose start date in Y is on or before AsOf.</summary>
    public required int NewlyStarted { get; init; }

    /// <summary>已开工: Resumed + NewlyStarted.</summary>
    public required int Started { get; init; }

    /// <summary>复工率 = Resumed / Continuing.</summary>
    public required Percent? ResumeRate { get; init; }

    /// <summary>开工率 = NewlyStarted / New.</summary>
    public required Percent? StartRate { get; init; }

    /// <summary>总开工率 = Started / Planned.</summary>
    public required Percent? OverallStartRate { get; init; }

    /// <summary>Σ 本年完成投资; entries without a report count as 0.</summary>
    public required Money CompletedInvestment { get; init; }

    /// <summary>
    /// Entries that have a report for year Y up to AsOf. 0 means "no investment data yet", which a
    /// briefing must not print as "完成投资0万元".
    /// </summary>
    public required int Reported { get; init; }

    /// <summary>投资完成率 = CompletedInvestment / AnnualPlan.</summary>
    public required Percent? CompletionRate { get; init; }

    /// <summary>序时进度: the share of year Y that has passed by AsOf.</summary>
    public required Percent TimeElapsed { get; init; }

    /// <summary>
    /// 超(+)/欠(−)序时进度 in percentage points: CompletionRate − TimeElapsed, from the exact values.
    /// Null when CompletionRate is.
    /// </summary>
    public required decimal? Pace { get; init; }
}

/// <summary>The figures of the projects on one key list (a project on two lists is in both).</summary>
public sealed record LevelFigures(ProjectLevels Level, ScopeFigures Figures);

/// <summary>The figures of one project category.</summary>
public sealed record CategoryFigures(ProjectCategory Category, ScopeFigures Figures);

/// <summary>
/// One child unit's figures and its place among its siblings (列第N位): 1 is best, ties share a rank
/// (1, 2, 2, 4), a null rate ranks last.
/// </summary>
public sealed record UnitFigures(
    int UnitId,
    ScopeFigures Figures,
    int OverallStartRateRank,
    int CompletionRateRank,
    int PaceRank);
