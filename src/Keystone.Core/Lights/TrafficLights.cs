using System.Globalization;
using Keystone.Core.Figures;
using Keystone.Core.Plans;

namespace Keystone.Core.Lights;

/// <summary>红黄绿灯, in order of severity: the worse light compares greater.</summary>
public enum Light
{
    Green,
    Yellow,
    Red,
}

/// <summary>
/// The rules a light can come from. Milestones (节点) and problems (问题) have no data in a plan row yet;
/// their kinds are named now so stored lights and configurations need no renumbering when they arrive.
/// </summary>
public enum LightRuleKind
{
    /// <summary>A New project not started some months after its 计划开工时间.</summary>
    StartOverdue,

    /// <summary>A project's own investment completion behind 序时进度.</summary>
    PaceBehind,

    /// <summary>A milestone past or near its date unfinished (evaluated by <see cref="Schedule.MilestoneLights"/>).</summary>
    MilestoneOverdue,

    /// <summary>A problem not routed or not answered in time (evaluated by <see cref="Problems.ProblemClock"/>).</summary>
    ProblemOverdue,

    /// <summary>
    /// An approval's obligation past or near its date: papers missing under 容缺受理, a commitment under 承诺制
    /// to verify (evaluated by <see cref="Factors.ProcedureFigures"/>).
    /// </summary>
    ObligationOverdue,
}

/// <summary>
/// The thresholds of the lights, configurable per org unit; the defaults are the deployed city rules
/// docs/domain.md names. A null threshold switches its rule off.
/// </summary>
public sealed record LightRules
{
    public static LightRules Default { get; } = new();

    /// <summary>Red when a New project is still not started this many whole months after its planned start.</summary>
    public int? StartOverdueMonths { get; init; } = 3;

    /// <summary>Yellow when the project is at least this many points behind 序时进度 (and not red).</summary>
    public decimal? PaceYellowPoints { get; init; } = 10m;

    /// <summary>Red when the project is more than this many points behind 序时进度.</summary>
    public decimal? PaceRedPoints { get; init; } = 30m;

    /// <summary>Yellow when an unfinished milestone is due within this many days; past its date it is red.</summary>
    public int? MilestoneYellowDays { get; init; } = 7;

    /// <summary>
    /// Service level: a problem is routed to a department (交办) within this many working days of being
    /// raised, else it is overdue. Null: no routing limit.
    /// </summary>
    public int? ProblemRouteDays { get; init; } = 2;

    /// <summary>Service level: the deadline a problem gets when routed without one, in working days from the routing.</summary>
    public int ProblemAnswerDays { get; init; } = 5;

    /// <summary>Yellow when an obligation (papers to supply, a commitment to verify) is due within this many days; past it, red.</summary>
    public int? ObligationYellowDays { get; init; } = 7;

    /// <summary>A promotion lead with no follow-up for this many days is yellow (招商线索跟进).</summary>
    public int? LeadYellowDays { get; init; } = 30;

    /// <summary>A promotion lead with no follow-up for this many days is red.</summary>
    public int? LeadRedDays { get; init; } = 60;
}

/// <summary>Why a light is lit: the rule, the light it gives, and the sentence a leader reads.</summary>
public sealed record LightReason(LightRuleKind Rule, Light Light, Text Text);

/// <summary>A project's light: the worst of its reasons, or green with none.</summary>
public sealed record ProjectLight(int ProjectId, string Code, string Name, int UnitId, Light Light, IReadOnlyList<LightReason> Reasons);

/// <summary>Evaluates the light rules over plan rows: pure, so the pages, the briefing and the API agree.</summary>
public static class TrafficLights
{
    /// <summary>One light per row, in the rows' order, every row judged by the same rules.</summary>
    public static IReadOnlyList<ProjectLight> Evaluate(IEnumerable<PlanRow> rows, int year, DateOnly asOf, LightRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Evaluate(rows, year, asOf, _ => rules);
    }

    /// <summary>One light per row, in the rows' order, each row judged by its own unit's rules (<see cref="RuleBook.For"/>).</summary>
    public static IReadOnlyList<ProjectLight> Evaluate(IEnumerable<PlanRow> rows, int year, DateOnly asOf, RuleBook rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Evaluate(rows, year, asOf, rules.For);
    }

    private static IReadOnlyList<ProjectLight> Evaluate(IEnumerable<PlanRow> rows, int year, DateOnly asOf, Func<int, LightRules> rulesOf)
    {
        ArgumentNullException.ThrowIfNull(rows);

        // Judging a past year, a project is judged as it stood at the year's end, as the figures are.
        var day = asOf.Year > year ? new DateOnly(year, 12, 31) : asOf;
        var elapsed = FiguresEngine.TimeElapsed(year, day);
        var list = rows as IReadOnlyList<PlanRow> ?? rows.ToList();
        var parts = Cores.Parts;
        if (list.Count < Cores.ParallelRows || parts < 2)
        {
            var worded = new WordedReasons();
            return list.Select(row => Judge(row, year, day, elapsed, rulesOf(row.UnitId), worded)).ToList();
        }

        // A province's rows are judged in as many ranges as cores at once, each range with its own worded reasons
        // (equal reasons are equal records whichever range worded them); the rules are looked up first, as a rule
        // book remembers what it resolves and is not shared between threads.
        var rulesByUnit = new Dictionary<int, LightRules>();
        foreach (var row in list)
        {
            if (!rulesByUnit.ContainsKey(row.UnitId))
            {
                rulesByUnit[row.UnitId] = rulesOf(row.UnitId);
            }
        }

        var lights = new ProjectLight[list.Count];
        Parallel.For(0, parts, part =>
        {
            var worded = new WordedReasons();
            for (var i = (int)((long)list.Count * part / parts); i < (int)((long)list.Count * (part + 1) / parts); i++)
            {
                lights[i] = Judge(list[i], year, day, elapsed, rulesByUnit[list[i].UnitId], worded);
            }
        });
        return lights;
    }

