using System.CommandLine;
using System.CommandLine.Parsing;
using Keystone.Core;

namespace Keystone.Cli;

/// <summary>
/// An unknown command or option is bad input (exit 2) with the nearest known name as a suggestion
/// ("未知命令“improt”，是否想输入 import？"). Serving (the root and `serve`) still passes the host's own
/// settings through (<c>--Keystone:SignIn:PerMinute=1000</c>, <c>--environment=…</c>, as test hosts and
/// operators give them): a token with ':' or '=' after its dashes, or the value after such a key.
/// </summary>
public static class CliSuggestions
{
    private static readonly string[] HostKeys = ["--environment", "--contentRoot", "--applicationName", "--urls", "--webroot"];

    public static Text? Refusal(ParseResult result, RootCommand root)
    {
        var command = result.CommandResult.Command;
        var serving = command == root || command.Name == "serve";
        var unmatched = result.UnmatchedTokens.ToList();
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (serving && IsHostSetting(token))
            {
                // `--key value`: the value travels with its key.
                if (!token.Contains('=', StringComparison.Ordinal) && i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith('-'))
                {
                    i++;
                }

                continue;
            }

            return token.StartsWith('-') ? UnknownOption(token, command) : UnknownCommand(token, command);
        }

        // A group without an action (`keystone db`, `keystone db migarte`): the parser's own error, said our way.
        if (result.Errors.Count > 0)
        {
            var first = result.Errors[0].Message;
            return command.Subcommands.Count > 0 && command.Action is null
                ? new Text($"“{Path(command)}”需要一个子命令：{Names(command.Subcommands)}", $"'{Path(command)}' needs a subcommand: {Names(command.Subcommands)}")
                : new Text($"参数有误：{first}", $"Bad arguments: {first}");
        }

        return null;
    }

    private static bool IsHostSetting(string token) =>
        token.StartsWith("--", StringComparison.Ordinal)
        && (token.Contains(':', StringComparison.Ordinal) || token.Contains('=', StringComparison.Ordinal) || HostKeys.Contains(token, StringComparer.OrdinalIgnoreCase));

    private static Text UnknownCommand(string token, Command command)
    {
        var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var where = command.Parents.Any() ? $" {Path(command)}" : "";
        return Nearest(token, names) is { } near
            ? new Text($"未知命令“{token}”，是否想输入{where} {near}？", $"Unknown command '{token}'. Did you mean '{(where.Length > 0 ? where.TrimStart() + " " : "")}{near}'?")
            : names.Count > 0
                ? new Text($"未知命令“{token}”，可用的命令：{string.Join("、", names)}", $"Unknown command '{token}'. Commands: {string.Join(", ", names)}")
                : new Text($"无法识别的参数“{token}”（{Path(command)} 不接受它）", $"Unrecognised argument '{token}' ({Path(command)} does not take it)");
    }

    private static Text UnknownOption(string token, Command command)
    {
        var name = token.Split('=', 2)[0];
        var options = command.Options.Concat(command.Parents.OfType<Command>().SelectMany(p => p.Options.Where(o => o.Recursive)))
            .Where(o => !o.Hidden).Select(o => o.Name).Distinct().ToList();
        return Nearest(name, options) is { } near
            ? new Text($"未知选项“{name}”，是否想输入 {near}？", $"Unknown option '{name}'. Did you mean '{near}'?")
            : new Text($"未知选项“{name}”（{Path(command)} 的选项：{string.Join("、", options)}）", $"Unknown option '{name}' (options of {Path(command)}: {string.Join(", ", options)})");
    }

    private static string Path(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c is RootCommand ? "keystone" : c.Name);
        }

        return string.Join(" ", names);
    }

    private static string Names(IEnumerable<Command> commands) => string.Join(", ", commands.Select(c => c.Name));

    /// <summary>The closest name within a small edit distance (a swapped, missing or extra letter or two), if any.</summary>
    public static string? Nearest(string token, IEnumerable<string> names)
    {
        var best = names
            .Select(n => (Name: n, Distance: Distance(token.ToLowerInvariant(), n.ToLowerInvariant())))
            .OrderBy(p => p.Distance).ThenBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, Math.Min(2, best.Name.Length / 3)) ? best.Name : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost one each.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
