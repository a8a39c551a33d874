using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Keystone.Core.Briefings;
using Keystone.Core.Documents;
using Keystone.Core.Tests.Figures;
using Keystone.Core.Units;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Keystone.Core.Tests.Briefings;

public class BriefingDocxTests
{
    private const string SeedOverview =
        "今年，阳泉高新区谋划实施项目65个，总投资332亿元，年度计划投资50亿元。目前，已开工项目44个。其中，复工项目21个，复工率100%；新开工项目23个，开工率52.3%。";

    private static readonly BriefingDocxOptions Full = new()
    {
        IssuingBody = "阳泉高新区重点项目建设指挥部",
        Date = Seed004.AsOf,
        Created = new DateTimeOffset(2024, 4, 10, 17, 30, 0, TimeSpan.FromHours(8)),
    };

    private static Briefing Seed() => BriefingWriter.Write(
        BriefingInputs.For("阳泉高新区", OrgUnitKind.Zone, Seed004.Entries(), Seed004.Year, Seed004.AsOf) with { ShortName = "高新区" });

    private static MemoryStream Docx(Briefing briefing, BriefingDocxOptions options)
    {
        var output = new MemoryStream();
        BriefingDocx.Write(briefing, options, output);
        output.Position = 0;
        return output;
    }

    private static WordprocessingDocument Open(BriefingDocxOptions options) =>
        WordprocessingDocument.Open(Docx(Seed(), options), false);

    private static W.Style StyleOf(WordprocessingDocument doc, string id) =>
        doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<W.Style>().Single(s => s.StyleId == id);

    private static W.Paragraph ParagraphOf(WordprocessingDocument doc, string styleId) =>
        doc.MainDocumentPart!.Document!.Body!.Elements<W.Paragraph>().Single(p => p.ParagraphProperties?.ParagraphStyleId?.Val == styleId);

    public static TheoryData<bool, bool> Variants => new() { { true, true }, { false, false }, { true, false }, { false, true } };

    [Theory]
    [MemberData(nameof(Variants))]
    public void TheDocument_IsValidOpenXml(bool issuer, bool date)
    {
        var options = new BriefingDocxOptions { IssuingBody = issuer ? Full.IssuingBody : null, Date = date ? Full.Date : null };
        using var doc = WordprocessingDocument.Open(Docx(Seed(), options), false);

        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}");

