namespace Keystone.Core.Schedule;

/// <summary>
/// How an activity depends on a predecessor. Each compares two instants — a start is the beginning of its
/// first day, a finish the end of its last day — shifted by the lag in the schedule's days (ADR 0007).
/// </summary>
public enum LinkType : byte
{
    /// <summary>FS: the successor starts no earlier than the predecessor finishes + lag.</summary>
    FinishToStart,

    /// <summary>SS: the successor starts no earlier than the predecessor starts + lag.</summary>
    StartToStart,

    /// <summary>FF: the successor finishes no earlier than the predecessor finishes + lag.</summary>
    FinishToFinish,

    /// <summary>SF: the successor finishes no earlier than the predecessor starts + lag.</summary>
    StartToFinish,
}

/// <summary>The two-letter codes schedulers and site engineers write: FS, SS, FF, SF.</summary>
public static class LinkTypes
{
    public static string Code(this LinkType type) => type switch
    {
        LinkType.FinishToStart => "FS",
        LinkType.StartToStart => "SS",
        LinkType.FinishToFinish => "FF",
        LinkType.StartToFinish => "SF",
    };

    /// <summary>FS, SS, FF or SF in either case; anything else is not a link type.</summary>
    public static bool TryParse(string? code, out LinkType type)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case "FS": type = LinkType.FinishToStart; return true;
            case "SS": type = LinkType.StartToStart; return true;
            case "FF": type = LinkType.FinishToFinish; return true;
            case "SF": type = LinkType.StartToFinish; return true;
            default: type = default; return false;
        }
    }
}

/// <summary>One dependency of an activity: on the activity <paramref name="Id"/>, of a type, with a lag in the schedule's days (negative: an overlap).</summary>
public readonly record struct Predecessor(string Id, LinkType Type = LinkType.FinishToStart, int Lag = 0)
{
    public override string ToString() =>
        Lag == 0 ? $"{Id} {Type.Code()}" : $"{Id} {Type.Code()}{Lag:+0;-0}";
}

/// <summary>
/// An activity (工作/工序) or, with a duration of 0, a milestone (节点) of a schedule. Durations and lags are
/// the schedule's days (<see cref="ScheduleDays"/>): calendar days by default, as sites work through weekends
/// and holidays when a deadline presses, or working days. Actual dates, when reported, override the plan.
/// </summary>
public sealed record ScheduleActivity(string Id, string Name, int Duration)
{
    /// <summary>What must happen first (前置工作).</summary>
    public IReadOnlyList<Predecessor> After { get; init; } = [];

    public DateOnly? ActualStart { get; init; }

    public DateOnly? ActualFinish { get; init; }

    /// <summary>责任单位, carried through to the result for the battle map.</summary>
    public string? Responsible { get; init; }

    /// <summary>
    /// The date the zone has set for it (节点目标日期, "11月底完成主体结构"), if any: what its light is judged
    /// against. Without one, a node is judged against its planned (early) finish.
    /// </summary>
    public DateOnly? Due { get; init; }

    public bool IsMilestone => Duration == 0;
}
