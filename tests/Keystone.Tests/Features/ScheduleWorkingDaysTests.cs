using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Schedule;
using Keystone.Testing;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>
/// A schedule counting working days (工作日) through the app: chosen on the schedule page's form, carried by the
/// JSON and the node-plan import, answered by the API, and recorded readably in the project's history. The
/// dates are 2024's 国庆: 10-01..10-07 off, Sunday 09-29 and Saturday 10-12 worked.
/// </summary>
public class ScheduleWorkingDaysTests
{
    private const string Code = DemoData.ScheduledProject;
    private static readonly string Page = $"/projects/{Code}/schedule";

    private static async Task<string> StoredPlanAsync(KeystoneApp app, string code = Code)
    {
        await using var db = app.NewContext();
        return await db.Schedules.Where(s => s.Project!.Code == code).Select(s => s.PlanJson).SingleAsync();
    }

    private static SchedulePlanFile.Plan Stored(string json) => SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(json), "stored");

    [Theory]
    [DatabaseData]
    public async Task TheSchedulePage_SwitchesAPlanToWorkingDays_AndBack_AndTheHistorySaysSo(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var plan = Stored(await StoredPlanAsync(app));
        Assert.Equal(ScheduleDays.Calendar, plan.Days);
        var (_, page) = await app.PageAsync(Page);
        Assert.Contains("id=\"plan-days\"", page);
        Assert.Contains("<option value=\"working\"", page);
        Assert.Contains("data-days=\"calendar\"", page);

        var dates = new List<(string, string)> { ("start", plan.Start.ToString("yyyy-MM-dd")), ("deadline", plan.Deadline?.ToString("yyyy-MM-dd") ?? "") };
        var saved = await app.SubmitAsync(Page, "plan", [.. dates, ("days", "working")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var working = Stored(await StoredPlanAsync(app));
        Assert.Equal(ScheduleDays.Working, working.Days);
        Assert.Equal(SchedulePlanFile.Write(plan with { Days = ScheduleDays.Working }), SchedulePlanFile.Write(working)); // only the count changed

        var asOf = DateOnly.FromDateTime(TestDatabase.DemoDay.Date);
        var expected = Scheduler.Compute(working, asOf);
        (_, page) = await app.PageAsync(Page);
        Assert.Contains("data-days=\"working\"", page);
        Assert.Contains("工期按工作日计", page);
        Assert.Contains($"data-date=\"{expected.Finish:yyyy-MM-dd}\"", page);
        if (expected.DeadlineMargin is > 0 && !expected.Late.Any())
        {
            Assert.Contains($"富余{expected.DeadlineMargin}个工作日", page);
        }

        var api = await app.GetJsonAsync($"/api/projects/{Code}/schedule?asOf={asOf:yyyy-MM-dd}");
        Assert.Equal("working", (string)api["days"]!);
        Assert.Equal("working", (string)api["plan"]!["days"]!);
        Assert.Equal(expected.DeadlineMargin, (int?)api["deadlineMargin"]);

        var history = (await app.GetJsonAsync($"/api/audit?entity=project&id={Code}"))["items"]!.AsArray();
        Assert.Contains(history, i => i!["lines"]!.AsArray().Any(l => ((string)l!).EndsWith("计日方式 日历天 → 工作日", StringComparison.Ordinal)));

        // A made-up kind is refused beside the select, and nothing changes.
        var refused = await app.SubmitAsync(Page, "plan", [.. dates, ("days", "weekly")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"plan-days-error\"", html);
        Assert.Contains("计日方式“weekly”无效", html);
        Assert.Equal(ScheduleDays.Working, Stored(await StoredPlanAsync(app)).Days);

        // And back: the stored plan is the calendar-day one it was.
        saved = await app.SubmitAsync(Page, "plan", [.. dates, ("days", "calendar")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var back = await StoredPlanAsync(app);
        Assert.DoesNotContain("\"days\"", back, StringComparison.Ordinal);
        Assert.Equal(ScheduleDays.Calendar, Stored(back).Days);
        history = (await app.GetJsonAsync($"/api/audit?entity=project&id={Code}"))["items"]!.AsArray();
        Assert.Contains(history, i => i!["lines"]!.AsArray().Any(l => ((string)l!).EndsWith("计日方式 工作日 → 日历天", StringComparison.Ordinal)));
    }

    [Theory]
    [DatabaseData]
    public async Task TheApi_SavesAndAnswersAWorkingDayPlan_AcrossGuoqing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var plan = JsonNode.Parse("""{"start": "2024-09-27", "deadline": "2024-10-31", "days": "working", "activities": [{"id": "A", "name": "基础", "duration": 10}, {"id": "B", "name": "主体", "duration": 2, "after": [{"id": "A", "type": "FS", "lag": 2}]}]}""")!;
        var saved = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/schedule", plan, user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var got = await app.GetJsonAsync("/api/projects/YQGX-2024-001/schedule?asOf=2024-09-27", user: "demo-zone");
        Assert.Equal("working", (string)got["days"]!);
        var a = got["activities"]!.AsArray()[0]!;
        Assert.Equal("2024-10-15", (string)a["earlyFinish"]!); // 09-27, 09-29, 09-30, 10-08 .. 10-12, 10-14, 10-15
        var b = got["activities"]!.AsArray()[1]!;
        Assert.Equal("2024-10-18", (string)b["earlyStart"]!); // a lag of 10-16 and 10-17
        Assert.Equal("2024-10-21", (string)b["earlyFinish"]!); // 10-18, then Monday 10-21
        Assert.Equal(8, (int)got["deadlineMargin"]!); // 10-22 .. 10-25, 10-28 .. 10-31
        Assert.Equal(8, (int)got["criticalFloat"]!);

        // A calendar-day plan answers "calendar", and a made-up kind is refused naming the field.
        plan["days"] = "calendar";
        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/schedule", plan, user: "demo-zone")).StatusCode);
        got = await app.GetJsonAsync("/api/projects/YQGX-2024-001/schedule?asOf=2024-09-27", user: "demo-zone");
        Assert.Equal("calendar", (string)got["days"]!);
        Assert.Equal("2024-10-06", (string)got["activities"]!.AsArray()[0]!["earlyFinish"]!);

        plan["days"] = "weekly";
        var refused = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/schedule", plan, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("days", (string)(await KeystoneApp.ProblemAsync(refused))["detail"]!, StringComparison.Ordinal);
        Assert.Equal("calendar", (string)(await app.GetJsonAsync("/api/projects/YQGX-2024-001/schedule?asOf=2024-09-27", user: "demo-zone"))["days"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task ANodePlan_IsImportedInWorkingDays_WhenTheFormSaysSo(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var plan = new TestLedger { Headers = ["编号", "节点名称", "工期（天）", "前置工作"] };
        plan.Row("1", "基础", "10", "").Row("2", "主体", "0", "1");
        var imported = await app.SubmitAsync(Page, "import", [("start", "2024-09-27"), ("deadline", "2024-10-31"), ("days", "working")], file: ("节点计划.xlsx", plan.ToXlsx()));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var stored = Stored(await StoredPlanAsync(app));
        Assert.Equal(ScheduleDays.Working, stored.Days);
        Assert.Equal(new DateOnly(2024, 10, 15), Scheduler.Compute(stored).Finish);

        var refused = await app.SubmitAsync(Page, "import", [("start", "2024-09-27"), ("deadline", ""), ("days", "weekly")], file: ("节点计划.xlsx", plan.ToXlsx()));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"import-days-error\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(ScheduleDays.Working, Stored(await StoredPlanAsync(app)).Days);
    }
}
