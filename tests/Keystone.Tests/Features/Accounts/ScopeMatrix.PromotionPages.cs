using System.Globalization;
using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The promotion desk's pages in the matrix: a lead's page and its forms (each step on a demo lead of its own,
/// so the API's steps on theirs leave these acceptable: halt then resume on the same lead, in that order),
/// and the library and chain-map forms, all aimed at the home zone's records.
/// </summary>
public sealed partial class ScopeMatrix
{
    /// <summary>The demo lead each lead-page form acts on ("" for the page itself).</summary>
    private static readonly Dictionary<string, string> LeadPageFor = new()
    {
        [""] = "中信重工高端特种金属材料项目",
        ["follow-up"] = "新能源数字化仓储物流园项目",
        ["stage"] = "中信重工高端特种金属材料项目",
        ["halt"] = "储能电池梯次利用项目",
        ["resume"] = "储能电池梯次利用项目",
        ["project"] = "国电投阳泉绿电交通示范项目",
    };

    private readonly Dictionary<string, int> promotionPageIds = [];

    private async Task PromotionPageIdsAsync(AppDbContext db)
    {
        var leads = await db.Leads.AsNoTracking().Where(l => l.OrgUnitId == homeUnitId).Select(l => new { l.Id, l.Name }).ToListAsync();
        foreach (var (form, name) in LeadPageFor)
        {
            promotionPageIds["lead:" + form] = leads.Single(l => l.Name == name).Id;
        }

        // The API turns the first free target into a lead; the page the last.
        promotionPageIds["target"] = await db.PromotionTargets.Where(t => t.OrgUnitId == homeUnitId && t.LeadId == null).OrderByDescending(t => t.Id).Select(t => t.Id).FirstAsync();
        promotionPageIds["investor"] = await db.KeyInvestors.Where(i => i.OrgUnitId == homeUnitId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        promotionPageIds["chain"] = await db.PromotionChains.Where(c => c.OrgUnitId == homeUnitId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    private string PageId(string key) => promotionPageIds[key].ToString(CultureInfo.InvariantCulture);

    private string? PromotionPageLead(MatrixRoute route) =>
        route.Template.StartsWith("/promotion/leads/", StringComparison.Ordinal) ? PageId("lead:" + (route.Form ?? "")) : null;

    /// <summary>The library pages' forms post to the home zone's page (an outsider's is then not found).</summary>
    private List<KeyValuePair<string, string>>? PromotionPageQuery(MatrixRoute route) => route.Template.StartsWith("/promotion/", StringComparison.Ordinal) && !route.Template.StartsWith("/promotion/leads/", StringComparison.Ordinal)
        ? route.Form == "investor-edit" ? [new("scope", HomeUnit), new("edit", PageId("investor"))] : [new("scope", HomeUnit)]
        : null;

    /// <summary>Bodies for the API routes the pages added (an investor's edit, a chain's links and enterprises).</summary>
    private static object? PromotionPageApiBody(MatrixRoute route, int index) => route.Key switch
    {
        "PUT /api/promotion/investors/{id}" => new { name = "郝贵荣", firm = "日昌新材料山西有限责任公司", title = $"矩阵职务{index}" },
        "POST /api/promotion/chains/{id}/links" => new { name = $"矩阵环节{index}", segment = "下游" },
        "POST /api/promotion/chains/{id}/members" => new { link = "芯片", name = $"矩阵链上企业{index}", chainLeader = false },
        _ => null,
    };

    private (string, string)[] PromotionPageFields(string? form) => form switch
    {
        "follow-up" => [("on", "2024-04-10"), ("method", "phone"), ("who", "矩阵"), ("what", "矩阵页面跟进")],
        "stage" => [("stage", "signed"), ("on", "2024-04-10"), ("contractAmount", "86881"), ("contractTerms", "矩阵页面合同条款")],
        "halt" => [("state", "shelved"), ("on", "2024-04-10"), ("reason", "矩阵页面搁置原因")],
        "resume" => [("on", "2024-04-10")],
        "project" => [("code", "MX-ZS-PAGE")],
        "target-add" => [("name", "矩阵页面目标企业"), ("chain", "第三代半导体"), ("link", "装备")],
        "target-lead" => [("target", PageId("target")), ("project-" + PageId("target"), "矩阵页面目标项目"), ("channel-" + PageId("target"), "industry")],
        "investor-add" => [("name", "矩阵页面客商"), ("on", "2024-04-10"), ("outcome", "矩阵页面联系结果")],
        "investor-edit" => [("name", "郝贵荣"), ("firm", "日昌新材料山西有限责任公司"), ("title", "董事长"), ("on", "2024-04-10"), ("outcome", "矩阵页面联系结果")],
        "chain-add" => [("name", "矩阵页面产业链"), ("leader", "矩阵链长")],
        "link-add" => [("chain", PageId("chain")), ("name", "矩阵页面环节"), ("segment", "downstream")],
        "member-add" => [("chain", PageId("chain")), ("link", "装备"), ("name", "矩阵页面链上企业"), ("chainLeader", "true")],
        _ => [],
    };
}
