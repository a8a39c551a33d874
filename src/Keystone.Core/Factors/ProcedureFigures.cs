using System.Globalization;
using Keystone.Core.Figures;
using Keystone.Core.Lights;

namespace Keystone.Core.Factors;

/// <summary>One checklist item as the engine reads it.</summary>
public sealed record ProcedureRow
{
    public required int ProjectId { get; init; }

    public required string Code { get; init; }

    public required string ProjectName { get; init; }

    public required int UnitId { get; init; }

    public required string Name { get; init; }

    public string Department { get; init; } = "";

    public HandlingMode Mode { get; init; }

    public DateOnly? AppliedOn { get; init; }

    public DateOnly? ApprovedOn { get; init; }

    public string? MissingPapers { get; init; }

    public DateOnly? SupplyBy { get; init; }

    public DateOnly? SuppliedOn { get; init; }

    public string? Commitment { get; init; }

    public DateOnly? VerifyBy { get; init; }

    public DateOnly? VerifiedOn { get; init; }

    public string? Agent { get; init; }
}

/// <summary>A project's land date and start date, for "from land to start" (拿地即开工 is 0 days).</summary>
public sealed record LandStartRow(int ProjectId, DateOnly? LandSuppliedOn, DateOnly? ActualStart);

/// <summary>What an approval leaves owed: papers to supply (容缺受理), or a commitment to verify (承诺制).</summary>
public enum ObligationKind
{
    SupplyPapers,
    VerifyCommitment,
}

/// <summary>An obligation and its light: red past its date, yellow within <see cref="LightRules.ObligationYellowDays"/> days of it.</summary>
public sealed record ObligationLight(
    int ProjectId,
    string Code,
    string ProjectName,
    int UnitId,
    string Item,
    ObligationKind Kind,
    string What,
    DateOnly Due,
    DateOnly? Done,
    Light Light,
    IReadOnlyList<LightReason> Reasons);

/// <summary>The approvals of a scope as of a day: items done, under way, by mode, the obligations, and land to start.</summary>
public sealed record ApprovalFigures
{
    public int Items { get; init; }

    /// <summary>Approved on or before the day.</summary>
    public int Approved { get; init; }

    /// <summary>Applied for and not yet approved.</summary>
    public int InProgress { get; init; }

    public int NotStarted { get; init; }

    public Percent? DoneRate { get; init; }

    public int Parallel { get; init; }

    public int AcceptedWithGaps { get; init; }

    public int Commitment { get; init; }

    public int Agency { get; init; }

    /// <summary>Obligations not yet met on the day (papers not supplied, commitments not verified).</summary>
    public int ObligationsOpen { get; init; }

    public int ObligationsOverdue { get; init; }

    /// <summary>Projects that had both their land and their start by the day.</summary>
    public int LandToStartProjects { get; init; }

    /// <summary>Average days from land (供地) to start (开工); a start on or before the land day counts 0. Null without such projects.</summary>
    public decimal? AverageDaysLandToStart { get; init; }

    /// <summary>拿地即开工: projects that started on the day they got their land (or before, on a 承诺 basis).</summary>
    public int StartedOnLandDay { get; init; }

    /// <summary>Open obligations with their lights, red first, then by date.</summary>
    public IReadOnlyList<ObligationLight> Obligations { get; init; } = [];
}

/// <summary>
/// Figures of approval checklists as they stood on a day (an item applied for after the day is not yet
/// started), and the lights of the obligations 容缺受理 and 承诺制 leave behind. Pure.
/// </summary>
public static class ProcedureFigures
{
    /// <summary>The figures with every obligation judged by the same rules (one project's, or one unit's).</summary>
    public static ApprovalFigures Compute(IEnumerable<ProcedureRow> items, DateOnly asOf, LightRules rules, IEnumerable<LandStartRow> landStarts) =>
        Compute(items, asOf, _ => rules, landStarts);

