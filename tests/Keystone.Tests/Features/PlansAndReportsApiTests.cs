using System.Net;
using System.Net.Http.Json;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class PlansAndReportsApiTests
{
    [Theory]
    [DatabaseData]
    public async Task PlanEntry_IsUpsertedByYear(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-010/plans/2025",
            new { nature = "续建", plannedInvestment = 20_000m, plannedStart = "2024-01-01" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-010/plans/2025",
            new { nature = "continuing", plannedInvestment = 25_000m });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plans = await app.GetJsonAsync("/api/projects/YQGX-2024-010/plans");
        Assert.Equal(2, (int)plans["total"]!);
        Assert.Equal(25_000m, (decimal)plans["items"]![1]!["plannedInvestment"]!);
        Assert.Equal(1, (int)(await app.GetJsonAsync("/api/plans?year=2025"))["total"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task PlanEntry_AboveTheTotal_OrWithAStartOutsideTheYear_IsRefused(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-010/plans/2025",
            new { nature = "new", plannedInvestment = 1_000_000m });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await KeystoneApp.ProblemAsync(response))["errors"]!["plannedInvestment"]);

        response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-010/plans/2025",
            new { nature = "new", plannedInvestment = 100m, startDate = "2024-12-01" });
        Assert.NotNull((await KeystoneApp.ProblemAsync(response))["errors"]!["startDate"]);

        response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-010/plans/2025",
            new { nature = "重建", plannedInvestment = 100m });
        Assert.NotNull((await KeystoneApp.ProblemAsync(response))["errors"]!["nature"]);
        Assert.Equal(1, (int)(await app.GetJsonAsync("/api/projects/YQGX-2024-010/plans"))["total"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task MonthlyReport_ThatDoesNotReconcile_IsRefusedNamingTheNumbers(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        // The demo holds the March 2024 report of YQGX-2024-001: year to date 3770, cumulative 15886.
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-04",
            new { month = 1000m, yearToDate = 3770m });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var month = (string)(await KeystoneApp.ProblemAsync(response))["errors"]!["month"]![0]!;
        Assert.Contains("本月完成1000万元，与本年累计之差0万元不符", month, StringComparison.Ordinal);
        var reports = await app.GetJsonAsync("/api/projects/YQGX-2024-001/reports?year=2024");
        Assert.DoesNotContain(reports["items"]!.AsArray(), r => (string)r!["period"]! == "2024-04");

        // Given only the year to date, the month is derived from it.
        response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-04", new { yearToDate = 4270m });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var april = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
        Assert.Equal(500m, (decimal)april["month"]!);
        Assert.Equal(16386m, (decimal)april["cumulative"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task MonthlyReport_ContinuesTheYearToDateAndCumulative(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        // The demo holds the March 2024 report of YQGX-2024-001: year to date 3770, cumulative 15886.
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-04",
            new { month = 500m, imageProgress = "基础施工完成60%" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reports = await app.GetJsonAsync("/api/projects/YQGX-2024-001/reports?year=2024");
        var april = reports["items"]!.AsArray().Single(r => (string)r!["period"]! == "2024-04")!;
        Assert.Equal(4270m, (decimal)april["yearToDate"]!);
        Assert.Equal(16386m, (decimal)april["cumulative"]!);
        Assert.Equal("基础施工完成60%", (string)april["imageProgress"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task MonthlyReport_BelowAnEarlierMonth_NeedsAReason(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-04",
            new { month = 0m, yearToDate = 3000m, cumulative = 15000m });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("更正原因", (string)(await KeystoneApp.ProblemAsync(response))["detail"]!);

        response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-04",
            new { month = 0m, yearToDate = 3000m, cumulative = 15000m, correctionReason = "统计口径调整" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task MonthlyReport_ForAFutureMonth_OrABadPeriod_IsRefused(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-05", new { month = 1m });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-13", new { month = 1m });
        Assert.NotNull((await KeystoneApp.ProblemAsync(response))["errors"]!["period"]);
        response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-04", new { month = -1m });
        Assert.NotNull((await KeystoneApp.ProblemAsync(response))["errors"]!["month"]);
        Assert.Single((await app.GetJsonAsync("/api/projects/YQGX-2024-001/reports"))["items"]!.AsArray());
    }

    [Theory]
    [DatabaseData]
    public async Task PlanEntry_ThatRestatesAClosedMonth_NeedsAReason_WhichIsStoredAndReturned(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        Assert.Equal(HttpStatusCode.Created, (await app.SendJsonAsync(HttpMethod.Post, "/api/periods/close", new { scope = "阳泉高新区", month = "2024-03" })).StatusCode);
        var plan = PlanOf(await app.GetJsonAsync("/api/projects/YQGX-2024-001/plans"), 2024);
        var planned = (decimal)plan["plannedInvestment"]!;
        var change = new { nature = (string)plan["nature"]!, plannedInvestment = planned - 100m, plannedStart = (string?)plan["plannedStart"], startDate = (string?)plan["startDate"] };

        var refused = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/plans/2024", change);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = (string)(await KeystoneApp.ProblemAsync(refused))["errors"]!["correctionReason"]![0]!;
        Assert.Contains("2024年3月已关账", error, StringComparison.Ordinal);
        var english = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/plans/2024", change with { }, language: "en-US");
        Assert.Contains("correction reason", (string)(await KeystoneApp.ProblemAsync(english))["errors"]!["correctionReason"]![0]!, StringComparison.Ordinal);
        var tooLong = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/plans/2024",
            new { change.nature, change.plannedInvestment, change.plannedStart, change.startDate, correctionReason = new string('因', 501) });
        Assert.Contains("500", (string)(await KeystoneApp.ProblemAsync(tooLong))["errors"]!["correctionReason"]![0]!, StringComparison.Ordinal);
        Assert.Equal(planned, (decimal)PlanOf(await app.GetJsonAsync("/api/projects/YQGX-2024-001/plans"), 2024)["plannedInvestment"]!);

        var accepted = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/plans/2024",
            new { change.nature, change.plannedInvestment, change.plannedStart, change.startDate, correctionReason = " 市里调减年度计划 " });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var saved = (await accepted.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
        Assert.Equal("市里调减年度计划", (string)saved["correctionReason"]!);
        Assert.Equal(KeystoneApp.Admin, (string)saved["correctedBy"]!);
        Assert.NotNull(saved["correctedAt"]);

        var stored = PlanOf(await app.GetJsonAsync("/api/projects/YQGX-2024-001/plans"), 2024);
        Assert.Equal(planned - 100m, (decimal)stored["plannedInvestment"]!);
        Assert.Equal("市里调减年度计划", (string)stored["correctionReason"]!);
        var listed = (await app.GetJsonAsync("/api/plans?year=2024&scope=" + Uri.EscapeDataString("阳泉高新区") + "&pageSize=200"))["items"]!.AsArray()
            .Single(i => (string)i!["code"]! == "YQGX-2024-001")!;
        Assert.Equal("市里调减年度计划", (string)listed["correctionReason"]!);
        Assert.Equal(KeystoneApp.Admin, (string)listed["correctedBy"]!);

        // A month the change does not reach (2025 has none closed) needs no reason.
        Assert.Equal(HttpStatusCode.OK, (await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/plans/2025", new { nature = "续建", plannedInvestment = 100m })).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task MonthlyReport_WithACorrectionReasonOver500Characters_IsRefusedNamingIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var response = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-04",
            new { month = 0m, yearToDate = 3000m, cumulative = 15000m, correctionReason = new string('因', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("500", (string)(await KeystoneApp.ProblemAsync(response))["errors"]!["correctionReason"]![0]!, StringComparison.Ordinal);
        Assert.Single((await app.GetJsonAsync("/api/projects/YQGX-2024-001/reports"))["items"]!.AsArray());
    }

    private static System.Text.Json.Nodes.JsonNode PlanOf(System.Text.Json.Nodes.JsonObject plans, int year) =>
        plans["items"]!.AsArray().Single(p => (int)p!["year"]! == year)!;
}
