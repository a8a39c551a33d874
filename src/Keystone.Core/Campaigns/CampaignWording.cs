using System.Globalization;
using System.Text;

namespace Keystone.Core.Campaigns;

/// <summary>
/// The briefing's campaign paragraph (docs/domain.md "Campaigns"): while a campaign runs, where it stands; once it
/// has ended, its closing summary. A campaign of a unit below the briefing's scope is named with its unit.
/// </summary>
public static class CampaignWording
{
    /// <summary>How many unmet tasks a paragraph names before "等N项".</summary>
    public const int UnmetNamed = 10;

    /// <summary>
    /// Running: "项目前期手续办理“百日攻坚”（4月1日至7月9日）开展以来，纳入行动的5个项目共6项任务，已完成2项，完成率33.3%；
    /// 其中开工1个（目标4个，完成目标的25%），手续办结1项。逾期未完成1项：A（应于4月30日前开工，已逾期10天）。"
    /// Ended: "…（4月1日至7月9日）已结束，纳入行动的5个项目共6项任务，按期完成3项，逾期完成1项，未完成2项，完成率66.7%；其中…。
    /// 未完成：A（…）、B（…）。"
    /// </summary>
    public static string Paragraph(CampaignProgress p, string? heldBy)
    {
        ArgumentNullException.ThrowIfNull(p);
        var c = p.Campaign;
        var text = new StringBuilder(heldBy ?? "").Append(c.Name)
            .Append(Invariant($"（{CampaignEngine.Day(c.StartsOn, p.AsOf)}至{CampaignEngine.Day(c.EndsOn, p.AsOf)}）"));
        var ended = p.Phase == CampaignPhase.Ended;
        text.Append(ended ? "已结束，" : "开展以来，");
        if (p.Tasks == 0)
        {
            return text.Append("尚未列入项目。").ToString();
        }

        text.Append(Invariant($"纳入行动的{p.Projects}个项目共{p.Tasks}项任务，"));
        text.Append(ended
            ? Invariant($"按期完成{p.MetOnTime}项，逾期完成{p.MetLate}项，未完成{p.Open}项")
            : Invariant($"已完成{p.Met}项"));
        text.Append("，完成率").Append(ChineseFormat.Percent(p.Rate));

        var kinds = new List<string>();
        foreach (var (kind, key, word, measure) in new[]
        {
            (CampaignTaskKind.Start, CampaignEngine.Starts, "开工", "个"),
            (CampaignTaskKind.Approval, CampaignEngine.Approvals, "手续办结", "项"),
            (CampaignTaskKind.Node, CampaignEngine.Nodes, "节点完成", "个"),
        })
        {
            var target = p.Against.FirstOrDefault(a => a.Key == key);
            if (p.TasksOf(kind) == 0 && target is null)
            {
                continue;
            }

            var part = Invariant($"{word}{p.MetOf(kind)}{measure}");
            if (target is not null)
            {
                part += Invariant($"（目标{ChineseFormat.Trim(target.Target)}{measure}") + (target.Rate is { } rate ? "，完成目标的" + ChineseFormat.Percent(rate) : "") + "）";
            }

            kinds.Add(part);
        }

        if (kinds.Count > 0)
        {
            text.Append("；其中").Append(string.Join("，", kinds));
        }

        text.Append('。');
        var unmet = p.ProjectProgress.SelectMany(x => x.Items).Where(i => ended ? !i.Met : i.Overdue)
            .OrderBy(i => i.Task.DueBy).ThenBy(i => i.Task.Code, StringComparer.Ordinal).ToList();
        if (unmet.Count > 0)
        {
            var named = unmet.Take(UnmetNamed).Select(i => Invariant($"{i.Task.ProjectName}（{i.Reason.Zh}）"));
            text.Append(ended ? "未完成：" : Invariant($"逾期未完成{unmet.Count}项："))
                .Append(string.Join("、", named))
                .Append(unmet.Count > UnmetNamed ? Invariant($"等{unmet.Count}项") : "")
                .Append('。');
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
