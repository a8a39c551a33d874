namespace Keystone.Core.Ledger;

/// <summary>
/// The standard ledger (台账) as a blank to fill in: the header, one example row that imports as it stands, and a
/// second sheet saying, column by column, whether it is required, what goes in it and in which unit.
/// </summary>
public static class LedgerTemplate
{
    /// <summary>Writes the template for plan year <paramref name="year"/> (.xlsx).</summary>
    public static void Write(Stream output, int year)
    {
        ArgumentNullException.ThrowIfNull(output);
        var fields = LedgerFormat.Fields;
        using var writer = new XlsxWriter(output, $"{year}年重点项目台账", LedgerExporter.Widths, 1, 2, new XlsxPageSetup(Landscape: true, FitToWidth: true));
        writer.Row(fields.Select(f => new XCell(LedgerFormat.Header(f), XStyle.Header)).ToList(), height: 32);
        writer.HeaderRow();
        writer.Row(fields.Select(f => Example(f, year)).ToList());

        writer.NextSheet("填写说明", [22, 8, 70, 30], 1, 0);
        writer.Row([new("表头", XStyle.Header), new("必填", XStyle.Header), new("填写要求", XStyle.Header), new("示例", XStyle.Header)], height: 24);
        foreach (var field in fields)
        {
            var example = Example(field, year).Value switch
            {
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                decimal m => ChineseFormat.Trim(m),
                var v => v?.ToString() ?? "",
            };
            writer.Row([new(LedgerFormat.Header(field)), new(LedgerFormat.Required.Contains(field) ? "是" : ""), new(Note(field), XStyle.Wrap), new(example, XStyle.Wrap)]);
        }
    }

    /// <summary>What a column takes, as the 填写说明 sheet says it.</summary>
    public static string Note(LedgerField field) => field switch
    {
        LedgerField.Code => "国家投资项目在线审批监管平台赋予的项目代码（如 2404-140300-04-01-563821），或本区自编编号；留空时按所属区域和项目名称生成。同一文件中不得重复。",
        LedgerField.Name => "项目全称。",
        LedgerField.City => "所属地市（如 阳泉市）；所属区域名称唯一时可留空。",
        LedgerField.Unit => "开发区或县区的名称（如 阳泉高新区），须为系统中的单位或由导入新建。",
        LedgerField.Levels => "省级重点、市级重点、区级、一般；同时列入多个名单时用顿号分隔（如 省级重点、市级重点）。",
        LedgerField.Category => "产业类、基础设施类、民生类、其他。",
        LedgerField.IndustryChain => "所属产业链（如 新材料、第三代半导体）。",
        LedgerField.Nature => "新建或续建。",
        LedgerField.Enterprise => "项目建设单位名称。",
        LedgerField.Uscc => "项目单位的18位统一社会信用代码，校验位须正确。",
        LedgerField.Content => "建设内容及规模。",
        LedgerField.TotalInvestment => "项目总投资，单位万元（表头写“亿元”时按亿元读取）。",
        LedgerField.AnnualPlan => "本计划年度的计划投资，单位万元，不超过总投资。",
        LedgerField.YearToDate => "本年1月至报告月的累计完成投资，单位万元。",
        LedgerField.Cumulative => "开工以来累计完成投资，单位万元，不少于本年完成投资。",
        LedgerField.PlannedStart => "计划开工日期，如 2024-03-01。",
        LedgerField.ActualStart => "实际开工日期；未开工留空。",
        LedgerField.StartDate => "新建项目本年开工或续建项目本年复工的日期，须在计划年度内；未开复工留空。",
        LedgerField.PlannedCompletion => "计划竣工日期。",
        LedgerField.Status => "前期、在建、竣工、投产、停缓建。",
        LedgerField.ImageProgress => "形象进度（如 主体施工、厂房桩基施工）。",
        LedgerField.LandArea => "占地面积，单位亩。",
        LedgerField.FloorArea => "建筑面积，单位平方米。",
        LedgerField.OutputValue => "达产后年产值，单位万元。",
        LedgerField.Tax => "达产后年纳税，单位万元。",
        LedgerField.Jobs => "可提供的就业岗位数，整数。",
        LedgerField.Leader => "包联的责任领导。",
        LedgerField.ResponsibleUnit => "责任单位（部门）。",
        LedgerField.Contact => "项目联系人及电话。",
        LedgerField.Problems => "项目推进中存在的问题。",
        LedgerField.Remarks => "备注。",
        LedgerField.Parent => "一期/二期或打包项目所属的上级项目编号；无则留空。",
        _ => "",
    };

    /// <summary>The example row's cell of a column: a made-up project of the plan year (in a made-up 示例开发区) that imports as it stands.</summary>
    private static XCell Example(LedgerField field, int year) => field switch
    {
        LedgerField.Code => new("2403-149900-04-01-000001"),
        LedgerField.Name => new("示例：年产5万吨新型建材项目"),
        LedgerField.City => new("示例市"),
        LedgerField.Unit => new("示例开发区"),
        LedgerField.Levels => new("省级重点"),
        LedgerField.Category => new("产业类"),
        LedgerField.IndustryChain => new("新材料"),
        LedgerField.Nature => new("新建"),
        LedgerField.Enterprise => new("示例新材料有限公司"),
        LedgerField.Uscc => new("91149900MA0K12345P"),
        LedgerField.Content => new("建设新型建材生产线2条及配套仓储"),
        LedgerField.TotalInvestment => new(58372m, XStyle.Number),
        LedgerField.AnnualPlan => new(3223m, XStyle.Number),
        LedgerField.YearToDate => new(668m, XStyle.Number),
        LedgerField.Cumulative => new(668m, XStyle.Number),
        LedgerField.PlannedStart => new(new DateOnly(year, 3, 1), XStyle.Date),
        LedgerField.ActualStart => new(new DateOnly(year, 3, 5), XStyle.Date),
        LedgerField.StartDate => new(new DateOnly(year, 3, 5), XStyle.Date),
        LedgerField.PlannedCompletion => new(new DateOnly(year + 1, 12, 31), XStyle.Date),
        LedgerField.Status => new("在建"),
        LedgerField.ImageProgress => new("厂房桩基施工"),
        LedgerField.LandArea => new(120m, XStyle.Number),
        LedgerField.FloorArea => new(45000m, XStyle.Number),
        LedgerField.OutputValue => new(80000m, XStyle.Number),
        LedgerField.Tax => new(3000m, XStyle.Number),
        LedgerField.Jobs => new(300m, XStyle.Integer),
        LedgerField.Leader => new("管委会副主任"),
        LedgerField.ResponsibleUnit => new("经济发展局"),
        LedgerField.Contact => new("王工 0353-1234567"),
        LedgerField.Remarks => new("示例行：填写前请删除或改为实际项目"),
        _ => new(null),
    };
}
