using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Keystone.Tests.Features.Accounts;

public class AuthorizationTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    /// <summary>What may be reached without signing in. A new anonymous endpoint must be added here on purpose.</summary>
    private static readonly string[] Anonymous = ["/health", "/health/live", "/health/ready", "/openapi/{documentName}.json", "/scalar/{documentName?}", "/login", "/api/auth/token", "/culture/{name}"];

    [Fact]
    public async Task EveryEndpoint_DeclaresWhoMayCallIt()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        using var _ = app.AnonymousClient(); // builds the host
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var unguarded = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var guarded = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
            if (IsStaticFile(route))
            {
                continue;
            }

            if (anonymous)
            {
                if (!Anonymous.Contains(route))
                {
                    unguarded.Add($"{route} (anonymous)");
                }
            }
            else if (!guarded)
            {
                unguarded.Add($"{route} [{endpoint.DisplayName}]");
            }
        }

        Assert.True(unguarded.Count == 0, "Endpoints without an authorization policy: " + string.Join(", ", unguarded));
    }

    /// <summary>A file the app serves as it is (vendored libraries, styles, scripts), public like any web asset.</summary>
    private static bool IsStaticFile(string route) =>
        route == "/{**path:file}" // development's fallback to wwwroot files not in the static-assets manifest
        || (!route.Contains('{') && (route.StartsWith("/lib/", StringComparison.Ordinal) || route.StartsWith("/css/", StringComparison.Ordinal)
            || route.StartsWith("/js/", StringComparison.Ordinal) || route.StartsWith("/_", StringComparison.Ordinal) || route.StartsWith("/scalar/", StringComparison.Ordinal)));

    [Theory]
    [DatabaseData]
    public async Task WithoutSigningIn_TheApiAnswers401_AndPagesSendYouToSignIn(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/figures?scope=" + Q("阳泉高新区"))).StatusCode);
        using var bad = app.AnonymousClient();
        bad.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/api/projects")).StatusCode);
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    /// <summary>Each role against its own data and a sibling's: the sibling's is not forbidden, it does not exist.</summary>
    [Theory]
    [DatabaseData]
    public async Task EachRole_SeesItsOwnScope_AndNothingOfASiblings(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        const string own = "YQGX-2024-001"; // 阳泉高新区, the demo reporter's enterprise
        const string zoneMate = "YQGX-2024-002"; // 阳泉高新区, another enterprise
        const string sibling = "GX-2024-002"; // 古县 (临汾市)

        async Task<HttpStatusCode> Get(string user, string url)
        {
            using var client = app.Client(user: user);
            return (await client.GetAsync(url)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Get("demo-province", $"/api/projects/{sibling}"));
        foreach (var user in new[] { "demo-city", "demo-zone" })
        {
            Assert.Equal(HttpStatusCode.OK, await Get(user, $"/api/projects/{own}"));
            Assert.Equal(HttpStatusCode.NotFound, await Get(user, $"/api/projects/{sibling}"));
            Assert.Equal(HttpStatusCode.NotFound, await Get(user, $"/api/figures?scope={Q("古县经济技术开发区")}"));
            Assert.Equal(HttpStatusCode.NotFound, await Get(user, $"/api/audit?entity=project&id={sibling}"));
            Assert.Equal(HttpStatusCode.OK, await Get(user, $"/api/figures?scope={Q("阳泉高新区")}"));
        }

        Assert.Equal(65, (int)(await app.GetJsonAsync("/api/projects", user: "demo-zone"))["total"]!);
        Assert.Equal(89, (int)(await app.GetJsonAsync("/api/projects", user: "demo-province"))["total"]!);
        Assert.DoesNotContain((await app.GetJsonAsync("/api/units", user: "demo-city"))["items"]!.AsArray(), u => (string)u!["name"]! == "临汾市");

        Assert.Equal(HttpStatusCode.OK, await Get("demo-enterprise", $"/api/projects/{own}"));
        Assert.Equal(HttpStatusCode.NotFound, await Get("demo-enterprise", $"/api/projects/{zoneMate}"));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("demo-enterprise", $"/api/figures?scope={Q("阳泉高新区")}"));
        Assert.Equal(HttpStatusCode.Forbidden, await Get("demo-enterprise", "/api/units"));

        Assert.Equal(0, (int)(await app.GetJsonAsync("/api/projects", user: "demo-department"))["total"]!);
        Assert.Equal(HttpStatusCode.NotFound, await Get("demo-department", $"/api/projects/{own}"));
    }

    [Theory]
    [DatabaseData]
    public async Task OnlyLedgerKeepers_ChangeProjects_AndOnlyWithinTheirScope(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var input = KeystoneApp.NewProjectInput("AUTH-001");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects", input, user: "demo-enterprise")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects", input, user: "demo-zone")).StatusCode);

        var elsewhere = KeystoneApp.NewProjectInput("AUTH-002");
        elsewhere["unit"] = "古县经济技术开发区";
        var refused = await app.SendJsonAsync(HttpMethod.Post, "/api/projects", elsewhere, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("找不到单位", (string)(await KeystoneApp.ProblemAsync(refused))["errors"]!["unit"]![0]!);

        var update = new { name = "改名", unit = "古县经济技术开发区", levels = new[] { "zone" }, category = "other", totalInvestment = 1m };
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Put, "/api/projects/GX-2024-002", update, user: "demo-zone")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task AReportersReport_CountsOnlyOnceTheZoneApprovesIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        app.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.FromHours(8)));
        const string url = "/api/figures?scope=%E9%98%B3%E6%B3%89%E9%AB%98%E6%96%B0%E5%8C%BA&asOf=2024-04-30";
        var before = (decimal)(await app.GetJsonAsync(url, user: "demo-zone"))["completedInvestment"]!;

        var submitted = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-04", new { month = 500m, imageProgress = "主体施工" }, user: "demo-enterprise");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("submitted", (string)(await submitted.Content.ReadFromJsonAsync<JsonObject>())!["status"]!);
        Assert.Equal(before, (decimal)(await app.GetJsonAsync(url, user: "demo-zone"))["completedInvestment"]!);

        var returned = await app.SendJsonAsync(HttpMethod.Post, "/api/projects/YQGX-2024-001/reports/2024-04/return", new { comment = "请附现场照片" }, user: "demo-zone");
        Assert.Equal("returned", (string)(await returned.Content.ReadFromJsonAsync<JsonObject>())!["status"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects/YQGX-2024-001/reports/2024-04/approve", new { }, user: "demo-zone")).StatusCode);

        var resubmitted = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/YQGX-2024-001/reports/2024-04", new { month = 520m, imageProgress = "主体施工，附照片" }, user: "demo-enterprise");
        Assert.Equal("submitted", (string)(await resubmitted.Content.ReadFromJsonAsync<JsonObject>())!["status"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects/YQGX-2024-001/reports/2024-04/approve", new { }, user: "demo-enterprise")).StatusCode);

        var approved = await app.SendJsonAsync(HttpMethod.Post, "/api/projects/YQGX-2024-001/reports/2024-04/approve", new { }, user: "demo-zone");
        var report = (await approved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("approved", "demo-zone", "demo-enterprise"), ((string)report["status"]!, (string)report["reviewedBy"]!, (string)report["reportedBy"]!));
        Assert.Equal(before + 520m, (decimal)(await app.GetJsonAsync(url, user: "demo-zone"))["completedInvestment"]!);

        var history = (await app.GetJsonAsync("/api/audit?entity=project&id=YQGX-2024-001", user: "demo-zone"))["items"]!.AsArray();
        Assert.Equal(["approved", "submitted", "returned", "created"], history.Where(h => (string)h!["entity"]! == "report" && (string)h!["key"]! == "YQGX-2024-001/2024-04").Select(h => (string)h!["action"]!).ToArray());
        Assert.Contains(history, h => (string)h!["reason"]! == "请附现场照片");
    }

    [Theory]
    [DatabaseData]
    public async Task EveryWrite_IsInTheAuditLog_WithWhoAndWhat(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        Assert.Equal(HttpStatusCode.Created, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects", KeystoneApp.NewProjectInput("AUD-1"), user: "demo-zone")).StatusCode);
        await app.SendJsonAsync(HttpMethod.Put, "/api/projects/AUD-1/plans/2024", new { nature = "new", plannedInvestment = 3000m }, user: "demo-zone");
        var update = KeystoneApp.NewProjectInput("AUD-1");
        update["totalInvestment"] = 60_000m;
        await app.SendJsonAsync(HttpMethod.Put, "/api/projects/AUD-1", update, user: "demo-city");

        var history = (await app.GetJsonAsync("/api/audit?entity=project&id=AUD-1", user: "demo-zone"))["items"]!.AsArray();
        var created = history.Single(h => (string)h!["entity"]! == "project" && (string)h!["action"]! == "created")!;
        Assert.Equal("demo-zone", (string)created["actor"]!);
        var updated = history.Single(h => (string)h!["entity"]! == "project" && (string)h!["action"]! == "updated")!;
        Assert.Equal("demo-city", (string)updated["actor"]!);
        Assert.Equal(50_000m, (decimal)JsonNode.Parse((string)updated["before"]!)!["totalInvestment"]!);
        Assert.Equal(60_000m, (decimal)JsonNode.Parse((string)updated["after"]!)!["totalInvestment"]!);
        Assert.Contains(history, h => (string)h!["entity"]! == "plan" && (string)h!["key"]! == "AUD-1/2024");
    }

    [Theory]
    [DatabaseData]
    public async Task TheAuditLog_CannotBeChangedOrDeleted_EvenBySql(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await app.SendJsonAsync(HttpMethod.Post, "/api/projects", KeystoneApp.NewProjectInput("AUD-2"), user: "demo-zone");
        await using var db = app.NewContext();
        Assert.True(db.AuditEntries.Any());
        await Assert.ThrowsAnyAsync<Exception>(() => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "UPDATE audit_log SET \"Actor\" = 'someone else'"));
        await Assert.ThrowsAnyAsync<Exception>(() => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "DELETE FROM audit_log"));
        Assert.DoesNotContain(db.AuditEntries, a => a.Actor == "someone else");
    }

    [Theory]
    [DatabaseData]
    public async Task RepeatedWrongPasswords_LockTheAccount(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, new Dictionary<string, string> { ["Keystone:SignIn:PerMinute"] = "100" });
        using var client = app.AnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-city", password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-city", password = Keystone.Core.Accounts.Accounts.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("锁定", (string)(await KeystoneApp.ProblemAsync(right))["title"]!);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-city", password = Keystone.Core.Accounts.Accounts.DemoPassword })).StatusCode);
    }

    [Fact]
    public async Task SigningIn_IsRateLimited()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite, new Dictionary<string, string> { ["Keystone:SignIn:PerMinute"] = "3" });
        using var client = app.AnonymousClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((await client.PostAsJsonAsync("/api/auth/token", new { username = "nobody", password = "whatever-it-is" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
    }

    [Theory]
    [DatabaseData]
    public async Task ATokenExpires_AndDiesWithADisabledUser(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/projects")).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(13));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/projects")).StatusCode);

        using var city = app.Client(user: "demo-city");
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync("/api/projects")).StatusCode);
        await using (var db = app.NewContext())
        {
            var user = db.Users.Single(u => u.UserName == "demo-city");
            user.Disable();
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await city.GetAsync("/api/projects")).StatusCode);
    }

    [Fact]
    public async Task Answers_CarryTheSecurityHeaders()
    {
        await using var app = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        using var client = app.AnonymousClient();
        var response = await client.GetAsync("/login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync()); // no inline script to need an exception
    }

    [Fact]
    public async Task TwoWebNodes_ShareSignIns_ThroughKeysInTheDatabase()
    {
        await using var first = await KeystoneApp.StartAsync(DbProvider.Sqlite);
        using var a = first.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var login = await a.GetAsync("/login");
        var form = await login.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgeryCookie = Cookies(login);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["username"] = "demo-zone", ["password"] = Keystone.Core.Accounts.Accounts.DemoPassword, ["returnUrl"] = "/" }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await a.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = Cookies(signedIn);
        Assert.Contains("keystone=", session);

        await using var second = first.SecondNode();
        using var b = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", session);
        var page = await b.SendAsync(home);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("阳泉高新区", await page.Content.ReadAsStringAsync());
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);
}
