using Keystone.Core.Briefings;
using Keystone.Core.Figures;
using Keystone.Core.Ledger;
using Keystone.Core.Lights;
using Keystone.Core.Problems;
using Keystone.Core.Projects;

namespace Keystone.Core.Documents;

/// <summary>
/// A briefing with the tables behind it, for the clerk who checks or reuses the numbers in Excel: the
/// text, then the figures the text quotes, as numbers (money in 万元, rates in percent to one decimal,
/// exactly as the API rounds them). A rate without a denominator is an empty cell, never 0.
/// </summary>
public static class BriefingXlsx
{
    public const string TextSheet = "通报";
    public const string ScopeSheet = "总体";
    public const string ChildrenSheet = "下级单位";
    public const string ConcurrentStartsSheet = "集中开复工";
    public const string LightsSheet = "红黄灯";

    // One column cannot be shrunk to the page by fit-to-width (LibreOffice pages whole columns), so it fits A4 portrait as it is.
    private const double TextWidth = 68;

    private const double MaxRowHeight = 409;

    private const double MoneyWidth = 15;
    private const double CountWidth = 9;
    private const double RateWidth = 10;

    private static readonly XlsxPageSetup Portrait = new(Landscape: false, FitToWidth: true);
    private static readonly XlsxPageSetup Landscape = new(Landscape: true, FitToWidth: true);

    /// <summary>The figures of a scope, one per row on 总体 and one per column on 下级单位, in this order.</summary>
    private static readonly (string Label, double Width, Func<ScopeFigures, XCell> Cell)[] FigureRows =
    [
        ("计划项目数", CountWidth, f => Count(f.Planned)),
        ("总投资（万元）", MoneyWidth, f => Wan(f.TotalInvestment)),
        ("年度计划投资（万元）", MoneyWidth, f => Wan(f.AnnualPlan)),
        ("续建", CountWidth, f => Count(f.Continuing)),
        ("新建", CountWidth, f => Count(f.New)),
        ("复工", CountWidth, f => Count(f.Resumed)),
        ("新开工", CountWidth, f => Count(f.NewlyStarted)),
        ("已开工", CountWidth, f => Count(f.Started)),
        ("复工率", RateWidth, f => Rate(f.ResumeRate)),
        ("开工率", RateWidth, f => Rate(f.StartRate)),
        ("总开工率", RateWidth, f => Rate(f.OverallStartRate)),
        ("完成投资（万元）", MoneyWidth, f => Wan(f.CompletedInvestment)),

        // Beside 完成投资: 0 reported projects means "no data yet", which a bare 0 would hide.
        ("已填报项目数", CountWidth, f => Count(f.Reported)),
        ("投资完成率", RateWidth, f => Rate(f.CompletionRate)),
        ("序时进度", RateWidth, f => Rate(f.TimeElapsed)),
        ("超/欠序时进度（百分点）", RateWidth, f => new XCell(FiguresEngine.RoundPoints(f.Pace), XStyle.Points)),
    ];

    public static void Write(BriefingInput input, Briefing briefing, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(output);

        using var writer = new XlsxWriter(output, TextSheet, [TextWidth], 0, 0, Portrait);
        writer.Row([new XCell(briefing.Title, XStyle.Title)], height: 48);
        foreach (var section in briefing.Sections)
        {
            writer.Row([new XCell(section.Text, XStyle.Wrap)], height: WrappedHeight(section.Text, TextWidth));
        }

        writer.NextSheet(ScopeSheet, [26, 18, 18, 18], 1, 1, Portrait);
        writer.Row([Header("指标"), Header(input.ScopeName), Header("省级重点"), Header("市级重点")], height: 30);
        writer.HeaderRow();
        foreach (var (label, _, cell) in FigureRows)
        {
            writer.Row([new XCell(label), cell(input.Figures), cell(input.Provincial), cell(input.Municipal)]);
        }

        if (input.Children.Count > 0)
        {
            Children(writer, input.Children);
        }

        if (input.ConcurrentStarts.Count > 0)
        {
            ConcurrentStarts(writer, input.ConcurrentStarts);
        }

        if (input.Lights.Any(l => l.Light != Light.Green))
        {
            Lights(writer, input.Lights);
        }
    }

