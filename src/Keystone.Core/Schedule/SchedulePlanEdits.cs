namespace Keystone.Core.Schedule;

/// <summary>
/// What a zone officer does to a plan on the schedule page: change an activity, add one, remove one, move
/// the start or the deadline. Each returns a new plan and refuses what would leave it meaningless with a
/// <see cref="DomainException"/> naming the activities; whether the new plan schedules (no cycle, no unknown
/// predecessor) is checked when it is stored (<see cref="ProjectSchedule.Replace"/>), so nothing half-done is kept.
/// </summary>
public static class SchedulePlanEdits
{
    /// <summary>The plan with the activity <paramref name="id"/> replaced by <paramref name="activity"/> (same id, same place).</summary>
    public static SchedulePlanFile.Plan Change(SchedulePlanFile.Plan plan, string id, ScheduleActivity activity)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(activity);
        var index = IndexOf(plan, id);
        if (activity.Id != id)
        {
            throw new DomainException(new("工作编号不能修改", "An activity's id cannot change"), "id");
        }

        CheckLinks(activity);
        var activities = plan.Activities.ToList();
        activities[index] = activity;
        return plan with { Activities = activities };
    }

    /// <summary>The plan with a new activity at its end; refused once the plan has as many activities as <paramref name="limits"/> allow.</summary>
    public static SchedulePlanFile.Plan Add(SchedulePlanFile.Plan plan, ScheduleActivity activity, ScheduleLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(activity);
        limits ??= ScheduleLimits.Default;
        if (plan.Activities.Count >= limits.MaxActivities)
        {
            throw new DomainException(
                new($"进度计划已有{plan.Activities.Count}项工作，达到每个项目{limits.MaxActivities}项的上限，不能再添加",
                    $"The schedule already has {plan.Activities.Count} activities, the {limits.MaxActivities} allowed per project; no more can be added"),
                "id");
        }

        if (string.IsNullOrWhiteSpace(activity.Id))
        {
            throw new DomainException(new("请填写工作编号", "Give the activity an id"), "id");
        }

        if (plan.Activities.Any(a => a.Id == activity.Id))
        {
            throw new DomainException(new($"工作编号“{activity.Id}”已存在", $"There is already an activity \"{activity.Id}\""), "id");
        }

        CheckLinks(activity);
        return plan with { Activities = [.. plan.Activities, activity] };
    }

    /// <summary>The plan without the activity <paramref name="id"/>; refused while others come after it, naming them.</summary>
    public static SchedulePlanFile.Plan Remove(SchedulePlanFile.Plan plan, string id)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _ = IndexOf(plan, id);
        var dependants = plan.Activities.Where(a => a.Id != id && a.After.Any(p => p.Id == id)).Select(a => a.Id).ToList();
        if (dependants.Count > 0)
        {
            var zh = string.Join("、", dependants.Select(d => $"“{d}”"));
            var en = string.Join(", ", dependants.Select(d => $"\"{d}\""));
            throw new DomainException(
                new($"工作{zh}以“{id}”为前置工作，请先修改它们的前置工作", $"{en} come(s) after \"{id}\": change their predecessors first"),
                "after");
        }

        if (plan.Activities.Count == 1)
        {
            throw new DomainException(new("这是计划中唯一的工作，不能删除", "It is the plan's only activity and cannot be removed"), "id");
        }

        return plan with { Activities = plan.Activities.Where(a => a.Id != id).ToList() };
    }

    /// <summary>The plan counted from another start date, against another deadline (or none), in another kind of days when given.</summary>
    public static SchedulePlanFile.Plan Dates(SchedulePlanFile.Plan plan, DateOnly start, DateOnly? deadline, ScheduleDays? days = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (deadline is { } d && d < start)
        {
            throw new DomainException(new("工期目标不能早于计划开始日期", "The deadline cannot be before the start"), "deadline");
        }

        return plan with { Start = start, Deadline = deadline, Days = days ?? plan.Days };
    }

    private static int IndexOf(SchedulePlanFile.Plan plan, string id)
    {
        for (var i = 0; i < plan.Activities.Count; i++)
        {
            if (plan.Activities[i].Id == id)
            {
                return i;
            }
        }

        throw new NotFoundException(new($"进度计划中没有工作“{id}”", $"The schedule has no activity \"{id}\""));
    }

    private static void CheckLinks(ScheduleActivity activity)
    {
        if (activity.After.Any(p => p.Id == activity.Id))
        {
            throw new DomainException(
                new($"工作“{activity.Id}”不能以自身为前置工作", $"Activity \"{activity.Id}\" cannot come after itself"),
                "after");
        }

        var twice = activity.After.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new DomainException(
                new($"前置工作“{twice.Key}”重复填写", $"The predecessor \"{twice.Key}\" is given twice"),
                "after");
        }
    }
}
