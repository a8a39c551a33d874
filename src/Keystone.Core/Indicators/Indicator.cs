namespace Keystone.Core.Indicators;

/// <summary>Whether an indicator's value for a month is the year to date (1-5月) or the month alone.</summary>
public enum IndicatorAccumulation
{
    /// <summary>Year to date: March's value is 一季度's, December's is 全年's.</summary>
    YearToDate,

    /// <summary>The month alone (a month's output, a month's new registrations).</summary>
    Monthly,
}

/// <summary>What peers are ranked by (列全省第N位): the growth, unless the indicator says the value.</summary>
public enum IndicatorRankBy
{
    Growth,
    Value,
}

/// <summary>
/// An economic indicator of the catalogue (经济指标): its name, the unit it is published in, whether its values
/// are year to date or monthly, the decimals its growth is published with, and what ranks it. The seeded
/// indicators belong to no province; a province adds its own (<see cref="ProvinceId"/>), seen by the units below it
/// (docs/domain.md "Economic indicators").
/// </summary>
public sealed class Indicator
{
    public const int MaxNameLength = 50;
    public const int MaxUnitLength = 16;
    public const int MaxWordLength = 8;

    /// <summary>The units an indicator may be published in; 亿元 and 万元 are money and are kept in 万元.</summary>
    public static readonly IReadOnlyList<string> Units = ["亿元", "万元", "万吨", "亿千瓦时", "万千瓦时", "户", "家", "个", "人", "万人", "%"];

    public Indicator(string name, string unit, IndicatorAccumulation accumulation, int growthDecimals, IndicatorRankBy rankBy, int? provinceId, int order)
    {
        var errors = new List<DomainException>();
        var n = (name ?? "").Trim();
        if (n.Length is 0 or > MaxNameLength)
        {
            errors.Add(new(new("指标名称不能为空，且不超过50字", "The indicator's name is required and at most 50 characters"), "name"));
        }

        var u = (unit ?? "").Trim();
        if (!Units.Contains(u))
        {
            errors.Add(new(new($"计量单位“{u}”不在可选范围内（{string.Join("、", Units)}）", $"The unit \"{u}\" is not one of {string.Join(", ", Units)}"), "unit"));
        }

        if (growthDecimals is < 0 or > 4)
        {
            errors.Add(new(new("增速小数位数应为0至4", "The growth's decimals are 0 to 4"), "growthDecimals"));
        }

        if (!Enum.IsDefined(accumulation) || !Enum.IsDefined(rankBy))
        {
            errors.Add(new(new("指标的累计方式或排名依据无效", "The indicator's accumulation or rank basis is not valid"), "accumulation"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Name = n;
        Unit = u;
        Accumulation = accumulation;
        GrowthDecimals = growthDecimals;
        RankBy = rankBy;
        ProvinceId = provinceId;
        Order = order;
        Verb = "";
        GrowthWord = "增长";
    }

    private Indicator()
    {
        Name = "";
        Unit = "";
        Verb = "";
        GrowthWord = "增长";
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The unit the indicator is published in (亿元, 万吨, 户 …).</summary>
    public string Unit { get; private set; }

    public IndicatorAccumulation Accumulation { get; private set; }

    /// <summary>The decimals its growth is published with (1 by default: "增长6.0%").</summary>
    public int GrowthDecimals { get; private set; }

    public IndicatorRankBy RankBy { get; private set; }

    /// <summary>
    /// Growth published at comparable prices (可比价: 地区生产总值, 规上工业增加值): it is stored as given and never
    /// computed from the values, which are at current prices.
    /// </summary>
    public bool ComparablePrices { get; private set; }

    /// <summary>The province that added it; null for the seeded catalogue every unit sees.</summary>
    public int? ProvinceId { get; private set; }

    /// <summary>Where it stands in tables and paragraphs (the seeded order is the newspapers').</summary>
    public int Order { get; private set; }

    /// <summary>The verb a paragraph puts before its value ("完成243.4亿元", "实现1702.8万吨"), or none.</summary>
    public string Verb { get; private set; }

    /// <summary>How a paragraph introduces its growth: "增长" or "同比增长".</summary>
    public string GrowthWord { get; private set; }

    /// <summary>The paragraph's wording for the indicator ("完成", "同比增长").</summary>
    public void Phrase(string? verb, string? growthWord)
    {
        var v = (verb ?? "").Trim();
        var g = string.IsNullOrWhiteSpace(growthWord) ? "增长" : growthWord.Trim();
        if (v.Length > MaxWordLength || g.Length > MaxWordLength)
        {
            throw new DomainException(new("措辞不超过8个字", "A phrase is at most 8 characters"), "verb");
        }

        Verb = v;
        GrowthWord = g;
    }

    public void PublishGrowthAtComparablePrices(bool comparable) => ComparablePrices = comparable;

    public IndicatorInfo Info => new(Id, Name, Unit, Accumulation, GrowthDecimals, RankBy, ComparablePrices, ProvinceId, Order, Verb, GrowthWord);

    /// <summary>
    /// The seeded catalogue (issue 13; the phrasing of seeds 001 and 002). Ids are fixed: the migrations insert
    /// these rows, and a province's own indicators come after them.
    /// </summary>
    public static IReadOnlyList<IndicatorInfo> Seeded { get; } =
    [
        new(1, "地区生产总值", "亿元", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, true, null, 10, "完成", "增长"),
        new(2, "规上工业增加值", "亿元", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, true, null, 20, "完成", "增长"),
        new(3, "工业投资", "亿元", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, false, null, 30, "完成", "增长"),
        new(4, "固定资产投资", "亿元", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, false, null, 40, "完成", "增长"),
        new(5, "社会消费品零售总额", "亿元", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, false, null, 50, "", "增长"),
        new(6, "一般公共预算收入", "亿元", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, false, null, 60, "", "同比增长"),
        new(7, "新设立市场主体", "户", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, false, null, 70, "", "同比增长"),
        new(8, "规上原煤产量", "万吨", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, false, null, 80, "实现", "增长"),
        new(9, "发电量", "亿千瓦时", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, false, null, 90, "完成", "增长"),
        new(10, "营业收入", "亿元", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, false, null, 100, "实现", "增长"),
        new(11, "税收", "亿元", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, false, null, 110, "实现", "增长"),
    ];
}

/// <summary>An indicator as the engines need it.</summary>
public sealed record IndicatorInfo(
    int Id, string Name, string Unit, IndicatorAccumulation Accumulation, int GrowthDecimals, IndicatorRankBy RankBy,
    bool ComparablePrices, int? ProvinceId, int Order, string Verb, string GrowthWord)
{
    /// <summary>Money (亿元, 万元) is kept in 万元 like all money; any other unit as published.</summary>
    public bool IsMoney => Unit is "亿元" or "万元";

    /// <summary>The unit values are stored, returned and imported in once converted.</summary>
    public string StoredUnit => IsMoney ? "万元" : Unit;
}
