namespace Keystone.Web;

/// <summary>
/// The operations log lines an operator reads (category <see cref="KeystoneTelemetry.LogCategory"/>): who
/// imported which file with what outcome, who closed which month — the same lines from the web app and the
/// command line, never a file's contents or a password. Ledger imports log theirs through
/// <see cref="KeystoneTelemetry.ImportAsync"/>, which also counts and times them.
/// </summary>
public static partial class OperationsLog
{
    /// <summary>
    /// A file import other than the ledger (an enterprise register, enterprise figures, indicators, leads,
    /// target enterprises, a schedule, the calendar): <paramref name="outcome"/> is imported, dryRun or refused
    /// (a refusal is a warning), <paramref name="records"/> the records it read and <paramref name="problems"/> the problems found.
    /// </summary>
    public static void Import(ILogger log, string kind, string file, string user, bool applied, bool dryRun, int records, int problems) =>
        Imported(log, applied ? LogLevel.Information : dryRun && problems == 0 ? LogLevel.Information : LogLevel.Warning,
            kind, file, user, dryRun ? "dryRun" : applied ? "imported" : "refused", records, problems);

    [LoggerMessage(EventId = 2001, Message = "Import of {Kind} file {File} by {User}: {Outcome}, {Records} records, {Problems} problems")]
    private static partial void Imported(ILogger log, LogLevel level, string kind, string file, string user, string outcome, int records, int problems);

    /// <summary>
    /// One group robot's part of a notification sweep (`keystone notify`, not a dry run): the messages sent, or
    /// the failure that leaves them to the next run (a warning).
    /// </summary>
    public static void Notified(ILogger log, string unit, string robot, int fresh, int again, int messages, string? error)
    {
        if (error is null)
        {
            Sent(log, unit, robot, fresh, again, messages);
        }
        else
        {
            NotSent(log, unit, robot, fresh, again, messages, error);
        }
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Notifications to {Unit} robot {Robot}: {New} new, {Again} again, {Messages} messages sent")]
    private static partial void Sent(ILogger log, string unit, string robot, int @new, int again, int messages);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Notifications to {Unit} robot {Robot}: {New} new, {Again} again, {Messages} messages NOT sent ({Error}); the next run sends them again")]
    private static partial void NotSent(ILogger log, string unit, string robot, int @new, int again, int messages, string error);

    /// <summary>A month closed (关账) for a unit and everything below it.</summary>
    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Month {Month} of {Unit} closed by {User}: {Rows} plan rows frozen")]
    public static partial void Closed(ILogger log, string month, string unit, string user, int rows);
}
