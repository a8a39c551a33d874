using Keystone.Core.Projects;

namespace Keystone.Core.Progress;

/// <summary>
/// A 催报: an officer reminded a project that its month's report is late. Kept against the project and the
/// month so the to-do list shows who reminded it and when; the notification sweep sends it to the unit's
/// group robots (<see cref="SentAt"/> once sent), where the unit has any.
/// </summary>
public sealed class ReportReminder
{
    public ReportReminder(Project project, Period period, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(project);
        Project = project;
        ProjectId = project.Id;
        Period = period;
        RemindedBy = by;
        RemindedAt = at;
    }

    private ReportReminder()
    {
        RemindedBy = "";
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public Project? Project { get; private set; }

    /// <summary>The month whose report is asked for.</summary>
    public Period Period { get; private set; }

    public string RemindedBy { get; private set; }

    public DateTimeOffset RemindedAt { get; private set; }

    /// <summary>When the sweep passed it to the unit's robots; null while waiting, or when the unit has none.</summary>
    public DateTimeOffset? SentAt { get; private set; }

    public void MarkSent(DateTimeOffset at) => SentAt = at;
}
