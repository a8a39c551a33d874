using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Keystone.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Keystone.Benchmarks.ScheduleBenchmarks).Assembly).Run(args);
