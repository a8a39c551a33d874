using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Projects;
using Keystone.Core.Schedule;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Schedule;

/// <summary>
/// The writes to a project's stored schedule, one method per thing a zone officer does, shared by the API and
/// the schedule page's form handlers. Each applies a <see cref="SchedulePlanEdits"/> step to the stored plan
/// and stores the result only when it schedules (<see cref="ProjectSchedule.Replace"/>): a refusal is a
/// <see cref="DomainException"/> (or a <see cref="NotFoundException"/> for an unknown activity) and changes nothing.
/// </summary>
public static class ScheduleStore
{
    /// <summary>The project's stored schedule (tracked, so a store replaces it), or null.</summary>
    public static Task<ProjectSchedule?> FindAsync(AppDbContext db, Project project, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(project);
        return db.Schedules.FirstOrDefaultAsync(s => s.ProjectId == project.Id, ct);
    }

    /// <summary>Stores <paramref name="planJson"/> (the `keystone schedule` JSON) as the project's plan, replacing any.</summary>
    public static async Task<ProjectSchedule> SaveAsync(AppDbContext db, Project project, string planJson, DateTimeOffset at, ScheduleLimits limits, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(project);
        var schedule = await FindAsync(db, project, ct);
        if (schedule is null)
        {
            // The constructor refuses a plan that does not schedule before anything is added.
            schedule = new ProjectSchedule(project, planJson, at, limits);
            db.Schedules.Add(schedule);
        }
        else
        {
            // Replace checks before it assigns: a refused plan leaves the stored one as it was.
            schedule.Replace(planJson, at, limits);
        }

        await db.SaveChangesAsync(ct);
        return schedule;
    }

    /// <summary>Stores <paramref name="plan"/> as the project's plan, replacing any.</summary>
    public static Task<ProjectSchedule> SaveAsync(AppDbContext db, Project project, SchedulePlanFile.Plan plan, DateTimeOffset at, ScheduleLimits limits, CancellationToken ct = default) =>
        SaveAsync(db, project, SchedulePlanFile.Write(plan), at, limits, ct);

    /// <summary>Replaces the activity <paramref name="id"/> of the stored plan.</summary>
    public static async Task<ProjectSchedule> ChangeAsync(AppDbContext db, Project project, string id, ScheduleActivity activity, DateTimeOffset at, ScheduleLimits limits, CancellationToken ct = default)
    {
        var plan = await StoredAsync(db, project, ct);
        return await SaveAsync(db, project, SchedulePlanEdits.Change(plan, id, activity), at, limits, ct);
    }

    /// <summary>
    /// Adds an activity at the end of the stored plan; a project without one starts its plan with it, counted
    /// from <paramref name="startIfNew"/> (refused without it).
    /// </summary>
    public static async Task<ProjectSchedule> AddAsync(
        AppDbContext db, Project project, ScheduleActivity activity, (DateOnly Start, DateOnly? Deadline)? startIfNew, DateTimeOffset at, ScheduleLimits limits, CancellationToken ct = default, ScheduleDays daysIfNew = ScheduleDays.Calendar)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(project);
        var plan = (await FindAsync(db, project, ct))?.Plan
            ?? (startIfNew is { } dates
                ? SchedulePlanEdits.Dates(new SchedulePlanFile.Plan(dates.Start, null, []), dates.Start, dates.Deadline, daysIfNew)
                : throw new DomainException(new("项目还没有进度计划，请填写计划开始日期", "The project has no schedule yet: give its start date"), "start"));
        return await SaveAsync(db, project, SchedulePlanEdits.Add(plan, activity, limits), at, limits, ct);
    }

    /// <summary>Removes the activity <paramref name="id"/> from the stored plan.</summary>
    public static async Task<ProjectSchedule> RemoveAsync(AppDbContext db, Project project, string id, DateTimeOffset at, ScheduleLimits limits, CancellationToken ct = default)
    {
        var plan = await StoredAsync(db, project, ct);
        return await SaveAsync(db, project, SchedulePlanEdits.Remove(plan, id), at, limits, ct);
    }

    /// <summary>Counts the stored plan from another start date, against another deadline (or none), in another kind of days when given.</summary>
    public static async Task<ProjectSchedule> DatesAsync(AppDbContext db, Project project, DateOnly start, DateOnly? deadline, DateTimeOffset at, ScheduleLimits limits, CancellationToken ct = default, ScheduleDays? days = null)
    {
        var plan = await StoredAsync(db, project, ct);
        return await SaveAsync(db, project, SchedulePlanEdits.Dates(plan, start, deadline, days), at, limits, ct);
    }

    private static async Task<SchedulePlanFile.Plan> StoredAsync(AppDbContext db, Project project, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(project);
        return (await FindAsync(db, project, ct))?.Plan
            ?? throw new NotFoundException(new($"项目“{project.Code}”还没有进度计划", $"The project \"{project.Code}\" has no schedule yet"));
    }
}
