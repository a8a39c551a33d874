using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Problems;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Enterprises.Service;

/// <summary>
/// The demo's enterprise service, as of the demo desk's date (2024-03-31): 安泽经济技术开发区's three coal mines
/// (玉华, 安鑫, 玉和泰, seed 002's 指标挖潜) and its cultivation pool (two washeries with their first-quarter
/// figures), and in 阳泉高新区 the liaison officers of its enterprises and their March visits, some with problems
/// raised. The names of companies and officers are the demo's own; the mines' short names are the seed's.
/// </summary>
public static class EnterpriseDemo
{
    private const string Anze = "安泽经济技术开发区";

    private static readonly DateTimeOffset At = new(2024, 3, 31, 9, 0, 0, TimeSpan.FromHours(8));

    private static Uscc Code(string first17) => new(first17 + Uscc.CheckCharacter(first17));

    public static async Task LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.EnterpriseVisits.AnyAsync(ct) || await db.PoolEntries.AnyAsync(ct))
        {
            return;
        }

        await LoadAnzeAsync(db, ct);
        await LoadYangquanAsync(db, ct);
    }

    private static async Task LoadAnzeAsync(AppDbContext db, CancellationToken ct)
    {
        var linfen = await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == "临汾市", ct);
        if (linfen is null)
        {
            return;
        }

        var anze = await db.OrgUnits.FirstOrDefaultAsync(u => u.Name == Anze && u.ParentId == linfen.Id, ct);
        if (anze is null)
        {
            anze = new OrgUnit(Anze, OrgUnitKind.Zone, linfen);
            db.OrgUnits.Add(anze);
            await db.SaveChangesAsync(ct);
        }

        var coal = new EnterpriseProfile { IndustryCode = "B0610", IndustryName = "烟煤和无烟煤开采洗选", AboveScale = true };
        (string Uscc, string Name, int Employees, decimal Output, decimal Revenue, string Liaison)[] mines =
        [
            ("91141026MA0AX0001", "安泽县玉华煤业有限公司", 620, 186_000m, 171_500m, "赵建军"),
            ("91141026MA0AX0002", "安泽县安鑫煤业有限公司", 480, 142_300m, 130_800m, "赵建军"),
            ("91141026MA0AX0003", "安泽县玉和泰煤业有限公司", 410, 118_600m, 109_200m, "孙丽"),
        ];
        // Each mine's 工业总产值 (万元) in the first quarter of 2023 and of 2024: 指标挖潜's enterprise half.
        decimal[][] output =
        [
            [15_000m, 14_800m, 15_600m, 16_200m, 15_900m, 17_100m],
            [11_800m, 11_500m, 12_100m, 12_000m, 11_600m, 12_500m],
            [9_900m, 9_600m, 10_200m, 9_500m, 9_200m, 9_800m],
        ];
        foreach (var (m, i) in mines.Select((m, i) => (m, i)))
        {
            var e = new Enterprise(Code(m.Uscc), m.Name, anze);
            e.Describe(coal with { Employees = m.Employees, LastYearOutput = new Money(m.Output), LastYearRevenue = new Money(m.Revenue), Address = "临汾市安泽县" });
            e.AssignLiaison(new Liaison(null, m.Liaison, "安泽经开区经济发展部"));
            db.Enterprises.Add(e);
            for (var k = 0; k < 6; k++)
            {
                var month = new Period(k < 3 ? 2023 : 2024, k % 3 + 1);
                db.EnterpriseMonths.Add(new EnterpriseMonth(e, month, new MonthFigures { Output = new Money(output[i][k]) }, "system", At, needsReview: false));
            }
        }

        // The pool: two washeries expected to cross 2000万元 this year, with their approved first-quarter revenue.
        var wash = new EnterpriseProfile { IndustryCode = "B0610", IndustryName = "烟煤和无烟煤开采洗选", Address = "临汾市安泽县" };
        (string Uscc, string Name, Period Expected, decimal[] Revenue)[] candidates =
        [
            ("91141026MA0AX0004", "安泽县通祥洗煤有限公司", new Period(2024, 6), [160m, 175m, 190m]),
            ("91141026MA0AX0005", "安泽县腾元洗煤有限公司", new Period(2024, 9), [120m, 130m, 140m]),
        ];
        foreach (var c in candidates)
        {
            var e = new Enterprise(Code(c.Uscc), c.Name, anze);
            e.Describe(wash with { Employees = 60, LastYearRevenue = new Money(1_450m) });
            db.Enterprises.Add(e);
            await db.SaveChangesAsync(ct);
            db.PoolEntries.Add(new PoolEntry(anze.Id, e, null, PoolThresholds.Industry, c.Expected, "上规入统培育方案", "system", At));
            for (var month = 1; month <= c.Revenue.Length; month++)
            {
                db.EnterpriseMonths.Add(new EnterpriseMonth(e, new Period(2024, month), new MonthFigures { Revenue = new Money(c.Revenue[month - 1]), Output = new Money(c.Revenue[month - 1]), Employees = 60 }, "system", At, needsReview: false));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>阳泉高新区: its enterprises shared out among three liaison officers, and the officers' March visits.</summary>
    private static async Task LoadYangquanAsync(AppDbContext db, CancellationToken ct)
    {
        var zone = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Name == "阳泉高新区", ct);
        if (zone is null)
        {
            return;
        }

        var officer = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "demo-zone", ct);
        var enterprises = await db.Enterprises.Where(e => e.OwnerUnitId == zone.Id).OrderBy(e => e.Id).Take(8).ToListAsync(ct);
        if (enterprises.Count < 8)
        {
            return;
        }

        Liaison[] liaisons =
        [
            new(officer?.Id, officer?.UserName ?? "demo-zone", "经济发展局"),
            new(null, "王强", "经济发展局"),
            new(null, "李娜", "投资促进局"),
        ];
        for (var i = 0; i < enterprises.Count; i++)
        {
            enterprises[i].AssignLiaison(liaisons[i < 2 ? 0 : i < 5 ? 1 : 2]);
        }

        enterprises[0].Describe(new EnterpriseProfile { IndustryCode = "G5990", IndustryName = "其他仓储业", Employees = 150, Contact = "张经理" });
        await db.SaveChangesAsync(ct);

        // March: demo-zone visits both of its enterprises, 王强 two of three, 李娜 one of three (coverage 5 of 8).
        (int Enterprise, Liaison By, DateOnly On, string Met, string Topics, VisitProblemInput[] Problems)[] visits =
        [
            (0, liaisons[0], new(2024, 3, 5), "张经理（总经理）", "一期仓储投运准备、用工需求", [new("智慧物流园一期投运需招聘叉车司机等技术工人40名", ProblemCategory.Labour, new(2024, 5, 31), "人力资源和社会保障局", "企业反映本地技术工人不足，请求对接招聘会。")]),
            (1, liaisons[0], new(2024, 3, 12), "刘总（副总经理）", "了解生产经营情况，无诉求", []),
            (2, liaisons[1], new(2024, 3, 8), "陈总（董事长）", "一季度订单、资金周转", [new("企业申请技改贷款贴息，需协调金融机构对接", ProblemCategory.Funds, new(2024, 5, 31), "财政局", null)]),
            (3, liaisons[1], new(2024, 3, 19), "周经理（办公室主任）", "生产经营正常，无事不扰", []),
            (5, liaisons[2], new(2024, 3, 21), "吴总（总经理）", "二期用地、物流配套", [new("厂区东侧道路未打通，货车绕行", ProblemCategory.Logistics, new(2024, 6, 30), "住房和城乡建设局", null)]),
        ];
        foreach (var v in visits)
        {
            var e = enterprises[v.Enterprise];
            var at = new DateTimeOffset(v.On.ToDateTime(new TimeOnly(16, 0)), TimeSpan.FromHours(8));
            var visit = new EnterpriseVisit(e, zone.Id, v.On, v.By.UserId, v.By.Name, v.Met, v.Topics, officer?.UserName ?? "system", at, v.On);
            await VisitDesk.RecordAsync(db, visit, v.Problems, officer?.UserName ?? "system", at, v.On, ct);
        }
    }
}
