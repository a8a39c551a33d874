using System.Text.Json;
using Keystone.Core.Briefings;
using Keystone.Core.Figures;
using Keystone.Core.Plans;
using Keystone.Core.Projects;
using Keystone.Core.Tests.Figures;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Briefings;

public class BriefingWriterTests
{
    private const int Year = 2024;

    /// <summary>Exactly half of 2024 has passed: 序时进度 50%.</summary>
    private static readonly DateOnly MidYear = new(2024, 7, 1);

    private static readonly DateOnly March = new(2024, 3, 1);

    private static BriefingInput InputFor(
        string scope, OrgUnitKind kind, IReadOnlyList<PlanRow> rows, int year, DateOnly asOf, bool lights = false) =>
        BriefingInputs.For(scope, kind, rows, year, asOf, lights);

    private static string Section(Briefing briefing, BriefingSectionKind kind) =>
        Assert.Single(briefing.Sections, s => s.Kind == kind).Text;

    [Fact]
    public void Seed004_IsWordedAsTheNewspaperPrintsIt()
    {
        var input = InputFor("阳泉高新区", OrgUnitKind.Zone, Seed004.Entries(), Seed004.Year, Seed004.AsOf) with { ShortName = "高新区" };

        var briefing = BriefingWriter.Write(input);

        Assert.Equal("阳泉高新区2024年重点项目建设情况通报（截至2024年4月10日）", briefing.Title);
        Assert.Equal(
            [BriefingSectionKind.Overview, BriefingSectionKind.ProvincialKey, BriefingSectionKind.MunicipalKey],
            briefing.Sections.Select(s => s.Kind));
        Assert.Equal(
            "今年，阳泉高新区谋划实施项目65个，总投资332亿元，年度计划投资50亿元。目前，已开工项目44个。其中，复工项目21个，复工率100%；新开工项目23个，开工率52.3%。",
            briefing.Sections[0].Text);
        Assert.Equal(
            "今年，高新区推进实施的省级重点工程项目12个，总投资91.4亿元，年度计划投资17亿元。目前，已开工项目9个。其中，续建项目5个，新开工项目4个。",
            briefing.Sections[1].Text);
        Assert.Equal(
            "今年，高新区推进实施的市级重点工程项目16个，总投资86.27亿元，年度计划投资9.66亿元。目前，已开工项目11个。其中，续建项目5个，新开工项目6个。",
            briefing.Sections[2].Text);
    }

    [Fact]
    public void KeyListParagraphs_UseTheFullNameWithoutAShortName()
    {
        var briefing = BriefingWriter.Write(InputFor("阳泉高新区", OrgUnitKind.Zone, Seed004.Entries(), Seed004.Year, Seed004.AsOf));

        Assert.StartsWith("今年，阳泉高新区推进实施的省级重点工程项目12个", Section(briefing, BriefingSectionKind.ProvincialKey));
    }

    [Fact]
    public void Guxian_ConcurrentStart_IsWordedAsTheNewspaperPrintsIt()
    {
        var briefing = BriefingWriter.Write(InputFor("古县经济技术开发区", OrgUnitKind.Zone, BreakdownTests.Guxian(), Year, new DateOnly(2024, 4, 10)));

        Assert.Equal(
            "3月15日，全区共有10个重点项目（包括5个产业类项目、5个基础设施建设项目）集中开复工，总投资93.19亿元，年度计划投资26.11亿元。",
            Section(briefing, BriefingSectionKind.ConcurrentStarts));
    }

    [Fact]
    public void ConcurrentStart_OfOneCategory_SaysAll()
    {
        var rows = Enumerable.Range(1, 5).Select(i => Rows.Plan(i, total: 20_000, planned: 2000) with { StartDate = March }).ToList();

        var briefing = BriefingWriter.Write(InputFor("古县", OrgUnitKind.County, rows, Year, MidYear));

        Assert.Equal(
            "3月1日，全县共有5个重点项目（均为产业类项目）集中开复工，总投资10亿元，年度计划投资1亿元。",
            Section(briefing, BriefingSectionKind.ConcurrentStarts));
    }

