using Keystone.Cli;
using Keystone.Core.Data;
using Keystone.Testing;
using Keystone.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Spectre.Console;

namespace Keystone.Tests.Browser;

/// <summary>
/// The real app on a loopback port with the demo dataset, and Debian's Chromium driven by Playwright
/// (never a downloaded browser). Screenshots go to TestResults/screenshots for a person to look at.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private TestDatabase? database;
    private WebApplication? app;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotDir
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>
    /// Whether the tests save what they see (<c>KEYSTONE_SCREENSHOTS=1</c>). Off by default: a full-page picture is
    /// painted and PNG-encoded on the suite's two cores and nothing in a test reads it; the README's pictures are
    /// taken by their own tests (scripts/screenshots.sh) either way.
    /// </summary>
    public static bool SavesPictures { get; } = Environment.GetEnvironmentVariable("KEYSTONE_SCREENSHOTS") is "1" or "true";

    /// <summary>Saves the page as <paramref name="name"/> under <see cref="ScreenshotDir"/> for a person to look at, when <see cref="SavesPictures"/>.</summary>
    public static async Task ShotAsync(IPage page, string name, bool fullPage = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (SavesPictures)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, name), FullPage = fullPage });
        }
    }

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DbProvider.Sqlite, demo: true);
        (app, BaseUrl) = await StartAsync(database);

        // Expectations wait for what a person would wait for, not for a quiet machine: the suite shares two cores with
        // the app and the database, and the default 5 s ran out under load (a 10,000-project battle map drawing its rows).
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The app on another database (one a test fills for itself), on its own loopback port, its clock at <paramref name="now"/> (the demo's day by default); stop it when done.</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(TestDatabase target, DateTimeOffset? now = null)
    {
        var console = new CliConsole(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), TextWriter.Null, new FakeTimeProvider(now ?? TestDatabase.DemoDay), _ => null);
        // Every browser test signs in through the form, all from 127.0.0.1: more than the production limit of
        // sign-ins a minute per address (which the API tests check on their own app).
        var started = await KeystoneWeb.BuildAsync(
            new ServeOptions { Database = target.Target.ConnectionString, Urls = "http://127.0.0.1:0", NoDemo = true, HostArgs = ["--Keystone:SignIn:PerMinute=1000"] },
            console.ForServe,
            CancellationToken.None);
        await started.StartAsync();
        return (started, started.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>
    /// A page signed in as <paramref name="user"/> (through the sign-in form, like a person; null: not signed
    /// in) that records every console error, so a test can fail on any.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1366, int height = 900, string? user = "demo-province", string? baseUrl = null)
    {
        // Each user signs in through the form once; later pages reuse that session's cookies, as a person's
        // browser would (and the sign-in rate limit, 10 a minute from one address, is not spent on setup).
        // Another app (baseUrl) has its own keys, so its sessions are its own.
        var site = baseUrl ?? BaseUrl;
        string? session = null;
        if (user is not null && !sessions.TryGetValue((site, user), out session))
        {
            var (signIn, signInErrors) = await OpenAsync(width, height, null);
            await signIn.GotoAsync(site + "/login");
            await signIn.FillAsync("#username", user);
            await signIn.FillAsync("#password", Keystone.Core.Accounts.Accounts.DemoPassword);
            await signIn.ClickAsync("form[action='/login'] button[type=submit]");
            await signIn.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
            Assert.Empty(signInErrors);
            session = await signIn.Context.StorageStateAsync();
            sessions[(site, user)] = session;
            await signIn.Context.CloseAsync();
        }

        return await OpenAsync(width, height, session);
    }

    private readonly Dictionary<(string Site, string User), string> sessions = [];

    private async Task<(IPage Page, List<string> Errors)> OpenAsync(int width, int height, string? session)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            StorageState = session,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
