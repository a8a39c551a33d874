using System.Globalization;
using System.Text;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Problems;
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

        List<BriefingSection> sections = [new(BriefingSectionKind.Overview, Overview(input) + input.Standing?.Text)];
        if (input.Provincial.Planned > 0)
        {
            sections.Add(new(BriefingSectionKind.ProvincialKey, KeyList(input, "省级", input.Provincial)));
            if (ListProgress(input.ListProjects, ProjectLevels.Provincial) is { } provincial)
            {
                sections.Add(new(BriefingSectionKind.ProvincialProgress, provincial));
            }
        }

        if (input.Municipal.Planned > 0)
        {
            sections.Add(new(BriefingSectionKind.MunicipalKey, KeyList(input, "市级", input.Municipal)));
            if (ListProgress(input.ListProjects, ProjectLevels.Municipal) is { } municipal)
            {
                sections.Add(new(BriefingSectionKind.MunicipalProgress, municipal));
            }
        }

        if (BriefingInputs.RanksChildren(input.ScopeKind) && input.Children.Count > 0)
        {
            sections.Add(new(BriefingSectionKind.Rankings, Rankings(input)));
        }

        if (input.ConcurrentStarts.Count > 0)
        {
            sections.Add(new(BriefingSectionKind.ConcurrentStarts, ConcurrentStarts(input)));
        }

        // What has been built comes before what is behind (the lights); with no light lit it comes last,
        // after the problems and factors — where it has always stood, so a briefing reads the same again.
        var stages = StageProgress(input.Stages);
        if (input.Lights.Any(l => l.Light != Light.Green))
        {
            if (stages is not null)
            {
                sections.Add(new(BriefingSectionKind.StageProgress, stages));
                stages = null;
            }

            sections.Add(new(BriefingSectionKind.Lights, Lights(input.Lights)));
        }

        if (input.Problems is { IsEmpty: false } problems)
        {
            sections.Add(new(BriefingSectionKind.Problems, Problems(input, problems)));
        }

        if (input.Factors is { } factors && FactorParts(factors) is { Count: > 0 } parts)
        {
            sections.Add(new(BriefingSectionKind.Factors, "要素保障方面，" + string.Join("；", parts) + "。"));
        }

        if (stages is not null)
        {
            sections.Add(new(BriefingSectionKind.StageProgress, stages));
        }

        if (input.Targets is { Targets: not null } targets && TargetsParagraph(input, targets) is { } forward)
        {
            sections.Add(new(BriefingSectionKind.Targets, forward));
        }

        if (input.Campaigns.Count > 0)
        {
            sections.Add(new(BriefingSectionKind.Campaigns, string.Concat(input.Campaigns.Select(c => Keystone.Core.Campaigns.CampaignWording.Paragraph(c, c.Campaign.UnitName == input.ScopeName ? null : c.Campaign.UnitName)))));
        }

        if (input.Promotion is { } promotion && Promotion(input, promotion) is { } promoted)
        {
            sections.Add(new(BriefingSectionKind.Promotion, promoted));
        }

        if (input.ClosedPeriod is { } closed && input.Corrected is { } corrected && Restatement(input.Figures, corrected, closed) is { } restatement)
        {
            sections.Add(new(BriefingSectionKind.Restatement, restatement));
        }

        var title = Invariant($"{input.ScopeName}{input.Year}年重点项目建设情况通报（截至{ChineseFormat.Date(input.AsOf)}）");
        return new Briefing(title, sections);
    }

    /// <summary>How many signed projects waiting to start a briefing names.</summary>
    public const int WaitingNamed = 10;

    /// <summary>
    /// "招商引资方面，今年以来，全区新签约项目3个，签约总额17.95亿元，完成年度任务的15%；其中产业招商2个、基金招商1个。
    /// 已开工落地项目1个。已签约待开工项目2个：…（2月26日签约，已44天）…。"; null for a scope with no lead and no task.
    /// </summary>
    public static string? Promotion(BriefingInput input, Promotion.PromotionFigures f)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(f);
        if (f.Leads == 0 && f.Task is null)
        {
            return null;
        }

        var when = input.Year == input.AsOf.Year ? "今年以来" : Invariant($"{input.Year}年");
        var whole = input.ScopeKind switch
        {
            OrgUnitKind.Nation => "全国",
            OrgUnitKind.Province => "全省",
            OrgUnitKind.City => "全市",
            OrgUnitKind.County => "全县",
            _ => "全区",
        };
        var b = new StringBuilder("招商引资方面，").Append(when).Append('，').Append(whole);
        if (f.Signed == 0)
        {
            b.Append("尚无新签约项目");
            if (f.Task is { SignedProjects: > 0 } task)
            {
                b.Append(Invariant($"，年度任务{task.SignedProjects}个"));
            }

            b.Append('。');
        }
        else
        {
            b.Append(Invariant($"新签约项目{f.Signed}个，签约总额{f.SignedAmount}"));
            if (f.SignedRate is { } rate)
            {
                b.Append("，完成年度任务的").Append(ChineseFormat.Percent(rate));
            }

            var channels = Keystone.Core.Promotion.PromotionVocabulary.Channels
                .Select(c => (Name: Keystone.Core.Promotion.PromotionVocabulary.Name(c), Count: f.SignedByChannel[Keystone.Core.Promotion.PromotionVocabulary.Code(c)]))
                .Where(c => c.Count > 0)
                .Select(c => Invariant($"{c.Name}{c.Count}个"))
                .ToList();
            b.Append("；其中").Append(string.Join("、", channels)).Append('。');
        }

        b.Append(Invariant($"已开工落地项目{f.Landed}个。"));
        if (f.Waiting.Count > 0)
        {
            var named = f.Waiting.Take(WaitingNamed).Select(w => Invariant($"{w.Name}（{w.SignedOn.Month}月{w.SignedOn.Day}日签约，已{w.Days}天）"));
            var year = f.Waiting.Any(w => w.SignedOn.Year != input.AsOf.Year);
            if (year)
            {
                named = f.Waiting.Take(WaitingNamed).Select(w => Invariant($"{w.Name}（{ChineseFormat.Date(w.SignedOn)}签约，已{w.Days}天）"));
            }

            b.Append(Invariant($"已签约待开工项目{f.Waiting.Count}个：")).Append(string.Join("、", named)).Append(f.Waiting.Count > WaitingNamed ? "等" : "").Append('。');
        }

        return b.ToString();
    }

    /// <summary>How many projects' buildings a briefing describes; the pages show all.</summary>
    public const int StageProgressNamed = 10;

    /// <summary>"形象进度方面，中电阳泉数字经济产业园项目A地块5栋楼完成封顶，4栋楼正在进行主体施工；……。"</summary>
    public static string? StageProgress(IReadOnlyList<ProjectStages> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var named = stages.OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            return null;
        }

        var parts = named.Take(StageProgressNamed).Select(r => r.Name + r.Text);
        var rest = named.Count > StageProgressNamed ? $"等{named.Count}个项目" : "";
        return $"形象进度方面，{string.Join("；", parts)}{rest}。";
    }

    /// <summary>"更正说明：…已关账，以上为原报数据。更正后，已开工项目45个（原报44个）…"; null when nothing differs.</summary>
    public static string? Restatement(ScopeFigures reported, ScopeFigures corrected, Period period)
    {
        var changes = new List<string>();
        void Count(string what, int before, int after, string unit)
        {
            if (before != after)
            {
                changes.Add($"{what}{after}{unit}（原报{before}{unit}）");
            }
        }

        void Amount(string what, Money before, Money after)
        {
            if (before != after)
            {
                changes.Add($"{what}{after}（原报{before}）");
            }
        }

        Count("谋划实施项目", reported.Planned, corrected.Planned, "个");
        Amount("总投资", reported.TotalInvestment, corrected.TotalInvestment);
        Amount("年度计划投资", reported.AnnualPlan, corrected.AnnualPlan);
        Count("已开工项目", reported.Started, corrected.Started, "个");
        Count("复工项目", reported.Resumed, corrected.Resumed, "个");
        Count("新开工项目", reported.NewlyStarted, corrected.NewlyStarted, "个");
        Amount("完成投资", reported.CompletedInvestment, corrected.CompletedInvestment);
        if (reported.CompletionRate?.Rounded != corrected.CompletionRate?.Rounded)
        {
            changes.Add($"投资完成率{ChineseFormat.Percent(corrected.CompletionRate)}（原报{ChineseFormat.Percent(reported.CompletionRate)}）");
        }

        return changes.Count == 0
            ? null
            : $"更正说明：{period.Year}年{period.Month}月已关账，以上为原报数据。经更正，{string.Join("，", changes)}。";
    }

    /// <summary>The opening paragraph alone (the cockpit's lead), as <see cref="Write"/> writes it.</summary>
    public static string Overview(BriefingInput input)
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
            text.Append(Invariant($"完成投资{f.CompletedInvestment}"));
            if (input.Targets?.Growth.Phrase() is { } growth)
            {
                text.Append('，').Append(growth);
            }

            text.Append(Invariant($"，占年度计划的{P(f.CompletionRate)}"));
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

    /// <summary>
    /// Seed 004's forward paragraph with where things stand: "高新区今年的目标是：在21个续建项目100%复工的基础上，推动
    /// 新开工项目达到26个，开工率达到59%，完成投资8.1亿元，增速达到11%。目前新开工23个，完成目标的88.5%；开工率52.3%；…。"
    /// A resume-rate target already met is the base the rest builds on; one not met is a goal like the others.
    /// </summary>
    public static string? TargetsParagraph(BriefingInput input, Targets.TargetStanding standing)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.Targets is not { IsEmpty: false } t)
        {
            return null;
        }

        var f = input.Figures;
        var against = standing.Against.ToDictionary(a => a.Key, StringComparer.Ordinal);
        var resumeMet = t.ResumeRate is { } rr && f.ResumeRate is { } actualResume && actualResume.Rounded >= rr && f.Continuing > 0;
        var goals = new List<string>();
        if (t.NewStarts is { } n)
        {
            goals.Add(Invariant($"新开工项目达到{n}个"));
        }

        if (t.StartRate is { } s)
        {
            goals.Add("开工率达到" + ChineseFormat.Trim(s) + "%");
        }

        if (t.ResumeRate is { } r && !resumeMet)
        {
            goals.Add("复工率达到" + ChineseFormat.Trim(r) + "%");
        }

        if (t.CompletedInvestment is { } c)
        {
            goals.Add("完成投资" + new Money(c));
        }

        if (t.Growth is { } g)
        {
            goals.Add("增速达到" + ChineseFormat.Trim(g) + "%");
        }

        var text = new StringBuilder(Invariant($"{input.ShortName ?? input.ScopeName}{ThisYear(input)}的目标是："));
        if (resumeMet)
        {
            text.Append(Invariant($"在{f.Continuing}个续建项目{P(f.ResumeRate)}复工的基础上，"));
        }

        text.Append(goals.Count > 0 ? "推动" + string.Join("，", goals) : "保持续建项目全部复工").Append('。');

        string Share(string key) => against.TryGetValue(key, out var a) && a.Rate is { } rate ? "，完成目标的" + P(rate) : "";
        var stands = new List<string>();
        if (t.NewStarts is not null)
        {
            stands.Add(Invariant($"新开工{f.NewlyStarted}个") + Share(Keystone.Core.Targets.TargetsEngine.NewStarts));
        }

        if (t.StartRate is not null)
        {
            stands.Add("开工率" + P(f.StartRate));
        }

        if (t.ResumeRate is not null && !resumeMet)
        {
            stands.Add("复工率" + P(f.ResumeRate));
        }

        if (t.CompletedInvestment is not null && f.Reported > 0)
        {
            stands.Add(Invariant($"完成投资{f.CompletedInvestment}") + Share(Keystone.Core.Targets.TargetsEngine.CompletedInvestment));
        }

        if (t.Growth is not null)
        {
            stands.Add("增速" + (standing.Growth.Growth is { } growth ? P(growth) : "暂无上年同期数据"));
        }

        if (stands.Count > 0)
        {
            text.Append(Now(input)).Append(string.Join("；", stands)).Append('。');
        }

        return text.ToString();
    }

    /// <summary>How many projects of a group the per-list narrative describes before the rest are named together.</summary>
    public const int ListProgressNamed = 10;

    /// <summary>
    /// Seed 004's enumeration under a key list: "续建的5个项目中，A项目正在进行二期生产设备安装调试；B项目…。新开工的4个项目中，…。"
    /// Each started project with its latest image progress; those that reported none are named together as
    /// "C、D等项目正有序推进", as the article does. Null when none of the list has started.
    /// </summary>
    public static string? ListProgress(IReadOnlyList<ListProject> projects, ProjectLevels level)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var text = new StringBuilder();
        foreach (var (nature, head) in new[] { (Plans.Nature.Continuing, "续建"), (Plans.Nature.New, "新开工") })
        {
            var group = projects.Where(p => p.Levels.HasFlag(level) && p.Nature == nature).ToList();
            if (!InCodeOrder(group))
            {
                group = group.OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
            }

            if (group.Count == 0)
            {
                continue;
            }

            var described = group.Where(p => Clean(p.Progress) is { Length: > 0 }).Take(ListProgressNamed).ToList();
            var parts = described.Select(p => p.Name + Clean(p.Progress)).ToList();
            var named = described.ToHashSet(ReferenceEqualityComparer.Instance);
            var rest = group.Where(p => !named.Contains(p)).ToList();
            if (rest.Count == 1)
            {
                parts.Add(rest[0].Name + "正有序推进");
            }
            else if (rest.Count > 1)
            {
                var names = string.Join("、", rest.Take(5).Select(p => p.Name.EndsWith("项目", StringComparison.Ordinal) && p.Name.Length > 2 ? p.Name[..^2] : p.Name));
                parts.Add(rest.Count > 5 ? Invariant($"{names}等{rest.Count}个项目正有序推进") : names + "等项目正有序推进");
            }

            text.Append(Invariant($"{head}的{group.Count}个项目中，")).Append(string.Join("；", parts)).Append('。');
        }

        return text.Length == 0 ? null : text.ToString();
    }

    /// <summary>Whether the projects are in code order already (as the desk lists them): a province's are not sorted twice.</summary>
    private static bool InCodeOrder(List<ListProject> projects)
    {
        for (var i = 1; i < projects.Count; i++)
        {
            if (string.CompareOrdinal(projects[i - 1].Code, projects[i].Code) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A report's progress text as a clause: no trailing full stop or semicolon, no line breaks.</summary>
    private static string? Clean(string? progress) =>
        progress?.ReplaceLineEndings("").Trim().TrimEnd('。', '；', ';', '，', ',', '.').Trim();

    private static string KeyList(BriefingInput input, string level, ScopeFigures f) =>
        Invariant($"{ThisYear(input)}，{input.ShortName ?? input.ScopeName}推进实施的{level}重点工程项目{f.Planned}个，")
        + Invariant($"总投资{f.TotalInvestment}，年度计划投资{f.AnnualPlan}。{Now(input)}，已开工项目{f.Started}个。")
        + Invariant($"其中，续建项目{f.Resumed}个，新开工项目{f.NewlyStarted}个。");

    private static string Rankings(BriefingInput input)
    {
        var text = new StringBuilder(input.ScopeKind switch
        {
            OrgUnitKind.Nation => "分省份看，",
            OrgUnitKind.Province => "分地区看，",
            _ => "分县区和开发区看，",
        });
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

    /// <summary>
    /// "3月15日，全区共有10个重点项目（包括5个产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元。"
    /// A recorded event with a title says it was held, and where its main venue was, as seed 004 prints 古县's: "3月18日，
    /// 古县“冬季行动”冲刺暨2024年全县重点项目集中开复工仪式举行，…项目现场作为主会场。此次活动，全区共有10个…"; an event
    /// held by a unit below the scope is that unit's ("古县经济技术开发区举行…。此次活动，古县经济技术开发区共有…"), never 全市's.
    /// </summary>
    private static string ConcurrentStarts(BriefingInput input) => string.Concat(input.ConcurrentStarts.Select(g =>
    {
        var categories = g.ByCategory.Count == 1
            ? "均为" + CategoryWords(g.ByCategory[0].Category)
            : "包括" + string.Join("、", g.ByCategory.Select(c => Invariant($"{c.Count}个{CategoryWords(c.Category)}")));
        var day = g.Date.Year == input.AsOf.Year ? Invariant($"{g.Date.Month}月{g.Date.Day}日") : ChineseFormat.Date(g.Date);
        var who = g.HeldBy ?? Whole(input);
        var venue = g.MainVenue is { } main ? $"{main}现场作为主会场" : g.Place is { } place ? $"主会场设在{place}" : null;
        var starts = Invariant($"{who}共有{g.Count}个重点项目（{categories}）集中开复工，总投资{g.TotalInvestment}，年度计划投资{g.AnnualPlan}。");
        if (g.Title is { } title)
        {
            var held = g.HeldBy is { } unit ? $"{unit}举行{title}" : $"{title}举行";
            return $"{day}，{held}{(venue is null ? "" : "，" + venue)}。此次活动，{starts}";
        }

        return venue is null ? $"{day}，{starts}" : $"{day}，{venue}，{starts}";
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

    /// <summary>How many overdue problems a briefing names before "等N个".</summary>
    public const int ProblemsNamed = 10;

    /// <summary>
    /// "问题督办方面，今年以来全区共收集企业诉求和调研交办事项5个，已办结2个，办结率40%，满意率100%；目前未办结3个，
    /// 其中逾期1个，已提级至阳泉市督办，发出督办单1份。逾期问题：A项目“…”（自然资源分局，限4月3日前办结，已逾期5个工作日）。"
    /// </summary>
    private static string Problems(BriefingInput input, ProblemSummary p)
    {
        var text = new StringBuilder("问题督办方面，");
        if (p.Raised > 0)
        {
            text.Append(input.Year == input.AsOf.Year ? "今年以来" : Invariant($"{input.Year}年"))
                .Append(Invariant($"{Whole(input)}共收集企业诉求和{(p.Decisions > 0 ? "调研、会议" : "调研")}交办事项{p.Raised}个"));
            var tracked = new List<string>();
            if (p.Instructions > 0)
            {
                tracked.Add(Invariant($"调研交办事项{p.Instructions}项，已办结{p.InstructionsClosed}项"));
            }

            if (p.Decisions > 0)
            {
                tracked.Add(Invariant($"会议交办事项{p.Decisions}项，已办结{p.DecisionsClosed}项"));
            }

            if (tracked.Count > 0)
            {
                text.Append("（其中" + string.Join("；", tracked) + "）");
            }

            text.Append(Invariant($"，已办结{p.Closed}个，办结率{P(p.ClosureRate)}"));
            if (p.SatisfactionRate is { } satisfied)
            {
                text.Append("，满意率" + P(satisfied));
            }

            text.Append('；');
        }

        text.Append(Invariant($"{Now(input)}未办结{p.Open}个"));
        if (p.Overdue == 0)
        {
            return text.Append("，无逾期问题。").ToString();
        }

        text.Append(Invariant($"，其中逾期{p.Overdue}个"));
        var escalated = p.OverdueProblems.Where(o => o.Standing.EscalatedTo is not null)
            .GroupBy(o => o.Standing.EscalatedTo!.Name, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (escalated.Count > 0)
        {
            text.Append("，已提级至")
                .Append(string.Join("、", escalated.Select(g => g.Count() == p.Overdue ? g.Key : Invariant($"{g.Key}（{g.Count()}个）"))))
                .Append("督办");
        }

        if (p.Notices > 0)
        {
            text.Append(Invariant($"，发出督办单{p.Notices}份"));
        }

        var named = p.OverdueProblems.Take(ProblemsNamed).Select(o =>
        {
            var s = o.Standing;
            var due = s.Late == Lateness.Routing
                ? $"尚未交办，应于{Day(input, s.DueBy)}前交办"
                : $"{s.Department}，限{Day(input, s.DueBy)}前办结";
            return Invariant($"{o.Row.Subject}“{o.Row.Title}”（{due}，已逾期{s.OverdueDays}个工作日）");
        });
        var rest = p.Overdue > ProblemsNamed ? Invariant($"等{p.Overdue}个问题") : "";
        return text.Append("。逾期问题：").Append(string.Join("；", named)).Append(rest).Append('。').ToString();
    }

    /// <summary>The clauses of the 要素保障 paragraph, each only when it has something to say.</summary>
    private static List<string> FactorParts(FactorFigures f)
    {
        var parts = new List<string>();
        if (f.LandGapProjects > 0)
        {
            var stages = new List<string>();
            if (f.LandFiling > 0)
            {
                stages.Add(Invariant($"组卷报批{f.LandFiling}个"));
            }

            if (f.LandApproved > 0)
            {
                stages.Add(Invariant($"已批复待供地{f.LandApproved}个"));
            }

            parts.Add(Invariant($"{f.LandGapProjects}个项目存在用地缺口，共{FactorGaps.Mu(f.LandGapMu)}") + (stages.Count > 0 ? $"（{string.Join("、", stages)}）" : ""));
        }

        if (f.EnergyGapTce > 0)
        {
            parts.Add(Invariant($"能耗指标缺口{FactorGaps.Tonnes(f.EnergyGapTce, "标准煤")}（{f.EnergyGapProjects}个项目）"));
        }

        if (f.FundsApplied > Money.Zero)
        {
            parts.Add(Invariant($"各类资金申请{f.FundsApplied}，已批复{f.FundsApproved}，到位{f.FundsReceived}，资金到位率{P(f.FundsInPlaceRate)}"));
        }

        if (f.EmissionGaps.Count > 0)
        {
            parts.Add("排放指标缺口" + string.Join("、", f.EmissionGaps.Select(e => e.Pollutant + FactorGaps.Tonnes(e.Gap, ""))));
        }

        var a = f.Approvals;
        if (a.Items > 0)
        {
            var approvals = Invariant($"前期手续{a.Items}项，已办结{a.Approved}项，在办{a.InProgress}项");
            if (a.NotStarted > 0)
            {
                approvals += Invariant($"，未启动{a.NotStarted}项");
            }

            var modes = new[] { (a.Parallel, "并联审批"), (a.AcceptedWithGaps, "容缺受理"), (a.Commitment, "承诺制办理"), (a.Agency, "全代办") }
                .Where(m => m.Item1 > 0)
                .Select(m => Invariant($"{m.Item2}{m.Item1}项"))
                .ToList();
            if (modes.Count > 0)
            {
                approvals += "，其中" + string.Join("、", modes);
            }

            parts.Add(approvals);
        }

        if (a.ObligationsOpen > 0)
        {
            parts.Add(Invariant($"容缺受理和承诺制待履行事项{a.ObligationsOpen}项") + (a.ObligationsOverdue > 0 ? Invariant($"，其中逾期{a.ObligationsOverdue}项") : ""));
        }

        if (a.AverageDaysLandToStart is { } days)
        {
            parts.Add(Invariant($"从拿地到开工平均{ChineseFormat.Trim(days)}天") + (a.StartedOnLandDay > 0 ? Invariant($"，{a.StartedOnLandDay}个项目实现拿地即开工") : ""));
        }

        return parts;
    }

    /// <summary>"4月3日" within the briefing's year, else the full date.</summary>
    private static string Day(BriefingInput input, DateOnly date) =>
        date.Year == input.AsOf.Year ? Invariant($"{date.Month}月{date.Day}日") : ChineseFormat.Date(date);

    /// <summary>Seed 004 writes 基础设施建设项目 where the vocabulary says 基础设施类.</summary>
    private static string CategoryWords(ProjectCategory category) => category switch
    {
        ProjectCategory.Industrial => "产业类项目",
        ProjectCategory.Infrastructure => "基础设施建设项目",
        ProjectCategory.Livelihood => "民生类项目",
        ProjectCategory.Other => "其他项目",
    };

    /// <summary>全区 in a zone (seed 004), 全县 in a county, 全市 in a city, 全国 for the nation.</summary>
    private static string Whole(BriefingInput input) => input.ScopeKind switch
    {
        OrgUnitKind.Nation => "全国",
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
