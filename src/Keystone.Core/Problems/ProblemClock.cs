using System.Globalization;
using Keystone.Core.Figures;
using Keystone.Core.Lights;

namespace Keystone.Core.Problems;

/// <summary>One step of a problem as the clock needs it.</summary>
public sealed record TimelineStep(ProblemStepKind Kind, DateOnly On, string? Department, DateOnly? Deadline, Satisfaction? Satisfaction = null);

/// <summary>A problem's steps in order, with what identifies it in a reason.</summary>
public sealed record ProblemTimeline(string Number, string Title, int UnitId, DateOnly RaisedOn, IReadOnlyList<TimelineStep> Steps);

/// <summary>What is late: the routing to a department (交办), or the department's answer (办理).</summary>
public enum Lateness
{
    Routing,
    Answer,
}

/// <summary>The unit an overdue problem escalates to: one level above its own.</summary>
public sealed record EscalationTarget(int UnitId, string Name);

/// <summary>
/// Where a problem stood on a day: its status, department and deadline then; whether it was overdue, by how
/// many working days and for what; the unit it had escalated to; and its light with the reason.
/// </summary>
public sealed record ProblemStanding(
    ProblemStatus Status,
    Satisfaction? Satisfaction,
    string? Department,
    DateOnly Deadline,
    DateOnly DueBy,
    Lateness? Late,
    int OverdueDays,
    EscalationTarget? EscalatedTo,
    Light Light,
    IReadOnlyList<LightReason> Reasons)
{
    public bool IsOverdue => Late is not null;

    public bool IsClosed => Status == ProblemStatus.Closed;
}

/// <summary>
/// Reads where a problem stood on any day from its steps, under its unit's service levels (交办 within
/// <see cref="LightRules.ProblemRouteDays"/> working days of being raised; answered by the deadline). An
/// overdue problem is red, with the reason, and escalates one level up (zone → city). Nothing about
/// lateness is stored: it follows from the dates, so a past day's briefing reads the same later and no job
/// has to run for a problem to become overdue (ADR 0011). Pure.
/// </summary>
public static class ProblemClock
{
    /// <summary>The standing on <paramref name="asOf"/>; null when the problem had not been raised yet.</summary>
    public static ProblemStanding? Judge(ProblemTimeline problem, DateOnly asOf, LightRules rules, EscalationTarget? parent = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(rules);
        if (problem.RaisedOn > asOf || problem.Steps.Count == 0)
        {
            return null;
        }

        var status = ProblemStatus.Open;
        Satisfaction? satisfaction = null;
        string? department = null;
        var deadline = problem.Steps[0].Deadline ?? problem.RaisedOn;
        foreach (var step in problem.Steps.Where(s => s.On <= asOf))
        {
            switch (step.Kind)
            {
                case ProblemStepKind.Raised:
                    deadline = step.Deadline ?? deadline;
                    break;
                case ProblemStepKind.Assigned:
                    status = ProblemStatus.Assigned;
                    department = step.Department;
                    deadline = step.Deadline ?? deadline;
                    break;
                case ProblemStepKind.Answered:
                    status = ProblemStatus.Answered;
                    break;
                case ProblemStepKind.Returned:
                    status = ProblemStatus.Returned;
                    break;
                case ProblemStepKind.Closed:
                    status = ProblemStatus.Closed;
                    satisfaction = step.Satisfaction;
                    break;
                case ProblemStepKind.NoticeIssued or ProblemStepKind.NoticeReplied:
                    break;
            }
        }

        // Late for routing while nobody has it; late for the answer while the department has it (answered
        // and waiting for the raiser is the raiser's move, not late). The earlier due date is the one missed.
        DateOnly? routeBy = status == ProblemStatus.Open && rules.ProblemRouteDays is { } routeDays ? WorkingDays.Add(problem.RaisedOn, routeDays) : null;
        var answerDue = status is ProblemStatus.Open or ProblemStatus.Assigned or ProblemStatus.Returned;
        List<(Lateness Kind, DateOnly Due)> missed = [];
        if (routeBy is { } r && asOf > r)
        {
            missed.Add((Lateness.Routing, r));
        }

        if (answerDue && asOf > deadline)
        {
            missed.Add((Lateness.Answer, deadline));
        }

        (Lateness Kind, DateOnly Due)? late = missed.Count == 0 ? null : missed.MinBy(m => m.Due);
        var dueBy = late?.Due ?? (routeBy is { } rb && rb < deadline ? rb : deadline);
        if (late is not { } l)
        {
            return new ProblemStanding(status, satisfaction, department, deadline, dueBy, null, 0, null, Light.Green, []);
        }

        var days = Math.Max(1, WorkingDays.Between(l.Due, asOf));
        var reason = Reason(problem, l.Kind, l.Due, days, rules, parent);
        return new ProblemStanding(status, satisfaction, department, deadline, l.Due, l.Kind, days, parent, Light.Red, [reason]);
    }

    private static LightReason Reason(ProblemTimeline problem, Lateness kind, DateOnly due, int days, LightRules rules, EscalationTarget? parent)
    {
        var daysEn = days == 1 ? "1 working day" : Invariant($"{days} working days");
        var (zh, en) = kind switch
        {
            Lateness.Routing => (
                Invariant($"问题“{problem.Title}”提出后{rules.ProblemRouteDays}个工作日内未交办，已逾期{days}个工作日"),
                Invariant($"Problem \"{problem.Title}\" was not routed within {rules.ProblemRouteDays} working days of being raised; {daysEn} overdue")),
            Lateness.Answer => (
                Invariant($"问题“{problem.Title}”限{ChineseFormat.Date(due)}前办结，已逾期{days}个工作日"),
                Invariant($"Problem \"{problem.Title}\" was due by {due:d MMMM yyyy}; {daysEn} overdue")),
        };
        if (parent is not null)
        {
            zh += $"，已提级至{parent.Name}督办";
            en += $", escalated to {parent.Name}";
        }

        return new LightReason(LightRuleKind.ProblemOverdue, Light.Red, new Text(zh, en));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
