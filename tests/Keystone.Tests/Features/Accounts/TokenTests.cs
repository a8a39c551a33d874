using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features.Accounts;

/// <summary>A user's API tokens: listed without their secret, revoked one by one, and only its own.</summary>
public class TokenTests
{
    private static async Task<string> NewTokenAsync(KeystoneApp app, string user)
    {
        using var client = app.AnonymousClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = Keystone.Core.Accounts.Accounts.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
    }

    private static HttpClient With(KeystoneApp app, string token)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Theory]
    [DatabaseData]
    public async Task Tokens_AreListedWithoutTheirSecret_AndARevokedOneIsRefusedAtOnce(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var script = await NewTokenAsync(app, "demo-zone");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var laptop = await NewTokenAsync(app, "demo-zone");
        using var scriptClient = With(app, script);
        using var laptopClient = With(app, laptop);
        Assert.Equal(HttpStatusCode.OK, (await laptopClient.GetAsync("/api/projects")).StatusCode);

        var listed = await scriptClient.GetAsync("/api/auth/tokens");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var text = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(script, text);
        Assert.DoesNotContain(laptop, text);
        Assert.DoesNotContain(Keystone.Core.Accounts.ApiToken.HashOf(script), text, StringComparison.OrdinalIgnoreCase);
        var items = JsonNode.Parse(text)!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        var current = items.Single(t => (bool)t!["current"]!)!;
        var other = items.Single(t => !(bool)t!["current"]!)!;
        Assert.Equal(TestDatabase.DemoDay.AddMinutes(1), (DateTimeOffset)other["createdAt"]!);
        Assert.Equal(TestDatabase.DemoDay.AddMinutes(1).AddHours(12), (DateTimeOffset)other["expiresAt"]!);
        Assert.NotNull((DateTimeOffset?)other["lastUsedAt"]);
        Assert.NotEqual((int)current["id"]!, (int)other["id"]!);

        var revoked = await scriptClient.DeleteAsync($"/api/auth/tokens/{(int)other["id"]!}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptopClient.GetAsync("/api/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scriptClient.GetAsync("/api/projects")).StatusCode);
        Assert.Single((await (await scriptClient.GetAsync("/api/auth/tokens")).Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray());

        await using var db = app.NewContext();
        var audit = db.AuditEntries.Where(a => a.Entity == "signIn" && a.EntityKey == "demo-zone").ToList();
        Assert.Equal(2, audit.Count(a => a.Action == "tokenCreated"));
        Assert.Single(audit, a => a.Action == "tokenRevoked" && a.After!.Contains($"\"token\":\"{(int)other["id"]!}\"", StringComparison.Ordinal));
    }

    [Theory]
    [DatabaseData]
    public async Task AnotherUsersToken_IsNotFound_AndKeepsWorking(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var city = await NewTokenAsync(app, "demo-city");
        using var cityClient = With(app, city);
        var cityTokenId = (int)(await (await cityClient.GetAsync("/api/auth/tokens")).Content.ReadFromJsonAsync<JsonObject>())!["items"]![0]!["id"]!;

        using var zone = app.Client(user: "demo-zone");
        var refused = await zone.DeleteAsync($"/api/auth/tokens/{cityTokenId}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("不存在或无权访问", (string)(await KeystoneApp.ProblemAsync(refused))["detail"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await zone.DeleteAsync("/api/auth/tokens/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cityClient.GetAsync("/api/projects")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task TheTokenList_LeavesOutTokensThatNoLongerWork(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var old = await NewTokenAsync(app, "demo-zone");
        app.Clock.Advance(TimeSpan.FromHours(13));
        var fresh = await NewTokenAsync(app, "demo-zone");
        using var client = With(app, fresh);
        var items = (await (await client.GetAsync("/api/auth/tokens")).Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        Assert.True((bool)items.Single()!["current"]!);
        using var expired = With(app, old);
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/projects")).StatusCode);
    }
}
