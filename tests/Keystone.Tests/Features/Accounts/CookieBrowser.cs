using System.Net;
using System.Text.RegularExpressions;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// A browser signed in through the /login form, as a person is: it keeps its cookies itself (so a test can
/// copy them, as a thief would), and reads the antiforgery token the site's pages give it.
/// </summary>
public sealed partial class CookieBrowser : IDisposable
{
    private readonly HttpClient client;

    private CookieBrowser(KeystoneApp app)
    {
        client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue("zh-CN"));
    }

    /// <summary>The cookies this browser holds, by name.</summary>
    public Dictionary<string, string> Cookies { get; } = [];

    /// <summary>The sign-in cookie as a "keystone=…" pair: what a thief would copy.</summary>
    public string SessionCookie => "keystone=" + Cookies["keystone"];

    /// <summary>A browser that has only opened the sign-in page (and so holds its antiforgery cookie).</summary>
    public static async Task<CookieBrowser> OpenAsync(KeystoneApp app)
    {
        var browser = new CookieBrowser(app);
        await browser.GetAsync("/login");
        return browser;
    }

    /// <summary>A browser signed in as <paramref name="user"/> (with the demo password).</summary>
    public static async Task<CookieBrowser> SignInAsync(KeystoneApp app, string user)
    {
        var browser = await OpenAsync(app);
        var response = await browser.PostLoginAsync(user, Keystone.Core.Accounts.Accounts.DemoPassword, "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/work", response.Headers.Location!.OriginalString);
        Assert.True(browser.Cookies.ContainsKey("keystone"), "no sign-in cookie");
        return browser;
    }

    /// <summary>Posts the sign-in form with the token the sign-in page gave, as the page's own button does.</summary>
    public async Task<HttpResponseMessage> PostLoginAsync(string user, string password, string returnUrl) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await TokenAsync(),
                ["username"] = user,
                ["password"] = password,
                ["returnUrl"] = returnUrl,
            }),
        });

    /// <summary>The antiforgery token a page of the site gives this browser now (for the user it is signed in as).</summary>
    public async Task<string> TokenAsync()
    {
        var html = await (await GetAsync("/login")).Content.ReadAsStringAsync();
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "no antiforgery token on /login");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Sends with this browser's cookies and keeps what the answer sets (or deletes).</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0];
            var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
            var value = pair[(name.Length + 1)..];
            var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (expired || value.Length == 0)
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }

        return response;
    }

    /// <summary>Signs out with the layout's form (its token included).</summary>
    public async Task<HttpResponseMessage> SignOutAsync() =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await TokenAsync() }),
        });

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenInput();
}
