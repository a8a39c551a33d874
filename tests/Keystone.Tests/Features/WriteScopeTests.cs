using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>
/// A write's scope is checked on what it touches, not only on the route, and no answer reveals another
/// unit's facts: the ledger import cannot take over another unit's project, problems cannot name another
/// unit's enterprise, a reporter stays within its units, an upload opens only for its uploader.
/// </summary>
public partial class WriteScopeTests
{
    /// <summary>古县经济技术开发区 (临汾市)'s project, as the demo holds it.</summary>
    private const string GuxianCode = "GX-2024-002";
    private const string GuxianName = "古县2024年重点产业项目1";
    private const string GuxianUscc = "91141000BFR805D5AL";
    private const string GuxianEnterprise = "古县2024有限公司";

    /// <summary>The reproduction's file: one row taking 古县's project code into 阳泉市/阳泉高新区.</summary>
    private static byte[] TakeoverCsv(string name = GuxianName) => Encoding.UTF8.GetBytes(
        "项目编号,项目名称,所属地市,所属区域,项目级别,项目类别,建设性质,总投资（万元）,年度计划投资（万元）\r\n"
        + $"{GuxianCode},{name},阳泉市,阳泉高新区,市级重点,产业类,续建,10000,2000\r\n");

    private static MultipartFormDataContent Form(byte[] file, string name, params (string Key, string Value)[] fields)
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

    /// <summary>Where 古县's project stands, its name and its enterprise's name, read from the database.</summary>
    private static async Task<(string Unit, string Name, string Enterprise)> GuxianProjectAsync(KeystoneApp app)
    {
        await using var db = app.NewContext();
        var p = await db.Projects.AsNoTracking().Include(x => x.Unit).Include(x => x.Enterprise).SingleAsync(x => x.Code == GuxianCode);
        return (p.Unit!.Name, p.Name, p.Enterprise!.Name);
    }

