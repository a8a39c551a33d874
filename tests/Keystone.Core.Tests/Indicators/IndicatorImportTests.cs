using System.Text;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Indicators;
using Keystone.Core.Indicators.Files;
using Keystone.Core.Ledger;
using Keystone.Core.Units;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Indicators;

public class IndicatorImportTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2022, 4, 20, 9, 0, 0, TimeSpan.FromHours(8)));

    private static async Task ProvinceAsync(AppDbContext db)
    {
        var shanxi = new OrgUnit("山西省", OrgUnitKind.Province, null);
        var yangquan = new OrgUnit("阳泉市", OrgUnitKind.City, shanxi);
        db.OrgUnits.AddRange(shanxi, yangquan, new OrgUnit("阳泉高新区", OrgUnitKind.Zone, yangquan));
        await db.SaveChangesAsync();
    }

    /// <summary>The statistics office's table: two title rows, then 地区 over two rows and each indicator over 绝对值 and 同比增长.</summary>
    private static TestLedger StatisticsTable(params object?[][] rows)
    {
        var table = new TestLedger { Headers = ["地区", "绝对值", "同比增长（%）", "绝对值", "同比增长（%）"], Sheet = "主要指标" };
        table.Title("2022年1-3月全省各市主要经济指标");
        table.Title("单位：亿元、%");
        table.Title("地区", "地区生产总值", null, "社会消费品零售总额", null);
        table.Merges.Add((3, 1, 3, 2));
        table.Merges.Add((3, 3, 3, 4));
        table.Merges.Add((3, 0, 4, 0));
        foreach (var row in rows)
        {
            table.Row(row);
        }

        return table;
    }

    [Theory]
    [DatabaseData]
    public async Task TheStatisticsOfficesTable_IsReadAsItComes_AndNewCitiesAreCreatedUnderTheProvince(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        await ProvinceAsync(db);
        var file = StatisticsTable(
            ["全省", 5120.6m, 4.6m, 1630.4m, 2.9m],
            ["阳泉市", 243.4m, 6.0m, 74.5m, 3.2m],
            ["朔州市", 260.1m, 5.1m, "72.40", "-2.10"]).Xlsx("主要指标.xlsx");

        var result = await new IndicatorImport(db, Clock).ImportAsync(file, null, "test");
        Assert.Empty(result.Problems);
        Assert.True(result.Applied);
        Assert.Equal(6, result.Values);
        Assert.Equal(["山西省/朔州市"], result.UnitsCreated);
        Assert.Equal([new Period(2022, 3)], result.Periods);

        await using var read = test.NewContext();
        var tree = await read.LoadTreeAsync();
        Assert.Equal(OrgUnitKind.City, tree.Resolve("朔州市").Kind);
        var yangquan = await IndicatorData.TableAsync(read, tree, tree.Resolve("阳泉市").Id, new Period(2022, 3));
        Assert.Equal([("地区生产总值", 2_434_000m, 6.0m), ("社会消费品零售总额", 745_000m, 3.2m)], yangquan.Select(r => (r.Indicator.Name, r.Value!.Value, r.PrintedGrowth!.Value)));
        Assert.Equal("增长6.0%", IndicatorWording.Growth(yangquan[0].Growth!.Value, yangquan[0].Decimals));
        // Both cities have values: 阳泉 +3.2% is 1st of 2, 朔州 −2.1% 2nd (kept with the two decimals typed).
        Assert.Equal(1, yangquan[1].Standing!.Rank);
        var shuozhou = await IndicatorData.TableAsync(read, tree, tree.Resolve("朔州市").Id, new Period(2022, 3));
        Assert.Equal(-2.1m, shuozhou[1].PrintedGrowth);
        Assert.Equal(2, shuozhou[1].Decimals);
        Assert.Single(await IndicatorData.TableAsync(read, tree, tree.Resolve("山西省").Id, new Period(2022, 3)), r => r.Value == 51_206_000m);

        // The same file again changes nothing but the values' own timestamps: still one row each.
        await using var again = test.NewContext();
        Assert.True((await new IndicatorImport(again, Clock).ImportAsync(file, null, "test")).Applied);
        Assert.Equal(6, await again.IndicatorValues.CountAsync());
    }

    [Theory]
    [DatabaseData]
    public async Task ABadFile_ChangesNothing_AndEveryProblemIsListedWithWhereAndWhy(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        await ProvinceAsync(db);
        var table = StatisticsTable(
            ["阳泉市", 243.4m, "六点零", 74.5m, 3.2m],
            ["朔州市", 260.1m, 5.1m, -72.4m, 1m],
            ["阳泉市", null, null, 1m, 1m]);
        var file = table.Xlsx("主要指标.xlsx");

        var result = await new IndicatorImport(db, Clock).ImportAsync(file, null, "test");
        Assert.False(result.Applied);
        Assert.Equal(
            [
                (5, "地区生产总值同比增长（%）", "不是数字"),
                (6, "社会消费品零售总额绝对值", "数值-724000.0不能为负"),
                (7, "社会消费品零售总额", "阳泉市的社会消费品零售总额（2022-03）在第5行已有"),
            ],
            result.Problems.Select(p => (p.Row, p.Column!, p.Reason.Zh)));
        await using var read = test.NewContext();
        Assert.Equal(0, await read.IndicatorValues.CountAsync());
        Assert.False(await read.OrgUnits.AnyAsync(u => u.Name == "朔州市"));

        // The marked-up copy carries the reasons beside the rows.
        using var copy = new MemoryStream();
        ErrorWorkbook.Write(file, result.Sheet, result.HeaderRow, result.Problems, result.Columns, copy);
        var rows = LedgerSource.FromBytes(copy.ToArray(), "copy.xlsx", LedgerLimits.Default).Rows("主要指标").ToList();
        Assert.Contains("不是数字", rows.Single(r => r.Number == 5).Cells.Last()?.ToString());
    }

    [Theory]
    [DatabaseData]
    public async Task OneRowPerValue_NamesItsPeriod_AndCreatesAZoneUnderItsNewCity(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        await ProvinceAsync(db);
        var file = new TestLedger { Headers = ["所属地市", "单位", "指标", "报告期", "数值（亿元）", "同比增长（%）", "名次"] }
            .Row("忻州市", "原平经济技术开发区", "规模以上工业增加值", "2024年1-5月", "13.18", "19.42", null)
            .Row("阳泉市", "阳泉高新区", "工业投资", "2024-05", "20.5", null, "3")
            .Csv(Encoding.UTF8, name: "指标.csv");

        var result = await new IndicatorImport(db, Clock).ImportAsync(file, null, "test");
        Assert.Empty(result.Problems);
        Assert.Equal(["山西省/忻州市", "山西省/忻州市/原平经济技术开发区"], result.UnitsCreated);

        await using var read = test.NewContext();
        var tree = await read.LoadTreeAsync();
        var yuanping = tree.Resolve("原平经济技术开发区");
        Assert.Equal(OrgUnitKind.Zone, yuanping.Kind);
        var row = Assert.Single(await IndicatorData.TableAsync(read, tree, yuanping.Id, new Period(2024, 5)));
        Assert.Equal("规上工业增加值完成13.18亿元，增长19.42%", IndicatorWording.Clause(row));

        // 阳泉高新区's published rank stands while its peer 原平 has no 工业投资.
        var gaoxin = Assert.Single(await IndicatorData.TableAsync(read, tree, tree.Resolve("阳泉高新区").Id, new Period(2024, 5)));
        Assert.Equal(new IndicatorStanding(3, 3, true, "全省"), gaoxin.Standing);
    }

    [Theory]
    [DatabaseData]
    public async Task AFileThatNamesNoPeriod_IsRefused_UnlessOneIsGiven(DbProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.NewContext();
        await ProvinceAsync(db);
        var file = new TestLedger { Headers = ["单位", "地区生产总值（亿元）", "地区生产总值增速（%）"] }.Row("阳泉市", 243.4m, 6m).Xlsx("指标.xlsx");

        var refused = await new IndicatorImport(db, Clock).ImportAsync(file, null, "test");
        Assert.Contains("--period", Assert.Single(refused.Problems).Reason.Zh);

        var given = await new IndicatorImport(db, Clock).ImportAsync(file, new Period(2022, 3), "test");
        Assert.True(given.Applied);
        Assert.Equal(1, given.Values);
    }
}
