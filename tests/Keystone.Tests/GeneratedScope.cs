using System.Globalization;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Schedule;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Tests;

/// <summary>
/// A city of generated projects (基准市 with its zones 基准开发区0 …) added to a database through the ledger
/// importer, each with a node plan: for the battle map at the scale of a province. Seeded, so the same
/// arguments give the same projects; the nodes fall around the demo day, so some are overdue (red), some
/// due within a week (yellow), most on track.
/// </summary>
public static class GeneratedScope
{
    public const string City = "基准市";

    public static string Zone(int i) => "基准开发区" + i.ToString(CultureInfo.InvariantCulture);

    public static string Code(int i) => "JZ-" + i.ToString("00000", CultureInfo.InvariantCulture);

    public static async Task AddAsync(AppDbContext db, int projects, int zones = 10, int seed = 7)
    {
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(TestDatabase.DemoDay.Date);
        var ledger = TestLedger.Standard();
        var dates = new Dictionary<string, (DateOnly Start, DateOnly Completion)>();
        for (var i = 0; i < projects; i++)
        {
            var start = new DateOnly(2024, 1, 1).AddDays(random.Next(-360, 300));
            var completion = start.AddDays(random.Next(240, 900));
            var started = start <= today;
            var row = TestLedger.Project(Code(i), $"基准{Zone(i % zones)[2..]}项目{i.ToString("00000", CultureInfo.InvariantCulture)}", Zone(i % zones), City);
            row[LedgerField.Levels] = i % 9 == 0 ? "省级重点" : i % 4 == 0 ? "市级重点" : "区级";
            row[LedgerField.Nature] = start.Year < 2024 ? "续建" : "新建";
            row[LedgerField.PlannedStart] = start;
            row[LedgerField.PlannedCompletion] = completion;
            row[LedgerField.ActualStart] = started ? start : null;
            row[LedgerField.StartDate] = started && start.Year == 2024 ? start : null;
            row[LedgerField.Status] = started ? "在建" : "前期";
            row[LedgerField.YearToDate] = null;
            row[LedgerField.Cumulative] = null;
            row[LedgerField.Uscc] = null;
            row[LedgerField.Enterprise] = null;
            ledger.Add(row);
            dates[Code(i)] = (start, completion);
        }

        var source = ledger.Csv(System.Text.Encoding.UTF8, name: "基准市台账.csv");
        var result = await new LedgerImporter(db, new FakeTimeProvider(TestDatabase.DemoDay)).ImportAsync(source, new LedgerImportOptions { Year = 2024, Period = DemoData.Period });
        Assert.True(result.Applied, string.Join("; ", result.Problems.Take(5)));

        db.ChangeTracker.Clear();
        var ids = await db.Projects.Where(p => p.Code.StartsWith("JZ-")).ToListAsync();
        foreach (var project in ids)
        {
            var (start, completion) = dates[project.Code];
            // Durations that fill the time to the deadline, give or take: some plans overrun it.
            var span = (completion.DayNumber - start.DayNumber) * (0.8 + (random.NextDouble() * 0.35));
            var prepare = Math.Max(10, (int)(span * 0.12));
            var build = (int)(span * 0.55);
            var fitOut = (int)(span * 0.4);
            var topped = start.AddDays(prepare + build - 1 + random.Next(-10, 11));
            // Most nodes already due were reached; the rest are overdue (red).
            var toppedDone = topped < today && random.Next(4) != 0 ? $", \"actualFinish\": \"{Iso(topped)}\"" : "";
            var json = $$"""
                {"start": "{{Iso(start)}}", "deadline": "{{Iso(completion)}}", "activities": [
                  {"id": "A", "name": "前期准备", "duration": {{prepare}}},
                  {"id": "B", "name": "主体施工", "duration": {{build}}, "after": ["A"]},
                  {"id": "M1", "name": "主体封顶", "duration": 0, "after": ["B"], "due": "{{Iso(topped)}}"{{toppedDone}}},
                  {"id": "C", "name": "装饰装修", "duration": {{fitOut}}, "after": [{"id": "B", "type": "SS", "lag": {{build / 2}}}]},
                  {"id": "M2", "name": "竣工验收", "duration": 0, "after": ["C", "M1"], "due": "{{Iso(completion)}}"}
                ]}
                """;
            db.Schedules.Add(new ProjectSchedule(project, json, TestDatabase.DemoDay, ScheduleLimits.Default));
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
