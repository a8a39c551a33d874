using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;

namespace Keystone.Tests.Features;

/// <summary>
/// The enterprise JSON carries its chain and link (产业链 · 环节), the same fact as the chain map: a profile write puts
/// the enterprise on the link, the map and the register's list and page show it, and a bad name is refused.
/// </summary>
public class EnterpriseChainsApiTests
{
    private const string ZoneUscc = "91140300CBPRNJHCCN"; // 阳泉东区智慧有限公司, owned by 阳泉高新区
    private const string Chain = "第三代半导体";

    private static string Q(string s) => Uri.EscapeDataString(s);

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>demo-zone's PUT of the record as read, with the profile's chain and link set.</summary>
    private static async Task<HttpResponseMessage> PutPlaceAsync(KeystoneApp app, string? chain, string? link, int? version = null)
    {
        var record = await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone");
        var profile = record["profile"]!.AsObject();
        profile["chain"] = chain;
        profile["link"] = link;
        var body = new { name = (string)record["name"]!, profile, version = version ?? (int)record["version"]! };
        return await app.SendJsonAsync(HttpMethod.Put, $"/api/enterprises/{ZoneUscc}", body, user: "demo-zone");
    }

    private static async Task<JsonObject> ChainAsync(KeystoneApp app)
    {
        var chains = await app.GetJsonAsync($"/api/promotion/chains?scope={Q("阳泉高新区")}", user: "demo-zone");
        return chains["items"]!.AsArray().Single(c => (string)c!["name"]! == Chain)!.AsObject();
    }

    private static JsonObject LinkOf(JsonObject chain, string name) => chain["links"]!.AsArray().Single(l => (string)l!["name"]! == name)!.AsObject();

    [Theory]
    [DatabaseData]
    public async Task AProfileWrite_PutsTheEnterpriseOnTheLink_TheChainMapAndTheRegisterShowIt(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var before = await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone");
        Assert.Null(before["profile"]!["chain"]);
        Assert.True((bool)LinkOf(await ChainAsync(app), "装备")["gap"]!);

        var saved = await OkAsync(await PutPlaceAsync(app, Chain, "装备"));

        Assert.Equal((Chain, "装备"), ((string)saved["profile"]!["chain"]!, (string)saved["profile"]!["link"]!));
        Assert.Equal((int)before["version"]! + 1, (int)saved["version"]!);
        var link = LinkOf(await ChainAsync(app), "装备");
        Assert.False((bool)link["gap"]!);
        var member = Assert.Single(link["members"]!.AsArray())!;
        Assert.Equal(("阳泉东区智慧有限公司", true), ((string)member["name"]!, (bool)member["registered"]!));

        var read = await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone");
        Assert.Equal("装备", (string)read["profile"]!["link"]!);
        var list = await app.GetJsonAsync($"/api/enterprises?scope={Q("阳泉高新区")}&chain={Q(Chain)}", user: "demo-zone");
        var items = list["items"]!.AsArray();
        Assert.Contains(items, i => (string)i!["uscc"]! == ZoneUscc && (string)i["profile"]!["link"]! == "装备");
        Assert.All(items, i => Assert.Equal(Chain, (string)i!["profile"]!["chain"]!));

        var (_, page) = await app.PageAsync($"/enterprises/{ZoneUscc}?asOf=2024-03-31");
        Assert.Contains("产业链：第三代半导体 · 环节：装备", page, StringComparison.Ordinal);
        var (_, register) = await app.PageAsync($"/enterprises?scope={Q("阳泉高新区")}&asOf=2024-03-31&chain={Q(Chain)}");
        Assert.Contains("第三代半导体 · 装备", register, StringComparison.Ordinal);

        // Moving to another link moves the member; clearing takes it off the map.
        await OkAsync(await PutPlaceAsync(app, Chain, "芯片"));
        Assert.True((bool)LinkOf(await ChainAsync(app), "装备")["gap"]!);
        Assert.False((bool)LinkOf(await ChainAsync(app), "芯片")["gap"]!);
        var cleared = await OkAsync(await PutPlaceAsync(app, null, null));
        Assert.Null(cleared["profile"]!["chain"]);
        Assert.True((bool)LinkOf(await ChainAsync(app), "芯片")["gap"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task AWrongLinkOrUnknownChain_Is400OnTheField_AndNothingChanges(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await OkAsync(await PutPlaceAsync(app, Chain, "装备"));
        var version = (int)(await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone"))["version"]!;

        var link = await PutPlaceAsync(app, Chain, "电池");
        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
        Assert.Equal("产业链“第三代半导体”没有环节“电池”：可选 材料、装备、芯片、封装、应用", (string)(await KeystoneApp.ProblemAsync(link))["errors"]!["profile.link"]![0]!);
        var chain = await PutPlaceAsync(app, "新能源", "电池");
        Assert.Equal(HttpStatusCode.BadRequest, chain.StatusCode);
        Assert.Contains("新能源", (string)(await KeystoneApp.ProblemAsync(chain))["errors"]!["profile.chain"]![0]!, StringComparison.Ordinal);

        var read = await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone");
        Assert.Equal(("装备", version), ((string)read["profile"]!["link"]!, (int)read["version"]!));
    }

    [Theory]
    [DatabaseData]
    public async Task AStaleVersion_IsRefused_AsForTheOtherFacts(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var version = (int)(await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone"))["version"]!;
        await OkAsync(await PutPlaceAsync(app, Chain, "装备"));

        var stale = await PutPlaceAsync(app, Chain, "芯片", version);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("装备", (string)(await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone"))["profile"]!["link"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task TheChainMap_RefusesASecondLinkForARegisteredEnterprise(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await OkAsync(await PutPlaceAsync(app, Chain, "装备"));
        var id = (int)(await ChainAsync(app))["id"]!;

        var second = await app.SendJsonAsync(HttpMethod.Post, $"/api/promotion/chains/{id}/members", new { link = "芯片", name = "阳泉东区智慧有限公司", uscc = ZoneUscc }, user: "demo-zone");

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("已在产业链“第三代半导体”的环节“装备”上", (string)(await KeystoneApp.ProblemAsync(second))["errors"]!["uscc"]![0]!, StringComparison.Ordinal);
        Assert.True((bool)LinkOf(await ChainAsync(app), "芯片")["gap"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task TheEnterprisePagesForm_SetsTheChainAndLink_AndRefusesAChainThatIsGone(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var id = (int)(await ChainAsync(app))["id"]!;
        var page = $"/enterprises/{ZoneUscc}?asOf=2024-04-10";

        var saved = await app.PostFormAsync("demo-zone", page, page, new Dictionary<string, string> { ["_handler"] = "chain-place", ["place"] = $"{id}:封装" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("done=chain", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("封装", (string)(await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone"))["profile"]!["link"]!);
        Assert.False((bool)LinkOf(await ChainAsync(app), "封装")["gap"]!);

        var wrong = await app.PostFormAsync("demo-zone", page, page, new Dictionary<string, string> { ["_handler"] = "chain-place", ["place"] = $"{id}:电池" });
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("产业链“第三代半导体”没有环节“电池”", html, StringComparison.Ordinal);
        Assert.Equal("封装", (string)(await app.GetJsonAsync($"/api/enterprises/{ZoneUscc}", user: "demo-zone"))["profile"]!["link"]!);

        var cleared = await app.PostFormAsync("demo-zone", page, page, new Dictionary<string, string> { ["_handler"] = "chain-place", ["place"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.True((bool)LinkOf(await ChainAsync(app), "封装")["gap"]!);
    }
}