    [Theory]
    [InlineData("古县", OrgUnitKind.County, "全县")]
    [InlineData("城区", OrgUnitKind.County, "全区")]
    [InlineData("古交市", OrgUnitKind.County, "全市")]
    [InlineData("阳泉市", OrgUnitKind.City, "全市")]
    [InlineData("山西省", OrgUnitKind.Province, "全省")]
    [InlineData("阳泉高新区", OrgUnitKind.Zone, "全区")]
    public void ConcurrentStart_NamesTheWholeScopeAsLocalsDo(string scope, OrgUnitKind kind, string whole)
    {
        var rows = Enumerable.Range(1, 5).Select(i => Rows.Plan(i) with { StartDate = March }).ToList();

        var briefing = BriefingWriter.Write(InputFor(scope, kind, rows, Year, MidYear));

        Assert.StartsWith($"3月1日，{whole}共有5个重点项目", Section(briefing, BriefingSectionKind.ConcurrentStarts));
    }

    /// <summary>Four entries, 1亿元 total and 1000万元 planned; two resumed and one of two new started.</summary>
    private static List<PlanRow> Four(Money? yearToDate) =>
    [
        Rows.Plan(1, Nature.Continuing, 2500, 250) with { StartDate = March, YearToDate = yearToDate },
        Rows.Plan(2, Nature.Continuing, 2500, 250) with { StartDate = March },
        Rows.Plan(3, Nature.New, 2500, 250) with { StartDate = March },
        Rows.Plan(4, Nature.New, 2500, 250),
    ];

    [Theory]
    [InlineData(532, "完成投资532万元，占年度计划的53.2%，超序时进度3.2个百分点。")]
    [InlineData(468, "完成投资468万元，占年度计划的46.8%，欠序时进度3.2个百分点。")]
    [InlineData(500, "完成投资500万元，占年度计划的50%，与序时进度持平。")]
    [InlineData(500.4, "完成投资500.4万元，占年度计划的50%，与序时进度持平。")] // +0.04 points prints as 0
    [InlineData(499.6, "完成投资499.6万元，占年度计划的50%，与序时进度持平。")]
    [InlineData(0, "完成投资0万元，占年度计划的0%，欠序时进度50个百分点。")] // a reported 0 is said
    public void Overview_SaysCompletedInvestment_AndPace(decimal yearToDate, string completion)
    {
        var briefing = BriefingWriter.Write(InputFor("测试开发区", OrgUnitKind.Zone, Four(new Money(yearToDate)), Year, MidYear));

        Assert.Equal(
            "今年，测试开发区谋划实施项目4个，总投资1亿元，年度计划投资1000万元。目前，已开工项目3个。其中，复工项目2个，复工率100%；新开工项目1个，开工率50%。"
            + completion,
            briefing.Sections[0].Text);
    }

    [Fact]
    public void Overview_WithoutAnyReport_SaysNothingAboutCompletedInvestment()
    {
        var text = BriefingWriter.Write(InputFor("测试开发区", OrgUnitKind.Zone, Four(null), Year, MidYear)).Sections[0].Text;

        Assert.EndsWith("新开工项目1个，开工率50%。", text);
        Assert.DoesNotContain("完成投资", text);
    }

    [Fact]
    public void Overview_WithoutPlannedInvestment_PrintsADash_AndNoPace()
    {
        PlanRow[] rows = [Rows.Plan(1, Nature.New, planned: 0) with { StartDate = March, YearToDate = new Money(5) }];

        var text = BriefingWriter.Write(InputFor("测试开发区", OrgUnitKind.Zone, rows, Year, MidYear)).Sections[0].Text;

        Assert.EndsWith("新开工项目1个，开工率100%。完成投资5万元，占年度计划的—。", text);
    }

    [Fact]
    public void Overview_WithoutContinuingProjects_PrintsADashForTheResumeRate()
    {
        PlanRow[] rows = [Rows.Plan(1) with { StartDate = March }, Rows.Plan(2), Rows.Plan(3)];

        var text = BriefingWriter.Write(InputFor("测试开发区", OrgUnitKind.Zone, rows, Year, MidYear)).Sections[0].Text;

        Assert.Contains("其中，复工项目0个，复工率—；新开工项目1个，开工率33.3%。", text);
    }

    [Fact]
    public void NoProjects_GiveOneSentence_AndNoOtherSection()
    {
        var briefing = BriefingWriter.Write(InputFor("测试开发区", OrgUnitKind.Zone, [], Year, MidYear));

        Assert.Equal("今年，测试开发区暂无年度计划项目。", Assert.Single(briefing.Sections).Text);
    }

