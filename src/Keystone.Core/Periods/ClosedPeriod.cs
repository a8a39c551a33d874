using System.Text.Json;
using Keystone.Core.Figures;

namespace Keystone.Core.Periods;

/// <summary>
/// A reporting month closed (关账) for a scope: the plan rows of the scope as they stood at the month's end
/// are kept, so its figures and briefings read the same later, whatever is edited afterwards. A later
/// change shows as a restatement (原报/更正后) next to them; a report for a closed month needs a reason.
/// </summary>
public sealed class ClosedPeriod
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // A closing never changes once written: its rows and facts are read from their JSON once per instance (a cached
    // instance serves many pages, from several threads at once).
    private IReadOnlyList<PlanRow>? snapshot;
    private Lazy<ClosedFacts?>? facts;

    public ClosedPeriod(int orgUnitId, Period period, IReadOnlyList<PlanRow> rows, DateTimeOffset at, string? closedBy = null, ClosedFacts? facts = null)
    {
        FactsJson = facts is null ? null : JsonSerializer.Serialize(facts, Json);
        OrgUnitId = orgUnitId;
        Period = period;
        ClosedAt = at.ToUniversalTime();
        ClosedBy = closedBy;
        RowsJson = JsonSerializer.Serialize(rows, Json);
        Rows = rows.Count;
    }

    private ClosedPeriod()
    {
        RowsJson = "";
    }

    public int Id { get; private set; }

    public int OrgUnitId { get; private set; }

    public Period Period { get; private set; }

    public DateTimeOffset ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    /// <summary>How many plan rows the snapshot holds.</summary>
    public int Rows { get; private set; }

    public string RowsJson { get; private set; }

    /// <summary>
    /// The month's other facts as they stood at closing (rules, schedules, stages, factor sheets, standing);
    /// null for a month closed before Keystone kept them, whose briefing reads those facts live.
    /// </summary>
    public string? FactsJson { get; private set; }

    /// <summary>Which month this is, closed when and for which unit, without its frozen rows.</summary>
    public ClosedMonth Month() => new(Id, OrgUnitId, Period, ClosedAt);

    /// <summary>The facts the closing kept besides its rows (read once per instance; treat as read-only).</summary>
    public ClosedFacts? Facts() =>
        LazyInitializer.EnsureInitialized(ref facts, () => new Lazy<ClosedFacts?>(() => FactsJson is null ? null : JsonSerializer.Deserialize<ClosedFacts>(FactsJson, Json))).Value;

    /// <summary>The frozen rows (read once per instance; read-only).</summary>
    public IReadOnlyList<PlanRow> Snapshot() =>
        LazyInitializer.EnsureInitialized(ref snapshot, () => (JsonSerializer.Deserialize<List<PlanRow>>(RowsJson, Json) ?? []).AsReadOnly());
}

/// <summary>A closing without its frozen rows and facts: what the figures say about the month they come from.</summary>
public sealed record ClosedMonth(int Id, int OrgUnitId, Period Period, DateTimeOffset ClosedAt);
