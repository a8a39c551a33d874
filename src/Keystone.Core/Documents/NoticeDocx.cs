using System.Globalization;
using Keystone.Core.Briefings;
using Keystone.Core.Problems;

namespace Keystone.Core.Documents;

/// <summary>What a supervision notice document says besides the notice itself.</summary>
public sealed record NoticeContext
{
    /// <summary>发文机关标志; the issuing unit's name when none is given.</summary>
    public required string Issuer { get; init; }

    /// <summary>The project's name, or the enterprise's.</summary>
    public required string Subject { get; init; }

    public string? ProjectCode { get; init; }

    /// <summary>The unit the problem escalated to, when it did.</summary>
    public string? EscalatedTo { get; init; }
}

/// <summary>
/// A supervision notice (督办单) as a Word document in the same official layout as the briefing
/// (<see cref="BriefingDocx"/>, GB/T 9704): issuing body, document number and red rule, title, addressee,
/// the problem with its deadline and department, what is required and by when, the reply once given, and
/// the date of issue.
/// </summary>
public static class NoticeDocx
{
    public const string Title = "督办通知单";

    public static void Write(Problem problem, SupervisionNotice notice, NoticeContext context, Stream output, DateTimeOffset? created = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(context);
        var briefing = new Briefing(Title, Paragraphs(problem, notice, context).Select(p => new BriefingSection(BriefingSectionKind.Problems, p)).ToList());
        BriefingDocx.Write(briefing, new BriefingDocxOptions
        {
            IssuingBody = context.Issuer,
            DocumentNumber = notice.Reference,
            Addressee = notice.Addressee,
            Date = notice.IssuedOn,
            Created = created,
        }, output);
    }

    /// <summary>The body of the notice, paragraph by paragraph (also what the page shows).</summary>
    public static IReadOnlyList<string> Paragraphs(Problem problem, SupervisionNotice notice, NoticeContext context)
    {
        var subject = context.ProjectCode is { } code ? $"{context.Subject}（项目编号{code}）" : context.Subject;
        var source = problem.Source switch
        {
            ProblemSource.Report => $"在{problem.ReportPeriod?.Year}年{problem.ReportPeriod?.Month}月进度填报中反映",
            ProblemSource.Visit => $"在{ChineseFormat.Date(problem.VisitedOn!.Value)}入企服务中由{problem.Visitor}了解到",
            ProblemSource.Inspection => $"{ChineseFormat.Date(problem.InspectedOn!.Value)}{problem.Leader}调研时交办",
            ProblemSource.Meeting => $"由{ChineseFormat.Date(problem.MeetingOn!.Value)}召开的{problem.MeetingTitle}议定交办",
            ProblemSource.Desk => $"于{ChineseFormat.Date(problem.RaisedOn)}登记",
        };
        var late = notice.Department is null
            ? $"应于{ChineseFormat.Date(notice.Deadline)}前交办责任单位，截至{ChineseFormat.Date(notice.IssuedOn)}尚未交办"
            : $"交由你单位办理，办理时限为{ChineseFormat.Date(notice.Deadline)}，截至{ChineseFormat.Date(notice.IssuedOn)}尚未办结";
        var escalated = context.EscalatedTo is { } to ? $"，已提级至{to}督办" : "";
        var paragraphs = new List<string>
        {
            Invariant($"{subject}{source}的“{problem.Title}”问题（问题编号{problem.Number}，{ProblemVocabulary.Name(problem.Category).Zh}类），{late}，已逾期{notice.OverdueDays}个工作日{escalated}。"),
        };
        if (problem.Detail is { } detail)
        {
            paragraphs.Add($"问题描述：{Sentence(detail)}");
        }

        if (problem.Source == ProblemSource.Inspection && problem.LeaderWords is { } words)
        {
            paragraphs.Add($"领导交办意见：“{words}”");
        }

        var requirement = notice.Requirement is { } r
            ? Sentence(r)
            : $"请你单位高度重视，明确责任人，加快办理，于{ChineseFormat.Date(notice.ReplyBy)}前将办理情况书面反馈。";
        paragraphs.Add($"督办要求：{requirement}");
        paragraphs.Add($"反馈期限：{ChineseFormat.Date(notice.ReplyBy)}。");
        if (notice.ReplyText is { } reply)
        {
            paragraphs.Add($"办理反馈（{ChineseFormat.Date(notice.RepliedOn!.Value)}）：{Sentence(reply)}");
        }

        return paragraphs;
    }

    private static string Sentence(string text) => text.EndsWith('。') || text.EndsWith('！') || text.EndsWith('”') ? text : text + "。";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
