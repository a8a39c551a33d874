using Keystone.Core.Projects;

namespace Keystone.Core.Factors;

/// <summary>An approval a project needs before and while it is built (前期手续).</summary>
public enum ProcedureKind
{
    /// <summary>立项/备案 (审批、核准或备案).</summary>
    ProjectApproval,

    /// <summary>用地预审与选址意见书.</summary>
    LandPreApproval,

    /// <summary>建设用地规划许可证.</summary>
    LandPlanningPermit,

    /// <summary>建设工程规划许可证.</summary>
    EngineeringPlanningPermit,

    /// <summary>建筑工程施工许可证.</summary>
    ConstructionPermit,

    /// <summary>环境影响评价 (环评).</summary>
    EnvironmentalAssessment,

    /// <summary>节能审查 (能评).</summary>
    EnergyAssessment,

    /// <summary>水土保持方案 (水保).</summary>
    SoilAndWater,

    /// <summary>Any other item a zone adds (安评, 消防设计审查 …), named by the zone.</summary>
    Other,
}

/// <summary>How an approval is handled (seed 004: 并联审批, 容缺受理, 承诺制, 全代办).</summary>
public enum HandlingMode
{
    Normal,

    /// <summary>并联审批: run at the same time as the other parallel items, not one after another.</summary>
    Parallel,

    /// <summary>容缺受理: accepted with papers missing; the papers are owed by a date (an obligation with its own light).</summary>
    AcceptedWithGaps,

    /// <summary>承诺制: approved on the enterprise's commitment, to be verified by a date (an obligation).</summary>
    Commitment,

    /// <summary>全代办: handled by a named agent of the zone's service team.</summary>
    Agency,
}

public enum ProcedureStatus
{
    NotStarted,
    Applied,
    Approved,
}

/// <summary>How an item is handled, with what its mode needs: the missing papers and date, the commitment and date, the agent.</summary>
public sealed record ProcedureHandling
{
    public HandlingMode Mode { get; init; }

    /// <summary>容缺受理: the papers still to supply.</summary>
    public string? MissingPapers { get; init; }

    /// <summary>容缺受理: by when they must be supplied.</summary>
    public DateOnly? SupplyBy { get; init; }

    /// <summary>承诺制: what the enterprise commits to.</summary>
    public string? Commitment { get; init; }

    /// <summary>承诺制: when the commitment is verified (核查).</summary>
    public DateOnly? VerifyBy { get; init; }

    /// <summary>全代办: who handles it (代办员).</summary>
    public string? Agent { get; init; }

    public static ProcedureHandling Normal { get; } = new();
}

/// <summary>
/// One item of a project's approval checklist (前期手续): the department that grants it, how it is handled,
/// and the dates it was applied for and approved. 容缺受理 and 承诺制 leave an obligation behind — papers to
/// supply, a commitment to verify — each with a date and a light (<see cref="ProcedureFigures"/>).
/// </summary>
public sealed class ProcedureItem : Keystone.Core.Data.IVersioned
{
    /// <inheritdoc />
    public int Version { get; private set; } = 1;

    public const int MaxNameLength = 50;
    public const int MaxTextLength = 1000;

