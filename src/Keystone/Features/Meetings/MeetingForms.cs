using System.Globalization;
using Keystone.Core;
using Keystone.Web;

namespace Keystone.Features.Meetings;

/// <summary>
/// What the meetings and inspections pages' forms share: a posted field, a typed date, and a refusal in the reader's
/// language. Each form runs the same action as the API (<see cref="MeetingActions"/>, <c>InspectionActions</c>).
/// </summary>
public static class MeetingForms
{
    /// <summary>A posted field, trimmed; null when absent or blank.</summary>
    public static string? Field(HttpContext? http, string name)
    {
        if (http is null || !http.Request.HasFormContentType)
        {
            return null;
        }

        var value = http.Request.Form[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>A yyyy-MM-dd date as a date input sends it; null when empty; refused (naming the field) otherwise.</summary>
    public static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? SaneDate.Check(date, field)
            : throw new DomainException(new($"日期“{text}”应写作 2024-04-10", $"The date \"{text}\" should look like 2024-04-10"), field);
    }

    /// <summary>Why a form was refused, in the reader's language; null for anything that is not a refusal (it goes to the error handler).</summary>
    public static string? Refusal(Exception e) => e switch
    {
        ValidationException v => string.Join(L.English ? "; " : "；", v.Errors.Select(x => L.T(x.Text))),
        DomainException d => L.T(d.Text),
        NotFoundException n => L.T(n.Text),
        _ => null,
    };

    /// <summary>"2024-04-10" for a date input's value.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The badge of an item's status: closed green, overdue red, answered blue, the rest grey.</summary>
    public static string Badge(Keystone.Core.Problems.ProblemItem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Overdue ? "text-bg-danger"
            : problem.Status == Keystone.Core.Problems.ProblemStatus.Closed ? "text-bg-success"
            : problem.Status == Keystone.Core.Problems.ProblemStatus.Answered ? "text-bg-info"
            : "text-bg-secondary";
    }
}
