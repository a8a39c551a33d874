using Keystone.Core.Figures;
using Keystone.Core.Periods;
using Keystone.Core.Plans;
using Keystone.Core.Progress;
using Keystone.Core.Units;

namespace Keystone.Core.Projects;

/// <summary>The facts of a project that a zone officer keeps (everything but code and unit, which identify it).</summary>
public sealed record ProjectFacts
{
    public required string Name { get; init; }

    public required ProjectLevels Levels { get; init; }

    public required ProjectCategory Category { get; init; }

    public required Money TotalInvestment { get; init; }

    public ProjectStatus Status { get; init; } = ProjectStatus.Preparing;

    public string? IndustryChain { get; init; }

    public string? Content { get; init; }

    public Area? LandArea { get; init; }

    public Area? FloorArea { get; init; }

    public Money? OutputValueTarget { get; init; }

    public Money? TaxTarget { get; init; }

    public int? JobsTarget { get; init; }

    public DateOnly? ActualStart { get; init; }

    public DateOnly? PlannedCompletion { get; init; }

    public string? ResponsibleLeader { get; init; }

    public string? ResponsibleUnit { get; init; }

    public string? Contact { get; init; }

    public string? ProblemsNote { get; init; }

    public string? Remarks { get; init; }
}

/// <summary>
/// One investment project (项目). Owns its annual plan entries and its monthly progress reports, so the
/// invariants that span them (a year's plan never above the total investment; cumulative investment never
/// falling without a correction reason) are checked in one place.
/// </summary>
public sealed class Project : Keystone.Core.Data.IVersioned
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 2000;

    private readonly List<AnnualPlan> plans = [];
    private readonly List<ProgressReport> reports = [];

    public Project(ProjectCode code, OrgUnit unit, ProjectFacts facts, Enterprise? enterprise = null)
    {
        if (unit.Kind == OrgUnitKind.Province)
        {
            throw new DomainException(
                new($"项目应属于市、开发区或县区，不能直接属于省“{unit.Name}”", $"A project belongs to a city, zone or county, not directly to the province \"{unit.Name}\""),
                "unit");
        }

        Code = code.Value;
        Unit = unit;
        OrgUnitId = unit.Id;
        Name = "";
        Revise(facts, enterprise);
    }

    private Project()
    {
        Name = "";
        Code = "";
    }

    public int Id { get; private set; }

    /// <inheritdoc/>
    public int Version { get; private set; } = 1;

    /// <summary>项目编号, checked as a <see cref="ProjectCode"/>; kept as a string so it can be searched in SQL.</summary>
    public string Code { get; private set; }

    public int OrgUnitId { get; private set; }

    public OrgUnit? Unit { get; private set; }

    /// <summary>
    /// 上级项目: the undertaking this project is a phase (一期/二期) or a part (打包) of, in the same unit. One level
    /// deep: a parent has no parent itself, so there are no cycles (docs/domain.md "Parent projects").
    /// </summary>
    public int? ParentId { get; private set; }

    /// <summary>The parent when loaded or just set (a ledger may bring parent and part in one file).</summary>
    public Project? Parent { get; private set; }

    public int? EnterpriseId { get; private set; }

    public Enterprise? Enterprise { get; private set; }

    public string Name { get; private set; }

    public ProjectLevels Levels { get; private set; }

    public ProjectCategory Category { get; private set; }

    public ProjectStatus Status { get; private set; }

    public string? IndustryChain { get; private set; }

    public string? Content { get; private set; }

    public Money TotalInvestment { get; private set; }

    public Area? LandArea { get; private set; }

    public Area? FloorArea { get; private set; }

    public Money? OutputValueTarget { get; private set; }

    public Money? TaxTarget { get; private set; }

    public int? JobsTarget { get; private set; }

    public DateOnly? ActualStart { get; private set; }

    public DateOnly? PlannedCompletion { get; private set; }

    public string? ResponsibleLeader { get; private set; }

    public string? ResponsibleUnit { get; private set; }

    public string? Contact { get; private set; }

    public string? ProblemsNote { get; private set; }

    public string? Remarks { get; private set; }

    /// <summary>The site's latitude (WGS-84), for checking where a progress photo was taken; null until located.</summary>
    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    /// <summary>Where the site is, when known.</summary>
    public GeoPoint? Location => Latitude is { } lat && Longitude is { } lng ? new GeoPoint(lat, lng) : null;

    public IReadOnlyList<AnnualPlan> Plans => plans;

    public IReadOnlyList<ProgressReport> Reports => reports;

    public ProjectFacts Facts => new()
    {
        Name = Name,
        Levels = Levels,
        Category = Category,
        TotalInvestment = TotalInvestment,
        Status = Status,
        IndustryChain = IndustryChain,
        Content = Content,
        LandArea = LandArea,
        FloorArea = FloorArea,
        OutputValueTarget = OutputValueTarget,
        TaxTarget = TaxTarget,
        JobsTarget = JobsTarget,
        ActualStart = ActualStart,
        PlannedCompletion = PlannedCompletion,
        ResponsibleLeader = ResponsibleLeader,
        ResponsibleUnit = ResponsibleUnit,
        Contact = Contact,
        ProblemsNote = ProblemsNote,
        Remarks = Remarks,
    };

    /// <summary>Replaces the project's facts, refusing the whole change if any fact is invalid.</summary>
    public void Revise(ProjectFacts facts, Enterprise? enterprise)
    {
        var errors = new List<DomainException>();
        var name = (facts.Name ?? "").Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            errors.Add(new(new("项目名称不能为空，且不超过200字", "The project name is required and at most 200 characters"), "name"));
        }

        if (facts.Levels == ProjectLevels.None || facts.Levels > (ProjectLevels.Provincial | ProjectLevels.Municipal | ProjectLevels.Zone | ProjectLevels.Ordinary))
        {
            errors.Add(new(new("请指定项目级别（省级重点、市级重点、区级、一般）", "Give the project level (provincial, municipal, zone, ordinary)"), "levels"));
        }

        if (!Enum.IsDefined(facts.Category))
        {
            errors.Add(new(new("项目类别无效", "The project category is not valid"), "category"));
        }

        if (!Enum.IsDefined(facts.Status))
        {
            errors.Add(new(new("项目状态无效", "The project status is not valid"), "status"));
        }

        CheckNotNegative(errors, facts.TotalInvestment, "totalInvestment", "总投资", "The total investment");
        CheckNotNegative(errors, facts.OutputValueTarget, "outputValueTarget", "达产后年产值", "The output value");
        CheckNotNegative(errors, facts.TaxTarget, "taxTarget", "年纳税", "The annual tax");
        if (facts.JobsTarget is < 0)
        {
            errors.Add(new(new("就业岗位不能为负数", "Jobs cannot be negative"), "jobsTarget"));
        }

        if (plans.FirstOrDefault(p => p.PlannedInvestment > facts.TotalInvestment) is { } over)
        {
            errors.Add(new(
                new($"总投资{facts.TotalInvestment}不能低于{over.Year}年度计划投资{over.PlannedInvestment}",
                    $"The total investment {facts.TotalInvestment.ToPlainString()} 万元 cannot be below the {over.Year} annual plan of {over.PlannedInvestment.ToPlainString()} 万元"),
                "totalInvestment"));
        }

        if (facts.ActualStart is { } start && facts.PlannedCompletion is { } end && end < start)
        {
            errors.Add(new(new("计划竣工时间不能早于实际开工时间", "The planned completion cannot be before the actual start"), "plannedCompletion"));
        }

        CheckText(errors, facts.IndustryChain, 50, "industryChain", "产业链");
        CheckText(errors, facts.Content, MaxTextLength, "content", "建设内容及规模");
        CheckText(errors, facts.ResponsibleLeader, 100, "responsibleLeader", "责任领导");
        CheckText(errors, facts.ResponsibleUnit, 200, "responsibleUnit", "责任单位");
        CheckText(errors, facts.Contact, 200, "contact", "联系人");
        CheckText(errors, facts.ProblemsNote, MaxTextLength, "problemsNote", "存在问题");
        CheckText(errors, facts.Remarks, MaxTextLength, "remarks", "备注");
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        Name = name;
        Levels = facts.Levels;
        Category = facts.Category;
        Status = facts.Status;
        TotalInvestment = facts.TotalInvestment;
        IndustryChain = Clean(facts.IndustryChain);
        Content = Clean(facts.Content);
        LandArea = facts.LandArea;
        FloorArea = facts.FloorArea;
        OutputValueTarget = facts.OutputValueTarget;
        TaxTarget = facts.TaxTarget;
        JobsTarget = facts.JobsTarget;
        ActualStart = facts.ActualStart;
        PlannedCompletion = facts.PlannedCompletion;
        ResponsibleLeader = Clean(facts.ResponsibleLeader);
        ResponsibleUnit = Clean(facts.ResponsibleUnit);
        Contact = Clean(facts.Contact);
        ProblemsNote = Clean(facts.ProblemsNote);
        Remarks = Clean(facts.Remarks);
        Enterprise = enterprise;
        EnterpriseId = enterprise?.Id;
    }

    /// <summary>Records where the site is (or forgets it with null); a <see cref="GeoPoint"/> is valid by construction.</summary>
    public void Locate(GeoPoint? location)
    {
        Latitude = location?.Latitude;
        Longitude = location?.Longitude;
    }

    /// <summary>Moves the project to another zone/county/city (a ledger correction).</summary>
    public void MoveTo(OrgUnit unit)
    {
        if (unit.Kind == OrgUnitKind.Province)
        {
            throw new DomainException(new("项目不能直接属于省", "A project cannot belong directly to the province"), "unit");
        }

        Unit = unit;
        OrgUnitId = unit.Id;
    }

    /// <summary>
    /// Makes the project a phase or part of <paramref name="parent"/> (null: a project of its own). The parent must
    /// be another project of the same unit that is not itself a part, and a project that has parts
    /// (<paramref name="hasParts"/>) cannot become one: one level deep, so no cycles.
    /// </summary>
    public void SetParent(Project? parent, bool hasParts)
    {
        if (parent is null)
        {
            Parent = null;
            ParentId = null;
            return;
        }

        if (parent == this || (parent.Id != 0 && parent.Id == Id))
        {
            throw new DomainException(new($"项目“{Code}”不能是自己的上级项目", $"The project {Code} cannot be its own parent"), "parent");
        }

        if (parent.OrgUnitId != OrgUnitId)
        {
            throw new DomainException(
                new($"上级项目“{parent.Code}”属于其他单位：上级项目与子项目应属于同一单位", $"The parent project {parent.Code} belongs to another unit: a parent and its parts belong to the same unit"),
                "parent");
        }

        if (parent.ParentId is not null || parent.Parent is not null)
        {
            throw new DomainException(
                new($"“{parent.Code}”本身是其他项目的子项目，不能再作上级项目（只分一级）", $"{parent.Code} is itself a part of another project and cannot be a parent (one level only)"),
                "parent");
        }

        if (hasParts)
        {
            throw new DomainException(
                new($"项目“{Code}”已有子项目，不能再作其他项目的子项目（只分一级）", $"The project {Code} has parts of its own and cannot become a part (one level only)"),
                "parent");
        }

        Parent = parent;
        ParentId = parent.Id == 0 ? null : parent.Id;
    }

    /// <summary>
    /// Enters or revises the project in year <paramref name="year"/>'s plan (年度计划) with no closed month to
    /// respect: for building data in a year nobody has closed (the tests' fixtures). Every writer of real data —
    /// the API, the pages, the ledger import — uses the overload that takes the closed months.
    /// </summary>
    public AnnualPlan Plan(int year, PlanEntry entry) => Plan(year, entry, [], null);

    /// <summary>
    /// Enters or revises the project in year <paramref name="year"/>'s plan (年度计划). A change that restates a
    /// month of that year closed for the project's unit (<paramref name="closedMonths"/>, from
    /// <see cref="Periods.PeriodClosing.ClosedMonthsAsync"/>) needs a reason (更正原因), else it is refused naming
    /// <c>correctionReason</c> and nothing changes (docs/domain.md "Closed months and corrections"). A reason given
    /// with a change is kept on the entry with its time and user; an entry given exactly as it stands changes nothing.
    /// </summary>
    public AnnualPlan Plan(int year, PlanEntry entry, IReadOnlyCollection<Period> closedMonths, PlanCorrection? correction)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(closedMonths);
        if (entry.PlannedInvestment > TotalInvestment)
        {
            throw new DomainException(
                new($"{year}年度计划投资{entry.PlannedInvestment}不能超过总投资{TotalInvestment}",
                    $"The {year} annual plan of {entry.PlannedInvestment.ToPlainString()} 万元 cannot exceed the total investment of {TotalInvestment.ToPlainString()} 万元"),
                "plannedInvestment");
        }

        AnnualPlan.Check(year, entry);
        var reason = Corrections.Reason(correction?.Reason);
        var existing = plans.FirstOrDefault(p => p.Year == year);
        if (existing is not null && existing.Entry == entry)
        {
            return existing;
        }

        CheckPlanCorrection(year, entry, closedMonths, reason);

        if (existing is null)
        {
            existing = new AnnualPlan(this, year, entry);
            plans.Add(existing);
        }
        else
        {
            existing.Revise(entry);
        }

        if (reason is not null)
        {
            existing.Correct(reason, correction!.At, correction.By);
        }

        return existing;
    }

    /// <summary>
    /// Refuses, changing nothing, an entry for year <paramref name="year"/> that would restate a closed month
    /// without a reason — what <see cref="Plan(int, PlanEntry, IReadOnlyCollection{Period}, PlanCorrection?)"/>
    /// refuses, for a caller that checks a whole row before writing any of it (the ledger import).
    /// </summary>
    public void CheckPlanCorrection(int year, PlanEntry entry, IReadOnlyCollection<Period> closedMonths, string? reason)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(closedMonths);
        var existing = plans.FirstOrDefault(p => p.Year == year);
        if (existing?.Entry == entry || Corrections.Reason(reason) is not null || Restatement(year, existing?.Entry, entry, closedMonths) is not { } restated)
        {
            return;
        }

        var month = Corrections.Month(restated.Month);
        throw new DomainException(
            new($"{month.Zh}已关账：{string.Join("、", restated.Fields.Select(f => f.Zh))}将更正已关账月份的数据，须填写更正原因，并将作为更正数据列示",
                $"{month.En} is closed: {string.Join(", ", restated.Fields.Select(f => f.En))} corrects a closed month, so it needs a correction reason, and shows as a restatement"),
            "correctionReason");
    }

    /// <summary>
    /// What of a change to year Y's entry alters the figures or lights of a closed month of Y, and the latest
    /// closed month of Y; null when nothing does. A new entry and a changed nature or planned investment alter
    /// every month of the year (N, C, the annual plan, 投资完成率); the start in Y (本年开复工时间, or a new entry's
    /// actual start in Y) and the planned start (the start-overdue light, whether the project should be investing)
    /// alter a closed month only when the date before or after falls on or before the end of the latest one.
    /// </summary>
    private (Period Month, List<Text> Fields)? Restatement(int year, PlanEntry? before, PlanEntry after, IReadOnlyCollection<Period> closedMonths)
    {
        var closed = closedMonths.Where(m => m.Year == year).ToList();
        if (closed.Count == 0)
        {
            return null;
        }

        var latest = closed.Max();
        var end = latest.LastDay;
        bool Touches(DateOnly? was, DateOnly? now) => was != now && (was <= end || now <= end);
        var fields = new List<Text>();
        if (before is null)
        {
            fields.Add(new($"新列入{year}年度计划", $"entering the {year} plan"));
        }
        else
        {
            if (before.Nature != after.Nature)
            {
                fields.Add(new("修改建设性质", "changing the nature"));
            }

            if (before.PlannedInvestment != after.PlannedInvestment)
            {
                fields.Add(new("修改年度计划投资", "changing the annual planned investment"));
            }

            if (Touches(FiguresEngine.StartDateInYear(before.Nature, before.StartDate, ActualStart, year), FiguresEngine.StartDateInYear(after.Nature, after.StartDate, ActualStart, year)))
            {
                fields.Add(new("修改本年开复工时间", "changing the start date"));
            }

            if (Touches(before.PlannedStart, after.PlannedStart))
            {
                fields.Add(new("修改计划开工时间", "changing the planned start"));
            }
        }

        return fields.Count == 0 ? null : (latest, fields);
    }

    /// <summary>
    /// Records the monthly progress report (进度填报) for <paramref name="period"/>, or revises it, after
    /// <see cref="CheckReport"/> has accepted it.
    /// </summary>
    public ProgressReport Report(Period period, ProgressFigures figures, DateTimeOffset at, bool frozen = false, string? by = null, bool needsReview = false)
    {
        CheckReport(period, figures, at, frozen, needsReview);
        var reason = Corrections.Reason(figures.CorrectionReason);
        var existing = reports.FirstOrDefault(r => r.Period == period);
        if (existing is null)
        {
            existing = new ProgressReport(this, period, figures with { CorrectionReason = reason }, at, by, needsReview);
            reports.Add(existing);
        }
        else
        {
            existing.Revise(figures with { CorrectionReason = reason }, at, by, needsReview);
        }

        return existing;
    }

    /// <summary>
    /// Whether a report for <paramref name="period"/> would be accepted; throws the refusal when not, and
    /// changes nothing either way (the ledger import asks before it writes a row).
    /// The cumulative investment may not fall below an earlier month's, nor rise above a later month's,
    /// unless a correction reason is given; the year-to-date may not fall within a year likewise. A month
    /// that is closed (<paramref name="frozen"/>) takes a report only as a correction, with a reason. An
    /// enterprise's report (<paramref name="needsReview"/>) may not overwrite an approved one. The amounts
    /// are reconciled with the report before it (docs/domain.md, "Reconciled reports"): the month is the
    /// year to date less the previous report's of the same year, and the cumulative rises by the month.
    /// </summary>
    public void CheckReport(Period period, ProgressFigures figures, DateTimeOffset at, bool frozen = false, bool needsReview = false)
    {
        if (FirstReportablePeriod is not { } first)
        {
            throw new DomainException(
                new("项目尚无年度计划或开工时间，不能填报进度", "The project has no annual plan and no start date yet, so it cannot report progress"),
                "period");
        }

        if (period > Period.Of(DeskDate.Of(at)))
        {
            throw new DomainException(
                new($"不能填报未来的月份{period}", $"Cannot report for {period}, which has not begun"),
                "period");
        }

        if (period < first)
        {
            throw new DomainException(
                new($"报告期{period}早于项目的起始月份{first}", $"The period {period} is before the project's first month {first}"),
                "period");
        }

        CheckAmounts(period, figures, frozen);
        if (needsReview && reports.FirstOrDefault(r => r.Period == period) is { Status: ReportStatus.Approved })
        {
            throw new DomainException(
                new($"{period}的报告已审核通过，如需更正请联系园区", $"The {period} report has been approved; ask the zone to correct it"), "period");
        }
    }

    /// <summary>
    /// The amounts of a report for <paramref name="period"/> against the project's other reports, and the
    /// reason a closed month needs; the part of <see cref="CheckReport"/> that does not depend on the plan.
    /// </summary>
    internal void CheckAmounts(Period period, ProgressFigures figures, bool frozen)
    {
        var reason = Corrections.Reason(figures.CorrectionReason);
        if (frozen && reason is null)
        {
            throw new DomainException(
                new($"{period}已关账：更正该月数据须填写更正原因，并将作为更正数据列示", $"{period} is closed: a correction needs a reason, and is shown as a restatement"),
                "correctionReason");
        }

        var before = reports.Where(r => r.Period < period).MaxBy(r => r.Period);
        var after = reports.Where(r => r.Period > period).MinBy(r => r.Period);
        if (reason is null)
        {
            if (before is not null && figures.Cumulative < before.Cumulative)
            {
                throw new DomainException(
                    new($"累计完成投资{figures.Cumulative.ToPlainString()}万元低于{before.Period}的{before.Cumulative.ToPlainString()}万元；如确需更正，请填写更正原因",
                        $"The cumulative investment {figures.Cumulative.ToPlainString()} 万元 is below {before.Period}'s {before.Cumulative.ToPlainString()} 万元; give a correction reason if this is a correction"),
                    "cumulative");
            }

            if (after is not null && figures.Cumulative > after.Cumulative)
            {
                throw new DomainException(
                    new($"累计完成投资{figures.Cumulative.ToPlainString()}万元高于之后{after.Period}的{after.Cumulative.ToPlainString()}万元；如确需更正，请填写更正原因",
                        $"The cumulative investment {figures.Cumulative.ToPlainString()} 万元 is above the later {after.Period}'s {after.Cumulative.ToPlainString()} 万元; give a correction reason if this is a correction"),
                    "cumulative");
            }

            if (before is not null && before.Period.Year == period.Year && figures.YearToDate < before.YearToDate)
            {
                throw new DomainException(
                    new($"本年完成投资{figures.YearToDate.ToPlainString()}万元低于{before.Period}的{before.YearToDate.ToPlainString()}万元；如确需更正，请填写更正原因",
                        $"The year-to-date investment {figures.YearToDate.ToPlainString()} 万元 is below {before.Period}'s {before.YearToDate.ToPlainString()} 万元; give a correction reason if this is a correction"),
                    "yearToDate");
            }
        }

        ProgressReport.CheckFigures(figures);
        Reconcile(period, figures, before, reason is not null);
    }

    /// <summary>
    /// The month is the year to date less the previous report's of the same year (all of it for January),
    /// unless a correction restates the year to date below the previous report's. When months between are unreported
    /// (the year's first report after January, or a gap) that difference covers them too, so the month may
    /// only not exceed it. The cumulative rises from the previous report by the year-to-date difference
    /// within a year, and by at least the year to date across a year (the rest of the earlier year may be
    /// unreported). A correction reason lets the cumulative be restated, as when earlier years' totals prove wrong.
    /// </summary>
    private static void Reconcile(Period period, ProgressFigures figures, ProgressReport? before, bool correction)
    {
        var sameYear = before is not null && before.Period.Year == period.Year;
        var earlierYtd = sameYear ? before!.YearToDate : Money.Zero;
        var difference = figures.YearToDate - earlierYtd;
        var consecutive = sameYear ? before!.Period == period.Previous : period.Month == 1;
        // A year to date restated below the previous report's (with a reason) leaves no difference to match.
        var restated = correction && difference.IsNegative;
        if (!restated && (consecutive ? figures.Month != difference : figures.Month > difference))
        {
            var basis = sameYear
                ? new Text($"本年累计{figures.YearToDate.ToPlainString()}万元，{before!.Period}本年累计{earlierYtd.ToPlainString()}万元",
                    $"the year to date is {figures.YearToDate.ToPlainString()} 万元 and {before.Period}'s was {earlierYtd.ToPlainString()} 万元")
                : new Text($"本年累计{figures.YearToDate.ToPlainString()}万元，为{period.Year}年首次填报",
                    $"the year to date is {figures.YearToDate.ToPlainString()} 万元 and this is {period.Year}'s first report");
            var verdict = consecutive ? new Text("不符", "does not match") : new Text("不符：不能超过该差额", "does not fit: it cannot exceed");
            throw new DomainException(
                new($"{period}本月完成{figures.Month.ToPlainString()}万元，与本年累计之差{difference.ToPlainString()}万元{verdict.Zh}（{basis.Zh}）",
                    $"{period}: the month's {figures.Month.ToPlainString()} 万元 {verdict.En} the year-to-date difference of {difference.ToPlainString()} 万元 ({basis.En})"),
                "month");
        }

        if (before is null || correction)
        {
            return;
        }

        var rise = figures.Cumulative - before.Cumulative;
        if (sameYear ? rise != difference : rise < figures.YearToDate)
        {
            var expected = sameYear ? difference : figures.YearToDate;
            throw new DomainException(
                new($"{period}累计完成投资{figures.Cumulative.ToPlainString()}万元比{before.Period}的{before.Cumulative.ToPlainString()}万元增加{rise.ToPlainString()}万元，"
                        + (sameYear ? $"与本年累计增加的{expected.ToPlainString()}万元不符" : $"少于本年累计{expected.ToPlainString()}万元") + "；如确需更正，请填写更正原因",
                    $"{period}: the cumulative {figures.Cumulative.ToPlainString()} 万元 rises by {rise.ToPlainString()} 万元 from {before.Period}'s {before.Cumulative.ToPlainString()} 万元, "
                        + (sameYear ? $"not by the year to date's rise of {expected.ToPlainString()} 万元" : $"less than the year to date of {expected.ToPlainString()} 万元") + "; give a correction reason if this is a correction"),
                "cumulative");
        }
    }

    /// <summary>
    /// A month's figures from what a reporter enters (docs/domain.md, "Reconciled reports"): the month, the
    /// year to date, or both; the one not given is derived from the previous report of the year. The
    /// cumulative, when not given, continues from the latest earlier report by the month (and is never below
    /// the year to date). Neither the month nor the year to date is refused.
    /// </summary>
    public ProgressFigures FiguresFor(Period period, Money? month, Money? yearToDate, Money? cumulative)
    {
        var before = reports.Where(r => r.Period < period).MaxBy(r => r.Period);
        var earlierYtd = before is not null && before.Period.Year == period.Year ? before.YearToDate : Money.Zero;
        if (month is null && yearToDate is null)
        {
            throw new DomainException(
                new("本月完成投资和本年完成投资至少填写一项", "Give the month's investment or the year to date"), "month");
        }

        var m = month ?? yearToDate!.Value - earlierYtd;
        var ytd = yearToDate ?? earlierYtd + m;
        var total = cumulative ?? ((before?.Cumulative ?? Money.Zero) + m is var c && c > ytd ? c : ytd);
        return new ProgressFigures { Month = m, YearToDate = ytd, Cumulative = total };
    }

    /// <summary>
    /// The first month a report may be filed for: the month of the actual start, or January of the first
    /// plan year, whichever is earlier. Null while the project has neither.
    /// </summary>
    public Period? FirstReportablePeriod
    {
        get
        {
            Period? fromStart = ActualStart is { } s ? Period.Of(s) : null;
            Period? fromPlan = plans.Count > 0 ? new Period(plans.Min(p => p.Year), 1) : null;
            return (fromStart, fromPlan) switch
            {
                ({ } a, { } b) => a < b ? a : b,
                ({ } a, null) => a,
                (null, { } b) => b,
                _ => null,
            };
        }
    }

    private static void CheckNotNegative(List<DomainException> errors, Money? amount, string field, string zh, string en)
    {
        if (amount is { IsNegative: true })
        {
            errors.Add(new(new($"{zh}不能为负数", $"{en} cannot be negative"), field));
        }
    }

    private static void CheckText(List<DomainException> errors, string? text, int max, string field, string zh)
    {
        if (text is not null && text.Trim().Length > max)
        {
            errors.Add(new(new($"{zh}不能超过{max}字", $"The {field} cannot be longer than {max} characters"), field));
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
