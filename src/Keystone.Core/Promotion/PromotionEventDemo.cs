using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Promotion;

/// <summary>
/// The demo's promotion events: 阳泉高新区's 2021-09-03 signing ceremony with 国电投 (seed 000), the province's
/// "投资中国" series in Copenhagen and Stuttgart with the 厚生新材料–库兹 signing ceremony it attended (seed 004),
/// and the zone's own 2024 events around the demo's leads (the names and places are the demo's own).
/// </summary>
public static class PromotionEventDemo
{
    public static async Task LoadAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var zone = await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == PromotionDemo.Zone, ct);
        if (zone is null || await db.PromotionEvents.AnyAsync(e => e.OrgUnitId == zone.Id, ct))
        {
            return;
        }

        var today = DeskDate.Today(clock);
        var leads = await db.Leads.Where(l => l.OrgUnitId == zone.Id).ToDictionaryAsync(l => l.Name, ct);
        void Add(int unit, DateOnly on, PromotionEventKind kind, string name, string place, string outcome, params string[] touched)
        {
            var e = new PromotionEvent(unit, new PromotionEventFacts { On = on, Kind = kind, Name = name, Place = place, Outcome = outcome }, "demo-zone", today);
            e.Touch(touched.Where(leads.ContainsKey).Select(n => leads[n]).ToList());
            db.PromotionEvents.Add(e);
        }

        Add(zone.Id, new(2021, 9, 3), PromotionEventKind.Signing, "国电投阳泉绿电交通示范项目签约仪式", "阳泉高新区",
            "与国电投上海启源芯动力科技有限公司签约，在换电重卡和储能业务方面开展合作，总投资15亿元", "国电投阳泉绿电交通示范项目");
        Add(zone.Id, new(2024, 1, 20), PromotionEventKind.Conference, "第三代半导体产业链招商推介会", "深圳",
            "推介蓝宝石—碳化硅产业链配套，对接封装、装备企业", "功率器件封装测试项目");
        Add(zone.Id, new(2024, 3, 18), PromotionEventKind.Signing, "碳化硅衬底材料项目签约仪式", "阳泉高新区管委会",
            "签约6英寸碳化硅衬底项目，总投资5亿元", "碳化硅衬底材料项目");
        Add(zone.Id, new(2024, 4, 2), PromotionEventKind.Trip, "赴洛阳中信重工总部招商对接", "河南洛阳",
            "对接投资协议文本，就用地与能耗指标达成一致", "中信重工高端特种金属材料项目");

        // Seed 004: the province's delegation at the "投资中国" series (4月2日至7日), where it attended a signing ceremony.
        if (await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == "山西省" && u.ParentId == null, ct) is { } province)
        {
            Add(province.Id, new(2024, 4, 2), PromotionEventKind.Conference, "“投资中国”系列活动丹麦、德国专场推介", "丹麦哥本哈根、德国斯图加特",
                "副省长率山西代表团参加；出席山西厚生新材料科技公司与德国库兹公司锂电池隔膜合作项目签约仪式");
        }

        await db.SaveChangesAsync(ct);
    }
}
