using Keystone.Core.Data;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using static Keystone.Core.Tests.Enterprises.EnterpriseChainsTests;

namespace Keystone.Core.Tests.Enterprises;

/// <summary>The register file carries 产业链 and 产业链环节: the import sets the chain map's member rows, all or nothing; the export writes them.</summary>
public class EnterpriseChainsRegisterFileTests
{
    private static readonly string NewUscc = "91140300MA0K12345" + Uscc.CheckCharacter("91140300MA0K12345");
    private static readonly string OtherUscc = "91140300MA0K54321" + Uscc.CheckCharacter("91140300MA0K54321");

    /// <summary>A register with the chain columns under their aliases 所属产业链 and 环节.</summary>
    private static TestLedger Register(params object?[][] rows)
    {
        var file = new TestLedger { Sheet = "企业库", Headers = ["社会信用代码", "企业全称", "所属产业链", "环节"] };
        foreach (var row in rows)
        {
            file.Row(row);
        }

        return file;
    }

    private static async Task<RegisterImportResult> ImportAsync(TestDatabase db, LedgerSource source)
    {
        await using var context = db.NewContext();
        var tree = await context.LoadTreeAsync();
        return await RegisterImport.ApplyAsync(context, tree, tree.Resolve("阳泉高新区").Id, RegisterFile.Read(source, 2024), dryRun: false);
    }

    [Theory]
    [DatabaseData]
    public async Task Import_WithChainColumns_PutsKnownAndNewEnterprisesOnTheirLinks(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);

        var result = await ImportAsync(db, Register(
            [ZoneUscc, "阳泉东区智慧有限公司", Chain, "封装"],
            [NewUscc, "阳泉碳化硅应用有限公司", Chain, "应用"]).Xlsx());

        Assert.True(result.Applied, string.Join("\n", result.Problems));
        Assert.Equal((1, 1), (result.New, result.Updated));
        var zone = result.Changes.Single(c => c.Uscc == ZoneUscc);
        Assert.Equal([("产业链", "", Chain), ("产业链环节", "", "封装")], zone.Fields.Select(f => (f.Column, f.Before, f.After)));
        Assert.Equal(new ChainPlace(Chain, "封装"), await PlaceAsync(db, ZoneUscc));
        Assert.Equal(new ChainPlace(Chain, "应用"), await PlaceAsync(db, NewUscc));
        Assert.Equal(["装备", "芯片"], (await MapAsync(db)).Gaps.Select(g => g.Name));
    }

    [Theory]
    [DatabaseData]
    public async Task Import_ABadChainOrLinkCell_RefusesTheWholeFile_OnThatCell_AndNothingChanges(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var file = Register(
            [ZoneUscc, "阳泉东区智慧有限公司", Chain, "封装"],
            [NewUscc, "阳泉碳化硅应用有限公司", Chain, "电池"],
            [OtherUscc, "阳泉储能有限公司", "新能源", "电池"]);

        var result = await ImportAsync(db, file.Xlsx());

        Assert.False(result.Applied);
        Assert.Empty(result.Changes);
        Assert.Equal(
            [(file.RowNumber(1), "产业链环节", "电池"), (file.RowNumber(2), "产业链", "新能源")],
            result.Problems.Select(p => (p.Row, p.Column, p.Value)).Order());
        Assert.Contains("可选 材料、装备、芯片、封装、应用", result.Problems.Single(p => p.Column == "产业链环节").Reason.Zh, StringComparison.Ordinal);
        Assert.Null(await PlaceAsync(db, ZoneUscc));
        await using var c = db.NewContext();
        var key = new Uscc(NewUscc);
        Assert.False(await c.Enterprises.AnyAsync(e => e.Uscc == key));
        Assert.Equal(4, (await MapAsync(db)).Gaps.Count());
    }

    [Theory]
    [DatabaseData]
    public async Task Import_WithoutChainColumns_KeepsThePlace_AndBlankCellsTakeItOff(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SetAsync(db, ZoneUscc, Chain, "芯片");
        var without = new TestLedger { Sheet = "企业库", Headers = ["社会信用代码", "企业全称"] };
        without.Row(ZoneUscc, "阳泉东区智慧有限公司");

        var kept = await ImportAsync(db, without.Xlsx());

        Assert.Equal(1, kept.Unchanged);
        Assert.Equal(new ChainPlace(Chain, "芯片"), await PlaceAsync(db, ZoneUscc));

        var cleared = await ImportAsync(db, Register([ZoneUscc, "阳泉东区智慧有限公司", "", ""]).Xlsx());

        Assert.Equal(1, cleared.Updated);
        Assert.Null(await PlaceAsync(db, ZoneUscc));
    }

    [Theory]
    [DatabaseData]
    public async Task Export_WritesChainAndLink_AndImportingItChangesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        await SetAsync(db, ZoneUscc, Chain, "装备");
        using var export = new MemoryStream();
        await using (var c = db.NewContext())
        {
            var tree = await c.LoadTreeAsync();
            await RegisterExport.WriteAsync(c, tree, tree.Resolve("阳泉高新区").Id, export);
        }

        var source = LedgerSource.FromBytes(export.ToArray(), "阳泉高新区企业库.xlsx", LedgerLimits.Default);
        var read = RegisterFile.Read(source, 2024);
        Assert.Equal(["产业链", "产业链环节"], read.Columns.OrderBy(c => c.Value).TakeLast(2).Select(c => c.Key));
        var zone = read.Rows.Single(r => r.Uscc.Value == ZoneUscc);
        Assert.Equal((Chain, "装备"), (zone.Chain, zone.Link));
        Assert.Contains(read.Rows, r => (r.Chain, r.Link) == (Chain, "材料")); // 康博特, placed by the chain map

        var again = await ImportAsync(db, source);

        Assert.True(again.Problems.Count == 0, string.Join("\n", again.Problems));
        Assert.Equal(0, again.New + again.Updated);
        Assert.Equal(new ChainPlace(Chain, "装备"), await PlaceAsync(db, ZoneUscc));
    }
}
