using BenchmarkDotNet.Running;
using Keystone.Benchmarks;

// Micro-benchmarks: dotnet run -c Release --project benchmarks/Keystone.Benchmarks -- --filter '*' [--job short]
// End-to-end measurements (docs/benchmarks.md): … -- gen-ledger|read|read-xlsx|read-typed|read-openxml|compare|import|bounds|figures|load|nation|phases …
return args.FirstOrDefault() switch
{
    "gen-ledger" or "read" or "read-xlsx" or "read-typed" or "read-openxml" or "compare" or "import" or "bounds" => await ImportMeasurement.RunAsync(args),
    "figures" => await FiguresMeasurement.RunAsync(args),
    "load" => await LoadMeasurement.RunAsync(args),
    "nation" => await NationMeasurement.RunAsync(args),
    "phases" => await BriefingPhases.RunAsync(args),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ScheduleBenchmarks).Assembly).Run(args);
    return 0;
}
