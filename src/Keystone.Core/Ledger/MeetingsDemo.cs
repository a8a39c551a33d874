using Keystone.Core.Data;
using Keystone.Core.Inspections;
using Keystone.Core.Meetings;
using Keystone.Core.Problems;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// The demo's meetings and inspection: 阳泉高新区's February and March 2024 调度会, the March one's pack telling how
/// February's decisions stood on its day ("上次调度会交办事项4项，已办结2项，逾期1项"); and seed 003's inspection day
/// in 大同市 (5 May 2024: 新荣区, 云州区, five projects and 大同锡纯新材料) with its instructions to the districts, the
/// enterprises and the contractor, in the leader's words, replied to through June. Every step is dated, so as of
/// 10 April 2024 (the demo's day) no decision is overdue and the zone's overdue problems are DemoClearing's.
/// </summary>
public static class MeetingsDemo
{
    private const string Zone = "阳泉高新区";
    private const string By = "demo-zone";
    private const string CityBy = "demo-province";

    /// <summary>大同锡纯新材料股份有限公司, the one stop of seed 003 that is an enterprise rather than a project.</summary>
    public const string Xichun = "大同锡纯新材料股份有限公司";

    public static async Task LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var tree = await db.LoadTreeAsync(ct);
        if (await db.Meetings.AnyAsync(ct) || await db.Inspections.AnyAsync(ct) || new[] { Zone, "大同市", "新荣区", "云州区" }.Any(n => !tree.All.Any(u => u.Name == n)))
        {
            return;
        }

