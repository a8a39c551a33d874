using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Desk;
using Keystone.Core.Figures;
using Keystone.Core.Problems;
using Keystone.Core.Units;
using Keystone.Features.Accounts;
using Keystone.Features.Figures;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Problems;

/// <summary>
/// /api/problems: problems and leaders' instructions (解难题, 督办) — raised, routed to a department,
/// answered, returned or closed, overdue and escalated, supervised with numbered notices.
/// </summary>
public static class ProblemsApi
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static RouteGroupBuilder MapProblemsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/problems").WithTags("Problems");
        group.MapGet("/", ListAsync).WithName("ListProblems")
            .WithSummary("问题列表，逾期在前 / problems, overdue first")
            .WithDescription("status: open (未办结) | overdue | closed | unassigned | assigned | answered | returned; scope, unit, department, category, project, asOf. A department officer sees the problems assigned to its department, a reporter its enterprise's.");
        group.MapGet("/departments", DepartmentsAsync).RequireAuthorization(AuthSetup.Officer).WithName("ListProblemDepartments")
            .WithSummary("责任单位及其未办结、逾期问题数 / the departments answering problems in a scope");
        group.MapGet("/{number}", GetAsync).WithName("GetProblem").WithSummary("一个问题及其办理过程 / one problem and its thread (asOf)")
            .WithDescription("The ETag (and version) is the problem's; each notice carries its own version.");
        group.MapPost("/", RaiseAsync).RequireAuthorization(AuthSetup.Raiser).WithName("RaiseProblem")
            .WithSummary("提出问题 / raise a problem: {projectCode, title, category, deadline, department?, detail?, source?}");
        group.MapPost("/{number}/assign", AssignAsync).RequireAuthorization(AuthSetup.Officer).WithName("AssignProblem").HonoursIfMatch().WithDescription(ProblemIfMatch).WithSummary("交办 / route to a department with a deadline");
        group.MapPost("/{number}/answer", AnswerAsync).RequireAuthorization(AuthSetup.Answerer).WithName("AnswerProblem").HonoursIfMatch().WithDescription(ProblemIfMatch).WithSummary("答复 / the department's answer");
        group.MapPost("/{number}/return", ReturnAsync).RequireAuthorization(AuthSetup.Raiser).WithName("ReturnProblem").HonoursIfMatch().WithDescription(ProblemIfMatch).WithSummary("退回重办 / send the answer back, saying why");
        group.MapPost("/{number}/close", CloseAsync).RequireAuthorization(AuthSetup.Raiser).WithName("CloseProblem").HonoursIfMatch().WithDescription(ProblemIfMatch).WithSummary("办结，附满意度 / close with the raiser's satisfaction");
        group.MapPost("/{number}/notices", SuperviseAsync).RequireAuthorization(AuthSetup.Officer).WithName("IssueNotice").HonoursIfMatch().WithDescription(ProblemIfMatch).WithSummary("发督办单（仅逾期问题）/ issue a supervision notice on an overdue problem");
        group.MapGet("/{number}/notices/{sequence:int}", NoticeAsync).WithName("GetNotice").WithSummary("督办单 / a supervision notice (format=json|docx)");
        group.MapPost("/{number}/notices/{sequence:int}/reply", ReplyAsync).RequireAuthorization(AuthSetup.Answerer).WithName("ReplyToNotice").HonoursIfMatch().WithDescription(NoticeIfMatch).WithSummary("督办单反馈 / the reply to a notice");
        return api;
    }

    private const string ProblemIfMatch =
        "If-Match: 读取问题时的 ETag（或请求体 version）；问题已被他人修改则 412（version 则 409），未作任何更改；不带则照旧办理 / If-Match: the problem's ETag as read (or the body's version); when someone changed the problem since, 412 (409 for version) and nothing is changed; without either, the step applies as before.";

    private const string NoticeIfMatch =
        "If-Match: 读取督办单时的 ETag（或请求体 version，即该督办单的 version）；督办单已被他人修改则 412（version 则 409），未作任何更改；不带则照旧反馈 / If-Match: the notice's ETag as read (or the body's version: the notice's); when someone changed the notice since, 412 (409 for version) and nothing is changed; without either, the reply applies as before.";

    /// <summary>The judged, filtered and ordered problems a list shows, of the problems the caller may see.</summary>
    public static async Task<IReadOnlyList<JudgedProblem>> QueryAsync(
        AppDbContext db, Caller caller, OrgTree tree, ProblemFilter filter, DateOnly today, CancellationToken ct)
    {
        var scope = caller.Resolve(tree, filter.Scope);
        var query = new ProblemQuery
        {
            Units = tree.Subtree(scope.Id),
            UnitId = filter.Unit is { Length: > 0 } u ? caller.Resolve(tree, u).Id : null,
            Department = filter.Department,
            Category = filter.Category is { Length: > 0 } c ? ProblemVocabulary.ParseCategory(c) : null,
            ProjectCode = filter.Project,
            Status = ProblemQuery.ParseStatus(filter.Status),
            AsOf = filter.AsOf,
        };
        return await ProblemData.ListAsync(db, tree, caller.Problems(db.Problems, tree), query, today, ct);
    }

    private static async Task<Ok<ListResponse<ProblemItem>>> ListAsync(
        AppDbContext db, Caller caller, TimeProvider clock, string? scope, string? status, string? unit, string? department, string? category, string? project, string? asOf,
        int? page, int? pageSize, CancellationToken ct)
    {
        var (skip, take) = ApiSupport.Paging(page, pageSize);
        var tree = await db.LoadTreeAsync(ct);
        var today = DeskDate.Today(clock);
        var day = await DeskScope.AsOfAsync(db, caller, tree, clock, scope, null, asOf, ct);
        var filter = new ProblemFilter(scope, status, unit, department, category, project, day);
        var judged = await QueryAsync(db, caller, tree, filter, today, ct);
        var culture = CultureInfo.CurrentUICulture;
        var items = judged.Skip(skip).Take(take).Select(p => ProblemItem.Of(p, tree, culture)).ToList();
        return TypedResults.Ok(new ListResponse<ProblemItem>(items, judged.Count, day));
    }

    private static async Task<Ok<ListResponse<DepartmentDto>>> DepartmentsAsync(AppDbContext db, Caller caller, TimeProvider clock, string? scope, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var items = await ListDepartmentsAsync(db, caller, tree, scope, DeskDate.Today(clock), ct);
        return TypedResults.Ok(new ListResponse<DepartmentDto>(items, items.Count));
    }

    /// <summary>
    /// The departments a scope routes problems to: those with a department officer's account in the scope and
    /// those named on its problems, each with its open and overdue problems (the inbox's counts).
    /// </summary>
    public static async Task<IReadOnlyList<DepartmentDto>> ListDepartmentsAsync(AppDbContext db, Caller caller, OrgTree tree, string? scope, DateOnly today, CancellationToken ct, DateOnly? asOf = null)
    {
        var unit = caller.Resolve(tree, scope);
        var units = tree.Subtree(unit.Id);
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.Role == Role.DepartmentOfficer && !u.Disabled && units.Contains(u.OrgUnitId) && u.Department != null)
            .Select(u => u.Department!)
            .Distinct()
            .ToListAsync(ct);
        var open = await QueryAsync(db, caller, tree, new ProblemFilter(unit.Id.ToString(CultureInfo.InvariantCulture), "open", null, null, null, null, asOf), today, ct);
        return accounts.Concat(open.Select(p => p.Standing.Department).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .Select(d => new DepartmentDto(d, open.Count(p => p.Standing.Department == d), open.Count(p => p.Standing.Department == d && p.Standing.IsOverdue)))
            .OrderByDescending(d => d.Overdue).ThenByDescending(d => d.Open).ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<Ok<ProblemDetailDto>> GetAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, string? asOf, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var day = await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, asOf, ct);
        var problem = await ProblemActions.FindAsync(db, caller, tree, number, ct);
        Concurrency.Tag(http, problem);
        return TypedResults.Ok(await ProblemActions.DetailAsync(db, tree, problem, day, ct));
    }

    private static async Task<Created<ProblemDetailDto>> RaiseAsync(AppDbContext db, Caller caller, TimeProvider clock, ProblemInput input, CancellationToken ct)
    {
        var problem = await ProblemActions.RaiseAsync(db, caller, clock, input, ct);
        var tree = await db.LoadTreeAsync(ct);
        var loaded = await ProblemActions.FindAsync(db, caller, tree, problem.Number, ct);
        return TypedResults.Created($"/api/problems/{problem.Number}", await DetailAsync(db, caller, clock, loaded, ct));
    }

    private static async Task<Ok<ProblemDetailDto>> AssignAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, AssignInput input, CancellationToken ct) =>
        Tagged(http, await DetailAsync(db, caller, clock, await ProblemActions.AssignAsync(db, caller, clock, number, input, ct, Check(http, db, caller, clock, input.Version, ct)), ct));

    private static async Task<Ok<ProblemDetailDto>> AnswerAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, AnswerInput input, CancellationToken ct) =>
        Tagged(http, await DetailAsync(db, caller, clock, await ProblemActions.AnswerAsync(db, caller, clock, number, input, ct, Check(http, db, caller, clock, input.Version, ct)), ct));

    private static async Task<Ok<ProblemDetailDto>> ReturnAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, ReturnInput input, CancellationToken ct) =>
        Tagged(http, await DetailAsync(db, caller, clock, await ProblemActions.ReturnAsync(db, caller, clock, number, input, ct, Check(http, db, caller, clock, input.Version, ct)), ct));

    private static async Task<Ok<ProblemDetailDto>> CloseAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, CloseInput input, CancellationToken ct) =>
        Tagged(http, await DetailAsync(db, caller, clock, await ProblemActions.CloseAsync(db, caller, clock, number, input, ct, Check(http, db, caller, clock, input.Version, ct)), ct));

    private static async Task<Created<NoticeDto>> SuperviseAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, NoticeInput input, CancellationToken ct)
    {
        var (problem, notice) = await ProblemActions.SuperviseAsync(db, caller, clock, number, input, ct, Check(http, db, caller, clock, input.Version, ct));
        var detail = await DetailAsync(db, caller, clock, problem, ct);
        return TypedResults.Created(
            $"/api/problems/{problem.Number}/notices/{notice.Sequence.ToString(CultureInfo.InvariantCulture)}",
            detail.Notices.Single(n => n.Sequence == notice.Sequence));
    }

    private static async Task<Ok<NoticeDto>> ReplyAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, int sequence, ReplyInput input, CancellationToken ct)
    {
        var problem = await ProblemActions.ReplyAsync(db, caller, clock, number, sequence, input, ct, Check(http, db, caller, clock, input.Version, ct));
        var notice = (await DetailAsync(db, caller, clock, problem, ct)).Notices.Single(n => n.Sequence == sequence);
        http.Response.Headers.ETag = Concurrency.ETag(notice.Version);
        return TypedResults.Ok(notice);
    }

    /// <summary>
    /// The check of a step against the version its request names (If-Match or <paramref name="version"/>): of the
    /// problem, or of the notice a reply answers — each refusal lists that record's changes from the audit log.
    /// </summary>
    private static Func<IVersioned, Task> Check(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, int? version, CancellationToken ct) =>
        async record =>
        {
            var tree = await db.LoadTreeAsync(ct);
            var (noun, entity, key) = record switch
            {
                SupervisionNotice n => (Concurrency.Noun.Notice, "notice", n.Reference),
                Problem p => (Concurrency.Noun.Problem, "problem", p.Number),
                _ => throw new ArgumentException("Not a problem or a notice", nameof(record)),
            };
            await Concurrency.CheckAsync(http, db, caller, tree, clock, record, noun, entity, key, version, ct);
        };

    private static Ok<ProblemDetailDto> Tagged(HttpContext http, ProblemDetailDto detail)
    {
        http.Response.Headers.ETag = Concurrency.ETag(detail.Version);
        return TypedResults.Ok(detail);
    }

    private static async Task<IResult> NoticeAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, int sequence, string? format, string? issuer, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var problem = await ProblemActions.FindAsync(db, caller, tree, number, ct);
        var notice = problem.Notices.FirstOrDefault(n => n.Sequence == sequence)
            ?? throw new NotFoundException(new($"问题{problem.Number}没有第{sequence}份督办单", $"Problem {problem.Number} has no supervision notice {sequence}"));
        switch ((format ?? "json").Trim().ToLowerInvariant())
        {
            case "docx":
                var bytes = ProblemActions.NoticeDocument(problem, notice, tree, issuer, clock.GetUtcNow());
                return TypedResults.File(bytes, DocxType, $"督办单{problem.Number}-{sequence.ToString(CultureInfo.InvariantCulture)}.docx");
            case "json":
                var detail = await ProblemActions.DetailAsync(db, tree, problem, await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, null, ct), ct);
                Concurrency.Tag(http, notice);
                return TypedResults.Ok(detail.Notices.Single(n => n.Sequence == sequence));
            default:
                throw new DomainException(new($"格式“{format}”无效：可用 json、docx", $"The format \"{format}\" is not valid: use json or docx"), "format");
        }
    }

    /// <summary>A problem as it stands on the caller's data date (the day its page opens at).</summary>
    private static async Task<ProblemDetailDto> DetailAsync(AppDbContext db, Caller caller, TimeProvider clock, Problem problem, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        return await ProblemActions.DetailAsync(db, tree, problem, await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, null, ct), ct);
    }
}

/// <summary>What a problem list is narrowed to; null means no narrowing (the caller's own unit for the scope, today for the day).</summary>
public sealed record ProblemFilter(string? Scope, string? Status, string? Unit, string? Department, string? Category, string? Project, DateOnly? AsOf);
