using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Core.Periods;
using Keystone.Core.Progress;
using Keystone.Features.Accounts;
using Keystone.Features.Projects;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Progress;

/// <summary>
/// A month's report: the month's completed investment, the year to date, or both (the other is derived from
/// the previous report of the year); the cumulative continues from the previous report unless given. The
/// three must reconcile with the previous report (docs/domain.md, "Reconciled reports"). A figure below an
/// earlier month's needs a correction reason. ProblemsMet is its 存在问题, which an officer may raise as a problem.
/// <c>version</c> (or If-Match) is the month's report as read (0 for a month not reported yet); a stale one is refused.
/// </summary>
public sealed record ReportInput(decimal? Month, decimal? YearToDate, decimal? Cumulative, string? ImageProgress, string? CorrectionReason, string? ProblemsMet = null, int? Version = null);

/// <summary>A review's comment (a return's reason), and the report's <c>version</c> it was made from.</summary>
public sealed record ReviewInput(string? Comment, int? Version = null);

/// <summary>
/// Monthly progress reports (进度填报). An enterprise reporter's report waits for the zone (submitted →
/// approved, or returned with a comment and resubmitted); an officer's counts at once.
/// </summary>
public static class ProgressApi
{
    public static RouteGroupBuilder MapProgressApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{code}/reports", ListAsync).WithTags("Progress").WithName("ListProjectReports").WithSummary("项目的月度进度 / a project's monthly reports");
        api.MapPut("/projects/{code}/reports/{period}", PutAsync).WithTags("Progress").WithName("PutProjectReport").HonoursIfMatch()
            .WithSummary("填报或更正月度进度 / file or correct a month's report (period: 2024-03)")
            .WithDescription(IfMatch + " (0 for a month not reported yet).");
        api.MapPost("/projects/{code}/reports/{period}/approve", ApproveAsync).RequireAuthorization(AuthSetup.Officer).WithTags("Progress").WithName("ApproveReport").HonoursIfMatch()
            .WithSummary("审核通过 / approve a submitted report").WithDescription(IfMatch + ".");
        api.MapPost("/projects/{code}/reports/{period}/return", ReturnAsync).RequireAuthorization(AuthSetup.Officer).WithTags("Progress").WithName("ReturnReport").HonoursIfMatch()
            .WithSummary("退回修改 / return a submitted report with a comment").WithDescription(IfMatch + ".");
        api.MapPost("/projects/{code}/reports/{period}/problem", RaiseProblemAsync).RequireAuthorization(AuthSetup.Officer).WithTags("Progress").WithName("RaiseReportProblem")
            .WithSummary("存在问题转为问题并交办 / raise the report's problems as a problem and route it: {category, department, deadline?, text?}")
            .WithDescription("One step: the problem (source: this report; text: the report's 存在问题 unless text is given) is raised and routed to the department, or nothing is. A report raises one problem at most; the report then names it (problem).");
        return api;
    }

    private const string IfMatch =
        "If-Match: 读取时该月报的 ETag（或请求体 version，列表中的 version）；月报已被他人修改则 412（version 则 409），未作任何更改；不带则照旧保存 / If-Match: the report's ETag as read (or the body's version, as the list gives it); when someone changed the report since, 412 (409 for version) and nothing is changed; without either, the change applies as before";

    private static async Task<Ok<ListResponse<ReportDto>>> ListAsync(AppDbContext db, Caller caller, string code, int? year, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.ProjectId == project.Id).ToListAsync(ct);
        var raised = await RaisedAsync(db, project.Id, ct);
        var items = reports.Where(r => year is null || r.Period.Year == year).OrderBy(r => r.Period).Select(r => ReportDto.Of(r, raised.GetValueOrDefault(r.Id))).ToList();
        return TypedResults.Ok(new ListResponse<ReportDto>(items, items.Count));
    }

    private static async Task<Ok<ReportDto>> PutAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string period, ReportInput input, CancellationToken ct)
    {
        if (caller.Role == Role.DepartmentOfficer)
        {
            throw ProjectLookup.NotFound(code);
        }

        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        await db.Entry(project).Collection(p => p.Reports).LoadAsync(ct);
        var errors = new List<DomainException>();
        var when = ApiSupport.Try(errors, "period", () => Period.Parse(period));
        if (input.Month is null && input.YearToDate is null)
        {
            errors.Add(new(new("本月完成投资和本年完成投资至少填写一项", "Give the month's investment or the year to date"), "month"));
        }

        var month = ApiSupport.Amount(errors, input.Month, "month", "本月完成投资", "The month's investment");
        var ytd = ApiSupport.Amount(errors, input.YearToDate, "yearToDate", "本年完成投资", "The year-to-date investment");
        var cumulative = ApiSupport.Amount(errors, input.Cumulative, "cumulative", "累计完成投资", "The cumulative investment");
        ApiSupport.ThrowIfAny(errors);
        var tree = await db.LoadTreeAsync(ct);
        await Concurrency.CheckAsync(
            http, db, caller, tree, clock, (IVersioned?)project.Reports.FirstOrDefault(r => r.Period == when!.Value) ?? Concurrency.Unsaved.Instance, Concurrency.Noun.Report, "report",
            $"{project.Code}/{when!.Value}", input.Version, ct);

        var figures = project.FiguresFor(when!.Value, month, ytd, cumulative) with
        {
            ImageProgress = input.ImageProgress,
            CorrectionReason = input.CorrectionReason,
            ProblemsMet = input.ProblemsMet,
        };
        var frozen = await PeriodClosing.IsFrozenAsync(db, tree, project.OrgUnitId, when.Value, ct);
        var report = project.Report(when.Value, figures, clock.GetUtcNow(), frozen, caller.UserName, needsReview: caller.Role == Role.EnterpriseReporter);
        await db.SaveChangesAsync(ct);
        Concurrency.Tag(http, report);
        return TypedResults.Ok(ReportDto.Of(report));
    }

    /// <summary>Approves a submitted report; the version it was read at comes by If-Match (the approval has no body).</summary>
    private static async Task<Ok<ReportDto>> ApproveAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string period, CancellationToken ct)
    {
        var report = await FindReportAsync(db, caller, code, period, ct);
        await CheckAsync(http, db, caller, clock, report, null, ct);
        report.Approve(caller.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        Concurrency.Tag(http, report);
        return TypedResults.Ok(ReportDto.Of(report));
    }

    private static async Task<Ok<ReportDto>> ReturnAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string code, string period, ReviewInput input, CancellationToken ct)
    {
        var report = await FindReportAsync(db, caller, code, period, ct);
        await CheckAsync(http, db, caller, clock, report, input.Version, ct);
        report.Return(caller.UserName, clock.GetUtcNow(), input.Comment ?? "");
        await db.SaveChangesAsync(ct);
        Concurrency.Tag(http, report);
        return TypedResults.Ok(ReportDto.Of(report));
    }

    private static async Task CheckAsync(HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, ProgressReport report, int? version, CancellationToken ct) =>
        await Concurrency.CheckAsync(http, db, caller, await db.LoadTreeAsync(ct), clock, report, Concurrency.Noun.Report, "report", ReportKey(report), version, ct);

    /// <summary>The report's key in the audit log ("code/period"), whose entries a refusal lists.</summary>
    internal static string ReportKey(ProgressReport report) => $"{report.Project!.Code}/{report.Period}";

    private static async Task<Created<Problems.ProblemDetailDto>> RaiseProblemAsync(
        AppDbContext db, Caller caller, TimeProvider clock, string code, string period, Problems.ReportProblemInput input, CancellationToken ct)
    {
        var problem = await Problems.ProblemActions.RaiseFromReportAsync(db, caller, clock, code, period, input, ct);
        var tree = await db.LoadTreeAsync(ct);
        var loaded = await Problems.ProblemActions.FindAsync(db, caller, tree, problem.Number, ct);
        return TypedResults.Created($"/api/problems/{problem.Number}", await Problems.ProblemActions.DetailAsync(db, tree, loaded, await DeskScope.AsOfAsync(db, caller, tree, clock, null, null, null, ct), ct));
    }

    /// <summary>The problems a project's reports were raised as: report id → problem number.</summary>
    internal static async Task<Dictionary<int, string>> RaisedAsync(AppDbContext db, int projectId, CancellationToken ct) =>
        await db.Problems.AsNoTracking()
            .Where(p => p.ProjectId == projectId && p.ReportId != null)
            .ToDictionaryAsync(p => p.ReportId!.Value, p => p.Number, ct);

    internal static async Task<ProgressReport> FindReportAsync(AppDbContext db, Caller caller, string code, string period, CancellationToken ct)
    {
        var project = await ProjectLookup.FindAsync(db, caller, code, ct);
        var when = Period.Parse(period);
        return await db.ProgressReports.Include(r => r.Project).FirstOrDefaultAsync(r => r.ProjectId == project.Id && r.Period == when, ct)
            ?? throw new NotFoundException(new($"项目“{code}”没有{when}的报告", $"The project \"{code}\" has no report for {when}"));
    }
}
