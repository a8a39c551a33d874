using Keystone.Core;
using Keystone.Core.Figures;
using Keystone.Web;

namespace Keystone.Components;

/// <summary>
/// ECharts options built on the server from computed figures, so the script only draws: every number in a
/// chart is one the page also prints. Amounts go in 亿元 (or 万元 when small), rates in percent, one decimal.
/// </summary>
public static class ChartOptions
{
    public const string Red = "#9b1c1c";
    public const string Grey = "#6b7280";
    public const string Gold = "#b7791f";
    public const string Green = "#2f7d4f";

    /// <summary>Whether amounts read better in 亿元 than in 万元.</summary>
    public static bool InYi(Money largest) => largest.Wan >= 10_000m;

    public static decimal Amount(Money m, bool yi) => decimal.Round(yi ? m.Yi : m.Wan, 2, MidpointRounding.AwayFromZero);

    public static string AmountUnit(bool yi) => yi ? L.T("亿元", "100M yuan") : L.T("万元", "10k yuan");

    public static object Months(IReadOnlyList<MonthFigures> months)
    {
        var plan = months.Count > 0 ? months[^1].AnnualPlan : Money.Zero;
        var yi = InYi(plan);
        var completed = L.T("累计完成投资", "Completed");
        var due = L.T("序时进度应完成", "Due by time elapsed");
        return new
        {
            color = new[] { Red, Grey },
            tooltip = new { trigger = "axis" },
            legend = new { data = new[] { completed, due }, top = 0 },
            grid = new { left = 10, right = 24, top = 36, bottom = 10, containLabel = true },
            xAxis = new { type = "category", data = months.Select(m => L.English ? m.Period.ToString() : $"{m.Period.Month}月").ToArray() },
            yAxis = new { type = "value", name = AmountUnit(yi) },
            series = new object[]
            {
                new
                {
                    name = completed,
                    type = "bar",
                    barMaxWidth = 36,
                    data = months.Select(m => Amount(m.Completed, yi)).ToArray(),
                    markLine = new
                    {
                        symbol = "none",
                        lineStyle = new { color = Gold, type = "solid", width = 2 },
                        label = new { formatter = L.T("年度计划 {c}", "Annual plan {c}"), position = "insideEndTop" },
                        data = new[] { new { yAxis = Amount(plan, yi) } },
                    },
                },
                new
                {
                    name = due,
                    type = "line",
                    symbolSize = 6,
                    lineStyle = new { type = "dashed" },
                    data = months.Select(m => Amount(m.DueByTime, yi)).ToArray(),
                },
            },
        };
    }

    /// <summary>Horizontal bars, best at the top; a rate without a denominator is left empty ("—").</summary>
    public static object Ranked(IReadOnlyList<string> names, IReadOnlyList<decimal?> values, string series, string color, string unit = "%", decimal? max = 100)
    {
        return new
        {
            color = new[] { color },
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            grid = new { left = 10, right = 48, top = 10, bottom = 10, containLabel = true },
            xAxis = new { type = "value", max, axisLabel = new { formatter = "{value}" + unit } },
            yAxis = new { type = "category", inverse = true, data = names, axisLabel = new { width = 140, overflow = "truncate" } },
            series = new object[]
            {
                new
                {
                    name = series,
                    type = "bar",
                    barMaxWidth = 22,
                    data = values.Select(v => v is { } x ? (object)x : "-").ToArray(),
                    label = new { show = true, position = "right", formatter = "{c}" + unit },
                },
            },
        };
    }

    /// <summary>Planned and started projects side by side for each group (level, category).</summary>
    public static object PlannedAndStarted(IReadOnlyList<string> groups, IReadOnlyList<int> planned, IReadOnlyList<int> started)
    {
        var p = L.T("计划项目", "Planned");
        var s = L.T("已开工", "Started");
        return new
        {
            color = new[] { Grey, Red },
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            legend = new { data = new[] { p, s }, top = 0 },
            grid = new { left = 10, right = 10, top = 36, bottom = 10, containLabel = true },
            xAxis = new { type = "category", data = groups, axisLabel = new { interval = 0 } },
            yAxis = new { type = "value", minInterval = 1 },
            series = new object[]
            {
                new { name = p, type = "bar", barMaxWidth = 28, data = planned, label = new { show = true, position = "top" } },
                new { name = s, type = "bar", barMaxWidth = 28, data = started, label = new { show = true, position = "top" } },
            },
        };
    }

    /// <summary>A project's months: investment in the month as bars, the year to date as a line, both in 万元.</summary>
    public static object ProjectMonths(IReadOnlyList<string> months, IReadOnlyList<decimal> inMonth, IReadOnlyList<decimal> yearToDate)
    {
        var m = L.T("当月完成投资", "In the month");
        var y = L.T("本年累计", "Year to date");
        return new
        {
            color = new[] { Red, Gold },
            tooltip = new { trigger = "axis" },
            legend = new { data = new[] { m, y }, top = 0 },
            grid = new { left = 10, right = 20, top = 36, bottom = 10, containLabel = true },
            xAxis = new { type = "category", data = months },
            yAxis = new { type = "value", name = AmountUnit(false) },
            series = new object[]
            {
                new { name = m, type = "bar", barMaxWidth = 30, data = inMonth },
                new { name = y, type = "line", symbolSize = 6, data = yearToDate },
            },
        };
    }
}
