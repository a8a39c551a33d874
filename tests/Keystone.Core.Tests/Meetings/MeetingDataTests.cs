using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Documents;
using Keystone.Core.Inspections;
using Keystone.Core.Meetings;
using Keystone.Core.Problems;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Meetings;

public class MeetingDataTests
{
    private const string Guxian = "古县经济技术开发区";

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    private static DateOnly D(int month, int day) => new(2024, month, day);

    private static async Task<Meeting> HoldAsync(AppDbContext db, OrgUnitInfo unit, DateOnly on)
    {
        var meeting = new Meeting(unit.Id, unit.Name, MeetingKind.Dispatch, on, null, "张伟", "开发区各部门负责同志", "demo-city", At(on));
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting;
    }

    [Theory]
    [DatabaseData]
    public async Task ADispatchMeetingsPack_ReadsTheUnitAsOfItsDay_AndThePreviousMeetingsDecisions(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await db.LoadTreeAsync();
        var guxian = tree.Resolve(Guxian);
        var project = await db.Projects.SingleAsync(p => p.Code == "GX-2024-002");

        // 1 March: three decisions — one closed on the 15th, one left past its 22 March deadline, one to the zone
        // as a whole, which routes it on the 4th to a bureau due 30 April.
        var march = await HoldAsync(db, guxian, D(3, 1));
        var closed = await MeetingDesk.DecideAsync(db, tree, march, new DecisionEntry { Text = "加快古县重点产业项目1设备进场", Department = "古县发展和改革局", Deadline = D(3, 15), ProjectId = project.Id, ProjectUnitId = project.OrgUnitId }, "demo-city", At(D(3, 1)), D(3, 1));
        closed.Problem!.Answer("设备已进场", "demo-city", At(D(3, 14)), D(3, 14));
        closed.Problem.Close(Satisfaction.Satisfied, null, "demo-city", At(D(3, 15)), D(3, 15));
        await MeetingDesk.DecideAsync(db, tree, march, new DecisionEntry { Text = "落实储备项目用地指标", Department = "古县自然资源局", Deadline = D(3, 22) }, "demo-city", At(D(3, 1)), D(3, 1));
        var zone = await MeetingDesk.DecideAsync(db, tree, march, new DecisionEntry { Text = "开发区要倒排储备项目开工计划", UnitId = guxian.Id, Deadline = D(4, 30) }, "demo-city", At(D(3, 1)), D(3, 1));
        Assert.Equal(ProblemStatus.Open, zone.Problem!.Status);
        Assert.Null(zone.Problem.ProjectId);
        zone.Problem.Assign("古县住房和城乡建设局", D(4, 30), "demo-city", At(D(3, 4)), D(3, 4));
        await db.SaveChangesAsync();

        var april = await HoldAsync(db, guxian, D(4, 1));
        april.SetAgenda([new AgendaEntry(project.Id, null, "汇报设备安装进度"), new AgendaEntry(null, guxian.Id, null)]);
        await db.SaveChangesAsync();

        await using var read = test.NewContext();
        var loaded = await read.Meetings.Include(m => m.Agenda).SingleAsync(m => m.Id == april.Id);
        Assert.Equal(march.Id, (await MeetingData.PreviousAsync(read, loaded))!.Id);
        var decisions = await MeetingData.DecisionsAsync(read, tree, march.Id, D(4, 1));
        Assert.Equal(["古县发展和改革局", "古县自然资源局", Guxian], decisions.Select(d => d.Responsible));
        Assert.Equal(new FollowUpTally(3, 1, 0, 2, 1), FollowUp.Tally(decisions));
        Assert.Equal(6, decisions[1].Problem.Standing.OverdueDays); // 25–29 March and 1 April

        // Every decision is a problem of the loop, raised from the meeting, in the responsible unit.
        var problems = await read.Problems.Where(p => p.Source == ProblemSource.Meeting && p.OrgUnitId == guxian.Id).OrderBy(p => p.Sequence).ToListAsync();
        Assert.Equal(3, problems.Count);
        Assert.All(problems, p => Assert.Equal(("古县经济技术开发区2024年3月重点项目建设调度会", (DateOnly?)D(3, 1)), (p.MeetingTitle, p.MeetingOn)));
        Assert.All(problems, p => Assert.Equal(guxian.Id, p.OrgUnitId));

        // The pack, as of the meeting's day, says what the briefing of that day says, and then some.
        var today = D(4, 10);
        var input = await MeetingData.PackAsync(read, tree, loaded, today);
        Assert.Equal(D(4, 1), input.AsOf);
        var briefing = await ScopeDesk.BriefingAsync(read, tree, guxian, 2024, D(4, 1));
        using var docx = new MemoryStream();
        BriefingDocx.Write(MeetingPack.Write(input), new BriefingDocxOptions { IssuingBody = Guxian, Date = input.AsOf }, docx);
        docx.Position = 0;
        var text = BriefingDocx.ReadText(docx);

        Assert.Equal("古县经济技术开发区2024年4月重点项目建设调度会会议材料", text.Title);
        Assert.Contains(briefing.Briefing.Sections.Single(s => s.Kind == BriefingSectionKind.Overview).Text, text.Paragraphs);
        Assert.Contains("本材料数据截至2024年4月1日。", text.Paragraphs);
        var agenda = Assert.Single(text.Paragraphs, p => p.StartsWith("会议议题：", StringComparison.Ordinal));
        Assert.StartsWith("会议议题：1.古县2024年重点产业项目1（GX-2024-002）：总投资10.48亿元，年度计划投资2.37亿元，本年完成投资7892万元。汇报设备安装进度；2.古县经济技术开发区：谋划实施项目16个，已开工10个，总开工率62.5%，完成投资6.23亿元，投资完成率22.1%。", agenda);
        Assert.Contains("六、上次调度会交办事项办理情况", text.Paragraphs);
        Assert.Contains("2024年3月1日召开的古县经济技术开发区2024年3月重点项目建设调度会。上次调度会交办事项3项，已办结1项，逾期1项。", text.Paragraphs);
        Assert.Contains("2.落实储备项目用地指标（责任单位：古县自然资源局；办理时限：2024年3月22日）：逾期6个工作日。", text.Paragraphs);
        Assert.Contains("3.开发区要倒排储备项目开工计划（责任单位：古县经济技术开发区；办理时限：2024年4月30日）：办理中。", text.Paragraphs);

        // The overdue decision is an overdue problem like any other: it is in the pack's and the briefing's lists.
        Assert.Contains(text.Paragraphs, p => p.StartsWith("1.“落实储备项目用地指标”（P2024-", StringComparison.Ordinal) && p.EndsWith("会议交办；古县自然资源局，限2024年3月22日前办结，已逾期6个工作日，已提级至临汾市督办）。", StringComparison.Ordinal));
        var problemsParagraph = briefing.Briefing.Sections.Single(s => s.Kind == BriefingSectionKind.Problems).Text;
        Assert.StartsWith("问题督办方面，今年以来全区共收集企业诉求和调研、会议交办事项3个（其中会议交办事项3项，已办结1项），已办结1个", problemsParagraph);
    }

