namespace Keystone.Features.Promotion;

/// <summary>
/// A chain map as an ECharts graph (drawn by js/charts.js): the links in a row from upstream to downstream,
/// arrows between them, the enterprises present under each (链主 starred), and under a gap — drawn red — the
/// targets and leads that would fill it, dashed.
/// </summary>
public static class ChainChart
{
    private const string Red = "#c81e1e";

    public static string Segment(string segment, bool english) => segment switch
    {
        "upstream" => english ? "upstream" : "上游",
        "midstream" => english ? "midstream" : "中游",
        _ => english ? "downstream" : "下游",
    };

    /// <summary>Room for the tallest column: the link, then one row per enterprise, target or lead under it.</summary>
    public static int Height(ChainDto chain) =>
        140 + 56 * Math.Max(1, chain.Links.Select(k => k.Members.Count + k.Targets.Count + k.Leads.Count).DefaultIfEmpty(1).Max());

    public static object Option(ChainDto chain, bool english)
    {
        var nodes = new List<object>();
        var edges = new List<object>();
        for (var i = 0; i < chain.Links.Count; i++)
        {
            var link = chain.Links[i];
            var x = i * 200;
            var linkIndex = nodes.Count;
            nodes.Add(new
            {
                name = link.Name,
                x,
                y = 0,
                symbol = "roundRect",
                symbolSize = new[] { 120, 44 },
                itemStyle = new { color = link.Gap ? Red : "#1d4ed8" },
                label = new { show = true, color = "#fff", fontWeight = "bold", formatter = link.Name + "\n" + Segment(link.Segment, english) + (link.Gap ? (english ? " · gap" : " · 缺链") : "") },
            });
            if (i > 0)
            {
                edges.Add(new { source = linkIndex - 1 - Below(chain.Links[i - 1]), target = linkIndex, symbol = new[] { "none", "arrow" }, lineStyle = new { width = 2, color = "#6b7280" } });
            }

            var row = 1;
            foreach (var m in link.Members)
            {
                edges.Add(new { source = linkIndex, target = nodes.Count, lineStyle = new { color = "#9ca3af" } });
                nodes.Add(Leaf((m.ChainLeader ? "★ " : "") + m.Name + (m.ChainLeader ? (english ? " (chain leader)" : "（链主）") : ""), x, row++, m.ChainLeader ? "#b45309" : "#374151", false));
            }

            foreach (var t in link.Targets)
            {
                edges.Add(new { source = linkIndex, target = nodes.Count, lineStyle = new { color = Red, type = "dashed" } });
                nodes.Add(Leaf((english ? "Target: " : "目标：") + t, x, row++, Red, true));
            }

            foreach (var l in link.Leads)
            {
                edges.Add(new { source = linkIndex, target = nodes.Count, lineStyle = new { color = Red, type = "dashed" } });
                nodes.Add(Leaf((english ? "Lead: " : "线索：") + l.Name, x, row++, Red, true));
            }
        }

        return new
        {
            tooltip = new { show = false },
            series = new[]
            {
                new
                {
                    type = "graph",
                    layout = "none",
                    roam = false,
                    top = 40,
                    bottom = 40,
                    left = 80,
                    right = 80,
                    data = nodes,
                    links = edges,
                    lineStyle = new { opacity = 0.9 },
                },
            },
        };
    }

    private static int Below(ChainLinkDto link) => link.Members.Count + link.Targets.Count + link.Leads.Count;

    private static object Leaf(string text, int x, int row, string color, bool dashed) => new
    {
        name = text,
        x,
        y = row * 60,
        symbol = "rect",
        symbolSize = new[] { 150, 30 },
        itemStyle = new { color = "#fff", borderColor = color, borderWidth = 1.5, borderType = dashed ? "dashed" : "solid" },
        label = new { show = true, color, fontSize = 11, width = 140, overflow = "truncate" },
    };
}
