using Keystone.Core.Briefings;
using Keystone.Core.Campaigns;
using Keystone.Core.Figures;
using Keystone.Core.Tests.Figures;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Campaigns;

/// <summary>集中开复工 as recorded events, and the days that only propose one.</summary>
public class StartEventsTests
{
    private const int Year = 2024;
    private static readonly DateOnly AsOf = new(2024, 4, 10);
    private static readonly DateOnly Ceremony = new(2024, 3, 15);

    private static string Name(int unit) => unit switch
    {
        1 => "古县经济技术开发区",
        2 => "阳泉高新区",
        _ => "临汾市",
    };

    /// <summary>古县's ceremony as seed 004 prints it: ten of the ledger's projects, 宏源's (project 1) the main venue.</summary>
    private static StartEventFacts Guxian(int unit = 1) =>
        new(1, unit, Name(unit), Ceremony, "古县“冬季行动”冲刺暨2024年全县重点项目集中开复工仪式", null, 1, "山西宏源清洁能源有限公司二氧化碳捕集制低碳甲醇联产LNG项目", Enumerable.Range(1, 10).ToList());

    private static string Paragraph(string scope, OrgUnitKind kind, IReadOnlyList<ConcurrentStart> starts)
    {
        var rows = BreakdownTests.Guxian();
        var input = new BriefingInput
        {
            ScopeName = scope,
            ScopeKind = kind,
            Year = Year,
            AsOf = AsOf,
            Figures = FiguresEngine.Compute(rows, Year, AsOf),
            Provincial = FiguresEngine.Compute([], Year, AsOf),
            Municipal = FiguresEngine.Compute([], Year, AsOf),
            ConcurrentStarts = starts,
        };
        return BriefingWriter.Write(input).Sections.Single(s => s.Kind == BriefingSectionKind.ConcurrentStarts).Text;
    }

    [Fact]
    public void TheZonesOwnEvent_IsHeldByIt_AsSeed004PrintsIt()
    {
        var starts = StartEvents.Recorded([Guxian()], BreakdownTests.Guxian(), Year, AsOf, scopeUnitId: 1);

        Assert.Equal(
            "3月15日，古县“冬季行动”冲刺暨2024年全县重点项目集中开复工仪式举行，山西宏源清洁能源有限公司二氧化碳捕集制低碳甲醇联产LNG项目现场作为主会场。"
            + "此次活动，全区共有10个重点项目（包括5个产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元。",
            Paragraph("古县经济技术开发区", OrgUnitKind.Zone, starts));
    }

    [Fact]
    public void AParentsBriefing_NamesTheZoneThatHeldIt_InsteadOfClaimingIt()
    {
        var starts = StartEvents.Recorded([Guxian()], BreakdownTests.Guxian(), Year, AsOf, scopeUnitId: 3);

        var text = Paragraph("临汾市", OrgUnitKind.City, starts);
        Assert.Equal(
            "3月15日，古县经济技术开发区举行古县“冬季行动”冲刺暨2024年全县重点项目集中开复工仪式，山西宏源清洁能源有限公司二氧化碳捕集制低碳甲醇联产LNG项目现场作为主会场。"
            + "此次活动，古县经济技术开发区共有10个重点项目（包括5个产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元。",
            text);
        Assert.DoesNotContain("全市", text);
    }

    [Fact]
    public void AnEventWithoutTitle_ReadsAsBefore_AndCountsOnlyItsProjectsInThePlan()
    {
        // Projects 1–4 and two the plan does not hold (99, 100).
        var e = new StartEventFacts(2, 1, Name(1), Ceremony, null, null, null, null, [1, 2, 3, 4, 99, 100]);
        var start = Assert.Single(StartEvents.Recorded([e], BreakdownTests.Guxian(), Year, AsOf, 1));
        Assert.Equal(4, start.Count);
        Assert.StartsWith("3月15日，全区共有4个重点项目", Paragraph("古县经济技术开发区", OrgUnitKind.Zone, [start]));
    }

    [Fact]
    public void EventsAfterTheDay_OrOfAnotherYear_OrWithNoPlannedProject_AreNotTold()
    {
        var later = Guxian() with { HeldOn = new DateOnly(2024, 4, 11) };
        var lastYear = Guxian() with { HeldOn = new DateOnly(2023, 12, 20) };
        var none = Guxian() with { ProjectIds = [99] };
        Assert.Empty(StartEvents.Recorded([later, lastYear, none], BreakdownTests.Guxian(), Year, AsOf, 1));
    }

    [Fact]
    public void Proposals_ComeOnlyFromDayPreciseDates_FiveOrMoreOfOneUnit_WithoutAnEvent()
    {
        var rows = new List<PlanRow>();
        // Unit 2: five started on 20 March, recorded to the day: proposed.
        rows.AddRange(Enumerable.Range(101, 5).Select(i => Rows.Plan(i, unit: 2) with { StartDate = new DateOnly(2024, 3, 20) }));
        // Unit 2: six on 31 March, but from "3月底" (month-level): never proposed.
        rows.AddRange(Enumerable.Range(201, 6).Select(i => Rows.Plan(i, unit: 2) with { StartDate = new DateOnly(2024, 3, 31) }));
        // Unit 2: five on 10 March, four to the day and one "3月上旬": four are too few.
        rows.AddRange(Enumerable.Range(301, 5).Select(i => Rows.Plan(i, unit: 2) with { StartDate = new DateOnly(2024, 3, 10) }));
        // Units 1 and 3: three each on 20 March — eight that day, but no unit held five.
        rows.AddRange(Enumerable.Range(401, 3).Select(i => Rows.Plan(i, unit: 1) with { StartDate = new DateOnly(2024, 3, 20) }));
        rows.AddRange(Enumerable.Range(501, 3).Select(i => Rows.Plan(i, unit: 3) with { StartDate = new DateOnly(2024, 3, 20) }));
        // Unit 1: five on 15 March, to the day, but the ceremony is recorded.
        rows.AddRange(Enumerable.Range(601, 5).Select(i => Rows.Plan(i, unit: 1) with { StartDate = Ceremony }));
        // Unit 1: five to the day on 12 April, after the day asked about.
        rows.AddRange(Enumerable.Range(701, 5).Select(i => Rows.Plan(i, unit: 1) with { StartDate = new DateOnly(2024, 4, 12) }));

        var precise = rows.Select(r => r.ProjectId).Where(id => id is < 201 or > 300 && id != 305).ToHashSet();
        var proposals = StartEvents.Proposals(rows, precise, [(1, Ceremony)], Name, Year, AsOf);

        var only = Assert.Single(proposals);
        Assert.Equal((2, "阳泉高新区", new DateOnly(2024, 3, 20), 5), (only.UnitId, only.UnitName, only.Starts.Date, only.Starts.Count));
        Assert.Equal([101, 102, 103, 104, 105], only.Starts.ProjectIds);

        // Every date day-precise and nothing recorded: 10 March (unit 2) and 15 March (unit 1) join, in date order.
        var all = StartEvents.Proposals(rows, rows.Select(r => r.ProjectId).ToHashSet(), [], Name, Year, AsOf);
        Assert.Equal([(new DateOnly(2024, 3, 10), 2), (Ceremony, 1), (new DateOnly(2024, 3, 20), 2), (new DateOnly(2024, 3, 31), 2)], all.Select(p => (p.Starts.Date, p.UnitId)));
    }
}
