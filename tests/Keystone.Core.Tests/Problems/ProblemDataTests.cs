using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Factors;
using Keystone.Core.Figures;
using Keystone.Core.Ledger;
using Keystone.Core.Lights;
using Keystone.Core.Problems;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Problems;

public class ProblemDataTests
{
    private static readonly DateOnly DemoDay = DateOnly.FromDateTime(TestDatabase.DemoDay.Date);

    private static async Task<OrgTree> TreeAsync(AppDbContext db) =>
        new(await db.OrgUnits.Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());

    private static async Task<ProblemRaise> RaiseOnAsync(AppDbContext db, string code, string title = "厂区供水管网接入") =>
        await db.Projects.Where(p => p.Code == code)
            .Select(p => new ProblemRaise { UnitId = p.OrgUnitId, ProjectId = p.Id, EnterpriseId = p.EnterpriseId, Title = title, Category = ProblemCategory.Factors, Deadline = new DateOnly(2024, 4, 19) })
            .SingleAsync();

    [Theory]
    [DatabaseData]
    public async Task TheZonesBriefing_NamesItsOverdueProblems_AndItsFactorGaps(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var drafted = await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("阳泉高新区"), 2024, DemoDay);

        var problems = Assert.Single(drafted.Briefing.Sections, s => s.Kind == BriefingSectionKind.Problems).Text;
        Assert.Equal(
            "问题督办方面，今年以来全区共收集企业诉求和调研、会议交办事项15个（其中会议交办事项7项，已办结2项），已办结3个，办结率20%，满意率100%；目前未办结12个，其中逾期2个，已提级至阳泉市督办，发出督办单1份。"
            + "逾期问题：太行世纪（阳泉）年产10GWh动力储能两用高端固态锂（钠）离子电池生产线项目“设备调试期技术工人缺口约120人”（阳泉高新区人力资源和社会保障局，限3月29日前办结，已逾期7个工作日）；"
            + "阳泉东区智慧物流产业园（一期）项目“配套主干道用地征收未完成”（阳泉高新区自然资源分局，限4月3日前办结，已逾期4个工作日）。",
            problems);

        var factors = Assert.Single(drafted.Briefing.Sections, s => s.Kind == BriefingSectionKind.Factors).Text;
        Assert.Equal(
            "要素保障方面，2个项目存在用地缺口，共420亩（组卷报批1个、已批复待供地1个）；能耗指标缺口1.8万吨标准煤（2个项目）；"
            + "各类资金申请17亿元，已批复11亿元，到位7亿元，资金到位率63.6%；排放指标缺口二氧化硫2吨；"
            + "前期手续15项，已办结8项，在办4项，未启动3项，其中并联审批6项、容缺受理1项、承诺制办理1项、全代办2项；"
            + "容缺受理和承诺制待履行事项2项，其中逾期1项；从拿地到开工平均7天，1个项目实现拿地即开工。",
            factors);

        // The numbers are the ones the JSON carries.
        var report = BriefingReport.Of("阳泉高新区", drafted);
        Assert.Equal(2, report.Problems!.Overdue);
        Assert.Equal(["P2024-0003", "P2024-0002"], report.Problems.OverdueProblems.Select(p => p.Number));
        Assert.Equal(420m, report.Factors!.LandGapMu);
        Assert.Equal(63.6m, report.Factors.FundsInPlaceRate);

