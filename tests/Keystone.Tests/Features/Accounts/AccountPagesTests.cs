using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features.Accounts;

/// <summary>The users page (officers keep their units' accounts) and the change-my-password page (everyone).</summary>
public class AccountPagesTests
{
    private static async Task<HttpStatusCode> SignInAsync(KeystoneApp app, string user, string password)
    {
        using var client = app.AnonymousClient();
        return (await client.PostAsJsonAsync("/api/auth/token", new { username = user, password })).StatusCode;
    }

    [Theory]
    [DatabaseData]
    public async Task AnAdmin_AddsAUser_OnThePage_WhoCanThenSignIn(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        int zone;
        await using (var db = app.NewContext())
        {
            zone = await db.OrgUnits.Where(u => u.Name == "阳泉高新区").Select(u => u.Id).SingleAsync();
        }

        var added = await app.SubmitAsync("/users", "add-user",
            [("username", "Li.Si"), ("password", "li-si-secret"), ("role", "ZoneOfficer"), ("unit", zone.ToString(System.Globalization.CultureInfo.InvariantCulture))], user: "demo-city");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/users/li.si?saved=add", Target(added));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(app, "li.si", "li-si-secret"));

        var (status, html) = await app.PageAsAsync("demo-city", "/users");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-user=\"li.si\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/users\"", (await app.PageAsAsync("demo-city", "/projects")).Html, StringComparison.Ordinal); // the nav links it

