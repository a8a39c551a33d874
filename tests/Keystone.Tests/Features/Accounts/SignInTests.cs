using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Keystone.Core.Data;
using Keystone.Features.Accounts;
using Keystone.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keystone.Tests.Features.Accounts;

/// <summary>Signing in: lockouts that parallel guesses cannot dodge, and a trace of every attempt.</summary>
public class SignInTests
{
    private static readonly Dictionary<string, string> Unlimited = new() { ["Keystone:SignIn:PerMinute"] = "1000" };

    [Theory]
    [DatabaseData]
    public async Task TenWrongPasswordsInParallel_LockTheAccount_AsTenInARowDo(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider, Unlimited);
        var guesses = Enumerable.Range(0, 10).Select(async i =>
        {
            using var client = app.AnonymousClient();
            return (await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-city", password = $"guess-number-{i}" })).StatusCode;
        });
        Assert.All(await Task.WhenAll(guesses), status => Assert.Equal(HttpStatusCode.Unauthorized, status));

        using var owner = app.AnonymousClient();
        var right = await owner.PostAsJsonAsync("/api/auth/token", new { username = "demo-city", password = Keystone.Core.Accounts.Accounts.DemoPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("锁定", (string)(await KeystoneApp.ProblemAsync(right))["title"]!);

        await using var db = app.NewContext();
        Assert.True(db.Users.Single(u => u.UserName == "demo-city").IsLockedOut(app.Clock.GetUtcNow()));
        Assert.Single(db.AuditEntries.Where(a => a.Entity == "signIn" && a.EntityKey == "demo-city" && a.Action == "lockedOut"));
    }

    [Theory]
    [DatabaseData]
    public async Task EverySignIn_IsAuditedAndLogged_WithTheAddress_NeverThePassword(DbProvider provider)
    {
        await using var started = await KeystoneApp.StartAsync(provider, Unlimited);
        var lines = new ConcurrentQueue<string>();
        await using var app = started.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(new Collecting(lines))));
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-zone", password = Keystone.Core.Accounts.Accounts.DemoPassword })).StatusCode);
        for (var i = 0; i < Keystone.Core.Accounts.User.LockoutFailures; i++)
        {
            await client.PostAsJsonAsync("/api/auth/token", new { username = "demo-city", password = "the-wrong-secret" });
        }

        await client.PostAsJsonAsync("/api/auth/token", new { username = "nobody-here", password = "the-wrong-secret" });

        await using var db = started.NewContext();
        var audit = db.AuditEntries.Where(a => a.Entity == "signIn").ToList();
        Assert.Contains(audit, a => a.EntityKey == "demo-zone" && a.Action == "succeeded" && a.Actor == "demo-zone");
        Assert.Contains(audit, a => a.EntityKey == "demo-zone" && a.Action == "tokenCreated");
        Assert.Equal(Keystone.Core.Accounts.User.LockoutFailures, audit.Count(a => a.EntityKey == "demo-city" && a.Action == "failed"));
        Assert.Single(audit, a => a.EntityKey == "demo-city" && a.Action == "lockedOut");
        Assert.Single(audit, a => a.EntityKey == "nobody-here" && a.Action == "failed");
        Assert.All(audit, a => Assert.Contains("\"address\"", a.After!, StringComparison.Ordinal));
        Assert.DoesNotContain(audit, a => (a.After ?? "").Contains("secret", StringComparison.Ordinal) || (a.After ?? "").Contains(Keystone.Core.Accounts.Accounts.DemoPassword, StringComparison.Ordinal));

        Assert.Contains(lines, l => l.Contains("demo-zone", StringComparison.Ordinal) && l.Contains("succeeded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("demo-city", StringComparison.Ordinal) && l.Contains("failed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("demo-city", StringComparison.Ordinal) && l.Contains("locked", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("the-wrong-secret", StringComparison.Ordinal));
    }

    [Theory]
    [DatabaseData]
    public async Task TheSignInForm_SaysWhatWentWrong_InItsOwnWords_NotTheLinks(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var browser = await CookieBrowser.OpenAsync(app);
        var wrong = await browser.PostLoginAsync("demo-city", "not-the-password", "/projects");
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        var page = await (await browser.GetAsync(wrong.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        Assert.Contains("用户名或密码错误", page);
        Assert.Contains("value=\"/projects\"", page);

        var planted = await (await browser.GetAsync("/login?error=" + Uri.EscapeDataString("账号异常，请拨打400-000-0000"))).Content.ReadAsStringAsync();
        Assert.DoesNotContain("账号异常", planted); // (the language link carries the URL, percent-encoded: not as words)
        Assert.Contains("用户名或密码错误", planted);
    }

    /// <summary>Collects log lines, category first, so a test can read what an operator would.</summary>
    private sealed class Collecting(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (category == AccountsEndpoints.LogCategory)
                {
                    lines.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