    [Theory]
    [DatabaseData]
    public async Task AnInspectionsInstructions_GoToTheirAddressees_AndTheMinutesCountThem(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await db.LoadTreeAsync();
        var datong = tree.Resolve("大同市");
        var xinrong = tree.Resolve("新荣区");
        var ruihua = await db.Projects.SingleAsync(p => p.Code == "2404-140212-04-01-220301");
        var road = await db.Projects.SingleAsync(p => p.Code == "2304-140215-04-01-220303");

        var day = D(5, 5);
        var inspection = new Inspection(datong.Id, day, "卢东亮", "市领导任希杰、王明厚", null, "demo-city", At(day));
        db.Inspections.Add(inspection);
        var first = inspection.AddStop(new StopEntry(ruihua.OrgUnitId, ruihua.Id, null, ruihua.Name, "主要生产充电模块和一体式充电桩，预计6月份投产"));
        var second = inspection.AddStop(new StopEntry(road.OrgUnitId, road.Id, null, road.Name, null));
        await db.SaveChangesAsync();

        var toDistrict = await InspectionDesk.InstructAsync(db, tree, inspection, first, new InstructionEntry
        {
            Kind = AddresseeKind.Unit,
            Addressee = "新荣区",
            UnitId = xinrong.Id,
            Words = "新荣区要抢抓发展机遇，强化服务保障，精准沟通对接",
            Deadline = D(5, 31),
        }, ruihua.EnterpriseId, "demo-city", At(day), day);
        var toEnterprise = await InspectionDesk.InstructAsync(db, tree, inspection, first, new InstructionEntry
        {
            Kind = AddresseeKind.Enterprise,
            Addressee = "新荣区锐华新有限公司",
            Words = "项目企业要紧抓当前施工“黄金期”，推动项目尽快投产达效",
            Deadline = D(5, 20),
        }, ruihua.EnterpriseId, "demo-city", At(day), day);
        var toContractor = await InspectionDesk.InstructAsync(db, tree, inspection, second, new InstructionEntry
        {
            Kind = AddresseeKind.Contractor,
            Addressee = "施工单位",
            Words = "施工单位要倒排工期，抢抓进度",
            Deadline = D(6, 30),
        }, road.EnterpriseId, "demo-city", At(day), day);

        // The district's instruction waits for the district to route it; the others are with their addressees.
        Assert.Equal((xinrong.Id, ProblemStatus.Open, (string?)null), (toDistrict.Problem!.OrgUnitId, toDistrict.Problem.Status, toDistrict.Problem.Department));
        Assert.Equal("新荣区要抢抓发展机遇", toDistrict.Problem.Title);
        Assert.Equal((ProblemStatus.Assigned, "新荣区锐华新有限公司", ruihua.EnterpriseId), (toEnterprise.Problem!.Status, toEnterprise.Problem.Department, toEnterprise.Problem.EnterpriseId));
        Assert.Equal(("卢东亮", (DateOnly?)day, "施工单位要倒排工期，抢抓进度"), (toContractor.Problem!.Leader, toContractor.Problem.InspectedOn, toContractor.Problem.LeaderWords));
        Assert.All(new[] { toDistrict, toEnterprise, toContractor }, i => Assert.True(i.Problem!.IsInstruction));

        toEnterprise.Problem.Answer("已增加两个班组，6月10日投产", "demo-city", At(D(5, 18)), D(5, 18));
        toEnterprise.Problem.Close(Satisfaction.Satisfied, null, "demo-city", At(D(5, 19)), D(5, 19));
        await db.SaveChangesAsync();

        await using var read = test.NewContext();
        var loaded = await read.Inspections.Include(i => i.Stops).ThenInclude(s => s.Instructions).SingleAsync(i => i.Id == inspection.Id);
        var minutes = await MeetingData.MinutesAsync(read, tree, loaded, D(5, 21));
        // Routing due two working days after 5 May (the last day of the 劳动节 holiday): 6 and 7 May; 8–21 May is
        // 11 working days late, Saturday 11 May (调休) among them.
        Assert.Equal(new FollowUpTally(3, 1, 0, 2, 1), FollowUp.Tally(minutes.Items));
        var text = InspectionMinutes.Write(minutes);
        Assert.Equal("卢东亮调研重点工程项目纪要", text.Title);
        var paragraphs = text.Sections.Select(s => s.Text).ToList();
        Assert.Equal("2024年5月5日，卢东亮深入新荣区、云州区调研，先后到新荣区锐华新能源装备产业项目、天黎高速公路云州街互通工程项目2个点位，听取汇报，现场交办事项。市领导任希杰、王明厚参加。", paragraphs[0]);
        Assert.Contains("汇报情况：主要生产充电模块和一体式充电桩，预计6月份投产。", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("交办事项2（新荣区锐华新有限公司，限2024年5月20日前反馈，P2024-", StringComparison.Ordinal) && p.EndsWith("：“项目企业要紧抓当前施工“黄金期”，推动项目尽快投产达效”。办理情况：已增加两个班组，6月10日投产。（已办结）", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.StartsWith("交办事项1（新荣区，", StringComparison.Ordinal) && p.EndsWith("（逾期11个工作日）", StringComparison.Ordinal));
        Assert.Equal("截至2024年5月21日，调研交办事项3项，已办结1项，逾期1项。", paragraphs[^1]);

        // The city's briefing counts them among its problems, with the demo's eight of the same day.
        var briefing = await ScopeDesk.BriefingAsync(read, tree, datong, 2024, D(5, 21));
        Assert.StartsWith("问题督办方面，今年以来全市共收集企业诉求和调研交办事项11个（其中调研交办事项11项，已办结1项），已办结1个", briefing.Briefing.Sections.Single(s => s.Kind == BriefingSectionKind.Problems).Text);
    }

    [Theory]
    [DatabaseData]
    public async Task TheDemo_HoldsTwoDispatchMeetings_AndSeed003sInspectionDay(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await db.LoadTreeAsync();

        // The March meeting's pack tells February's decisions as they stood on 29 March.
        var march = await db.Meetings.Include(m => m.Agenda).SingleAsync(m => m.HeldOn == D(3, 29));
        Assert.Equal("阳泉高新区2024年3月重点项目建设调度会", march.Title);
        var pack = await MeetingData.PackAsync(db, tree, march, D(4, 10));
        Assert.Equal(D(3, 29), pack.AsOf);
        var sections = MeetingPack.Sections(pack);
        var previous = Assert.Single(sections, s => s.Heading == "上次调度会交办事项办理情况");
        Assert.Equal("2024年2月27日召开的阳泉高新区2024年2月重点项目建设调度会。上次调度会交办事项4项，已办结2项，逾期1项。", previous.Paragraphs[0]);
        Assert.Equal("3.组织电池项目技术工人专场招聘（责任单位：阳泉高新区人力资源和社会保障局；办理时限：2024年3月28日）：逾期1个工作日。", previous.Paragraphs[3]);
        Assert.Equal(3, pack.Agenda.Count);

        // On the demo's day the late one has been answered: nothing of the meetings is overdue.
        var february = await db.Meetings.SingleAsync(m => m.HeldOn == D(2, 27));
        Assert.Equal(new FollowUpTally(4, 2, 1, 1, 0), FollowUp.Tally(await MeetingData.DecisionsAsync(db, tree, february.Id, D(4, 10))));

        // Seed 003: six stops in order, eight instructions; by August two are still out past their deadlines.
        var inspection = await db.Inspections.Include(i => i.Stops).ThenInclude(s => s.Instructions).SingleAsync();
        Assert.Equal(6, inspection.Stops.Count);
        Assert.Equal(MeetingsDemoNames, inspection.Stops.OrderBy(s => s.Sequence).Select(s => s.Site[..4]));
        var minutes = await MeetingData.MinutesAsync(db, tree, inspection, D(8, 1));
        Assert.Equal(new FollowUpTally(8, 6, 0, 2, 2), FollowUp.Tally(minutes.Items));
        Assert.Equal("截至2024年8月1日，调研交办事项8项，已办结6项，逾期2项。", InspectionMinutes.Write(minutes).Sections[^1].Text);
    }

    private static readonly string[] MeetingsDemoNames = ["新荣区锐", "新荣区南", "大同锡纯", "天黎高速", "云州华兴", "国电电力"];
    [Theory]
    [DatabaseData]
    public async Task ThePack_CarriesTheRunningCampaign_AndTheIndicatorsPublishedBeforeTheMeeting(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider, demo: true);
        await using var db = test.NewContext();
        var tree = await db.LoadTreeAsync();
        var zone = tree.Resolve("阳泉高新区");

        // 工业投资 for 1-2月 (known at the meeting of 29 March) and for 1-3月 (published only in April).
        var investment = Keystone.Core.Indicators.Indicator.Seeded.Single(i => i.Name == "工业投资");
        var id = await db.Indicators.Where(i => i.Name == investment.Name).Select(i => i.Id).SingleAsync();
        await IndicatorData.RecordAsync(db, zone.Id, id, new Keystone.Core.Period(2024, 2), new Keystone.Core.Indicators.IndicatorFigure { Value = 50_000m, Growth = 12.5m }, "test", At(D(3, 15)));
        await IndicatorData.RecordAsync(db, zone.Id, id, new Keystone.Core.Period(2024, 3), new Keystone.Core.Indicators.IndicatorFigure { Value = 80_000m, Growth = 31.7m }, "test", At(D(4, 12)));

        var march = await db.Meetings.SingleAsync(m => m.HeldOn == D(3, 29));
        var sections = MeetingPack.Sections(await MeetingData.PackAsync(db, tree, march, D(4, 10)));

        var economy = Assert.Single(sections, s => s.Heading == "经济运行").Paragraphs[0];
        Assert.Contains("工业投资", economy);
        Assert.Contains("增长12.5%", economy);
        Assert.DoesNotContain("31.7%", economy);

        // The demo's 百日攻坚 runs from 18 March: the pack tells it as the briefing of the meeting's day does.
        var campaign = Assert.Single(sections, s => s.Heading == "专项行动").Paragraphs;
        var briefing = await ScopeDesk.BriefingAsync(db, tree, zone, 2024, D(3, 29));
        Assert.Equal(briefing.Briefing.Sections.Where(s => s.Kind == BriefingSectionKind.Campaigns).Select(s => s.Text), campaign);
        Assert.Contains(campaign, p => p.Contains("百日攻坚", StringComparison.Ordinal));

        // Without indicator values there is no such section (the February meeting, before any month was published).
        var february = await db.Meetings.SingleAsync(m => m.HeldOn == D(2, 27));
        Assert.DoesNotContain(MeetingPack.Sections(await MeetingData.PackAsync(db, tree, february, D(4, 10))), s => s.Heading == "经济运行");
    }
}
