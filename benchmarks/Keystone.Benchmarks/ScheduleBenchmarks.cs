using BenchmarkDotNet.Attributes;
using Keystone.Core.Schedule;

namespace Keystone.Benchmarks;

/// <summary>
/// The critical path over a random DAG from a fixed seed: every activity links to 0–6 earlier ones (3 on
/// average) with a random link type and a lag of −2..+4 days. "random" picks the predecessors anywhere
/// before it — the worst case for memory, every link a cache miss; "local" picks them among the 50
/// activities before it, as real plans list work in roughly the order it happens. Measures the whole
/// <see cref="Scheduler.Compute"/>: id resolution, ordering, both passes, floats and the result.
/// </summary>
[MemoryDiagnoser]
public class ScheduleBenchmarks
{
    private static readonly DateOnly Start = new(2024, 3, 1);

    private ScheduleActivity[] activities = [];

    [Params(10_000, 100_000, 1_000_000)]
    public int Activities { get; set; }

    [Params("random", "local")]
    public string Links { get; set; } = "random";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240301);
        activities = new ScheduleActivity[Activities];
        for (var i = 0; i < Activities; i++)
        {
            var links = i == 0 ? 0 : random.Next(0, 7);
            var after = new Predecessor[links];
            for (var k = 0; k < links; k++)
            {
                var pred = Links == "local" ? Math.Max(0, i - 1 - random.Next(50)) : random.Next(i);
                after[k] = new Predecessor($"a{pred}", (LinkType)random.Next(4), random.Next(-2, 5));
            }

            activities[i] = new ScheduleActivity($"a{i}", $"工作{i}", random.Next(0, 21)) { After = after };
        }
    }

    [Benchmark]
    public ScheduleResult CriticalPath() => Scheduler.Compute(activities, Start);

    [Benchmark]
    public ScheduleResult ReverseFromDeadline() => Scheduler.Compute(activities, Start, deadline: Start.AddDays(365), asOf: Start.AddDays(90));
}
