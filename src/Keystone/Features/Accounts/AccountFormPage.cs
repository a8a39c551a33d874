using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Web;

namespace Keystone.Features.Accounts;

/// <summary>
/// What the account pages share: the one form a post carries (its @formname), its fields as typed, and each
/// refusal beside the field it names — the domain's own words, in the reader's language. Nothing is saved when
/// anything is refused; an accepted form redirects (post, redirect, get).
/// </summary>
public abstract class AccountFormPage : DeskPage
{
    /// <summary>The reasons of the refused form, by field ("" for the form as a whole).</summary>
    protected Dictionary<string, string> FieldErrors { get; } = [];

    /// <summary>The @formname of the form this request posted, if any.</summary>
    protected string? PostedForm =>
        Http is { } http && HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType ? http.Request.Form["_handler"].ToString() : null;

    /// <summary>A posted field as typed (a password is never trimmed), or null when empty.</summary>
    protected string? Posted(string field, bool trim = true)
    {
        var value = PostedForm is null ? null : Http!.Request.Form[field].ToString();
        value = trim ? value?.Trim() : value;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    protected string? ErrorFor(string form, string field) => PostedForm == form && FieldErrors.TryGetValue(field, out var message) ? message : null;

    protected string? Invalid(string form, string field) => ErrorFor(form, field) is null ? null : "is-invalid";

    /// <summary>The reasons that name no field of the form.</summary>
    protected string? FormError(string form, params string[] fields) =>
        PostedForm == form && FieldErrors.Where(e => !fields.Contains(e.Key)).Select(e => e.Value).ToList() is { Count: > 0 } rest
            ? string.Join(L.English ? " " : "", rest)
            : null;

    /// <summary>Runs the write; a refusal goes beside its field and false is answered.</summary>
    protected async Task<bool> SubmitAsync(Func<Task> write)
    {
        if (FieldErrors.Count > 0)
        {
            return false;
        }

        try
        {
            await write();
            return true;
        }
        catch (ValidationException e)
        {
            foreach (var error in e.Errors)
            {
                FieldErrors.TryAdd(error.Field ?? "", L.T(error.Text));
            }
        }
        catch (DomainException e)
        {
            FieldErrors.TryAdd(e.Field ?? "", L.T(e.Text));
        }
        catch (NotFoundException e)
        {
            FieldErrors.TryAdd("", L.T(e.Text));
        }

        return false;
    }

    protected static string RoleName(Role role) => L.English ? role switch
    {
        Role.NationAdmin => "Nation administrator",
        Role.ProvinceAdmin => "Province administrator",
        Role.CityOfficer => "City officer",
        Role.ZoneOfficer => "Zone officer",
        Role.DepartmentOfficer => "Department officer",
        Role.EnterpriseReporter => "Enterprise reporter",
    } : Core.Accounts.Accounts.RoleName(role);

    protected static string UserLink(string userName) => "/users/" + Uri.EscapeDataString(userName);
}
