using Keystone.Core.Indicators;

namespace Keystone.Core.Briefings;

/// <summary>The enterprise service of a month as the 经济运行 briefing tells it: 包联 visits and their problems, and the 上规入统 pool.</summary>
public sealed record EnterpriseService
{
    /// <summary>Enterprises with a liaison officer, and how many of them their officer visited in the month.</summary>
    public int Assigned { get; init; }

    public int Covered { get; init; }

    /// <summary>Visits made in the month (on or before the briefing's day).</summary>
    public int Visits { get; init; }

    /// <summary>The problems raised on those visits, and how many were closed by the briefing's day.</summary>
    public int Problems { get; init; }

    public int ProblemsClosed { get; init; }

    /// <summary>The open ones' titles, at most a few.</summary>
    public IReadOnlyList<string> OpenProblems { get; init; } = [];

    /// <summary>Candidates in the pool at the month's end; those on track; those past their expected month.</summary>
    public int PoolCandidates { get; init; }

    public int PoolOnTrack { get; init; }

    public IReadOnlyList<string> PoolOverdue { get; init; } = [];

    /// <summary>The candidates that entered the statistics this year, by the month.</summary>
    public IReadOnlyList<string> PoolEntered { get; init; } = [];
}

/// <summary>
/// The 经济运行 briefing's enterprise paragraphs: 规上工业 by enterprise (指标挖潜, docs/domain.md "Contribution by
/// enterprise"), the month's 入企访谈 with their problems, and the 上规入统 pool. Nothing is said of what has no data.
/// </summary>
public static class EnterpriseBriefing
{
    public static IEnumerable<string> Paragraphs(Period period, ContributionTable? enterprises, EnterpriseService? service)
    {
        if (enterprises is { Rows.Count: > 0 } table)
        {
            yield return Output(table);
        }

        if (service is { Visits: > 0 } s)
        {
            yield return Visits(period, s);
        }

        if (service is { } p && (p.PoolCandidates > 0 || p.PoolEntered.Count > 0))
        {
            yield return Pool(p);
        }
    }

    /// <summary>"规上工业方面，3家规上工业企业完成产值11.38亿元，增长3.0%；其中A拉动3.44个百分点，…；C下拉1.09个百分点。"</summary>
    private static string Output(ContributionTable table)
    {
        var head = $"规上工业方面，{table.Rows.Count}家规上工业企业完成产值{ChineseFormat.Money(new Money(table.This))}";
        if (table.Growth is not { } growth)
        {
            return head + "，上年同期无可比数据。";
        }

        var up = table.Rows.Where(r => r.Points is > 0).Take(3).Select(r => $"{r.Name}拉动{Points(r.Points!.Value)}个百分点").ToList();
        var down = table.Rows.Where(r => r.Points is < 0).OrderBy(r => r.Points).Take(2).Select(r => $"{r.Name}下拉{Points(-r.Points!.Value)}个百分点").ToList();
        var parts = new List<string>();
        if (up.Count > 0)
        {
            parts.Add("其中" + string.Join("，", up));
        }

        if (down.Count > 0)
        {
            parts.Add(string.Join("，", down));
        }

        return head + "，" + IndicatorWording.Growth(growth, 1) + (parts.Count > 0 ? "；" + string.Join("；", parts) : "") + "。";
    }

    /// <summary>"企业服务方面，3月开展入企访谈5次，包联企业8家中已走访5家，覆盖率62.5%；收集企业诉求3个，已办结0个，…。"</summary>
    private static string Visits(Period period, EnterpriseService s)
    {
        var text = $"企业服务方面，{period.Month}月开展入企访谈{s.Visits}次，包联企业{s.Assigned}家中已走访{s.Covered}家，覆盖率{ChineseFormat.Percent(Percent.Of(s.Covered, s.Assigned))}";
        if (s.Problems == 0)
        {
            return text + "；走访中企业未提出诉求。";
        }

        text += $"；收集企业诉求{s.Problems}个，已办结{s.ProblemsClosed}个";
        if (s.OpenProblems.Count > 0)
        {
            text += "，正在办理的有：" + string.Join("；", s.OpenProblems.Select(t => $"“{t}”"));
        }

        return text + "。";
    }

    /// <summary>"上规入统方面，培育库在库企业2家，其中预计年内可达标2家；今年已入统1家（…）。"</summary>
    private static string Pool(EnterpriseService s)
    {
        var text = $"上规入统方面，培育库在库企业{s.PoolCandidates}家，其中预计年内可达标{s.PoolOnTrack}家";
        if (s.PoolOverdue.Count > 0)
        {
            text += $"，{string.Join("、", s.PoolOverdue)}已过预计入统月份尚未入统";
        }

        if (s.PoolEntered.Count > 0)
        {
            text += $"；今年已入统{s.PoolEntered.Count}家（{string.Join("、", s.PoolEntered)}）";
        }

        return text + "。";
    }

    private static string Points(decimal points) => ChineseFormat.Trim(decimal.Round(points, 2, MidpointRounding.AwayFromZero));
}
