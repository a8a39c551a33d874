using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Keystone.Core.Briefings;
using Keystone.Core.Documents;
using Keystone.Core.Figures;
using Keystone.Core.Ledger;
using Keystone.Core.Lights;
using Keystone.Core.Projects;
using Keystone.Core.Tests.Figures;
using Keystone.Core.Units;

namespace Keystone.Core.Tests.Briefings;

public class BriefingXlsxTests
{
    /// <summary>An opened workbook: each sheet's cells by reference, and its pane.</summary>
    private sealed class Book
    {
        public required List<string> Names { get; init; }

        public required Dictionary<string, Dictionary<string, Cell>> Cells { get; init; }

        public required Dictionary<string, Pane?> Panes { get; init; }

        public required List<string> NumberFormats { get; init; }

        public required List<string> ValidationErrors { get; init; }

        public Cell Cell(string sheet, string reference) => Cells[sheet][reference];

        public string Text(string sheet, string reference) => Cell(sheet, reference).InnerText;

        public decimal? Number(string sheet, string reference) =>
            Cells[sheet].TryGetValue(reference, out var cell) && cell.CellValue is { } value
                ? decimal.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture)
                : null;

        public string FormatOf(string sheet, string reference) => NumberFormats[(int)Cell(sheet, reference).StyleIndex!.Value];

