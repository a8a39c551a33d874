using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Core.Periods;
using Keystone.Features.Projects;
using Keystone.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Progress;

/// <summary>
/// A month's report: the month's completed investment is what the reporter enters; the year to date and
/// cumulative continue from the previous report unless given. A figure below an earlier month's needs a correction reason.
/// </summary>
public sealed record ReportInput(decimal? Month, decimal? YearToDate, decimal? Cumulative, string? ImageProgress, string? CorrectionReason);

/// <summary>Monthly progress reports (进度填报).</summary>
public static class ProgressApi
{
    public static RouteGroupBuilder MapProgressApi(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{code}/reports", ListAsync).WithTags("Progress").WithName("ListProjectReports").WithSummary("项目的月度进度 / a project's monthly reports");
        api.MapPut("/projects/{code}/reports/{period}", PutAsync).WithTags("Progress").WithName("PutProjectReport")
            .WithSummary("填报或更正月度进度 / file or correct a month's report (period: 2024-03)");
        return api;
    }

    private static async Task<Ok<ListResponse<ReportDto>>> ListAsync(AppDbContext db, string code, int? year, CancellationToken ct)
    {
        var project = await ProjectsApi.FindAsync(db, code, ct);
        var query = db.ProgressReports.AsNoTracking().Where(r => r.ProjectId == project.Id);
        var reports = await query.ToListAsync(ct);
        var items = reports.Where(r => year is null || r.Period.Year == year).OrderBy(r => r.Period).Select(ReportDto.Of).ToList();
        return TypedResults.Ok(new ListResponse<ReportDto>(items, items.Count));
    }

    private static async Task<Ok<ReportDto>> PutAsync(AppDbContext db, TimeProvider clock, string code, string period, ReportInput input, CancellationToken ct)
    {
        var project = await ProjectsApi.FindAsync(db, code, ct);
        await db.Entry(project).Collection(p => p.Reports).LoadAsync(ct);
        var errors = new List<DomainException>();
        var when = ApiSupport.Try(errors, "period", () => Period.Parse(period));
        ApiSupport.Require(errors, input.Month is not null, "month", "本月完成投资", "The month's investment");
        var month = ApiSupport.Amount(errors, input.Month, "month", "本月完成投资", "The month's investment");
        var ytd = ApiSupport.Amount(errors, input.YearToDate, "yearToDate", "本年完成投资", "The year-to-date investment");
        var cumulative = ApiSupport.Amount(errors, input.Cumulative, "cumulative", "累计完成投资", "The cumulative investment");
        ApiSupport.ThrowIfAny(errors);

        var figures = project.FiguresFor(when!.Value, month!.Value, ytd, cumulative) with
        {
            ImageProgress = input.ImageProgress,
            CorrectionReason = input.CorrectionReason,
        };
        var frozen = await PeriodClosing.IsFrozenAsync(db, await db.LoadTreeAsync(ct), project.OrgUnitId, when.Value, ct);
        var report = project.Report(when.Value, figures, clock.GetUtcNow(), frozen);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ReportDto.Of(report));
    }
}
