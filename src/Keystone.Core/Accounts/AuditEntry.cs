using System.Text.Json;

namespace Keystone.Core.Accounts;

/// <summary>
/// One change to the data, as it happened: who, when, which entity, the values before and after, the reason
/// where one is required, and the org unit the change is about (so a unit's officers read only their own).
/// Append-only: the app never changes or deletes a row, and the database refuses to (triggers on both
/// providers; on PostgreSQL the application's role may also be granted only INSERT and SELECT).
/// </summary>
public sealed class AuditEntry
{
    public AuditEntry(DateTimeOffset at, string actor, string entity, string entityKey, string action, string? before, string? after, string? reason, int? orgUnitId = null)
    {
        At = at.ToUniversalTime();
        Actor = actor;
        Entity = entity;
        EntityKey = entityKey;
        Action = action;
        Before = before;
        After = after;
        Reason = reason;
        OrgUnitId = orgUnitId;
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

    /// <summary>"project", "plan", "report", "lightRules", "closedPeriod", "user", "signIn" …</summary>
    public string Entity { get; private set; }

    /// <summary>
    /// The business key: a project's code, "code/2024" for a plan, "code/2024-03" for a report, a user's name
    /// for a user or a sign-in.
    /// </summary>
    public string EntityKey { get; private set; }

    /// <summary>"created", "updated", "deleted", "imported", "approved", "returned" …</summary>
    public string Action { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>
    /// The unit whose data the change is about: a project's unit (for its plans, reports, factors, photos …
    /// too), a user's unit, the unit a rule set or closed month belongs to. Null when no unit can be named
    /// (an enterprise before it has an owner, a sign-in under an unknown name): only a province administrator
    /// sees those. Not a foreign key: the log outlives what it describes.
    /// </summary>
    public int? OrgUnitId { get; private set; }

    /// <summary>Names the unit of an entry written without one (a sign-in, by its user), before it is saved.</summary>
    internal void AttributeTo(int orgUnitId)
    {
        if (Id != 0 || OrgUnitId is not null)
        {
            throw new InvalidOperationException("The audit log is append-only: a saved or attributed entry keeps its unit");
        }

        OrgUnitId = orgUnitId;
    }
}

/// <summary>One value an audited change touched: its name (as in the log's JSON) and the value before and after.</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

public static class AuditChanges
{
    /// <summary>
    /// The fields whose values differ between an entry's before and after (each a flat JSON object, as the
    /// audit log writes them), in the order they appear; every field of a creation or a deletion.
    /// Unreadable JSON yields nothing rather than failing the page that shows the history.
    /// </summary>
    public static IReadOnlyList<AuditChange> Of(string? before, string? after)
    {
        var old = Read(before);
        var now = Read(after);
        if (old is null && now is null)
        {
            return [];
        }

        var fields = (old?.Keys ?? Enumerable.Empty<string>()).Concat(now?.Keys ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal);
        var changes = new List<AuditChange>();
        foreach (var field in fields)
        {
            var b = old is not null && old.TryGetValue(field, out var x) ? x : null;
            var a = now is not null && now.TryGetValue(field, out var y) ? y : null;
            if (!string.Equals(b, a, StringComparison.Ordinal))
            {
                changes.Add(new AuditChange(field, b, a));
            }
        }

        return changes;
    }

    private static Dictionary<string, string?>? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return document.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => p.Value.GetString(),
                    _ => p.Value.GetRawText(),
                },
                StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
