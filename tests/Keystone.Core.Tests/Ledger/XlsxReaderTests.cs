using System.IO.Compression;
using System.Text;
using Keystone.Core.Ledger;

namespace Keystone.Core.Tests.Ledger;

/// <summary>
/// The .xlsx reader on workbooks written part by part, as Excel, WPS and other tools write them: every kind
/// of cell arrives as the ledger has always received it, and no cell, however long, is ever held whole.
/// </summary>
public class XlsxReaderTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook of one sheet "表1" from its sheetData, shared strings and styles.</summary>
    private static byte[] Workbook(string sheetData, string? shared = null, string? styles = null, string? dimension = null, string prefix = "")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Put(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }

            Put("xl/workbook.xml", $"""<workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId7"/></sheets></workbook>""");
            Put("xl/_rels/workbook.xml.rels", """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Target="sharedStrings.xml"/><Relationship Id="rId9" Target="styles.xml"/></Relationships>""");
            var p = prefix.Length > 0 ? prefix + ":" : "";
            var ns = prefix.Length > 0 ? $"xmlns:{prefix}=\"{Main}\"" : $"xmlns=\"{Main}\"";
            Put("xl/worksheets/data.xml", $"<{p}worksheet {ns}>" + (dimension is null ? "" : $"<{p}dimension ref=\"{dimension}\"/>") + $"<{p}sheetData>{sheetData}</{p}sheetData></{p}worksheet>");
            if (shared is not null)
            {
                Put("xl/sharedStrings.xml", $"<sst xmlns=\"{Main}\">{shared}</sst>");
            }

            if (styles is not null)
            {
                Put("xl/styles.xml", $"<styleSheet xmlns=\"{Main}\">{styles}</styleSheet>");
            }
        }

        return buffer.ToArray();
    }

    private static List<RawRow> Rows(byte[] workbook, int maxCell = 32_767) => new XlsxReader(workbook, maxCell, 1L << 30).Rows("表1").ToList();

    [Fact]
    public void Strings_SharedAndInline_RunsJoined_PhoneticGuidesLeftOut_EscapesDecoded_SpacesKept()
    {
        var rows = Rows(Workbook(
            """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><r><t>内</t></r><r><rPr><b/></rPr><t>联</t></r></is></c><c r="E1" t="str"><f>A1</f><v>公式_x000D_结果</v></c><c r="F1" t="s"><v>9</v></c></row>""",
            """<si><t>阳泉高新区</t></si><si><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 文本 </t></r></si><si><t>注音</t><rPh sb="0" eb="1"><t>zhuyin</t></rPh></si>"""));

        Assert.Equal<object?>(["阳泉高新区", "富 文本 ", "注音", "内联", "公式\r结果"], Assert.Single(rows).Cells);
    }

    [Fact]
    public void NumbersBooleansErrorsAndIsoDates_KeepTheirTypes_AndAnEmptyValueIsEmpty()
    {
        var rows = Rows(Workbook(
            """<row r="1"><c r="A1"><v>1234.5</v></c><c r="B1" t="n"><v>1E-3</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="d"><v>2024-03-15</v></c><c r="G1"><v></v></c><c r="H1"/><c r="I1"><v>不是数</v></c></row>"""));

        Assert.Equal<object?>([1234.5, 0.001, true, false, "#N/A", new DateTime(2024, 3, 15), null, null, "不是数"], Assert.Single(rows).Cells);
    }

    [Fact]
    public void NumbersStyledAsDates_AreDates_BuiltInChineseAndCustom_TimesAreDurations()
    {
        string[] formats = ["General", "14", "31", "57", "yyyy\"年\"m\"月\"d\"日\"", "yyyy/m/d;@", "0.00_ ", "[h]:mm:ss", "20", "#,##0.00\"元\"", "[Red]yyyy-mm-dd"];
        var numFmts = string.Concat(formats.Select((f, i) => int.TryParse(f, out _) || f == "General" ? "" : $"<numFmt numFmtId=\"{170 + i}\" formatCode=\"{System.Security.SecurityElement.Escape(f)}\"/>"));
        var xfs = string.Concat(formats.Select((f, i) => $"<xf numFmtId=\"{(f == "General" ? 0 : int.TryParse(f, out var id) ? id : 170 + i)}\"/>"));
        var cells = string.Concat(formats.Select((_, i) => $"<c s=\"{i}\"><v>45366.5</v></c>"));
        var rows = Rows(Workbook($"<row>{cells}</row>", styles: $"<numFmts>{numFmts}</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>{xfs}</cellXfs>"));

        var at = new DateTime(2024, 3, 15, 12, 0, 0);
        Assert.Equal<object?>([45366.5, at, at, at, at, at, 45366.5, 45366.5, TimeSpan.FromDays(45366.5), 45366.5, at], Assert.Single(rows).Cells);
    }

    [Fact]
    public void RowsAndColumnsTheFileLeavesOut_KeepTheirPlaces_AndRowsRunToTheDimension()
    {
        var rows = Rows(Workbook("""<row r="3"><c r="C3"><v>1</v></c></row><row r="5"><c r="A5"><v>2</v></c><c r="E5"><v>3</v></c></row><row r="6"/>""", dimension: "A1:D6"));

        Assert.Equal([1, 2, 3, 4, 5, 6], rows.Select(r => r.Number));
        Assert.True(rows[0].IsBlank && rows[1].IsBlank && rows[3].IsBlank && rows[5].IsBlank);
        Assert.Equal<object?>([null, null, 1d, null], rows[2].Cells);
        Assert.Equal<object?>([2d, null, null, null, 3d], rows[4].Cells);
    }

    [Fact]
    public void CellsWithoutReferences_FollowOneAnother_AndPrefixedElementsAreRead()
    {
        var rows = Rows(Workbook("""<x:row><x:c><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>乙</x:t></x:is></x:c></x:row><x:row><x:c r="B2"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>""", prefix: "x"));

        Assert.Equal<object?>([1d, "乙"], rows[0].Cells);
        Assert.Equal<object?>([null, 3d, 4d], rows[1].Cells);
    }

    [Theory]
    [InlineData("inline")]
    [InlineData("shared")]
    [InlineData("number")]
    public void ACellOverTheLimit_IsMarkedOverlong_WithoutItsText_AndTheRowsAfterItAreRead(string kind)
    {
        var text = new string('长', 5000);
        var cell = kind switch
        {
            "inline" => $"<c r=\"B2\" t=\"inlineStr\"><is><r><t>{text}</t></r><r><t>{text}</t></r></is></c>",
            "shared" => "<c r=\"B2\" t=\"s\"><v>1</v></c>",
            _ => $"<c r=\"B2\"><v>{new string('9', 20_000)}</v></c>",
        };
        var rows = Rows(
            Workbook($"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\">{cell}</row><row r=\"3\"><c r=\"A3\"><v>3</v></c></row>", $"<si><t>标题</t></si><si><t>{text}{text}</t></si>"),
            maxCell: 8000);

        Assert.Equal<object?>(["标题"], rows[0].Cells);
        Assert.Equal(new OverlongCell(8000), rows[1].Cells[1]);
        Assert.True(rows[1].HasOverlongCell);
        Assert.False(rows[1].IsBlank);
        Assert.Equal<object?>([3d], rows[2].Cells);
    }

    [Fact]
    public void AnOverlongCell_IsAProblemOfItsRow_NamingSheetRowAndColumn()
    {
        var row = new RawRow(7, ["甲", new OverlongCell(32_767), null, new OverlongCell(32_767)]);

        var problems = row.OverlongProblems("表1", i => i == 1 ? "建设内容及规模" : null).ToList();

        Assert.Equal([("表1", 7, "建设内容及规模"), ("表1", 7, "D")], problems.Select(p => (p.Sheet, p.Row, p.Column!)));
        Assert.Contains("32767个字符", problems[0].Reason.Zh);
        Assert.Contains("32767 characters", problems[0].Reason.En);
    }

    [Fact]
    public void AHugeAttribute_RefusesTheFile_BeforeTheXmlReaderWouldHoldIt()
    {
        var workbook = Workbook($"<row r=\"1\"><c r=\"A1\" x=\"{new string('a', 2 * 1024 * 1024)}\"><v>1</v></c></row>");

        var e = Assert.Throws<DomainException>(() => Rows(workbook));
        Assert.Contains("1MB", e.Text.Zh);
    }

    [Fact]
    public void ADocumentTypeDefinition_IsRefusedAsDamaged()
    {
        var workbook = Workbook("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
        using var patched = new MemoryStream();
        patched.Write(workbook);
        using (var zip = new ZipArchive(patched, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/data.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/data.xml").Open());
            writer.Write($"<!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>");
        }

        var source = LedgerSource.FromBytes(patched.ToArray(), "实体.xlsx", LedgerLimits.Default);
        var e = Assert.Throws<DomainException>(() => source.Rows("表1").ToList());
        Assert.Contains("无法读取文件", e.Text.Zh);
    }

    [Fact]
    public void ACellBeyondExcelsLastColumn_RefusesTheFile()
    {
        var e = Assert.Throws<DomainException>(() => Rows(Workbook("<row r=\"4\"><c r=\"XFE4\"><v>1</v></c></row>")));
        Assert.Contains("第4行", e.Text.Zh);
    }

    [Fact]
    public void RowBound_CountsEveryRowTag_WithoutParsing()
    {
        var workbook = Workbook(string.Concat(Enumerable.Range(1, 2500).Select(i => $"<row r=\"{i}\"><c r=\"A{i}\"><v>{i}</v></c></row>")) + "<row r=\"2600\"/>");

        Assert.Equal(2501, new XlsxReader(workbook, 100, 1000).RowBound("表1"));
        Assert.Equal(2501, new XlsxReader(Workbook("<x:row r=\"1\"/>" + string.Concat(Enumerable.Repeat("<x:row><x:c><x:v>1</x:v></x:c></x:row>", 2500)), prefix: "x"), 100, 1000).RowBound("表1"));
    }

    [Fact]
    public void SharedStringsOverTheirShareOfTheMemoryLimit_RefuseTheFile()
    {
        var workbook = Workbook("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", string.Concat(Enumerable.Repeat("<si><t>一二三四五六七八九十</t></si>", 200)));

        var e = Assert.Throws<DomainException>(() => new XlsxReader(workbook, 100, 2000).SheetNames);
        Assert.Contains("共享字符串", e.Text.Zh);
    }
}
