using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Ledger;

/// <summary>
/// The demo dataset: the 2024 ledger of the zones and projects of the seed articles (its copy beside this file), loaded
/// through the ledger importer like any zone's file. Its 本年完成投资 columns are the March 2024 reports:
/// seed 004 quotes 阳泉高新区 as of April 2024.
/// </summary>
public static class DemoData
{
    /// <summary>长治高新区智能高端装备制造产业三期 (seed 002): its buildings, and its node plan to "11月底完成主体结构".</summary>
    public const string ScheduledProject = "2304-140471-04-01-318852";

    /// <summary>The node plan of seed 002's project as the zone would keep it, in the `keystone schedule` JSON.</summary>
    public const string SchedulePlan = """
        {"start": "2024-03-01", "deadline": "2024-11-30", "activities": [
          {"id": "A", "name": "场平及临建", "duration": 15, "responsible": "山西建设工程集团", "actualStart": "2024-03-01", "actualFinish": "2024-03-15"},
          {"id": "B", "name": "a1-a4厂房基础工程", "duration": 60, "after": ["A"], "responsible": "山西建设工程集团", "actualStart": "2024-03-16"},
          {"id": "C", "name": "综合楼基础", "duration": 45, "after": [{"id": "A", "type": "FS", "lag": 10}], "responsible": "山西建设工程集团", "actualStart": "2024-03-28"},
          {"id": "D", "name": "厂房钢结构主体", "duration": 90, "after": ["B"], "responsible": "山西建设工程集团"},
          {"id": "E", "name": "综合楼主体结构", "duration": 120, "after": ["C"], "responsible": "山西建设工程集团"},
          {"id": "M1", "name": "完成主体结构", "duration": 0, "after": ["D", "E"], "due": "2024-11-30"},
          {"id": "F", "name": "设备用房及配套工程", "duration": 40, "after": [{"id": "D", "type": "SS", "lag": 30}], "responsible": "长治高新区管委会"}
        ]}
        """;

    public const int Year = 2024;

    public static readonly Period Period = new(2024, 3);

    /// <summary>
    /// Changes whenever what the demo loads changes beyond the ledger file (users, problems, factors), so the
    /// tests' database templates, named after the schema and the demo, are built again.
    /// </summary>
    public const int Revision = 7;

    public static Stream OpenLedger() =>
        typeof(DemoData).Assembly.GetManifestResourceStream("Keystone.Core.Ledger.Demo.demo-ledger-2024.xlsx")
        ?? throw new InvalidOperationException("The demo ledger is not embedded in Keystone.Core");

    /// <summary>Seed 002's buildings: "a1 基础工程已完成 80%，a2 基础工程已完成 90%，a3 基础工程完成 90%，a4 …基础工程已完成，综合楼一层正在进行…".</summary>
    private static async Task AddScheduleAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Code == ScheduledProject, ct);
        if (project is null || await db.Schedules.AnyAsync(s => s.ProjectId == project.Id, ct))
        {
            return;
        }

        db.Schedules.Add(new Schedule.ProjectSchedule(project, SchedulePlan, now, Schedule.ScheduleLimits.Default));
        db.WorkItems.AddRange(
            new Schedule.ProjectWorkItem(project, new Schedule.WorkItem(null, "a1", Schedule.ConstructionStage.Foundation, 80m), now),
            new Schedule.ProjectWorkItem(project, new Schedule.WorkItem(null, "a2", Schedule.ConstructionStage.Foundation, 90m), now),
            new Schedule.ProjectWorkItem(project, new Schedule.WorkItem(null, "a3", Schedule.ConstructionStage.Foundation, 90m), now),
            new Schedule.ProjectWorkItem(project, new Schedule.WorkItem(null, "a4", Schedule.ConstructionStage.Foundation, stageDone: true), now),
            new Schedule.ProjectWorkItem(project, new Schedule.WorkItem(null, "综合楼", Schedule.ConstructionStage.MainStructure), now));
        await db.SaveChangesAsync(ct);
    }

    public static async Task<LedgerImportResult> LoadAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        await using var file = OpenLedger();
        var source = await LedgerSource.ReadAsync(file, "demo-ledger-2024.xlsx", LedgerLimits.Default, ct);
        var result = await new LedgerImporter(db, clock).ImportAsync(source, new LedgerImportOptions { Year = Year, Period = Period }, null, ct);
        if (!result.Applied)
        {
            throw new InvalidOperationException("The demo ledger did not load: " + string.Join("; ", result.Problems));
        }

        await Accounts.Accounts.AddDemoUsersAsync(db, clock.GetUtcNow(), ct);
        await AddScheduleAsync(db, clock.GetUtcNow(), ct);
        await DemoClearing.LoadAsync(db, ct);
        await Indicators.Files.IndicatorDemo.LoadAsync(db, clock, ct);
        await Promotion.PromotionDemo.LoadAsync(db, clock, ct);
        await Promotion.PromotionEventDemo.LoadAsync(db, clock, ct);
        await Targets.TargetsDemo.LoadAsync(db, ct);
        await Enterprises.Service.EnterpriseDemo.LoadAsync(db, ct);
        await MeetingsDemo.LoadAsync(db, ct);
        await CampaignsDemo.LoadAsync(db, ct);
        return result;
    }
}
