using Keystone.Core.Briefings;
using Keystone.Core.Campaigns;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Ledger;
using Keystone.Core.Lights;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Campaigns;

/// <summary>Campaigns and events read from the database (the demo's, and a ledger of text dates), on both providers.</summary>
public class CampaignDataTests
{
    private static readonly DateOnly AsOf = new(2024, 4, 10);

    private const string Ceremony =
        "古县“冬季行动”冲刺暨2024年全县重点项目集中开复工仪式";

    private const string Venue = "山西宏源清洁能源有限公司二氧化碳捕集制低碳甲醇联产LNG项目现场作为主会场";

    private static async Task<OrgTree> TreeAsync(AppDbContext db) => await db.LoadTreeAsync(CancellationToken.None);

    private static string Section(DraftedBriefing drafted, BriefingSectionKind kind) => drafted.Briefing.Sections.Single(s => s.Kind == kind).Text;

    [Theory]
    [DatabaseData]
    public async Task TheDemosCeremony_IsGuxiansOwn_AndTheCityAndProvinceNameGuxian(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);

        var own = await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("古县经济技术开发区"), 2024, AsOf);
        Assert.Equal(
            $"3月18日，{Ceremony}举行，{Venue}。此次活动，全区共有10个重点项目（包括5个产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元。",
            Section(own, BriefingSectionKind.ConcurrentStarts));

        foreach (var parent in new[] { "临汾市", "山西省" })
        {
            var text = Section(await ScopeDesk.BriefingAsync(db, tree, tree.Resolve(parent), 2024, AsOf), BriefingSectionKind.ConcurrentStarts);
            Assert.Equal(
                $"3月18日，古县经济技术开发区举行{Ceremony}，{Venue}。此次活动，古县经济技术开发区共有10个重点项目（包括5个产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元。",
                text);
        }

        // Before the day, and in a zone that held none, there is no paragraph.
        Assert.DoesNotContain((await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("古县经济技术开发区"), 2024, new DateOnly(2024, 3, 17))).Briefing.Sections, s => s.Kind == BriefingSectionKind.ConcurrentStarts);
        Assert.DoesNotContain((await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("阳泉高新区"), 2024, AsOf)).Briefing.Sections, s => s.Kind == BriefingSectionKind.ConcurrentStarts);

        // The ten were recorded to the day, but their day has its event: nothing is left to propose.
        Assert.Empty(await CampaignData.ProposalsAsync(db, tree, tree.Resolve("山西省"), 2024, AsOf));
    }

    [Theory]
    [DatabaseData]
    public async Task TheDemosHundredDays_AreJudgedFromTheLedger_AsOfTheDemosDay(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await TreeAsync(db);
        var zone = tree.Resolve("阳泉高新区");
        var campaign = Assert.Single(await CampaignData.CampaignsAsync(db, tree, zone));
        var p = (await CampaignData.JudgeAsync(db, tree, [campaign], AsOf))[0];

        var reasons = p.ProjectProgress.SelectMany(x => x.Items).ToDictionary(i => (i.Task.Code, i.Task.Kind, i.Task.Reference), i => (i.Light, i.Reason.Zh));
        Assert.Equal((Light.Red, "手续清单中尚无“施工许可”，应于3月29日前办结，已逾期12天"), reasons[("YQGX-2024-025", CampaignTaskKind.Approval, "施工许可")]);
        Assert.Equal((Light.Yellow, "应于4月15日前开工，还剩5天"), reasons[("YQGX-2024-025", CampaignTaskKind.Start, null)]);
        Assert.Equal((Light.Green, "应于5月31日前开工，还剩51天"), reasons[("YQGX-2024-026", CampaignTaskKind.Start, null)]);
        Assert.Equal((Light.Green, "应于6月25日前开工，还剩76天"), reasons[("YQGX-2024-024", CampaignTaskKind.Start, null)]);
        Assert.Equal((Light.Green, "用地预审与选址已于3月15日申报，应于4月30日前办结，还剩20天"), reasons[("YQGX-2024-008", CampaignTaskKind.Approval, "用地预审与选址")]);
        Assert.Equal((Light.Green, "施工许可已于2月1日办结"), reasons[("YQGX-2024-006", CampaignTaskKind.Approval, "施工许可")]);

        Assert.Equal((6, 8, 1, 1, Light.Red), (p.Projects, p.Tasks, p.Met, p.Overdue, p.Light));
        var paragraph = "项目前期手续办理“百日攻坚”（3月18日至6月25日）开展以来，纳入行动的6个项目共8项任务，已完成1项，完成率12.5%；"
            + "其中开工0个（目标4个，完成目标的0%），手续办结1项（目标4项，完成目标的25%）。"
            + "逾期未完成1项：钠电储能集成生产车间项目（手续清单中尚无“施工许可”，应于3月29日前办结，已逾期12天）。";
        Assert.Equal(paragraph, Section(await ScopeDesk.BriefingAsync(db, tree, zone, 2024, AsOf), BriefingSectionKind.Campaigns));
        Assert.Equal("阳泉高新区" + paragraph, Section(await ScopeDesk.BriefingAsync(db, tree, tree.Resolve("阳泉市"), 2024, AsOf), BriefingSectionKind.Campaigns));

        // Before it began there is nothing to say; after it ended, the closing summary (nothing recorded since: 7 of 8 unmet).
        Assert.DoesNotContain((await ScopeDesk.BriefingAsync(db, tree, zone, 2024, new DateOnly(2024, 3, 17))).Briefing.Sections, s => s.Kind == BriefingSectionKind.Campaigns);
        var closing = Section(await ScopeDesk.BriefingAsync(db, tree, zone, 2024, new DateOnly(2024, 7, 1)), BriefingSectionKind.Campaigns);
        Assert.StartsWith("项目前期手续办理“百日攻坚”（3月18日至6月25日）已结束，纳入行动的6个项目共8项任务，按期完成1项，逾期完成0项，未完成7项，完成率12.5%；", closing);
    }

    [Theory]
    [DatabaseData]
    public async Task MonthLevelStartDates_NeverProposeAnEvent_DayPreciseOnesDo(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var ledger = TestLedger.Standard();
        void Five(string prefix, string startText)
        {
            for (var i = 1; i <= 5; i++)
            {
                var row = TestLedger.Project($"{prefix}-{i}", $"{prefix}项目{i}");
                row[LedgerField.StartDate] = startText;
                row[LedgerField.ActualStart] = startText;
                ledger.Add(row);
            }
        }

        Five("DAY", "2024年3月20日");
        Five("END", "3月底");
        Five("TEN", "2024年3月上旬");
        Five("MON", "2024年3月");
        await using (var import = test.NewContext())
        {
            var result = await new LedgerImporter(import, new FakeTimeProvider(TestDatabase.DemoDay)).ImportAsync(ledger.Xlsx(), new LedgerImportOptions { Year = 2024 });
            Assert.True(result.Applied, string.Join("\n", result.Problems));
        }

        await using var db = test.NewContext();
        var approximate = await db.AnnualPlans.Where(a => a.StartDateApproximate).Select(a => a.Project!.Code).OrderBy(c => c).ToListAsync();
        Assert.Equal(15, approximate.Count);
        Assert.DoesNotContain(approximate, c => c.StartsWith("DAY", StringComparison.Ordinal));

        var tree = await TreeAsync(db);
        var proposal = Assert.Single(await CampaignData.ProposalsAsync(db, tree, tree.Resolve("阳泉高新区"), 2024, AsOf));
        Assert.Equal((new DateOnly(2024, 3, 20), 5), (proposal.Starts.Date, proposal.Starts.Count));

        // The ledger written back keeps a month-level date as month-level text, so reading it again proposes nothing new.
        var cells = LedgerDates.MonthText(new DateOnly(2024, 3, 31));
        Assert.Equal("2024年3月底", cells);
        Assert.Equal(["2024年3月", "2024年3月上旬", "2024年3月中旬"], new[] { 1, 10, 20 }.Select(d => LedgerDates.MonthText(new DateOnly(2024, 3, d))));
        Assert.True(LedgerDates.IsDayPrecise("2024-03-20"));
        Assert.False(LedgerDates.IsDayPrecise("2024年3月下旬"));
    }
}
