using System.Diagnostics;
using Keystone.Core.Data;
using Keystone.Core.Ledger;

namespace Keystone.Benchmarks;

/// <summary>
/// The ledger import end to end, each step in its own process so peak memory is the step's own
/// (scripts/bench-import.sh runs them in turn):
///   gen-ledger FILE ROWS   writes a ledger of ROWS projects across 2,700 zones
///   read FILE              reads it with MiniExcel alone (the reader the importer used before XlsxReader)
///   read-xlsx FILE         reads it with Keystone's XlsxReader alone (the floor an importer cannot beat)
///   read-typed FILE        reads it with MiniExcel's typed query, a property per column (issue 19)
///   read-openxml FILE      reads it with DocumentFormat.OpenXml's SAX reader, an object?[] per row (issue 19)
///   import FILE [DB]       imports it into DB (default: a fresh SQLite file) the way `keystone import` does
///   compare FILE           reads it with both readers and counts the cells they deliver differently
///   bounds FILE [dry-run]  imports FILE into a fresh SQLite file under the limits of the environment
///                          (Keystone__Import__…), expecting a refusal: the time to it and the peak memory
/// </summary>
public static class ImportMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args[0])
        {
            case "gen-ledger":
                Generate(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            case "read":
                var watch = Stopwatch.StartNew();
                await using (var stream = File.OpenRead(args[1]))
                {
                    var rows = 0;
                    foreach (var _ in MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false))
                    {
                        rows++;
                    }

                    Report("miniexcel-read", rows, watch.Elapsed);
                }

                return 0;
            case "read-xlsx":
                var clock = Stopwatch.StartNew();
                var file = LedgerSource.FromBytes(await File.ReadAllBytesAsync(args[1]), Path.GetFileName(args[1]), LedgerLimits.Default);
                var count = 0;
                foreach (var _ in file.Rows(file.SheetNames[0]))
                {
                    count++;
                }

                Report("xlsxreader-read", count, clock.Elapsed);
                return 0;
            case "read-typed":
                var typed = Stopwatch.StartNew();
                await using (var stream = File.OpenRead(args[1]))
                {
                    Report("miniexcel-typed-read", ImportReaders.ReadTyped(stream), typed.Elapsed);
                }

                return 0;
            case "read-openxml":
                var sax = Stopwatch.StartNew();
                await using (var stream = File.OpenRead(args[1]))
                {
                    Report("openxml-sax-read", ImportReaders.ReadOpenXml(stream), sax.Elapsed);
                }

                return 0;
            case "compare":
                return Compare(args[1]);
            case "bounds":
                return await BoundsAsync(args[1], args.Length > 2 && args[2] == "dry-run");
            default:
                var db = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"keystone-bench-{Guid.NewGuid():N}.db");
                var target = DatabaseTarget.Resolve(db, null);
                await using (var context = target.CreateContext())
                {
                    await DatabaseSetup.MigrateAsync(context);
                }

                var total = Stopwatch.StartNew();
                await using (var context = target.CreateContext())
                {
                    var source = await LedgerSource.ReadAsync(File.OpenRead(args[1]), Path.GetFileName(args[1]), LedgerLimits.Default);
                    var read = total.Elapsed;
                    var result = await new LedgerImporter(context, TimeProvider.System).ImportAsync(source, new LedgerImportOptions { Year = 2024, Period = new Keystone.Core.Period(2024, 3) });
                    if (!result.Applied || result.New != result.Rows)
                    {
                        Console.Error.WriteLine($"import did not apply: {result.Problems.Count} problems, {result.New} new of {result.Rows}");
                        return 1;
                    }

                    Console.WriteLine(FormattableString.Invariant($"import-phases\tread-sheet={read.TotalSeconds:F2}\tcheck-and-write={(total.Elapsed - read).TotalSeconds:F2}"));
                    Report("import", result.Rows, total.Elapsed);
                }

                return 0;
        }
    }

    /// <summary>Every cell of the first sheet as MiniExcel and as XlsxReader deliver it, type and value, by row and column.</summary>
    private static int Compare(string path)
    {
        var bytes = File.ReadAllBytes(path);
        static int Column(string letters) => letters.Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;
        static string Show(object? v) => v switch
        {
            null => "",
            IFormattable f => v.GetType().Name + ":" + f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => v.GetType().Name + ":" + v,
        };
        using var stream = new MemoryStream(bytes);
        var theirs = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false)
            .Cast<IDictionary<string, object?>>()
            .Select(r => r.Where(c => c.Value is not null).ToDictionary(c => Column(c.Key), c => Show(c.Value)))
            .ToList();
        var source = LedgerSource.FromBytes(bytes, Path.GetFileName(path), LedgerLimits.Default);
        var ours = source.Rows(source.SheetNames[0])
            .Select(r => r.Cells.Select((v, i) => (v, i)).Where(c => c.v is not null).ToDictionary(c => c.i, c => Show(c.v)))
            .ToList();
        var differences = 0;
        for (var row = 0; row < Math.Max(theirs.Count, ours.Count); row++)
        {
            var a = row < theirs.Count ? theirs[row] : [];
            var b = row < ours.Count ? ours[row] : [];
            foreach (var column in a.Keys.Union(b.Keys).Where(c => a.GetValueOrDefault(c) != b.GetValueOrDefault(c)))
            {
                if (++differences <= 20)
                {
                    Console.WriteLine($"row {row + 1} column {column + 1}: MiniExcel {a.GetValueOrDefault(column)} | XlsxReader {b.GetValueOrDefault(column)}");
                }
            }
        }

        Console.WriteLine($"compare\trows={theirs.Count}/{ours.Count}\tdifferences={differences}");
        return differences == 0 && theirs.Count == ours.Count ? 0 : 1;
    }

    /// <summary>An import as a web node runs it, timed from the file's bytes to the answer, refused or not.</summary>
    private static async Task<int> BoundsAsync(string path, bool dryRun)
    {
        var limits = LedgerLimits.From(key => Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal)));
        var target = DatabaseTarget.Resolve(Path.Combine(Path.GetTempPath(), $"keystone-bounds-{Guid.NewGuid():N}.db"), null);
        await using (var context = target.CreateContext())
        {
            await DatabaseSetup.MigrateAsync(context);
        }

        var bytes = await File.ReadAllBytesAsync(path);
        var watch = Stopwatch.StartNew();
        string outcome;
        var rows = 0;
        try
        {
            await using var context = target.CreateContext();
            var source = LedgerSource.FromBytes(bytes, Path.GetFileName(path), limits);
            var result = await new LedgerImporter(context, TimeProvider.System).ImportAsync(source, new LedgerImportOptions { Year = 2024, Limits = limits, DryRun = dryRun });
            rows = result.Rows;
            outcome = result.Problems.Count > 0
                ? $"refused: {result.BadRows} bad row(s), first: {result.Problems[0].ToString(english: true)}"
                : dryRun ? $"dry run: {result.New} new" : $"applied: {result.New} new";
        }
        catch (Keystone.Core.DomainException e)
        {
            outcome = "refused: " + e.Text.En;
        }

        Console.WriteLine(outcome);
        Report(dryRun ? "dry-run" : "bounds", rows, watch.Elapsed);
        return 0;
    }

    private static void Report(string step, int rows, TimeSpan elapsed) =>
        Console.WriteLine(FormattableString.Invariant(
            $"{step}\trows={rows}\tseconds={elapsed.TotalSeconds:F2}\trows/s={rows / elapsed.TotalSeconds:F0}\tpeak-MB={Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024}"));

    /// <summary>A ledger like a province's: every standard column filled, 2,700 zones in 100 cities.</summary>
    private static void Generate(string path, int rows)
    {
        using var file = File.Create(path);
        var headers = LedgerFormat.Fields.Select(LedgerFormat.Header).ToList();
        using var writer = new XlsxWriter(file, "2024年重点项目台账", headers.Select(_ => 12d).ToList(), 1, 0, rows: rows + 1);
        writer.Row(headers.Select(h => new XCell(h, XStyle.Header)).ToList());
        for (var i = 0; i < rows; i++)
        {
            var zone = i % 2700;
            object?[] row =
            [
                $"B-{i:D7}", $"基准项目{i}", $"城市{zone % 100}", $"开发区{zone}", i % 3 == 0 ? "省级重点" : "市级重点", i % 4 == 0 ? "基础设施类" : "产业类", "新材料",
                i % 2 == 0 ? "新建" : "续建", $"基准企业{i}", null, "厂房及配套设施", 10000m + (i % 500), 2000m, 300m, 800m,
                new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 15), new DateOnly(2024, 3, 15), new DateOnly(2026, 6, 30), "在建", "主体施工",
                100m, 5000m, 20000m, 500m, 100, "张三", "管委会", "李四 13800000000", null, null,
            ];
            writer.Row(row.Select(v => new XCell(v, v is DateOnly ? XStyle.Date : XStyle.Text)).ToList());
        }
    }
}
