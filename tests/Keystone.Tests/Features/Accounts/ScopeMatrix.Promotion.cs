using System.Globalization;
using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The promotion desk's part of the matrix: the home zone's leads, targets and key investors each route acts on
/// (each state-changing step its own, as the demo holds them), their bodies, their tables in the fingerprint and
/// their names and investors as markers of the home zone's facts.
/// </summary>
public sealed partial class ScopeMatrix
{
    /// <summary>The demo lead each lead route acts on, by the route's action ("" for the lead itself).</summary>
    private static readonly Dictionary<string, string> LeadFor = new()
    {
        [""] = "中信重工高端特种金属材料项目",
        ["stage"] = "功率器件封装测试项目",
        ["halt"] = "赛迪·中化科创产业园项目",
        ["resume"] = "氢燃料电池重卡项目",
        ["follow-ups"] = "新能源数字化仓储物流园项目",
        ["project"] = "碳化硅衬底材料项目",
    };

    private readonly Dictionary<string, int> promotionIds = [];

    private IEnumerable<(string Table, string Where)> PromotionTables()
    {
        var units = $"\"OrgUnitId\" IN ({unitIds})";
        return
        [
            ("leads", units),
            ("lead_follow_ups", $"\"LeadId\" IN (SELECT \"Id\" FROM \"leads\" WHERE {units})"),
            ("promotion_tasks", units),
            ("promotion_targets", units),
            ("key_investors", units),
            ("promotion_chains", units),
            ("promotion_chain_links", $"\"ChainId\" IN (SELECT \"Id\" FROM \"promotion_chains\" WHERE {units})"),
            ("promotion_chain_members", $"\"LinkId\" IN (SELECT \"l\".\"Id\" FROM \"promotion_chain_links\" \"l\" JOIN \"promotion_chains\" \"c\" ON \"c\".\"Id\" = \"l\".\"ChainId\" WHERE \"c\".{units})"),
        ];
    }

    /// <summary>The home zone's leads (names, investors), targets and investors as markers; their ids for the routes.</summary>
    private async Task<IEnumerable<Marker>> PromotionMarkersAsync(AppDbContext db)
    {
        var leads = await db.Leads.AsNoTracking().Where(l => l.OrgUnitId == homeUnitId).Select(l => new { l.Id, l.Name, l.Investor }).ToListAsync();
        foreach (var (action, name) in LeadFor)
        {
            promotionIds["lead:" + action] = leads.Single(l => l.Name == name).Id;
        }

        promotionIds["target"] = await db.PromotionTargets.Where(t => t.OrgUnitId == homeUnitId && t.LeadId == null).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        promotionIds["investor"] = await db.KeyInvestors.Where(i => i.OrgUnitId == homeUnitId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        var investors = await db.KeyInvestors.AsNoTracking().Where(i => i.OrgUnitId == homeUnitId).Select(i => i.Name).ToListAsync();
        return leads.SelectMany(l => new[] { new Marker("lead", l.Name), new Marker("lead investor", l.Investor) })
            .Concat(investors.Select(n => new Marker("key investor", n)));
    }

    private string? PromotionId(MatrixRoute route)
    {
        var t = route.Template;
        if (t.StartsWith("/api/leads/", StringComparison.Ordinal))
        {
            return promotionIds.TryGetValue("lead:" + route.Action, out var id) ? id.ToString(CultureInfo.InvariantCulture) : null;
        }

        var key = t.StartsWith("/api/promotion/targets/", StringComparison.Ordinal) ? "target"
            : t.StartsWith("/api/promotion/investors/", StringComparison.Ordinal) ? "investor"
            : null;
        return key is not null && promotionIds.TryGetValue(key, out var other) ? other.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A body the home zone's officer would have had accepted, naming the home zone where the route takes a unit.</summary>
    private static object? PromotionBody(MatrixRoute route, int index) => route.Key switch
    {
        "POST /api/leads" => new { unit = HomeUnit, name = $"矩阵线索{index}", investor = $"矩阵投资方{index}", channel = "产业招商", on = "2024-04-10" },
        "PUT /api/leads/{id}" => new { name = "中信重工高端特种金属材料项目", investor = "矩阵改写投资方", channel = "产业招商" },
        "POST /api/leads/{id}/stage" => new { stage = "考察", on = "2024-04-10" },
        "POST /api/leads/{id}/halt" => new { state = "搁置", on = "2024-04-10", reason = "矩阵搁置原因" },
        "POST /api/leads/{id}/resume" => new { on = "2024-04-10" },
        "POST /api/leads/{id}/follow-ups" => new { on = "2024-04-10", who = "矩阵", method = "电话", what = "矩阵跟进" },
        "POST /api/leads/{id}/project" => new { code = $"MX-ZS-{index:00}" },
        "PUT /api/promotion/tasks/{year}" => new { unit = HomeUnit, signedProjects = 21, signedAmount = 10000m, fundsInPlace = 5000m, landed = 3 },
        "POST /api/promotion/targets" => new { unit = HomeUnit, name = $"矩阵目标企业{index}", chain = "第三代半导体", link = "装备" },
        "POST /api/promotion/targets/{id}/lead" => new { project = $"矩阵目标项目{index}", channel = "产业招商", on = "2024-04-10" },
        "POST /api/promotion/investors" => new { unit = HomeUnit, name = $"矩阵客商{index}" },
        "POST /api/promotion/investors/{id}/contact" => new { on = "2024-04-10", outcome = "矩阵联系结果" },
        "POST /api/promotion/chains" => new { unit = HomeUnit, name = $"矩阵产业链{index}", links = new[] { new { name = "材料", segment = "上游", members = new[] { new { name = "矩阵链主企业", chainLeader = true } } } } },
        _ => null,
    };
}
