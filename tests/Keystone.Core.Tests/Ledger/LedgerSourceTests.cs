using System.IO.Compression;
using Keystone.Core.Ledger;
using Keystone.Testing;

namespace Keystone.Core.Tests.Ledger;

public class LedgerSourceTests
{
    [Fact]
    public void AFileAboveTheSizeLimit_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => LedgerSource.FromBytes(new byte[2000], "big.csv", new LedgerLimits { MaxBytes = 1000 }));
        Assert.Contains("上限", e.Text.Zh);
    }

    [Fact]
    public async Task AStreamAboveTheSizeLimit_IsRefusedWhileReading()
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => LedgerSource.ReadAsync(new MemoryStream(new byte[200_000]), "big.csv", new LedgerLimits { MaxBytes = 100_000 }));
        Assert.Contains("上限", e.Text.Zh);
    }

    [Fact]
    public void AZipBomb_IsRefused()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("xl/workbook.xml").Open().Dispose();
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[50 * 1024 * 1024]);
        }

        var e = Assert.Throws<DomainException>(() => LedgerSource.FromBytes(buffer.ToArray(), "bomb.xlsx", LedgerLimits.Default));
        Assert.Contains("压缩比", e.Text.Zh);
    }

    [Fact]
    public void APasswordProtectedOrDamagedOleFile_IsRefusedWithWhatToDo()
    {
        var ole = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 };
        var e = Assert.Throws<DomainException>(() => LedgerSource.FromBytes(ole, "加密.xlsx", LedgerLimits.Default));
        Assert.Contains("已加密", e.Text.Zh);
        Assert.Contains("password", e.Text.En);
    }

    [Fact]
    public void ADamagedXlsx_IsRefused()
    {
        var e = Assert.Throws<DomainException>(() => LedgerSource.FromBytes("PK\u0003\u0004garbage"u8.ToArray(), "坏.xlsx", LedgerLimits.Default));
        Assert.Contains("损坏", e.Text.Zh);
        e = Assert.Throws<DomainException>(() => LedgerSource.FromBytes("not a workbook"u8.ToArray(), "坏.xlsx", LedgerLimits.Default));
        Assert.Contains("不是有效的 .xlsx", e.Text.Zh);
    }

    [Fact]
    public void BinaryGarbage_IsNeitherXlsxNorCsv()
    {
        var e = Assert.Throws<DomainException>(() => LedgerSource.FromBytes([1, 0, 2, 0, 3], "x.bin", LedgerLimits.Default));
        Assert.Contains("既不是", e.Text.Zh);
    }

    [Fact]
    public void AnEmptyFile_IsRefused()
    {
        Assert.Throws<DomainException>(() => LedgerSource.FromBytes([], "空.csv", LedgerLimits.Default));
    }

    [Fact]
    public void AZipThatIsNotAWorkbook_IsRefused()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            w.Write("hello");
        }

        var e = Assert.Throws<DomainException>(() => LedgerSource.FromBytes(buffer.ToArray(), "x.xlsx", LedgerLimits.Default));
        Assert.Contains("不是 Excel", e.Text.Zh);
    }

    [Fact]
    public void KindIsTakenFromTheContent_NotTheName()
    {
        var ledger = TestLedger.Standard().Add(TestLedger.Project("A-1", "甲"));
        Assert.Equal(LedgerFileKind.Xlsx, LedgerSource.FromBytes(ledger.ToXlsx(), "named.csv", LedgerLimits.Default).Kind);
        Assert.Equal(LedgerFileKind.Csv, LedgerSource.FromBytes(ledger.ToCsv(System.Text.Encoding.UTF8), "named.txt", LedgerLimits.Default).Kind);
    }
}
