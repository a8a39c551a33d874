using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>
/// Shared enterprises are changed only by their owner: the unit that registered one keeps its record, others
/// link to it (when its owner is theirs or above them) and propose changes, which the owner accepts or rejects.
/// </summary>
public class EnterprisesApiTests
{
    private const string GuxianUscc = "91141000BFR805D5AL"; // 古县2024有限公司, owned by 古县经济技术开发区
    private const string GuxianEnterprise = "古县2024有限公司";
    private const string ZoneUscc = "91140300CBPRNJHCCN"; // 阳泉东区智慧有限公司, owned by 阳泉高新区
    private const string ZoneEnterprise = "阳泉东区智慧有限公司";

    private static readonly string CityUscc = "91140300MA0K12345" + Core.Uscc.CheckCharacter("91140300MA0K12345");

    private static async Task<string> EnterpriseNameAsync(KeystoneApp app, string uscc)
    {
        await using var db = app.NewContext();
        var key = new Core.Uscc(uscc);
        return await db.Enterprises.AsNoTracking().Where(e => e.Uscc == key).Select(e => e.Name).SingleAsync();
    }

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>demo-city registers an enterprise with a project in 阳泉市 itself: the city owns it.</summary>
    private static async Task RegisterCityEnterpriseAsync(KeystoneApp app)
    {
        var input = KeystoneApp.NewProjectInput("CITY-001");
        input["unit"] = "阳泉市";
        input["enterprise"] = new { uscc = CityUscc, name = "阳泉市城投集团" };
        Assert.Equal(HttpStatusCode.Created, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects", input, user: "demo-city")).StatusCode);
    }

    /// <summary>demo-zone's own project TEST-001, of the zone's enterprise under its registered name.</summary>
    private static async Task CreateOwnProjectAsync(KeystoneApp app) =>
        await OkAsync(await app.SendJsonAsync(HttpMethod.Post, "/api/projects", KeystoneApp.NewProjectInput("TEST-001"), user: "demo-zone"));

    /// <summary>An update of TEST-001 naming the given enterprise.</summary>
    private static Dictionary<string, object?> OwnProject(string uscc, string name)
    {
        var input = KeystoneApp.NewProjectInput("TEST-001");
        input["enterprise"] = new { uscc, name };
        return input;
    }

    private static async Task<int> CountProjectsAsync(KeystoneApp app, string code)
    {
        await using var db = app.NewContext();
        return await db.Projects.CountAsync(p => p.Code == code);
    }

    [Theory]
    [DatabaseData]
    public async Task AProjectsUpdate_NamingAnotherUnitsEnterprise_IsRefused_AndRenamesNothing(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await CreateOwnProjectAsync(app);

        // The reproduction: demo-zone's own project, with 古县's enterprise renamed "被zone改名".
        var refused = await app.SendJsonAsync(HttpMethod.Put, "/api/projects/TEST-001", OwnProject(GuxianUscc, "被zone改名"), user: "demo-zone");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await KeystoneApp.ProblemAsync(refused);
        Assert.Equal("统一社会信用代码对应的企业不存在或无权访问", (string)problem["errors"]!["enterprise.uscc"]![0]!);
        Assert.DoesNotContain(GuxianEnterprise, problem.ToJsonString());

        Assert.Equal(GuxianEnterprise, await EnterpriseNameAsync(app, GuxianUscc));
        var guxian = await app.GetJsonAsync("/api/projects/GX-2024-002", user: "demo-province");
        Assert.Equal(GuxianEnterprise, (string)guxian["enterprise"]!["name"]!);
        var own = await app.GetJsonAsync("/api/projects/TEST-001", user: "demo-zone");
        Assert.Equal(ZoneUscc, (string)own["enterprise"]!["uscc"]!);

        // Creating a project on it is refused the same way.
        var created = KeystoneApp.NewProjectInput("TEST-GX");
        created["enterprise"] = new { uscc = GuxianUscc, name = GuxianEnterprise };
        Assert.Equal(HttpStatusCode.BadRequest, (await app.SendJsonAsync(HttpMethod.Post, "/api/projects", created, user: "demo-zone")).StatusCode);
        Assert.Equal(0, await CountProjectsAsync(app, "TEST-GX"));
    }

    [Theory]
    [DatabaseData]
    public async Task AProjectsUpdate_NeverRenamesItsEnterprise_TheNewNameIsAProposalTheOwnerDecides(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await CreateOwnProjectAsync(app);
        var updated = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, "/api/projects/TEST-001", OwnProject(ZoneUscc, "阳泉东区智慧物流有限公司"), user: "demo-zone"));
        Assert.Equal(ZoneEnterprise, (string)updated["enterprise"]!["name"]!);
        var id = (int)updated["enterpriseProposal"]!;
        Assert.Equal(ZoneEnterprise, await EnterpriseNameAsync(app, ZoneUscc));

