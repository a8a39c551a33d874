using System.Globalization;
using Keystone.Core.Figures;
using Keystone.Core.Lights;

namespace Keystone.Core.Schedule;

/// <summary>A dated target (节点) of the battle map (挂图作战): "11月底完成主体结构".</summary>
public sealed record Milestone(string Name, DateOnly Planned, DateOnly? ActualFinish = null)
{
    /// <summary>When the schedule now expects it to finish (its early finish), if it keeps one.</summary>
    public DateOnly? Forecast { get; init; }
}

/// <summary>A milestone's light: the worst of its reasons, or green with none.</summary>
public sealed record MilestoneLight(string Name, DateOnly Planned, DateOnly? ActualFinish, Light Light, IReadOnlyList<LightReason> Reasons);

/// <summary>
/// Colours the milestones of 挂图作战 as of a date, by the deployed city rules docs/domain.md names: past its
/// date and unfinished is red, and so is one the schedule forecasts past its date (late before the date
/// arrives, as its negative float says); due within <see cref="LightRules.MilestoneYellowDays"/> days is yellow.
/// Pure, so the battle map, the briefing and the API agree.
/// </summary>
public static class MilestoneLights
{
    /// <summary>One light per milestone, in the milestones' order.</summary>
    public static IReadOnlyList<MilestoneLight> Evaluate(IEnumerable<Milestone> milestones, DateOnly asOf, LightRules rules)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegative(rules.MilestoneYellowDays ?? 0, nameof(rules));
        return milestones.Select(m => Evaluate(m, asOf, rules)).ToList();
    }

    public static MilestoneLight Evaluate(Milestone milestone, DateOnly asOf, LightRules rules)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(rules);
        var reason = Reason(milestone, asOf, rules);
        return new MilestoneLight(
            milestone.Name,
            milestone.Planned,
            milestone.ActualFinish,
            reason?.Light ?? Light.Green,
            reason is null ? [] : [reason]);
    }

    private static LightReason? Reason(Milestone m, DateOnly asOf, LightRules rules)
    {
        // Judged as things stood on asOf: a finish recorded after that day had not happened yet.
        if (m.ActualFinish is { } done && done <= asOf)
        {
            return null;
        }

        var zh = $"节点“{m.Name}”计划{ChineseFormat.Date(m.Planned)}完成";
        var en = string.Create(CultureInfo.InvariantCulture, $"Milestone \"{m.Name}\" due on {m.Planned:d MMMM yyyy}");
        var days = m.Planned.DayNumber - asOf.DayNumber;
        if (days < 0)
        {
            return new LightReason(
                LightRuleKind.MilestoneOverdue,
                Light.Red,
                new Text(Invariant($"{zh}，已逾期{-days}天"), $"{en} is {Days(-days)} overdue"));
        }

        if (m.Forecast is { } forecast && forecast > m.Planned)
        {
            var slip = forecast.DayNumber - m.Planned.DayNumber;
            return new LightReason(
                LightRuleKind.MilestoneOverdue,
                Light.Red,
                new Text(
                    Invariant($"{zh}，预计{ChineseFormat.Date(forecast)}完成，将逾期{slip}天"),
                    string.Create(CultureInfo.InvariantCulture, $"{en} is forecast for {forecast:d MMMM yyyy}, {Days(slip)} late")));
        }

        if (rules.MilestoneYellowDays is { } window && days <= window)
        {
            return new LightReason(
                LightRuleKind.MilestoneOverdue,
                Light.Yellow,
                days == 0
                    ? new Text($"{zh}，今天到期", $"{en} is due today")
                    : new Text(Invariant($"{zh}，还有{days}天到期"), $"{en} is due in {Days(days)}"));
        }

        return null;
    }

    private static string Days(int days) => days == 1 ? "1 day" : Invariant($"{days} days");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
