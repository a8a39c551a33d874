using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs.Attributes;

namespace Keystone.Benchmarks;

/// <summary>
/// The other .xlsx readers the import benchmark measures beside MiniExcel's dynamic rows and Keystone's
/// XlsxReader (issue 19): MiniExcel's typed rows and DocumentFormat.OpenXml's SAX reader. Each reads every
/// cell of the first sheet; none of them is used by the importer.
/// </summary>
internal static class ImportReaders
{
    /// <summary>MiniExcel's typed query: the header row maps each column onto a property by its header; the data rows are counted.</summary>
    public static int ReadTyped(Stream stream)
    {
        var rows = 0;
        foreach (var _ in MiniExcelLibs.MiniExcel.Query<LedgerLine>(stream))
        {
            rows++;
        }

        return rows;
    }

    /// <summary>
    /// OpenXml's <see cref="OpenXmlReader"/> over the first worksheet part, element by element (SAX), shared
    /// strings resolved from a table read the same way first: one object?[] per row, as XlsxReader builds
    /// it — text as string, numbers as double, booleans as bool, each cell at its reference's column.
    /// </summary>
    public static int ReadOpenXml(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var shared = SharedStrings(workbook.SharedStringTablePart);
        var first = workbook.Workbook!.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);

        var rows = 0;
        object?[] last = [];
        var cells = new List<object?>(40);
        var column = 0;
        string? type = null;
        object? value = null;
        var inline = new System.Text.StringBuilder();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            var element = reader.ElementType;
            if (element == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    cells.Clear();
                }
                else
                {
                    last = cells.ToArray();
                    rows++;
                }
            }
            else if (element == typeof(Cell))
            {
                if (reader.IsStartElement)
                {
                    (column, type, value) = (cells.Count, null, null);
                    inline.Clear();
                    foreach (var attribute in reader.Attributes)
                    {
                        if (attribute.LocalName == "r")
                        {
                            column = ColumnOf(attribute.Value!);
                        }
                        else if (attribute.LocalName == "t")
                        {
                            type = attribute.Value;
                        }
                    }
                }
                else
                {
                    while (cells.Count <= column)
                    {
                        cells.Add(null);
                    }

                    cells[column] = type == "inlineStr" ? inline.ToString() : value;
                }
            }
            else if (element == typeof(CellValue) && reader.IsStartElement)
            {
                var text = reader.GetText();
                value = type switch
                {
                    "s" => shared[int.Parse(text, CultureInfo.InvariantCulture)],
                    "str" or "e" => text,
                    "b" => text == "1",
                    _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                };
            }
            else if (element == typeof(Text) && reader.IsStartElement && type == "inlineStr")
            {
                inline.Append(reader.GetText());
            }
        }

        return last.Length >= 0 ? rows : 0;
    }

    /// <summary>The shared strings in order, each the concatenation of its text runs (phonetic runs left out).</summary>
    private static string[] SharedStrings(SharedStringTablePart? part)
    {
        if (part is null)
        {
            return [];
        }

        var strings = new List<string>();
        var text = new System.Text.StringBuilder();
        var phonetic = false;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    text.Clear();
                }
                else
                {
                    strings.Add(text.ToString());
                }
            }
            else if (reader.ElementType == typeof(PhoneticRun))
            {
                phonetic = reader.IsStartElement;
            }
            else if (reader.ElementType == typeof(Text) && reader.IsStartElement && !phonetic)
            {
                text.Append(reader.GetText());
            }
        }

        return [.. strings];
    }

    /// <summary>The 0-based column of a cell reference ("AB12" → 27).</summary>
    private static int ColumnOf(string reference)
    {
        var n = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            n = (n * 26) + (c - 'A' + 1);
        }

        return n - 1;
    }
}

/// <summary>A ledger row as MiniExcel's typed query fills it: one property per standard column, found by its header.</summary>
internal sealed class LedgerLine
{
    [ExcelColumnName("项目编号")] public string? Code { get; set; }
    [ExcelColumnName("项目名称")] public string? Name { get; set; }
    [ExcelColumnName("所属地市")] public string? City { get; set; }
    [ExcelColumnName("所属区域")] public string? Unit { get; set; }
    [ExcelColumnName("项目级别")] public string? Levels { get; set; }
    [ExcelColumnName("项目类别")] public string? Category { get; set; }
    [ExcelColumnName("产业链")] public string? IndustryChain { get; set; }
    [ExcelColumnName("建设性质")] public string? Nature { get; set; }
    [ExcelColumnName("项目单位")] public string? Enterprise { get; set; }
    [ExcelColumnName("统一社会信用代码")] public string? Uscc { get; set; }
    [ExcelColumnName("建设内容及规模")] public string? Content { get; set; }
    [ExcelColumnName("总投资（万元）")] public double? TotalInvestment { get; set; }
    [ExcelColumnName("年度计划投资（万元）")] public double? AnnualPlan { get; set; }
    [ExcelColumnName("本年完成投资（万元）")] public double? YearToDate { get; set; }
    [ExcelColumnName("累计完成投资（万元）")] public double? Cumulative { get; set; }
    [ExcelColumnName("计划开工时间")] public DateTime? PlannedStart { get; set; }
    [ExcelColumnName("实际开工时间")] public DateTime? ActualStart { get; set; }
    [ExcelColumnName("本年开复工时间")] public DateTime? StartDate { get; set; }
    [ExcelColumnName("计划竣工时间")] public DateTime? PlannedCompletion { get; set; }
    [ExcelColumnName("项目状态")] public string? Status { get; set; }
    [ExcelColumnName("形象进度")] public string? ImageProgress { get; set; }
    [ExcelColumnName("占地面积（亩）")] public double? LandArea { get; set; }
    [ExcelColumnName("建筑面积（㎡）")] public double? FloorArea { get; set; }
    [ExcelColumnName("达产后年产值（万元）")] public double? OutputValue { get; set; }
    [ExcelColumnName("年纳税（万元）")] public double? Tax { get; set; }
    [ExcelColumnName("就业岗位（个）")] public double? Jobs { get; set; }
    [ExcelColumnName("责任领导")] public string? Leader { get; set; }
    [ExcelColumnName("责任单位")] public string? ResponsibleUnit { get; set; }
    [ExcelColumnName("联系人")] public string? Contact { get; set; }
    [ExcelColumnName("存在问题")] public string? Problems { get; set; }
    [ExcelColumnName("备注")] public string? Remarks { get; set; }
    [ExcelColumnName("上级项目编号")] public string? Parent { get; set; }
}
