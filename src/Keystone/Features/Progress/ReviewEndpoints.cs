using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace Keystone.Features.Progress;

/// <summary>The review form on the project page: approve a submitted report, or return it with a comment.</summary>
public sealed class ReviewForm
{
    /// <summary>"approve" or "return".</summary>
    public string? Decision { get; set; }

    public string? Comment { get; set; }
}

/// <summary>
/// POST /projects/{code}/reports/{period}/review: the page twin of the API's approve and return. It answers
/// with the project page again, saying what was done or why not (nothing changes when it is refused).
/// </summary>
public static class ReviewEndpoints
{
    public static RouteHandlerBuilder MapReviewEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/projects/{code}/reports/{period}/review", ReviewAsync).RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();

    private static async Task<IResult> ReviewAsync(HttpContext http, string code, string period, [FromForm] ReviewForm form, AppDbContext db, Caller caller, TimeProvider clock, IOutputCacheStore pages, CancellationToken ct)
    {
        var back = Links.Project(code);
        try
        {
            var report = await ProgressApi.FindReportAsync(db, caller, code, period, ct);

            // Changed since the form was read (resubmitted, reviewed by another): nothing done; the page says who changed what.
            if (await Concurrency.FormAsync(db, caller, await db.LoadTreeAsync(ct), clock, report, Version(http), Concurrency.Noun.Report, "report", ProgressApi.ReportKey(report), ct) is { } stale)
            {
                var changes = stale.Changes.Count == 0 ? "" : (L.English ? " " : "") + string.Join(L.English ? "; " : "；", stale.Changes.Select(L.T));
                return TypedResults.Redirect($"{back}?reviewError={Uri.EscapeDataString(L.T(stale.Text) + changes)}&period={Uri.EscapeDataString(period)}#reports");
            }

            switch (form.Decision)
            {
                case "approve":
                    report.Approve(caller.UserName, clock.GetUtcNow());
                    break;
                case "return":
                    report.Return(caller.UserName, clock.GetUtcNow(), form.Comment ?? "");
                    break;
                default:
                    throw new DomainException(new("请选择通过或退回", "Choose approve or return"), "decision");
            }

            await db.SaveChangesAsync(ct);
            // An approved report now counts in the figures: the cached cockpit must not keep the old ones.
            await PageCache.ClearAsync(pages);
            return TypedResults.Redirect($"{back}?reviewed={Uri.EscapeDataString(report.Period.ToString())}#reports");
        }
        catch (DomainException e)
        {
            return TypedResults.Redirect($"{back}?reviewError={Uri.EscapeDataString(L.T(e.Text))}&period={Uri.EscapeDataString(period)}#reports");
        }
    }

    /// <summary>The report's version the review form was rendered with (its hidden <c>version</c>); a review of an older one is refused.</summary>
    private static int? Version(HttpContext http) =>
        int.TryParse(http.Request.Form["version"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null;
}
