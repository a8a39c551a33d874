using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Ledger;
using Keystone.Testing;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// What each route is sent: its parameters filled with the home zone's identifiers (or, for the attacks that
/// start from one's own data, the caller's own project with the home zone's enterprise or upload), its scope
/// query set to the home zone, and a body the home zone's own officer would have accepted.
/// </summary>
public sealed partial class ScopeMatrix
{
    /// <summary>The pages' own forms (Razor @formname): they post to the page itself, so no endpoint lists them.</summary>
    private static readonly (string Page, string Form)[] PageForms =
    [
        ("/problems/new", "raise"),
        ("/projects/{Code}", "location"),
        ("/projects/{Code}/factors", "land"),
        ("/projects/{Code}/factors", "energy"),
        ("/projects/{Code}/factors", "funds"),
        ("/projects/{Code}/factors", "emission"),
        ("/projects/{Code}/factors", "checklist"),
        ("/projects/{Code}/factors", "item-add"),
        ("/projects/{Code}/factors", "apply"),
        ("/projects/{Code}/factors", "approve"),
        ("/projects/{Code}/factors", "supply"),
        ("/projects/{Code}/factors", "verify"),
        ("/projects/{Code}/plans/{Year:int}", "plan-entry"),
        ("/projects/{Code}/reports/new", "report"),
        ("/projects/{Code}/schedule", "activity"),
        ("/projects/{Code}/schedule", "add"),
        ("/projects/{Code}/schedule", "remove"),
        ("/projects/{Code}/schedule", "plan"),
        ("/projects/{Code}/schedule", "import"),
        ("/targets", "targets"),
        ("/visits", "visit"),
        ("/promotion/events", "event"),
        ("/units/{Unit}/robots", "robot-add"),
        ("/units/{Unit}/robots", "robot-edit"),
        ("/units/{Unit}/robots", "robot-test"),
        ("/units/{Unit}/robots", "robot-remove"),
        ("/users", "add-user"),
        ("/users/{UserName}", "placement"),
        ("/users/{UserName}", "reset"),
        ("/users/{UserName}", "state"),
        ("/account/password", "password"),
        ("/promotion/leads/{LeadId:int}", "follow-up"),
        ("/promotion/leads/{LeadId:int}", "stage"),
        ("/promotion/leads/{LeadId:int}", "halt"),
        ("/promotion/leads/{LeadId:int}", "resume"),
        ("/promotion/leads/{LeadId:int}", "project"),
        ("/promotion/targets", "target-add"),
        ("/promotion/targets", "target-lead"),
        ("/promotion/investors", "investor-add"),
        ("/promotion/investors", "investor-edit"),
        ("/promotion/chains", "chain-add"),
        ("/promotion/chains", "link-add"),
        ("/promotion/chains", "member-add"),
        ("/enterprises/{Uscc}", "chain-place"),
        .. MeetingPageForms,
        .. CampaignPageForms,
        .. ProgressPageForms,
    ];

    /// <summary>Routes whose request can name another unit's record while starting from one's own (an enterprise, an upload).</summary>
    private static readonly string[] CrossReferences =
    [
        "POST /api/projects",
        "PUT /api/projects/{code}",
        "POST /api/problems",
        "GET /projects/{code}/schedule/import/{id:guid}/errors.xlsx",
    ];

    /// <summary>The routes that take a ledger file: each is sent the takeover row.</summary>
    private static readonly string[] LedgerImports = ["POST /api/ledger/import", "POST /api/ledger/import/errors", "POST /ledger/import/upload"];

    private readonly HashSet<string> unresolved = [];

    /// <summary>The requests a caller sends to a route: at the home zone's data; and, for an outsider, from its own data reaching into the home zone's.</summary>
    private List<MatrixRequest> Requests(MatrixRoute route, MatrixCaller caller)
    {
        var requests = new List<MatrixRequest>();
        if (Build(route, caller, own: false) is { } home)
        {
            requests.Add(home);
        }

        if (caller.Kind == CallerKind.Outside && caller.OwnProject is not null && HasCrossReference(route) && Build(route, caller, own: true) is { } own)
        {
            requests.Add(own);
        }

        // The takeover again by someone who knows the project's name (a newspaper prints it): the row then passes as the same project.
        if (caller.Kind == CallerKind.Outside && LedgerImports.Contains(route.Key) && Build(route, caller, own: false) is { } takeover)
        {
            var csv = TakeoverCsv(caller, named: true);
            requests.Add(takeover with
            {
                Variant = "takeover naming the project as it is",
                Content = token => LedgerForm(csv, token, route.IsApi),
                Echo = Encoding.UTF8.GetString(csv),
            });
            if (route.Key == "POST /api/ledger/import")
            {
                // The dry run: it changes nothing, but must say no more of the project than the import would.
                requests.Add(takeover with
                {
                    Variant = "takeover naming the project as it is, dry run",
                    Content = token => LedgerForm(csv, token, api: true, dryRun: true),
                    Echo = Encoding.UTF8.GetString(csv),
                });
            }
        }

        return requests;
    }

