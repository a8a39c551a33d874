using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Indicators.Files;

/// <summary>
/// The demo's economic indicators (docs/domain.md "Economic indicators", the demo): 阳泉市's first quarter of 2022
/// as seed 001 prints it, with the other cities of 山西省 for the two indicators it ranks (their values are
/// invented, consistent with 阳泉's printed 2nd place), and 原平经济技术开发区's first five months of 2024 (seed 002).
/// </summary>
public static class IndicatorDemo
{
    public static readonly Period Quarter = new(2022, 3);

    public static readonly Period FiveMonths = new(2024, 5);

    /// <summary>山西省's eleven cities; those the ledger does not name are added.</summary>
    public static readonly string[] Cities = ["太原市", "大同市", "朔州市", "忻州市", "吕梁市", "晋中市", "阳泉市", "长治市", "晋城市", "临汾市", "运城市"];

    /// <summary>社会消费品零售总额 (亿元, growth %): 阳泉 is 2nd behind 大同. Invented but for 阳泉.</summary>
    private static readonly (string City, decimal Yi, decimal Growth)[] Retail =
    [
        ("太原市", 520.3m, 2.1m), ("大同市", 180.6m, 4.5m), ("朔州市", 72.4m, 2.8m), ("忻州市", 88.1m, 3.0m), ("吕梁市", 110.2m, 1.9m),
        ("晋中市", 150.7m, 2.5m), ("阳泉市", 74.5m, 3.2m), ("长治市", 170.5m, 2.7m), ("晋城市", 120.9m, 3.1m), ("临汾市", 160.3m, 2.2m), ("运城市", 175.8m, 2.9m),
    ];

    /// <summary>一般公共预算收入 (亿元, growth %): 阳泉 is 2nd behind 朔州. Invented but for 阳泉.</summary>
    private static readonly (string City, decimal Yi, decimal Growth)[] Revenue =
    [
        ("太原市", 150.2m, 35.6m), ("大同市", 45.3m, 60.3m), ("朔州市", 40.8m, 98.7m), ("忻州市", 35.6m, 72.4m), ("吕梁市", 60.9m, 85.1m),
        ("晋中市", 38.7m, 40.2m), ("阳泉市", 27.5m, 90.9m), ("长治市", 70.1m, 78.5m), ("晋城市", 58.4m, 88.3m), ("临汾市", 42.6m, 55.0m), ("运城市", 33.9m, 30.4m),
    ];

    /// <summary>Loads the demo's indicators once: loading the demo again changes nothing.</summary>
    public static async Task LoadAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.IndicatorValues.AnyAsync(ct))
        {
            return;
        }

        var tree = await db.LoadTreeAsync(ct);
        if (tree.All.FirstOrDefault(r => r.Name == "山西省" && r.Kind == OrgUnitKind.Province) is not { } province)
        {
            return;
        }

        var provinceUnit = await db.OrgUnits.SingleAsync(u => u.Id == province.Id, ct);
        var known = tree.ChildrenOf(province.Id).Select(c => c.Name).ToHashSet();
        foreach (var city in Cities.Where(c => !known.Contains(c)))
        {
            db.OrgUnits.Add(new OrgUnit(city, OrgUnitKind.City, provinceUnit));
        }

        await db.SaveChangesAsync(ct);
        tree = await db.LoadTreeAsync(ct);
        if (!tree.ChildrenOf(tree.Resolve("忻州市").Id).Any(u => u.Name == "原平经济技术开发区"))
        {
            var xinzhou = await db.OrgUnits.SingleAsync(u => u.ParentId == province.Id && u.Name == "忻州市", ct);
            db.OrgUnits.Add(new OrgUnit("原平经济技术开发区", OrgUnitKind.Zone, xinzhou));
            await db.SaveChangesAsync(ct);
            tree = await db.LoadTreeAsync(ct);
        }

        int City(string name) => tree.ChildrenOf(province.Id).Single(c => c.Name == name).Id;
        var now = clock.GetUtcNow();
        var yangquan = City("阳泉市");
        void Add(int unit, string indicator, Period period, IndicatorFigure figure) =>
            db.IndicatorValues.Add(new IndicatorValue(unit, Indicator.Seeded.Single(i => i.Name == indicator).Id, period, figure, "demo", now));

        // Seed 001: "一季度阳泉市地区生产总值完成243.4亿元，增长6.0%…社会消费品零售总额74.5亿元，增长3.2%，列全省第2位。
        // 一般公共预算收入27.5亿元，同比增长90.9%，列全省第2位"; "新设立市场主体4381户，同比增长53.9%"; "到3月底，全市规上原煤产量
        // 实现1702.8万吨，增长5.4%；发电量完成63.2亿千瓦时，增长36.3%".
        Add(yangquan, "地区生产总值", Quarter, new IndicatorFigure { Value = 2_434_000m, Growth = 6.0m });
        foreach (var (city, yi, growth) in Retail)
        {
            Add(City(city), "社会消费品零售总额", Quarter, new IndicatorFigure { Value = yi * 10_000m, Growth = growth, PublishedRank = city == "阳泉市" ? 2 : null });
        }

        foreach (var (city, yi, growth) in Revenue)
        {
            Add(City(city), "一般公共预算收入", Quarter, new IndicatorFigure { Value = yi * 10_000m, Growth = growth, PublishedRank = city == "阳泉市" ? 2 : null });
        }

        Add(yangquan, "新设立市场主体", Quarter, new IndicatorFigure { Value = 4381m, Growth = 53.9m });
        Add(yangquan, "规上原煤产量", Quarter, new IndicatorFigure { Value = 1702.8m, Growth = 5.4m });
        Add(yangquan, "发电量", Quarter, new IndicatorFigure { Value = 63.2m, Growth = 36.3m });

        // Seed 002: "今年前5个月，开发区规模以上工业增加值完成13.18亿元，增速19.42%，转型项目完成投资12.75亿元，占工业投资额90.2%":
        // 工业投资 is 12.75 / 90.2% = 14.14亿元, derived from the two printed numbers.
        var yuanping = tree.ChildrenOf(City("忻州市")).Single(u => u.Name == "原平经济技术开发区").Id;
        Add(yuanping, "规上工业增加值", FiveMonths, new IndicatorFigure { Value = 131_800m, Growth = 19.42m, Decimals = 2 });
        Add(yuanping, "工业投资", FiveMonths, new IndicatorFigure { Value = 141_400m });

        // An invented yearly target, so the desk shows a gap: 地区生产总值 to grow 6.5% in 2022.
        db.IndicatorTargets.Add(new IndicatorTarget(yangquan, Indicator.Seeded.Single(i => i.Name == "地区生产总值").Id, 2022, TargetKind.Growth, 6.5m));
        await db.SaveChangesAsync(ct);
    }
}