        // Another zone has nothing to say on either.
        var guxian = await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("古县经济技术开发区"), 2024, DemoDay);
        Assert.DoesNotContain(guxian.Briefing.Sections, s => s.Kind is BriefingSectionKind.Problems or BriefingSectionKind.Factors);
    }

    [Theory]
    [DatabaseData]
    public async Task TheCitysBriefing_TellsTheSameProblems_AndAWeekLaterOneMoreIsOverdue(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var city = tree.Resolve("阳泉市");
        var today = (await ScopeDesk.BriefingAsync(db, tree, city, 2024, DemoDay)).Input.Problems!;
        Assert.Equal(2, today.Overdue);

        // The 8 April visit's problem was never routed; the permit problem was due on the 12th.
        var later = (await ScopeDesk.BriefingAsync(db, tree, city, 2024, new DateOnly(2024, 4, 17))).Input.Problems!;
        Assert.Equal(4, later.Overdue);
        Assert.Contains(later.OverdueProblems, p => p.Standing.Late == Lateness.Routing && p.Row.Title == "“电源端”光伏用地手续");
    }

    /// <summary>The problems the demo already raised in 2024: the next one is numbered after them.</summary>
    private static async Task<int> CountAsync(TestDatabase test)
    {
        await using var db = test.NewContext();
        return await db.Problems.CountAsync(p => p.Number.StartsWith("P2024-"));
    }

    private static async Task<string> NextNumberAsync(TestDatabase test) => $"P2024-{await CountAsync(test) + 1:D4}";

    [Theory]
    [DatabaseData]
    public async Task Problems_AreNumberedInTurn_PerYear_AndEveryStepIsInTheAuditLog(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        var at = TestDatabase.DemoDay;
        var number = await NextNumberAsync(test);
        await using (var db = test.NewContext())
        {
            db.Actor = "demo-zone";
            var problem = await ProblemDesk.RaiseAsync(db, await RaiseOnAsync(db, "YQGX-2024-005"), "demo-zone", at, DemoDay);
            Assert.Equal(number, problem.Number);
            problem.Assign("阳泉高新区住房和城乡建设局", new DateOnly(2024, 4, 19), "demo-zone", at, DemoDay);
            await db.SaveChangesAsync();
            problem.Answer("已接入", "demo-zone", at, DemoDay);
            await db.SaveChangesAsync();
            problem.Close(Satisfaction.BasicallySatisfied, null, "demo-zone", at, DemoDay);
            await db.SaveChangesAsync();

            var next = await ProblemDesk.RaiseAsync(db, await RaiseOnAsync(db, "YQGX-2024-005", "次年问题") with { Deadline = new DateOnly(2025, 1, 20) }, "demo-zone", at.AddMonths(9), new DateOnly(2025, 1, 6));
            Assert.Equal("P2025-0001", next.Number);
        }

        await using (var db = test.NewContext())
        {
            var problem = await db.Problems.Include(p => p.Steps).Include(p => p.Notices).SingleAsync(p => p.Number == number);
            Assert.Equal(ProblemStatus.Closed, problem.Status);
            Assert.Equal(Satisfaction.BasicallySatisfied, problem.Satisfaction);
            Assert.Equal([ProblemStepKind.Raised, ProblemStepKind.Assigned, ProblemStepKind.Answered, ProblemStepKind.Closed], problem.Timeline.Steps.Select(s => s.Kind));
            var log = await db.AuditEntries.Where(a => a.Entity == "problem" && a.EntityKey == number).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(["created", "assigned", "answered", "closed"], log.Select(a => a.Action));
            Assert.All(log, a => Assert.Equal("demo-zone", a.Actor));
            Assert.Contains("\"department\":\"阳泉高新区住房和城乡建设局\"", log[1].After);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task DesksRaisingAtOnce_GetEachTheirOwnNumber(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        var first = await CountAsync(test) + 1;
        var numbers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            await using var db = test.NewContext();
            var problem = await ProblemDesk.RaiseAsync(db, await RaiseOnAsync(db, "YQGX-2024-004", $"问题{i}"), "demo-zone", TestDatabase.DemoDay, DemoDay);
            return problem.Number;
        }));
        Assert.Equal(Enumerable.Range(first, 6).Select(n => $"P2024-{n:D4}"), numbers.Order());
    }

    [Theory]
    [DatabaseData]
    public async Task Notices_AreNumberedInTheIssuingUnitsSeries_AndAudited(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var workers = await db.Problems.Include(p => p.Steps).Include(p => p.Notices).SingleAsync(p => p.Number == "P2024-0003");
        var byCity = await ProblemDesk.SuperviseAsync(db, tree, workers, tree.Resolve("阳泉市"), new DateOnly(2024, 4, 17), null, LightRules.Default, "demo-city", TestDatabase.DemoDay, DemoDay);
        Assert.Equal("阳泉市督〔2024〕1号", byCity.Reference);
        var again = await ProblemDesk.SuperviseAsync(db, tree, workers, tree.Resolve("阳泉高新区"), new DateOnly(2024, 4, 17), null, LightRules.Default, "demo-zone", TestDatabase.DemoDay, DemoDay);
        Assert.Equal("阳泉高新区督〔2024〕2号", again.Reference); // the demo issued 阳泉高新区督〔2024〕1号
        Assert.Equal(2, again.Sequence);

        await using var check = test.NewContext();
        Assert.Equal(3, await check.SupervisionNotices.CountAsync());
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Entity == "notice" && a.EntityKey == "阳泉市督〔2024〕1号" && a.Action == "created"));
    }

    [Theory]
    [DatabaseData]
    public async Task FactorSheets_AndChecklists_ReadBack_AndEveryChangeIsAudited(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using (var db = test.NewContext())
        {
            var project = await db.Projects.SingleAsync(p => p.Code == "YQGX-2024-002");
            var sheet = await FactorDesk.SheetAsync(db, project);
            Assert.Equal(2, sheet.Funds.Count);
            sheet.RecordFunds(FundSource.BankLoans, Money.Zero, Money.Zero, Money.Zero);
            sheet.RecordFunds(FundSource.IndustryFund, new Money(30_000), new Money(30_000), new Money(10_000));
            await db.SaveChangesAsync();
        }

        await using (var db = test.NewContext())
        {
            var sheet = await db.ProjectFactors.Include(f => f.Funds).SingleAsync(f => f.Project!.Code == "YQGX-2024-002");
            Assert.Equal([FundSource.SpecialBonds, FundSource.IndustryFund], sheet.Funds.Select(f => f.Source).Order());
            Assert.Equal(8_000m, sheet.EnergyApproved);
            var log = await db.AuditEntries.Where(a => a.Entity == "funds").Select(a => new { a.EntityKey, a.Action }).ToListAsync();
            Assert.Contains(new { EntityKey = "YQGX-2024-002/BankLoans", Action = "deleted" }, log);
            Assert.Contains(new { EntityKey = "YQGX-2024-002/IndustryFund", Action = "created" }, log);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "factors" && a.EntityKey == "YQGX-2024-001"));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == "procedure" && a.EntityKey == "YQGX-2024-006/施工许可" && a.Action == "created"));

            var permit = await db.ProcedureItems.SingleAsync(i => i.Project!.Code == "YQGX-2024-006" && i.Kind == ProcedureKind.ConstructionPermit);
            Assert.Equal(HandlingMode.AcceptedWithGaps, permit.Mode);
            Assert.Equal("施工图审查合格书", permit.MissingPapers);
            Assert.Equal(new DateOnly(2024, 4, 5), permit.SupplyBy);
        }
    }
}
