using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Tests;

/// <summary>
/// The app under test, on its own database, with intent methods so tests read as what a user does.
/// The clock stands on the day seed 004 reports (2024-04-10) unless a test moves it.
/// </summary>
public sealed partial class KeystoneApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase database;

    private readonly bool ownsDatabase;
    private readonly Dictionary<string, string> settings;

    private KeystoneApp(TestDatabase database, bool ownsDatabase = true, Dictionary<string, string>? settings = null)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.settings = settings ?? [];
    }

    /// <summary>A second web node on the same database (for what nodes must share: sign-ins, data).</summary>
    public KeystoneApp SecondNode() => new(database, ownsDatabase: false, settings);

    /// <summary>The app with extra settings (Keystone:SignIn:PerMinute …).</summary>
    public static async Task<KeystoneApp> StartAsync(DbProvider provider, Dictionary<string, string> settings) =>
        new(await TestDatabase.CreateAsync(provider, demo: true), ownsDatabase: true, settings);

    public FakeTimeProvider Clock { get; } = new(TestDatabase.DemoDay);

    public DbProvider Provider => database.Provider;

    /// <summary>The user every client signs in as unless a test names another (the demo's province administrator).</summary>
    public const string Admin = "demo-province";

    private readonly Dictionary<string, (string Token, DateTimeOffset ExpiresAt)> tokens = [];

    /// <summary>
    /// The app on a fresh database: the demo dataset with its demo users, or (demo: false) an empty province
    /// with just its administrator, demo-province, so a test can sign in and import into it.
    /// </summary>
    public static async Task<KeystoneApp> StartAsync(DbProvider provider, bool demo = true)
    {
        var database = await TestDatabase.CreateAsync(provider, demo);
        if (!demo)
        {
            await using var db = database.NewContext();
            var province = new Keystone.Core.Units.OrgUnit("山西省", Keystone.Core.Units.OrgUnitKind.Province, null);
            db.OrgUnits.Add(province);
            await db.SaveChangesAsync();
            db.Users.Add(new Keystone.Core.Accounts.User(Admin, Keystone.Core.Accounts.Role.ProvinceAdmin, province.Id, DemoHash.Value, TestDatabase.DemoDay));
            await db.SaveChangesAsync();
        }

        return new KeystoneApp(database);
    }

    public TestDatabase Database => database;

    /// <summary>Hashing is slow on purpose: hash the demo password once per test run.</summary>
    private static readonly Lazy<string> DemoHash = new(() => Keystone.Core.Accounts.PasswordHashing.Hash(Keystone.Core.Accounts.Accounts.DemoPassword));

    public AppDbContext NewContext() => database.NewContext();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Keystone", database.Target.ConnectionString);
        builder.UseSetting("Keystone:NoDemo", "true");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client signed in as <paramref name="user"/> (a bearer token), speaking the given language (Accept-Language).</summary>
    public HttpClient Client(string language = "zh-CN", string user = Admin)
    {
        var client = AnonymousClient(language);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(user));
        return client;
    }

    /// <summary>A client that has not signed in.</summary>
    public HttpClient AnonymousClient(string language = "zh-CN")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    /// <summary>
    /// A token for a user whose password is the demo password, asked for once per app — and again once the
    /// test's clock has moved past its expiry.
    /// </summary>
    public string TokenFor(string user)
    {
        lock (tokens)
        {
            if (!tokens.TryGetValue(user, out var held) || held.ExpiresAt <= Clock.GetUtcNow())
            {
                using var client = AnonymousClient();
                var response = client.PostAsJsonAsync("/api/auth/token", new { username = user, password = Keystone.Core.Accounts.Accounts.DemoPassword }).GetAwaiter().GetResult();
                Assert.True(response.IsSuccessStatusCode, $"sign-in as {user}: {(int)response.StatusCode}");
                var body = response.Content.ReadFromJsonAsync<JsonObject>().GetAwaiter().GetResult()!;
                held = (body["token"]!.GetValue<string>(), body["expiresAt"]!.GetValue<DateTimeOffset>());
                tokens[user] = held;
            }

            return held.Token;
        }
    }

    public async Task<JsonObject> GetJsonAsync(string url, string language = "zh-CN", string user = Admin)
    {
        using var client = Client(language, user);
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string url, object body, string language = "zh-CN", string user = Admin)
    {
        using var client = Client(language, user);
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        return await client.SendAsync(request);
    }

    /// <summary>A complete, valid project for 阳泉高新区 that tests vary one field at a time.</summary>
    public static Dictionary<string, object?> NewProjectInput(string code = "TEST-001") => new()
    {
        ["code"] = code,
        ["name"] = "测试新能源装备项目",
        ["unit"] = "阳泉高新区",
        ["levels"] = new[] { "provincial", "市级重点" },
        ["category"] = "产业类",
        ["status"] = "在建",
        ["industryChain"] = "新能源",
        ["totalInvestment"] = 50_000m,
        ["enterprise"] = new { uscc = "91140300CBPRNJHCCN", name = "阳泉东区智慧有限公司" },
        ["landAreaMu"] = 119.84m,
        ["jobsTarget"] = 300,
        ["actualStart"] = "2024-03-01",
    };

    /// <summary>A page's HTML and status, in the given language.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PageAsync(string url, string language = "zh-CN")
    {
        using var client = Client(language);
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Files a monthly report through the page, as a browser does: fetches the form (for its antiforgery token
    /// and cookie), then posts the fields and photos as multipart/form-data. Answers the response (a redirect
    /// to the project page on success, the form again with its errors otherwise).
    /// </summary>
    public Task<HttpResponseMessage> ReportAsync(string code, IReadOnlyDictionary<string, string> fields, params (string Name, byte[] Content)[] photos) =>
        ReportAsync(Admin, code, fields, photos);

    /// <summary>Files a monthly report through the page as <paramref name="user"/>, like a browser: the form's hidden fields, then the post.</summary>
    public async Task<HttpResponseMessage> ReportAsync(string user, string code, IReadOnlyDictionary<string, string> fields, params (string Name, byte[] Content)[] photos)
    {
        var client = Client(user: user);
        var url = $"/projects/{Uri.EscapeDataString(code)}/reports/new";
        var form = await client.GetStringAsync(url);
        using var content = new MultipartFormDataContent();
        // The report form's own hidden fields; the page's other forms (sign out) carry the same token, once is enough.
        foreach (var hidden in HiddenInput().Matches(form).DistinctBy(m => m.Groups["name"].Value))
        {
            content.Add(new StringContent(WebUtility.HtmlDecode(hidden.Groups["value"].Value)), hidden.Groups["name"].Value);
        }

        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        foreach (var (name, bytes) in photos)
        {
            var file = new ByteArrayContent(bytes);
            // What a browser would claim; the server must not believe it.
            file.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg");
            content.Add(file, "photos", name);
        }

        return await client.PostAsync(url, content);
    }

    /// <summary>
    /// Opens <paramref name="page"/> as <paramref name="user"/> and posts <paramref name="fields"/> to
    /// <paramref name="action"/> with the page's antiforgery token, as a browser submitting one of its forms would.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string user, string page, string action, IReadOnlyDictionary<string, string> fields)
    {
        var client = Client(user: user);
        var html = await client.GetStringAsync(page);

        // As a browser: the hidden fields of the form that posts to the action (its version is its record's), else the page's.
        var start = action == page ? -1 : html.IndexOf($"action=\"{action}\"", StringComparison.Ordinal);
        if (start >= 0)
        {
            html = html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
        }

        var values = HiddenInput().Matches(html).DistinctBy(m => m.Groups["name"].Value)
            .ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    public async Task<int> CountProjectsAsync()
    {
        await using var db = NewContext();
        return db.Projects.Count();
    }

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await database.DisposeAsync();
        }
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
