using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Promotion;

/// <summary>
/// The promotion desk of the demo (docs/domain.md "Investment promotion"): 阳泉高新区's 2024 task and leads from
/// the articles — the three signing targets seed 004 names (in negotiation, standing behind their plan entries,
/// so they are not lagging projects), 国电投's history from seed 000 (signed 2021-09-03, started 2021-12-29),
/// 康博特 brought by the sapphire 链主 (以商招商) — its 第三代半导体 chain "材料—装备—芯片—封装—应用" with its gaps,
/// and 安泽经济技术开发区's target-enterprise and key-investor libraries (seed 002). Names the articles do not
/// give (targets, investors, two 2024 signings) are the demo's own.
/// </summary>
public static class PromotionDemo
{
    public const string Zone = "阳泉高新区";
    public const string Anze = "安泽经济技术开发区";

    /// <summary>The plan entries seed 004 names as signing targets (重点推动…签约落地).</summary>
    public static readonly IReadOnlyList<string> SigningTargets = ["YQGX-2024-010", "YQGX-2024-011", "YQGX-2024-012"];

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static Dictionary<LeadStage, DateOnly> Passed(params (LeadStage Stage, DateOnly On)[] dates) => dates.ToDictionary(x => x.Stage, x => x.On);

    public static async Task LoadAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var zone = await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == Zone, ct);
        if (zone is null || await db.Leads.AnyAsync(l => l.OrgUnitId == zone.Id, ct))
        {
            return;
        }

        var today = DeskDate.Today(clock);
        var at = clock.GetUtcNow();
        var projects = await db.Projects.Where(p => p.OrgUnitId == zone.Id).Select(p => new { p.Id, p.Code }).ToDictionaryAsync(p => p.Code, p => p.Id, ct);

        db.PromotionTasks.Add(new PromotionTask(zone.Id, 2024, new PromotionTaskFigures(20, Money.FromYi(150m), Money.FromYi(50m), 12)));

        // Seed 004: the signing targets, in negotiation, each behind its plan entry.
        var citic = Lead(zone.Id, "中信重工高端特种金属材料项目", "中信重工机械股份有限公司", LeadChannel.Industry, "新材料", "材料", 86881m, "李建军", D(2023, 9, 12), today);
        Negotiate(citic, D(2023, 10, 8), D(2023, 11, 20), D(2024, 1, 16), today);
        citic.AddFollowUp(new FollowUpInput { On = D(2024, 4, 2), Who = "李建军", Method = FollowUpMethod.Visit, What = "赴洛阳总部对接投资协议文本，就用地与能耗指标达成一致", NextStep = "4月底前提交区党工委会审议协议" }, "demo-zone", at, today);
        var saidi = Lead(zone.Id, "赛迪·中化科创产业园项目", "中国电子信息产业发展研究院", LeadChannel.Company, "数字经济", null, 40855m, "王晓东", D(2023, 8, 1), today);
        Negotiate(saidi, D(2023, 8, 20), D(2023, 10, 12), D(2023, 12, 5), today);
        saidi.AddFollowUp(new FollowUpInput { On = D(2024, 2, 25), Who = "王晓东", Method = FollowUpMethod.Video, What = "视频洽谈园区运营模式与首批入驻企业", NextStep = "邀请赛迪团队来区实地考察" }, "demo-zone", at, today);
        var logistics = Lead(zone.Id, "新能源数字化仓储物流园项目", "山西新能源物流集团有限公司", LeadChannel.Intermediary, "新能源", null, 100887m, "赵鹏", D(2023, 7, 10), today);
        Negotiate(logistics, D(2023, 7, 28), D(2023, 9, 6), D(2023, 11, 15), today);
        logistics.AddFollowUp(new FollowUpInput { On = D(2024, 1, 30), Who = "赵鹏", Method = FollowUpMethod.Phone, What = "电话沟通仓储用地规划调整进度" }, "demo-zone", at, today);
        foreach (var (lead, code) in new[] { (citic, "YQGX-2024-010"), (saidi, "YQGX-2024-011"), (logistics, "YQGX-2024-012") })
        {
            if (projects.TryGetValue(code, out var id))
            {
                lead.LinkProject(id, existing: true);
            }
        }

        // Seed 000: 国电投阳泉绿电交通示范项目, signed 2021-09-03, started 2021-12-29, the first station built in three months.
        var spic = Lead(zone.Id, "国电投阳泉绿电交通示范项目", "国电投上海启源芯动力科技有限公司", LeadChannel.Industry, "新能源", "应用", 50000m, "投资合作部", D(2021, 5, 10), today);
        spic.Advance(new StageMove
        {
            Stage = LeadStage.Producing,
            On = D(2022, 4, 15),
            Passed = Passed((LeadStage.Contacted, D(2021, 5, 20)), (LeadStage.Visited, D(2021, 6, 15)), (LeadStage.Negotiating, D(2021, 7, 20)), (LeadStage.Signed, D(2021, 9, 3)), (LeadStage.Registered, D(2021, 10, 15)), (LeadStage.Started, D(2021, 12, 29))),
            ContractAmount = new Money(50000m),
            ContractTerms = "换电重卡和储能业务合作，建设新能源充换电站",
        }, today);

        // Its second phase, signed on the first one's success and started as the ledger records it (2024-04-08).
        var spic2 = Lead(zone.Id, "国电投阳泉绿电交通示范项目（二期）", "国电投上海启源芯动力科技有限公司", LeadChannel.Industry, "新能源", "应用", 99529m, "投资合作部", D(2023, 9, 5), today);
        spic2.Advance(new StageMove
        {
            Stage = LeadStage.Signed,
            On = D(2024, 1, 12),
            Passed = Passed((LeadStage.Contacted, D(2023, 9, 10)), (LeadStage.Visited, D(2023, 10, 18)), (LeadStage.Negotiating, D(2023, 11, 22))),
            ContractAmount = new Money(99529m),
            ContractTerms = "换电重卡示范线路及储能电站二期",
        }, today);
        if (projects.TryGetValue("YQGX-2024-009", out var spic2Project))
        {
            spic2.LinkProject(spic2Project, existing: true);
        }

        // Seed 004: 康博特, brought by the sapphire 链主 through the chain (以商招商); its project is the ledger's.
        var kbt = Lead(zone.Id, "康博特年产2000吨钼及钨合金新材料项目", "康博特阳泉新材料有限责任公司", LeadChannel.Business, "第三代半导体", "材料", 38205m, "投资合作部", D(2022, 3, 1), today, referrer: "日昌新材料山西有限责任公司");
        kbt.Advance(new StageMove
        {
            Stage = LeadStage.Registered,
            On = D(2022, 8, 18),
            Passed = Passed((LeadStage.Contacted, D(2022, 3, 10)), (LeadStage.Visited, D(2022, 4, 6)), (LeadStage.Negotiating, D(2022, 5, 12)), (LeadStage.Signed, D(2022, 7, 8))),
            ContractAmount = new Money(38205m),
            ContractTerms = "年产2000吨钼粉、钨粉及钨钼制品，为蓝宝石长晶配套钼屏、坩埚",
        }, today);
        if (projects.TryGetValue("YQGX-2024-013", out var kbtProject))
        {
            kbt.LinkProject(kbtProject, existing: true);
        }

        // Two signings of 2024 still waiting to start, and a lead no one has followed up.
        var sic = Lead(zone.Id, "碳化硅衬底材料项目", "晶源半导体材料有限公司", LeadChannel.Industry, "第三代半导体", "芯片", 50000m, "李建军", D(2023, 11, 2), today);
        sic.Advance(new StageMove
        {
            Stage = LeadStage.Signed,
            On = D(2024, 3, 18),
            Passed = Passed((LeadStage.Contacted, D(2023, 11, 15)), (LeadStage.Visited, D(2023, 12, 20)), (LeadStage.Negotiating, D(2024, 1, 22))),
            ContractAmount = new Money(50000m),
            ContractTerms = "6英寸碳化硅衬底，分两期建设",
        }, today);
        sic.AddFollowUp(new FollowUpInput { On = D(2024, 4, 8), Who = "李建军", Method = FollowUpMethod.Hosted, What = "企业来区踏勘选址", NextStep = "协助办理公司注册" }, "demo-zone", at, today);
        var fund = Lead(zone.Id, "储能电池梯次利用项目", "阳泉新动能产业投资基金", LeadChannel.Fund, "新能源", null, 30000m, "王晓东", D(2023, 12, 1), today);
        fund.Advance(new StageMove
        {
            Stage = LeadStage.Signed,
            On = D(2024, 2, 26),
            Passed = Passed((LeadStage.Contacted, D(2023, 12, 10)), (LeadStage.Visited, D(2024, 1, 8)), (LeadStage.Negotiating, D(2024, 1, 25))),
            ContractAmount = new Money(30000m),
        }, today);
        fund.AddFollowUp(new FollowUpInput { On = D(2024, 3, 28), Who = "王晓东", Method = FollowUpMethod.Phone, What = "催办项目备案" }, "demo-zone", at, today);
        var packaging = Lead(zone.Id, "功率器件封装测试项目", "芯联封测科技有限公司", LeadChannel.Platform, "第三代半导体", "封装", 20000m, "赵鹏", D(2024, 1, 20), today, platform: "中国国际投资贸易洽谈会");
        packaging.Advance(new StageMove { Stage = LeadStage.Contacted, On = D(2024, 1, 26) }, today);
        var shelved = Lead(zone.Id, "氢燃料电池重卡项目", "氢途动力科技有限公司", LeadChannel.Intermediary, "新能源", null, 60000m, "赵鹏", D(2023, 6, 1), today);
        shelved.Halt(LeadState.Shelved, D(2024, 1, 10), "企业融资未到位，暂缓投资", today);

        db.Leads.AddRange(citic, saidi, logistics, spic, spic2, kbt, sic, fund, packaging, shelved);

        // The 第三代半导体 chain: 材料 has its 链主 and 康博特; 装备, 芯片, 封装 and 应用 are the gaps promotion is to fill.
        var chain = new PromotionChain(zone.Id, "第三代半导体", "高新区党工委书记");
        chain.AddLink("材料", ChainSegment.Upstream);
        chain.AddLink("装备", ChainSegment.Upstream);
        chain.AddLink("芯片", ChainSegment.Midstream);
        chain.AddLink("封装", ChainSegment.Midstream);
        chain.AddLink("应用", ChainSegment.Downstream);
        chain.AddMember("材料", "日昌新材料山西有限责任公司", null, chainLeader: true);
        var kbtEnterprise = await db.Projects.Where(p => p.Code == "YQGX-2024-013").Select(p => p.EnterpriseId).FirstOrDefaultAsync(ct);
        chain.AddMember("材料", "康博特阳泉新材料有限责任公司", kbtEnterprise, chainLeader: false);
        db.PromotionChains.Add(chain);
        db.PromotionTargets.AddRange(
            new TargetEnterprise(zone.Id, new TargetFacts { Name = "晶盛长晶装备有限公司", Chain = "第三代半导体", Link = "装备", Size = "行业龙头", Headquarters = "浙江", Why = "蓝宝石、碳化硅长晶炉配套", Approacher = "李建军" }),
            new TargetEnterprise(zone.Id, new TargetFacts { Name = "华光照明应用科技有限公司", Chain = "第三代半导体", Link = "应用", Size = "规上企业", Headquarters = "江苏", Why = "LED应用端，消化本地蓝宝石衬底", Approacher = "王晓东" }));

        // Seed 004: 日昌's general manager, who keeps bringing the sapphire chain's suppliers.
        var hao = new KeyInvestor(zone.Id, "郝贵荣", "日昌新材料山西有限责任公司", "总经理", "投资合作部");
        hao.RecordContact(D(2024, 3, 15), "推荐蓝宝石长晶装备配套企业2家，约定4月来区洽谈", today);
        db.KeyInvestors.Add(hao);

        await AnzeAsync(db, today, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Seed 002: 安泽's target-enterprise and key-investor libraries, with its chains' local leaders (永鑫集团, 岳康药业).</summary>
    private static async Task AnzeAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var linfen = await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == "临汾市", ct);
        if (linfen is null)
        {
            return;
        }

        var anze = await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == Anze, ct);
        if (anze is null)
        {
            anze = new OrgUnit(Anze, OrgUnitKind.Zone, linfen);
            db.OrgUnits.Add(anze);
            await db.SaveChangesAsync(ct);
        }

        db.PromotionTargets.AddRange(
            new TargetEnterprise(anze.Id, new TargetFacts { Name = "华润三九医药股份有限公司", Chain = "现代医药", Link = "中药饮片", Size = "上市公司", Headquarters = "广东深圳", Why = "与岳康药业中药材全产业链配套", Approacher = "安泽经开区招商局" }),
            new TargetEnterprise(anze.Id, new TargetFacts { Name = "宝丰能源集团股份有限公司", Chain = "现代煤化工", Link = "煤制烯烃", Size = "行业龙头", Headquarters = "宁夏银川", Why = "延伸永鑫集团焦化产业链", Approacher = "安泽经开区招商局" }));
        var yongxin = new KeyInvestor(anze.Id, "永鑫集团", "山西永鑫煤焦化有限责任公司", "本地龙头企业", "安泽经开区招商局");
        yongxin.RecordContact(new DateOnly(2024, 3, 20), "共同探讨招商方向，推荐2家焦化下游企业", today);
        var yuekang = new KeyInvestor(anze.Id, "岳康药业", "岳康药业集团有限公司", "本地龙头企业", "安泽经开区招商局");
        yuekang.RecordContact(new DateOnly(2024, 3, 28), "以商招商：引荐中药饮片加工企业来区考察", today);
        db.KeyInvestors.AddRange(yongxin, yuekang);
    }

    private static Lead Lead(int unit, string name, string investor, LeadChannel channel, string chain, string? link, decimal intended, string officer, DateOnly on, DateOnly today, string? referrer = null, string? platform = null) =>
        new(unit, new LeadFacts { Name = name, Investor = investor, Channel = channel, Chain = chain, Link = link, IntendedInvestment = new Money(intended), Officer = officer, Referrer = referrer, Platform = platform }, on, today);

    private static void Negotiate(Lead lead, DateOnly contacted, DateOnly visited, DateOnly negotiating, DateOnly today) =>
        lead.Advance(new StageMove { Stage = LeadStage.Negotiating, On = negotiating, Passed = Passed((LeadStage.Contacted, contacted), (LeadStage.Visited, visited)) }, today);
}
