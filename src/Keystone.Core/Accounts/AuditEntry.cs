namespace Keystone.Core.Accounts;

/// <summary>
/// One change to the data, as it happened: who, when, which entity, the values before and after, and the
/// reason where one is required. Append-only: the app never changes or deletes a row, and the database
/// refuses to (a trigger on both providers).
/// </summary>
public sealed class AuditEntry
{
    public AuditEntry(DateTimeOffset at, string actor, string entity, string entityKey, string action, string? before, string? after, string? reason)
    {
        At = at.ToUniversalTime();
        Actor = actor;
        Entity = entity;
        EntityKey = entityKey;
        Action = action;
        Before = before;
        After = after;
        Reason = reason;
    }

    private AuditEntry()
    {
        Actor = "";
        Entity = "";
        EntityKey = "";
        Action = "";
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Actor { get; private set; }

    /// <summary>"project", "plan", "report", "lightRules", "closedPeriod", "user" …</summary>
    public string Entity { get; private set; }

    /// <summary>The business key: a project's code, "code/2024" for a plan, "code/2024-03" for a report.</summary>
    public string EntityKey { get; private set; }

    /// <summary>"created", "updated", "deleted", "imported", "approved", "returned" …</summary>
    public string Action { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public string? Reason { get; private set; }
}