        Assert.Empty(errors);
    }

    [Fact]
    public void TheText_ReadsBackAsTheBriefing_WithTheSeedParagraph()
    {
        var briefing = Seed();

        var text = BriefingDocx.ReadText(Docx(briefing, Full));

        Assert.Equal(briefing.Title, text.Title);
        Assert.Equal(briefing.Sections.Select(s => s.Text), text.Paragraphs);
        Assert.Contains(SeedOverview, text.Paragraphs);
        Assert.Equal("阳泉高新区重点项目建设指挥部", text.IssuingBody);
        Assert.Equal("2024年4月10日", text.Date);
    }

    [Fact]
    public void WithoutIssuingBodyAndDate_ThereIsNeitherLine()
    {
        var briefing = Seed();

        var text = BriefingDocx.ReadText(Docx(briefing, new BriefingDocxOptions()));

        Assert.Null(text.IssuingBody);
        Assert.Null(text.Date);
        Assert.Equal(briefing.Title, text.Title);
        Assert.Equal(briefing.Sections.Count, text.Paragraphs.Count);
    }

    [Fact]
    public void TheTitle_BreaksBeforeTheBracketedDate()
    {
        using var doc = Open(Full);

        var title = ParagraphOf(doc, BriefingDocx.TitleStyle);

        Assert.Single(title.Descendants<W.Break>());
        Assert.Equal(["阳泉高新区2024年重点项目建设情况通报", "（截至2024年4月10日）"], title.Descendants<W.Text>().Select(t => t.Text));
    }

    [Fact]
    public void ThePage_IsA4_WithGbT9704Margins()
    {
        using var doc = Open(Full);

        var section = doc.MainDocumentPart!.Document!.Body!.Elements<W.SectionProperties>().Single();
        var size = section.GetFirstChild<W.PageSize>()!;
        var margin = section.GetFirstChild<W.PageMargin>()!;

        // 1 mm = 1440 / 25.4 twips.
        Assert.Equal((11906u, 16838u), (size.Width!.Value, size.Height!.Value));
        Assert.Equal(2098, margin.Top!.Value);    // 37 mm
        Assert.Equal(1984, margin.Bottom!.Value); // 35 mm
        Assert.Equal(1587u, margin.Left!.Value);  // 28 mm
        Assert.Equal(1474u, margin.Right!.Value); // 26 mm
    }

    [Fact]
    public void TheTitle_Is2haoXiaobiaosong_Centred()
    {
        using var doc = Open(Full);

        var style = StyleOf(doc, BriefingDocx.TitleStyle);
        var fonts = style.StyleRunProperties!.RunFonts!;

        Assert.Equal(BriefingDocx.TitleStyle, ParagraphOf(doc, BriefingDocx.TitleStyle).ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Equal("方正小标宋简体", fonts.EastAsia!.Value);
        Assert.Equal("Times New Roman", fonts.Ascii!.Value);
        Assert.Equal("44", style.StyleRunProperties.FontSize!.Val!.Value); // 22 pt
        Assert.Equal(W.JustificationValues.Center, style.StyleParagraphProperties!.Justification!.Val!.Value);
        Assert.Empty(ParagraphOf(doc, BriefingDocx.TitleStyle).Descendants<W.RunProperties>());
    }

    [Fact]
    public void TheBody_Is3haoFangsong_IndentedTwoCharacters_OnExactLinesOf28To29Points()
    {
        using var doc = Open(Full);

        var normal = StyleOf(doc, "Normal");
        var defaults = doc.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var spacing = normal.StyleParagraphProperties!.SpacingBetweenLines!;
        var indent = normal.StyleParagraphProperties.Indentation!;
        var body = doc.MainDocumentPart.Document!.Body!.Elements<W.Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId is null).ToList();

        Assert.True(normal.Default!.Value);
        Assert.Equal("仿宋_GB2312", normal.StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("仿宋_GB2312", defaults.RunFonts!.EastAsia!.Value);
        Assert.Equal("32", normal.StyleRunProperties.FontSize!.Val!.Value); // 16 pt
        Assert.Equal("zh-CN", defaults.Languages!.EastAsia!.Value);
        Assert.False(normal.StyleParagraphProperties.AutoSpaceDN!.Val!.Value);
        Assert.Equal(W.LineSpacingRuleValues.Exact, spacing.LineRule!.Value);
        Assert.InRange(int.Parse(spacing.Line!.Value!, System.Globalization.CultureInfo.InvariantCulture), 28 * 20, 29 * 20);
        Assert.Equal(200, indent.FirstLineChars!.Value);
        Assert.Equal("640", indent.FirstLine!.Value); // two 16 pt characters
        Assert.Equal(Seed().Sections.Count, body.Count);
        Assert.All(body, p => Assert.Empty(p.Descendants<W.RunProperties>()));
    }

    [Fact]
    public void TheFonts_FallBackToSongtiAndFangsong()
    {
        using var doc = Open(Full);

        var fonts = doc.MainDocumentPart!.FontTablePart!.Fonts!.Elements<W.Font>().ToDictionary(f => f.Name!.Value!);

        Assert.Equal("宋体", fonts["方正小标宋简体"].AltName!.Val!.Value);
        Assert.Equal("仿宋", fonts["仿宋_GB2312"].AltName!.Val!.Value);
        Assert.Equal("FangSong", fonts["仿宋"].AltName!.Val!.Value);
        Assert.All(fonts.Values.Where(f => f.Name != "Times New Roman"), f => Assert.Equal("86", f.FontCharSet!.Val!.Value));
    }

    [Fact]
    public void TheIssuingBody_IsRed_Centred_AboveARedRule()
    {
        using var doc = Open(Full);

        var style = StyleOf(doc, BriefingDocx.IssuingBodyStyle);
        var rule = style.StyleParagraphProperties!.ParagraphBorders!.BottomBorder!;
        var paragraphs = doc.MainDocumentPart!.Document!.Body!.Elements<W.Paragraph>().ToList();

        Assert.Same(ParagraphOf(doc, BriefingDocx.IssuingBodyStyle), paragraphs[0]);
        Assert.Equal("FF0000", style.StyleRunProperties!.Color!.Val!.Value);
        Assert.Equal("方正小标宋简体", style.StyleRunProperties.RunFonts!.EastAsia!.Value);
        Assert.Equal(W.JustificationValues.Center, style.StyleParagraphProperties.Justification!.Val!.Value);
        Assert.Equal(W.BorderValues.Single, rule.Val!.Value);
        Assert.Equal("FF0000", rule.Color!.Value);
    }

    [Fact]
    public void TheDate_IsTheLastLine_RightAligned()
    {
        using var doc = Open(Full);

        var style = StyleOf(doc, BriefingDocx.DateStyle);
        var last = doc.MainDocumentPart!.Document!.Body!.Elements<W.Paragraph>().Last();

        Assert.Equal(BriefingDocx.DateStyle, last.ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Equal("2024年4月10日", last.InnerText);
        Assert.Equal(W.JustificationValues.Right, style.StyleParagraphProperties!.Justification!.Val!.Value);
    }

    [Fact]
    public void ThePageNumber_IsAPageField_BetweenDashes_In4haoSongti_OutsideAligned()
    {
        using var doc = Open(Full);

        var main = doc.MainDocumentPart!;
        var section = main.Document!.Body!.Elements<W.SectionProperties>().Single();
        var footers = section.Elements<W.FooterReference>().ToDictionary(r => r.Type!.Value, r => ((FooterPart)main.GetPartById(r.Id!)).Footer!);
        var style = StyleOf(doc, BriefingDocx.FooterStyle);

        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<W.EvenAndOddHeaders>());
        Assert.Equal("宋体", style.StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("28", style.StyleRunProperties.FontSize!.Val!.Value); // 14 pt
        foreach (var (type, side) in new[] { (W.HeaderFooterValues.Default, W.JustificationValues.Right), (W.HeaderFooterValues.Even, W.JustificationValues.Left) })
        {
            var paragraph = footers[type].Elements<W.Paragraph>().Single();
            Assert.Equal(BriefingDocx.FooterStyle, paragraph.ParagraphProperties!.ParagraphStyleId!.Val!.Value);
            Assert.Equal(side, paragraph.ParagraphProperties.Justification!.Val!.Value);
            Assert.Equal("PAGE", paragraph.Descendants<W.FieldCode>().Single().Text.Trim());
            Assert.Equal(
                [W.FieldCharValues.Begin, W.FieldCharValues.Separate, W.FieldCharValues.End],
                paragraph.Descendants<W.FieldChar>().Select(c => c.FieldCharType!.Value));
            Assert.Equal("— 1 —", string.Concat(paragraph.Descendants<W.Text>().Select(t => t.Text)));
        }
    }

    [Fact]
    public void TheProperties_CarryTheTitle_AndTheGivenCreatedTime()
    {
        using var full = Open(Full);
        using var bare = Open(new BriefingDocxOptions());

        Assert.Equal(Seed().Title, full.PackageProperties.Title);
        Assert.Equal(new DateTime(2024, 4, 10, 9, 30, 0, DateTimeKind.Utc), full.PackageProperties.Created!.Value.ToUniversalTime());
        Assert.Null(bare.PackageProperties.Created);
    }
}
