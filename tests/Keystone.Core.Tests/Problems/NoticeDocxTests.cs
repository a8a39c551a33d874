using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Keystone.Core.Briefings;
using Keystone.Core.Documents;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Problems;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Keystone.Core.Tests.Problems;

public class NoticeDocxTests
{
    private static readonly DateTimeOffset At = new(2024, 4, 22, 10, 0, 0, TimeSpan.FromHours(8));

    private static (Problem Problem, SupervisionNotice Notice) Supervised(bool replied)
    {
        var problem = ProblemLifecycleTests.In(ProblemStatus.Assigned); // due 19 April
        var notice = problem.Supervise(
            new NoticeIssue { IssuingUnitId = 2, IssuingUnitName = "阳泉市", ProblemUnitName = "阳泉高新区", Number = 1, Year = 2024, ReplyBy = new DateOnly(2024, 4, 26) },
            LightRules.Default,
            "demo-city",
            At,
            new DateOnly(2024, 4, 22));
        if (replied)
        {
            problem.ReplyToNotice(1, "已于4月24日完成线路迁改，项目已进场施工", "demo-department", At.AddDays(2), new DateOnly(2024, 4, 24));
        }

        return (problem, notice);
    }

    private static readonly NoticeContext Context = new()
    {
        Issuer = "阳泉市重点工程项目建设指挥部",
        Subject = "阳泉东区智慧物流产业园（一期）项目",
        ProjectCode = "YQGX-2024-001",
        EscalatedTo = "阳泉市",
    };

    private static MemoryStream Docx(bool replied)
    {
        var (problem, notice) = Supervised(replied);
        var output = new MemoryStream();
        NoticeDocx.Write(problem, notice, Context, output, At);
        output.Position = 0;
        return output;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheNotice_IsValidOpenXml(bool replied)
    {
        using var doc = WordprocessingDocument.Open(Docx(replied), false);
        Assert.Empty(new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}"));
    }

    [Fact]
    public void TheNotice_ReadsBack_WithItsNumber_TheProblem_TheDeadline_AndTheDepartment()
    {
        var text = BriefingDocx.ReadText(Docx(replied: false));
        Assert.Equal("阳泉市重点工程项目建设指挥部", text.IssuingBody);
        Assert.Equal("阳泉市督〔2024〕1号", text.DocumentNumber);
        Assert.Equal(NoticeDocx.Title, text.Title);
        Assert.Equal("阳泉高新区自然资源分局", text.Addressee);
        Assert.Equal("2024年4月22日", text.Date);
        Assert.Equal(
            "阳泉东区智慧物流产业园（一期）项目（项目编号YQGX-2024-001）在2024年4月10日入企服务中由张明了解到的“施工用电临时线路迁改”问题（问题编号P2024-0007，要素类），"
            + "交由你单位办理，办理时限为2024年4月19日，截至2024年4月22日尚未办结，已逾期1个工作日，已提级至阳泉市督办。",
            text.Paragraphs[0]);
        Assert.Contains("问题描述：10kV线路横穿二期平台，需迁改后方可进场。", text.Paragraphs);
        Assert.Contains(text.Paragraphs, p => p.StartsWith("督办要求：", StringComparison.Ordinal) && p.Contains("2024年4月26日前", StringComparison.Ordinal));
        Assert.Contains("反馈期限：2024年4月26日。", text.Paragraphs);
        Assert.DoesNotContain(text.Paragraphs, p => p.StartsWith("办理反馈", StringComparison.Ordinal));
    }

    [Fact]
    public void ARepliedNotice_CarriesItsReply()
    {
        var text = BriefingDocx.ReadText(Docx(replied: true));
        Assert.Equal("办理反馈（2024年4月24日）：已于4月24日完成线路迁改，项目已进场施工。", text.Paragraphs[^1]);
    }

    [Fact]
    public void TheRedRule_SitsUnderTheNumber_NotUnderTheIssuer()
    {
        using var doc = WordprocessingDocument.Open(Docx(replied: false), false);
        var body = doc.MainDocumentPart!.Document!.Body!.Elements<W.Paragraph>().ToList();
        Assert.Equal(BriefingDocx.IssuingBodyStyle, body[0].ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Equal(W.BorderValues.Nil, body[0].ParagraphProperties!.ParagraphBorders!.BottomBorder!.Val!.Value);
        Assert.Equal(BriefingDocx.DocumentNumberStyle, body[1].ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        var style = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<W.Style>().Single(s => s.StyleId == BriefingDocx.DocumentNumberStyle);
        Assert.Equal("FF0000", style.StyleParagraphProperties!.ParagraphBorders!.BottomBorder!.Color!.Value);
    }
}
