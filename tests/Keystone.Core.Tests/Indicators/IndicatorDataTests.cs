using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Indicators;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Indicators;

public class IndicatorDataTests
{
    private static readonly DateTimeOffset At = new(2022, 4, 20, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Period March = new(2022, 3);

    private static async Task<OrgTree> ProvinceAsync(AppDbContext db)
    {
        var shanxi = new OrgUnit("山西省", OrgUnitKind.Province, null);
        var taiyuan = new OrgUnit("太原市", OrgUnitKind.City, shanxi);
        var yangquan = new OrgUnit("阳泉市", OrgUnitKind.City, shanxi);
        var datong = new OrgUnit("大同市", OrgUnitKind.City, shanxi);
        db.OrgUnits.AddRange(
            shanxi, taiyuan, yangquan, datong,
            new OrgUnit("阳泉高新区", OrgUnitKind.Zone, yangquan),
            new OrgUnit("大同经开区", OrgUnitKind.Zone, datong),
            new OrgUnit("盂县", OrgUnitKind.County, yangquan),
            new OrgUnit("河北省", OrgUnitKind.Province, null));
        await db.SaveChangesAsync();
        return await db.LoadTreeAsync();
    }

    [Theory]
    [DatabaseData]
    public async Task TheCatalogue_IsSeeded_AndAProvincesOwnIndicatorIsSeenOnlyBelowIt(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var tree = await ProvinceAsync(db);
        var shanxi = tree.Resolve("山西省").Id;
        var own = new Indicator("数字经济核心产业增加值", "亿元", IndicatorAccumulation.YearToDate, 1, IndicatorRankBy.Growth, shanxi, 200);
        db.Indicators.Add(own);
        await db.SaveChangesAsync();

        var zone = await IndicatorData.CatalogueAsync(db, tree, tree.Resolve("阳泉高新区").Id);
        Assert.Equal(12, zone.Count);
        Assert.Equal(["地区生产总值", "规上工业增加值", "工业投资", "固定资产投资", "社会消费品零售总额", "一般公共预算收入", "新设立市场主体", "规上原煤产量", "发电量", "营业收入", "税收", "数字经济核心产业增加值"], zone.Select(i => i.Name));
        Assert.True(zone.Single(i => i.Name == "规上工业增加值").ComparablePrices);
        Assert.Equal("万元", zone[0].StoredUnit);

        var hebei = await IndicatorData.CatalogueAsync(db, tree, tree.Resolve("河北省").Id);
        Assert.Equal(11, hebei.Count);
    }

    [Theory]
    [DatabaseData]
    public async Task Values_AreStoredRecordedAgainAndRanked_OnBothDatabases(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var tree = await ProvinceAsync(db);
        int Id(string name) => tree.Resolve(name).Id;
        var retail = Indicator.Seeded.Single(i => i.Name == "社会消费品零售总额");

        // 阳泉: 74.5亿元 against 72.2亿元 stored a year before (3.2%); 太原 +4.1% and 大同 3.2% given: 阳泉 ties 大同 for 2nd.
        await IndicatorData.RecordAsync(db, Id("阳泉市"), retail.Id, new Period(2021, 3), new IndicatorFigure { Value = 722_000m }, "test", At);
        await IndicatorData.RecordAsync(db, Id("阳泉市"), retail.Id, March, new IndicatorFigure { Value = 745_000m }, "test", At);
        await IndicatorData.RecordAsync(db, Id("太原市"), retail.Id, March, new IndicatorFigure { Value = 3_000_000m, Growth = 4.1m }, "test", At);
        await IndicatorData.RecordAsync(db, Id("大同市"), retail.Id, March, new IndicatorFigure { Value = 900_000m, Growth = 3.2m }, "test", At);
        await IndicatorData.SetTargetAsync(db, Id("阳泉市"), retail.Id, 2022, TargetKind.Growth, 6m);

        await using var read = test.NewContext();
        var input = await IndicatorData.InputsAsync(read, tree, [Id("阳泉市")], March);
        var row = Assert.Single(IndicatorEngine.Table(input, Id("阳泉市"), March));
        Assert.Equal(745_000m, row.Value);
        Assert.Equal(722_000m, row.LastYear);
        Assert.Equal(3.2m, row.PrintedGrowth);
        Assert.Equal(new IndicatorStanding(2, 3, false, "全省"), row.Standing);
        Assert.Equal(-2.8m, decimal.Round(row.Target!.Gap!.Value, 1));

        // Recording again replaces the figure (one row per unit, indicator and month), and the audit log keeps it.
        await IndicatorData.RecordAsync(read, Id("大同市"), retail.Id, March, new IndicatorFigure { Value = 900_000m, Growth = 2.0m }, "test", At);
        await using var again = test.NewContext();
        var datong = Id("大同市");
        Assert.Equal(1, await again.IndicatorValues.CountAsync(v => v.OrgUnitId == datong));
        var ranked = IndicatorEngine.Table(await IndicatorData.InputsAsync(again, tree, [Id("阳泉市")], March), Id("阳泉市"), March);
        Assert.Equal(2, ranked[0].Standing!.Rank);
        Assert.Equal(3, IndicatorEngine.RankTable(await IndicatorData.InputsAsync(again, tree, [Id("大同市")], March), retail, [Id("大同市")], March)[0].Standing!.Rank);
        Assert.True(await again.AuditEntries.CountAsync() >= 5);
    }

    [Theory]
    [DatabaseData]
    public async Task AFigure_WithNeitherValueNorGrowth_IsRefused_AndNothingIsStored(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        var tree = await ProvinceAsync(db);
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            IndicatorData.RecordAsync(db, tree.Resolve("阳泉市").Id, 1, March, new IndicatorFigure { LastYear = 1m, PublishedRank = 0 }, "test", At));
        Assert.Equal(["value", "rank"], error.Errors.Select(e => e.Field));
        await using var read = test.NewContext();
        Assert.Equal(0, await read.IndicatorValues.CountAsync());
    }
}