        await DispatchMeetingsAsync(db, tree, ct);
        await InspectionAsync(db, tree, ct);
    }

    private static DateOnly D(int month, int day) => new(2024, month, day);

    private static DateTimeOffset At(DateOnly day, int hour = 10) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    private static async Task DispatchMeetingsAsync(AppDbContext db, OrgTree tree, CancellationToken ct)
    {
        var zone = tree.Resolve(Zone);
        var projects = await db.Projects.Where(p => p.OrgUnitId == zone.Id).ToDictionaryAsync(p => p.Code, ct);
        DecisionEntry On(string code, string text, string department, DateOnly deadline, ProblemCategory category) => new()
        {
            Text = text,
            Department = department,
            Deadline = deadline,
            ProjectId = projects[code].Id,
            ProjectUnitId = zone.Id,
            Category = category,
        };

        var february = new Meeting(zone.Id, zone.Name, MeetingKind.Dispatch, D(2, 27), null, "高新区管委会主任", "管委会各部门、各项目单位负责同志", By, At(D(2, 27)));
        february.SetAgenda([new(projects["YQGX-2024-001"].Id, null, null), new(projects["YQGX-2024-002"].Id, null, null), new(projects["YQGX-2024-006"].Id, null, null)]);
        db.Meetings.Add(february);
        await db.SaveChangesAsync(ct);
        var held = D(2, 27);
        var land = await MeetingDesk.DecideAsync(db, tree, february, On("YQGX-2024-001", "协调解决智慧物流园配套主干道征地", "阳泉高新区土地储备中心", D(3, 15), ProblemCategory.Land), By, At(held), held, ct);
        var permit = await MeetingDesk.DecideAsync(db, tree, february, On("YQGX-2024-006", "百度云计算扩容项目施工许可容缺办理", "阳泉高新区住房和城乡建设局", D(3, 8), ProblemCategory.Procedures), By, At(held), held, ct);
        var workers = await MeetingDesk.DecideAsync(db, tree, february, On("YQGX-2024-002", "组织电池项目技术工人专场招聘", "阳泉高新区人力资源和社会保障局", D(3, 28), ProblemCategory.Labour), By, At(held), held, ct);
        var plan = await MeetingDesk.DecideAsync(db, tree, february, new DecisionEntry { Text = "高新区要倒排新建项目开工计划，确保二季度应开尽开", UnitId = zone.Id, Deadline = D(4, 30) }, By, At(held), held, ct);

        land.Problem!.Answer("已与村集体签订征收补偿协议，3月底前交地", By, At(D(3, 13)), D(3, 13));
        land.Problem.Close(Satisfaction.Satisfied, null, By, At(D(3, 14)), D(3, 14));
        permit.Problem!.Answer("已按容缺受理核发施工许可证", By, At(D(3, 7)), D(3, 7));
        permit.Problem.Close(Satisfaction.Satisfied, null, By, At(D(3, 8)), D(3, 8));
        plan.Problem!.Assign("阳泉高新区经济发展局", D(4, 30), By, At(D(2, 28)), D(2, 28));

        // Late: answered only after the March meeting, which finds it overdue.
        workers.Problem!.Answer("4月2日举办专场招聘会，达成意向112人", By, At(D(4, 2)), D(4, 2));
        await db.SaveChangesAsync(ct);

        var march = new Meeting(zone.Id, zone.Name, MeetingKind.Dispatch, D(3, 29), null, "高新区管委会主任", "管委会各部门、各项目单位负责同志", By, At(D(3, 29)));
        march.SetAgenda([new(projects["YQGX-2024-008"].Id, null, "“电源端”用地和前期手续"), new(projects["YQGX-2024-010"].Id, null, null), new(projects["YQGX-2024-024"].Id, null, "百日攻坚项目")]);
        db.Meetings.Add(march);
        await db.SaveChangesAsync(ct);
        held = D(3, 29);
        march.RecordMinutes("会议听取了各项目建设进展和存在问题汇报，研究了一季度未开工项目的推进措施，明确了责任部门和完成时限。", held);
        await MeetingDesk.DecideAsync(db, tree, march, On("YQGX-2024-010", "中信重工高端特种金属材料项目4月底前完成能评", "阳泉高新区经济发展局", D(4, 30), ProblemCategory.Procedures), By, At(held), held, ct);
        await MeetingDesk.DecideAsync(db, tree, march, On("YQGX-2024-024", "冀东水泥分布式光伏发电项目加快办理前期手续", "阳泉高新区住房和城乡建设局", D(4, 19), ProblemCategory.Procedures), By, At(held), held, ct);
        await MeetingDesk.DecideAsync(db, tree, march, On("YQGX-2024-008", "“源网荷储”项目电源端林地审核", "阳泉高新区林业工作站", D(4, 19), ProblemCategory.Land), By, At(held), held, ct);
    }

    private static async Task InspectionAsync(AppDbContext db, OrgTree tree, CancellationToken ct)
    {
        var city = tree.Resolve("大同市");
        var xinrong = tree.Resolve("新荣区");
        var yunzhou = tree.Resolve("云州区");
        var projects = await db.Projects.Include(p => p.Enterprise).Where(p => p.Code.StartsWith("2404-140212") || p.Code.StartsWith("2304-140215") || p.Code.StartsWith("2204-140215"))
            .ToDictionaryAsync(p => p.Name, ct);
        Project P(string name) => projects.Values.Single(p => p.Name.StartsWith(name, StringComparison.Ordinal));

        var uscc = new Uscc("91140212MA0KXC" + "HX1" + Uscc.CheckCharacter("91140212MA0KXCHX1"));
        var xichun = await db.Enterprises.FirstOrDefaultAsync(e => e.Uscc == uscc, ct);
        if (xichun is null)
        {
            xichun = new Enterprise(uscc, Xichun, await db.OrgUnits.SingleAsync(u => u.Id == xinrong.Id, ct));
            db.Enterprises.Add(xichun);
            await db.SaveChangesAsync(ct);
        }

        var day = D(5, 5);
        var inspection = new Inspection(
            city.Id, day, "卢东亮", "市领导任希杰、王明厚、王宏栓，大同经开区党工委书记、管委会主任、云州区委书记宁文鑫及有关县区和部门负责同志", "卢东亮在新荣区云州区调研重点工程项目", CityBy, At(day));
        db.Inspections.Add(inspection);
        var ruihua = P("新荣区锐华");
        var nanjing = P("新荣区南京电气");
        var road = P("天黎高速");
        var market = P("云州华兴");
        var power = P("国电电力大同湖东");
        var stops = new[]
        {
            inspection.AddStop(new StopEntry(xinrong.Id, ruihua.Id, null, ruihua.Name, "主要生产充电模块和一体式充电桩，年产值8.9亿元，预计6月份投产")),
            inspection.AddStop(new StopEntry(xinrong.Id, nanjing.Id, null, nanjing.Name, "主要生产PACK智能电池包、储能变流器、储能集成产品等，年产值3亿元，预计7月试生产")),
            inspection.AddStop(new StopEntry(xinrong.Id, null, xichun.Id, Xichun, "在半导体材料领域实现从装备、原材料生产、原材料深加工的全产业链企业，正同步推进半导体芯片高纯石英材料、半导体用辅材碳化硅材料、锡纯石英砂提纯、半导体材料产业园等项目")),
            inspection.AddStop(new StopEntry(yunzhou.Id, road.Id, null, road.Name, "由互通、收费站和连接线三部分组成，主线长度1150米，目前项目工程正在有序推进，预计6月底完工")),
            inspection.AddStop(new StopEntry(yunzhou.Id, market.Id, null, market.Name, "总建筑面积10万平方米，总投资10亿元，是我省重点工程项目和保供应入库民生项目")),
            inspection.AddStop(new StopEntry(yunzhou.Id, power.Id, null, power.Name, "总投资82.82亿元，规划装机容量为2台100万千瓦超超临界间接空冷燃煤发电机组，预计2026年4月、6月分别投产发电")),
        };
        await db.SaveChangesAsync(ct);

        async Task<Problem> Instruct(int stop, AddresseeKind kind, string addressee, string words, DateOnly deadline, int? unitId = null, int? enterpriseId = null)
        {
            var instruction = await InspectionDesk.InstructAsync(
                db, tree, inspection, stops[stop - 1], new InstructionEntry { Kind = kind, Addressee = addressee, UnitId = unitId, Words = words, Deadline = deadline }, enterpriseId, CityBy, At(day), day, ct);
            return instruction.Problem!;
        }

        var ruihuaDistrict = await Instruct(1, AddresseeKind.Unit, "新荣区", "新荣区要抢抓发展机遇，强化服务保障，精准沟通对接，帮助企业积极牵线搭桥，快速开拓市场，同时进一步完善产业链、构筑生态圈，大力招引优质产业链上下游企业，形成新能源产业集聚效应", D(6, 30), xinrong.Id);
        var ruihuaEnterprise = await Instruct(1, AddresseeKind.Enterprise, ruihua.Enterprise?.Name ?? "项目企业", "项目企业要紧抓当前施工“黄金期”，强化统筹调度，加强现场管理，加大力量投入，推动项目尽快投产达效", D(6, 30), enterpriseId: ruihua.EnterpriseId);
        var xichunDistrict = await Instruct(3, AddresseeKind.Unit, "新荣区", "新荣区要结合企业需求、精准开展服务，加大支持力度，加强协调对接，千方百计帮助企业解决困难和问题，解除企业发展的后顾之忧", D(6, 30), xinrong.Id);
        var xichunEnterprise = await Instruct(3, AddresseeKind.Enterprise, Xichun, "企业要紧盯目标任务，细化推进措施，依托核心技术，创新产品研发，提升产业规模，围绕半导体材料领域延伸产业链", D(6, 30));
        var contractor = await Instruct(4, AddresseeKind.Contractor, "施工单位", "施工单位要科学论证方案，严把工程质量，紧盯时间节点，优化施工组织，加强施工保障，倒排工期，抢抓进度，争取早日实现全线贯通、互联互通", D(6, 30), enterpriseId: road.EnterpriseId);
        await Instruct(5, AddresseeKind.Enterprise, market.Enterprise?.Name ?? "项目企业", "要加快项目建设进度，合理规划、科学定位，强化招商引资，做好业态布局，完善冷链仓储、电商科创、物流配送、检验检测等配套功能", D(7, 31), enterpriseId: market.EnterpriseId);
        var powerEnterprise = await Instruct(6, AddresseeKind.Enterprise, power.Enterprise?.Name ?? "项目企业", "项目企业要细化目标任务，紧盯时间节点，科学安排施工，确保项目建设高质高效推进", D(6, 30), enterpriseId: power.EnterpriseId);
        var yunzhouDistrict = await Instruct(6, AddresseeKind.Unit, "云州区", "云州区要精准沟通对接，强化要素保障，助推项目建设，同时做好网架结构、地面物流、余热利用的前期规划", D(6, 30), yunzhou.Id);

        // The districts route theirs; replies come in through June; 云州区's and 云州华兴's are still out after their deadlines.
        ruihuaDistrict.Assign("新荣区发展和改革局", D(6, 30), CityBy, At(D(5, 7)), D(5, 7));
        xichunDistrict.Assign("新荣区工业和信息化局", D(6, 30), CityBy, At(D(5, 7)), D(5, 7));
        yunzhouDistrict.Assign("云州区发展和改革局", D(6, 30), CityBy, At(D(5, 8)), D(5, 8));
        void Reply(Problem problem, string answer, DateOnly on)
        {
            problem.Answer(answer, CityBy, At(on), on);
            problem.Close(Satisfaction.Satisfied, null, CityBy, At(on.AddDays(1)), on.AddDays(1));
        }

        Reply(ruihuaDistrict, "已组织锐华与省内充电运营企业对接，签订供货意向3份", D(6, 25));
        Reply(ruihuaEnterprise, "6月18日首条充电模块产线投产", D(6, 20));
        Reply(xichunDistrict, "已协调解决石英砂提纯项目用电增容", D(6, 20));
        Reply(xichunEnterprise, "碳化硅材料项目完成设备招标，计划9月投产", D(6, 14));
        Reply(contractor, "互通主线6月28日完成路面施工，具备通车条件", D(6, 28));
        Reply(powerEnterprise, "1号机组锅炉钢架吊装完成，施工进度符合节点计划", D(6, 27));
        await db.SaveChangesAsync(ct);
    }
}
