using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Web;

namespace Keystone.Features.Promotion;

/// <summary>
/// What the promotion desk's pages with forms share: the refusals of the form just posted, each beside its field
/// (ids "form-field"), and the typed values read from it. A refused form keeps what was typed.
/// </summary>
public abstract class PromotionDeskPage : DeskPage
{
    protected FieldErrors Errors { get; } = new();

    /// <summary>The form that was posted and refused (its fields show what was typed), or null.</summary>
    protected string? Refused { get; private set; }

    protected bool Posted => Http is { } http && HttpMethods.IsPost(http.Request.Method);

    /// <summary>A date typed or picked (yyyy-MM-dd), null when empty; a refusal beside the field otherwise.</summary>
    protected DateOnly? DateField(string field, string? text, string zh, string en, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Errors.Add(field, T($"请填写{zh}", $"Give {en.ToLowerInvariant()}"));
            }

            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Errors.Add(field, T($"{zh}“{text}”应写作 2024-04-10", $"{en} \"{text}\" should look like 2024-04-10"));
        return null;
    }

    /// <summary>An amount in 万元 as typed (thousands commas allowed), null when empty; a refusal beside the field otherwise.</summary>
    protected decimal? WanField(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var wan))
        {
            return wan;
        }

        Errors.Add(field, T($"“{text}”不是数字：请以万元为单位填写，如 1200 或 350.5", $"\"{text}\" is not a number: give 10k yuan, e.g. 1200 or 350.5"));
        return null;
    }

    /// <summary>
    /// Runs a form's write: true when it was accepted; a refusal goes beside its field (the form's own
    /// <paramref name="fields"/>; any other beside the first), a record out of reach to the page's alert.
    /// </summary>
    protected async Task<bool> WriteAsync(string form, string[] fields, Func<Task> write)
    {
        Refused = form;
        if (Errors.Count > 0)
        {
            return false;
        }

        try
        {
            await write();
            Refused = null;
            return true;
        }
        catch (ValidationException e)
        {
            foreach (var x in e.Errors)
            {
                Errors.Add(FieldOf(form, fields, x.Field), L.T(x.Text));
            }
        }
        catch (DomainException e)
        {
            Errors.Add(FieldOf(form, fields, e.Field), L.T(e.Text));
        }
        catch (NotFoundException e)
        {
            Errors.Add(FieldOf(form, fields, null), L.T(e.Text));
        }

        return false;
    }

    /// <summary>What the field shows: what was posted when this form was refused, else <paramref name="value"/>.</summary>
    protected string? Kept(string form, string? posted, string? value) => Refused == form ? posted : value;

    private static string FieldOf(string form, string[] fields, string? field) =>
        form + "-" + (field is not null && fields.Contains(field) ? field : fields[0]);
}