    private static void Children(XlsxWriter writer, IReadOnlyList<BriefingUnit> children)
    {
        string[] ranks = ["总开工率排名", "投资完成率排名", "序时进度排名"];
        writer.NextSheet(ChildrenSheet, [20, .. FigureRows.Select(f => f.Width), .. ranks.Select(_ => CountWidth)], 1, 1, Landscape);
        writer.Row([Header("单位"), .. FigureRows.Select(f => Header(f.Label)), .. ranks.Select(Header)], height: 45);
        writer.HeaderRow();

        // In the order the briefing names them: best 总开工率 first.
        foreach (var child in children.OrderBy(c => c.Unit.OverallStartRateRank).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var u = child.Unit;
            writer.Row(
            [
                new XCell(child.Name),
                .. FigureRows.Select(f => f.Cell(u.Figures)),
                Count(u.OverallStartRateRank), Count(u.CompletionRateRank), Count(u.PaceRank),
            ]);
        }
    }

    private static void ConcurrentStarts(XlsxWriter writer, IReadOnlyList<ConcurrentStart> starts)
    {
        var categories = Enum.GetValues<ProjectCategory>();
        writer.NextSheet(ConcurrentStartsSheet, [12, .. Enumerable.Repeat(CountWidth, 3 + categories.Length), MoneyWidth, MoneyWidth], 1, 1, Portrait);
        writer.Row(
        [
            Header("日期"), Header("项目数"), Header("新开工"), Header("复工"),
            .. categories.Select(c => Header(ProjectVocabulary.Name(c))),
            Header("总投资（万元）"), Header("年度计划投资（万元）"),
        ],
        height: 45);
        writer.HeaderRow();
        foreach (var g in starts)
        {
            writer.Row(
            [
                new XCell(g.Date, XStyle.Date), Count(g.Count), Count(g.New), Count(g.Continuing),
                .. categories.Select(c => Count(g.ByCategory.FirstOrDefault(x => x.Category == c)?.Count ?? 0)),
                Wan(g.TotalInvestment), Wan(g.AnnualPlan),
            ]);
        }
    }

    private static void Lights(XlsxWriter writer, IReadOnlyList<ProjectLight> lights)
    {
        const double reasonsWidth = 60;
        writer.NextSheet(LightsSheet, [26, 36, 8, reasonsWidth], 1, 0, Landscape);
        writer.Row([Header("项目编号"), Header("项目名称"), Header("灯"), Header("原因")], height: 24);
        writer.HeaderRow();

        // Red before yellow, each in the order the briefing lists them.
        foreach (var light in lights.Where(l => l.Light != Light.Green).OrderByDescending(l => l.Light))
        {
            var reasons = string.Join("\n", light.Reasons.Select(r => r.Text.Zh));
            var (word, style) = light.Light switch
            {
                Light.Red => ("红灯", XStyle.Red),
                Light.Yellow => ("黄灯", XStyle.Yellow),
                Light.Green => ("绿灯", XStyle.Text),
            };
            writer.Row(
                [new XCell(light.Code, XStyle.Wrap), new XCell(FormulaText.Neutralise(light.Name), XStyle.Wrap), new XCell(word, style), new XCell(reasons, XStyle.Wrap)],
                height: Math.Min(light.Reasons.Sum(r => WrappedHeight(r.Text.Zh, reasonsWidth) - 4) + 4, MaxRowHeight));
        }
    }

    /// <summary>A long header wraps before its unit, not inside it: "年度计划投资" over "（万元）".</summary>
    private static XCell Header(string text) =>
        new(text.Length > 6 ? text.Replace("（", "\n（", StringComparison.Ordinal) : text, XStyle.Header);

    private static XCell Count(int count) => new(count, XStyle.Integer);

    private static XCell Wan(Money money) => new(money.Wan, XStyle.Number);

    private static XCell Rate(Percent? rate) => new(rate?.Rounded, XStyle.Percent);

    /// <summary>
    /// Excel does not grow a row to fit wrapped text it did not type itself, so the height is estimated:
    /// a Chinese character takes about two of the column's character widths, a line of 11 pt text 14.5 pt.
    /// Excel refuses rows taller than 409 pt; a longer paragraph is cut there on screen, whole in the cell.
    /// </summary>
    private static double WrappedHeight(string text, double columnWidth)
    {
        var width = text.Sum(c => c > '\u2E80' ? 2.0 : 1.1);
        var lines = Math.Max(1, (int)Math.Ceiling(width / (columnWidth - 2)));
        return Math.Min(lines * 14.5 + 4, MaxRowHeight);
    }
}
