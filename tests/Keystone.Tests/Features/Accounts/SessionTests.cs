using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features.Accounts;

/// <summary>Browser sessions live in the database: ending one there ends every copy of its cookie.</summary>
public class SessionTests
{
    private static async Task<HttpStatusCode> WithCookieAsync(KeystoneApp app, string cookie, string url)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Theory]
    [DatabaseData]
    public async Task ACookieCopiedBeforeSigningOut_NoLongerWorksAfterIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var browser = await CookieBrowser.SignInAsync(app, "demo-zone");
        var copied = browser.SessionCookie;
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, copied, "/api/projects"));

        var signedOut = await browser.SignOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/login", signedOut.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(app, copied, "/api/projects"));
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(app, copied, "/projects"));
        await using var db = app.NewContext();
        var session = db.UserSessions.Single();
        Assert.NotNull(session.EndedAt);
        Assert.Contains(db.AuditEntries, a => a.Entity == "signIn" && a.EntityKey == "demo-zone" && a.Action == "signedOut");
    }

    [Theory]
    [DatabaseData]
    public async Task SigningOut_WithoutTheFormsToken_IsRefused_AndTheSessionLasts(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var browser = await CookieBrowser.SignInAsync(app, "demo-zone");
        var forged = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = new FormUrlEncodedContent([]) });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, browser.SessionCookie, "/api/projects"));
    }

    [Theory]
    [DatabaseData]
    public async Task DisablingAUser_OrResettingItsPassword_EndsItsSessions(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var zone = await CookieBrowser.SignInAsync(app, "demo-zone");
        using var city = await CookieBrowser.SignInAsync(app, "demo-city");
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, zone.SessionCookie, "/api/projects"));
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, city.SessionCookie, "/api/projects"));

        await using (var db = app.NewContext())
        {
            await Keystone.Core.Accounts.Accounts.DisableAsync(db, db.Users.Single(u => u.UserName == "demo-zone"), app.Clock.GetUtcNow());
            await Keystone.Core.Accounts.Accounts.ResetPasswordAsync(db, db.Users.Single(u => u.UserName == "demo-city"), "a-new-long-secret", app.Clock.GetUtcNow());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(app, zone.SessionCookie, "/api/projects"));
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(app, city.SessionCookie, "/api/projects"));
        await using var check = app.NewContext();
        Assert.All(check.UserSessions.ToList(), s => Assert.NotNull(s.EndedAt));
    }

    [Theory]
    [DatabaseData]
    public async Task AUser_ListsItsSessions_AndEndsAnotherOne_ButNotSomeoneElses(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var office = await CookieBrowser.SignInAsync(app, "demo-zone");
        using var laptop = await CookieBrowser.SignInAsync(app, "demo-zone");
        using var city = await CookieBrowser.SignInAsync(app, "demo-city");

        var listed = await office.GetAsync("/api/auth/sessions");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var items = (await listed.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Single(items, s => (bool)s!["current"]!);
        var other = (string)items.Single(s => !(bool)s!["current"]!)!["id"]!;

        var citySessions = (await (await city.GetAsync("/api/auth/sessions")).Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        var citySession = (string)citySessions.Single()!["id"]!;

        async Task<HttpResponseMessage> End(string id)
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/auth/sessions/{id}");
            request.Headers.Add("RequestVerificationToken", await office.TokenAsync());
            return await office.SendAsync(request);
        }

        var notYours = await End(citySession);
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        Assert.Contains("不存在或无权访问", (string)(await KeystoneApp.ProblemAsync(notYours))["detail"]!);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, city.SessionCookie, "/api/projects"));

        Assert.Equal(HttpStatusCode.NoContent, (await End(other)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await WithCookieAsync(app, laptop.SessionCookie, "/api/projects"));
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, office.SessionCookie, "/api/projects"));
        Assert.Equal(HttpStatusCode.NotFound, (await End(other)).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task ASession_IsSeenWhenUsed_NotWrittenOnEveryRequest(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var browser = await CookieBrowser.SignInAsync(app, "demo-zone");
        DateTimeOffset Seen()
        {
            using var db = app.NewContext();
            return db.UserSessions.Single().LastSeenAt;
        }

        var first = Seen();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, browser.SessionCookie, "/api/projects"));
        Assert.Equal(first, Seen());
        app.Clock.Advance(UserSession.SeenEvery);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, browser.SessionCookie, "/api/projects"));
        Assert.Equal(app.Clock.GetUtcNow(), Seen());
    }
}
