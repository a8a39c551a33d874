using Keystone.Core.Schedule;

namespace Keystone.Core.Tests.Schedule;

public class StageRollupTests
{
    private static IEnumerable<WorkItem> Buildings(string plot, int count, ConstructionStage stage, bool done = false) =>
        Enumerable.Range(1, count).Select(i => new WorkItem(plot, $"{plot}{stage}{i}#楼", stage, done));

    /// <summary>
    /// Seed 000's 中电阳泉数字经济产业园 as far as the article counts it: A地块 5 topped out, 4 in main structure,
    /// 11 with piles done; B地块 (38 buildings) 26 topped out, the other 12 in main structure.
    /// </summary>
    private static List<WorkItem> Seed000() =>
    [
        .. Buildings("A地块", 4, ConstructionStage.MainStructure),
        .. Buildings("A地块", 11, ConstructionStage.Piles, done: true),
        .. Buildings("A地块", 5, ConstructionStage.ToppedOut),
        .. Buildings("B地块", 12, ConstructionStage.MainStructure),
        .. Buildings("B地块", 26, ConstructionStage.ToppedOut),
    ];

    [Fact]
    public void Seed000_ByPlot()
    {
        // The article: "A地块5栋楼完成封顶，4栋楼正在进行主体施工，11栋楼完成桩基施工；B地块26栋楼完成主体封顶，其余进行主体施工".
        // A地块 is reproduced exactly. For B地块 the stage keeps its one name (完成封顶, as A地块 says it), and the
        // rest are counted rather than "其余": a leader quotes the number, and "其余" would be wrong for A地块,
        // whose 26 buildings the article does not all account for.
        Assert.Equal(
            "A地块5栋楼完成封顶，4栋楼正在进行主体施工，11栋楼完成桩基施工；B地块26栋楼完成封顶，12栋楼正在进行主体施工",
            StageRollups.Describe(Seed000()));
    }

    [Fact]
    public void Seed000_ForTheProject_CountsAcrossPlots()
    {
        var project = StageRollups.ForProject(Seed000());

        Assert.Equal("31栋楼完成封顶，16栋楼正在进行主体施工，11栋楼完成桩基施工", project.Text);
        Assert.Equal(58, project.Items);
        Assert.Null(project.Group);
        Assert.Equal(
            [new StageCount(ConstructionStage.ToppedOut, true, 31), new StageCount(ConstructionStage.MainStructure, false, 16), new StageCount(ConstructionStage.Piles, true, 11)],
            project.Stages);
    }

    [Fact]
    public void Seed002_Percentages()
    {
        // The article: "a1 基础工程已完成 80%，a2 基础工程已完成 90%，a3 基础工程完成 90%，a4 室内土方回填等基础工程已完成".
        // Printed without the typesetter's spaces (as seed 000 prints "5栋楼"), with "已完成" for a3 too, and
        // without a4's free-text detail (室内土方回填等), which is no stage.
        List<WorkItem> items =
        [
            new(null, "a1", ConstructionStage.Foundation, 80m),
            new(null, "a2", ConstructionStage.Foundation, 90m),
            new(null, "a3", ConstructionStage.Foundation, 90m),
            new(null, "a4", ConstructionStage.Foundation, 100m),
        ];

        Assert.Equal("a1基础工程已完成80%，a2基础工程已完成90%，a3基础工程已完成90%，a4基础工程已完成", StageRollups.Describe(items));
    }

    [Fact]
    public void Order_DoesNotDependOnTheInput_WithinAPlot()
    {
        var shuffled = Seed000().OrderBy(i => i.Name, StringComparer.Ordinal).Reverse().ToList();
        var plotsFirstSeen = shuffled.Where(i => i.Group == "A地块").Concat(shuffled.Where(i => i.Group == "B地块"));

        Assert.Equal(StageRollups.Describe(Seed000()), StageRollups.Describe(plotsFirstSeen));
    }

    [Fact]
    public void Plots_AppearInTheOrderFirstSeen_AndItemsWithoutAPlotHaveNoPrefix()
    {
        List<WorkItem> items =
        [
            new("B地块", "1#", ConstructionStage.Foundation),
            new(null, "城市大脑", ConstructionStage.MainStructure),
            new("A地块", "1#", ConstructionStage.Completed),
            new("B地块", "2#", ConstructionStage.Foundation),
        ];

        var rollups = StageRollups.ByGroup(items);

        Assert.Equal(["B地块", null, "A地块"], rollups.Select(r => r.Group));
        Assert.Equal("B地块2栋楼正在进行基础施工；1栋楼正在进行主体施工；A地块1栋楼已竣工", StageRollups.Describe(items));
    }

