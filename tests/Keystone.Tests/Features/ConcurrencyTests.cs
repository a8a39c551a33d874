using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core.Data;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using static Keystone.Tests.Features.EditRequests;

namespace Keystone.Tests.Features;

/// <summary>
/// Two officers editing one record: the second save, made from a copy read before the first, is refused —
/// through the API (If-Match, a body version) and through the project page's forms — and nothing of it is
/// written; a save from the current version goes through and moves the version on, as an import does.
/// </summary>
public partial class ConcurrencyTests
{
    private const string Code = "YQGX-2024-001";

    [Theory]
    [DatabaseData]
    public async Task AStaleIfMatch_IsRefusedWith412_SayingWhoChangedWhatAndWhen_AndWritesNothing(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var first = app.Client(user: "demo-zone");
        using var second = app.Client(user: "demo-city");

        // Both read the project: the same ETag, which is the version in the body.
        var read1 = await first.GetAsync($"/api/projects/{Code}", ct);
        var read2 = await second.GetAsync($"/api/projects/{Code}", ct);
        var etag = read1.Headers.ETag!.Tag;
        Assert.Equal(etag, read2.Headers.ETag!.Tag);
        var project = (await read1.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        var version = (int)project["version"]!;
        Assert.Equal($"\"{version}\"", etag);
        var investment = (decimal)project["totalInvestment"]!;

        // The first saves at 14:17 Beijing time (the demo day's clock stands at 09:00): accepted, version + 1.
        app.Clock.Advance(new TimeSpan(5, 17, 0));
        var saved = await PutAsync(first, Input("甲改的名称", investment), etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal($"\"{version + 1}\"", saved.Headers.ETag!.Tag);
        Assert.Equal(version + 1, (int)(await saved.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!);

        // The second, still holding the old ETag, changes the total investment: refused, 412, saying who, when and what.
        var refused = await PutAsync(second, Input("乙的名称", 9_999_999m), etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        // The refusal carries the version now, as its ETag and as currentVersion: what to send If-Match with after review.
        Assert.Equal($"\"{version + 1}\"", refused.Headers.ETag!.Tag);
        var problem = await KeystoneApp.ProblemAsync(refused);
        Assert.Equal("该项目已被他人（demo-zone）于 14:17 修改，请查看最新内容后再保存（未作任何更改）", (string)problem["detail"]!);
        Assert.Equal("This project was changed by someone else (demo-zone) at 14:17; review the latest and save again (nothing was changed)", (string)problem["detailEn"]!);
        Assert.Equal(version + 1, (int)problem["currentVersion"]!);
        Assert.Contains("甲改的名称", Assert.Single(problem["changes"]!.AsArray())!.GetValue<string>(), StringComparison.Ordinal);

        // Nothing of the second was written: the first's name, the investment as it was, one update logged.
        await using (var db = app.NewContext())
        {
            var stored = await db.Projects.SingleAsync(p => p.Code == Code, ct);
            Assert.Equal("甲改的名称", stored.Name);
            Assert.Equal(investment, stored.TotalInvestment.Wan);
            Assert.Equal(version + 1, stored.Version);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Entity == "project" && a.EntityKey == Code && a.Action == "updated", ct));
        }

        // In English when asked in English.
        using var english = app.Client("en-US", "demo-city");
        var refusedEn = await PutAsync(english, Input("乙的名称", 9_999_999m), etag);
        Assert.Equal("This project was changed by someone else (demo-zone) at 14:17; review the latest and save again (nothing was changed)", (string)(await KeystoneApp.ProblemAsync(refusedEn))["detail"]!);

        // With the ETag as it now is (the latest reviewed), the second's change goes through and moves the version on.
        var again = await PutAsync(second, Input("乙的名称", 9_999_999m), $"\"{version + 1}\"");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal($"\"{version + 2}\"", again.Headers.ETag!.Tag);
        await using (var db = app.NewContext())
        {
            var stored = await db.Projects.SingleAsync(p => p.Code == Code, ct);
            Assert.Equal(("乙的名称", 9_999_999m, version + 2), (stored.Name, stored.TotalInvestment.Wan, stored.Version));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task ABodyVersion_IsCheckedToo_AndARequestNamingNoVersion_StillUpdatesAsBefore(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        var version = (int)(await app.GetJsonAsync($"/api/projects/{Code}"))["version"]!;

        // No If-Match, no version: applied as it always was (existing scripts keep working), version + 1.
        var plain = await PutAsync(client, Input("不带版本", 9_000_000m), null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(version + 1, (int)(await plain.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!);

        // The version read before that, in the body: 409, nothing written.
        var stale = Input("旧版本", 9_000_001m);
        stale["version"] = version;
        var refused = await PutAsync(client, stale, null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(version + 1, (int)(await KeystoneApp.ProblemAsync(refused))["currentVersion"]!);

        // The current version in the body: applied. If-Match: * asks nothing.
        stale["version"] = version + 1;
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, stale, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, Input("任意版本", 9_000_002m), "*")).StatusCode);

        // A malformed If-Match, or one the body's version contradicts: 400 naming it, nothing written.
        var malformed = await PutAsync(client, Input("坏的", 9_000_003m), "3");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("If-Match 请求头“3”无效", (string)(await KeystoneApp.ProblemAsync(malformed))["errors"]!["If-Match"]![0]!, StringComparison.Ordinal);
        var both = Input("矛盾的", 9_000_003m);
        both["version"] = version + 2;
        var contradicted = await PutAsync(client, both, $"\"{version + 3}\"");
        Assert.Equal(HttpStatusCode.BadRequest, contradicted.StatusCode);
        Assert.NotNull((await KeystoneApp.ProblemAsync(contradicted))["errors"]!["version"]);

        await using var db = app.NewContext();
        var stored = await db.Projects.SingleAsync(p => p.Code == Code, ct);
        Assert.Equal(("任意版本", version + 3), (stored.Name, stored.Version));
    }

    [Theory]
    [DatabaseData]
    public async Task TheProjectPage_RefusesAStaleSave_KeepingWhatWasTyped_AndShowingWhatTheOtherChanged(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var first = app.Client(user: "demo-zone");
        using var second = app.Client(user: "demo-city");
        var url = $"/projects/{Code}";
        var form1 = HiddenFields(await first.GetStringAsync(url, ct), "location-form");
        var form2 = HiddenFields(await second.GetStringAsync(url, ct), "location-form");
        Assert.Equal(form1["version"], form2["version"]);
        var version = int.Parse(form1["version"], CultureInfo.InvariantCulture);

        // The first sets the site at 10:05: saved.
        app.Clock.Advance(TimeSpan.FromMinutes(65));
        var saved = await first.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(form1) { ["lat"] = "37.857", ["lng"] = "113.583" }), ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The second, from the page read before, sets another site: refused, its input kept, the other's change shown.
        var refused = await second.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(form2) { ["lat"] = "38.1", ["lng"] = "112.9" }), ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(ct);
        Assert.Contains("该项目已被他人（demo-zone）于 10:05 修改，请查看最新内容后再保存（未作任何更改）", html, StringComparison.Ordinal);
        Assert.Contains("id=\"stale-changes\"", html, StringComparison.Ordinal);
        Assert.Contains("37.857", html, StringComparison.Ordinal);
        Assert.Contains("value=\"38.1\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"112.9\"", html, StringComparison.Ordinal);

        await using (var db = app.NewContext())
        {
            var stored = await db.Projects.SingleAsync(p => p.Code == Code, ct);
            Assert.Equal((37.857, 113.583, version + 1), (stored.Latitude!.Value, stored.Longitude!.Value, stored.Version));
        }

        // Saved again from the refused page (which now carries the current version): accepted.
        var form3 = HiddenFields(html, "location-form");
        Assert.Equal((version + 1).ToString(CultureInfo.InvariantCulture), form3["version"]);
        var again = await second.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(form3) { ["lat"] = "38.1", ["lng"] = "112.9" }), ct);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = app.NewContext())
        {
            var stored = await db.Projects.SingleAsync(p => p.Code == Code, ct);
            Assert.Equal((38.1, 112.9, version + 2), (stored.Latitude!.Value, stored.Longitude!.Value, stored.Version));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task AnImportThatChangesAProject_MovesItsVersionOn_SoAFormReadBeforeIsStale(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client(user: "demo-zone");
        var read = await client.GetAsync($"/api/projects/{Code}", ct);
        var version = (int)(await read.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;

        const string header = "项目编号,项目名称,所属地市,所属区域,项目级别,项目类别,建设性质,总投资（万元）\r\n";
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(header + $"{Code},导入改的名称,阳泉市,阳泉高新区,省级重点,产业类,续建,88888\r\n"));
        file.Headers.ContentType = new("text/csv");
        form.Add(file, "file", "台账.csv");
        form.Add(new StringContent("2024"), "year");
        var imported = await client.PostAsync("/api/ledger/import", form, ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(ct));

        var after = await client.GetAsync($"/api/projects/{Code}", ct);
        Assert.Equal($"\"{version + 1}\"", after.Headers.ETag!.Tag);
        var refused = await PutAsync(client, Input("表单里的名称", 9_000_000m), read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Contains("导入改的名称", (await KeystoneApp.ProblemAsync(refused))["changes"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = app.NewContext();
        Assert.Equal("导入改的名称", (await db.Projects.SingleAsync(p => p.Code == Code, ct)).Name);
    }

    [Theory]
    [DatabaseData]
    public async Task LeadsAndEnterprises_AnswerWithTheirETag_AndRefuseAStaleIfMatch(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await KeystoneApp.StartAsync(provider);
        int leadId;
        string uscc;
        await using (var db = app.NewContext())
        {
            var zone = await db.OrgUnits.SingleAsync(u => u.Name == "阳泉高新区", ct);
            leadId = await db.Leads.Where(l => l.OrgUnitId == zone.Id).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync(ct);
            uscc = (await db.Enterprises.Where(e => e.OwnerUnitId == zone.Id).OrderBy(e => e.Id).FirstAsync(ct)).Uscc.Value;
        }

        using var client = app.Client(user: "demo-zone");

        // A lead: read, revised by one, the other's revision from the same read refused and not written.
        var lead = await client.GetAsync($"/api/leads/{leadId}", ct);
        var leadTag = lead.Headers.ETag!.Tag;
        Assert.Equal($"\"{(int)(await lead.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!}\"", leadTag);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"/api/leads/{leadId}", new { name = "甲改的线索", investor = "甲方", channel = "产业招商" }, leadTag)).StatusCode);
        var staleLead = await SendAsync(client, HttpMethod.Put, $"/api/leads/{leadId}", new { name = "乙改的线索", investor = "乙方", channel = "产业招商" }, leadTag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleLead.StatusCode);
        Assert.NotEqual(leadTag, staleLead.Headers.ETag!.Tag);
        Assert.StartsWith("该线索已被他人（demo-zone）于 09:00 修改", (string)(await KeystoneApp.ProblemAsync(staleLead))["detail"]!, StringComparison.Ordinal);

        // An enterprise: the same, the body's version answered 409.
        var enterprise = await client.GetAsync($"/api/enterprises/{uscc}", ct);
        var version = (int)(await enterprise.Content.ReadFromJsonAsync<JsonObject>(ct))!["version"]!;
        Assert.Equal($"\"{version}\"", enterprise.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"/api/enterprises/{uscc}", new { name = "甲改的企业名称有限公司", version }, null)).StatusCode);
        var staleEnterprise = await SendAsync(client, HttpMethod.Put, $"/api/enterprises/{uscc}", new { name = "乙改的企业名称有限公司", version }, null);
        Assert.Equal(HttpStatusCode.Conflict, staleEnterprise.StatusCode);
        Assert.Equal($"\"{version + 1}\"", staleEnterprise.Headers.ETag!.Tag);
        Assert.Equal("application/problem+json", staleEnterprise.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("该企业已被他人（demo-zone）于 09:00 修改", (string)(await KeystoneApp.ProblemAsync(staleEnterprise))["detail"]!, StringComparison.Ordinal);

        await using (var db = app.NewContext())
        {
            Assert.Equal("甲改的线索", (await db.Leads.SingleAsync(l => l.Id == leadId, ct)).Name);
            var stored = await db.Enterprises.SingleAsync(e => e.OwnerUnitId == db.OrgUnits.Single(u => u.Name == "阳泉高新区").Id && e.Name == "甲改的企业名称有限公司", ct);
            Assert.Equal(version + 1, stored.Version);
        }
    }

    /// <summary>A full update of the project, as the tests' other updates send it, with the name and investment given.</summary>
    private static Dictionary<string, object?> Input(string name, decimal investment)
    {
        var input = KeystoneApp.NewProjectInput(Code);
        input["name"] = name;
        input["totalInvestment"] = investment;
        input.Remove("enterprise");
        return input;
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, Dictionary<string, object?> input, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/projects/{Code}") { Content = JsonContent.Create(input) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
