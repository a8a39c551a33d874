using System.Net;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>The plan page (/projects/{code}/plans/{year}): an officer enters or revises a year's plan entry, with a reason when it restates a closed month.</summary>
public class PlanPagesTests
{
    private const string Zone = "demo-zone";
    private const string Page = "/projects/YQGX-2024-001/plans/2024";

    [Theory]
    [DatabaseData]
    public async Task APlanEdit_ThatRestatesAClosedMonth_AsksForTheReason_AndSavesItWithOne(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        Assert.Equal(HttpStatusCode.Created, (await app.SendJsonAsync(HttpMethod.Post, "/api/periods/close", new { scope = "阳泉高新区", month = "2024-03" })).StatusCode);
        var (_, project) = await app.PageAsAsync(Zone, "/projects/YQGX-2024-001");
        Assert.Contains($"href=\"{Page}\"", project);

        var (status, form) = await app.PageAsAsync(Zone, Page);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"closed-note\"", form);
        Assert.Contains("2024年已关账：3月", form);
        decimal planned;
        await using (var db = app.NewContext())
        {
            planned = (await db.AnnualPlans.AsNoTracking().SingleAsync(p => p.Project!.Code == "YQGX-2024-001" && p.Year == 2024)).PlannedInvestment.Wan;
        }

        var lower = (planned - 100m).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string, string)[] fields = [("nature", "Continuing"), ("plannedInvestment", lower), ("plannedStart", ""), ("startDate", "")];
        var refused = await app.SubmitAsync(Page, "plan-entry", fields, user: Zone);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"correctionReason-error\"", html);
        Assert.Contains("2024年3月已关账", html);
        Assert.Contains($"value=\"{lower}\"", html);
        await using (var db = app.NewContext())
        {
            var plan = await db.AnnualPlans.AsNoTracking().SingleAsync(p => p.Project!.Code == "YQGX-2024-001" && p.Year == 2024);
            Assert.Equal(planned, plan.PlannedInvestment.Wan);
        }

        var saved = await app.SubmitAsync(Page, "plan-entry", [.. fields, ("correctionReason", "市里调减年度计划")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("planned=2024", saved.Headers.Location!.ToString());
        await using (var db = app.NewContext())
        {
            var plan = await db.AnnualPlans.AsNoTracking().SingleAsync(p => p.Project!.Code == "YQGX-2024-001" && p.Year == 2024);
            Assert.Equal(planned - 100m, plan.PlannedInvestment.Wan);
            Assert.Equal("市里调减年度计划", plan.CorrectionReason);
            Assert.Equal(Zone, plan.CorrectedBy);
        }

        var (_, after) = await app.PageAsAsync(Zone, "/projects/YQGX-2024-001?planned=2024");
        Assert.Contains("id=\"plan-done\"", after);
        Assert.Contains("更正原因：市里调减年度计划", after);
    }

    [Fact]
    public async Task APlanEdit_InAYearWithNoClosedMonth_NeedsNoReason_AndABadAmountStaysBesideItsField()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        const string next = "/projects/YQGX-2024-001/plans/2025";
        var (_, form) = await app.PageAsAsync(Zone, next);
        Assert.DoesNotContain("id=\"closed-note\"", form);
        Assert.Contains("列入2025年度计划", form);

        var bad = await app.SubmitAsync(next, "plan-entry", [("nature", "New"), ("plannedInvestment", "两千")], user: Zone);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("“两千”不是数字", html);
        Assert.Contains("id=\"plannedInvestment-error\"", html);

        var saved = await app.SubmitAsync(next, "plan-entry", [("nature", "New"), ("plannedInvestment", "2000"), ("plannedStart", "2025-03-01")], user: Zone);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = app.NewContext();
        var plan = await db.AnnualPlans.AsNoTracking().SingleAsync(p => p.Project!.Code == "YQGX-2024-001" && p.Year == 2025);
        Assert.Equal(2000m, plan.PlannedInvestment.Wan);
        Assert.Null(plan.CorrectionReason);
    }
}