        /// <summary>The row whose first cell reads <paramref name="label"/>.</summary>
        public int RowOf(string sheet, string label) =>
            int.Parse(Cells[sheet].Values.Single(c => c.CellReference!.Value!.StartsWith('A') && c.InnerText == label).CellReference!.Value![1..], CultureInfo.InvariantCulture);
    }

    private static Book Write(BriefingInput input)
    {
        var briefing = BriefingWriter.Write(input);
        using var output = new MemoryStream();
        BriefingXlsx.Write(input, briefing, output);
        output.Position = 0;
        using var doc = SpreadsheetDocument.Open(output, false);
        var workbook = doc.WorkbookPart!;
        var sheets = workbook.Workbook!.Sheets!.Elements<Sheet>().ToList();
        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet!;
        var codes = stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!);
        WorksheetPart Part(Sheet s) => (WorksheetPart)workbook.GetPartById(s.Id!);
        return new Book
        {
            Names = sheets.Select(s => s.Name!.Value!).ToList(),
            Cells = sheets.ToDictionary(s => s.Name!.Value!, s => Part(s).Worksheet!.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!)),
            Panes = sheets.ToDictionary(s => s.Name!.Value!, s => Part(s).Worksheet!.Descendants<Pane>().SingleOrDefault()),
            NumberFormats = stylesheet.CellFormats!.Elements<CellFormat>().Select(f => codes.GetValueOrDefault(f.NumberFormatId!.Value, "General")).ToList(),
            ValidationErrors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList(),
        };
    }

    private static BriefingInput Seed004Input(bool lights = false)
    {
        // A third of the projects have reported, so completion and pace have numbers.
        var rows = Seed004.Entries().Select(r => r.ProjectId % 3 == 0 ? r with { YearToDate = new Money(r.PlannedInvestment.Wan / 4) } : r).ToList();
        return BriefingInputs.For("阳泉高新区", OrgUnitKind.Zone, rows, Seed004.Year, Seed004.AsOf, lights) with { ShortName = "高新区" };
    }

    /// <summary>A city whose children are seed 004's levels as three zones, and 古县.</summary>
    private static BriefingInput CityInput()
    {
        var rows = Seed004.Entries()
            .Select(r => r with { UnitId = r.Levels == ProjectLevels.Provincial ? 1 : r.Levels == ProjectLevels.Municipal ? 2 : 3 })
            .Concat(BreakdownTests.Guxian().Select(r => r with { ProjectId = r.ProjectId + 1000, Code = "GX" + r.Code, UnitId = 4 }))
            .ToList();
        string[] names = ["甲区", "乙区", "丙区", "古县"];
        return BriefingInputs.For("阳泉市", OrgUnitKind.City, rows, Seed004.Year, Seed004.AsOf, lights: true) with
        {
            Children = FiguresEngine.ByUnit(rows, Seed004.Year, Seed004.AsOf, unit => unit).Select(u => new BriefingUnit(names[u.UnitId - 1], u)).ToList(),
        };
    }

    [Fact]
    public void TheWorkbook_IsValidOpenXml_WithASheetPerTable()
    {
        var book = Write(CityInput());

        Assert.Empty(book.ValidationErrors);
        Assert.Equal(["通报", "总体", "下级单位", "集中开复工", "红黄灯"], book.Names);
    }

    [Fact]
    public void AZone_WithoutChildrenStartsOrLights_HasOnlyTheTextAndTheFigures()
    {
        var book = Write(Seed004Input());

        Assert.Empty(book.ValidationErrors);
        Assert.Equal(["通报", "总体"], book.Names);
    }

    [Fact]
    public void TheTextSheet_HoldsTheTitle_ThenEachParagraph()
    {
        var input = Seed004Input();
        var briefing = BriefingWriter.Write(input);

        var book = Write(input);

        Assert.Equal(briefing.Title, book.Text("通报", "A1"));
        Assert.Equal(briefing.Sections.Select(s => s.Text), Enumerable.Range(2, briefing.Sections.Count).Select(r => book.Text("通报", "A" + r)));
        Assert.Equal(briefing.Sections.Count + 1, book.Cells["通报"].Count);
        Assert.Equal(XStyle.Wrap, (XStyle)book.Cell("通报", "A2").StyleIndex!.Value);
    }

    /// <summary>What each row of 总体 must hold, written out here rather than taken from the code under test.</summary>
    public static TheoryData<string, string> Labels => new()
    {
        { "计划项目数", nameof(ScopeFigures.Planned) },
        { "总投资（万元）", nameof(ScopeFigures.TotalInvestment) },
        { "年度计划投资（万元）", nameof(ScopeFigures.AnnualPlan) },
        { "续建", nameof(ScopeFigures.Continuing) },
        { "新建", nameof(ScopeFigures.New) },
        { "复工", nameof(ScopeFigures.Resumed) },
        { "新开工", nameof(ScopeFigures.NewlyStarted) },
        { "已开工", nameof(ScopeFigures.Started) },
        { "复工率", nameof(ScopeFigures.ResumeRate) },
        { "开工率", nameof(ScopeFigures.StartRate) },
        { "总开工率", nameof(ScopeFigures.OverallStartRate) },
        { "完成投资（万元）", nameof(ScopeFigures.CompletedInvestment) },
        { "已填报项目数", nameof(ScopeFigures.Reported) },
        { "投资完成率", nameof(ScopeFigures.CompletionRate) },
        { "序时进度", nameof(ScopeFigures.TimeElapsed) },
        { "超/欠序时进度（百分点）", nameof(ScopeFigures.Pace) },
    };

    private static decimal? Expected(ScopeFigures f, string figure) => figure switch
    {
        nameof(ScopeFigures.Planned) => f.Planned,
        nameof(ScopeFigures.TotalInvestment) => f.TotalInvestment.Wan,
        nameof(ScopeFigures.AnnualPlan) => f.AnnualPlan.Wan,
        nameof(ScopeFigures.Continuing) => f.Continuing,
        nameof(ScopeFigures.New) => f.New,
        nameof(ScopeFigures.Resumed) => f.Resumed,
        nameof(ScopeFigures.NewlyStarted) => f.NewlyStarted,
        nameof(ScopeFigures.Started) => f.Started,
        nameof(ScopeFigures.ResumeRate) => f.ResumeRate?.Rounded,
        nameof(ScopeFigures.StartRate) => f.StartRate?.Rounded,
        nameof(ScopeFigures.OverallStartRate) => f.OverallStartRate?.Rounded,
        nameof(ScopeFigures.CompletedInvestment) => f.CompletedInvestment.Wan,
        nameof(ScopeFigures.Reported) => f.Reported,
        nameof(ScopeFigures.CompletionRate) => f.CompletionRate?.Rounded,
        nameof(ScopeFigures.TimeElapsed) => f.TimeElapsed.Rounded,
        nameof(ScopeFigures.Pace) => f.Pace is { } p ? decimal.Round(p, 1, MidpointRounding.AwayFromZero) : null,
        _ => throw new ArgumentOutOfRangeException(nameof(figure)),
    };

    [Theory]
    [MemberData(nameof(Labels))]
    public void TheScopeSheet_HoldsEachFigure_ForTheScopeAndBothKeyLists(string label, string figure)
    {
        var input = Seed004Input();

        var book = Write(input);

        var row = book.RowOf("总体", label);
        Assert.Equal(Expected(input.Figures, figure), book.Number("总体", "B" + row));
        Assert.Equal(Expected(input.Provincial, figure), book.Number("总体", "C" + row));
        Assert.Equal(Expected(input.Municipal, figure), book.Number("总体", "D" + row));
        Assert.NotNull(book.Number("总体", "B" + row));
    }

    [Fact]
    public void TheScopeSheet_HasTheSeedNumbers()
    {
        var input = Seed004Input();

        var book = Write(input);

        Assert.Equal(["指标", "阳泉高新区", "省级重点", "市级重点"], new[] { "A1", "B1", "C1", "D1" }.Select(r => book.Text("总体", r)));
        Assert.Equal([65m, 12m, 16m], "BCD".Select(c => book.Number("总体", $"{c}{book.RowOf("总体", "计划项目数")}")));
        Assert.Equal([3_320_000m, 914_000m, 862_700m], "BCD".Select(c => book.Number("总体", $"{c}{book.RowOf("总体", "总投资（万元）")}")));
        Assert.Equal(52.3m, book.Number("总体", "B" + book.RowOf("总体", "开工率")));
        Assert.Equal(input.Figures.OverallStartRate!.Value.Rounded, book.Number("总体", "B" + book.RowOf("总体", "总开工率")));
        Assert.Equal(67.7m, book.Number("总体", "B" + book.RowOf("总体", "总开工率")));
    }

    [Fact]
    public void ANullRate_IsAnEmptyCell_NeverZero()
    {
        var input = Seed004Input();
        input = input with { Municipal = input.Municipal with { ResumeRate = null, CompletionRate = null, Pace = null } };

        var book = Write(input);

        foreach (var label in new[] { "复工率", "投资完成率", "超/欠序时进度（百分点）" })
        {
            var cell = book.Cell("总体", "D" + book.RowOf("总体", label));
            Assert.Null(cell.CellValue);
            Assert.Equal("", cell.InnerText);
            Assert.NotNull(book.Number("总体", "B" + book.RowOf("总体", label)));
        }
    }

    [Fact]
    public void Money_ShowsTwoDecimals_RatesOneDecimalWithAPercentSign_AndTheHeaderRowIsFrozen()
    {
        var book = Write(Seed004Input());

        Assert.Equal("#,##0.00", book.FormatOf("总体", "B" + book.RowOf("总体", "总投资（万元）")));
        Assert.Equal("0.0\"%\"", book.FormatOf("总体", "B" + book.RowOf("总体", "总开工率")));
        Assert.Equal("0.0", book.FormatOf("总体", "B" + book.RowOf("总体", "超/欠序时进度（百分点）")));
        Assert.Equal(XStyle.Header, (XStyle)book.Cell("总体", "B1").StyleIndex!.Value);
        Assert.Equal(1d, book.Panes["总体"]!.VerticalSplit!.Value);
        Assert.Equal("B2", book.Panes["总体"]!.TopLeftCell!.Value);
    }

    [Fact]
    public void TheChildrenSheet_ListsEachChild_BestStartRateFirst_WithItsThreeRanks()
    {
        var input = CityInput();

        var book = Write(input);

        var headers = book.Cells["下级单位"].Keys.Where(k => string.Concat(k.SkipWhile(char.IsAsciiLetter)) == "1")
            .ToDictionary(k => book.Text("下级单位", k), k => k[..^1]);
        var ordered = input.Children.OrderBy(c => c.Unit.OverallStartRateRank).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(1, book.Panes["下级单位"]!.VerticalSplit!.Value);
        for (var i = 0; i < ordered.Count; i++)
        {
            var row = i + 2;
            var child = ordered[i];
            Assert.Equal(child.Name, book.Text("下级单位", "A" + row));
            Assert.Equal(child.Unit.Figures.Planned, book.Number("下级单位", headers["计划项目数"] + row));
            Assert.Equal(child.Unit.Figures.OverallStartRate?.Rounded, book.Number("下级单位", headers["总开工率"] + row));
            Assert.Equal(child.Unit.OverallStartRateRank, book.Number("下级单位", headers["总开工率排名"] + row));
            Assert.Equal(child.Unit.CompletionRateRank, book.Number("下级单位", headers["投资完成率排名"] + row));
            Assert.Equal(child.Unit.PaceRank, book.Number("下级单位", headers["序时进度排名"] + row));
        }

        Assert.Equal(4, book.Cells["下级单位"].Keys.Count(k => k.StartsWith('A')) - 1);
        Assert.True(book.Number("下级单位", headers["总开工率"] + 2) >= book.Number("下级单位", headers["总开工率"] + 5));
    }

    [Fact]
    public void TheConcurrentStartsSheet_HoldsGuxiansCeremony()
    {
        var input = BriefingInputs.For("古县", OrgUnitKind.County, BreakdownTests.Guxian(), 2024, new DateOnly(2024, 4, 10));

        var book = Write(input);

        Assert.Equal(["通报", "总体", "集中开复工"], book.Names);
        Assert.Equal(["日期", "项目数", "新开工", "复工", "产业类", "基础设施类", "民生类", "其他"], "ABCDEFGH".Select(c => book.Text("集中开复工", c + "1")));
        Assert.Equal((decimal)new DateTime(2024, 3, 15).ToOADate(), book.Number("集中开复工", "A2"));
        Assert.Equal("yyyy-mm-dd", book.FormatOf("集中开复工", "A2"));
        Assert.Equal([10m, 6m, 4m, 5m, 5m, 0m, 0m, 931_900m, 261_100m], "BCDEFGHIJ".Select(c => book.Number("集中开复工", c + "2")!.Value));
        Assert.False(book.Cells["集中开复工"].ContainsKey("A3"));
    }

    [Fact]
    public void TheLightsSheet_ListsRedThenYellowProjects_WithTheirReasons()
    {
        var input = Seed004Input(lights: true);
        var lit = input.Lights.Where(l => l.Light != Light.Green).ToList();
        Assert.Contains(lit, l => l.Light == Light.Red);
        Assert.Contains(lit, l => l.Light == Light.Yellow);

        var book = Write(input);

        var rows = Enumerable.Range(2, lit.Count).ToList();
        Assert.Equal(lit.Count + 1, book.Cells["红黄灯"].Keys.Count(k => k.StartsWith('A')));
        Assert.Equal(lit.Count(l => l.Light == Light.Red), rows.TakeWhile(r => book.Text("红黄灯", "C" + r) == "红灯").Count());
        Assert.All(rows.SkipWhile(r => book.Text("红黄灯", "C" + r) == "红灯"), r => Assert.Equal("黄灯", book.Text("红黄灯", "C" + r)));
        Assert.Equal(XStyle.Red, (XStyle)book.Cell("红黄灯", "C2").StyleIndex!.Value);
        Assert.Equal(XStyle.Yellow, (XStyle)book.Cell("红黄灯", "C" + rows[^1]).StyleIndex!.Value);
        foreach (var r in rows)
        {
            var light = lit.Single(l => l.Code == book.Text("红黄灯", "A" + r));
            Assert.Equal(light.Name, book.Text("红黄灯", "B" + r));
            Assert.Equal(string.Join("\n", light.Reasons.Select(x => x.Text.Zh)), book.Text("红黄灯", "D" + r));
        }
    }
}
