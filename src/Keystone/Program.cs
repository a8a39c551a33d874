using Keystone.Cli;

namespace Keystone;

/// <summary>
/// The one `keystone` program: with no command it serves the web app (`keystone serve`); with a command it
/// runs that job (`keystone db migrate`, …) and exits with 0 on success, 2 on bad input, 1 on failure.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static Task<int> Main(string[] args) => KeystoneCli.RunAsync(args, CliConsole.System);
}
