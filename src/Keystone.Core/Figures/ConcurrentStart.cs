using Keystone.Core.Projects;

namespace Keystone.Core.Figures;

/// <summary>
/// 集中开复工: the entries that started on one day, as seed 004 reports 古县's ceremony ("10个重点项目（包括5个
/// 产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元").
/// </summary>
public sealed record ConcurrentStart(
    DateOnly Date,
    int Count,
    IReadOnlyList<CategoryCount> ByCategory,
    int New,
    int Continuing,
    Money TotalInvestment,
    Money AnnualPlan,
    IReadOnlyList<int> ProjectIds);

/// <summary>How many of a group are of one category; only categories present are listed, in enum order.</summary>
public sealed record CategoryCount(ProjectCategory Category, int Count);
