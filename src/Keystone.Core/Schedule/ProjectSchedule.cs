using System.Text;
using Keystone.Core.Projects;

namespace Keystone.Core.Schedule;

/// <summary>
/// A project's schedule (进度计划/节点计划): its activities and nodes with their links, durations, target and
/// actual dates, kept in the same JSON the `keystone schedule` command reads, so a plan moves between the
/// CLI, the API and the page unchanged. Refused whole when it does not schedule (a cycle, an unknown id).
/// </summary>
public sealed class ProjectSchedule : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public ProjectSchedule(Project project, string planJson, DateTimeOffset at, ScheduleLimits limits)
    {
        Project = project;
        ProjectId = project.Id;
        PlanJson = "";
        Replace(planJson, at, limits);
    }

    private ProjectSchedule()
    {
        PlanJson = "";
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public Project? Project { get; private set; }

    public string PlanJson { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public SchedulePlanFile.Plan Plan => SchedulePlanFile.Stored(PlanJson);

    /// <summary>Replaces the plan, after checking that it parses, stays within the limits and schedules.</summary>
    public void Replace(string planJson, DateTimeOffset at, ScheduleLimits limits)
    {
        var plan = SchedulePlanFile.Parse(Encoding.UTF8.GetBytes(planJson), "schedule", limits);
        _ = Scheduler.Compute(plan);
        PlanJson = SchedulePlanFile.Write(plan);
        UpdatedAt = at.ToUniversalTime();
    }
}

/// <summary>
/// A building, plot or section of a project (单体/地块/标段) and how far it has got: a construction stage
/// (场平 → 桩基 → 基础 → 主体 → 封顶 → 装饰装修 → 竣工) or a percentage.
/// </summary>
public sealed class ProjectWorkItem : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public ProjectWorkItem(Project project, WorkItem item, DateTimeOffset at)
    {
        Project = project;
        ProjectId = project.Id;
        Name = item.Name;
        Group = item.Group;
        Stage = item.Stage;
        StageDone = item.StageDone;
        Percent = item.Percent;
        UpdatedAt = at.ToUniversalTime();
    }

    private ProjectWorkItem()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public Project? Project { get; private set; }

    public string? Group { get; private set; }

    public string Name { get; private set; }

    public ConstructionStage? Stage { get; private set; }

    public bool StageDone { get; private set; }

    public decimal? Percent { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public WorkItem Item => Percent is { } percent ? new WorkItem(Group, Name, Stage, percent) : new WorkItem(Group, Name, Stage ?? ConstructionStage.NotStarted, StageDone);
}