    public ProcedureItem(int projectId, ProcedureKind kind, string? name, string department)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException(new("手续类别无效", "The kind of approval is not valid"), "kind");
        }

        var n = Clean(name) ?? (kind == ProcedureKind.Other ? null : ProcedureTemplates.Name(kind).Zh);
        if (n is null || n.Length > MaxNameLength)
        {
            throw new DomainException(new("手续名称不能为空，且不超过50字", "The name of the approval is required and at most 50 characters"), "name");
        }

        ProjectId = projectId;
        Kind = kind;
        Name = n;
        Department = CheckDepartment(department);
    }

    private ProcedureItem()
    {
        Name = "";
        Department = "";
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public Project? Project { get; private set; }

    public ProcedureKind Kind { get; private set; }

    /// <summary>"立项/备案", "施工许可" …: unique within the project.</summary>
    public string Name { get; private set; }

    /// <summary>The department that grants it (审批部门).</summary>
    public string Department { get; private set; }

    public HandlingMode Mode { get; private set; }

    public DateOnly? AppliedOn { get; private set; }

    public DateOnly? ApprovedOn { get; private set; }

    public string? MissingPapers { get; private set; }

    public DateOnly? SupplyBy { get; private set; }

    public DateOnly? SuppliedOn { get; private set; }

    public string? Commitment { get; private set; }

    public DateOnly? VerifyBy { get; private set; }

    public DateOnly? VerifiedOn { get; private set; }

    public string? Agent { get; private set; }

    public ProcedureStatus Status => ApprovedOn is not null ? ProcedureStatus.Approved : AppliedOn is not null ? ProcedureStatus.Applied : ProcedureStatus.NotStarted;

    /// <summary>申报: the application is accepted on <paramref name="on"/>, handled as <paramref name="handling"/> says.</summary>
    public void Apply(DateOnly on, ProcedureHandling handling, string? department = null)
    {
        ArgumentNullException.ThrowIfNull(handling);
        if (AppliedOn is { } applied)
        {
            throw new DomainException(new($"“{Name}”已于{ChineseFormat.Date(applied)}申报", $"\"{Name}\" was applied for on {applied:yyyy-MM-dd}"), "appliedOn");
        }

        var errors = new List<DomainException>();
        if (!Enum.IsDefined(handling.Mode))
        {
            errors.Add(new(new("办理方式无效", "The handling mode is not valid"), "mode"));
        }

        void Need(bool present, string field, string zh, string en)
        {
            if (!present)
            {
                errors.Add(new(new($"{zh}不能为空", $"{en} is required"), field));
            }
        }

        switch (handling.Mode)
        {
            case HandlingMode.AcceptedWithGaps:
                Need(Clean(handling.MissingPapers) is not null, "missingPapers", "容缺受理的缺少材料", "The missing papers");
                Need(handling.SupplyBy is not null, "supplyBy", "容缺材料补正期限", "The date to supply the papers by");
                if (handling.SupplyBy < on)
                {
                    errors.Add(new(new("补正期限不能早于受理日期", "The date to supply the papers cannot be before the application"), "supplyBy"));
                }

                break;
            case HandlingMode.Commitment:
                Need(Clean(handling.Commitment) is not null, "commitment", "承诺事项", "The commitment");
                Need(handling.VerifyBy is not null, "verifyBy", "承诺核查日期", "The date to verify the commitment");
                if (handling.VerifyBy < on)
                {
                    errors.Add(new(new("核查日期不能早于受理日期", "The verification date cannot be before the application"), "verifyBy"));
                }

                break;
            case HandlingMode.Agency:
                Need(Clean(handling.Agent) is not null, "agent", "代办员", "The agent");
                break;
            case HandlingMode.Normal or HandlingMode.Parallel:
                break;
        }

        foreach (var (text, field) in new[] { (handling.MissingPapers, "missingPapers"), (handling.Commitment, "commitment") })
        {
            if (text is not null && text.Trim().Length > MaxTextLength)
            {
                errors.Add(new(new("说明不能超过1000字", "The text cannot be longer than 1000 characters"), field));
            }
        }

        if (handling.Agent is { } agent && agent.Trim().Length > 100)
        {
            errors.Add(new(new("代办员不能超过100字", "The agent cannot be longer than 100 characters"), "agent"));
        }

        string? newDepartment = null;
        if (department is not null)
        {
            try
            {
                newDepartment = CheckDepartment(department);
            }
            catch (DomainException e)
            {
                errors.Add(e);
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        AppliedOn = on;
        Mode = handling.Mode;
        Department = newDepartment ?? Department;
        MissingPapers = handling.Mode == HandlingMode.AcceptedWithGaps ? Clean(handling.MissingPapers) : null;
        SupplyBy = handling.Mode == HandlingMode.AcceptedWithGaps ? handling.SupplyBy : null;
        Commitment = handling.Mode == HandlingMode.Commitment ? Clean(handling.Commitment) : null;
        VerifyBy = handling.Mode == HandlingMode.Commitment ? handling.VerifyBy : null;
        Agent = handling.Mode == HandlingMode.Agency ? Clean(handling.Agent) : null;
    }

    /// <summary>批复: the department grants it. Under 容缺受理 or 承诺制 that may come before the papers or the verification.</summary>
    public void Approve(DateOnly on)
    {
        if (AppliedOn is not { } applied)
        {
            throw new DomainException(new($"“{Name}”尚未申报，不能批复", $"\"{Name}\" has not been applied for; it cannot be approved"), "approvedOn");
        }

        if (ApprovedOn is { } approved)
        {
            throw new DomainException(new($"“{Name}”已于{ChineseFormat.Date(approved)}批复", $"\"{Name}\" was approved on {approved:yyyy-MM-dd}"), "approvedOn");
        }

        if (on < applied)
        {
            throw new DomainException(new("批复日期不能早于申报日期", "The approval cannot be before the application"), "approvedOn");
        }

        ApprovedOn = on;
    }

    /// <summary>补正: the papers missing under 容缺受理 are supplied, which ends the obligation.</summary>
    public void SupplyMissingPapers(DateOnly on)
    {
        if (Mode != HandlingMode.AcceptedWithGaps || AppliedOn is not { } applied)
        {
            throw new DomainException(new($"“{Name}”不是容缺受理，没有待补材料", $"\"{Name}\" was not accepted with papers missing"), "suppliedOn");
        }

        if (SuppliedOn is { } supplied)
        {
            throw new DomainException(new($"“{Name}”的容缺材料已于{ChineseFormat.Date(supplied)}补齐", $"The papers for \"{Name}\" were supplied on {supplied:yyyy-MM-dd}"), "suppliedOn");
        }

        if (on < applied)
        {
            throw new DomainException(new("补正日期不能早于受理日期", "The papers cannot be supplied before the application"), "suppliedOn");
        }

        SuppliedOn = on;
    }

    /// <summary>核查: the commitment made under 承诺制 is verified as kept, which ends the obligation.</summary>
    public void VerifyCommitment(DateOnly on)
    {
        if (Mode != HandlingMode.Commitment || AppliedOn is not { } applied)
        {
            throw new DomainException(new($"“{Name}”不是承诺制办理，没有待核查的承诺", $"\"{Name}\" was not handled on a commitment"), "verifiedOn");
        }

        if (VerifiedOn is { } verified)
        {
            throw new DomainException(new($"“{Name}”的承诺已于{ChineseFormat.Date(verified)}核查", $"The commitment for \"{Name}\" was verified on {verified:yyyy-MM-dd}"), "verifiedOn");
        }

        if (on < applied)
        {
            throw new DomainException(new("核查日期不能早于受理日期", "The verification cannot be before the application"), "verifiedOn");
        }

        VerifiedOn = on;
    }

    private static string CheckDepartment(string department)
    {
        var d = Clean(department);
        return d is null || d.Length > 100
            ? throw new DomainException(new("审批部门不能为空，且不超过100字", "The department is required and at most 100 characters"), "department")
            : d;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The checklist a project starts from, by its category, with the department that usually grants each item.</summary>
public static class ProcedureTemplates
{
    public static Text Name(ProcedureKind kind) => kind switch
    {
        ProcedureKind.ProjectApproval => new("立项/备案", "Project approval or filing"),
        ProcedureKind.LandPreApproval => new("用地预审与选址", "Land pre-approval and siting"),
        ProcedureKind.LandPlanningPermit => new("用地规划许可", "Land-use planning permit"),
        ProcedureKind.EngineeringPlanningPermit => new("工程规划许可", "Construction planning permit"),
        ProcedureKind.ConstructionPermit => new("施工许可", "Construction permit"),
        ProcedureKind.EnvironmentalAssessment => new("环评", "Environmental impact assessment"),
        ProcedureKind.EnergyAssessment => new("能评", "Energy review"),
        ProcedureKind.SoilAndWater => new("水保", "Soil and water conservation plan"),
        ProcedureKind.Other => new("其他", "Other"),
    };

    public static Text Name(HandlingMode mode) => mode switch
    {
        HandlingMode.Normal => new("常规办理", "Normal"),
        HandlingMode.Parallel => new("并联审批", "In parallel"),
        HandlingMode.AcceptedWithGaps => new("容缺受理", "Accepted with papers missing"),
        HandlingMode.Commitment => new("承诺制", "On commitment"),
        HandlingMode.Agency => new("全代办", "By an agent"),
    };

    /// <summary>The department that usually grants the item (the zone can name its own when applying).</summary>
    public static string Department(ProcedureKind kind) => kind switch
    {
        ProcedureKind.ProjectApproval or ProcedureKind.EnergyAssessment => "发展和改革部门",
        ProcedureKind.LandPreApproval or ProcedureKind.LandPlanningPermit or ProcedureKind.EngineeringPlanningPermit => "自然资源和规划部门",
        ProcedureKind.ConstructionPermit => "住房和城乡建设部门",
        ProcedureKind.EnvironmentalAssessment => "生态环境部门",
        ProcedureKind.SoilAndWater => "水利部门",
        ProcedureKind.Other => "审批部门",
    };

    /// <summary>
    /// The items a project of <paramref name="category"/> needs, in the order they are usually obtained. An
    /// industrial project needs all eight; infrastructure no energy review; a livelihood project neither that
    /// nor a soil-and-water plan; anything else at least its approval and its construction permit.
    /// </summary>
    public static IReadOnlyList<ProcedureKind> For(ProjectCategory category) => category switch
    {
        ProjectCategory.Industrial =>
        [
            ProcedureKind.ProjectApproval, ProcedureKind.LandPreApproval, ProcedureKind.LandPlanningPermit, ProcedureKind.EngineeringPlanningPermit,
            ProcedureKind.EnvironmentalAssessment, ProcedureKind.EnergyAssessment, ProcedureKind.SoilAndWater, ProcedureKind.ConstructionPermit,
        ],
        ProjectCategory.Infrastructure =>
        [
            ProcedureKind.ProjectApproval, ProcedureKind.LandPreApproval, ProcedureKind.LandPlanningPermit, ProcedureKind.EngineeringPlanningPermit,
            ProcedureKind.EnvironmentalAssessment, ProcedureKind.SoilAndWater, ProcedureKind.ConstructionPermit,
        ],
        ProjectCategory.Livelihood =>
        [
            ProcedureKind.ProjectApproval, ProcedureKind.LandPreApproval, ProcedureKind.LandPlanningPermit, ProcedureKind.EngineeringPlanningPermit,
            ProcedureKind.EnvironmentalAssessment, ProcedureKind.ConstructionPermit,
        ],
        ProjectCategory.Other => [ProcedureKind.ProjectApproval, ProcedureKind.ConstructionPermit],
    };

    /// <summary>The template's items a project does not have yet (by name), ready to add.</summary>
    public static IReadOnlyList<ProcedureItem> Missing(int projectId, ProjectCategory category, IEnumerable<ProcedureItem> existing)
    {
        var names = existing.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        return For(category)
            .Where(k => !names.Contains(Name(k).Zh))
            .Select(k => new ProcedureItem(projectId, k, null, Department(k)))
            .ToList();
    }

    public static ProcedureKind ParseKind(string text) => Projects.ProjectVocabulary.Normalize(text) switch
    {
        "projectapproval" or "立项/备案" or "立项" or "备案" or "核准" => ProcedureKind.ProjectApproval,
        "landpreapproval" or "用地预审与选址" or "用地预审" or "选址" => ProcedureKind.LandPreApproval,
        "landplanningpermit" or "用地规划许可" or "用地规划许可证" => ProcedureKind.LandPlanningPermit,
        "engineeringplanningpermit" or "工程规划许可" or "工程规划许可证" => ProcedureKind.EngineeringPlanningPermit,
        "constructionpermit" or "施工许可" or "施工许可证" => ProcedureKind.ConstructionPermit,
        "environmentalassessment" or "环评" or "环境影响评价" => ProcedureKind.EnvironmentalAssessment,
        "energyassessment" or "能评" or "节能审查" => ProcedureKind.EnergyAssessment,
        "soilandwater" or "水保" or "水土保持" => ProcedureKind.SoilAndWater,
        "other" or "其他" => ProcedureKind.Other,
        _ => throw new DomainException(
            new($"手续“{text}”无效：可用 立项/备案、用地预审与选址、用地规划许可、工程规划许可、施工许可、环评、能评、水保、其他", $"The approval \"{text}\" is not valid: use projectApproval, landPreApproval, landPlanningPermit, engineeringPlanningPermit, constructionPermit, environmentalAssessment, energyAssessment, soilAndWater or other"),
            "kind"),
    };

    public static HandlingMode ParseMode(string text) => Projects.ProjectVocabulary.Normalize(text) switch
    {
        "normal" or "常规" or "常规办理" or "一般" => HandlingMode.Normal,
        "parallel" or "并联审批" or "并联" => HandlingMode.Parallel,
        "acceptedwithgaps" or "容缺受理" or "容缺" => HandlingMode.AcceptedWithGaps,
        "commitment" or "承诺制" or "承诺办理" or "承诺" => HandlingMode.Commitment,
        "agency" or "全代办" or "代办" => HandlingMode.Agency,
        _ => throw new DomainException(
            new($"办理方式“{text}”无效：可用 常规办理、并联审批、容缺受理、承诺制、全代办", $"The handling mode \"{text}\" is not valid: use normal, parallel, acceptedWithGaps, commitment or agency"),
            "mode"),
    };
}
