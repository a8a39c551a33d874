namespace Keystone.Core.Campaigns;

/// <summary>
/// 集中开复工 as an event (docs/domain.md "集中开复工"): a unit's ceremony on a day, at a place, with a main venue
/// project (主会场) and the projects that start or resume there. The briefing's 集中开复工 paragraph reads these,
/// never a guess from dates; a day on which five or more day-precise starts fall is only proposed, for an
/// officer to confirm. One event per unit and day.
/// </summary>
public sealed class StartEvent
{
    public const int MaxTitleLength = 200;
    public const int MaxPlaceLength = 200;
    public const int MaxProjects = 500;

    private readonly List<StartEventProject> projects = [];

    public StartEvent(int unitId, DateOnly heldOn, string? title, string? place, string by, DateTimeOffset at)
    {
        var errors = new List<DomainException>();
        if (Campaign.Clean(title) is { Length: > MaxTitleLength })
        {
            errors.Add(new(new("活动名称不能超过200字", "The title cannot be longer than 200 characters"), "title"));
        }

        if (Campaign.Clean(place) is { Length: > MaxPlaceLength })
        {
            errors.Add(new(new("活动地点不能超过200字", "The place cannot be longer than 200 characters"), "place"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        OrgUnitId = unitId;
        HeldOn = heldOn;
        Title = Campaign.Clean(title);
        Place = Campaign.Clean(place);
        CreatedBy = by;
        CreatedAt = at.ToUniversalTime();
    }

    private StartEvent()
    {
        CreatedBy = "";
    }

    public int Id { get; private set; }

    /// <summary>The unit that held it: a parent's briefing names it rather than claiming the event.</summary>
    public int OrgUnitId { get; private set; }

    public DateOnly HeldOn { get; private set; }

    /// <summary>"古县“冬季行动”冲刺暨2024年全县重点项目集中开复工仪式"; null when none was given.</summary>
    public string? Title { get; private set; }

    public string? Place { get; private set; }

    /// <summary>主会场: one of the event's projects.</summary>
    public int? MainVenueProjectId { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<StartEventProject> Projects => projects;

    /// <summary>
    /// The projects that start or resume at the event, and its main venue (one of them, or none). At least one
    /// project, none twice.
    /// </summary>
    public void SetProjects(IReadOnlyList<int> projectIds, int? mainVenueProjectId)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        if (projectIds.Count == 0)
        {
            throw new DomainException(new("集中开复工活动至少包含一个项目", "An event names at least one project"), "projects");
        }

        if (projectIds.Count > MaxProjects)
        {
            throw new DomainException(new($"一次活动最多{MaxProjects}个项目", $"An event names at most {MaxProjects} projects"), "projects");
        }

        if (projectIds.Distinct().Count() != projectIds.Count)
        {
            throw new DomainException(new("活动项目中有重复", "A project is named twice"), "projects");
        }

        if (mainVenueProjectId is { } venue && !projectIds.Contains(venue))
        {
            throw new DomainException(new("主会场项目须是本次集中开复工的项目之一", "The main venue must be one of the event's projects"), "mainVenue");
        }

        projects.Clear();
        projects.AddRange(projectIds.Select(id => new StartEventProject(this, id)));
        MainVenueProjectId = mainVenueProjectId;
    }
}

/// <summary>A project that started or resumed at an event.</summary>
public sealed class StartEventProject
{
    internal StartEventProject(StartEvent startEvent, int projectId)
    {
        StartEvent = startEvent;
        ProjectId = projectId;
    }

    private StartEventProject()
    {
    }

    public int Id { get; private set; }

    public int StartEventId { get; private set; }

    public StartEvent? StartEvent { get; private set; }

    public int ProjectId { get; private set; }

    public Projects.Project? Project { get; private set; }
}
