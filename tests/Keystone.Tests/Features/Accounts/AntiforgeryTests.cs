using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features.Accounts;

/// <summary>
/// The API's writes, sent with the sign-in cookie, need the antiforgery token a page of the site gives: any
/// other site can make a browser send the cookie, none can read the token. Bearer requests need none.
/// </summary>
public class AntiforgeryTests
{
    private static MultipartFormDataContent Upload(string code, params (string Key, string Value)[] fields)
    {
        var ledger = TestLedger.Standard().Add(TestLedger.Project(code, "防伪测试项目"));
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(ledger.ToXlsx());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "台账.xlsx");
        form.Add(new StringContent("2024"), "year");
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }

        return form;
    }

    private static async Task<bool> ExistsAsync(KeystoneApp app, string code)
    {
        await using var db = app.NewContext();
        return db.Projects.Any(p => p.Code == code);
    }

    [Theory]
    [DatabaseData]
    public async Task ACookieUpload_WithoutTheToken_IsRefused_AndImportsNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var browser = await CookieBrowser.SignInAsync(app, "demo-zone");
        foreach (var route in new[] { "/api/ledger/import", "/api/ledger/import/errors" })
        {
            var refused = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, route) { Content = Upload("CSRF-1") });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await KeystoneApp.ProblemAsync(refused);
            Assert.Contains("防伪令牌", (string)problem["errors"]!["RequestVerificationToken"]![0]!);
            Assert.Contains("未作任何更改", (string)problem["title"]!);
        }

        var wrongToken = new HttpRequestMessage(HttpMethod.Post, "/api/ledger/import") { Content = Upload("CSRF-1") };
        wrongToken.Headers.Add("RequestVerificationToken", "made-up");
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(wrongToken)).StatusCode);
        Assert.False(await ExistsAsync(app, "CSRF-1"));

        var schedule = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "节点计划.xlsx" }, { new StringContent("2024-04-01"), "start" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/projects/YQGX-2024-001/schedule/import") { Content = schedule })).StatusCode);

        // A JSON write is no different: the cookie alone changes nothing.
        var input = KeystoneApp.NewProjectInput("YQGX-2024-001");
        input["name"] = "被跨站改名";
        var put = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/projects/YQGX-2024-001") { Content = JsonContent.Create(input) });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        await using var db = app.NewContext();
        Assert.DoesNotContain(db.Projects, p => p.Name == "被跨站改名");
    }

    [Theory]
    [DatabaseData]
    public async Task ACookieUpload_WithThePagesToken_IsImported(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var browser = await CookieBrowser.SignInAsync(app, "demo-zone");

        var inHeader = new HttpRequestMessage(HttpMethod.Post, "/api/ledger/import") { Content = Upload("CSRF-2") };
        inHeader.Headers.Add("RequestVerificationToken", await browser.TokenAsync());
        var imported = await browser.SendAsync(inHeader);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.True((bool)(await imported.Content.ReadFromJsonAsync<JsonObject>())!["applied"]!);
        Assert.True(await ExistsAsync(app, "CSRF-2"));

        var inForm = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/ledger/import")
        {
            Content = Upload("CSRF-3", ("__RequestVerificationToken", await browser.TokenAsync())),
        });
        Assert.Equal(HttpStatusCode.OK, inForm.StatusCode);
        Assert.True(await ExistsAsync(app, "CSRF-3"));
    }

    [Theory]
    [DatabaseData]
    public async Task ABearerUpload_NeedsNoToken(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        var response = await client.PostAsync("/api/ledger/import", Upload("CSRF-4"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await ExistsAsync(app, "CSRF-4"));
    }

    [Theory]
    [DatabaseData]
    public async Task ACookieRead_NeedsNoToken(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var browser = await CookieBrowser.SignInAsync(app, "demo-zone");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/projects/YQGX-2024-001")).StatusCode);
    }
}