    /// <summary>No trace of 古县's project in an answer: its unit, its city, its enterprise (its code is the caller's own input).</summary>
    private static void AssertNoGuxianFacts(string answer)
    {
        if (answer.StartsWith('{'))
        {
            // Read as a client would, whatever the JSON escapes.
            answer = JsonNode.Parse(answer)!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        Assert.DoesNotContain("古县", answer);
        Assert.DoesNotContain("临汾", answer);
        Assert.DoesNotContain(GuxianUscc, answer);
    }

    /// <summary>A user of the demo's password, for the cases the demo has no user for.</summary>
    internal static async Task AddUserAsync(KeystoneApp app, string name, Role role, string unit, string? uscc = null)
    {
        await using var db = app.NewContext();
        await Keystone.Core.Accounts.Accounts.AddAsync(db, await db.LoadTreeAsync(default), name, role, unit, Keystone.Core.Accounts.Accounts.DemoPassword, TestDatabase.DemoDay, uscc);
    }

    [Theory]
    [DatabaseData]
    public async Task Import_OfAnotherUnitsProjectCode_IsRefused_AndThatProjectStaysWhereItWas(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");

        // The reproduction (same name as the project, as an export would give it), and with another name.
        foreach (var name in new[] { GuxianName, "阳泉高新区新项目" })
        {
            var response = await client.PostAsync("/api/ledger/import", Form(TakeoverCsv(name), "台账.csv", ("year", "2024")));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var report = (await KeystoneApp.ProblemAsync(response))["report"]!;
            Assert.False((bool)report["applied"]!);
            var problem = Assert.Single(report["problems"]!.AsArray())!;
            Assert.Equal(2, (int)problem["row"]!);
            Assert.Equal("项目编号已属于其他单位的项目", (string)problem["reason"]!);
            Assert.Empty(report["changes"]!.AsArray());
            AssertNoGuxianFacts(text);
            if (name != GuxianName)
            {
                Assert.DoesNotContain(GuxianName, text);
            }
        }

        Assert.Equal(("古县经济技术开发区", GuxianName, GuxianEnterprise), await GuxianProjectAsync(app));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/projects/{GuxianCode}")).StatusCode);

        using var english = app.Client("en-US", "demo-zone");
        var refused = await english.PostAsync("/api/ledger/import", Form(TakeoverCsv(), "ledger.csv", ("year", "2024")));
        Assert.Equal("This project code belongs to a project of another unit", (string)(await KeystoneApp.ProblemAsync(refused))["report"]!["problems"]![0]!["reason"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task DryRun_ErrorsWorkbook_AndGoodRowsOnly_ShowNothingOfTheOtherUnitsProject_AndChangeNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");

        var dryRun = await client.PostAsync("/api/ledger/import", Form(TakeoverCsv(), "台账.csv", ("year", "2024"), ("dryRun", "true")));
        var text = await dryRun.Content.ReadAsStringAsync();
        Assert.True(dryRun.IsSuccessStatusCode, text);
        var report = JsonNode.Parse(text)!;
        Assert.False((bool)report["applied"]!);
        Assert.Equal(0, (int)report["updated"]!);
        Assert.Empty(report["changes"]!.AsArray());
        Assert.Equal("项目编号已属于其他单位的项目", (string)report["problems"]![0]!["reason"]!);
        AssertNoGuxianFacts(text);

        // The marked-up copy is the caller's own file and the reasons: nothing of the project the code belongs to.
        var errors = await client.PostAsync("/api/ledger/import/errors", Form(TakeoverCsv("阳泉高新区新项目"), "台账.csv", ("year", "2024")));
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        var workbook = LedgerSource.FromBytes(await errors.Content.ReadAsByteArrayAsync(), "errors.xlsx", LedgerLimits.Default);
        var cells = workbook.Rows(workbook.SheetNames[0]).SelectMany(r => r.Cells).Select(c => c?.ToString() ?? "").ToList();
        Assert.Contains(cells, c => c.Contains("项目编号已属于其他单位的项目", StringComparison.Ordinal));
        AssertNoGuxianFacts(string.Join("\n", cells));
        Assert.DoesNotContain(GuxianName, cells);

        // Good rows only: the row is left out, and a good row beside it goes in.
        var mixed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(TakeoverCsv()) + "YQGX-NEW-1,阳泉高新区另一个新项目,阳泉市,阳泉高新区,市级重点,产业类,新建,10000,2000\r\n");
        var partial = await client.PostAsync("/api/ledger/import", Form(mixed, "台账.csv", ("year", "2024"), ("goodRowsOnly", "true")));
        var partialText = await partial.Content.ReadAsStringAsync();
        Assert.True(partial.IsSuccessStatusCode, partialText);
        Assert.Equal(1, (int)JsonNode.Parse(partialText)!["new"]!);
        Assert.Equal(0, (int)JsonNode.Parse(partialText)!["updated"]!);
        AssertNoGuxianFacts(partialText);

        Assert.Equal(("古县经济技术开发区", GuxianName, GuxianEnterprise), await GuxianProjectAsync(app));
    }

    [Theory]
    [DatabaseData]
    public async Task Import_MovesAProjectBetweenUnitsOfTheScope_ButNeverOutOfIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        const string row = "项目编号,项目名称,所属地市,所属区域,项目级别,项目类别,建设性质,总投资（万元）\r\n";

        // The city keeps both 阳泉高新区 and a county it creates: the project may move between them.
        using var city = app.Client(user: "demo-city");
        var moved = await city.PostAsync("/api/ledger/import", Form(Encoding.UTF8.GetBytes(row + "YQGX-2024-004,泉东产业园标准厂房及基础设施配套项目,阳泉市,盂县,市级重点,基础设施类,续建,60000\r\n"), "台账.csv", ("year", "2024")));
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        Assert.Equal("盂县", (string)(await app.GetJsonAsync("/api/projects/YQGX-2024-004", user: "demo-city"))["unit"]!);

        // The zone cannot send its project to another city's zone; nothing moves.
        using var zone = app.Client(user: "demo-zone");
        var away = await zone.PostAsync("/api/ledger/import", Form(Encoding.UTF8.GetBytes(row + "YQGX-2024-005,阳泉云峰大数据智能算力中心项目,临汾市,古县经济技术开发区,市级重点,产业类,续建,60000\r\n"), "台账.csv", ("year", "2024")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, away.StatusCode);
        Assert.Equal("阳泉高新区", (string)(await app.GetJsonAsync("/api/projects/YQGX-2024-005", user: "demo-zone"))["unit"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task TheUploadPage_WithAnotherUnitsProjectCode_ListsTheProblem_AndConfirmingChangesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var preview = await UploadAsync(app, "demo-zone", TakeoverCsv());
        var (status, html) = await app.PageAsAsync("demo-zone", preview);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("项目编号已属于其他单位的项目", html);
        AssertNoGuxianFacts(html);

        var confirm = await PostWithTokenAsync(app, "demo-zone", $"/ledger/import/{UploadId(preview)}/confirm", [("year", "2024")]);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(("古县经济技术开发区", GuxianName, GuxianEnterprise), await GuxianProjectAsync(app));
    }

    [Theory]
    [DatabaseData]
    public async Task AnUpload_IsReadableOnlyByItsUploader(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await AddUserAsync(app, "gx-zone", Role.ZoneOfficer, "古县经济技术开发区");
        var ledger = TestLedger.Standard().Add(TestLedger.Project("UPLOAD-1", "上传待确认的项目"));
        var before = await app.CountProjectsAsync();
        var preview = await UploadAsync(app, "demo-zone", ledger.ToXlsx(), "阳泉高新区五月台账.xlsx");
        var id = UploadId(preview);

        var (mine, mineHtml) = await app.PageAsAsync("demo-zone", preview);
        Assert.Equal(HttpStatusCode.OK, mine);
        Assert.Contains("阳泉高新区五月台账.xlsx", mineHtml);

        // Another zone's officer, and the city above the uploader, hold the link: it does not exist for them.
        foreach (var other in new[] { "gx-zone", "demo-city", "demo-province" })
        {
            var (status, html) = await app.PageAsAsync(other, preview);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("上传的文件已过期或不存在", html);
            Assert.DoesNotContain("阳泉高新区五月台账", html);
            Assert.DoesNotContain("上传待确认的项目", html);

            using var client = app.Client(user: other);
            var errors = await client.GetAsync($"/ledger/import/{id}/errors.xlsx?year=2024");
            Assert.Equal(HttpStatusCode.NotFound, errors.StatusCode);
            Assert.Contains("上传的文件已过期或不存在", (string)(await KeystoneApp.ProblemAsync(errors))["detail"]!);

            var confirm = await PostWithTokenAsync(app, other, $"/ledger/import/{id}/confirm", [("year", "2024")]);
            Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        }

        Assert.Equal(before, await app.CountProjectsAsync());

        // The uploader still confirms it.
        var confirmed = await PostWithTokenAsync(app, "demo-zone", $"/ledger/import/{id}/confirm", [("year", "2024")]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(before + 1, await app.CountProjectsAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task AProblem_OnAnotherUnitsEnterprise_IsRefusedAsNotFound_WithoutItsName(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var problems = (await app.GetJsonAsync($"/api/problems?scope={Uri.EscapeDataString("古县经济技术开发区")}", user: "demo-province"))["total"]!.GetValue<int>();

        var foreign = await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { enterprise = GuxianUscc, title = "用地指标", category = "用地", deadline = "2024-04-30" }, user: "demo-zone");
        var text = await foreign.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal("统一社会信用代码对应的企业不存在或无权访问", (string)(await KeystoneApp.ProblemAsync(foreign))["errors"]!["enterprise"]![0]!);
        Assert.DoesNotContain(GuxianEnterprise, text);
        AssertNoGuxianFacts(text);

        // The same answer as for an enterprise that does not exist at all.
        var unknown = await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { enterprise = "91140300MA0K12345" + Core.Uscc.CheckCharacter("91140300MA0K12345"), title = "用地指标", category = "用地", deadline = "2024-04-30" }, user: "demo-zone");
        Assert.Equal((string)(await KeystoneApp.ProblemAsync(unknown))["errors"]!["enterprise"]![0]!, (string)JsonNode.Parse(text)!["errors"]!["enterprise"]![0]!);

        // The city above 古县 may not either; the province may.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { enterprise = GuxianUscc, title = "用地指标", category = "用地", deadline = "2024-04-30" }, user: "demo-city")).StatusCode);
        Assert.Equal(problems, (await app.GetJsonAsync($"/api/problems?scope={Uri.EscapeDataString("古县经济技术开发区")}", user: "demo-province"))["total"]!.GetValue<int>());
        var province = await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { enterprise = GuxianUscc, title = "用地指标", category = "用地", deadline = "2024-04-30", unit = "古县经济技术开发区" }, user: "demo-province");
        Assert.Equal(HttpStatusCode.Created, province.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task AReporter_SeesAndReportsOnlyItsEnterprisesProjects_WithinItsOwnUnits(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);

        // The city registers an enterprise with a project of its own; the zone links its project to it (shared downward).
        var uscc = "91140300MA0K12345" + Core.Uscc.CheckCharacter("91140300MA0K12345");
        var cityProject = KeystoneApp.NewProjectInput("CITY-001");
        cityProject["unit"] = "阳泉市";
        cityProject["enterprise"] = new { uscc, name = "阳泉市城投集团" };
        Assert.Equal(HttpStatusCode.Created, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects", cityProject, user: "demo-city")).StatusCode);
        var zoneProject = KeystoneApp.NewProjectInput("ZONE-001");
        zoneProject["enterprise"] = new { uscc, name = "阳泉市城投集团" };
        Assert.Equal(HttpStatusCode.Created, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects", zoneProject, user: "demo-zone")).StatusCode);

        // The enterprise's reporter at 阳泉高新区 sees the zone's project, not the city's.
        await AddUserAsync(app, "ct-reporter", Role.EnterpriseReporter, "阳泉高新区", uscc);
        var list = await app.GetJsonAsync("/api/projects", user: "ct-reporter");
        Assert.Equal(["ZONE-001"], list["items"]!.AsArray().Select(i => (string)i!["code"]!));
        using var reporter = app.Client(user: "ct-reporter");
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync("/api/projects/CITY-001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reporter.GetAsync("/projects/CITY-001/reports/new")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync("/projects/ZONE-001/reports/new")).StatusCode);
        var problem = await app.SendJsonAsync(HttpMethod.Post, "/api/problems", new { projectCode = "CITY-001", title = "x", category = "用工", deadline = "2024-04-30" }, user: "ct-reporter");
        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Contains("找不到项目", (string)(await KeystoneApp.ProblemAsync(problem))["errors"]!["projectCode"]![0]!);

        // Linking one's project to another unit's enterprise is refused, so 古县's reporter never reaches it.
        var link = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/ZONE-001", ZoneUpdate(GuxianUscc, GuxianEnterprise), user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
        await AddUserAsync(app, "gx-reporter", Role.EnterpriseReporter, "古县经济技术开发区", GuxianUscc);
        Assert.DoesNotContain((await app.GetJsonAsync("/api/projects", user: "gx-reporter"))["items"]!.AsArray(), i => (string)i!["code"]! == "ZONE-001");
    }

    /// <summary>A complete update of the zone's test project ZONE-001, linking the given enterprise.</summary>
    internal static Dictionary<string, object?> ZoneUpdate(string uscc, string name)
    {
        var input = KeystoneApp.NewProjectInput("ZONE-001");
        input["enterprise"] = new { uscc, name };
        return input;
    }

    /// <summary>Uploads a file through the import page as <paramref name="user"/> (with the page's antiforgery token); answers the preview's URL.</summary>
    internal static async Task<string> UploadAsync(KeystoneApp app, string user, byte[] file, string name = "台账.csv")
    {
        var response = await PostWithTokenAsync(app, user, "/ledger/import/upload", [("year", "2024")], (name, file));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/ledger/import?upload=", location);
        return location;
    }

    internal static Guid UploadId(string previewUrl) => Guid.Parse(UploadQuery().Match(previewUrl).Groups[1].Value);

    /// <summary>Posts a form of the import page as a browser would: the page's antiforgery token and cookie, the fields, a file.</summary>
    internal static async Task<HttpResponseMessage> PostWithTokenAsync(KeystoneApp app, string user, string action, (string Key, string Value)[] fields, (string Name, byte[] Content)? file = null)
    {
        var client = app.Client(user: user);
        var page = await client.GetStringAsync("/ledger/import");
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "no antiforgery token on /ledger/import");
        var content = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Content);
            bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(bytes, "file", f.Name);
        }

        return await client.PostAsync(action, content);
    }

    [GeneratedRegex("upload=([0-9a-f-]{36})")]
    private static partial Regex UploadQuery();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
