using System.Globalization;
using System.Text;
using Keystone.Core.Figures;
using Keystone.Core.Projects;
using Keystone.Core.Units;

namespace Keystone.Core.Briefings;

/// <summary>
/// Drafts a 通报 in the newspapers' own phrasing (seed 004) from figures already computed. It formats and
/// orders but never computes a figure, so a briefing cannot disagree with the API or the pages.
/// </summary>
public static class BriefingWriter
{
    /// <summary>Up to this many children the rankings list them all; beyond it the top and bottom three.</summary>
    private const int ListAllUpTo = 6;

    public static Briefing Write(BriefingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckSameMoment(input);

        List<BriefingSection> sections = [new(BriefingSectionKind.Overview, Overview(input))];
        if (input.Provincial.Planned > 0)
        {
            sections.Add(new(BriefingSectionKind.ProvincialKey, KeyList(input, "省级", input.Provincial)));
        }

        if (input.Municipal.Planned > 0)
        {
            sections.Add(new(BriefingSectionKind.MunicipalKey, KeyList(input, "市级", input.Municipal)));
        }

        if (input.ScopeKind is OrgUnitKind.City or OrgUnitKind.Province && input.Children.Count > 0)
        {
            sections.Add(new(BriefingSectionKind.Rankings, Rankings(input)));
        }

        if (input.ConcurrentStarts.Count > 0)
        {
            sections.Add(new(BriefingSectionKind.ConcurrentStarts, ConcurrentStarts(input)));
        }

        if (input.Lights.Any(l => l.Light != Light.Green))
        {
            sections.Add(new(BriefingSectionKind.Lights, Lights(input.Lights)));
        }

        var title = Invariant($"{input.ScopeName}{input.Year}年重点项目建设情况通报（截至{ChineseFormat.Date(input.AsOf)}）");
        return new Briefing(title, sections);
    }

    private static string Overview(BriefingInput input)
    {
        var f = input.Figures;
        if (f.Planned == 0)
        {
            return Invariant($"{ThisYear(input)}，{input.ScopeName}暂无年度计划项目。");
        }

        var text = new StringBuilder()
            .Append(Invariant($"{ThisYear(input)}，{input.ScopeName}谋划实施项目{f.Planned}个，总投资{f.TotalInvestment}，年度计划投资{f.AnnualPlan}。"))
            .Append(Invariant($"{Now(input)}，已开工项目{f.Started}个。其中，复工项目{f.Resumed}个，复工率{P(f.ResumeRate)}；"))
            .Append(Invariant($"新开工项目{f.NewlyStarted}个，开工率{P(f.StartRate)}。"));

        // No report at all is "not known yet", not "nothing done": saying 完成投资0万元 would accuse the zone.
        if (f.Reported > 0)
        {
            text.Append(Invariant($"完成投资{f.CompletedInvestment}，占年度计划的{P(f.CompletionRate)}"));
            if (FiguresEngine.RoundPoints(f.Pace) is { } pace)
            {
                text.Append(pace switch
                {
                    > 0 => "，超序时进度" + ChineseFormat.Points(pace),
                    < 0 => "，欠序时进度" + ChineseFormat.Points(-pace),
                    _ => "，与序时进度持平",
                });
            }

            text.Append('。');
        }

        return text.ToString();
    }

    private static string KeyList(BriefingInput input, string level, ScopeFigures f) =>
        Invariant($"{ThisYear(input)}，{input.ShortName ?? input.ScopeName}推进实施的{level}重点工程项目{f.Planned}个，")
        + Invariant($"总投资{f.TotalInvestment}，年度计划投资{f.AnnualPlan}。{Now(input)}，已开工项目{f.Started}个。")
        + Invariant($"其中，续建项目{f.Resumed}个，新开工项目{f.NewlyStarted}个。");

    private static string Rankings(BriefingInput input)
    {
        var text = new StringBuilder(input.ScopeKind == OrgUnitKind.Province ? "分地区看，" : "分县区和开发区看，");
        text.Append(Ranked("总开工率", input.Children, u => u.Unit.OverallStartRateRank, u => u.Unit.Figures.OverallStartRate));

        // Completion ranks nothing until someone has reported: every child would tie at 0%.
        if (input.Children.Any(c => c.Unit.Figures.Reported > 0))
        {
            text.Append(Ranked("投资完成率", input.Children, u => u.Unit.CompletionRateRank, u => u.Unit.Figures.CompletionRate));
        }

        return text.ToString();
    }