    /// <summary>The figures with each obligation judged by <paramref name="rulesOf"/> its project's unit (its own rules, as every light).</summary>
    public static ApprovalFigures Compute(IEnumerable<ProcedureRow> items, DateOnly asOf, Func<int, LightRules> rulesOf, IEnumerable<LandStartRow> landStarts)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(rulesOf);
        ArgumentNullException.ThrowIfNull(landStarts);
        var known = items.ToList();
        var applied = known.Where(i => i.AppliedOn <= asOf).ToList();
        var approved = applied.Count(i => i.ApprovedOn <= asOf);
        var obligations = Obligations(applied, asOf, rulesOf).Where(o => o.Done is null).ToList();
        var spans = landStarts
            .Where(l => l.LandSuppliedOn <= asOf && l.ActualStart <= asOf)
            .Select(l => Math.Max(0, l.ActualStart!.Value.DayNumber - l.LandSuppliedOn!.Value.DayNumber))
            .ToList();
        return new ApprovalFigures
        {
            Items = known.Count,
            Approved = approved,
            InProgress = applied.Count - approved,
            NotStarted = known.Count - applied.Count,
            DoneRate = Percent.Of(approved, known.Count),
            Parallel = applied.Count(i => i.Mode == HandlingMode.Parallel),
            AcceptedWithGaps = applied.Count(i => i.Mode == HandlingMode.AcceptedWithGaps),
            Commitment = applied.Count(i => i.Mode == HandlingMode.Commitment),
            Agency = applied.Count(i => i.Mode == HandlingMode.Agency),
            ObligationsOpen = obligations.Count,
            ObligationsOverdue = obligations.Count(o => o.Light == Lights.Light.Red),
            LandToStartProjects = spans.Count,
            AverageDaysLandToStart = spans.Count == 0 ? null : decimal.Round((decimal)spans.Sum() / spans.Count, 1, MidpointRounding.AwayFromZero),
            StartedOnLandDay = spans.Count(s => s == 0),
            Obligations = obligations.OrderByDescending(o => o.Light).ThenBy(o => o.Due).ThenBy(o => o.Code, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>Every obligation of items applied for by the day, met or not, with its light on that day.</summary>
    public static IReadOnlyList<ObligationLight> Obligations(IEnumerable<ProcedureRow> items, DateOnly asOf, LightRules rules) =>
        Obligations(items, asOf, _ => rules);

    /// <summary>Every obligation of items applied for by the day, each judged by <paramref name="rulesOf"/> its project's unit.</summary>
    public static IReadOnlyList<ObligationLight> Obligations(IEnumerable<ProcedureRow> items, DateOnly asOf, Func<int, LightRules> rulesOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(rulesOf);
        var result = new List<ObligationLight>();
        foreach (var item in items.Where(i => i.AppliedOn <= asOf))
        {
            var rules = rulesOf(item.UnitId);
            if (item is { Mode: HandlingMode.AcceptedWithGaps, SupplyBy: { } supplyBy })
            {
                result.Add(Light(item, ObligationKind.SupplyPapers, item.MissingPapers ?? "", supplyBy, item.SuppliedOn, asOf, rules));
            }
            else if (item is { Mode: HandlingMode.Commitment, VerifyBy: { } verifyBy })
            {
                result.Add(Light(item, ObligationKind.VerifyCommitment, item.Commitment ?? "", verifyBy, item.VerifiedOn, asOf, rules));
            }
        }

        return result;
    }

    private static ObligationLight Light(ProcedureRow item, ObligationKind kind, string what, DateOnly due, DateOnly? done, DateOnly asOf, LightRules rules)
    {
        // Judged as things stood on asOf: papers supplied after that day had not been supplied yet.
        var met = done <= asOf ? done : null;
        var (zhWhat, enWhat) = kind switch
        {
            ObligationKind.SupplyPapers => ($"“{item.Name}”容缺受理须补正{what}", $"\"{item.Name}\" was accepted with papers missing ({what})"),
            ObligationKind.VerifyCommitment => ($"“{item.Name}”承诺制办理须核查承诺（{what}）", $"\"{item.Name}\" was granted on a commitment ({what}) to verify"),
        };
        LightReason? reason = null;
        var days = due.DayNumber - asOf.DayNumber;
        if (met is null && days < 0)
        {
            reason = new LightReason(LightRuleKind.ObligationOverdue, Lights.Light.Red, new Text(
                Invariant($"{zhWhat}，限{ChineseFormat.Date(due)}前完成，已逾期{-days}天"),
                Invariant($"{enWhat}, due by {due:d MMMM yyyy}, is {Days(-days)} overdue")));
        }
        else if (met is null && rules.ObligationYellowDays is { } window && days <= window)
        {
            reason = new LightReason(LightRuleKind.ObligationOverdue, Lights.Light.Yellow, new Text(
                days == 0 ? $"{zhWhat}，今天到期" : Invariant($"{zhWhat}，还有{days}天到期"),
                days == 0 ? $"{enWhat}, is due today" : Invariant($"{enWhat}, is due in {Days(days)}")));
        }

        return new ObligationLight(item.ProjectId, item.Code, item.ProjectName, item.UnitId, item.Name, kind, what, due, met, reason?.Light ?? Lights.Light.Green, reason is null ? [] : [reason]);
    }

    private static string Days(int days) => days == 1 ? "1 day" : Invariant($"{days} days");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
