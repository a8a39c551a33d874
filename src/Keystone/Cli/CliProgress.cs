using Keystone.Core.Ledger;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>Progress of long work: a live bar on a terminal, plain lines otherwise (a pipe, a log, CI).</summary>
public static class CliProgress
{
    public static async Task<T> RunAsync<T>(CliConsole console, string title, Func<IProgress<ImportProgress>, Task<T>> work)
    {
        if (!console.Interactive)
        {
            var last = "";
            return await work(new Progress(p =>
            {
                var line = Describe(console, p);
                if (line != last)
                {
                    console.Error.WriteLine(line);
                    last = line;
                }
            }));
        }

        T result = default!;
        await console.Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(title);
                task.IsIndeterminate = true;
                result = await work(new Progress(p =>
                {
                    task.Description = Describe(console, p);
                    if (p.Total > 0)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                    }
                }));
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return result;
    }

    private static string Describe(CliConsole console, ImportProgress p) => (p.Stage, console.English) switch
    {
        ("read", true) => $"read {p.Done:N0} rows",
        ("read", false) => $"已读取 {p.Done:N0} 行",
        (_, true) => $"written {p.Done:N0}/{p.Total:N0}",
        _ => $"已写入 {p.Done:N0}/{p.Total:N0}",
    };

    /// <summary>Reports synchronously (System.Progress posts to the thread pool and may report after the work ended).</summary>
    private sealed class Progress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
