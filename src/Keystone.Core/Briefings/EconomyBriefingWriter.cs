using Keystone.Core.Indicators;

namespace Keystone.Core.Briefings;

/// <summary>What the 经济运行 briefing says: the scope's indicators for a month, and where 工业投资 comes from.</summary>
public sealed record EconomyInput
{
    public required string ScopeName { get; init; }

    public required Period Period { get; init; }

    /// <summary>The scope's indicators for the month, with growth, standing and target (<see cref="IndicatorEngine.Table"/>).</summary>
    public required IReadOnlyList<IndicatorRow> Rows { get; init; }

    /// <summary>工业投资 by project from the ledger (指标挖潜); no paragraph when no project reported.</summary>
    public ContributionTable? Investment { get; init; }

    /// <summary>规上工业 by enterprise (指标挖潜's enterprise half); no paragraph when no enterprise reported.</summary>
    public ContributionTable? Enterprises { get; init; }

    /// <summary>The month's 入企访谈 and their problems, and the 上规入统 pool; no paragraph when there are none.</summary>
    public EnterpriseService? Service { get; init; }
}

/// <summary>
/// The 经济运行分析 briefing, every sentence of it: the indicators in seed 001's phrasing ("一季度阳泉市地区生产总值
/// 完成243.4亿元，增长6.0%。社会消费品零售总额74.5亿元，增长3.2%，列全省第2位。"), the gaps to the year's targets,
/// the projects 工业投资's growth comes from, and the enterprises' part (<see cref="EnterpriseBriefing"/>): 规上工业 by
/// enterprise, the month's visits and their problems, the 上规入统 pool.
/// </summary>
public static class EconomyBriefingWriter
{
    public static Briefing Write(EconomyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var title = $"{input.ScopeName}{input.Period.Year}年{IndicatorWording.Period(input.Period)}经济运行情况";
        var sections = new List<BriefingSection>();
        if (input.Rows.Count == 0)
        {
            sections.Add(new(BriefingSectionKind.Economy, $"{input.Period.Year}年{IndicatorWording.Period(input.Period)}{input.ScopeName}尚无经济指标数据。"));
        }
        else
        {
            sections.Add(new(BriefingSectionKind.Economy, IndicatorWording.Paragraph(input.ScopeName, input.Period, input.Rows)));
        }

        var targets = input.Rows.Where(r => r.Target is { Gap: not null }).Select(Target).ToList();
        if (targets.Count > 0)
        {
            sections.Add(new(BriefingSectionKind.Economy, "对照年度目标，" + string.Join("；", targets) + "。"));
        }

        if (input.Investment is { Rows.Count: > 0 } investment)
        {
            sections.Add(new(BriefingSectionKind.Economy, Contribution(investment)));
        }

        sections.AddRange(EnterpriseBriefing.Paragraphs(input.Period, input.Enterprises, input.Service).Select(p => new BriefingSection(BriefingSectionKind.Economy, p)));

        return new Briefing(title, sections);
    }

    /// <summary>"地区生产总值增长6.0%，低于年度目标（增长6.5%）0.5个百分点", "…完成年度目标的24.3%".</summary>
    private static string Target(IndicatorRow row)
    {
        var gap = row.Target!;
        if (gap.Kind == TargetKind.Growth)
        {
            var g = gap.Gap!.Value;
            var growth = row.Growth is { } x ? IndicatorWording.Growth(x, row.Decimals, row.Indicator.GrowthWord) : "";
            return $"{row.Indicator.Name}{growth}，{(g >= 0 ? "高于" : "低于")}年度目标（{IndicatorWording.Target(row.Indicator, gap)}）{ChineseFormat.Points(Math.Abs(g))}";
        }

        return $"{row.Indicator.Name}完成年度目标（{IndicatorWording.Target(row.Indicator, gap)}）的{ChineseFormat.Percent(new Percent(gap.Completion!.Value))}";
    }

    /// <summary>"指标挖潜方面，产业类项目完成工业投资X，增长Y%，其中A项目拉动Z个百分点…".</summary>
    private static string Contribution(ContributionTable table)
    {
        var total = ChineseFormat.Money(new Money(table.This));
        var head = $"指标挖潜方面，{table.Rows.Count}个产业类项目完成投资{total}";
        if (table.Growth is not { } growth)
        {
            var shares = table.Rows.Take(3).Select(r => $"{r.Name}{ChineseFormat.Money(new Money(r.This))}（占{ChineseFormat.Percent(new Percent(r.Share ?? 0m))}）");
            return head + "，上年同期无可比数据；其中" + string.Join("，", shares) + "。";
        }

        var top = table.Rows.Where(r => r.Points is > 0).Take(3)
            .Select(r => $"{r.Name}拉动{ChineseFormat.Points(r.Points!.Value)}");
        return head + "，" + IndicatorWording.Growth(growth, 1) + (top.Any() ? "；其中" + string.Join("，", top) : "") + "。";
    }
}