    [Fact]
    public void EveryStage_MostAdvancedFirst_FinishedWorkBeforeWorkUnderWay()
    {
        List<WorkItem> items =
        [
            new(null, "1", ConstructionStage.NotStarted),
            new(null, "2", ConstructionStage.SiteLevelling),
            new(null, "3", ConstructionStage.SiteLevelling, stageDone: true),
            new(null, "4", ConstructionStage.Piles),
            new(null, "5", ConstructionStage.Foundation, stageDone: true),
            new(null, "6", ConstructionStage.MainStructure),
            new(null, "7", ConstructionStage.ToppedOut),
            new(null, "8", ConstructionStage.FitOut),
            new(null, "9", ConstructionStage.FitOut, stageDone: true),
            new(null, "10", ConstructionStage.Completed),
        ];

        Assert.Equal(
            "1栋楼已竣工，1栋楼完成装饰装修施工，1栋楼正在进行装饰装修施工，1栋楼完成封顶，1栋楼正在进行主体施工，"
            + "1栋楼完成基础施工，1栋楼正在进行桩基施工，1栋楼完成场平施工，1栋楼正在进行场平施工，1栋楼尚未开工",
            StageRollups.Describe(items));
    }

    [Fact]
    public void MeasureWord_IsTheCallers()
    {
        List<WorkItem> sections =
        [
            new(null, "一标段", ConstructionStage.Piles),
            new(null, "二标段", ConstructionStage.Piles),
            new(null, "三标段", ConstructionStage.NotStarted),
        ];

        Assert.Equal("2个标段正在进行桩基施工，1个标段尚未开工", StageRollups.Describe(sections, "个标段"));
        Assert.Throws<ArgumentException>(() => StageRollups.Describe(sections, " "));
    }

    [Fact]
    public void Percentages_FollowTheCounts_InInputOrder_AndTheProjectNamesTheirPlot()
    {
        List<WorkItem> items =
        [
            new("二期", "综合楼", null, 45.25m),
            new("二期", "1#厂房", ConstructionStage.MainStructure),
            new("二期", "a5", ConstructionStage.Piles, 0m),
        ];

        Assert.Equal("二期1栋楼正在进行主体施工，综合楼已完成45.3%，a5桩基工程尚未开始", StageRollups.Describe(items));
        Assert.Equal("1栋楼正在进行主体施工，二期综合楼已完成45.3%，二期a5桩基工程尚未开始", StageRollups.ForProject(items).Text);
        Assert.Equal(2, StageRollups.ForProject(items).Percentages.Count);
    }

    [Fact]
    public void NoItems_NoText()
    {
        Assert.Empty(StageRollups.ByGroup([]));
        Assert.Equal("", StageRollups.Describe([]));
        Assert.Equal("", StageRollups.ForProject([]).Text);
    }

    [Fact]
    public void Events_AreAlwaysDone()
    {
        Assert.True(new WorkItem(null, "1#", ConstructionStage.ToppedOut).StageDone);
        Assert.True(new WorkItem(null, "1#", ConstructionStage.Completed).StageDone);
        Assert.False(new WorkItem(null, "1#", ConstructionStage.MainStructure).StageDone);
    }

    [Fact]
    public void Nonsense_IsRefused()
    {
        Assert.Throws<DomainException>(() => new WorkItem(null, "1#", ConstructionStage.NotStarted, stageDone: true));
        Assert.Throws<DomainException>(() => new WorkItem(null, "1#", ConstructionStage.ToppedOut, 50m));
        Assert.Throws<DomainException>(() => new WorkItem(null, "1#", ConstructionStage.Foundation, 100.5m));
        Assert.Throws<DomainException>(() => new WorkItem(null, "1#", null, -1m));
        Assert.Throws<DomainException>(() => new WorkItem("A地块", " ", ConstructionStage.Piles));
        Assert.Null(new WorkItem(" ", "1#", ConstructionStage.Piles).Group);
    }

    [Theory]
    [InlineData("场平", ConstructionStage.SiteLevelling)]
    [InlineData("桩基", ConstructionStage.Piles)]
    [InlineData("基础", ConstructionStage.Foundation)]
    [InlineData("主体", ConstructionStage.MainStructure)]
    [InlineData("封顶", ConstructionStage.ToppedOut)]
    [InlineData("主体封顶", ConstructionStage.ToppedOut)]
    [InlineData("装饰装修", ConstructionStage.FitOut)]
    [InlineData(" 竣工 ", ConstructionStage.Completed)]
    [InlineData("未开工", ConstructionStage.NotStarted)]
    public void StageNames_Parse(string text, ConstructionStage expected)
    {
        Assert.True(ConstructionStages.TryParse(text, out var stage));
        Assert.Equal(expected, stage);
        Assert.Equal(expected, ConstructionStages.TryParse(stage.Zh(), out var back) ? back : (ConstructionStage?)null);
    }

    [Fact]
    public void UnknownStageName_DoesNotParse()
    {
        Assert.False(ConstructionStages.TryParse("钢结构", out _));
        Assert.False(ConstructionStages.TryParse(null, out _));
    }
}
