using System.Globalization;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Features.Accounts;
using Keystone.Web;
using Microsoft.AspNetCore.Mvc;

namespace Keystone.Features.Problems;

/// <summary>Any step on a problem's page: the fields a step uses, the rest left empty.</summary>
public sealed class StepForm
{
    public string? Department { get; set; }

    public string? Deadline { get; set; }

    public string? Answer { get; set; }

    public string? Reason { get; set; }

    public string? Satisfaction { get; set; }

    public string? Comment { get; set; }

    public string? ReplyBy { get; set; }

    public string? Requirement { get; set; }

    public string? Reply { get; set; }

}

/// <summary>
/// The form posts behind the problem pages: each runs the same action as the API, then goes back to the
/// problem's page — saying why, when the step was refused (the page shows ?error= as an alert).
/// </summary>
public static class ProblemPages
{
    public static void MapProblemPages(this WebApplication app)
    {
        app.MapPost("/problems/{number}/assign", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => await ProblemActions.AssignAsync(db, caller, clock, number, new AssignInput(form.Department, Date(form.Deadline, "deadline")), ct, Check(http))))
            .RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();
        app.MapPost("/problems/{number}/answer", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => await ProblemActions.AnswerAsync(db, caller, clock, number, new AnswerInput(form.Answer), ct, Check(http))))
            .RequireAuthorization(AuthSetup.Answerer).ExcludeFromDescription();
        app.MapPost("/problems/{number}/return", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => await ProblemActions.ReturnAsync(db, caller, clock, number, new ReturnInput(form.Reason), ct, Check(http))))
            .RequireAuthorization(AuthSetup.Raiser).ExcludeFromDescription();
        app.MapPost("/problems/{number}/close", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => await ProblemActions.CloseAsync(db, caller, clock, number, new CloseInput(form.Satisfaction, form.Comment), ct, Check(http))))
            .RequireAuthorization(AuthSetup.Raiser).ExcludeFromDescription();
        app.MapPost("/problems/{number}/notices", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => (await ProblemActions.SuperviseAsync(db, caller, clock, number, new NoticeInput(Date(form.ReplyBy, "replyBy"), form.Requirement), ct, Check(http))).Problem))
            .RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();
        app.MapPost("/problems/{number}/notices/{sequence:int}/reply", (HttpContext http, AppDbContext db, Caller caller, TimeProvider clock, string number, int sequence, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, sequence, async () => await ProblemActions.ReplyAsync(db, caller, clock, number, sequence, new ReplyInput(form.Reply), ct, Check(http))))
            .RequireAuthorization(AuthSetup.Answerer).ExcludeFromDescription();
    }

    public static string Url(string number, string? error = null) =>
        $"/problems/{Uri.EscapeDataString(number)}" + (error is null ? "" : "?error=" + Uri.EscapeDataString(error));

    private static Task<IResult> StepAsync(string number, Func<Task<Keystone.Core.Problems.Problem>> step) => StepAsync(number, null, step);

    private static async Task<IResult> StepAsync(string number, int? notice, Func<Task<Keystone.Core.Problems.Problem>> step)
    {
        try
        {
            var problem = await step();
            return TypedResults.Redirect(Url(problem.Number));
        }
        catch (StaleException e)
        {
            // Changed by someone else since the form was read: nothing done; the page shows who changed what (409).
            return TypedResults.Redirect(Url(number) + "?stale=" + e.Expected.ToString(CultureInfo.InvariantCulture)
                + (notice is { } n ? "&notice=" + n.ToString(CultureInfo.InvariantCulture) : ""));
        }
        catch (Exception e) when (Refusal(e) is { } why)
        {
            return TypedResults.Redirect(Url(number, why));
        }
    }

    /// <summary>
    /// The check of a step against the version of the problem (a reply: of the notice) its form was rendered with
    /// (its hidden <c>version</c>): the refusal carries that version back to the page, which explains it.
    /// </summary>
    private static Func<IVersioned, Task> Check(HttpContext http) => record =>
        int.TryParse(http.Request.Form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version != record.Version
            ? throw new StaleException(new("", ""), record.Version, [], precondition: false) { Expected = version }
            : Task.CompletedTask;

    /// <summary>A refusal in the reader's language; null for anything that is not one (it goes to the error handler).</summary>
    private static string? Refusal(Exception e) => e switch
    {
        DomainException d => L.T(d.Text),
        ValidationException v => string.Join(L.English ? "; " : "；", v.Errors.Select(x => L.T(x.Text))),
        _ => null,
    };

    private static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? SaneDate.Check(date, field)
            : throw new DomainException(new($"日期“{text}”应写作 2024-04-10", $"The date \"{text}\" should look like 2024-04-10"), field);
    }
}
