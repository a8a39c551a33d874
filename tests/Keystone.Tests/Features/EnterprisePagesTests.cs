using System.Net;
using Keystone.Core.Data;
using Keystone.Core.Problems;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features;

/// <summary>
/// The enterprise pages (/enterprises, /enterprises/{uscc}, /visits) on the demo: 阳泉高新区's eight enterprises
/// shared among three liaison officers and their March visits (five, three with problems), each page judged as
/// of its one date.
/// </summary>
public class EnterprisePagesTests
{
    private static string Q(string s) => Uri.EscapeDataString(s);

    /// <summary>The zone's enterprises in the demo's order (the first two are demo-zone's, the next three 王强's, the last three 李娜's).</summary>
    private static async Task<List<(string Uscc, string Name)>> ZoneEnterprisesAsync(KeystoneApp app)
    {
        await using var db = app.NewContext();
        var zone = await db.OrgUnits.SingleAsync(u => u.Name == "阳泉高新区");
        return (await db.Enterprises.AsNoTracking().Where(e => e.OwnerUnitId == zone.Id).OrderBy(e => e.Id).Take(8).Select(e => new { e.Uscc, e.Name }).ToListAsync())
            .Select(e => (e.Uscc.Value, e.Name)).ToList();
    }

    [Theory]
    [DatabaseData]
    public async Task TheRegister_ShowsTheMonthsCoverage_AsOfItsDate_AndFilters(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsync($"/enterprises?scope={Q("阳泉高新区")}&asOf=2024-03-31");
        Assert.Equal(HttpStatusCode.OK, status);
        // March: demo-zone 2 of 2, 王强 2 of 3, 李娜 1 of 3.
        Assert.Contains("包联企业8家，本月已走访5家，覆盖率62.5%。", html);
        Assert.Contains("id=\"enterprise-list\"", html);

        // On 10 March only the visits of the 5th and the 8th had happened.
        var (_, early) = await app.PageAsync($"/enterprises?scope={Q("阳泉高新区")}&asOf=2024-03-10");
        Assert.Contains("包联企业8家，本月已走访2家，覆盖率25%。", early);

        // 王强's enterprises not visited in March: only the fifth (index 4).
        var zone = await ZoneEnterprisesAsync(app);
        var (_, filtered) = await app.PageAsync($"/enterprises?scope={Q("阳泉高新区")}&asOf=2024-03-31&liaison={Q("王强")}&unvisited=true");
        Assert.Contains("企业库（1家）", filtered);
        Assert.Contains(zone[4].Name, filtered);
        Assert.DoesNotContain($"data-uscc=\"{zone[2].Uscc}\"", filtered);

        var (_, english) = await app.PageAsync($"/enterprises?scope={Q("阳泉高新区")}&asOf=2024-03-31", "en-US");
        Assert.Contains("8 enterprises assigned, 5 visited this month: 62.5%.", english);
    }

    [Theory]
    [DatabaseData]
    public async Task AnEnterprisesPage_ShowsItsVisitsAndProblems_AsOfItsDate_AndIsNotFoundOutsideTheScope(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var zone = await ZoneEnterprisesAsync(app);
        var url = $"/enterprises/{zone[0].Uscc}";
        var (status, html) = await app.PageAsAsync("demo-zone", url + "?asOf=2024-03-31");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"enterprise-visits\"", html);
        Assert.Contains("张经理（总经理）", html);
        Assert.Contains("智慧物流园一期投运需招聘叉车司机等技术工人40名", html);
        Assert.Contains("其他仓储业", html);

        // Before the visit of 5 March: no visit, no problem yet.
        var (_, before) = await app.PageAsAsync("demo-zone", url + "?asOf=2024-03-04");
        Assert.DoesNotContain("张经理（总经理）", before);
        Assert.DoesNotContain("智慧物流园一期投运需招聘叉车司机等技术工人40名", before);

