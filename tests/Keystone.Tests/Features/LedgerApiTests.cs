using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Features.Ledger;
using Keystone.Testing;

namespace Keystone.Tests.Features;

public class LedgerApiTests
{
    internal static MultipartFormDataContent Form(byte[] file, string name, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }

        return form;
    }

    private static TestLedger OneGoodOneBad()
    {
        var ledger = TestLedger.Standard();
        var bad = TestLedger.Project("BAD-1", "坏项目");
        bad[LedgerField.AnnualPlan] = 99_999m;
        return ledger.Add(TestLedger.Project("OK-1", "好项目")).Add(bad);
    }

    [Theory]
    [DatabaseData]
    public async Task Import_Good_ThenTheSameAgain_IsUnchanged(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, demo: false);
        using var client = app.Client();
        var ledger = TestLedger.Standard().Add(TestLedger.Project("OK-1", "好项目"));
        var response = await client.PostAsync("/api/ledger/import", Form(ledger.ToXlsx(), "台账.xlsx", ("year", "2024")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool)report["applied"]!);
        Assert.Equal(1, (int)report["new"]!);
        Assert.Contains("山西省/阳泉市/阳泉高新区", report["createdUnits"]!.AsArray().Select(u => (string)u!));

        response = await client.PostAsync("/api/ledger/import", Form(ledger.ToXlsx(), "台账.xlsx", ("year", "2024")));
        report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)report["unchanged"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task Import_LogsEachNewProject_WithTheFileAndRowItCameFrom(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, demo: false);
        using var client = app.Client();
        var ledger = TestLedger.Standard().Add(TestLedger.Project("OK-1", "好项目")).Add(TestLedger.Project("OK-2", "另一个项目"));
        var response = await client.PostAsync("/api/ledger/import", Form(ledger.ToXlsx(), "五月台账.xlsx", ("year", "2024")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var history = (await app.GetJsonAsync("/api/audit?entity=project&id=OK-2"))["items"]!.AsArray();
        var imported = Assert.Single(history, h => (string)h!["entity"]! == "project" && (string)h!["action"]! == "imported")!;
        var reason = (string)imported["reason"]!;
        Assert.StartsWith("五月台账.xlsx", reason);
        Assert.EndsWith($"第{ledger.RowNumber(1)}行", reason);
    }

    [Theory]
    [DatabaseData]
    public async Task Import_WithABadRow_Is422_WithEveryProblem_AndWritesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, demo: false);
        using var client = app.Client("en-US");
        var response = await client.PostAsync("/api/ledger/import", Form(OneGoodOneBad().ToXlsx(), "台账.xlsx", ("year", "2024")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await KeystoneApp.ProblemAsync(response);
        Assert.Contains("nothing was imported", (string)problem["title"]!);
        var problems = problem["report"]!["problems"]!.AsArray();
        Assert.Single(problems);
        Assert.Equal(3, (int)problems[0]!["row"]!);
        Assert.Contains("exceeds the total", (string)problems[0]!["reason"]!);
        Assert.Equal(0, await app.CountProjectsAsync());

        response = await client.PostAsync("/api/ledger/import", Form(OneGoodOneBad().ToXlsx(), "台账.xlsx", ("year", "2024"), ("goodRowsOnly", "true")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await app.CountProjectsAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task ErrorsWorkbook_IsAnXlsxOfTheRefusedFile(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, demo: false);
        using var client = app.Client();
        var response = await client.PostAsync("/api/ledger/import/errors", Form(OneGoodOneBad().ToXlsx(), "台账.xlsx", ("year", "2024")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LedgerApi.XlsxType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var source = LedgerSource.FromBytes(bytes, "errors.xlsx", LedgerLimits.Default);
        Assert.Contains(source.Rows(source.SheetNames[0]), r => r.Cells.Any(c => c is string s && s.Contains("超过总投资")));
    }

    [Theory]
    [DatabaseData]
    public async Task Import_WithoutAFile_OrWithGarbage_IsA400(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, demo: false);
        using var client = app.Client();
        var response = await client.PostAsync("/api/ledger/import", new MultipartFormDataContent { { new StringContent("2024"), "year" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请选择", (string)(await KeystoneApp.ProblemAsync(response))["detail"]!);

        response = await client.PostAsync("/api/ledger/import", Form([0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3, 4], "加密.xlsx"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("已加密", (string)(await KeystoneApp.ProblemAsync(response))["detail"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task Export_DownloadsTheScopesLedger_InEitherFormat(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client();
        var xlsx = await client.GetAsync("/api/ledger/export?scope=" + Uri.EscapeDataString("古县经济技术开发区") + "&year=2024");
        Assert.Equal(LedgerApi.XlsxType, xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Contains("古县经济技术开发区", Uri.UnescapeDataString(xlsx.Content.Headers.ContentDisposition!.FileNameStar!));
        var source = LedgerSource.FromBytes(await xlsx.Content.ReadAsByteArrayAsync(), "x.xlsx", LedgerLimits.Default);
        Assert.Equal(16 + 2, source.Rows(source.SheetNames[0]).Count());

        var csv = await client.GetStringAsync("/api/ledger/export?scope=" + Uri.EscapeDataString("古县经济技术开发区") + "&year=2024&format=csv");
        Assert.StartsWith("\uFEFF古县经济技术开发区2024年重点项目台账", csv);

        var bad = await client.GetAsync("/api/ledger/export?scope=" + Uri.EscapeDataString("古县经济技术开发区") + "&year=2024&format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