    private bool HasCrossReference(MatrixRoute route)
    {
        if (CrossReferences.Contains(route.Key))
        {
            return true;
        }

        // A route added later whose body names an enterprise joins the cross-reference attacks by itself.
        var schema = Resolve(Operation(route)?["requestBody"]?["content"]?["application/json"]?["schema"]);
        return schema?["properties"] is JsonObject properties && properties.Any(p => p.Key is "enterprise" or "uscc");
    }

    private MatrixRequest? Build(MatrixRoute route, MatrixCaller caller, bool own)
    {
        var missing = new List<string>();
        var path = route.Fill(name => PathValue(route, name, caller, own) ?? Missing(missing, name));
        if (missing.Count > 0)
        {
            if (unresolved.Add(route.Key))
            {
                failures.Add($"{route.Key}: the matrix has no home-zone value for {string.Join(", ", missing)}: add it to ScopeMatrix.PathValue");
            }

            return null;
        }

        var query = Query(route, missing);
        if (missing.Count > 0)
        {
            if (unresolved.Add(route.Key))
            {
                failures.Add($"{route.Key}: the matrix has no value for the required query parameter {string.Join(", ", missing)}: add it to ScopeMatrix.QueryValue");
            }

            return null;
        }

        var (content, echo) = Body(route, caller, own);
        var url = path + (query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => q.Key + "=" + Uri.EscapeDataString(q.Value))));
        return new MatrixRequest(own ? "own project, home zone's record" : "", new HttpMethod(route.Method), url, content, echo);
    }

    private static string? Missing(List<string> missing, string name)
    {
        missing.Add(name);
        return null;
    }

    /// <summary>Whether the request names a home-zone record in its path (so a 2xx read of it is a leak, whatever the body says).</summary>
    private static bool OwnedTarget(MatrixRoute route, MatrixRequest request) =>
        request.Variant.Length == 0 && route.Parameters.Count > 0;

    /// <summary>A path parameter's value: the home zone's record that route acts on (each state-changing step has its own).</summary>
    private string? PathValue(MatrixRoute route, string name, MatrixCaller caller, bool own)
    {
        var via = route.IsApi ? "api" : "page";
        var action = route.Form ?? route.Action;
        switch (name.ToLowerInvariant())
        {
            case "code":
                if (own)
                {
                    return caller.OwnProject;
                }

                if (ProgressCode(route) is { } progressCode)
                {
                    return progressCode;
                }

                if (IsProcedureStep(route) && items.TryGetValue($"{via}-{action}", out var item))
                {
                    return item.Project;
                }

                return (route.Template, action) switch
                {
                    (_, "report") or ("/projects/{Code}/reports/new", _) => ReportPageProject,
                    (_, "approve") when route.Template.Contains("/reports/", StringComparison.Ordinal) => ApproveProject,
                    (_, "return") when route.Template.Contains("/reports/", StringComparison.Ordinal) => ReturnProject,
                    (_, "review") => ReviewPageProject,
                    _ => HomeProject,
                };
            case "number":
                return problems.TryGetValue($"{via}-{action}", out var number) ? number : problems["api-reply"];
            case "sequence":
                return "1";
            case "year":
                return "2024";
            case "period":
                // An enterprise's months: each review route has its own submitted month (February approved, March returned).
                return route.Template.EndsWith("/months/{period}/approve", StringComparison.Ordinal) ? "2024-02"
                    : route.Template.EndsWith("/months/{period}/return", StringComparison.Ordinal) ? "2024-03" : Period;
            case "item":
                return IsProcedureStep(route) && items.TryGetValue($"{via}-{action}", out var step) ? step.Item : items["api-approve"].Item;
            case "source":
                return "专项债";
            case "pollutant":
                return "氮氧化物";
            case "uscc" or "enterprise":
                return own ? caller.OwnUscc : homeEnterprises[HomeProject].Uscc;
            case "username" or "user":
                // A home-zone user no caller signs in as: a route that disables or changes it spoils no one's session.
                return "mx-home-reporter-2";
            case "unit":
                return HomeUnit;
            case "id" when route.Template.StartsWith("/api/units/{unit}/robots/", StringComparison.Ordinal):
                return robots[route.Method == "DELETE" ? "api-delete" : route.Action == "test" ? "api-test" : "api-put"].ToString(CultureInfo.InvariantCulture);
            case "id" when route.Template.StartsWith("/api/units/", StringComparison.Ordinal):
                return homeUnitId.ToString(CultureInfo.InvariantCulture);
            case "id" when route.Template.StartsWith("/ledger/import/", StringComparison.Ordinal):
                return ledgerUpload.ToString();
            case "id" when route.Template.Contains("/schedule/import/", StringComparison.Ordinal):
                return scheduleUpload.ToString();
            case "id" when route.Template.StartsWith("/api/enterprises/pool/", StringComparison.Ordinal):
                return poolEntry.ToString(CultureInfo.InvariantCulture);
            case "id" when route.Template.StartsWith("/api/enterprises/proposals/", StringComparison.Ordinal):
                return proposals[route.Template.EndsWith("/reject", StringComparison.Ordinal) ? "reject" : "accept"].ToString(CultureInfo.InvariantCulture);
            case "id" when route.Template.StartsWith("/api/auth/tokens/", StringComparison.Ordinal):
                return homeTokenId.ToString(CultureInfo.InvariantCulture);
            case "id" when route.Template.StartsWith("/api/auth/sessions/", StringComparison.Ordinal):
                return homeSessionId.ToString();
            case "leadid" when PromotionPageLead(route) is { } pageLead:
                return pageLead;
            case "id" when route.Template.StartsWith("/api/promotion/chains/", StringComparison.Ordinal):
                return PageId("chain");
            case "id" when PromotionId(route) is { } promotionId:
                return promotionId;
            case "id" when PromotionEventId(route) is { } eventId:
                return eventId;
            case "meetingid" or "inspectionid":
                return MeetingPageId(name);
            case "id" when MeetingId(route) is { } meetingId:
                return meetingId;
            case "id" when CampaignId(route) is { } campaignId:
                return campaignId;
            case "id" when route.Template.StartsWith("/photos/", StringComparison.Ordinal):
                return photoId.ToString(CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }

    private static bool IsProcedureStep(MatrixRoute route) =>
        route.Template.Contains("/procedures/", StringComparison.Ordinal) || route.Template.EndsWith("/factors", StringComparison.Ordinal);

    /// <summary>The query: the scope set to the home zone, and what a route requires.</summary>
    private List<KeyValuePair<string, string>> Query(MatrixRoute route, List<string> missing)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (route.Source == RouteSource.OpenApi)
        {
            foreach (var parameter in (Operation(route)?["parameters"] as JsonArray ?? []).OfType<JsonObject>().Where(p => (string?)p["in"] == "query"))
            {
                var name = (string)parameter["name"]!;
                if (QueryValue(route, name) is { } value)
                {
                    query.Add(new(name, value));
                }
                else if (parameter["required"]?.GetValue<bool>() == true)
                {
                    missing.Add(name);
                }
            }

            return query;
        }

        if (route.Source == RouteSource.PageForm)
        {
            return PromotionPageQuery(route) is { } promotionQuery ? promotionQuery
                : route.Form is "apply" or "approve" or "supply" or "verify" ? [new("item", items[$"page-{route.Form}"].Item)]
                : route.Form is "targets" or "event" ? [new("scope", HomeUnit), new("year", "2024")]
                : CampaignFormQuery(route) is { } campaignQuery ? campaignQuery
                : route.Form is "activity" ? [new("edit", "A")]
                : route.Form is "remove" ? [new("edit", "F")]
                : route.Form is "robot-edit" or "robot-test" or "robot-remove" ? [new("robot", robots["page-" + route.Form].ToString(CultureInfo.InvariantCulture))]
                : [];
        }

        if (route.IsWrite)
        {
            return query;
        }

        query.Add(new("scope", HomeUnit));
        switch (route.Template)
        {
            case "/ledger/import":
                query.Add(new("upload", ledgerUpload.ToString()));
                break;
            case "/problems/inbox":
                query.Add(new("department", "阳泉高新区自然资源分局"));
                break;
            case var t when t.StartsWith("/ledger/import/", StringComparison.Ordinal):
                query.Add(new("year", "2024"));
                break;
            case var t when t.Contains("/schedule/import/", StringComparison.Ordinal):
                query.Add(new("start", "2024-04-01"));
                query.Add(new("deadline", "2024-10-31"));
                break;
        }

        return query;
    }

    private static string? QueryValue(MatrixRoute route, string name) => name switch
    {
        "scope" or "unit" => HomeUnit,
        "year" => "2024",
        "asOf" => "2024-04-10",
        "entity" => "project",
        "id" when route.Template == "/api/audit" => HomeProject,
        "by" => "unit",
        "period" => "2024-03",
        "project" => HomeProject,
        "all" => "true",
        _ => null,
    };

    /// <summary>A body the home zone's own officer would have had accepted; an outsider's asks the same of the home zone's record.</summary>
    private (Func<string?, HttpContent?> Content, string Echo) Body(MatrixRoute route, MatrixCaller caller, bool own)
    {
        if (!route.IsWrite)
        {
            return (_ => null, "");
        }

        if (route.Source == RouteSource.PageForm)
        {
            return PageFormBody(route);
        }

        if (!route.IsApi)
        {
            return PagePostBody(route, caller);
        }

        var index = callers.FindIndex(c => c.Name == caller.Name);
        var homeEnterprise = homeEnterprises[HomeProject];
        object? json = route.Key switch
        {
            "POST /api/projects" => ProjectBody($"MX-{index:00}-{(own ? "B" : "A")}", own ? caller.OwnUnit! : HomeUnit,
                own ? new { uscc = homeEnterprise.Uscc, name = "被矩阵改名的企业" } : new { uscc = UsccFor($"91140300MXA{index:000000}"), name = $"矩阵新建企业{index}" }),
            "PUT /api/projects/{code}" => own
                ? ProjectBody(null, caller.OwnUnit!, new { uscc = homeEnterprise.Uscc, name = "被矩阵改名的企业" })
                : ProjectBody(null, HomeUnit, new { uscc = homeEnterprise.Uscc, name = homeEnterprise.Name }),
            // With a reason: a month of 2024 may be closed by then (the matrix closes March for the home zone).
            "PUT /api/projects/{code}/plans/{year}" => new { nature = "new", plannedInvestment = 1000m, plannedStart = "2024-05-01", correctionReason = "矩阵更正原因" },
            "PUT /api/projects/{code}/reports/{period}" => new { month = 100m, imageProgress = "矩阵测试进度" },
            "POST /api/projects/{code}/reports/{period}/approve" => new { },
            "POST /api/projects/{code}/reports/{period}/return" => new { comment = "矩阵退回意见" },
            "PUT /api/projects/{code}/schedule" => JsonNode.Parse(DemoData.SchedulePlan),
            "PUT /api/projects/{code}/work-items" => new { items = new object[] { new { group = "A地块", name = "2号楼", stage = "封顶", done = true } } },
            "PUT /api/enterprises/{uscc}" => new { name = "矩阵改名企业" },
            "POST /api/enterprises/{uscc}/proposals" => new { name = "矩阵申请改名企业", reason = "矩阵测试" },
            "POST /api/enterprises/proposals/{id}/accept" or "POST /api/enterprises/proposals/{id}/reject" => new { comment = "矩阵决定" },
            "PUT /api/enterprises/{uscc}/liaison" => new { name = "矩阵包联干部", department = "矩阵包联单位" },
            "POST /api/enterprises/pool" => new { uscc = homeEnterprise.Uscc, sector = "工业", expectedMonth = "2024-12" },
            "POST /api/enterprises/pool/{id}/enter" => new { month = "2024-04" },
            "PUT /api/enterprises/{uscc}/months/{period}" => new { revenue = 100m, output = 120m },
            "POST /api/enterprises/{uscc}/months/{period}/approve" => new { },
            "POST /api/enterprises/{uscc}/months/{period}/return" => new { comment = "矩阵退回意见" },
            "POST /api/visits" => new { uscc = homeEnterprise.Uscc, visitedOn = "2024-04-08", met = "矩阵接待人", topics = "矩阵访谈" },
            "POST /api/users" => new { username = $"mx-api-made-{index:00}", role = "ZoneOfficer", unit = HomeUnit, password = "matrix-secret" },
            "PUT /api/users/{username}" => new { role = "ZoneOfficer", unit = HomeUnit },
            "POST /api/users/{username}/reset-password" => new { password = "matrix-api-reset" },
            "POST /api/users/{username}/disable" or "POST /api/users/{username}/enable" => new { },
            // One's own password, refused for its length after the current one checks out: every caller stays signed in.
            "POST /api/auth/password" => new { current = Keystone.Core.Accounts.Accounts.DemoPassword, password = "short" },
            "PUT /api/lights/rules" => new { startOverdueMonths = 4, paceYellowPoints = 10, paceRedPoints = 30 },
            "PUT /api/targets" => new { newStarts = 26, startRate = 59m, completedInvestment = 81_000m, growth = 11m },
            "POST /api/periods/close" => new { scope = HomeUnit, month = "2024-03" },
            "POST /api/reports/reminders" => new { project = LateProject, period = "2024-03" },
            "POST /api/problems" => own
                ? new { enterprise = homeEnterprise.Uscc, unit = caller.OwnUnit, title = "矩阵越权企业问题", category = "要素", deadline = "2024-04-30" }
                : (object)new { projectCode = HomeProject, title = "矩阵越权项目问题", category = "要素", deadline = "2024-04-30" },
            "POST /api/problems/{number}/assign" => new { department = "阳泉高新区发展和改革局", deadline = "2024-04-30" },
            "POST /api/problems/{number}/answer" => new { answer = "矩阵答复" },
            "POST /api/problems/{number}/return" => new { reason = "矩阵退回理由" },
            "POST /api/problems/{number}/close" => new { satisfaction = "满意", comment = "矩阵办结意见" },
            "POST /api/problems/{number}/notices" => new { replyBy = "2024-04-20", requirement = "矩阵督办要求" },
            "POST /api/problems/{number}/notices/{sequence}/reply" => new { reply = "矩阵督办反馈" },
            "PUT /api/projects/{code}/factors/land" => new { neededMu = 60m, stage = "组卷报批" },
            "PUT /api/projects/{code}/factors/energy" => new { neededTce = 2500m, review = "已报送" },
            "PUT /api/projects/{code}/factors/funds/{source}" => new { applied = 9000m, approved = 8000m, received = 2000m },
            "PUT /api/projects/{code}/factors/emissions/{pollutant}" => new { needed = 7m, obtained = 3m },
            "POST /api/projects/{code}/procedures" => new { kind = "other", name = "矩阵审批事项", department = "阳泉高新区行政审批局" },
            "POST /api/projects/{code}/procedures/{item}/apply" => new { on = "2024-04-08", mode = "常规" },
            "POST /api/units/{unit}/robots" => new { kind = "dingtalk", name = $"矩阵新机器人{index}", webhook = RobotWebhook + "new" },
            "PUT /api/units/{unit}/robots/{id}" => new { name = "矩阵改名机器人", enabled = false },
            "PUT /api/indicators" => new { scope = HomeUnit, period = "2024-03", indicator = "工业投资", value = 1000m, growth = 5.5m },
            "PUT /api/indicators/targets" => new { scope = HomeUnit, year = 2024, indicator = "工业投资", kind = "value", target = 1000m },
            "POST /api/projects/{code}/procedures/{item}/approve" or "POST /api/projects/{code}/procedures/{item}/supply"
                or "POST /api/projects/{code}/procedures/{item}/verify" => new { on = "2024-04-09" },
            _ => PromotionBody(route, index) ?? PromotionEventBody(route, index) ?? MeetingBody(route, index) ?? PromotionPageApiBody(route, index) ?? CampaignBody(route, index) ?? ProgressBody(route),
        };

        if (json is not null)
        {
            var text = JsonSerializer.Serialize(json, KeystoneApp.Json);
            return (_ => JsonContent.Create(JsonNode.Parse(text)), text);
        }

        if (PromotionFileBody(route) is { } promotionFile)
        {
            return promotionFile;
        }

        switch (route.Key)
        {
            case "POST /api/ledger/import" or "POST /api/ledger/import/errors":
                {
                    var csv = TakeoverCsv(caller);
                    return (token => LedgerForm(csv, token, api: true), Encoding.UTF8.GetString(csv));
                }

            case "POST /api/enterprises/import":
                {
                    // The register naming the home zone's enterprise under a new name: only its keepers may change it.
                    var uscc = homeEnterprise.Uscc;
                    var file = new TestLedger { Sheet = "企业库", Headers = ["统一社会信用代码", "企业名称"] }.Row(uscc, "矩阵导入改名企业").ToXlsx();
                    return (_ => new MultipartFormDataContent { FilePart("企业库.xlsx", file) }, $"{uscc} 矩阵导入改名企业");
                }

            case "POST /api/enterprises/figures/import":
                {
                    // The statistics office's figures naming the home zone's enterprise: only its keepers may store them.
                    // 2023-11, a month no other route of the matrix reviews (an approved 2024-03 could not be returned).
                    var uscc = homeEnterprise.Uscc;
                    var file = new TestLedger { Sheet = "企业数据", Headers = ["统一社会信用代码", "企业名称", "营业收入（万元）"] }.Row(uscc, "矩阵统计局企业", 123).ToXlsx();
                    return (_ => new MultipartFormDataContent { FilePart("统计局.xlsx", file), { new StringContent("2023-11"), "period" } }, $"{uscc} 矩阵统计局企业");
                }

            case "POST /api/projects/{code}/schedule/import":
                {
                    var plan = NodePlan();
                    return (_ => new MultipartFormDataContent { FilePart("节点计划.xlsx", plan), { new StringContent("2024-04-01"), "start" } }, "");
                }
        }

        return SchemaBody(route);
    }

    /// <summary>
    /// The takeover: a one-row ledger whose 项目编号 is a home-zone project's, but whose 所属区域 is the caller's own
    /// zone (and its enterprise the caller's own), as a zone officer who typed a neighbour's code would send.
    /// </summary>
    private byte[] TakeoverCsv(MatrixCaller caller, bool named = false)
    {
        var (uscc, enterprise) = caller.OwnUscc is { } u ? (u, caller.OwnEnterprise ?? "矩阵企业") : homeEnterprises[LedgerProject];
        var unit = caller.Kind == CallerKind.Outside ? caller.OwnUnit! : HomeUnit;
        var city = caller.Kind == CallerKind.Outside ? caller.OwnCity! : HomeCity;
        var name = named ? Cells(exported.Single(line => line.StartsWith(LedgerProject + ",", StringComparison.Ordinal)))[1] : "矩阵接管项目";
        return LedgerCsv(LedgerProject, name, unit, city, uscc, enterprise);
    }

    /// <summary>A ledger file as the import form posts it (the page's with its antiforgery token).</summary>
    private static MultipartFormDataContent LedgerForm(byte[] csv, string? token, bool api, bool dryRun = false)
    {
        var content = new MultipartFormDataContent { FilePart("台账.csv", csv), { new StringContent("2024"), "year" } };
        if (dryRun)
        {
            content.Add(new StringContent("true"), "dryRun");
        }

        if (!api && token is not null)
        {
            content.Add(new StringContent(token), "__RequestVerificationToken");
        }

        return content;
    }

    private static object ProjectBody(string? code, string unit, object enterprise) => new
    {
        code,
        name = "矩阵改名项目",
        unit,
        levels = new[] { "市级重点" },
        category = "产业类",
        status = "在建",
        // Far above any year's plan, so the total is never what refuses the change.
        totalInvestment = 9_000_000m,
        enterprise,
    };

    private static byte[] NodePlan()
    {
        var plan = new TestLedger { Headers = ["编号", "节点名称", "工期（天）", "前置工作", "计划完成时间"] };
        // The ids the schedule page's forms name (A edited, G added after E, F removed: nothing follows it).
        plan.Row("A", "场平及临建", "15", "", "").Row("B", "基础工程", "60", "A", "").Row("E", "主体结构", "90", "B", "")
            .Row("M1", "完成主体结构", "0", "E", "2024-11-30").Row("F", "配套工程", "40", "B", "");
        return plan.ToXlsx();
    }

    private static ByteArrayContent FilePart(string name, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"" + name + "\"", FileNameStar = name };
        return file;
    }

    /// <summary>The posts behind the pages (ProblemPages, LedgerImportEndpoints, ReviewEndpoints): form fields and the antiforgery token.</summary>
    private (Func<string?, HttpContent?> Content, string Echo) PagePostBody(MatrixRoute route, MatrixCaller caller)
    {
        (string, string)[] fields = route.Template switch
        {
            "/problems/{number}/assign" => [("department", "阳泉高新区发展和改革局"), ("deadline", "2024-04-30")],
            "/problems/{number}/answer" => [("answer", "矩阵页面答复")],
            "/problems/{number}/return" => [("reason", "矩阵页面退回理由")],
            "/problems/{number}/close" => [("satisfaction", "满意"), ("comment", "矩阵页面办结意见")],
            "/problems/{number}/notices" => [("replyBy", "2024-04-20"), ("requirement", "矩阵页面督办要求")],
            "/problems/{number}/notices/{sequence:int}/reply" => [("reply", "矩阵页面督办反馈")],
            "/projects/{code}/reports/{period}/review" => [("decision", "approve"), ("comment", "")],
            "/work/remind" => [("project", LatePageProject), ("period", "2024-03")],
            "/ledger/import/{id:guid}/confirm" or "/ledger/import/upload" => [("year", "2024")],
            _ => [],
        };
        var file = route.Template == "/ledger/import/upload" ? TakeoverCsv(caller) : null;
        return (token =>
        {
            var content = new MultipartFormDataContent();
            if (token is not null)
            {
                content.Add(new StringContent(token), "__RequestVerificationToken");
            }

            foreach (var (key, value) in fields)
            {
                content.Add(new StringContent(value), key);
            }

            if (file is not null)
            {
                content.Add(FilePart("台账.csv", file));
            }

            return content;
        }, string.Join("\n", fields.Select(f => f.Item2)) + (file is null ? "" : "\n" + Encoding.UTF8.GetString(file)));
    }

    /// <summary>A page's own form (its @formname as _handler), as the browser posts it.</summary>
    private (Func<string?, HttpContent?> Content, string Echo) PageFormBody(MatrixRoute route)
    {
        var item = items.TryGetValue($"page-{route.Form}", out var i) ? i.Item : "";
        (string, string)[] fields = route.Form switch
        {
            "raise" => [("projectCode", HomeProject), ("title", "矩阵页面越权问题"), ("category", "要素"), ("deadline", "2024-04-30")],
            "location" => [("lat", "37.86"), ("lng", "113.58")],
            "land" => [("neededMu", "50"), ("stage", "Filing")],
            "energy" => [("neededTce", "2000"), ("review", "Filed"), ("approvedTce", "")],
            "funds" => [("source", "SpecialBonds"), ("applied", "8000"), ("approved", "8000"), ("received", "2000")],
            "emission" => [("pollutant", "氮氧化物"), ("needed", "6"), ("obtained", "2")],
            "item-add" => [("kind", "Other"), ("name", "矩阵页面审批事项"), ("department", "阳泉市林业局")],
            "apply" => [("item", item), ("on", "2024-04-08"), ("mode", "Normal")],
            "approve" or "supply" or "verify" => [("item", item), ("on", "2024-04-09")],
            "targets" => [("newStarts", "26"), ("startRate", "59"), ("completedInvestment", "81000")],
            "plan-entry" => [("nature", "New"), ("plannedInvestment", "1000"), ("plannedStart", "2024-05-01"), ("correctionReason", "矩阵页面更正原因")],
            "report" => [("period", Period), ("month", "100"), ("imageProgress", "矩阵页面进度")],
            "activity" => [("id", "A"), ("name", "场平及临建"), ("duration", "16")],
            "add" => [("id", "G"), ("name", "室外工程"), ("duration", "20"), ("after-id", "E"), ("after-type", "FS"), ("after-lag", "2")],
            "remove" => [("id", "F")],
            "plan" => [("start", "2024-03-01"), ("deadline", "2024-12-31")],
            "import" => [("start", "2024-04-01"), ("deadline", "2024-10-31")],
            "event" => PromotionEventForm,
            "robot-add" => [("kind", "dingtalk"), ("name", "矩阵页面机器人"), ("webhook", RobotWebhook + "page"), ("enabled", "true")],
            "robot-edit" => [("kind", "dingtalk"), ("name", "矩阵页面改名机器人"), ("enabled", "true")],
            "add-user" => [("username", "mx-page-made"), ("password", "matrix-secret"), ("role", "ZoneOfficer"), ("unit", HomeUnit)],
            // After the API's PUT made the user a zone officer: another change, so the owner's is accepted.
            "placement" => [("role", "DepartmentOfficer"), ("unit", HomeUnit), ("department", "阳泉高新区自然资源分局")],
            "reset" => [("password", "matrix-page-reset")],
            // One's own password, refused for its length after the current one checks out: every caller stays signed in.
            "password" => [("current", Keystone.Core.Accounts.Accounts.DemoPassword), ("password", "short"), ("confirm", "short")],
            _ when CampaignFormFields(route.Form) is { } campaignFields => campaignFields,
            _ when ProgressFormFields(route.Form) is { } progressFields => progressFields,
            _ => EnterpriseFormFields(route.Form!) is { Length: > 0 } enterpriseFields ? enterpriseFields : PromotionPageFields(route.Form) is { Length: > 0 } promotion ? promotion : MeetingPageFields(route.Form),
        };
        var file = route.Form == "import" ? NodePlan() : null;
        return (token =>
        {
            var content = new MultipartFormDataContent { { new StringContent(route.Form!), "_handler" } };
            if (token is not null)
            {
                content.Add(new StringContent(token), "__RequestVerificationToken");
            }

            foreach (var (key, value) in fields)
            {
                content.Add(new StringContent(value), key);
            }

            if (file is not null)
            {
                content.Add(FilePart("节点计划.xlsx", file));
            }

            return content;
        }, string.Join("\n", fields.Select(f => f.Item2)));
    }

    /// <summary>
    /// A body for an operation the table above does not know (a route added later): every property of its JSON
    /// schema given a value of its type, identifiers by name pointing at the home zone.
    /// </summary>
    private (Func<string?, HttpContent?> Content, string Echo) SchemaBody(MatrixRoute route)
    {
        var content = Operation(route)?["requestBody"]?["content"] as JsonObject;
        if (content?["application/json"]?["schema"] is { } schema)
        {
            var text = (Sample(Resolve(schema), "", 0) ?? new JsonObject()).ToJsonString();
            return (_ => new StringContent(text, Encoding.UTF8, "application/json"), text);
        }

        if (content is not null && content.Any(c => c.Key == "multipart/form-data"))
        {
            return (_ => new MultipartFormDataContent { { new StringContent(HomeProject), "code" } }, "");
        }

        return (_ => null, "");
    }

    private JsonNode? Sample(JsonObject? schema, string name, int depth)
    {
        if (schema is null || depth > 4)
        {
            return null;
        }

        var lower = name.ToLowerInvariant();
        var homeEnterprise = homeEnterprises[HomeProject];
        if (schema["properties"] is JsonObject properties)
        {
            var node = new JsonObject();
            foreach (var (property, propertySchema) in properties)
            {
                node[property] = Sample(Resolve(propertySchema), property, depth + 1);
            }

            return node;
        }

        var types = schema["type"] switch
        {
            JsonArray a => a.Select(t => (string?)t).ToArray(),
            JsonValue v => [(string?)v],
            _ => [],
        };
        return lower switch
        {
            "code" or "projectcode" or "project" => HomeProject,
            "unit" or "scope" => HomeUnit,
            "uscc" or "enterprise" => homeEnterprise.Uscc,
            "year" => 2024,
            "period" or "month" => Period,
            _ when (string?)schema["format"] == "date" => "2024-04-10",
            _ when types.Contains("array") => new JsonArray(),
            _ when types.Contains("boolean") => false,
            _ when types.Contains("integer") || types.Contains("number") => 1,
            _ => "矩阵",
        };
    }

    /// <summary>A schema with its $ref (or the non-null branch of a nullable oneOf) followed.</summary>
    private JsonObject? Resolve(JsonNode? schema)
    {
        for (var depth = 0; depth < 5 && schema is JsonObject o; depth++)
        {
            if (o["$ref"] is { } reference)
            {
                schema = openApi["components"]?["schemas"]?[((string)reference!).Split('/').Last()];
            }
            else if (o["oneOf"] is JsonArray options)
            {
                schema = options.OfType<JsonObject>().FirstOrDefault(x => x["type"]?.ToString() != "null");
            }
            else if (o["allOf"] is JsonArray parts)
            {
                var merged = new JsonObject();
                foreach (var part in parts.Select(p => Resolve(p)).OfType<JsonObject>())
                {
                    foreach (var (key, value) in part["properties"] as JsonObject ?? [])
                    {
                        merged[key] = value?.DeepClone();
                    }
                }

                return new JsonObject { ["properties"] = merged };
            }
            else
            {
                return o;
            }
        }

        return schema as JsonObject;
    }

    /// <summary>Whether the home zone's officer may be refused this route by design (a role's own page), not for a wrong request.</summary>
    /// <summary>
    /// Routes the home officer is rightly refused: the error pages, and the self-service routes, aimed at another
    /// home user's token and session (one's own are one's only: anyone else's does not exist).
    /// </summary>
    private static bool OwnerMayBeRefused(MatrixRoute route) =>
        route.Template is "/forbidden" or "/not-found" or "/api/auth/tokens/{id}" or "/api/auth/sessions/{id}"
            // One's own password is sent too short on purpose (above); enabling depends on the disable before it.
            or "/api/auth/password" or "/account/password" or "/api/users/{username}/enable";
}
