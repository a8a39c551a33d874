using System.Globalization;
using Keystone.Core.Problems;

namespace Keystone.Core.Meetings;

/// <summary>One tracked item (a meeting's decision, an inspection's instruction) as the follow-up reads it: its order, to whom, and its problem judged on the day.</summary>
public sealed record TrackedItem(int Sequence, string Responsible, JudgedProblem Problem);

/// <summary>
/// How a meeting's decisions (or an inspection's instructions) stand on a day: how many there are, how many
/// closed (办结: the raiser accepted the answer), answered and waiting for the raiser, still with the
/// department, and overdue — the overdue ones counted among the open, as the problem clock judges them.
/// </summary>
public sealed record FollowUpTally(int Total, int Closed, int Answered, int InProgress, int Overdue)
{
    public static FollowUpTally Empty { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>Counting and wording tracked items (decisions, instructions) from their judged problems. Pure.</summary>
public static class FollowUp
{
    /// <summary>Counts the items judged on a day; an item not yet raised that day is not among them.</summary>
    public static FollowUpTally Tally(IEnumerable<TrackedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.Select(i => i.Problem.Standing).ToList();
        return new FollowUpTally(
            list.Count,
            list.Count(s => s.IsClosed),
            list.Count(s => s.Status == ProblemStatus.Answered),
            list.Count(s => s.Status is ProblemStatus.Open or ProblemStatus.Assigned or ProblemStatus.Returned),
            list.Count(s => s.IsOverdue));
    }

    /// <summary>"上次调度会交办事项12项，已办结9项，逾期2项。" — with no overdue item, "…，无逾期事项。".</summary>
    public static string PreviousSentence(MeetingKind kind, FollowUpTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        if (tally.Total == 0)
        {
            return $"上次{MeetingVocabulary.Spoken(kind)}无交办事项。";
        }

        return Invariant($"上次{MeetingVocabulary.Spoken(kind)}交办事项{tally.Total}项，已办结{tally.Closed}项，") + Overdue(tally) + "。";
    }

    /// <summary>"调研交办事项5项，已办结3项，逾期1项。".</summary>
    public static string InstructionSentence(FollowUpTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return Invariant($"调研交办事项{tally.Total}项，已办结{tally.Closed}项，") + Overdue(tally) + "。";
    }

    /// <summary>Where one item stands, in words: "已办结", "已答复，待确认", "办理中", "待交办", "逾期3个工作日".</summary>
    public static Text StatusText(ProblemStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (standing.IsOverdue)
        {
            return new(Invariant($"逾期{standing.OverdueDays}个工作日"), Invariant($"{standing.OverdueDays} working day{(standing.OverdueDays == 1 ? "" : "s")} overdue"));
        }

        return standing.Status switch
        {
            ProblemStatus.Closed => new("已办结", "Closed"),
            ProblemStatus.Answered => new("已答复，待确认", "Answered, awaiting the raiser"),
            ProblemStatus.Open => new("待交办", "Not yet routed"),
            ProblemStatus.Assigned => new("办理中", "In progress"),
            ProblemStatus.Returned => new("退回重办", "Returned"),
        };
    }

    private static string Overdue(FollowUpTally tally) => tally.Overdue > 0 ? Invariant($"逾期{tally.Overdue}项") : "无逾期事项";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
