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
        app.MapPost("/problems/{number}/assign", (AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => await ProblemActions.AssignAsync(db, caller, clock, number, new AssignInput(form.Department, Date(form.Deadline, "deadline")), ct)))
            .RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();
        app.MapPost("/problems/{number}/answer", (AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => await ProblemActions.AnswerAsync(db, caller, clock, number, new AnswerInput(form.Answer), ct)))
            .RequireAuthorization(AuthSetup.Answerer).ExcludeFromDescription();
        app.MapPost("/problems/{number}/return", (AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => await ProblemActions.ReturnAsync(db, caller, clock, number, new ReturnInput(form.Reason), ct)))
            .RequireAuthorization(AuthSetup.Raiser).ExcludeFromDescription();
        app.MapPost("/problems/{number}/close", (AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => await ProblemActions.CloseAsync(db, caller, clock, number, new CloseInput(form.Satisfaction, form.Comment), ct)))
            .RequireAuthorization(AuthSetup.Raiser).ExcludeFromDescription();
        app.MapPost("/problems/{number}/notices", (AppDbContext db, Caller caller, TimeProvider clock, string number, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => (await ProblemActions.SuperviseAsync(db, caller, clock, number, new NoticeInput(Date(form.ReplyBy, "replyBy"), form.Requirement), ct)).Problem))
            .RequireAuthorization(AuthSetup.Officer).ExcludeFromDescription();
        app.MapPost("/problems/{number}/notices/{sequence:int}/reply", (AppDbContext db, Caller caller, TimeProvider clock, string number, int sequence, [FromForm] StepForm form, CancellationToken ct) =>
            StepAsync(number, async () => await ProblemActions.ReplyAsync(db, caller, clock, number, sequence, new ReplyInput(form.Reply), ct)))
            .RequireAuthorization(AuthSetup.Answerer).ExcludeFromDescription();
    }

    public static string Url(string number, string? error = null) =>
        $"/problems/{Uri.EscapeDataString(number)}" + (error is null ? "" : "?error=" + Uri.EscapeDataString(error));

    private static async Task<IResult> StepAsync(string number, Func<Task<Keystone.Core.Problems.Problem>> step)
    {
        try
        {
            var problem = await step();
            return TypedResults.Redirect(Url(problem.Number));
        }
        catch (Exception e) when (Refusal(e) is { } why)
        {
            return TypedResults.Redirect(Url(number, why));
        }
    }

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
