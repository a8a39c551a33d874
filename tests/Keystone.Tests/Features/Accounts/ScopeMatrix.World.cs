using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The data the scope matrix attacks: the demo's 阳泉高新区 (the home zone) with one of everything a route can
/// name — a schedule, work items, problems in every state a step needs, procedure items ready for each step,
/// submitted reports, a photo, a ledger upload and a refused node plan awaiting download — and the callers
/// around it: the demo users of the home zone, and officers, reporters and departments of a sibling zone in
/// the same city (阳泉经济技术开发区, made here with one project) and of another city (临汾市/古县经济技术开发区).
/// Everything is made through the API and the pages as a user would, as demo-zone, except the sibling zone
/// (loaded as a ledger, as the demo is) and the users (keystone users add).
/// </summary>
public sealed partial class ScopeMatrix
{
    public const string HomeUnit = "阳泉高新区";
    public const string HomeCity = "阳泉市";
    public const string SiblingUnit = "阳泉经济技术开发区";
    public const string SiblingProject = "YQJK-2024-001";
    public const string FarCity = "临汾市";
    public const string FarUnit = "古县经济技术开发区";
    public const string FarProject = "GX-2024-002";

    /// <summary>The home project most routes target: it gets a schedule and work items here.</summary>
    public const string HomeProject = "YQGX-2024-010";

    /// <summary>Submitted April reports, one per review route (each route consumes its own).</summary>
    public const string ReviewPageProject = "YQGX-2024-001";
    public const string ApproveProject = "YQGX-2024-002";
    public const string ReturnProject = "YQGX-2024-003";

    /// <summary>Procedure items (project, item) in the state each step needs: API steps on the demo's, page steps on 007's.</summary>
    public const string ProcedureProject = "YQGX-2024-007";

    /// <summary>The project the ledger routes try to take over, the one a home upload changes, the one the report page files for.</summary>
    public const string LedgerProject = "YQGX-2024-020";
    public const string UploadProject = "YQGX-2024-021";
    public const string ReportPageProject = "YQGX-2024-011";

    /// <summary>A home project whose March report is removed: late, so the 催报 routes have something to remind.</summary>
    public const string LateProject = "YQGX-2024-012";

    /// <summary>Another late one for the page's 催报 form: a project is reminded once a day, so the API's and the page's each need their own.</summary>
    public const string LatePageProject = "YQGX-2024-013";
    public const string Period = "2024-04";

    public const string Password = Keystone.Core.Accounts.Accounts.DemoPassword;

