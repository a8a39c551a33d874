namespace Keystone.Core.Schedule;

/// <summary>The `--json` shape: the names are an interface, do not rename them.</summary>
public sealed record ScheduleReport(DateOnly Finish, IReadOnlyList<ScheduleReportActivity> Activities)
{
    public static ScheduleReport Of(ScheduleResult s) => new(
        s.Finish,
        s.Activities.Select(a => new ScheduleReportActivity(
            a.Id, a.Name, a.EarlyStart, a.EarlyFinish, a.LateStart, a.LateFinish, a.TotalFloat, a.FreeFloat, a.Critical, a.IsMilestone, a.Late)).ToList());
}

public sealed record ScheduleReportActivity(
    string Id,
    string Name,
    DateOnly EarlyStart,
    DateOnly EarlyFinish,
    DateOnly LateStart,
    DateOnly LateFinish,
    int TotalFloat,
    int FreeFloat,
    bool Critical,
    bool Milestone,
    bool Late);
