using Keystone.Core.Data;
using Keystone.Core.Enterprises.Service;
using Keystone.Core.Ledger;
using Keystone.Core.Projects;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Tests.Enterprises;

/// <summary>The register file (企业库) goes in and out with the ledger's conventions, all or nothing, and names the ledger's own records.</summary>
public class RegisterImportTests
{
    private const string ZoneUscc = "91140300CBPRNJHCCN"; // the demo ledger's 阳泉东区智慧有限公司, 阳泉高新区's
    private const string GuxianUscc = "91141000BFR805D5AL"; // 古县's
    private static readonly string NewUscc = "91140300MA0K12345" + Uscc.CheckCharacter("91140300MA0K12345");
    private static readonly string OtherUscc = "91140300MA0K54321" + Uscc.CheckCharacter("91140300MA0K54321");

    private static TestLedger Register(params object?[][] rows)
    {
        var file = new TestLedger
        {
            Sheet = "企业库",
            Headers = ["序号", "社会信用代码", "企业全称", "所属区域", "国民经济行业代码", "所属行业", "规上企业", "入统时间", "链主", "从业人数", "上年产值", "上年营业收入（万元）", "注册地址", "企业联系人", "联系电话", "包联领导", "包联部门"],
        };
        file.Title("阳泉高新区重点企业名录");
        file.Title("单位：亿元");
        foreach (var row in rows)
        {
            file.Row(row);
        }

        return file;
    }

    private static object?[] Row(int n, string uscc, string name, string industryCode = "C3311", string aboveScale = "是", object? since = null) =>
        [n, uscc, name, "阳泉高新区", industryCode, "结构性金属制品制造", aboveScale, since ?? "2023年6月", "否", "120", "1.5", "12000", "阳泉市高新区东区路1号", "张总", "0353-1234567", "王强", "经发局"];

    private static async Task<(RegisterImportResult Result, RegisterRead Read)> ImportAsync(TestDatabase db, LedgerSource source, string scope = "阳泉高新区")
    {
        await using var context = db.NewContext();
        var tree = await context.LoadTreeAsync();
        var read = RegisterFile.Read(source, 2024);
        return (await RegisterImport.ApplyAsync(context, tree, tree.Resolve(scope).Id, read, dryRun: false), read);
    }

    private static async Task<Enterprise> FindAsync(TestDatabase db, string uscc)
    {
        await using var context = db.NewContext();
        var key = new Uscc(uscc);
        return await context.Enterprises.AsNoTracking().SingleAsync(e => e.Uscc == key);
    }

