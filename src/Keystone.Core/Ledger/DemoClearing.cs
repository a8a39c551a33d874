using Keystone.Core.Data;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Problems;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// The demo's problems, factor sheets and approval checklists for 阳泉高新区, as seed 004 describes the zone
/// in April 2024 ("正在办理前期手续", "正在办理土地和相关前期手续", "全代办", "容缺受理", "拿地即开工",
/// "超长期特别国债") and seed 001 its enterprise visits (道路运输、原材料). Every step is dated, so as of
/// 2024-04-10 one problem is overdue and supervised, one is overdue after being returned, one is due in
/// two days and one waits to be routed.
/// </summary>
public static class DemoClearing
{
    public const string Zone = "阳泉高新区";

    /// <summary>The demo department officer's department (demo-department).</summary>
    public const string LandBureau = "阳泉高新区自然资源分局";

    public static async Task LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var tree = await db.LoadTreeAsync(ct);
        var zone = tree.Resolve(Zone);
        var projects = await db.Projects.Where(p => p.OrgUnitId == zone.Id).ToDictionaryAsync(p => p.Code, ct);
        if (await db.Problems.AnyAsync(ct) || !projects.ContainsKey("YQGX-2024-001"))
        {
            return;
        }

        await ProblemsAsync(db, tree, zone, projects, ct);
        await FactorsAsync(db, projects, ct);
        await ProceduresAsync(db, projects, ct);
    }

    private static DateOnly D(int month, int day) => new(2024, month, day);

    private static DateTimeOffset At(DateOnly day, int hour = 10) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    private static async Task ProblemsAsync(AppDbContext db, OrgTree tree, OrgUnitInfo zone, Dictionary<string, Project> projects, CancellationToken ct)
    {
        async Task<Problem> Raise(string code, string title, string detail, ProblemCategory category, DateOnly on, DateOnly deadline, ProblemOrigin origin, string by, string? department = null)
        {
            var project = projects[code];
            return await ProblemDesk.RaiseAsync(
                db,
                new ProblemRaise
                {
                    UnitId = project.OrgUnitId,
                    ProjectId = project.Id,
                    EnterpriseId = project.EnterpriseId,
                    Title = title,
                    Detail = detail,
                    Category = category,
                    Deadline = deadline,
                    Department = department,
                    Origin = origin,
                },
                by,
                At(on),
                on,
                ct);
        }

        // Seed 001: 入企服务 finds the raw materials' transport held up; routed, answered, closed satisfied.
        var transport = await Raise(
            "YQGX-2024-003", "原料运输车辆通行证办理周期长", "液氟化氢等危化品原料运输车辆须办理通行证，办理周期长，影响连续生产", ProblemCategory.Logistics,
            D(3, 4), D(3, 11), ProblemOrigin.Visit("王磊（高新区营商环境服务中心）", D(3, 4), "生产部负责人"), "demo-zone", "阳泉高新区经济发展局");
        transport.Answer("已协调交警部门开辟危化品运输绿色通道，通行证3个工作日内办结", "demo-zone", At(D(3, 8)), D(3, 8));
        transport.Close(Satisfaction.Satisfied, "通行证已办妥，原料运输正常", "demo-zone", At(D(3, 11)), D(3, 11));
        await db.SaveChangesAsync(ct);

        // The demo reporter's March report: land for the trunk roads, with the land bureau, overdue and supervised.
        var roads = await Raise(
            "YQGX-2024-001", "配套主干道用地征收未完成", "园区4条主干道中2条涉及集体土地征收，影响管线同步施工", ProblemCategory.Land,
            D(3, 26), D(4, 3), ProblemOrigin.Report(new Period(2024, 3)), "demo-enterprise");
        roads.Assign(LandBureau, D(4, 3), "demo-zone", At(D(3, 27)), D(3, 27));
        await db.SaveChangesAsync(ct);
        await ProblemDesk.SuperviseAsync(db, tree, roads, zone, D(4, 12), "请自然资源分局于4月12日前明确征收完成时间，并书面反馈", LightRules.Default, "demo-zone", At(D(4, 8)), D(4, 8), ct);

        // Answered, but the enterprise returned it: overdue again.
        var workers = await Raise(
            "YQGX-2024-002", "设备调试期技术工人缺口约120人", "一期生产线进入调试，电芯、化成等岗位技术工人不足", ProblemCategory.Labour,
            D(3, 20), D(3, 29), ProblemOrigin.Report(new Period(2024, 3)), "demo-zone", "阳泉高新区人力资源和社会保障局");
        workers.Answer("已将企业需求纳入4月招聘会", "demo-zone", At(D(3, 28)), D(3, 28));
        workers.Return("仅提供招聘会信息，未落实定向培训", "demo-zone", At(D(4, 1)), D(4, 1));
        await db.SaveChangesAsync(ct);

        // Seed 004: "正在办理前期手续" — due in two days.
        await Raise(
            "YQGX-2024-006", "施工许可容缺材料补正困难", "施工图审查合格书须待消防审查意见，企业申请延期补正", ProblemCategory.Procedures,
            D(4, 1), D(4, 12), ProblemOrigin.Desk, "demo-zone", "阳泉高新区住房和城乡建设局");

        // Seed 004: "电源端正在办理土地和相关前期手续" — raised on a visit, still to be routed.
        await Raise(
            "YQGX-2024-008", "“电源端”光伏用地手续", "光伏场区用地涉及林地，须办理使用林地审核", ProblemCategory.Land,
            D(4, 8), D(4, 19), ProblemOrigin.Visit("王磊（高新区营商环境服务中心）", D(4, 8), "项目经理"), "demo-zone");
    }

    private static async Task FactorsAsync(AppDbContext db, Dictionary<string, Project> projects, CancellationToken ct)
    {
        ProjectFactors Sheet(string code)
        {
            var sheet = new ProjectFactors(projects[code].Id);
            db.ProjectFactors.Add(sheet);
            db.Entry(sheet).Reference(f => f.Project).CurrentValue = projects[code];
            return sheet;
        }

        // Seed 004: 占地256.5亩; the land supplied two weeks before the start.
        Sheet("YQGX-2024-001").RecordLand(Area.FromMu(256.5m), LandStage.Supplied, Area.FromMu(256.5m), D(10, 20).AddYears(-1));
        Sheet("YQGX-2024-007").RecordLand(Area.FromMu(300), LandStage.Filing, null, null);
        var grid = Sheet("YQGX-2024-008");
        grid.RecordLand(Area.FromMu(120), LandStage.Approved, null, null);
        grid.RecordEnergy(3_000, EnergyReview.Filed, null);

        // 拿地即开工: land and start on the same day.
        Sheet("YQGX-2024-018").RecordLand(Area.FromMu(30), LandStage.Supplied, Area.FromMu(30), D(3, 9));

        var battery = Sheet("YQGX-2024-002");
        battery.RecordEnergy(8_000, EnergyReview.Approved, 8_000);
        battery.RecordFunds(FundSource.SpecialBonds, new Money(50_000), new Money(30_000), new Money(20_000));
        battery.RecordFunds(FundSource.BankLoans, new Money(100_000), new Money(80_000), new Money(50_000));

        // Seed 004: "提前谋划超长期特别国债项目".
        var citic = Sheet("YQGX-2024-010");
        citic.RecordFunds(FundSource.UltraLongBonds, new Money(20_000), Money.Zero, Money.Zero);
        citic.RecordEnergy(15_000, EnergyReview.Filed, null);

        var fluoride = Sheet("YQGX-2024-003");
        fluoride.RecordEmission("二氧化硫", 5, 3);
        fluoride.RecordEmission("氮氧化物", 12, 12);
        await db.SaveChangesAsync(ct);
    }

    private static async Task ProceduresAsync(AppDbContext db, Dictionary<string, Project> projects, CancellationToken ct)
    {
        var baidu = projects["YQGX-2024-006"];
        var items = await FactorDesk.StartChecklistAsync(db, baidu, ct);
        ProcedureItem Item(IReadOnlyList<ProcedureItem> list, ProcedureKind kind) => list.Single(i => i.Kind == kind);
        var parallel = new ProcedureHandling { Mode = HandlingMode.Parallel };
        Item(items, ProcedureKind.ProjectApproval).Apply(D(1, 8), ProcedureHandling.Normal);
        Item(items, ProcedureKind.ProjectApproval).Approve(D(1, 10));
        foreach (var kind in new[] { ProcedureKind.LandPreApproval, ProcedureKind.LandPlanningPermit, ProcedureKind.EngineeringPlanningPermit })
        {
            Item(items, kind).Apply(D(1, 12), parallel);
            Item(items, kind).Approve(D(1, 25));
        }

        Item(items, ProcedureKind.EnvironmentalAssessment).Apply(D(1, 20), new ProcedureHandling { Mode = HandlingMode.Commitment, Commitment = "投运前完成环保设施竣工验收", VerifyBy = D(9, 30) });
        Item(items, ProcedureKind.EnvironmentalAssessment).Approve(D(1, 22));
        Item(items, ProcedureKind.SoilAndWater).Apply(D(1, 20), new ProcedureHandling { Mode = HandlingMode.Agency, Agent = "李娜（高新区全代办服务中心）" });
        Item(items, ProcedureKind.SoilAndWater).Approve(D(2, 1));
        Item(items, ProcedureKind.ConstructionPermit).Apply(D(1, 30), new ProcedureHandling { Mode = HandlingMode.AcceptedWithGaps, MissingPapers = "施工图审查合格书", SupplyBy = D(4, 5) });
        Item(items, ProcedureKind.ConstructionPermit).Approve(D(2, 1));

        var grid = projects["YQGX-2024-008"];
        var gridItems = await FactorDesk.StartChecklistAsync(db, grid, ct);
        Item(gridItems, ProcedureKind.ProjectApproval).Apply(D(2, 18), ProcedureHandling.Normal);
        Item(gridItems, ProcedureKind.ProjectApproval).Approve(D(2, 20));
        foreach (var kind in new[] { ProcedureKind.LandPreApproval, ProcedureKind.EnvironmentalAssessment, ProcedureKind.EnergyAssessment })
        {
            Item(gridItems, kind).Apply(D(3, 15), parallel);
        }

        Item(gridItems, ProcedureKind.SoilAndWater).Apply(D(3, 20), new ProcedureHandling { Mode = HandlingMode.Agency, Agent = "李娜（高新区全代办服务中心）" });
        await db.SaveChangesAsync(ct);
    }
}
