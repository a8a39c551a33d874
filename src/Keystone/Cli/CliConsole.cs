using System.Globalization;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>
/// Where a command writes and what it may know of its surroundings. Tests give a recording console and a
/// fake clock; the real program gives the terminal.
/// </summary>
public sealed record CliConsole(IAnsiConsole Out, TextWriter Error, TimeProvider Clock, Func<string, string?> Environment)
{
    public static CliConsole System => new(AnsiConsole.Console, Console.Error, TimeProvider.System, global::System.Environment.GetEnvironmentVariable)
    {
        Input = Console.In,
        Logs = StandardErrorLogs.Value,
    };

    /// <summary>
    /// The operations log of the real program: standard error, one line per event, configured like the web
    /// app's from the environment (<c>Logging__Console__FormatterName=json</c> for JSON lines,
    /// <c>Logging__LogLevel__Keystone.Operations=Warning</c> to quieten it), so a timer's journal or a
    /// collector gets the same lines from a command as from the web app.
    /// </summary>
    private static readonly Lazy<ILoggerFactory> StandardErrorLogs = new(() =>
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddEnvironmentVariables().Build();
        return LoggerFactory.Create(logging =>
        {
            // One line per event unless the environment says otherwise (its settings are bound after these).
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>(o => o.SingleLine = true);
            logging.AddConfiguration(configuration.GetSection("Logging"))
                .AddConsole(o =>
                {
                    o.LogToStandardErrorThreshold = LogLevel.Trace;
                    o.FormatterName ??= Microsoft.Extensions.Logging.Console.ConsoleFormatterNames.Simple;
                });
        });
    });

    /// <summary>Where a command logs what an operator watches (imports, closings); tests record it, the program writes standard error.</summary>
    public ILoggerFactory Logs { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    /// <summary>The operations log (<see cref="Keystone.Web.KeystoneTelemetry.LogCategory"/>).</summary>
    public ILogger Log => Logs.CreateLogger(Keystone.Web.KeystoneTelemetry.LogCategory);

    /// <summary>Standard input (a password given with --password-stdin).</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>Whether progress may be drawn as a live bar (a terminal), or must be plain lines (a pipe, a log, CI).</summary>
    public bool Interactive => Out.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    public CultureInfo Culture { get; init; } = CultureInfo.GetCultureInfo("zh-CN");

    public bool English => Culture.TwoLetterISOLanguageName == "en";

    public string T(Keystone.Core.Text text) => text.For(Culture);

    /// <summary>Machine-readable output (JSON, plain text) exactly as given: never wrapped to the terminal's width.</summary>
    public void Raw(string text) => Out.Profile.Out.Writer.WriteLine(text);

    /// <summary>What serving the web app needs of this console.</summary>
    public Keystone.Web.ServeConsole ForServe => new(Clock, Error, English);

    public void Fail(Keystone.Core.Text text) => Error.WriteLine((English ? "error: " : "错误：") + text.For(Culture));
}
