using System.Globalization;
using Keystone.Core.Briefings;
using Keystone.Core.Meetings;
using Keystone.Core.Problems;

namespace Keystone.Core.Inspections;

/// <summary>An instruction as the minutes print it: to whom, the words, the problem judged on the day, and its reply.</summary>
public sealed record MinutesInstruction(int Sequence, string Addressee, string Words, JudgedProblem Problem, string? Reply);

public sealed record MinutesStop(int Sequence, string Site, string? Reported, IReadOnlyList<MinutesInstruction> Instructions);

/// <summary>An inspection as its minutes (调研纪要) tell it, judged as of <see cref="AsOf"/>.</summary>
public sealed record MinutesInput(string Title, string Leader, DateOnly HeldOn, string? Officials, IReadOnlyList<string> Places, DateOnly AsOf, IReadOnlyList<MinutesStop> Stops)
{
    /// <summary>Every instruction of the day, each with its stop's order and its own.</summary>
    public IEnumerable<TrackedItem> Items => Stops.SelectMany(s => s.Instructions.Select(i => new TrackedItem(s.Sequence * 1000 + i.Sequence, i.Addressee, i.Problem)));
}

/// <summary>Writes an inspection's minutes (调研纪要): the day, each stop with what was reported and the instructions with their replies, and the tally. Pure.</summary>
public static class InspectionMinutes
{
    private static readonly string[] Numbers = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public static Briefing Write(MinutesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var paragraphs = new List<string>
        {
            Invariant($"{ChineseFormat.Date(input.HeldOn)}，{input.Leader}深入{string.Join("、", input.Places)}调研，先后到{string.Join("、", input.Stops.Select(s => s.Site))}{input.Stops.Count}个点位，听取汇报，现场交办事项。")
                + (input.Officials is { } o ? $"{o}参加。" : ""),
        };
        foreach (var stop in input.Stops.OrderBy(s => s.Sequence))
        {
            paragraphs.Add($"{Number(stop.Sequence)}、{stop.Site}");
            if (stop.Reported is { } reported)
            {
                paragraphs.Add("汇报情况：" + Sentence(reported));
            }

            foreach (var i in stop.Instructions.OrderBy(i => i.Sequence))
            {
                var s = i.Problem.Standing;
                var reply = i.Reply is { } r ? "。办理情况：" + Sentence(r) : "";
                paragraphs.Add(Invariant($"交办事项{i.Sequence}（{i.Addressee}，限{ChineseFormat.Date(s.Deadline)}前反馈，{i.Problem.Row.Number}）：“{i.Words}”{reply}（{FollowUp.StatusText(s).Zh}）"));
            }
        }

        paragraphs.Add($"截至{ChineseFormat.Date(input.AsOf)}，" + FollowUp.InstructionSentence(FollowUp.Tally(input.Items)));
        return new Briefing(input.Title + "纪要", paragraphs.Select(p => new BriefingSection(BriefingSectionKind.Problems, p)).ToList());
    }

    private static string Number(int sequence) => sequence <= Numbers.Length ? Numbers[sequence - 1] : sequence.ToString(CultureInfo.InvariantCulture);

    private static string Sentence(string text) => text.EndsWith('。') || text.EndsWith('！') || text.EndsWith('”') ? text : text + "。";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
