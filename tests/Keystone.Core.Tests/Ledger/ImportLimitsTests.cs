using System.Text;
using Keystone.Core.Data;
using Keystone.Core.Ledger;
using Keystone.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Keystone.Core.Tests.Ledger;

/// <summary>
/// One import never takes the whole server: an over-long cell is a problem of its row, the row limit refuses
/// the file before anything is written, the time and memory limits cancel an import and change nothing,
/// and only so many imports run at once.
/// </summary>
public class ImportLimitsTests
{
    static ImportLimitsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly FakeTimeProvider Clock = new(TestDatabase.DemoDay);

    private static async Task<LedgerImportResult> ImportAsync(TestDatabase db, LedgerSource source, LedgerImportOptions options, IProgress<ImportProgress>? progress = null)
    {
        await using var context = db.NewContext();
        return await new LedgerImporter(context, Clock).ImportAsync(source, options, progress);
    }

    private static async Task<int> ProjectsAsync(TestDatabase db)
    {
        await using var context = db.NewContext();
        return await context.Projects.CountAsync();
    }

    private static TestLedger Ledger(int rows)
    {
        var ledger = TestLedger.Standard();
        for (var i = 0; i < rows; i++)
        {
            ledger.Add(TestLedger.Project($"LIM-{i:D4}", $"限额项目{i}"));
        }

        return ledger;
    }