    private static ProjectLight Judge(PlanRow row, int year, DateOnly day, Percent elapsed, LightRules rules, WordedReasons worded)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rules.StartOverdueMonths ?? 0, nameof(rules));

        // A signing target (a lead not yet signed behind the entry) is not judged on start or pace: it is not a project yet.
        if (row.SigningTarget)
        {
            return new ProjectLight(row.ProjectId, row.Code, row.Name, row.UnitId, Light.Green, []);
        }

        // Most rows have no reason: they share the empty list rather than each build one.
        var overdue = StartOverdue(row, year, day, rules, worded);
        var behind = IsUnderWay(row, year, day) ? PaceBehind(row, elapsed, rules, worded) : null;
        IReadOnlyList<LightReason> reasons = (overdue, behind) switch
        {
            (null, null) => [],
            ({ } o, null) => [o],
            (null, { } b) => [b],
            ({ } o, { } b) => [o, b],
        };
        return new ProjectLight(row.ProjectId, row.Code, row.Name, row.UnitId, reasons.Count == 0 ? Light.Green : reasons.Max(r => r.Light), reasons);
    }

    /// <summary>Whole months from <paramref name="from"/> to <paramref name="to"/>: 3-15 → 6-14 is 2, → 6-15 is 3.</summary>
    public static int WholeMonths(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return 0;
        }

        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        return from.AddMonths(months) > to ? months - 1 : months;
    }

    /// <summary>
    /// The reasons already worded in one evaluation, by what their words depend on: a province's hundred thousand
    /// rows give a few thousand distinct reasons, and formatting each row's numbers anew was most of the lights'
    /// time. A reason is an immutable record, so rows with the same numbers share one.
    /// </summary>
    private sealed class WordedReasons
    {
        public Dictionary<(int Year, int Month, int Months), LightReason> Overdue { get; } = [];

        public Dictionary<(decimal Behind, decimal Rate, bool Reported, Light Light), LightReason> Behind { get; } = [];
    }

    private static LightReason? StartOverdue(PlanRow row, int year, DateOnly day, LightRules rules, WordedReasons worded)
    {
        if (rules.StartOverdueMonths is not { } limit || row.Nature != Nature.New || row.PlannedStart is not { } planned)
        {
            return null;
        }

        // A project that broke ground before this year's plan listed it as new has still broken ground.
        var started = FiguresEngine.HasStarted(row, year, day) || row.ActualStart is { } actual && actual <= day;
        var months = WholeMonths(planned, day);
        if (started || day < planned || months < limit)
        {
            return null;
        }

        // The words depend on the planned month and the months overdue alone (the light is always red).
        if (worded.Overdue.TryGetValue((planned.Year, planned.Month, months), out var known))
        {
            return known;
        }

        var monthsEn = months == 1 ? "1 month" : string.Create(CultureInfo.InvariantCulture, $"{months} months");
        return worded.Overdue[(planned.Year, planned.Month, months)] = new LightReason(
            LightRuleKind.StartOverdue,
            Light.Red,
            new Text(
                string.Create(CultureInfo.InvariantCulture, $"计划{planned.Year}年{planned.Month}月开工，已逾期{months}个月未开工"),
                string.Create(CultureInfo.InvariantCulture, $"Planned to start in {planned:MMMM yyyy}; {monthsEn} overdue and not started")));
    }

    /// <summary>
    /// Whether the project should be investing by now: it is continuing, has started, or its planned start
    /// has come. A new project not due to start yet is not "behind" anything.
    /// </summary>
    private static bool IsUnderWay(PlanRow row, int year, DateOnly day) =>
        row.Nature == Nature.Continuing
        || FiguresEngine.HasStarted(row, year, day)
        || row.ActualStart is { } actual && actual <= day
        || row.PlannedStart is { } planned && planned <= day;

    private static LightReason? PaceBehind(PlanRow row, Percent elapsed, LightRules rules, WordedReasons worded)
    {
        if (rules.PaceYellowPoints is null && rules.PaceRedPoints is null
            || Percent.Of(row.YearToDate ?? Money.Zero, row.PlannedInvestment) is not { } rate)
        {
            return null;
        }

        // Compared as printed (one decimal): a project shown "落后30个百分点" is yellow, never red for an unseen 30.04.
        var behind = FiguresEngine.RoundPoints(elapsed.Value - rate.Value)!.Value;
        Light? light = behind > rules.PaceRedPoints ? Light.Red
            : behind >= rules.PaceYellowPoints ? Light.Yellow
            : null;
        if (light is not { } lit)
        {
            return null;
        }

        // The words print the rate and the points rounded (equal values print alike); the time elapsed is the evaluation's.
        var key = (behind, rate.Rounded, row.YearToDate is not null, lit);
        if (worded.Behind.TryGetValue(key, out var known))
        {
            return known;
        }

        // Not reporting must not dodge the light, but the reason says so rather than claim a reported 0%.
        var points = ChineseFormat.Trim(behind);
        return worded.Behind[key] = new LightReason(
            LightRuleKind.PaceBehind,
            lit,
            row.YearToDate is null
                ? new Text(
                    $"本年未填报完成投资，落后序时进度{ChineseFormat.Points(behind)}",
                    $"No investment reported this year, {points} points behind the time elapsed ({elapsed})")
                : new Text(
                    $"投资完成率{rate}，落后序时进度{ChineseFormat.Points(behind)}",
                    $"Investment {rate} complete, {points} points behind the time elapsed ({elapsed})"));
    }
}