    [Fact]
    public void APastYear_IsNamed_AndReportedAsAtItsEnd()
    {
        var rows = Enumerable.Range(1, 5).Select(i => Rows.Plan(i) with { StartDate = new DateOnly(2023, 3, 15) }).ToList();

        var briefing = BriefingWriter.Write(InputFor("测试开发区", OrgUnitKind.Zone, rows, 2023, new DateOnly(2024, 1, 15)));

        Assert.Equal("测试开发区2023年重点项目建设情况通报（截至2024年1月15日）", briefing.Title);
        Assert.StartsWith("2023年，测试开发区谋划实施项目5个", briefing.Sections[0].Text);
        Assert.Contains("截至年底，已开工项目5个。", briefing.Sections[0].Text);
        Assert.StartsWith("2023年3月15日，全区共有5个重点项目", Section(briefing, BriefingSectionKind.ConcurrentStarts));
    }

    [Fact]
    public void Writer_PrintsTheNumbersItIsGiven_WithoutRecomputing()
    {
        var input = InputFor("测试开发区", OrgUnitKind.Zone, Four(null), Year, MidYear);
        input = input with { Figures = input.Figures with { Started = 7, StartRate = new Percent(12.34m) } };

        var text = BriefingWriter.Write(input).Sections[0].Text;

        Assert.Contains("已开工项目7个", text);
        Assert.Contains("开工率12.3%", text);
    }

    [Fact]
    public void Writer_RefusesFiguresOfAnotherDate()
    {
        var input = InputFor("测试开发区", OrgUnitKind.Zone, Four(null), Year, MidYear);

        Assert.Throws<ArgumentException>(() => BriefingWriter.Write(input with { AsOf = MidYear.AddDays(1) }));
        Assert.Throws<ArgumentException>(() => BriefingWriter.Write(input with { Provincial = FiguresEngine.Compute([], 2023, MidYear) }));
    }

    private static readonly string[] Counties = ["城区", "矿区", "郊区", "平定县", "盂县", "阳泉高新区", "阳泉经开区", "荫营园区"];

    /// <summary>
    /// A city of eight children, ten projects each, 100万元 planned per project. Started: 10, 9, 9, 8, 5, 3,
    /// 2, 0. Completed (on the first project): 100, 300, 300, 300, 300, 50, none with no plan, a reported 0.
    /// </summary>
    private static IReadOnlyList<BriefingUnit> EightChildren(bool reports = true)
    {
        int[] started = [10, 9, 9, 8, 5, 3, 2, 0];
        decimal?[] completed = [100, 300, 300, 300, 300, 50, null, 0];
        var rows = Enumerable.Range(0, 8).SelectMany(u => Enumerable.Range(0, 10).Select(i =>
            Rows.Plan(u * 100 + i, unit: u + 1, planned: u == 6 ? 0 : 100) with
            {
                StartDate = i < started[u] ? March : null,
                YearToDate = reports && i == 0 && completed[u] is { } c ? new Money(c) : null,
            })).ToList();
        return FiguresEngine.ByUnit(rows, Year, MidYear, unit => unit)
            .Select(u => new BriefingUnit(Counties[u.UnitId - 1], u))
            .ToList();
    }

    [Fact]
    public void Rankings_ForACity_NameTheTopAndBottomThree_AndEveryTieAtTheCut()
    {
        var input = InputFor("阳泉市", OrgUnitKind.City, [], Year, MidYear) with { Children = EightChildren() };

        var text = Section(BriefingWriter.Write(input), BriefingSectionKind.Rankings);

        Assert.Equal(
            "分县区和开发区看，总开工率前三位：城区（100%）、矿区（90%）、郊区（90%）；后三位：阳泉高新区（30%）、阳泉经开区（20%）、荫营园区（0%）。"
            + "投资完成率前三位：平定县（30%）、盂县（30%）、矿区（30%）、郊区（30%）；后三位：阳泉高新区（5%）、荫营园区（0%）、阳泉经开区（—）。",
            text);
    }

    [Fact]
    public void Rankings_WithoutAnyReport_LeaveCompletionOut()
    {
        var input = InputFor("阳泉市", OrgUnitKind.City, [], Year, MidYear) with { Children = EightChildren(reports: false) };

        var text = Section(BriefingWriter.Write(input), BriefingSectionKind.Rankings);

        Assert.DoesNotContain("投资完成率", text);
        Assert.StartsWith("分县区和开发区看，总开工率前三位：", text);
    }

