using System.Globalization;

namespace Keystone.Core.Indicators;

/// <summary>
/// Indicators as the newspapers print them (docs/domain.md "Printing numbers"): the period ("一季度", "1-5月"),
/// the value in its published unit, the growth with its published decimals ("增长6.0%", "下降2.1%"), the rank
/// ("列全省第2位").
/// </summary>
public static class IndicatorWording
{
    private static readonly string[] Numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    /// <summary>
    /// The period a month's value covers: for year-to-date values 一季度 (March), 上半年 (June), 前三季度
    /// (September), 全年 (December), 1月, and otherwise "1-5月" — or "前5个月" when <paramref name="months"/>;
    /// for monthly values the month ("5月").
    /// </summary>
    public static string Period(Period period, IndicatorAccumulation accumulation = IndicatorAccumulation.YearToDate, bool months = false)
    {
        var m = period.Month;
        if (accumulation == IndicatorAccumulation.Monthly)
        {
            return $"{m}月";
        }

        return m switch
        {
            1 => "1月",
            3 => "一季度",
            6 => "上半年",
            9 => "前三季度",
            12 => "全年",
            _ => months ? $"前{m}个月" : $"1-{m}月",
        };
    }

    /// <summary>The quarter's name for a quarter's last month ("二季度"), for tables that name quarters alone.</summary>
    public static string Quarter(Period period) =>
        period.Month % 3 == 0 ? Numerals[period.Month / 3] + "季度" : Period(period);

    /// <summary>A value in its published unit: 2,434,000 万元 of a 亿元 indicator → "243.4亿元"; 4381 户 → "4381户".</summary>
    public static string Value(IndicatorInfo indicator, decimal stored)
    {
        var shown = indicator.Unit == "亿元" ? stored / 10_000m : stored;
        return ChineseFormat.Trim(IndicatorEngine.Round(shown, 4)) + indicator.Unit;
    }

    /// <summary>A value as a table shows it, without its unit ("243.4").</summary>
    public static string Number(IndicatorInfo indicator, decimal stored) =>
        ChineseFormat.Trim(IndicatorEngine.Round(indicator.Unit == "亿元" ? stored / 10_000m : stored, 4));

    /// <summary>The growth with its published decimals, kept even when zero ("6.0%", "-2.1%", "19.42%").</summary>
    public static string Percent(decimal growth, int decimals) =>
        IndicatorEngine.Round(growth, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    /// <summary>"增长6.0%", "同比增长90.9%", a fall "下降2.1%", none "持平".</summary>
    public static string Growth(decimal growth, int decimals, string word = "增长")
    {
        var rounded = IndicatorEngine.Round(growth, decimals);
        if (rounded == 0)
        {
            return "持平";
        }

        return rounded > 0 ? word + Percent(rounded, decimals) : word.Replace("增长", "", StringComparison.Ordinal) + "下降" + Percent(-rounded, decimals);
    }

    /// <summary>"列全省第2位".</summary>
    public static string Rank(IndicatorStanding standing) => $"列{standing.Among}第{standing.Rank}位";

    /// <summary>
    /// One indicator as a sentence of the 经济运行 paragraph (seed 001): "社会消费品零售总额74.5亿元，增长3.2%，列全省第2位";
    /// the value, its growth and its rank, each when known.
    /// </summary>
    public static string Clause(IndicatorRow row)
    {
        var i = row.Indicator;
        var parts = new List<string>();
        if (row.Value is { } v)
        {
            parts.Add(i.Name + i.Verb + Value(i, v));
        }

        if (row.Growth is { } g)
        {
            var growth = Growth(g, row.Decimals, i.GrowthWord);
            if (parts.Count == 0)
            {
                parts.Add(i.Name + growth);
            }
            else
            {
                parts.Add(growth);
            }
        }

        if (row.Standing is { } s)
        {
            parts.Add(Rank(s));
        }

        return string.Join("，", parts);
    }

    /// <summary>
    /// The 经济运行 paragraph: "一季度阳泉市地区生产总值完成243.4亿元，增长6.0%。社会消费品零售总额74.5亿元，增长3.2%，列全省第2位。…",
    /// one sentence per indicator in catalogue order, the period and the unit before the first.
    /// </summary>
    public static string Paragraph(string unitName, Period period, IReadOnlyList<IndicatorRow> rows)
    {
        if (rows.Count == 0)
        {
            return "";
        }

        var sentences = rows.Select(Clause).ToList();
        sentences[0] = Period(period, rows[0].Indicator.Accumulation) + unitName + sentences[0];
        return string.Concat(sentences.Select(s => s + "。"));
    }

    /// <summary>The gap to a target as a table prints it: "差56.6亿元（完成76.8%）", "超1.2个百分点".</summary>
    public static string Gap(IndicatorInfo indicator, TargetGap gap)
    {
        if (gap.Gap is not { } g)
        {
            return "—";
        }

        if (gap.Kind == TargetKind.Growth)
        {
            return (g >= 0 ? "高" : "低") + ChineseFormat.Points(Math.Abs(g));
        }

        var text = (g >= 0 ? "超" : "差") + Value(indicator, Math.Abs(g));
        return gap.Completion is { } c ? $"{text}（完成{ChineseFormat.Percent(new Percent(c))}）" : text;
    }

    /// <summary>The target as a table prints it: "1000亿元", "增长6.5%".</summary>
    public static string Target(IndicatorInfo indicator, TargetGap gap) =>
        gap.Kind == TargetKind.Value ? Value(indicator, gap.Target) : "增长" + ChineseFormat.Trim(gap.Target) + "%";
}