    /// <summary>The day the matrix runs: five days after the demo's, so the problems raised on the demo's day with a deadline the next day are overdue.</summary>
    private static readonly DateTimeOffset RunDay = new(2024, 4, 15, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Identifiers of home-zone data the routes are pointed at, filled by <see cref="BuildWorldAsync"/>.</summary>
    private readonly Dictionary<string, string> problems = [];
    private readonly Dictionary<string, (string Project, string Item)> items = [];
    private List<string> exported = [];
    private Guid ledgerUpload;
    private Guid scheduleUpload;
    private int photoId;
    private int homeUnitId;
    private readonly Dictionary<string, int> proposals = [];
    private int poolEntry;
    private int homeTokenId;
    private Guid homeSessionId;

    /// <summary>The home zone's group robots, one per route that changes or uses one (a removal consumes its own).</summary>
    private readonly Dictionary<string, int> robots = [];

    /// <summary>Where the home robots post: the discard port on loopback, so a test message fails at once and goes nowhere.</summary>
    private const string RobotWebhook = "http://127.0.0.1:9/robot/send?access_token=matrix-home-robot-";

    private const string SiblingEnterprise = "阳泉经开区矩阵测试有限公司";

    private static readonly string SiblingUscc = UsccFor("91140300MX0000001");

    private static string UsccFor(string first17) => first17 + Uscc.CheckCharacter(first17);

    /// <summary>The callers, anonymous first; the home zone's own and those of the sibling zone and the other city.</summary>
    private static List<MatrixCaller> Callers(string farUscc, string farEnterprise) =>
    [
        new("anonymous", CallerKind.Anonymous, null),
        new("mx-sib-zone", CallerKind.Outside, Role.ZoneOfficer, SiblingUnit, HomeCity, SiblingProject, SiblingUscc) { OwnEnterprise = SiblingEnterprise },
        new("mx-sib-reporter", CallerKind.Outside, Role.EnterpriseReporter, SiblingUnit, HomeCity, SiblingProject, SiblingUscc) { OwnEnterprise = SiblingEnterprise },
        // The same department name as the home zone's: a department's reach must come from its unit, not its name.
        new("mx-sib-department", CallerKind.Outside, Role.DepartmentOfficer, SiblingUnit, HomeCity, null, null, "阳泉高新区自然资源分局"),
        new("mx-far-city", CallerKind.Outside, Role.CityOfficer, FarUnit, FarCity, FarProject, farUscc) { Placed = FarCity, OwnEnterprise = farEnterprise },
        new("mx-far-zone", CallerKind.Outside, Role.ZoneOfficer, FarUnit, FarCity, FarProject, farUscc) { OwnEnterprise = farEnterprise },
        new("mx-far-reporter", CallerKind.Outside, Role.EnterpriseReporter, FarUnit, FarCity, FarProject, farUscc) { OwnEnterprise = farEnterprise },
        new("mx-far-department", CallerKind.Outside, Role.DepartmentOfficer, FarUnit, FarCity, null, null, "古县自然资源局"),
        new("demo-zone", CallerKind.Home, Role.ZoneOfficer, HomeUnit, HomeCity, HomeProject, null),
        new("demo-province", CallerKind.Home, Role.ProvinceAdmin, HomeUnit, HomeCity, HomeProject, null),
        new("demo-city", CallerKind.Home, Role.CityOfficer, HomeUnit, HomeCity, HomeProject, null),
        new("demo-enterprise", CallerKind.Home, Role.EnterpriseReporter, HomeUnit, HomeCity, ReviewPageProject, Keystone.Core.Accounts.Accounts.DemoEnterpriseUscc),
        new("demo-department", CallerKind.Home, Role.DepartmentOfficer, HomeUnit, HomeCity, null, null),
    ];

    /// <summary>Builds the world on the app's database: units, users, and the home zone's data in every state a route needs.</summary>
    private async Task BuildWorldAsync()
    {
        var app = App;
        (string Uscc, string Name) far;
        await using (var db = app.NewContext())
        {
            far = await EnterpriseOfAsync(db, FarProject);
            homeUnitId = await db.OrgUnits.Where(u => u.Name == HomeUnit).Select(u => u.Id).SingleAsync();
        }

        // The sibling zone and its one project, loaded as a zone's ledger is (the importer makes the unit).
        var ledger = TestLedger.Standard();
        var row = TestLedger.Project(SiblingProject, "阳泉经开区矩阵测试项目", SiblingUnit, HomeCity);
        row[LedgerField.Enterprise] = SiblingEnterprise;
        row[LedgerField.Uscc] = SiblingUscc;
        ledger.Add(row);
        await using (var db = app.NewContext())
        {
            var loaded = await new LedgerImporter(db, new FakeTimeProvider(TestDatabase.DemoDay))
                .ImportAsync(ledger.Csv(Encoding.UTF8), new LedgerImportOptions { Year = 2024, Period = DemoData.Period }, null, default);
            Assert.True(loaded.Applied, "the sibling zone's ledger did not load: " + string.Join("; ", loaded.Problems));
        }

        callers = Callers(far.Uscc, far.Name);
        await using (var db = app.NewContext())
        {
            var tree = new OrgTree(await db.OrgUnits.AsNoTracking().Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync());
            foreach (var caller in callers.Where(c => c.Name.StartsWith("mx-", StringComparison.Ordinal)))
            {
                await Keystone.Core.Accounts.Accounts.AddAsync(db, tree, caller.Name, caller.Role!.Value, caller.Placed ?? caller.OwnUnit!, Password, TestDatabase.DemoDay,
                    caller.Role == Role.EnterpriseReporter ? caller.OwnUscc : null, caller.Department);
            }

            // Two more reporters of the home zone, only to file the reports the review routes need.
            foreach (var (name, code) in new[] { ("mx-home-reporter-2", ApproveProject), ("mx-home-reporter-3", ReturnProject) })
            {
                var (uscc, _) = await EnterpriseOfAsync(db, code);
                await Keystone.Core.Accounts.Accounts.AddAsync(db, tree, name, Role.EnterpriseReporter, HomeUnit, Password, TestDatabase.DemoDay, uscc);
            }
        }

        await using (var db = app.NewContext())
        {
            await db.ProgressReports.Where(r => r.Project!.Code == LateProject || r.Project!.Code == LatePageProject).ExecuteDeleteAsync();
        }

        // What a zone keeps: made on the demo's day (April 10); the sweep runs on April 15.
        await Ok(HttpMethod.Put, $"/api/projects/{HomeProject}/schedule", JsonNode.Parse(DemoData.SchedulePlan)!);
        await Ok(HttpMethod.Put, $"/api/projects/{HomeProject}/work-items", new { items = new object[] { new { group = "A地块", name = "1号楼", stage = "主体", done = false } } });

        foreach (var via in new[] { "api", "page" })
        {
            problems[$"{via}-assign"] = await RaiseAsync($"矩阵问题{via}待交办", department: null);
            problems[$"{via}-answer"] = await RaiseAsync($"矩阵问题{via}待答复", "阳泉高新区自然资源分局");
            problems[$"{via}-return"] = await AnsweredAsync($"矩阵问题{via}待退回");
            problems[$"{via}-close"] = await AnsweredAsync($"矩阵问题{via}待办结");
            problems[$"{via}-notices"] = await RaiseAsync($"矩阵问题{via}待督办", "阳泉高新区自然资源分局");
            problems[$"{via}-reply"] = await RaiseAsync($"矩阵问题{via}待反馈", "阳泉高新区自然资源分局");
        }

        // Procedure items: the demo's for the API's steps, a checklist on 007 for the page's.
        items["api-apply"] = ("YQGX-2024-008", "用地规划许可");
        items["api-approve"] = ("YQGX-2024-008", "用地预审与选址");
        items["api-supply"] = ("YQGX-2024-006", "施工许可");
        items["api-verify"] = ("YQGX-2024-006", "环评");
        var procedures = $"/api/projects/{ProcedureProject}/procedures";
        await Ok(HttpMethod.Post, procedures, new { });
        items["page-apply"] = (ProcedureProject, "立项/备案");
        items["page-approve"] = (ProcedureProject, "用地预审与选址");
        await Ok(HttpMethod.Post, $"{procedures}/{Q("用地预审与选址")}/apply", new { on = "2024-04-01", mode = "常规" });
        items["page-supply"] = (ProcedureProject, "施工许可");
        await Ok(HttpMethod.Post, $"{procedures}/{Q("施工许可")}/apply", new { on = "2024-04-01", mode = "容缺受理", missingPapers = "消防审查意见", supplyBy = "2024-05-10" });
        await Ok(HttpMethod.Post, $"{procedures}/{Q("施工许可")}/approve", new { on = "2024-04-01" });
        items["page-verify"] = (ProcedureProject, "环评");
        await Ok(HttpMethod.Post, $"{procedures}/{Q("环评")}/apply", new { on = "2024-04-01", mode = "承诺制", commitment = "投运前完成环保设施验收", verifyBy = "2024-09-30" });
        await Ok(HttpMethod.Post, $"{procedures}/{Q("环评")}/approve", new { on = "2024-04-01" });

        app.Clock.SetUtcNow(RunDay);
        foreach (var via in new[] { "api", "page" })
        {
            await Ok(HttpMethod.Post, $"/api/problems/{problems[$"{via}-reply"]}/notices", new { replyBy = "2024-04-20", requirement = "请于4月20日前书面反馈" });
        }

        // The home zone's ledger as it exports it: the rows the ledger routes send are made from it.
        using (var client = app.Client(user: "demo-zone"))
        {
            var csv = await client.GetStringAsync($"/api/ledger/export?scope={Q(HomeUnit)}&year=2024&format=csv&period=2024-03");
            exported = csv.TrimStart('\uFEFF').Split("\n").Select(l => l.TrimEnd('\r')).SkipWhile(l => !l.StartsWith("项目编号,", StringComparison.Ordinal)).Where(l => l.Length > 0).ToList();
        }

        // Submitted April reports, one per review route; the reporter's own (with a photo) through the page.
        var filed = await app.ReportAsync("demo-enterprise", ReviewPageProject,
            new Dictionary<string, string> { ["period"] = Period, ["month"] = "500", ["imageProgress"] = "主体施工" }, ("现场.jpg", TestPhotos.Jpeg()));
        Assert.True(filed.StatusCode == HttpStatusCode.Redirect, $"the reporter's April report was refused: {(int)filed.StatusCode}");
        await Ok(HttpMethod.Put, $"/api/projects/{ApproveProject}/reports/{Period}", new { month = 300m, imageProgress = "设备安装" }, "mx-home-reporter-2");
        await Ok(HttpMethod.Put, $"/api/projects/{ReturnProject}/reports/{Period}", new { month = 200m, imageProgress = "设备调试" }, "mx-home-reporter-3");
        await using (var db = app.NewContext())
        {
            photoId = await db.ReportPhotos.OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync();
        }

        // A ledger upload awaiting confirmation: the home zone's own file, changing one of its projects.
        (string Uscc, string Name) own;
        await using (var db = app.NewContext())
        {
            own = await EnterpriseOfAsync(db, UploadProject);
        }

        var upload = await PageFormAsync("demo-zone", "/ledger/import", "/ledger/import/upload",
            [("year", "2024")], ("台账.csv", LedgerCsv(UploadProject, "矩阵上传改名项目", HomeUnit, HomeCity, own.Uscc, own.Name)));
        var location = upload.Headers.Location?.OriginalString ?? "";
        Assert.True(Guid.TryParse(Regex.Match(location, "upload=([0-9a-f-]{36})").Groups[1].Value, out ledgerUpload), $"no upload id in {location}");

        // A refused node plan awaiting download on the home project's schedule page: its cells hold the project's name.
        string homeName;
        await using (var db = app.NewContext())
        {
            homeName = await db.Projects.Where(p => p.Code == HomeProject).Select(p => p.Name).SingleAsync();
        }

        var plan = new TestLedger { Headers = ["编号", "节点名称", "工期（天）", "前置工作", "计划完成时间"] };
        plan.Row("1", homeName + "基础", "30", "", "").Row("2", "主体", "很多天", "1", "");
        var refused = await app.SubmitAsync($"/projects/{HomeProject}/schedule", "import", [("start", "2024-04-01"), ("deadline", "2024-10-31")],
            user: "demo-zone", file: ("节点计划.xlsx", plan.ToXlsx()));
        var html = await refused.Content.ReadAsStringAsync();
        var link = WebUtility.HtmlDecode(Regex.Match(html, "id=\"import-errors-download\" href=\"([^\"]+)\"").Groups[1].Value);
        Assert.True(Guid.TryParse(Regex.Match(link, "import/([0-9a-f-]{36})/errors").Groups[1].Value, out scheduleUpload), "no refused node plan to download");

        // Open proposals to rename the home enterprise, one per decision route (each consumes its own).
        string homeUscc;
        await using (var db = app.NewContext())
        {
            homeUscc = (await EnterpriseOfAsync(db, HomeProject)).Uscc;
        }

        foreach (var decision in new[] { "accept", "reject" })
        {
            var proposed = await Ok(HttpMethod.Post, $"/api/enterprises/{homeUscc}/proposals", new { name = $"矩阵待{decision}企业名称", reason = "矩阵测试" });
            proposals[decision] = (int)proposed["id"]!;
        }

        // The home enterprise's service records: a pool entry, and two submitted months for the review routes.
        poolEntry = (int)(await Ok(HttpMethod.Post, "/api/enterprises/pool", new { uscc = homeUscc, sector = "工业", expectedMonth = "2024-12" }))["id"]!;
        await using (var db = app.NewContext())
        {
            var key = new Uscc(homeUscc);
            var enterprise = await db.Enterprises.SingleAsync(e => e.Uscc == key);
            foreach (var month in new[] { new Keystone.Core.Period(2024, 2), new Keystone.Core.Period(2024, 3) })
            {
                db.EnterpriseMonths.Add(new Keystone.Core.Enterprises.EnterpriseMonth(enterprise, month, new() { Revenue = new Money(100m) }, "mx-home-reporter-2", TestDatabase.DemoDay, needsReview: true));
            }

            await db.SaveChangesAsync();
        }

        // Group robots of the home zone, one for each route that changes, removes or tests one.
        foreach (var use in new[] { "api-put", "api-delete", "api-test", "page-robot-edit", "page-robot-remove", "page-robot-test" })
        {
            var robot = await Ok(HttpMethod.Post, $"/api/units/{Q(HomeUnit)}/robots", new { kind = "dingtalk", name = $"矩阵机器人{use}", webhook = RobotWebhook + use, secret = "SECmatrix-" + use });
            robots[use] = (int)robot["id"]!;
        }

        await BuildMeetingsWorldAsync();

        // A token and a browser session of a home-zone user no caller signs in as: the self-service routes aim at them.
        app.TokenFor("mx-home-reporter-2");
        await using (var db = app.NewContext())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "mx-home-reporter-2");
            homeTokenId = await db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.Id).FirstAsync();
            homeSessionId = (await Keystone.Core.Accounts.Accounts.StartSessionAsync(db, user, RunDay, "127.0.0.1", "matrix")).Id;
        }

        await CampaignWorldAsync();
        await ProgressWorldAsync();

        // Every caller's token now, so sign-ins do not happen (or count) during the sweep.
        foreach (var caller in callers.Where(c => c.Kind != CallerKind.Anonymous))
        {
            app.TokenFor(caller.Name);
        }
    }

    private async Task<string> RaiseAsync(string title, string? department)
    {
        var raised = await Ok(HttpMethod.Post, "/api/problems",
            new { projectCode = HomeProject, title, category = "要素", deadline = "2024-04-11", department, detail = title + "（矩阵测试）" });
        return (string)raised["problem"]!["number"]!;
    }

    private async Task<string> AnsweredAsync(string title)
    {
        var number = await RaiseAsync(title, "阳泉高新区自然资源分局");
        await Ok(HttpMethod.Post, $"/api/problems/{number}/answer", new { answer = "已协调办理" }, "demo-zone");
        return number;
    }

    private static async Task<(string Uscc, string Name)> EnterpriseOfAsync(AppDbContext db, string code)
    {
        var enterprise = await db.Projects.Where(p => p.Code == code).Select(p => p.Enterprise!).SingleAsync();
        return (enterprise.Uscc.Value, enterprise.Name);
    }

    /// <summary>Sends a setup request as <paramref name="user"/> and insists it succeeds.</summary>
    private async Task<JsonObject> Ok(HttpMethod method, string url, object body, string user = "demo-zone")
    {
        var response = await App.SendJsonAsync(method, url, body, user: user);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"setup {method} {url} as {user}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text) as JsonObject ?? [];
    }

    /// <summary>Opens <paramref name="page"/> for its antiforgery token and posts a multipart form to <paramref name="action"/>, as the browser does.</summary>
    private async Task<HttpResponseMessage> PageFormAsync(string user, string page, string action, (string Key, string Value)[] fields, (string Name, byte[] Content)? file)
    {
        using var client = App.Client(user: user);
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryToken(html) ?? throw new InvalidOperationException($"no antiforgery token on {page}");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        if (file is { } f)
        {
            content.Add(new ByteArrayContent(f.Content), "file", f.Name);
        }

        return await client.PostAsync(action, content);
    }

    /// <summary>
    /// A one-row ledger (.csv): the home zone's own export of project <paramref name="code"/>, its figures as they
    /// stand (so re-importing them changes nothing but what is asked), with the given name, unit, city and enterprise.
    /// </summary>
    private byte[] LedgerCsv(string code, string name, string unit, string city, string uscc, string enterprise)
    {
        var header = Cells(exported[0]);
        var row = Cells(exported.Single(line => line.StartsWith(code + ",", StringComparison.Ordinal)));
        void Set(string column, string value) => row[header.IndexOf(column)] = value;
        Set("项目名称", name);
        Set("所属区域", unit);
        Set("所属地市", city);
        Set("统一社会信用代码", uscc);
        Set("项目单位", enterprise);
        var text = string.Join(",", header.Select(Csv)) + "\r\n" + string.Join(",", row.Select(Csv)) + "\r\n";
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The cells of one CSV line (quoted cells with their doubled quotes undone).</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static string Csv(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static string? AntiforgeryToken(string html)
    {
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private static string Q(string s) => Uri.EscapeDataString(s);
}
