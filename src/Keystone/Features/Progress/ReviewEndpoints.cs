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

    private static async Task<IResult> ReviewAsync(string code, string period, [FromForm] ReviewForm form, AppDbContext db, Caller caller, TimeProvider clock, IOutputCacheStore pages, CancellationToken ct)
    {
        var back = Links.Project(code);
        try
        {
            var report = await ProgressApi.FindReportAsync(db, caller, code, period, ct);
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
}
