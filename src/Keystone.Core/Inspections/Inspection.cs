using Keystone.Core.Problems;

namespace Keystone.Core.Inspections;

/// <summary>Whom a leader's instruction is addressed to (seed 003: "新荣区要…", "项目企业要…", "施工单位要…").</summary>
public enum AddresseeKind
{
    /// <summary>An org unit (a district, county or zone), which routes it to its department.</summary>
    Unit,

    /// <summary>The enterprise of the stop (项目企业).</summary>
    Enterprise,

    /// <summary>The contractor on the site (施工单位).</summary>
    Contractor,

    /// <summary>A government department (责任单位).</summary>
    Department,
}

/// <summary>A stop as recorded: where (a project or an enterprise, in a unit), and what was reported there.</summary>
public sealed record StopEntry(int UnitId, int? ProjectId, int? EnterpriseId, string Site, string? Reported);

/// <summary>
/// A leader's inspection (领导调研, seed 003): the day, the leader, the officials who went, and its stops in
/// order, at each what was reported and the instructions given. Every instruction is a tracked item of the
/// problem loop (source <see cref="ProblemSource.Inspection"/>: the leader, the day, the words), so it is
/// replied to by its deadline, overdue and escalated, and supervised like any problem.
/// </summary>
public sealed class Inspection : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public const int MaxTitleLength = 200;
    public const int MaxNameLength = 100;
    public const int MaxOfficialsLength = 1000;
    public const int MaxTextLength = 4000;
    public const int MaxStops = 50;

    private readonly List<InspectionStop> stops = [];

    public Inspection(int unitId, DateOnly heldOn, string leader, string? officials, string? title, string by, DateTimeOffset at)
    {
        var errors = new List<DomainException>();
        var cleanLeader = Clean(leader);
        if (cleanLeader is null || cleanLeader.Length > MaxNameLength)
        {
            errors.Add(new(new("调研领导不能为空，且不超过100字", "The leader is required and at most 100 characters"), "leader"));
        }

        if (Clean(officials) is { Length: > MaxOfficialsLength })
        {
            errors.Add(new(new("陪同人员不能超过1000字", "The officials cannot be longer than 1000 characters"), "officials"));
        }

        if (Clean(title) is { Length: > MaxTitleLength })
        {
            errors.Add(new(new("调研主题不能超过200字", "The title cannot be longer than 200 characters"), "title"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        OrgUnitId = unitId;
        HeldOn = heldOn;
        Leader = cleanLeader!;
        Officials = Clean(officials);
        Title = Clean(title) ?? $"{cleanLeader}调研重点工程项目";
        CreatedBy = by;
        CreatedAt = at.ToUniversalTime();
    }

    private Inspection()
    {
        Leader = "";
        Title = "";
        CreatedBy = "";
    }

    public int Id { get; private set; }

    /// <summary>The unit whose leader inspected (a city): its scope holds the stops.</summary>
    public int OrgUnitId { get; private set; }

    public DateOnly HeldOn { get; private set; }

    /// <summary>"卢东亮" — the leader whose words the instructions are.</summary>
    public string Leader { get; private set; }

    /// <summary>"市领导任希杰、王明厚、王宏栓，…及有关县区和部门负责同志".</summary>
    public string? Officials { get; private set; }

    public string Title { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<InspectionStop> Stops => stops;

    /// <summary>Adds the next stop, in the order visited; a stop is a project or an enterprise.</summary>
    public InspectionStop AddStop(StopEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var errors = new List<DomainException>();
        if (entry.ProjectId is null && entry.EnterpriseId is null)
        {
            errors.Add(new(new("调研点须是一个项目或一家企业", "A stop is a project or an enterprise"), "project"));
        }

        var site = Clean(entry.Site);
        if (site is null || site.Length > MaxTitleLength)
        {
            errors.Add(new(new("调研点名称不能为空，且不超过200字", "The stop's name is required and at most 200 characters"), "site"));
        }

        if (Clean(entry.Reported) is { Length: > MaxTextLength })
        {
            errors.Add(new(new("汇报情况不能超过4000字", "What was reported cannot be longer than 4000 characters"), "reported"));
        }

        if (stops.Count >= MaxStops)
        {
            errors.Add(new(new($"一次调研不超过{MaxStops}个调研点", $"An inspection has at most {MaxStops} stops"), "stops"));
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var stop = new InspectionStop(this, stops.Count + 1, entry.UnitId, entry.ProjectId, entry.EnterpriseId, site!, Clean(entry.Reported));
        stops.Add(stop);
        return stop;
    }

    /// <summary>What an instruction's problem says of where it came from: the leader, the day, the words.</summary>
    public ProblemOrigin Origin(string words) => ProblemOrigin.Inspection(Leader, HeldOn, words);

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One stop of an inspection, in order: a project or an enterprise, what was reported there, and the instructions given.</summary>
public sealed class InspectionStop
{
    private readonly List<InspectionInstruction> instructions = [];

    internal InspectionStop(Inspection inspection, int sequence, int unitId, int? projectId, int? enterpriseId, string site, string? reported)
    {
        Inspection = inspection;
        Sequence = sequence;
        OrgUnitId = unitId;
        ProjectId = projectId;
        EnterpriseId = enterpriseId;
        Site = site;
        Reported = reported;
    }

    private InspectionStop()
    {
        Site = "";
    }

    public int Id { get; private set; }

    public int InspectionId { get; private set; }

    public Inspection? Inspection { get; private set; }

    public int Sequence { get; private set; }

    /// <summary>The unit the stop is in (its project's, or the enterprise's district): its instructions' problems belong there.</summary>
    public int OrgUnitId { get; private set; }

    public int? ProjectId { get; private set; }

    public Projects.Project? Project { get; private set; }

    public int? EnterpriseId { get; private set; }

    public Projects.Enterprise? Enterprise { get; private set; }

    /// <summary>The stop as named ("新荣区锐华新能源装备产业项目", "大同锡纯新材料股份有限公司").</summary>
    public string Site { get; private set; }

    /// <summary>汇报情况: what the leader was told there.</summary>
    public string? Reported { get; private set; }

    public IReadOnlyList<InspectionInstruction> Instructions => instructions;

    /// <summary>Adds an instruction given at this stop, as the problem it became.</summary>
    public InspectionInstruction Instruct(Problem problem, AddresseeKind kind, string addressee, int? addresseeUnitId)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Source != ProblemSource.Inspection)
        {
            throw new ArgumentException("An instruction's problem is raised from its inspection", nameof(problem));
        }

        var instruction = new InspectionInstruction(this, instructions.Count + 1, kind, addressee, addresseeUnitId, problem);
        instructions.Add(instruction);
        return instruction;
    }
}

/// <summary>An instruction given at a stop, in order: to whom, and the problem it became (its words, deadline and reply are the problem's).</summary>
public sealed class InspectionInstruction
{
    internal InspectionInstruction(InspectionStop stop, int sequence, AddresseeKind kind, string addressee, int? addresseeUnitId, Problem problem)
    {
        Stop = stop;
        Sequence = sequence;
        AddresseeKind = kind;
        Addressee = addressee;
        AddresseeUnitId = addresseeUnitId;
        Problem = problem;
    }

    private InspectionInstruction()
    {
        Addressee = "";
    }

    public int Id { get; private set; }

    public int StopId { get; private set; }

    public InspectionStop? Stop { get; private set; }

    public int Sequence { get; private set; }

    public AddresseeKind AddresseeKind { get; private set; }

    /// <summary>"新荣区", "国电电力大同湖东发电有限公司", "施工单位", "大同市发展和改革委员会".</summary>
    public string Addressee { get; private set; }

    public int? AddresseeUnitId { get; private set; }

    public int ProblemId { get; private set; }

    public Problem? Problem { get; private set; }
}