    /// <summary>
    /// "总开工率前三位：A（80%）、B（75%）、C（70%）；后三位：…。" Ties at a cut are all named: sharing third
    /// place and being left off the list would be unfair.
    /// </summary>
    private static string Ranked(string what, IReadOnlyList<BriefingUnit> children, Func<BriefingUnit, int> rank, Func<BriefingUnit, Percent?> rate)
    {
        var sorted = children.OrderBy(rank).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        string Names(IEnumerable<BriefingUnit> units) => string.Join("、", units.Select(u => $"{u.Name}（{P(rate(u))}）"));
        if (sorted.Count <= ListAllUpTo)
        {
            return $"{what}由高到低依次为：{Names(sorted)}。";
        }

        var top = sorted.TakeWhile(u => rank(u) <= rank(sorted[2])).ToList();
        var bottom = sorted.Skip(top.Count).Where(u => rank(u) >= rank(sorted[^3])).ToList();
        return bottom.Count == 0
            ? $"{what}前三位：{Names(top)}。"
            : $"{what}前三位：{Names(top)}；后三位：{Names(bottom)}。";
    }

    /// <summary>"3月15日，全区共有10个重点项目（包括5个产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元。"</summary>
    private static string ConcurrentStarts(BriefingInput input) => string.Concat(input.ConcurrentStarts.Select(g =>
    {
        var categories = g.ByCategory.Count == 1
            ? "均为" + CategoryWords(g.ByCategory[0].Category)
            : "包括" + string.Join("、", g.ByCategory.Select(c => Invariant($"{c.Count}个{CategoryWords(c.Category)}")));
        var day = g.Date.Year == input.AsOf.Year ? Invariant($"{g.Date.Month}月{g.Date.Day}日") : ChineseFormat.Date(g.Date);
        return Invariant($"{day}，{Whole(input)}共有{g.Count}个重点项目（{categories}）集中开复工，总投资{g.TotalInvestment}，年度计划投资{g.AnnualPlan}。");
    }));

    /// <summary>How many lit projects of each colour a briefing names before "等N个项目".</summary>
    public const int LightsNamed = 10;

    /// <summary>"红灯项目2个：A（…；…）、B（…）。黄灯项目1个：C（…）。"</summary>
    private static string Lights(IReadOnlyList<ProjectLight> lights)
    {
        var text = new StringBuilder();
        foreach (var (light, word) in new[] { (Light.Red, "红灯"), (Light.Yellow, "黄灯") })
        {
            var lit = lights.Where(l => l.Light == light).ToList();
            if (lit.Count > 0)
            {
                // A briefing names the first few; the full list is in the .xlsx and on the pages.
                var projects = lit.Take(LightsNamed).Select(l => l.Reasons.Count == 0 ? l.Name : $"{l.Name}（{string.Join("；", l.Reasons.Select(r => r.Text.Zh))}）");
                var rest = lit.Count > LightsNamed ? Invariant($"等{lit.Count}个项目") : "";
                text.Append(Invariant($"{word}项目{lit.Count}个：{string.Join("、", projects)}{rest}。"));
            }
        }

        return text.ToString();
    }

    /// <summary>Seed 004 writes 基础设施建设项目 where the vocabulary says 基础设施类.</summary>
    private static string CategoryWords(ProjectCategory category) => category switch
    {
        ProjectCategory.Industrial => "产业类项目",
        ProjectCategory.Infrastructure => "基础设施建设项目",
        ProjectCategory.Livelihood => "民生类项目",
        ProjectCategory.Other => "其他项目",
    };

    /// <summary>全区 in a zone (seed 004), 全县 in a county, 全市 in a city.</summary>
    private static string Whole(BriefingInput input) => input.ScopeKind switch
    {
        OrgUnitKind.Province => "全省",
        OrgUnitKind.City => "全市",
        OrgUnitKind.Zone => "全区",
        OrgUnitKind.County => input.ScopeName[^1] switch
        {
            '县' => "全县",
            '市' => "全市",
            '旗' => "全旗",
            _ => "全区",
        },
    };

    private static string ThisYear(BriefingInput input) =>
        input.Year == input.AsOf.Year ? "今年" : Invariant($"{input.Year}年");

    /// <summary>A past year is reported as it ended, not as it is "now".</summary>
    private static string Now(BriefingInput input) => input.AsOf.Year > input.Year ? "截至年底" : "目前";

    private static string P(Percent? rate) => ChineseFormat.Percent(rate);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void CheckSameMoment(BriefingInput input)
    {
        var figures = new[] { input.Figures, input.Provincial, input.Municipal }.Concat(input.Children.Select(c => c.Unit.Figures));
        if (figures.Any(f => f.Year != input.Year || f.AsOf != input.AsOf))
        {
            throw new ArgumentException("Every figure in a briefing must be for its year and as-of date", nameof(input));
        }
    }
}