    [Theory]
    [DatabaseData]
    public async Task Import_ReadsTitleRowsHeaderVariantsAndYiYuan_AndTheLedgersEnterpriseIsTheSameRecord(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var before = await FindAsync(db, ZoneUscc);
        int projectsBefore;
        await using (var c = db.NewContext())
        {
            projectsBefore = await c.Projects.CountAsync(p => p.EnterpriseId == before.Id);
        }

        var (result, _) = await ImportAsync(db, Register(Row(1, ZoneUscc, "阳泉东区智慧有限公司"), Row(2, NewUscc, "阳泉新材料有限公司", "3311", "否", "")).Xlsx());

        Assert.True(result.Applied, string.Join("\n", result.Problems));
        Assert.Equal((1, 1, 0), (result.New, result.Updated, result.Unchanged));
        var known = await FindAsync(db, ZoneUscc);
        Assert.Equal(before.Id, known.Id); // the ledger's record, not a second one
        Assert.Equal("C3311", known.IndustryCode);
        Assert.True(known.AboveScale);
        Assert.Equal(new Period(2023, 6), known.AboveScaleSince);
        Assert.Equal(120, known.Employees);
        Assert.Equal(15_000m, known.LastYearOutput!.Value.Wan); // 1.5 under "单位：亿元"
        Assert.Equal(12_000m, known.LastYearRevenue!.Value.Wan); // the header's own 万元 wins
        Assert.Equal(("王强", "经发局"), (known.Liaison!.Name, known.Liaison.Department));
        var fresh = await FindAsync(db, NewUscc);
        Assert.False(fresh.AboveScale);
        Assert.Equal("3311", fresh.IndustryCode);
        await using (var c = db.NewContext())
        {
            var zone = (await c.LoadTreeAsync()).Resolve("阳泉高新区").Id;
            Assert.Equal(zone, fresh.OwnerUnitId);
            Assert.Equal(projectsBefore, await c.Projects.CountAsync(p => p.EnterpriseId == before.Id));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task Import_RefusesTheWholeFile_ListingEveryProblem_AndMarksUpACopy(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var bad = Row(3, "91140300MA0K1234X", "坏代码公司");
        var dup = Row(4, NewUscc, "重复公司");
        var month = Row(5, OtherUscc, "月份错公司", since: "去年");
        var flag = Row(6, GuxianUscc, "古县2024有限公司", aboveScale: "也许");
        var file = Register(Row(1, NewUscc, "好公司"), bad, dup, month, flag);

        var (result, read) = await ImportAsync(db, file.Xlsx());

        Assert.False(result.Applied);
        Assert.Empty(result.Changes);
        var rows = result.Problems.Select(p => (p.Row, p.Column)).ToList();
        Assert.Contains((file.RowNumber(1), "社会信用代码"), rows);
        Assert.Contains((file.RowNumber(2), "社会信用代码"), rows); // repeats row 1
        Assert.Contains((file.RowNumber(3), "入统时间"), rows);
        Assert.Contains((file.RowNumber(4), "规上企业"), rows);
        await using (var c = db.NewContext())
        {
            var key = new Uscc(NewUscc);
            Assert.False(await c.Enterprises.AnyAsync(e => e.Uscc == key));
        }

        using var copy = new MemoryStream();
        ErrorWorkbook.Write(file.Xlsx(), result.Sheet, result.HeaderRow, result.Problems, read.Columns, copy);
        var marked = LedgerSource.FromBytes(copy.ToArray(), "copy.xlsx", LedgerLimits.Default);
        var header = marked.Rows("企业库").Single(r => r.Number == result.HeaderRow);
        Assert.Equal("错误原因", header.Cells[^1]);
    }

    [Theory]
    [DatabaseData]
    public async Task AnEnterpriseOfAnotherCity_IsRefusedAsTheLedgerRefusesIt(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var (result, _) = await ImportAsync(db, Register(Row(1, GuxianUscc, "古县2024有限公司")).Xlsx());
        var problem = Assert.Single(result.Problems);
        Assert.Equal("统一社会信用代码对应的企业不存在或无权访问", problem.Reason.Zh);
        Assert.Null((await FindAsync(db, GuxianUscc)).IndustryCode);
    }

    [Theory]
    [DatabaseData]
    public async Task ReimportingTheFile_OrItsExport_ChangesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demo: true);
        var file = Register(Row(1, ZoneUscc, "阳泉东区智慧有限公司"), Row(2, NewUscc, "阳泉新材料有限公司"));
        Assert.True((await ImportAsync(db, file.Xlsx())).Result.Applied);

        var (again, _) = await ImportAsync(db, file.Xlsx());
        Assert.Equal((0, 0, 2), (again.New, again.Updated, again.Unchanged));

        using var export = new MemoryStream();
        await using (var c = db.NewContext())
        {
            var tree = await c.LoadTreeAsync();
            Assert.True(await RegisterExport.WriteAsync(c, tree, tree.Resolve("阳泉高新区").Id, export) >= 2);
        }

        var (fromExport, _) = await ImportAsync(db, LedgerSource.FromBytes(export.ToArray(), "阳泉高新区企业库.xlsx", LedgerLimits.Default));
        Assert.True(fromExport.Problems.Count == 0, string.Join("\n", fromExport.Problems));
        Assert.Equal(0, fromExport.New + fromExport.Updated);

        // A change shows what it changed, column by column.
        var changed = Register(Row(1, ZoneUscc, "阳泉东区智慧有限公司", aboveScale: "是", since: "2023-07"));
        var (update, _) = await ImportAsync(db, changed.Xlsx());
        var change = Assert.Single(update.Changes);
        Assert.Equal(ChangeKind.Updated, change.Kind);
        Assert.Equal([("入规时间", "2023年6月", "2023年7月")], change.Fields.Select(f => (f.Column, f.Before, f.After)));
    }
}