    [Theory]
    [DatabaseData]
    public async Task ACellOverTheLimit_IsAProblemOfItsRow_NamingSheetRowAndColumn_AndNothingIsImported(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = Ledger(3);
        var limits = new LedgerLimits { MaxCellLength = 200 };
        ledger.Rows[1][LedgerFormat.Fields.ToList().IndexOf(LedgerField.Content)] = new string('建', 201);

        foreach (var source in new[]
        {
            LedgerSource.FromBytes(ledger.ToXlsx(), "长单元格.xlsx", limits),
            LedgerSource.FromBytes(ledger.ToCsv(Encoding.UTF8), "长单元格.csv", limits),
        })
        {
            var result = await ImportAsync(db, source, new LedgerImportOptions { Year = 2024, Limits = limits });

            Assert.False(result.Applied);
            var problem = Assert.Single(result.Problems);
            Assert.Equal((ledger.RowNumber(1), "建设内容及规模"), (problem.Row, problem.Column));
            Assert.Contains("200个字符", problem.Reason.Zh);
            Assert.Equal(0, await ProjectsAsync(db));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task TheMarkedUpCopy_KeepsAnOverlongCellAsTheUserWroteIt_AndSaysWhy(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = Ledger(2);
        var limits = new LedgerLimits { MaxCellLength = 200 };
        ledger.Rows[0][LedgerFormat.Fields.ToList().IndexOf(LedgerField.Content)] = new string('建', 5000);
        var source = LedgerSource.FromBytes(ledger.ToXlsx(), "长单元格.xlsx", limits);
        var result = await ImportAsync(db, source, new LedgerImportOptions { Year = 2024, Limits = limits });

        using var output = new MemoryStream();
        ErrorWorkbook.Write(source, result, output);

        var row = new XlsxReader(output.ToArray(), 32_767, 1L << 30).Rows(null).Single(r => r.Number == ledger.RowNumber(0));
        Assert.Contains(new string('建', 5000), row.Cells.OfType<string>()); // the user's own workbook, their own text
        Assert.Contains(row.Cells.OfType<string>(), c => c.Contains("200个字符的上限", StringComparison.Ordinal));
    }

    [Theory]
    [DatabaseData]
    public async Task ASheetOverTheRowLimit_IsRefusedBeforeAnyRowIsWritten(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = Ledger(6);
        var limits = new LedgerLimits { MaxRows = 5 };
        foreach (var source in new[] { ledger.Xlsx(), ledger.Csv(Encoding.UTF8) })
        {
            var stages = new List<string>();
            var e = await Assert.ThrowsAsync<DomainException>(() =>
                ImportAsync(db, source, new LedgerImportOptions { Year = 2024, Limits = limits }, new SyncProgress(p => stages.Add(p.Stage))));

            Assert.Contains("5行上限", e.Text.Zh);
            Assert.Contains("5 rows", e.Text.En);
            Assert.Empty(stages); // refused before the first row was read for import, let alone written
            Assert.Equal(0, await ProjectsAsync(db));
        }
    }

    [Theory]
    [DatabaseData]
    public async Task TheRowLimit_CountsProjects_NotTitlesBlankRowsOrTotals(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = Ledger(3).Title("2024年重点项目台账");
        ledger.Row();
        ledger.Row("合计");

        var result = await ImportAsync(db, ledger.Csv(Encoding.UTF8), new LedgerImportOptions { Year = 2024, Limits = new LedgerLimits { MaxRows = 3 } });

        Assert.True(result.Applied, string.Join("\n", result.Problems));
        Assert.Equal(3, await ProjectsAsync(db));
    }

    [Theory]
    [DatabaseData]
    public async Task AnImportPastItsTimeLimit_IsCancelled_WithTheLimitNamed_AndChangesNothing(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var e = await Assert.ThrowsAsync<DomainException>(() =>
            ImportAsync(db, Ledger(3).Xlsx(), new LedgerImportOptions { Year = 2024, Limits = new LedgerLimits { TimeoutSeconds = 0 } }));

        Assert.Contains("0秒时限", e.Text.Zh);
        Assert.Contains("nothing was changed", e.Text.En);
        Assert.Equal(0, await ProjectsAsync(db));
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("gb18030")]
    [InlineData("utf-16")]
    public void ACsvWithAByteOrderMark_KeepsItsFirstHeader(string encoding)
    {
        var text = Encoding.GetEncoding(encoding);
        var bytes = text.GetBytes("\uFEFF项目编号,项目名称\r\nA-1,甲\r\n");

        var rows = CsvLedger.Read(new MemoryStream(bytes)).ToList();

        Assert.Equal("项目编号", rows[0].Cells[0]);
        Assert.Equal("A-1", rows[1].Cells[0]);
    }

    [Theory]
    [DatabaseData]
    public async Task AGb18030OrUtf8CsvWithAByteOrderMark_IsImportedWithItsOwnCodes(DbProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ledger = Ledger(2);
        foreach (var encoding in new[] { Encoding.GetEncoding("GB18030"), new UTF8Encoding(true) })
        {
            var bytes = encoding.GetBytes("\uFEFF").Concat(ledger.ToCsv(encoding)).ToArray();

            var result = await ImportAsync(db, LedgerSource.FromBytes(bytes, "带BOM.csv", LedgerLimits.Default), new LedgerImportOptions { Year = 2024 });

            Assert.True(result.Applied, string.Join("\n", result.Problems));
            Assert.Equal(["LIM-0000", "LIM-0001"], result.Changes.Select(c => c.Code));
        }
    }

    [Fact]
    public void AnOverlongCsvField_IsMarked_AndTheNextFieldsAreRead()
    {
        var rows = CsvLedger.Read(new MemoryStream(Encoding.UTF8.GetBytes($"甲,\"{new string('长', 50)}\",乙\r\n丙\r\n")), maxCellLength: 10).ToList();

        Assert.Equal<object?>(["甲", new OverlongCell(10), "乙"], rows[0].Cells);
        Assert.Equal<object?>(["丙"], rows[1].Cells);
    }

    [Fact]
    public async Task ImportsBeyondTheConcurrentLimit_WaitTheirTurn_ThenAreRefusedAsBusy()
    {
        var slots = new ImportSlots(new LedgerLimits { MaxConcurrent = 1, WaitSeconds = 0 });

        var first = await slots.EnterAsync(default);
        var busy = await Assert.ThrowsAsync<BusyException>(() => slots.EnterAsync(default));
        Assert.Contains("导入任务较多，请稍后再试", busy.Text.Zh);
        Assert.Contains("at most 1", busy.Text.En);

        first.Dispose();
        using var next = await slots.EnterAsync(default);
        Assert.Equal(1, slots.Running);
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
