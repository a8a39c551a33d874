using Keystone.Core.Campaigns;
using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// The demo's campaign and concurrent start. 阳泉高新区's 项目前期手续办理“百日攻坚” (seed 004: "以项目前期手续办理‘百日攻坚’为
/// 契机…推动冀东水泥分布式光伏发电、钠电储能集成生产车间、智慧信创教育产品、华越八达智能电气装备等项目陆续开工建设"): the four
/// projects the article names, each to start, and approvals of the zone's checklists. Its days (18 March to 25 June
/// 2024, a hundred days) are invented so that it runs on the demo's day; so are the deadlines. And 古县经济技术开发区's
/// “冬季行动”冲刺暨2024年全县重点项目集中开复工仪式 (seed 004) on 18 March 2024, the day the ledger's ten projects
/// started, with 山西宏源's project as the main venue (主会场).
/// </summary>
public static class CampaignsDemo
{
    public const string Zone = "阳泉高新区";
    public const string Guxian = "古县经济技术开发区";
    public const string CampaignName = "项目前期手续办理“百日攻坚”";
    public const string CeremonyTitle = "古县“冬季行动”冲刺暨2024年全县重点项目集中开复工仪式";

    /// <summary>山西宏源清洁能源有限公司二氧化碳捕集制低碳甲醇联产LNG项目: the ceremony's main venue.</summary>
    public const string MainVenue = "2404-141025-04-01-771204";

    public static readonly DateOnly CeremonyDay = new(2024, 3, 18);

    public static async Task LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var tree = await db.LoadTreeAsync(ct);
        if (await db.Campaigns.AnyAsync(ct) || await db.StartEvents.AnyAsync(ct))
        {
            return;
        }

        if (tree.All.FirstOrDefault(u => u.Name == Zone && u.Kind == OrgUnitKind.Zone) is { } zone)
        {
            await CampaignAsync(db, zone, ct);
        }

        if (tree.All.FirstOrDefault(u => u.Name == Guxian) is { } guxian)
        {
            await CeremonyAsync(db, guxian, ct);
        }
    }

    private static DateOnly D(int month, int day) => new(2024, month, day);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    private static async Task CampaignAsync(AppDbContext db, OrgUnitInfo zone, CancellationToken ct)
    {
        var projects = await db.Projects.Where(p => p.OrgUnitId == zone.Id).ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var campaign = new Campaign(
            zone.Id, CampaignName, D(3, 18), D(6, 25),
            "全面发挥“全代办”队伍作用，推动冀东水泥分布式光伏发电、钠电储能集成生产车间、智慧信创教育产品、华越八达智能电气装备等项目陆续开工建设",
            new CampaignTargets { Starts = 4, Approvals = 4 }, "demo-zone", At(D(3, 18)));
        var added = At(D(3, 18));
        void Task(string code, CampaignTaskKind kind, string? reference, DateOnly due)
        {
            if (projects.TryGetValue(code, out var id))
            {
                campaign.AddTask(id, kind, reference, due, null, added);
            }
        }

        // 冀东水泥分布式光伏发电, 钠电储能集成生产车间, 智慧信创教育产品, 华越八达智能电气装备: to start within the hundred days.
        Task("YQGX-2024-024", CampaignTaskKind.Start, null, D(6, 25));
        Task("YQGX-2024-025", CampaignTaskKind.Start, null, D(4, 15));
        Task("YQGX-2024-026", CampaignTaskKind.Start, null, D(5, 31));
        Task("YQGX-2024-027", CampaignTaskKind.Start, null, D(6, 25));

        // 钠电储能's construction permit is not on any checklist yet: overdue on the demo's day.
        Task("YQGX-2024-025", CampaignTaskKind.Approval, "施工许可", D(3, 29));

        // “源网荷储”一体化示范（一期）: its land pre-approval and reviews applied for in parallel on 15 March.
        Task("YQGX-2024-008", CampaignTaskKind.Approval, "用地预审与选址", D(4, 30));
        Task("YQGX-2024-008", CampaignTaskKind.Approval, "环评", D(5, 31));

        // 百度云计算's construction permit, approved under 容缺受理 on 1 February.
        Task("YQGX-2024-006", CampaignTaskKind.Approval, "施工许可", D(4, 30));
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
    }

    private static async Task CeremonyAsync(AppDbContext db, OrgUnitInfo guxian, CancellationToken ct)
    {
        var started = await db.AnnualPlans.Where(a => a.Year == 2024 && a.StartDate == CeremonyDay && a.Project!.OrgUnitId == guxian.Id)
            .Select(a => new { a.ProjectId, a.Project!.Code }).ToListAsync(ct);
        if (started.Count == 0)
        {
            return;
        }

        var ceremony = new StartEvent(guxian.Id, CeremonyDay, CeremonyTitle, "古县经济技术开发区", "demo-province", At(CeremonyDay));
        ceremony.SetProjects(started.OrderBy(s => s.ProjectId).Select(s => s.ProjectId).ToList(), started.FirstOrDefault(s => s.Code == MainVenue)?.ProjectId);
        db.StartEvents.Add(ceremony);
        await db.SaveChangesAsync(ct);
    }
}
