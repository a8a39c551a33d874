using System.IO.Compression;

namespace Keystone.Core.Ledger;

/// <summary>Limits that keep a hostile or broken file, or one too big for its own good, from exhausting the server (all configurable).</summary>
public sealed record LedgerLimits
{
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;

    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>An .xlsx is a zip: refuse one whose parts expand more than this many times (a zip bomb).</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Nor may its parts expand to more than this in all.</summary>
    public long MaxUncompressedBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>A cell longer than this (Excel's own limit) is a problem of its row, read without being held.</summary>
    public int MaxCellLength { get; init; } = 32_767;

    /// <summary>
    /// The memory one import may take, in MB: the growth of the live managed heap since it began, as the
    /// garbage collector last measured it (<see cref="ImportGuard"/>); past it the import is cancelled.
    /// </summary>
    public int MaxMemoryMB { get; init; } = 500;

    /// <summary>An import or export still running after this many seconds is cancelled and changes nothing.</summary>
    public int TimeoutSeconds { get; init; } = 600;

    /// <summary>At most this many imports run at once on one web node; the others wait their turn.</summary>
    public int MaxConcurrent { get; init; } = 2;

    /// <summary>How long an import waits for its turn before it is refused as busy.</summary>
    public int WaitSeconds { get; init; } = 10;

    /// <summary>An .xlsx's shared strings are held while its sheet is read: at most half the memory limit (2 bytes a character).</summary>
    public long MaxSharedStringChars => (long)MaxMemoryMB * 1024 * 1024 / 4;

    public static readonly LedgerLimits Default = new();

    /// <summary>
    /// The limits from settings (Keystone:Import:MaxBytes, …:MaxRows, …:MaxCompressionRatio, …:MaxUncompressedBytes,
    /// …:MaxCellLength, …:MaxMemoryMB, …:TimeoutSeconds, …:MaxConcurrent, …:WaitSeconds; as environment
    /// variables Keystone__Import__MaxBytes …), else the defaults.
    /// </summary>
    public static LedgerLimits From(Func<string, string?> setting)
    {
        long? Long(string name) => setting("Keystone:Import:" + name) is { Length: > 0 } v && long.TryParse(v, out var n) && n > 0 ? n : null;
        int? Int(string name) => Long(name) is { } n ? (int)Math.Min(n, int.MaxValue) : null;
        return new LedgerLimits
        {
            MaxBytes = Long("MaxBytes") ?? Default.MaxBytes,
            MaxRows = Int("MaxRows") ?? Default.MaxRows,
            MaxCompressionRatio = Int("MaxCompressionRatio") ?? Default.MaxCompressionRatio,
            MaxUncompressedBytes = Long("MaxUncompressedBytes") ?? Default.MaxUncompressedBytes,
            MaxCellLength = Int("MaxCellLength") ?? Default.MaxCellLength,
            MaxMemoryMB = Int("MaxMemoryMB") ?? Default.MaxMemoryMB,
            TimeoutSeconds = Int("TimeoutSeconds") ?? Default.TimeoutSeconds,
            MaxConcurrent = Int("MaxConcurrent") ?? Default.MaxConcurrent,
            WaitSeconds = Int("WaitSeconds") ?? Default.WaitSeconds,
        };
    }
}

public enum LedgerFileKind
{
    Xlsx,
    Csv,

    /// <summary>The old binary workbook (Excel 97–2003, as WPS still saves it), read by <see cref="XlsReader"/>.</summary>
    Xls,
}

/// <summary>
/// An uploaded ledger file, checked before anything reads it: its size, its kind (by content, not by
/// name: .xlsx, .xls or .csv), and for .xlsx the zip's expansion. Every importer (ledgers, node plans, the
/// calendar) reads its rows from here, so each kind goes through the same header search and row checks.
/// Refusals are clear sentences, never a stack trace.
/// </summary>
public sealed class LedgerSource
{
    private readonly byte[] content;
    private readonly LedgerLimits limits;
    private readonly XlsxReader? xlsx;
    private readonly XlsReader? xls;

    private LedgerSource(string fileName, byte[] content, LedgerFileKind kind, LedgerLimits limits)
    {
        FileName = fileName;
        this.content = content;
        this.limits = limits;
        Kind = kind;
        xlsx = kind == LedgerFileKind.Xlsx ? new XlsxReader(content, limits.MaxCellLength, limits.MaxSharedStringChars) : null;
        xls = kind == LedgerFileKind.Xls ? new XlsReader(content, limits.MaxCellLength) : null;
    }

    public string FileName { get; }

    public LedgerFileKind Kind { get; }

    public long Length => content.Length;

    public static async Task<LedgerSource> ReadAsync(Stream stream, string fileName, LedgerLimits limits, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
            {
                throw TooLarge(limits);
            }

            buffer.Write(chunk, 0, read);
        }

        return FromBytes(buffer.ToArray(), fileName, limits);
    }

