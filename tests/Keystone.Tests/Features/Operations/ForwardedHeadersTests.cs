using System.Net;
using System.Net.Http.Json;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features.Operations;

/// <summary>Behind a configured reverse proxy: each client is itself for the rate limit, the audit log and redirects.</summary>
public class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";

    private static Dictionary<string, string> Settings(string perMinute = "10") => new()
    {
        ["Keystone:SignIn:PerMinute"] = perMinute,
        ["Keystone:Proxy:KnownNetworks"] = "10.0.0.0/24",
        ["Keystone:Proxy:KnownProxies"] = "192.168.1.9",
    };

    [Theory]
    [DatabaseData]
    public async Task TwelveClientsThroughAKnownProxy_EachGetTheirOwnSignInLimit(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, Settings());
        await using var site = app.WithPeers();
        var codes = new List<HttpStatusCode>();
        for (var i = 1; i <= 12; i++)
        {
            using var client = site.ClientFrom(Proxy);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i}");
            codes.Add((await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-city", password = Keystone.Core.Accounts.Accounts.DemoPassword })).StatusCode);
        }

        Assert.All(codes, c => Assert.Equal(HttpStatusCode.OK, c));

        // The audit log names the client, not the proxy.
        await using var db = app.NewContext();
        var entries = await db.AuditEntries.Where(a => a.Entity == "signIn" && a.EntityKey == "demo-city").Select(a => a.After).ToListAsync();
        Assert.Contains(entries, a => a!.Contains("203.0.113.12", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, a => a!.Contains(Proxy, StringComparison.Ordinal));
    }

    [Theory]
    [DatabaseData]
    public async Task OneClientThroughAKnownProxy_IsStillLimited(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, Settings("3"));
        await using var site = app.WithPeers();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            // Another proxy of the list, the same client behind it.
            using var client = site.ClientFrom(i % 2 == 0 ? Proxy : "192.168.1.9");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
            codes.Add((await client.PostAsJsonAsync("/api/auth/token", new { username = "nobody", password = "whatever-it-is" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], codes);
    }

    [Theory]
    [DatabaseData]
    public async Task FromAnUnknownPeer_TheForwardedHeaderIsIgnored(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, Settings("3"));
        await using var site = app.WithPeers();
        var codes = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            // Someone connecting directly, inventing a new address each time: still one bucket, their own.
            using var client = site.ClientFrom("198.51.100.20");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i}");
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            codes.Add((await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-city", password = "wrong-password" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], codes);
        await using var db = app.NewContext();
        var entries = await db.AuditEntries.Where(a => a.Entity == "signIn" && a.EntityKey == "demo-city").Select(a => a.After).ToListAsync();
        Assert.NotEmpty(entries);
        Assert.All(entries, a => Assert.Contains("198.51.100.20", a!, StringComparison.Ordinal));

        using var page = site.ClientFrom("198.51.100.20");
        page.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        page.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        var redirect = await page.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("http://localhost/login", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [DatabaseData]
    public async Task TheSignInRedirect_KeepsHttpsAndTheHostTheProxyForwarded(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, Settings());
        await using var site = app.WithPeers();
        using var client = site.ClientFrom(Proxy);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "keystone.example.cn");

        var redirect = await client.GetAsync("/projects");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("https://keystone.example.cn/login?", redirect.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
