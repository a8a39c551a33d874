namespace Keystone.Core.Schedule;

/// <summary>Where an activity stands by its actual dates.</summary>
public enum ActivityProgress
{
    NotStarted,
    InProgress,
    Finished,
}

/// <summary>
/// One activity as scheduled, with the input it was scheduled from. Dates are the calendar days printed
/// to users (ADR 0007): a start is the day work begins, a finish the last day worked; a milestone shows the
/// same day as start and finish. Floats are whole days; the total float is negative when the deadline
/// cannot be met. A struct: a schedule of 100,000 activities is one array, not 100,000 objects for the
/// collector to trace.
/// </summary>
public readonly record struct ScheduledActivity(
    ScheduleActivity Activity,
    ActivityProgress Progress,
    DateOnly EarlyStart,
    DateOnly EarlyFinish,
    DateOnly LateStart,
    DateOnly LateFinish,
    int TotalFloat,
    int FreeFloat,
    bool Critical,
    bool Late)
{
    public string Id => Activity.Id;

    public string Name => Activity.Name;

    public string? Responsible => Activity.Responsible;

    public int Duration => Activity.Duration;

    public bool IsMilestone => Activity.IsMilestone;

    /// <summary>
    /// How many days (in the schedule's kind of days) its forecast finish is past its own due date (节点目标)
    /// while unfinished, else null: the node is late, with this much negative float, before the date arrives.
    /// </summary>
    public int? DaysPastDue { get; init; }
}

/// <summary>
/// A computed schedule. <see cref="Finish"/> is the forecast finish (the latest early finish); the late
/// dates are counted back from <see cref="Deadline"/> when there is one (倒排工期), else from that finish,
/// and from each node's own due date for it and what comes before it.
/// </summary>
public sealed record ScheduleResult(
    DateOnly Start,
    DateOnly Finish,
    DateOnly? Deadline,
    DateOnly? AsOf,
    int CriticalFloat,
    IReadOnlyList<ScheduledActivity> Activities)
{
    /// <summary>How its days were counted (calendar days when not set).</summary>
    public DayScale? Scale { get; init; }

    /// <summary>Whether its durations, lags, floats and margins are calendar or working days.</summary>
    public ScheduleDays Days => Scale?.Days ?? ScheduleDays.Calendar;

    /// <summary>Whether the forecast finish is on or before the deadline (true without one).</summary>
    public bool MeetsDeadline => Deadline is not { } deadline || Finish <= deadline;

    /// <summary>
    /// Days (of <see cref="Days"/>' kind) from the forecast finish to the deadline: to spare when positive, short when negative; null without
    /// one. Not <see cref="CriticalFloat"/>: a node's own due date can make the least float negative while the
    /// project as a whole still meets its deadline.
    /// </summary>
    public int? DeadlineMargin => Deadline is { } deadline ? Scale?.Between(Finish, deadline) ?? deadline.DayNumber - Finish.DayNumber : null;

    /// <summary>The critical activities in input order.</summary>
    public IEnumerable<ScheduledActivity> Critical => Activities.Where(a => a.Critical);

    /// <summary>
    /// The activities already behind their latest dates as of <see cref="AsOf"/>, and the nodes forecast past
    /// their own due dates (<see cref="ScheduledActivity.DaysPastDue"/>), in input order.
    /// </summary>
    public IEnumerable<ScheduledActivity> Late => Activities.Where(a => a.Late);
}
