using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Keystone.Core.Briefings;
using Keystone.Core.Problems;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Keystone.Core.Documents;

/// <summary>What a .docx briefing carries besides the briefing itself.</summary>
public sealed record BriefingDocxOptions
{
    /// <summary>发文机关标志 ("阳泉高新区重点项目建设指挥部"), red above a red rule; none when null.</summary>
    public string? IssuingBody { get; init; }

    /// <summary>成文日期 under the body (usually the briefing's as-of date); none when null.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The document's created and modified properties; left out when null, never read from a clock.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>发文字号 ("阳泉市督〔2024〕1号"), centred under the issuing body, above the red rule; none when null.</summary>
    public string? DocumentNumber { get; init; }

    /// <summary>主送机关 ("阳泉高新区自然资源分局"), flush left under the title with a full-width colon; none when null.</summary>
    public string? Addressee { get; init; }
}

/// <summary>The text of a .docx briefing, by role, as <see cref="BriefingDocx.ReadText"/> finds it.</summary>
public sealed record BriefingDocxText(string? IssuingBody, string Title, IReadOnlyList<string> Paragraphs, string? Date)
{
    public string? DocumentNumber { get; init; }

    /// <summary>The addressee as printed, without its colon.</summary>
    public string? Addressee { get; init; }
}

/// <summary>
/// A briefing as a Word document laid out as a 党政机关公文 (GB/T 9704-2012) as far as a generated
/// 通报 needs: A4, the standard margins (版心 156 × 225 mm), 22 lines of 3号仿宋 a page, 2号小标宋 title,
/// 4号宋体 page numbers "— 1 —" outside-aligned one character in (odd pages right, even pages left).
/// Formatting sits in named styles, so a clerk who adjusts it in Word or WPS changes every paragraph.
/// </summary>
public static class BriefingDocx
{
    public const string TitleStyle = "Title";
    public const string IssuingBodyStyle = "IssuingBody";
    public const string DateStyle = "Date";
    public const string FooterStyle = "Footer";
    public const string DocumentNumberStyle = "DocumentNumber";
    public const string AddresseeStyle = "Addressee";

    public const string TitleFont = "方正小标宋简体";
    public const string BodyFont = "仿宋_GB2312";
    public const string PageNumberFont = "宋体";
    public const string LatinFont = "Times New Roman";

    /// <summary>2号 in half-points.</summary>
    public const int TitleSize = 44;

    /// <summary>3号 in half-points.</summary>
    public const int BodySize = 32;

    /// <summary>4号 in half-points.</summary>
    public const int PageNumberSize = 28;

    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private static readonly int TopMargin = Twips(37);
    private static readonly int BottomMargin = Twips(35);
    private static readonly int LeftMargin = Twips(28);
    private static readonly int RightMargin = Twips(26);

    /// <summary>
    /// 28.95 pt: GB/T 9704 asks for 22 lines in the 225 mm 版心. 29 pt would be 0.2 pt too tall and Word
    /// would put only 21 lines on a page.
    /// </summary>
    private static readonly int LinePitch = (PageHeight - TopMargin - BottomMargin) / 22;

    /// <summary>One 3号 character: the unit of indents (首行缩进2字, 右空二字).</summary>
    private const int BodyChar = BodySize * 10;

    private const int PageNumberChar = PageNumberSize * 10;

    private const string Red = "FF0000";

