using Keystone.Cli;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace Keystone.Tests.Cli;

/// <summary>Runs `keystone …` in-process, capturing what it prints, as a user at a terminal would see it.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(params string[] args) => await RunAsync(new FakeTimeProvider(new DateTimeOffset(2024, 4, 10, 9, 0, 0, TimeSpan.FromHours(8))), args);

    public static Task<Result> RunAsync(TimeProvider clock, params string[] args) => RunAsync(clock, new Dictionary<string, string>(), args);

    /// <summary>With environment variables set (ConnectionStrings__Keystone, Keystone__Import__MaxBytes …).</summary>
    public static Task<Result> RunAsync(TimeProvider clock, IReadOnlyDictionary<string, string> environment, params string[] args) => RunWithInputAsync(clock, environment, "", args);

    /// <summary>With text on standard input (a password for --password-stdin).</summary>
    public static Task<Result> RunWithInputAsync(TimeProvider clock, IReadOnlyDictionary<string, string> environment, string input, params string[] args) =>
        RunAsync(clock, environment, input, NullLoggerFactory.Instance, args);

    /// <summary>With the operations log a command writes recorded by <paramref name="logs"/>.</summary>
    public static Task<Result> RunWithLogsAsync(ILoggerProvider logs, params string[] args) =>
        RunWithLogsAsync(logs, new FakeTimeProvider(new DateTimeOffset(2024, 4, 10, 9, 0, 0, TimeSpan.FromHours(8))), args);

    /// <summary>With the operations log recorded, on <paramref name="clock"/>.</summary>
    public static Task<Result> RunWithLogsAsync(ILoggerProvider logs, TimeProvider clock, params string[] args) =>
        RunAsync(clock, new Dictionary<string, string>(), "", new LoggerFactory([logs]), args);

    private static async Task<Result> RunAsync(TimeProvider clock, IReadOnlyDictionary<string, string> environment, string input, ILoggerFactory logs, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var code = await KeystoneCli.RunAsync(args, new CliConsole(console, error, clock, name => environment.GetValueOrDefault(name)) { Input = new StringReader(input), Logs = logs });
        return new Result(code, output.ToString(), error.ToString());
    }
}