        // A refused form keeps what was typed and says why beside the field; nothing is added.
        var refused = await app.SubmitAsync("/users", "add-user", [("username", "x"), ("password", "short"), ("role", "ZoneOfficer"), ("unit", zone.ToString(System.Globalization.CultureInfo.InvariantCulture))], user: "demo-city");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("密码至少8位", page, StringComparison.Ordinal);
        await using var check = app.NewContext();
        Assert.False(await check.Users.AnyAsync(u => u.UserName == "x"));
    }

    [Theory]
    [DatabaseData]
    public async Task AnAdmin_DisablesResetsAndMovesAUserOfItsUnits_AndEachEndsItsTokens(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var department = app.TokenFor("demo-department");
        var disabled = await app.SubmitAsync("/users/demo-department", "state", [], user: "demo-zone");
        Assert.Equal("/users/demo-department?saved=disabled", Target(disabled));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(app, "demo-department", Keystone.Core.Accounts.Accounts.DemoPassword));
        using (var stale = app.AnonymousClient())
        {
            stale.DefaultRequestHeaders.Authorization = new("Bearer", department);
            Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/api/problems")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await app.SubmitAsync("/users/demo-department", "state", [], user: "demo-zone")).StatusCode); // enabled again
        Assert.Equal(HttpStatusCode.Redirect, (await app.SubmitAsync("/users/demo-department", "reset", [("password", "new-dept-secret")], user: "demo-zone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(app, "demo-department", "new-dept-secret"));

        // Moved by the API: a department officer becomes a zone officer of the same zone.
        var moved = await app.SendJsonAsync(HttpMethod.Put, "/api/users/demo-department", new { role = "ZoneOfficer", unit = "阳泉高新区" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("zoneOfficer", (string)(await moved.Content.ReadFromJsonAsync<JsonObject>())!["role"]!);

        // Not oneself: one's own password is changed with the current one.
        var self = await app.SendJsonAsync(HttpMethod.Post, "/api/users/demo-zone/disable", new { }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task AZoneAdmin_CannotTouchACityUser(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        Assert.Equal(HttpStatusCode.NotFound, (await app.PageAsAsync("demo-zone", "/users/demo-city")).Status);
        Assert.DoesNotContain("data-user=\"demo-city\"", (await app.PageAsAsync("demo-zone", "/users")).Html, StringComparison.Ordinal);

        using var zone = app.Client(user: "demo-zone");
        Assert.Equal(HttpStatusCode.NotFound, (await zone.PostAsJsonAsync("/api/users/demo-city/disable", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zone.PostAsJsonAsync("/api/users/demo-city/reset-password", new { password = "taken-over-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await zone.PutAsJsonAsync("/api/users/demo-city", new { role = "ZoneOfficer", unit = "阳泉高新区" })).StatusCode);
        // Nor make one above itself, nor place one outside its zone.
        var city = await zone.PostAsJsonAsync("/api/users", new { username = "zone-made-city", role = "CityOfficer", unit = "阳泉市", password = "a-long-secret" });
        Assert.Equal(HttpStatusCode.BadRequest, city.StatusCode);
        Assert.Contains("unit", (await KeystoneApp.ProblemAsync(city))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client(user: "demo-enterprise").GetAsync("/api/users")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, await SignInAsync(app, "demo-city", Keystone.Core.Accounts.Accounts.DemoPassword));
        await using var db = app.NewContext();
        var demoCity = await db.Users.SingleAsync(u => u.UserName == "demo-city");
        Assert.False(demoCity.Disabled);
        Assert.Equal(Keystone.Core.Accounts.Role.CityOfficer, demoCity.Role);
    }

    [Theory]
    [DatabaseData]
    public async Task ChangingOnesPassword_NeedsTheCurrentOne_AndAWrongOneChangesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var browser = await CookieBrowser.SignInAsync(app, "demo-enterprise");
        Assert.Contains("href=\"/account/password\"", await (await browser.GetAsync("/projects")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var wrong = await PostPasswordAsync(browser, "not-the-password", "brand-new-secret", "brand-new-secret");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("当前密码不正确，密码未修改", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(app, "demo-enterprise", "brand-new-secret"));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(app, "demo-enterprise", Keystone.Core.Accounts.Accounts.DemoPassword));

        var mismatch = await PostPasswordAsync(browser, Keystone.Core.Accounts.Accounts.DemoPassword, "brand-new-secret", "brand-new-secreT");
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooShort = await PostPasswordAsync(browser, Keystone.Core.Accounts.Accounts.DemoPassword, "short", "short");
        Assert.Contains("密码至少8位", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(app, "demo-enterprise", Keystone.Core.Accounts.Accounts.DemoPassword));

        var token = app.TokenFor("demo-enterprise");
        var changed = await PostPasswordAsync(browser, Keystone.Core.Accounts.Accounts.DemoPassword, "brand-new-secret", "brand-new-secret");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/account/password?saved=1", Target(changed));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(app, "demo-enterprise", "brand-new-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(app, "demo-enterprise", Keystone.Core.Accounts.Accounts.DemoPassword));

        // This browser stays signed in (a new session); the token from before has ended.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/password?saved=1")).StatusCode);
        using var stale = app.AnonymousClient();
        stale.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/api/projects")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task TheApi_ChangesOnesPassword_OnlyWithTheCurrentOne(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var wrong = await app.SendJsonAsync(HttpMethod.Post, "/api/auth/password", new { current = "nope-nope", password = "brand-new-secret" }, "en-US", user: "demo-department");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("current password is wrong", (string)(await KeystoneApp.ProblemAsync(wrong))["errors"]!["current"]![0]!, StringComparison.Ordinal);

        var right = await app.SendJsonAsync(HttpMethod.Post, "/api/auth/password", new { current = Keystone.Core.Accounts.Accounts.DemoPassword, password = "brand-new-secret" }, user: "demo-department");
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync(app, "demo-department", "brand-new-secret"));
    }

    /// <summary>Where a redirect sends the browser (path and query).</summary>
    private static string Target(HttpResponseMessage response) => new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    /// <summary>Posts the change-password form as the browser does: the page's token, its @formname, the three fields.</summary>
    private static async Task<HttpResponseMessage> PostPasswordAsync(CookieBrowser browser, string current, string password, string confirm)
    {
        var page = await (await browser.GetAsync("/account/password")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"");
        Assert.True(token.Success, "no antiforgery token on /account/password");
        return await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
                ["_handler"] = "password",
                ["current"] = current,
                ["password"] = password,
                ["confirm"] = confirm,
            }),
        });
    }
}