    public static void Write(Briefing briefing, BriefingDocxOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);

        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = briefing.Title;
        document.PackageProperties.Language = "zh-CN";
        if (options.Created is { } created)
        {
            document.PackageProperties.Created = created.UtcDateTime;
            document.PackageProperties.Modified = created.UtcDateTime;
        }

        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
        main.AddNewPart<FontTablePart>().Fonts = FontTable();
        main.AddNewPart<DocumentSettingsPart>().Settings = new W.Settings(
            new W.DefaultTabStop { Val = BodyChar },
            new W.EvenAndOddHeaders(),
            new W.CharacterSpacingControl { Val = W.CharacterSpacingValues.CompressPunctuation },
            new W.ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" });
        var oddFooter = main.AddNewPart<FooterPart>();
        oddFooter.Footer = PageNumberFooter(W.JustificationValues.Right);
        var evenFooter = main.AddNewPart<FooterPart>();
        evenFooter.Footer = PageNumberFooter(W.JustificationValues.Left);

        var body = new W.Body();
        var number = options.DocumentNumber is { Length: > 0 } n ? n : null;
        if (options.IssuingBody is { Length: > 0 } issuer)
        {
            body.Append(IssuingBody(issuer, ruled: number is null));
        }

        if (number is not null)
        {
            body.Append(new W.Paragraph(Style(DocumentNumberStyle), Run(number)));
        }

        body.Append(Title(briefing.Title));
        if (options.Addressee is { Length: > 0 } addressee)
        {
            body.Append(new W.Paragraph(Style(AddresseeStyle), Run(addressee + "：")));
        }

        foreach (var section in briefing.Sections)
        {
            body.Append(new W.Paragraph(Run(section.Text)));
        }

        if (options.Date is { } date)
        {
            body.Append(new W.Paragraph(Style(DateStyle), Run(ChineseFormat.Date(date))));
        }

        body.Append(new W.SectionProperties(
            new W.FooterReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(oddFooter) },
            new W.FooterReference { Type = W.HeaderFooterValues.Even, Id = main.GetIdOfPart(evenFooter) },
            new W.PageSize { Width = PageWidth, Height = PageHeight },
            new W.PageMargin
            {
                Top = TopMargin,
                Bottom = BottomMargin,
                Left = (uint)LeftMargin,
                Right = (uint)RightMargin,
                Header = (uint)Twips(15),

                // GB/T 9704 puts the page number's 一字线 7 mm under the 版心: 35 − 7 − one 20 pt footer line.
                Footer = (uint)Twips(21),
                Gutter = 0,
            }));
        main.Document = new W.Document(body);
    }

    /// <summary>The issuing body, title, body paragraphs and date of a briefing written by <see cref="Write"/>.</summary>
    public static BriefingDocxText ReadText(Stream docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        using var document = WordprocessingDocument.Open(docx, false);
        var body = document.MainDocumentPart?.Document?.Body
            ?? throw new InvalidDataException("The file has no document body");
        string? issuer = null, title = null, date = null, number = null, addressee = null;
        List<string> paragraphs = [];
        foreach (var paragraph in body.Elements<W.Paragraph>())
        {
            var text = string.Concat(paragraph.Descendants<W.Text>().Select(t => t.Text));
            switch (paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value)
            {
                case IssuingBodyStyle:
                    issuer = text;
                    break;
                case TitleStyle:
                    title = text;
                    break;
                case DateStyle:
                    date = text;
                    break;
                case DocumentNumberStyle:
                    number = text;
                    break;
                case AddresseeStyle:
                    addressee = text.TrimEnd('：');
                    break;
                default:
                    paragraphs.Add(text);
                    break;
            }
        }

        return new BriefingDocxText(issuer, title ?? throw new InvalidDataException("The document has no title paragraph"), paragraphs, date)
        {
            DocumentNumber = number,
            Addressee = addressee,
        };
    }

    /// <summary>The issuing body; the red rule under it unless a document number sits between them (GB/T 9704 版头).</summary>
    private static W.Paragraph IssuingBody(string issuer, bool ruled)
    {
        // As large as fits on one line of the 156 mm 版心, from 小初 (36 pt) down to 2号 (22 pt).
        var size = Math.Clamp(880 / issuer.Length, TitleSize, 72);
        var properties = new W.ParagraphProperties(new W.ParagraphStyleId { Val = IssuingBodyStyle });
        if (!ruled)
        {
            // 发文字号 comes two lines below the issuing body, and the rule under the number instead.
            properties.Append(
                new W.ParagraphBorders(new W.BottomBorder { Val = W.BorderValues.Nil }),
                new W.SpacingBetweenLines { After = Str(2 * LinePitch) });
        }

        return new W.Paragraph(
            properties,
            new W.Run(
                new W.RunProperties(new W.FontSize { Val = Half(size) }, new W.FontSizeComplexScript { Val = Half(size) }),
                Text(issuer)));
    }

    /// <summary>A title "…通报（截至2024年4月10日）" breaks before the bracket, so no line ends inside the date.</summary>
    private static W.Paragraph Title(string title)
    {
        var bracket = title.LastIndexOf('（');
        if (bracket <= 0)
        {
            return new W.Paragraph(Style(TitleStyle), Run(title));
        }

        return new W.Paragraph(
            Style(TitleStyle),
            new W.Run(Text(title[..bracket]), new W.Break(), Text(title[bracket..])));
    }

    private static W.Footer PageNumberFooter(W.JustificationValues side)
    {
        var indent = side == W.JustificationValues.Right
            ? new W.Indentation { Right = PageNumberChar.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : new W.Indentation { Left = PageNumberChar.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return new W.Footer(new W.Paragraph(
            new W.ParagraphProperties(new W.ParagraphStyleId { Val = FooterStyle }, indent, new W.Justification { Val = side }),
            Run("— "),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Begin }),
            new W.Run(new W.FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Separate }),
            Run("1"),
            new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.End }),
            Run(" —")));
    }

    private static W.Styles Styles()
    {
        var defaults = new W.DocDefaults(
            new W.RunPropertiesDefault(new W.RunPropertiesBaseStyle(
                Fonts(BodyFont),
                new W.FontSize { Val = Half(BodySize) },
                new W.FontSizeComplexScript { Val = Half(BodySize) },
                new W.Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new W.ParagraphPropertiesDefault());

        // 两端对齐, exact 28.95 pt lines, 首行缩进2字: the body of every 公文. No automatic space between
        // Chinese and digits: a 公文 sets "65个" tight, and the extra space breaks the 28-characters line.
        var normal = new W.Style(
            new W.StyleName { Val = "Normal" },
            new W.PrimaryStyle(),
            new W.StyleParagraphProperties(
                new W.AutoSpaceDE { Val = false },
                new W.AutoSpaceDN { Val = false },
                new W.SpacingBetweenLines { Line = Str(LinePitch), LineRule = W.LineSpacingRuleValues.Exact, Before = "0", After = "0" },
                new W.Indentation { FirstLineChars = 200, FirstLine = Str(2 * BodyChar) },
                new W.Justification { Val = W.JustificationValues.Both }),
            new W.StyleRunProperties(Fonts(BodyFont), new W.FontSize { Val = Half(BodySize) }, new W.FontSizeComplexScript { Val = Half(BodySize) }))
        { Type = W.StyleValues.Paragraph, StyleId = "Normal", Default = true };

        // A red rule under the issuing body as GB/T 9704's 分隔线, as wide as the 版心; the title sits two lines below.
        var issuer = new W.Style(
            new W.StyleName { Val = "发文机关标志" },
            new W.BasedOn { Val = "Normal" },
            new W.NextParagraphStyle { Val = TitleStyle },
            new W.PrimaryStyle(),
            new W.StyleParagraphProperties(
                new W.KeepNext(),
                new W.ParagraphBorders(new W.BottomBorder { Val = W.BorderValues.Single, Color = Red, Size = 12, Space = 12 }),
                new W.SpacingBetweenLines { Line = "240", LineRule = W.LineSpacingRuleValues.Auto, Before = "0", After = Str(2 * LinePitch) },
                new W.Indentation { FirstLineChars = 0, FirstLine = "0" },
                new W.Justification { Val = W.JustificationValues.Center }),
            new W.StyleRunProperties(Fonts(TitleFont), new W.Color { Val = Red }, new W.FontSize { Val = Half(TitleSize) }, new W.FontSizeComplexScript { Val = Half(TitleSize) }))
        { Type = W.StyleValues.Paragraph, StyleId = IssuingBodyStyle, CustomStyle = true };

        // 标题下空一行 before the body.
        var title = new W.Style(
            new W.StyleName { Val = "Title" },
            new W.BasedOn { Val = "Normal" },
            new W.NextParagraphStyle { Val = "Normal" },
            new W.PrimaryStyle(),
            new W.StyleParagraphProperties(
                new W.KeepNext(),
                new W.SpacingBetweenLines { Line = Str(LinePitch), LineRule = W.LineSpacingRuleValues.Exact, Before = "0", After = Str(LinePitch) },
                new W.Indentation { FirstLineChars = 0, FirstLine = "0" },
                new W.Justification { Val = W.JustificationValues.Center },
                new W.OutlineLevel { Val = 0 }),
            new W.StyleRunProperties(Fonts(TitleFont), new W.FontSize { Val = Half(TitleSize) }, new W.FontSizeComplexScript { Val = Half(TitleSize) }))
        { Type = W.StyleValues.Paragraph, StyleId = TitleStyle };

        // 成文日期: a line below the body, 右空二字 as for a document without a seal.
        var date = new W.Style(
            new W.StyleName { Val = "成文日期" },
            new W.BasedOn { Val = "Normal" },
            new W.PrimaryStyle(),
            new W.StyleParagraphProperties(
                new W.SpacingBetweenLines { Line = Str(LinePitch), LineRule = W.LineSpacingRuleValues.Exact, Before = Str(LinePitch), After = "0" },
                new W.Indentation { FirstLineChars = 0, FirstLine = "0", RightChars = 200, Right = Str(2 * BodyChar) },
                new W.Justification { Val = W.JustificationValues.Right }))
        { Type = W.StyleValues.Paragraph, StyleId = DateStyle, CustomStyle = true };

        var footer = new W.Style(
            new W.StyleName { Val = "footer" },
            new W.BasedOn { Val = "Normal" },
            new W.StyleParagraphProperties(
                new W.SpacingBetweenLines { Line = "400", LineRule = W.LineSpacingRuleValues.Exact, Before = "0", After = "0" },
                new W.Indentation { FirstLineChars = 0, FirstLine = "0" }),
            new W.StyleRunProperties(Fonts(PageNumberFont, PageNumberFont), new W.FontSize { Val = Half(PageNumberSize) }, new W.FontSizeComplexScript { Val = Half(PageNumberSize) }))
        { Type = W.StyleValues.Paragraph, StyleId = FooterStyle };

        // 发文字号: centred under the issuing body, the red rule 4 mm below it, the title two lines below that.
        var number = new W.Style(
            new W.StyleName { Val = "发文字号" },
            new W.BasedOn { Val = "Normal" },
            new W.NextParagraphStyle { Val = TitleStyle },
            new W.StyleParagraphProperties(
                new W.KeepNext(),
                new W.ParagraphBorders(new W.BottomBorder { Val = W.BorderValues.Single, Color = Red, Size = 12, Space = 11 }),
                new W.SpacingBetweenLines { Line = Str(LinePitch), LineRule = W.LineSpacingRuleValues.Exact, Before = "0", After = Str(2 * LinePitch) },
                new W.Indentation { FirstLineChars = 0, FirstLine = "0" },
                new W.Justification { Val = W.JustificationValues.Center }))
        { Type = W.StyleValues.Paragraph, StyleId = DocumentNumberStyle, CustomStyle = true };

        // 主送机关: 顶格, on the line under the title's blank line.
        var addressee = new W.Style(
            new W.StyleName { Val = "主送机关" },
            new W.BasedOn { Val = "Normal" },
            new W.NextParagraphStyle { Val = "Normal" },
            new W.StyleParagraphProperties(
                new W.KeepNext(),
                new W.Indentation { FirstLineChars = 0, FirstLine = "0" }))
        { Type = W.StyleValues.Paragraph, StyleId = AddresseeStyle, CustomStyle = true };

        return new W.Styles(defaults, normal, issuer, title, date, footer, number, addressee);
    }

    /// <summary>
    /// The fonts with the ones Word and WPS fall back to where they are missing (方正小标宋简体 and
    /// 仿宋_GB2312 are not on every machine); charset 86 (GB2312) keeps a substitute Chinese.
    /// </summary>
    private static W.Fonts FontTable()
    {
        static W.Font Font(string name, string? alternative, string? panose, string charset, W.FontFamilyValues family, W.FontPitchValues pitch)
        {
            var font = new W.Font { Name = name };
            if (alternative is not null)
            {
                font.Append(new W.AltName { Val = alternative });
            }

            if (panose is not null)
            {
                font.Append(new W.Panose1Number { Val = panose });
            }

            font.Append(new W.FontCharSet { Val = charset }, new W.FontFamily { Val = family }, new W.Pitch { Val = pitch });
            return font;
        }

        const string gb2312 = "86";
        return new W.Fonts(
            Font(BodyFont, "仿宋", "02010609030101010101", gb2312, W.FontFamilyValues.Modern, W.FontPitchValues.Fixed),
            Font("仿宋", "FangSong", "02010609060101010101", gb2312, W.FontFamilyValues.Modern, W.FontPitchValues.Fixed),
            Font(TitleFont, "宋体", null, gb2312, W.FontFamilyValues.Auto, W.FontPitchValues.Variable),
            Font(PageNumberFont, "SimSun", "02010600030101010101", gb2312, W.FontFamilyValues.Auto, W.FontPitchValues.Variable),
            Font(LatinFont, null, "02020603050405020304", "00", W.FontFamilyValues.Roman, W.FontPitchValues.Variable));
    }

    /// <summary>
    /// Chinese in <paramref name="eastAsia"/>; digits and Latin letters in Times New Roman, as provincial
    /// 公文 rules ask, except where GB/T 9704 names 宋体 digits (the page number).
    /// </summary>
    private static W.RunFonts Fonts(string eastAsia, string latin = LatinFont) =>
        new() { Ascii = latin, HighAnsi = latin, EastAsia = eastAsia, ComplexScript = latin, Hint = W.FontTypeHintValues.EastAsia };

    private static W.ParagraphProperties Style(string id) => new(new W.ParagraphStyleId { Val = id });

    private static W.Run Run(string text) => new(Text(text));

    private static W.Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };

    private static string Half(int halfPoints) => Str(halfPoints);

    private static string Str(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int Twips(int millimetres) => (int)Math.Round(millimetres * 1440m / 25.4m, MidpointRounding.AwayFromZero);
}