    [Fact]
    public void Rankings_OfSixOrFewer_ListEveryChildInOrder()
    {
        var children = EightChildren().Where(c => c.Unit.UnitId <= 3).ToList();
        var input = InputFor("山西省", OrgUnitKind.Province, [], Year, MidYear) with { Children = children };

        var text = Section(BriefingWriter.Write(input), BriefingSectionKind.Rankings);

        Assert.StartsWith("分地区看，总开工率由高到低依次为：城区（100%）、矿区（90%）、郊区（90%）。投资完成率由高到低依次为：", text);
    }

    [Fact]
    public void Rankings_AreOnlyForACityOrAProvince()
    {
        var input = InputFor("阳泉高新区", OrgUnitKind.Zone, [], Year, MidYear) with { Children = EightChildren() };

        Assert.DoesNotContain(BriefingWriter.Write(input).Sections, s => s.Kind == BriefingSectionKind.Rankings);
    }

    [Fact]
    public void Lights_NameRedThenYellowProjects_WithTheirReasons()
    {
        PlanRow[] rows =
        [
            Rows.Plan(1, Nature.Continuing, planned: 1000) with { Name = "丙项目", YearToDate = new Money(300) },
            Rows.Plan(2, Nature.New, planned: 0) with { Name = "甲项目", PlannedStart = new DateOnly(2024, 1, 15) },
            Rows.Plan(3, Nature.New, planned: 1000) with { Name = "乙项目", PlannedStart = new DateOnly(2024, 2, 1), YearToDate = new Money(100) },
            Rows.Plan(4, Nature.Continuing, planned: 1000) with { Name = "丁项目", StartDate = March, YearToDate = new Money(600) },
        ];

        var briefing = BriefingWriter.Write(InputFor("测试开发区", OrgUnitKind.Zone, rows, Year, MidYear, lights: true));

        Assert.Equal(
            "红灯项目2个：甲项目（计划2024年1月开工，已逾期5个月未开工）、乙项目（计划2024年2月开工，已逾期5个月未开工；投资完成率10%，落后序时进度40个百分点）。"
            + "黄灯项目1个：丙项目（投资完成率30%，落后序时进度20个百分点）。",
            Section(briefing, BriefingSectionKind.Lights));
    }

    [Fact]
    public void Lights_NameTheFirstTen_ThenCountTheRest()
    {
        var rows = Enumerable.Range(1, 25)
            .Select(i => Rows.Plan(i, Nature.Continuing, planned: 1000) with { Name = $"项目{i:D2}", YearToDate = new Money(300) })
            .ToArray();

        var text = Section(BriefingWriter.Write(InputFor("测试开发区", OrgUnitKind.Zone, rows, Year, MidYear, lights: true)), BriefingSectionKind.Lights);

        Assert.StartsWith("黄灯项目25个：项目01（", text);
        Assert.Contains("项目10（", text);
        Assert.DoesNotContain("项目11", text);
        Assert.EndsWith("等25个项目。", text);
    }

    [Fact]
    public void Lights_AllGreen_GiveNoSection()
    {
        PlanRow[] rows = [Rows.Plan(1, Nature.Continuing, planned: 1000) with { StartDate = March, YearToDate = new Money(600) }];

        var briefing = BriefingWriter.Write(InputFor("测试开发区", OrgUnitKind.Zone, rows, Year, MidYear, lights: true));

        Assert.DoesNotContain(briefing.Sections, s => s.Kind == BriefingSectionKind.Lights);
    }

    [Fact]
    public void Briefing_RoundTripsThroughJson_WithSectionKindsByName()
    {
        var briefing = BriefingWriter.Write(InputFor("阳泉高新区", OrgUnitKind.Zone, Seed004.Entries(), Seed004.Year, Seed004.AsOf));

        var json = JsonSerializer.Serialize(briefing);
        var back = JsonSerializer.Deserialize<Briefing>(json)!;

        Assert.Contains("\"Kind\":\"ProvincialKey\"", json);
        Assert.Equal(briefing.Title, back.Title);
        Assert.Equal(briefing.Sections, back.Sections);
    }

    [Fact]
    public void Briefing_AsPlainText_IsTheTitleAndParagraphs()
    {
        var briefing = new Briefing("标题", [new(BriefingSectionKind.Overview, "甲。"), new(BriefingSectionKind.Lights, "乙。")]);

        Assert.Equal("标题\n\n甲。\n\n乙。", briefing.ToPlainText());
    }
}