    public static LedgerSource FromBytes(byte[] content, string fileName, LedgerLimits limits)
    {
        if (content.Length > limits.MaxBytes)
        {
            throw TooLarge(limits);
        }

        if (content.Length == 0)
        {
            throw new DomainException(new($"文件“{fileName}”是空的", $"The file \"{fileName}\" is empty"), "file");
        }

        if (content.Length >= 8 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0)
        {
            // An OLE compound file: an old .xls, or a password-protected workbook (an .xlsx's EncryptedPackage, an
            // .xls with an opening password) that cannot be read without it.
            return XlsReader.CanOpen(content)
                ? new LedgerSource(fileName, content, LedgerFileKind.Xls, limits)
                : throw new DomainException(
                    new($"文件“{fileName}”已加密（设有打开密码）或已损坏：请在 Excel 或 WPS 中取消密码后再导入",
                        $"The file \"{fileName}\" is password-protected or damaged: remove the password in Excel or WPS and import it again"),
                    "file");
        }

        if (content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K')
        {
            CheckZip(content, fileName, limits);
            return new LedgerSource(fileName, content, LedgerFileKind.Xlsx, limits);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".xlsx" or ".xlsm")
        {
            throw new DomainException(
                new($"文件“{fileName}”不是有效的 .xlsx 文件（可能已损坏）", $"The file \"{fileName}\" is not a valid .xlsx file (it may be damaged)"), "file");
        }

        if (content.Take(4096).Count(b => b == 0) > 0)
        {
            throw new DomainException(
                new($"文件“{fileName}”既不是 Excel 工作簿（.xlsx/.xls）也不是 .csv", $"The file \"{fileName}\" is neither an Excel workbook (.xlsx/.xls) nor .csv"), "file");
        }

        return new LedgerSource(fileName, content, LedgerFileKind.Csv, limits);
    }

    public Stream Open() => new MemoryStream(content, writable: false);

    public IReadOnlyList<string> SheetNames
    {
        get
        {
            if (Kind == LedgerFileKind.Csv)
            {
                return [Path.GetFileNameWithoutExtension(FileName)];
            }

            try
            {
                return xls?.SheetNames ?? xlsx!.SheetNames;
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException or NullReferenceException || XlsReader.IsUnreadable(e))
            {
                throw Malformed(e);
            }
        }
    }

    /// <summary>The rows of a sheet (or the CSV), numbered as Excel shows them; malformed content is refused with a clear error.</summary>
    public IEnumerable<RawRow> Rows(string sheet)
    {
        var stream = Open();
        var rows = Kind switch
        {
            LedgerFileKind.Csv => CsvLedger.Read(stream, limits.MaxCellLength),
            LedgerFileKind.Xls => xls!.Rows(sheet),
            LedgerFileKind.Xlsx => xlsx!.Rows(sheet),
        };
        using var e = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext())
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or FormatException or NullReferenceException or IndexOutOfRangeException || XlsReader.IsUnreadable(ex))
            {
                throw Malformed(ex);
            }

            yield return e.Current;
        }

        stream.Dispose();
    }

    /// <summary>
    /// At least as many rows as the sheet has, counted without parsing them (line breaks of a CSV, row tags of
    /// an .xlsx, the format's own limit for an .xls): when it is within a limit, the sheet is.
    /// </summary>
    public long RowBound(string sheet)
    {
        if (Kind == LedgerFileKind.Csv)
        {
            var bytes = content.AsSpan();
            return bytes.Count((byte)'\n') + bytes.Count((byte)'\r') + 1L;
        }

        if (Kind == LedgerFileKind.Xls)
        {
            return XlsReader.RowBound;
        }

        try
        {
            return xlsx!.RowBound(sheet);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or System.Xml.XmlException)
        {
            throw Malformed(e);
        }
    }

    private DomainException Malformed(Exception e) =>
        new(new($"无法读取文件“{FileName}”：文件已损坏或不是 Excel 台账（{e.Message}）", $"Cannot read the file \"{FileName}\": it is damaged or not an Excel ledger ({e.Message})"), "file");

    private static DomainException TooLarge(LedgerLimits limits) =>
        new(new($"文件超过{limits.MaxBytes / 1024 / 1024}MB上限", $"The file is larger than the {limits.MaxBytes / 1024 / 1024} MB limit"), "file");

    private static void CheckZip(byte[] content, string fileName, LedgerLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                var ratio = entry.CompressedLength == 0 ? (entry.Length == 0 ? 0 : long.MaxValue) : entry.Length / entry.CompressedLength;
                if (ratio > limits.MaxCompressionRatio && entry.Length > 1024 * 1024)
                {
                    throw new DomainException(
                        new($"文件“{fileName}”的压缩比异常（{entry.FullName} 解压后放大{ratio}倍），已拒绝", $"The file \"{fileName}\" expands suspiciously ({entry.FullName} grows {ratio} times when unzipped); refused"),
                        "file");
                }
            }

            if (total > limits.MaxUncompressedBytes)
            {
                throw new DomainException(
                    new($"文件“{fileName}”解压后超过{limits.MaxUncompressedBytes / 1024 / 1024}MB，已拒绝", $"The file \"{fileName}\" unzips to more than {limits.MaxUncompressedBytes / 1024 / 1024} MB; refused"),
                    "file");
            }

            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                throw new DomainException(
                    new($"文件“{fileName}”是压缩包但不是 Excel 工作簿", $"The file \"{fileName}\" is a zip but not an Excel workbook"), "file");
            }
        }
        catch (InvalidDataException)
        {
            throw new DomainException(
                new($"文件“{fileName}”已损坏，无法作为 .xlsx 打开", $"The file \"{fileName}\" is damaged and cannot be opened as .xlsx"), "file");
        }
    }
}
