using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Briefings;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Documents;
using Keystone.Core.Enterprises;
using Keystone.Core.Figures;
using Keystone.Core.Lights;
using Keystone.Core.Problems;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Problems;

/// <summary>
/// What a user does to a problem, scoped by the caller, for the JSON API and the pages' forms alike: raise,
/// assign, answer, return, close, supervise, reply. A problem outside the caller's scope is not found.
/// </summary>
public static class ProblemActions
{
    /// <summary>
    /// A raised problem's category, wherever it is raised (a form, the API, a report, a meeting, an inspection, a
    /// visit): chosen, never defaulted — none is refused with 请选择问题类别, an unknown one names the valid ones.
    /// </summary>
    public static ProblemCategory? Category(List<DomainException> errors, string? text, string field = "category")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(new("请选择问题类别", "Choose the problem's category"), field));
            return null;
        }

        return ApiSupport.Try(errors, field, () => ProblemVocabulary.ParseCategory(text));
    }

    public static NotFoundException NotFound(string number) => new(new($"找不到问题“{number}”", $"No problem numbered \"{number}\""));

    /// <summary>The problem with its thread, notices, project and enterprise, if the caller may see it.</summary>
    public static async Task<Problem> FindAsync(AppDbContext db, Caller caller, OrgTree tree, string number, CancellationToken ct)
    {
        var key = (number ?? "").Trim().ToUpperInvariant();
        return await caller.Problems(db.Problems, tree)
            .Include(p => p.Steps)
            .Include(p => p.Notices)
            .Include(p => p.Project)
            .Include(p => p.Enterprise)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Number == key, ct)
            ?? throw NotFound(number ?? "");
    }

    /// <summary>The problem as the list shows it, judged as of <paramref name="asOf"/> (today when not given).</summary>
    /// <summary>A problem judged as of <paramref name="asOf"/> (the desk's 截至 date: the caller's data date unless one was chosen).</summary>
    public static async Task<ProblemItem> ItemAsync(AppDbContext db, OrgTree tree, Problem problem, DateOnly asOf, CancellationToken ct)
    {
        var rules = await LightsData.RulesAsync(db, tree, ct);
        var judged = ProblemJudge.Judge([ProblemJudge.RowOf(problem)], tree, rules, asOf).Single();
        return ProblemItem.Of(judged, tree, CultureInfo.CurrentUICulture);
    }

    public static async Task<ProblemDetailDto> DetailAsync(AppDbContext db, OrgTree tree, Problem problem, DateOnly asOf, CancellationToken ct) =>
        ProblemDetailDto.Of(problem, await ItemAsync(db, tree, problem, asOf, ct), tree, CultureInfo.CurrentUICulture) with { AsOf = asOf };

    public static async Task<Problem> RaiseAsync(AppDbContext db, Caller caller, TimeProvider clock, ProblemInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var today = DeskDate.Today(clock);
        var errors = new List<DomainException>();
        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Title), "title", "问题标题", "The title");
        ApiSupport.Require(errors, input.Deadline is not null, "deadline", "办理时限", "The deadline");
        var category = Category(errors, input.Category);

        Project? project = null;
        Enterprise? enterprise = null;
        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(input.ProjectCode))
        {
            var code = input.ProjectCode.Trim();
            project = await caller.Coded(db.Projects, tree, code).Include(p => p.Enterprise).FirstOrDefaultAsync(ct);
            if (project is null)
            {
                errors.Add(new(new($"找不到项目“{code}”", $"No project with the code \"{code}\""), "projectCode"));
            }
            else
            {
                unitId = project.OrgUnitId;
                enterprise = project.Enterprise;
            }
        }
        else if (!string.IsNullOrWhiteSpace(input.Enterprise))
        {
            (enterprise, unitId) = await EnterpriseAsync(db, caller, tree, input, errors, ct);
        }
        else
        {
            errors.Add(new(new("请指定项目编号（projectCode），或企业的统一社会信用代码（enterprise）", "Name the project (projectCode), or the enterprise by its USCC (enterprise)"), "projectCode"));
        }

        var origin = Origin(caller, today, input.Source, errors);
        if (caller.Role == Role.EnterpriseReporter && !string.IsNullOrWhiteSpace(input.Department))
        {
            errors.Add(new(new("责任单位由园区交办，填报时不能指定", "The zone routes the problem to a department; a reporter cannot name one"), "department"));
        }

        ApiSupport.ThrowIfAny(errors);
        var raise = new ProblemRaise
        {
            UnitId = unitId!.Value,
            ProjectId = project?.Id,
            EnterpriseId = enterprise?.Id,
            Title = input.Title!,
            Detail = input.Detail,
            Category = category!.Value,
            Deadline = input.Deadline!.Value,
            Department = string.IsNullOrWhiteSpace(input.Department) ? null : input.Department,
            Origin = origin!,
        };
        return await ProblemDesk.RaiseAsync(db, raise, caller.UserName, clock.GetUtcNow(), today, ct);
    }

    /// <summary>
    /// 转为问题并交办: raises the 存在问题 of project <paramref name="code"/>'s report for <paramref name="period"/>
    /// as a problem of the project, from that report, and routes it to the department — one save, so both or
    /// neither. A report raises one problem at most; a second attempt is refused naming the first.
    /// </summary>
    public static async Task<Problem> RaiseFromReportAsync(AppDbContext db, Caller caller, TimeProvider clock, string code, string period, ReportProblemInput input, CancellationToken ct)
    {
        var report = await Progress.ProgressApi.FindReportAsync(db, caller, code, period, ct);
        if (await ProblemDesk.RaisedFromAsync(db, report.Id, ct) is { } number)
        {
            throw ProblemDesk.AlreadyRaised(number);
        }

        if (string.IsNullOrWhiteSpace(report.ProblemsMet))
        {
            // Nothing to turn into a problem: the problem would claim a report as its source that names none.
            throw new DomainException(new(
                $"{report.Period}的报告没有填写存在问题，无可转为问题；该项目的其他问题请通过“提出问题”提出",
                $"The {report.Period} report names no problem, so there is nothing to raise from it; raise the project's other problems as a new problem"), "report");
        }

        var project = report.Project!;
        var tree = await db.LoadTreeAsync(ct);
        var today = DeskDate.Today(clock);
        var errors = new List<DomainException>();
        var category = Category(errors, input.Category);

        ApiSupport.Require(errors, !string.IsNullOrWhiteSpace(input.Department), "department", "责任单位", "The department");
        var text = (string.IsNullOrWhiteSpace(input.Text) ? report.ProblemsMet : input.Text)!.Trim();
        if (text.Length > Problem.MaxTextLength)
        {
            errors.Add(new(new($"问题内容不能超过{Problem.MaxTextLength}字", $"The problem cannot be longer than {Problem.MaxTextLength} characters"), "text"));
        }

        ApiSupport.ThrowIfAny(errors);
        var rules = (await LightsData.RulesAsync(db, tree, ct)).For(project.OrgUnitId);
        var (title, detail) = TitleOf(text);
        var raise = new ProblemRaise
        {
            UnitId = project.OrgUnitId,
            ProjectId = project.Id,
            EnterpriseId = project.EnterpriseId,
            Title = title,
            Detail = detail,
            Category = category!.Value,
            Deadline = input.Deadline ?? WorkingDays.Add(today, rules.ProblemAnswerDays),
            Department = input.Department,
            Origin = ProblemOrigin.Report(report.Period),
            ReportId = report.Id,
        };
        try
        {
            return await ProblemDesk.RaiseAsync(db, raise, caller.UserName, clock.GetUtcNow(), today, ct);
        }
        catch (ValidationException e)
        {
            // The problem's title and detail are both the one text the officer edits.
            throw new ValidationException(e.Errors.Select(x => x.Field is "title" or "detail" ? new DomainException(x.Text, "text") : x).ToList());
        }
    }

    /// <summary>A problem's title from a report's text: its first line (cut at the title's length); the whole text is the detail when it says more.</summary>
    internal static (string Title, string? Detail) TitleOf(string text)
    {
        var first = text.Split('\n', 2)[0].Trim();
        var title = first.Length <= Problem.MaxTitleLength ? first : first[..(Problem.MaxTitleLength - 1)] + "…";
        return (title, title == text ? null : text);
    }

    public static async Task<Problem> AssignAsync(AppDbContext db, Caller caller, TimeProvider clock, string number, AssignInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var tree = await db.LoadTreeAsync(ct);
        var problem = await FindAsync(db, caller, tree, number, ct);
        await CheckAsync(check, problem);
        var today = DeskDate.Today(clock);
        var rules = (await LightsData.RulesAsync(db, tree, ct)).For(problem.OrgUnitId);

        // Without a deadline the problem keeps its own while it is still ahead, else gets the unit's answer days.
        var deadline = input.Deadline ?? (problem.Deadline >= today ? problem.Deadline : WorkingDays.Add(today, rules.ProblemAnswerDays));
        problem.Assign(input.Department ?? "", deadline, caller.UserName, clock.GetUtcNow(), today);
        await db.SaveChangesAsync(ct);
        return problem;
    }

    public static async Task<Problem> AnswerAsync(AppDbContext db, Caller caller, TimeProvider clock, string number, AnswerInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var problem = await FindAsync(db, caller, await db.LoadTreeAsync(ct), number, ct);
        await CheckAsync(check, problem);
        problem.Answer(input.Answer ?? "", caller.UserName, clock.GetUtcNow(), DeskDate.Today(clock));
        await db.SaveChangesAsync(ct);
        return problem;
    }

    public static async Task<Problem> ReturnAsync(AppDbContext db, Caller caller, TimeProvider clock, string number, ReturnInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var problem = await FindAsync(db, caller, await db.LoadTreeAsync(ct), number, ct);
        await CheckAsync(check, problem);
        problem.Return(input.Reason ?? "", caller.UserName, clock.GetUtcNow(), DeskDate.Today(clock));
        await db.SaveChangesAsync(ct);
        return problem;
    }

    public static async Task<Problem> CloseAsync(AppDbContext db, Caller caller, TimeProvider clock, string number, CloseInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var problem = await FindAsync(db, caller, await db.LoadTreeAsync(ct), number, ct);
        await CheckAsync(check, problem);
        if (string.IsNullOrWhiteSpace(input.Satisfaction))
        {
            throw new DomainException(new("请选择满意度：满意、基本满意或不满意", "Say how satisfied the raiser is: satisfied, basicallySatisfied or dissatisfied"), "satisfaction");
        }

        problem.Close(ProblemVocabulary.ParseSatisfaction(input.Satisfaction), input.Comment, caller.UserName, clock.GetUtcNow(), DeskDate.Today(clock));
        await db.SaveChangesAsync(ct);
        return problem;
    }

    /// <summary>Issues a supervision notice in the name of the caller's own unit (the problem's, or one above it).</summary>
    public static async Task<(Problem Problem, SupervisionNotice Notice)> SuperviseAsync(AppDbContext db, Caller caller, TimeProvider clock, string number, NoticeInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var tree = await db.LoadTreeAsync(ct);
        var problem = await FindAsync(db, caller, tree, number, ct);
        await CheckAsync(check, problem);
        var issuer = caller.Resolve(tree, null);
        var today = DeskDate.Today(clock);
        var rules = (await LightsData.RulesAsync(db, tree, ct)).For(problem.OrgUnitId);
        var replyBy = input.ReplyBy ?? WorkingDays.Add(today, rules.ProblemAnswerDays);
        var notice = await ProblemDesk.SuperviseAsync(db, tree, problem, issuer, replyBy, input.Requirement, rules, caller.UserName, clock.GetUtcNow(), today, ct);
        return (problem, notice);
    }

    public static async Task<Problem> ReplyAsync(AppDbContext db, Caller caller, TimeProvider clock, string number, int sequence, ReplyInput input, CancellationToken ct, Func<IVersioned, Task>? check = null)
    {
        var problem = await FindAsync(db, caller, await db.LoadTreeAsync(ct), number, ct);

        // A reply changes the notice: it is checked against the notice's version (an unknown one is refused by the reply).
        if (problem.Notices.FirstOrDefault(n => n.Sequence == sequence) is { } notice)
        {
            await CheckAsync(check, notice);
        }

        problem.ReplyToNotice(sequence, input.Reply ?? "", caller.UserName, clock.GetUtcNow(), DeskDate.Today(clock));
        await db.SaveChangesAsync(ct);
        return problem;
    }

    /// <summary>
    /// Runs the caller's check of the version a step was made from (乐观并发) on the record as read, before the
    /// step changes anything: the API's If-Match or body version, the page's hidden field.
    /// </summary>
    private static async Task CheckAsync(Func<IVersioned, Task>? check, IVersioned record)
    {
        if (check is not null)
        {
            await check(record);
        }
    }

    /// <summary>The notice as a .docx, with what it says of the problem.</summary>
    public static byte[] NoticeDocument(Problem problem, SupervisionNotice notice, OrgTree tree, string? issuer, DateTimeOffset created)
    {
        var escalated = ProblemJudge.EscalationOf(tree, problem.OrgUnitId);
        var issuing = tree.Contains(notice.IssuingUnitId) ? tree[notice.IssuingUnitId].Name : "";
        using var output = new MemoryStream();
        NoticeDocx.Write(problem, notice, new NoticeContext
        {
            Issuer = string.IsNullOrWhiteSpace(issuer) ? issuing : issuer.Trim(),
            Subject = problem.Project?.Name ?? problem.Enterprise?.Name ?? "",
            ProjectCode = problem.Project?.Code,
            EscalatedTo = notice.IssuingUnitId != problem.OrgUnitId ? issuing : escalated?.Name,
        }, output, created);
        return output.ToArray();
    }

    private static async Task<(Enterprise?, int?)> EnterpriseAsync(AppDbContext db, Caller caller, OrgTree tree, ProblemInput input, List<DomainException> errors, CancellationToken ct)
    {
        if (ApiSupport.Try(errors, "enterprise", () => new Uscc(input.Enterprise!)) is not { } uscc)
        {
            return (null, null);
        }

        // An enterprise outside the caller's reach answers as one that does not exist: never its name.
        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Uscc == uscc, ct);
        if (enterprise is null || !await MayRaiseOnAsync(db, caller, tree, enterprise, ct))
        {
            errors.Add(EnterpriseAccess.NotUsable("enterprise"));
            return (null, null);
        }

        if (caller.Role == Role.EnterpriseReporter || string.IsNullOrWhiteSpace(input.Unit))
        {
            // An enterprise's own problem belongs to the zone of the one raising it.
            return (enterprise, caller.UnitId);
        }

        try
        {
            return (enterprise, caller.Resolve(tree, input.Unit).Id);
        }
        catch (NotFoundException e)
        {
            errors.Add(new(e.Text, "unit"));
            return (enterprise, null);
        }
    }

    /// <summary>
    /// Whether the caller may raise a problem on <paramref name="enterprise"/>: a reporter on its own; an
    /// officer on one it may link projects to, or one a project it sees is linked to already.
    /// </summary>
    private static async Task<bool> MayRaiseOnAsync(AppDbContext db, Caller caller, OrgTree tree, Enterprise enterprise, CancellationToken ct)
    {
        if (caller.Role == Role.EnterpriseReporter)
        {
            return caller.EnterpriseId == enterprise.Id;
        }

        return caller.MayLinkEnterprise(tree, enterprise.OwnerUnitId)
            || await caller.Projects(db.Projects, tree).AnyAsync(p => p.EnterpriseId == enterprise.Id, ct);
    }

    private static ProblemOrigin? Refuse(List<DomainException> errors, DomainException error)
    {
        errors.Add(error);
        return null;
    }

    /// <summary>A reporter's problem comes from its monthly report; an officer says how the problem came (a desk entry by default).</summary>
    private static ProblemOrigin? Origin(Caller caller, DateOnly today, SourceInput? source, List<DomainException> errors)
    {
        if (caller.Role == Role.EnterpriseReporter)
        {
            var period = source?.Period is { Length: > 0 } text ? ApiSupport.Try(errors, "source.period", () => Period.Parse(text)) : Period.Of(today);
            return period is { } p ? ProblemOrigin.Report(p) : null;
        }

        if (source is null || string.IsNullOrWhiteSpace(source.Kind))
        {
            return ProblemOrigin.Desk;
        }

        var kind = ApiSupport.Try(errors, "source.kind", () => ProblemVocabulary.ParseSource(source.Kind));
        return kind switch
        {
            ProblemSource.Report => source.Period is { Length: > 0 } t && ApiSupport.Try(errors, "source.period", () => Period.Parse(t)) is { } period
                ? ProblemOrigin.Report(period)
                : new ProblemOrigin { Source = ProblemSource.Report },
            ProblemSource.Visit => new ProblemOrigin { Source = ProblemSource.Visit, Visitor = source.Visitor, VisitedOn = source.VisitedOn, Met = source.Met },
            ProblemSource.Inspection => new ProblemOrigin { Source = ProblemSource.Inspection, Leader = source.Leader, InspectedOn = source.InspectedOn, Words = source.Words },
            ProblemSource.Desk => ProblemOrigin.Desk,

            // A decision is recorded on its meeting (POST /api/meetings/{id}/decisions), which keeps it in order.
            ProblemSource.Meeting => Refuse(errors, new DomainException(new("会议交办事项请在会议中记录（/meetings）", "Record a meeting's decision on its meeting (/meetings)"), "source.kind")),
            null => null,
        };
    }
}