        // The same name again is the same open proposal, not a second one.
        var again = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, "/api/projects/TEST-001", OwnProject(ZoneUscc, "阳泉东区智慧物流有限公司"), user: "demo-zone"));
        Assert.Equal(id, (int)again["enterpriseProposal"]!);

        var open = (await app.GetJsonAsync("/api/enterprises/proposals?status=open", user: "demo-zone"))["items"]!.AsArray();
        var proposal = Assert.Single(open)!;
        Assert.Equal("阳泉东区智慧物流有限公司", (string)proposal["name"]!);
        Assert.Equal(ZoneEnterprise, (string)proposal["enterprise"]!);
        Assert.True((bool)proposal["mayDecide"]!);

        var accepted = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/proposals/{id}/accept", new { comment = "已核对营业执照" }, user: "demo-zone"));
        Assert.Equal("accepted", (string)accepted["status"]!);
        Assert.Equal("阳泉东区智慧物流有限公司", await EnterpriseNameAsync(app, ZoneUscc));
        Assert.Contains("已处理", (string)(await KeystoneApp.ProblemAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/proposals/{id}/reject", new { }, user: "demo-zone")))["detail"]!);
    }

    [Theory]
    [DatabaseData]
    public async Task ACityEnterprise_IsSharedDownward_ButKeptAndRenamedOnlyByTheCity(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await CreateOwnProjectAsync(app);
        await RegisterCityEnterpriseAsync(app);

        // The zone links its project to the city's enterprise, and its other name becomes a proposal.
        var linked = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, "/api/projects/TEST-001", OwnProject(CityUscc, "阳泉城投"), user: "demo-zone"));
        Assert.Equal(CityUscc, (string)linked["enterprise"]!["uscc"]!);
        Assert.Equal("阳泉市城投集团", (string)linked["enterprise"]!["name"]!);
        var id = (int)linked["enterpriseProposal"]!;

        // The record is the city's: the zone cannot read it as such, rename it, or decide the proposal.
        using var zone = app.Client(user: "demo-zone");
        Assert.Equal(HttpStatusCode.NotFound, (await zone.GetAsync($"/api/enterprises/{CityUscc}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Put, $"/api/enterprises/{CityUscc}", new { name = "被zone改名" }, user: "demo-zone")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/proposals/{id}/accept", new { }, user: "demo-zone")).StatusCode);
        var mine = Assert.Single((await app.GetJsonAsync("/api/enterprises/proposals", user: "demo-zone"))["items"]!.AsArray())!;
        Assert.False((bool)mine["mayDecide"]!);
        Assert.Equal("阳泉市城投集团", await EnterpriseNameAsync(app, CityUscc));

        // The city reads its record, sees the proposal from the zone, and rejects it; then renames it itself.
        var record = await app.GetJsonAsync($"/api/enterprises/{CityUscc}", user: "demo-city");
        Assert.Equal("山西省/阳泉市", (string)record["ownerPath"]!);
        Assert.Equal(1, (int)record["openProposals"]!);
        var theirs = Assert.Single((await app.GetJsonAsync("/api/enterprises/proposals?status=open", user: "demo-city"))["items"]!.AsArray())!;
        Assert.Equal("山西省/阳泉市/阳泉高新区", (string)theirs["proposedByUnit"]!);
        Assert.Equal("demo-zone", (string)theirs["proposedBy"]!);
        var rejected = await OkAsync(await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/proposals/{id}/reject", new { comment = "以营业执照为准" }, user: "demo-city"));
        Assert.Equal("rejected", (string)rejected["status"]!);
        Assert.Equal("阳泉市城投集团", await EnterpriseNameAsync(app, CityUscc));
        var renamed = await OkAsync(await app.SendJsonAsync(HttpMethod.Put, $"/api/enterprises/{CityUscc}", new { name = "阳泉市城市投资集团有限公司" }, user: "demo-city"));
        Assert.Equal("阳泉市城市投资集团有限公司", (string)renamed["name"]!);

        // A zone may propose directly; another city's officer cannot reach the enterprise at all.
        var proposed = await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/{CityUscc}/proposals", new { name = "阳泉城投", reason = "简称" }, user: "demo-zone");
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        await WriteScopeTests.AddUserAsync(app, "gx-zone", Core.Accounts.Role.ZoneOfficer, "古县经济技术开发区");
        var foreign = await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/{CityUscc}/proposals", new { name = "阳泉城投" }, user: "gx-zone");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("阳泉", (string)(await KeystoneApp.ProblemAsync(foreign))["detail"]!);
        Assert.Empty((await app.GetJsonAsync("/api/enterprises/proposals", user: "gx-zone"))["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendJsonAsync(HttpMethod.Post, $"/api/enterprises/proposals/{(int)(await proposed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!}/reject", new { }, user: "gx-zone")).StatusCode);
    }

    [Theory]
    [DatabaseData]
    public async Task AnImportRow_LinksOnlyEnterprisesWithinReach_AndRenamesOnlyItsOwnUnitsOnes(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await CreateOwnProjectAsync(app);
        await RegisterCityEnterpriseAsync(app);
        using var zone = app.Client(user: "demo-zone");
        const string header = "项目编号,项目名称,所属地市,所属区域,项目级别,项目类别,建设性质,总投资（万元）,项目单位,统一社会信用代码\r\n";
        async Task<HttpResponseMessage> ImportAsync(string row)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(header + row + "\r\n"));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "台账.csv");
            form.Add(new StringContent("2024"), "year");
            return await zone.PostAsync("/api/ledger/import", form);
        }

        // 古县's enterprise: a row problem naming the column, nothing written.
        var foreign = await ImportAsync($"IMP-1,新项目,阳泉市,阳泉高新区,市级重点,产业类,新建,1000,{GuxianEnterprise},{GuxianUscc}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        var problem = (await KeystoneApp.ProblemAsync(foreign))["report"]!["problems"]![0]!;
        Assert.Equal("统一社会信用代码", (string)problem["column"]!);
        Assert.Equal("统一社会信用代码对应的企业不存在或无权访问", (string)problem["reason"]!);
        Assert.Equal(0, await CountProjectsAsync(app, "IMP-1"));

        // The city's enterprise under another name: linked, not renamed, proposed to the city.
        var shared = await OkAsync(await ImportAsync($"IMP-2,新项目,阳泉市,阳泉高新区,市级重点,产业类,新建,1000,阳泉城投,{CityUscc}"));
        Assert.True((bool)shared["applied"]!);
        Assert.Equal("阳泉市城投集团", await EnterpriseNameAsync(app, CityUscc));
        Assert.Equal(CityUscc, (string)(await app.GetJsonAsync("/api/projects/IMP-2", user: "demo-zone"))["enterprise"]!["uscc"]!);
        var proposal = Assert.Single((await app.GetJsonAsync("/api/enterprises/proposals?status=open", user: "demo-city"))["items"]!.AsArray())!;
        Assert.Equal("阳泉城投", (string)proposal["name"]!);
        Assert.Contains("第2行", (string)proposal["reason"]!);

        // Its own unit's enterprise is renamed by its own ledger, as before.
        await OkAsync(await ImportAsync($"TEST-001,测试新能源装备项目,阳泉市,阳泉高新区,市级重点,产业类,新建,50000,阳泉东区智慧物流有限公司,{ZoneUscc}"));
        Assert.Equal("阳泉东区智慧物流有限公司", await EnterpriseNameAsync(app, ZoneUscc));

        // A new enterprise is owned by the row's unit.
        var fresh = "91140300MA0K54321" + Core.Uscc.CheckCharacter("91140300MA0K54321");
        await OkAsync(await ImportAsync($"IMP-3,又一个新项目,阳泉市,阳泉高新区,市级重点,产业类,新建,1000,新登记有限公司,{fresh}"));
        Assert.Equal("山西省/阳泉市/阳泉高新区", (string)(await app.GetJsonAsync($"/api/enterprises/{fresh}", user: "demo-zone"))["ownerPath"]!);
    }
}
