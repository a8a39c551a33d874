using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Core.Promotion;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Tests.Features.Promotion;

/// <summary>
/// The promotion desk's files over HTTP (docs/domain.md "Promotion files"): a 投资合作部's lead file with title
/// rows, other header spellings, 亿元/万元 and text dates; every problem listed, nothing imported; the marked-up
/// copy; the export read back changing nothing; the same file twice changing nothing; the target library alike.
/// </summary>
public class PromotionFilesTests
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Guxian = "gx-officer";

    private static async Task<KeystoneApp> StartAsync(DbProvider provider)
    {
        var app = await KeystoneApp.StartAsync(provider);
        await using var db = app.NewContext();
        await Keystone.Core.Accounts.Accounts.AddAsync(db, await db.LoadTreeAsync(default), Guxian, Role.ZoneOfficer, "古县经济技术开发区", Keystone.Core.Accounts.Accounts.DemoPassword, app.Clock.GetUtcNow());
        return app;
    }

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A lead file as a zone keeps it: two title rows, its own header spellings, 亿元 in a header, the sheet's unit in a title.</summary>
    private static TestLedger LeadFile() => new TestLedger
    {
        Sheet = "招商线索",
        Headers = ["项目名称", "投资主体", "社会信用代码", "招商渠道", "产业链", "意向投资额（亿元）", "当前阶段", "签约时间", "签约金额", "责任人", "最新进展", "备注", "接洽时间", "考察时间", "洽谈时间"],
    }
        .Title("阳泉高新区2024年招商引资线索台账")
        .Title("填报单位：投资合作部　　单位：万元")
        .Row("光伏组件项目", "晶科光伏有限公司", "", "产业招商", "新能源（组件）", "1.5", "线索", "", "", "王晓东", "2024年4月1日 电话：初次沟通投资意向", "", "", "", "")
        .Row("氢能装备项目", "氢能装备集团有限公司", "91140300CBPRNJHCCN", "以商招商（日昌新材料山西有限责任公司）", "新能源", "8000万元", "签约", "2024年3月5日", "2.1亿元", "李建军", "", "链主引荐", "2024.1.10", "2024/2/1", "2024-02-20");

    private static async Task<(int Leads, int FollowUps)> CountAsync(KeystoneApp app)
    {
        await using var db = app.NewContext();
        return (await db.Leads.CountAsync(), await db.LeadFollowUps.CountAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task ALeadFile_WithTheLedgersConventions_IsImported_AndTheSameFileAgainChangesNothing(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var client = app.Client(user: "demo-zone");
        var before = await CountAsync(app);
        var file = LeadFile().ToXlsx();

        var report = await OkAsync(await client.PostAsync("/api/leads/import", LedgerApiTests.Form(file, "线索台账.xlsx")));
        Assert.Equal(2, (int)report["new"]!);
        Assert.Equal(3, (int)report["headerRow"]!); // below the two title rows

        await using (var db = app.NewContext())
        {
            var pv = await db.Leads.Include(l => l.FollowUps).SingleAsync(l => l.Name == "光伏组件项目");
            Assert.Equal(new Money(15000m), pv.IntendedInvestment); // 1.5 under 亿元
            Assert.Equal(LeadStage.Lead, pv.Stage);
            Assert.Equal(("新能源", "组件"), (pv.Chain, pv.Link));
            Assert.Equal(new DateOnly(2024, 4, 1), pv.LeadOn); // the earliest date the row gives
            var followUp = Assert.Single(pv.FollowUps);
            Assert.Equal((FollowUpMethod.Phone, "初次沟通投资意向", "王晓东"), (followUp.Method, followUp.What, followUp.Who));

            var h2 = await db.Leads.SingleAsync(l => l.Name == "氢能装备项目");
            Assert.Equal(LeadStage.Signed, h2.Stage);
            Assert.Equal(new Money(8000m), h2.IntendedInvestment); // the cell's 万元 over the header's 亿元
            Assert.Equal(new Money(21000m), h2.ContractAmount); // the cell's 亿元 over the title's 万元
            Assert.Equal(LeadChannel.Business, h2.Channel);
            Assert.Equal("日昌新材料山西有限责任公司", h2.Referrer);
            Assert.Equal(
                [new DateOnly(2024, 1, 10), new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 20), new DateOnly(2024, 3, 5)],
                new[] { LeadStage.Lead, LeadStage.Contacted, LeadStage.Visited, LeadStage.Negotiating, LeadStage.Signed }.Select(s => h2.DateOf(s)!.Value));
            Assert.Equal("阳泉高新区", (await db.OrgUnits.SingleAsync(u => u.Id == h2.OrgUnitId)).Name);
        }

        var after = await CountAsync(app);
        Assert.Equal((before.Leads + 2, before.FollowUps + 1), after);

        var again = await OkAsync(await client.PostAsync("/api/leads/import", LedgerApiTests.Form(file, "线索台账.xlsx")));
        Assert.Equal((0, 0, 2), ((int)again["new"]!, (int)again["updated"]!, (int)again["unchanged"]!));
        Assert.Equal(after, await CountAsync(app));

        // The same rows as .csv (UTF-8 with a BOM) read the same: nothing changes.
        var csv = await OkAsync(await client.PostAsync("/api/leads/import", LedgerApiTests.Form(LeadFile().ToCsv(Encoding.UTF8, bom: true), "线索台账.csv")));
        Assert.Equal(2, (int)csv["unchanged"]!);

        // The next step, with its date and a newer follow-up: the lead moves on, the contact is recorded.
        var next = LeadFile();
        next.Rows[1][6] = "注册";
        next.Headers.Add("注册日期");
        next.Rows[0] = [.. next.Rows[0], ""];
        next.Rows[1] = [.. next.Rows[1], "2024年4月8日"];
        next.Rows[1][10] = "2024-04-09 来访考察：企业来区踏勘厂房";
        var moved = await OkAsync(await client.PostAsync("/api/leads/import", LedgerApiTests.Form(next.ToXlsx(), "线索台账.xlsx")));
        Assert.Equal(1, (int)moved["updated"]!);
        var fields = moved["changes"]!.AsArray().Single(c => (string)c!["name"]! == "氢能装备项目")!["fields"]!.AsArray();
        Assert.Contains(fields, f => (string)f!["column"]! == "所处阶段" && (string)f["before"]! == "签约" && (string)f["after"]! == "注册");
        await using (var db = app.NewContext())
        {
            var h2 = await db.Leads.Include(l => l.FollowUps).SingleAsync(l => l.Name == "氢能装备项目");
            Assert.Equal((LeadStage.Registered, new DateOnly(2024, 4, 8)), (h2.Stage, h2.RegisteredOn));
            Assert.Equal(FollowUpMethod.Hosted, Assert.Single(h2.FollowUps).Method);
        }
    }

    [Theory]
    [DatabaseData]
    public async Task ARefusedFile_NamesEveryProblem_ImportsNothing_AndComesBackMarkedUp(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var client = app.Client(user: "demo-zone");
        var before = await CountAsync(app);
        var file = new TestLedger
        {
            Sheet = "线索",
            Headers = ["线索/项目名称", "投资方", "统一社会信用代码", "招商方式", "意向投资额（万元）", "所处阶段", "签约日期", "签约金额（万元）", "接洽日期", "考察日期", "洽谈日期"],
        }
            .Row("缺投资方项目", "", "", "产业招商", "", "线索", "", "", "", "", "")
            .Row("跳阶段项目", "某科技有限公司", "", "产业招商", "", "洽谈", "", "", "", "", "")
            .Row("签约无金额项目", "某材料有限公司", "", "中介招商", "", "签约", "2024-03-01", "", "2024-01-05", "2024-01-20", "2024-02-10")
            .Row("坏格式项目", "某装备有限公司", "123", "招商局", "很多", "线索", "2024年13月5日", "", "", "", "")
            .Row("中信重工高端特种金属材料项目", "中信重工机械股份有限公司", "", "产业招商", "86881", "接洽", "", "", "", "", "")
            .Row("跳阶段项目", "重复行", "", "产业招商", "", "线索", "", "", "", "", "");

        var refused = await client.PostAsync("/api/leads/import", LedgerApiTests.Form(file.ToXlsx(), "线索.xlsx"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problems = (await KeystoneApp.ProblemAsync(refused))["report"]!["problems"]!.AsArray()
            .Select(p => ((int)p!["row"]!, (string?)p["column"], (string)p["reason"]!)).ToList();
        void Has(int row, string column, string reason) =>
            Assert.True(problems.Any(p => p.Item1 == row && p.Item2 == column && p.Item3.Contains(reason, StringComparison.Ordinal)), $"row {row} {column} {reason}: {string.Join(" | ", problems)}");
        Has(2, "投资方", "投资方不能为空");
        Has(3, "所处阶段", "须填写接洽日期、考察日期、洽谈日期");
        Has(4, "签约金额（万元）", "签约须填写签约金额");
        Has(5, "统一社会信用代码", "");
        Has(5, "招商方式", "招商方式“招商局”无效");
        Has(5, "意向投资额（万元）", "不是金额");
        Has(5, "签约日期", "");
        Has(6, "所处阶段", "不能退回接洽");
        Has(7, "线索/项目名称", "与第3行重复");
        Assert.Equal(before, await CountAsync(app));

        var english = await app.Client(language: "en-US", user: "demo-zone").PostAsync("/api/leads/import", LedgerApiTests.Form(file.ToXlsx(), "线索.xlsx"));
        Assert.Contains("nothing was imported", (string)(await KeystoneApp.ProblemAsync(english))["title"]!, StringComparison.Ordinal);

        var copy = await client.PostAsync("/api/leads/import", LedgerApiTests.Form(file.ToXlsx(), "线索.xlsx", ("errors", "true")));
        Assert.Equal(Xlsx, copy.Content.Headers.ContentType!.MediaType);
        var marked = LedgerSource.FromBytes(await copy.Content.ReadAsByteArrayAsync(), "线索.errors.xlsx", LedgerLimits.Default).Rows("线索").ToList();
        Assert.Equal("错误原因", marked[0].TextAt(11));
        Assert.Contains("须填写接洽日期、考察日期、洽谈日期", marked.Single(r => r.Number == 3).TextAt(11), StringComparison.Ordinal);
        Assert.Contains("投资方不能为空", marked.Single(r => r.Number == 2).TextAt(11), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(app));
    }

    [Theory]
    [DatabaseData]
    public async Task TheExport_ReadBack_ChangesNothing(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var client = app.Client(user: "demo-zone");
        var before = await CountAsync(app);
        var export = await client.GetAsync("/api/leads/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = LedgerSource.FromBytes(bytes, "x.xlsx", LedgerLimits.Default).Rows("招商线索").ToList();
        Assert.Equal(["线索/项目名称", "投资方", "统一社会信用代码", "招商方式", "所属产业链", "意向投资额（万元）", "所处阶段", "签约日期", "签约金额（万元）", "负责人", "最近跟进", "备注"], rows[1].Cells.Take(12).Select(c => LedgerValues.AsText(c)));
        var kbt = rows.Single(r => r.TextAt(0) == "康博特年产2000吨钼及钨合金新材料项目");
        Assert.Equal(("以商招商（日昌新材料山西有限责任公司）", "第三代半导体（材料）"), (kbt.TextAt(3), kbt.TextAt(4)));
        Assert.Equal("搁置", rows.Single(r => r.TextAt(0) == "氢燃料电池重卡项目").TextAt(6));
        Assert.Equal("2024-04-02 外出拜访：赴洛阳总部对接投资协议文本，就用地与能耗指标达成一致", rows.Single(r => r.TextAt(0) == "中信重工高端特种金属材料项目").TextAt(10));

        var report = await OkAsync(await client.PostAsync("/api/leads/import", LedgerApiTests.Form(bytes, "阳泉高新区招商线索.xlsx")));
        Assert.Equal((0, 0, 10), ((int)report["new"]!, (int)report["updated"]!, (int)report["unchanged"]!));
        Assert.Equal(before, await CountAsync(app));
    }

    [Theory]
    [DatabaseData]
    public async Task TheTargetLibrary_IsImported_ReimportedAndExported_WithoutChange(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var client = app.Client(user: "demo-zone");
        var file = new TestLedger { Sheet = "目标企业库", Headers = ["序号", "目标企业", "产业链环节", "规模", "总部", "招引理由", "对接责任人"] }
            .Title("阳泉高新区招商目标企业库")
            .Row("1", "晶盛长晶装备有限公司", "第三代半导体（装备）", "上市公司", "浙江绍兴", "蓝宝石、碳化硅长晶炉配套", "李建军")
            .Row("2", "天岳先进科技股份有限公司", "第三代半导体（芯片）", "行业龙头", "山东济南", "碳化硅衬底", "王晓东");
        var report = await OkAsync(await client.PostAsync("/api/promotion/targets/import", LedgerApiTests.Form(file.ToXlsx(), "目标企业库.xlsx")));
        Assert.Equal((1, 1, 0), ((int)report["new"]!, (int)report["updated"]!, (int)report["unchanged"]!));
        var changed = report["changes"]!.AsArray().Single(c => (string)c!["name"]! == "晶盛长晶装备有限公司")!["fields"]!.AsArray().Select(f => (string)f!["column"]!).ToList();
        Assert.Equal(["企业规模", "总部所在地"], changed);

        var again = await OkAsync(await client.PostAsync("/api/promotion/targets/import", LedgerApiTests.Form(file.ToXlsx(), "目标企业库.xlsx")));
        Assert.Equal(2, (int)again["unchanged"]!);

        var export = await (await client.GetAsync("/api/promotion/targets/export")).Content.ReadAsByteArrayAsync();
        var back = await OkAsync(await client.PostAsync("/api/promotion/targets/import", LedgerApiTests.Form(export, "导出.xlsx")));
        Assert.Equal((0, 0, 3), ((int)back["new"]!, (int)back["updated"]!, (int)back["unchanged"]!));

        var bad = new TestLedger { Sheet = "目标企业库", Headers = ["企业名称", "统一社会信用代码"] }.Row("甲公司", "123").Row("甲公司", "");
        var refused = await client.PostAsync("/api/promotion/targets/import", LedgerApiTests.Form(bad.ToXlsx(), "坏.xlsx"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problems = (await KeystoneApp.ProblemAsync(refused))["report"]!["problems"]!.AsArray();
        Assert.Equal([(2, "统一社会信用代码"), (3, "企业名称")], problems.Select(p => ((int)p!["row"]!, (string)p["column"]!)));
        await using var db = app.NewContext();
        Assert.False(await db.PromotionTargets.AnyAsync(t => t.Name == "甲公司"));
    }

    [Theory]
    [DatabaseData]
    public async Task Files_AreAZonesOwn_AndNoneOfAReportersOrADepartments(DbProvider provider)
    {
        await using var app = await StartAsync(provider);
        var before = await CountAsync(app);
        var file = LeadFile().ToXlsx();
        var foreign = await app.Client(user: Guxian).PostAsync("/api/leads/import", LedgerApiTests.Form(file, "x.xlsx", ("unit", "阳泉高新区")));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(user: Guxian).GetAsync($"/api/leads/export?unit={Uri.EscapeDataString("阳泉高新区")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(user: Guxian).PostAsync("/api/promotion/targets/import", LedgerApiTests.Form(file, "x.xlsx", ("unit", "阳泉高新区")))).StatusCode);
        foreach (var user in new[] { "demo-enterprise", "demo-department" })
        {
            var response = await app.Client(user: user).PostAsync("/api/leads/import", LedgerApiTests.Form(file, "x.xlsx"));
            Assert.False(response.IsSuccessStatusCode, user);
            Assert.False((await app.Client(user: user).GetAsync("/api/leads/export")).IsSuccessStatusCode, user);
        }

        Assert.Equal(before, await CountAsync(app));

        // The city imports into a zone it oversees, naming it.
        var city = await OkAsync(await app.Client(user: "demo-city").PostAsync("/api/leads/import", LedgerApiTests.Form(file, "x.xlsx", ("unit", "阳泉高新区"))));
        Assert.Equal(2, (int)city["new"]!);
    }
}