        // Another city's zone officer, and a bad code: not found, as in the API.
        await using (var db = app.NewContext())
        {
            var tree = await db.LoadTreeAsync();
            await Keystone.Core.Accounts.Accounts.AddAsync(db, tree, "ent-sibling", Keystone.Core.Accounts.Role.ZoneOfficer, "古县经济技术开发区", Keystone.Core.Accounts.Accounts.DemoPassword, TestDatabase.DemoDay);
        }

        var (outside, outsideHtml) = await app.PageAsAsync("ent-sibling", url);
        Assert.Equal(HttpStatusCode.NotFound, outside);
        Assert.DoesNotContain(zone[0].Name, outsideHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await app.PageAsAsync("demo-zone", "/enterprises/not-a-code")).Status);
    }

    [Theory]
    [DatabaseData]
    public async Task AnAnzeCandidatesPage_ShowsItsMonthlyFiguresAndPoolProgress(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        await using var db = app.NewContext();
        var code = (await db.Enterprises.AsNoTracking().SingleAsync(e => e.Name == "安泽县通祥洗煤有限公司")).Uscc.Value;
        var (status, html) = await app.PageAsync($"/enterprises/{code}?asOf=2024-03-31");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"enterprise-months\"", html);
        Assert.Contains("已审核", html);
        // 160 + 175 + 190 = 525万元 in three months: 26.25% of 2000万元 (shown 26.3%), projected 2100万元, on track.
        Assert.Contains("本年累计营业收入525万元（3个月），达到标准2000万元的26.3%；全年预计2100万元", html);
        Assert.Contains("预计可达标", html);

        // As of the end of February: two months shown, and it was not yet in the pool (added on 31 March).
        var (_, february) = await app.PageAsync($"/enterprises/{code}?asOf=2024-02-29");
        Assert.Contains(">2024-02<", february);
        Assert.DoesNotContain(">2024-03<", february);
        Assert.Contains("id=\"pool-none\"", february);
    }

    [Theory]
    [DatabaseData]
    public async Task TheVisitsPage_ShowsAnOfficersMonth_AndItsFormRecordsAVisitWithAProblemIntoTheLoop(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var zone = await ZoneEnterprisesAsync(app);
        var (status, html) = await app.PageAsAsync("demo-zone", "/visits?asOf=2024-03-31");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("包联2家，已走访2家，覆盖率100%。", html);
        Assert.Contains("智慧物流园一期投运需招聘叉车司机等技术工人40名", html);
        var (_, wang) = await app.PageAsAsync("demo-zone", $"/visits?asOf=2024-03-31&officer={Q("王强")}");
        Assert.Contains("包联3家，已走访2家，覆盖率66.7%。", wang);
        Assert.Contains("企业申请技改贷款贴息，需协调金融机构对接", wang);

        await using var before = app.NewContext();
        var problems = await before.Problems.CountAsync();
        var page = "/visits?asOf=2024-04-10";
        var saved = await app.PostFormAsync("demo-zone", page, page, new Dictionary<string, string>
        {
            ["_handler"] = "visit",
            ["uscc"] = zone[1].Uscc,
            ["visitedOn"] = "2024-04-08",
            ["visitor"] = "demo-zone",
            ["met"] = "刘总（副总经理）",
            ["topics"] = "二季度订单",
            ["p1-title"] = "企业申请电力增容，需协调供电公司",
            ["p1-category"] = "factors",
            ["p1-deadline"] = "2024-05-31",
            ["p1-department"] = "",
            ["p1-detail"] = "",
            ["p2-title"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("done=saved", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("raised=1", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using (var db = app.NewContext())
        {
            var problem = await db.Problems.AsNoTracking().SingleAsync(p => p.Title == "企业申请电力增容，需协调供电公司");
            Assert.Equal((ProblemSource.Visit, "demo-zone", new DateOnly(2024, 4, 8), "刘总（副总经理）"), (problem.Source, problem.Visitor, problem.VisitedOn!.Value, problem.VisitMet));
            Assert.Equal(problems + 1, await db.Problems.CountAsync());
            var visit = await db.EnterpriseVisits.AsNoTracking().SingleAsync(v => v.VisitedOn == new DateOnly(2024, 4, 8));
            Assert.True(await db.VisitProblems.AnyAsync(l => l.VisitId == visit.Id && l.ProblemId == problem.Id));
        }

        var (_, april) = await app.PageAsAsync("demo-zone", "/visits?asOf=2024-04-10");
        Assert.Contains("包联2家，已走访1家，覆盖率50%。", april);
        Assert.Contains("企业申请电力增容，需协调供电公司", april);

        // Refused: no one met; nothing is written and the form says why, keeping what was typed.
        var refused = await app.PostFormAsync("demo-zone", page, page, new Dictionary<string, string>
        {
            ["_handler"] = "visit",
            ["uscc"] = zone[0].Uscc,
            ["visitedOn"] = "2024-04-09",
            ["met"] = "",
            ["topics"] = "矩阵外的访谈内容",
        });
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"visit-errors\"", text);
        Assert.Contains("走访对象（接待人）不能为空", text);
        Assert.Contains("矩阵外的访谈内容", text);
        await using var after = app.NewContext();
        Assert.Equal(problems + 1, await after.Problems.CountAsync());
        Assert.Equal(1, await after.EnterpriseVisits.CountAsync(v => v.VisitedOn >= new DateOnly(2024, 4, 1)));
    }

    [Theory]
    [DatabaseData]
    public async Task TheIndicatorsPage_ShowsWhichEnterprisesTheGrowthComesFrom(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        var (status, html) = await app.PageAsync($"/indicators?scope={Q("安泽经济技术开发区")}&period=2024-03");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"contribution-enterprises\"", html);
        // 113800 against 110500: 2.99%, of which 玉华 3.44, 安鑫 0.63, 玉和泰 −1.09 points.
        Assert.Contains("本年累计11.38亿元，上年同期11.05亿元，增长2.99%", html);
        Assert.Contains(">3.44<", html);
        Assert.Contains(">-1.09<", html);
    }

    [Theory]
    [DatabaseData]
    public async Task TheEconomyBriefing_TellsTheEnterprisesPart_OnTheWebAndAsDocx(DbProvider provider)
    {
        await using var app = await KeystoneApp.StartAsync(provider);
        using var client = app.Client();
        var anze = await client.GetStringAsync($"/api/briefings?kind=economy&scope={Q("安泽经济技术开发区")}&period=2024-03&format=text");
        Assert.Contains("2024年一季度安泽经济技术开发区尚无经济指标数据。", anze);
        Assert.Contains("规上工业方面，3家规上工业企业完成产值11.38亿元，增长3.0%；其中安泽县玉华煤业有限公司拉动3.44个百分点，安泽县安鑫煤业有限公司拉动0.63个百分点；安泽县玉和泰煤业有限公司下拉1.09个百分点。", anze);
        // 通祥 525万元 in three months projects 2100万元 (on track); 腾元 390万元 projects 1560万元 (not).
        Assert.Contains("上规入统方面，培育库在库企业2家，其中预计年内可达标1家。", anze);

        var zone = await client.GetStringAsync($"/api/briefings?kind=economy&scope={Q("阳泉高新区")}&period=2024-03&format=text");
        Assert.Contains("企业服务方面，3月开展入企访谈5次，包联企业8家中已走访5家，覆盖率62.5%；收集企业诉求3个，已办结", zone);
        Assert.Contains("“企业申请技改贷款贴息，需协调金融机构对接”", zone);

        var docx = await client.GetAsync($"/api/briefings?kind=economy&scope={Q("阳泉高新区")}&period=2024-03&format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/briefings?kind=economy&period=2024-13&format=text")).StatusCode);

        var (status, html) = await app.PageAsync($"/briefings?kind=economy&scope={Q("阳泉高新区")}&period=2024-03");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"economy-briefing\"", html);
        Assert.Contains("包联企业8家中已走访5家", html);
        Assert.Contains("kind=economy", html); // the .docx link
    }
}
