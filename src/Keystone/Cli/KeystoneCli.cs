using System.CommandLine;
using System.Globalization;
using Keystone.Core;
using Keystone.Core.Data;

namespace Keystone.Cli;

/// <summary>The command line: one root (which serves) and a command per job, each in its own file.</summary>
public static class KeystoneCli
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = "数据库：SQLite 文件路径或 PostgreSQL 连接串（Host=…）；默认取 ConnectionStrings__Keystone，再默认 data/keystone.db / "
            + "database: a SQLite file path or a PostgreSQL connection string (Host=…); defaults to ConnectionStrings__Keystone, then data/keystone.db",
        Recursive = true,
    };

    public static readonly Option<string?> Lang = new("--lang")
    {
        Description = "输出语言 zh|en / output language zh|en (default zh)",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var root = new RootCommand("Keystone：开发区重点项目管理 / the key-project desk of development zones")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(Db);
        root.Options.Add(Lang);
        ServeCommand.Configure(root, console);
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(DbCommand.Create(console));
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));
        root.Subcommands.Add(FiguresCommand.Create(console));
        root.Subcommands.Add(BriefingCommand.Create(console));
        root.Subcommands.Add(PeriodCommand.Create(console));
        root.Subcommands.Add(UsersCommand.Create(console));
        root.Subcommands.Add(ScheduleCommand.Create(console));
        root.Subcommands.Add(ProblemsCommand.Create(console));
        root.Subcommands.Add(EnterprisesCommand.Create(console));
        root.Subcommands.Add(CalendarCommand.Create(console));
        root.Subcommands.Add(NotifyCommand.Create(console));
        root.Subcommands.Add(IndicatorsCommand.Create(console));
        root.Subcommands.Add(PromotionCommand.Create(console));
        root.Subcommands.Add(PromotionFilesCommand.Leads(console));
        root.Subcommands.Add(PromotionFilesCommand.Targets(console));
        MeetingCommand.AddTo(root, console);

        var result = root.Parse(args);
        if (CliSuggestions.Refusal(result, root) is { } refusal)
        {
            // A typo never falls through to serving (`keystone improt x.xlsx` once started the server on the demo).
            WithLanguage(result, console).Fail(refusal);
            return 2;
        }

        try
        {
            // Every command's "today" is the desk's date (serve reads the setting again from its configuration).
            DeskDate.Configure(console.Environment(DeskDate.Variable));
        }
        catch (DomainException e)
        {
            WithLanguage(result, console).Fail(e.Text);
            return 2;
        }

        return await result.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>The database a command talks to: --db, else ConnectionStrings__Keystone, else data/keystone.db.</summary>
    public static DatabaseTarget Target(ParseResult result, CliConsole console) =>
        DatabaseTarget.Resolve(result.GetValue(Db), console.Environment("ConnectionStrings__Keystone"));

    public static CliConsole WithLanguage(ParseResult result, CliConsole console) =>
        result.GetValue(Lang)?.Trim().ToLowerInvariant() is "en" or "en-us"
            ? console with { Culture = CultureInfo.GetCultureInfo("en-US") }
            : console;

    /// <summary>Who the audit log names for changes made from the command line: the operator's OS account.</summary>
    public static string Operator => "cli:" + Environment.UserName;

    /// <summary>The command's database, migrated (SQLite) or checked (PostgreSQL), its changes audited as the operator's.</summary>
    public static async Task<AppDbContext> OpenAsync(ParseResult result, CliConsole console, CancellationToken ct)
    {
        var target = Target(result, console);
        var db = target.CreateContext();
        db.Actor = Operator;
        db.Clock = console.Clock;
        try
        {
            await EnsureMigratedAsync(db, target, ct);
            Keystone.Core.Calendar.WorkingCalendar.Current = await Keystone.Core.Calendar.CalendarImport.LoadAsync(db, ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>SQLite is migrated on first use (the embedded default must just work); PostgreSQL must be migrated explicitly.</summary>
    public static async Task EnsureMigratedAsync(AppDbContext db, DatabaseTarget target, CancellationToken ct)
    {
        if (target.Provider == DbProvider.Sqlite)
        {
            await DatabaseSetup.MigrateAsync(db, ct);
        }
        else if ((await DatabaseSetup.PendingMigrationsAsync(db, ct)).Count > 0)
        {
            throw new DomainException(new("数据库尚未迁移：请先运行 keystone db migrate", "The database is not migrated: run keystone db migrate first"));
        }
    }

    /// <summary>
    /// Runs a command body: bad input (a domain error, an unknown unit) prints its reason in the chosen
    /// language and exits 2; anything else is a failure (1) with a one-line message, never a stack trace.
    /// </summary>
    public static async Task<int> Guard(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (DomainException e)
        {
            console.Fail(e.Text);
            return 2;
        }
        catch (ValidationException e)
        {
            foreach (var error in e.Errors)
            {
                console.Fail(error.Text);
            }

            return 2;
        }
        catch (NotFoundException e)
        {
            console.Fail(e.Text);
            return 2;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
        {
            console.Fail(new($"失败：{e.Message}", $"Failed: {e.Message}"));
            return 1;
        }
    }
}
