using System.Globalization;
using Keystone.Core;
using Keystone.Web;
using Microsoft.AspNetCore.Components;

namespace Keystone.Components;

/// <summary>
/// The refusals of one page form, each beside its field: the summary at the top links to them, the field is
/// marked invalid and described by its message (the report and plan pages' forms).
/// </summary>
public sealed class FieldErrors : List<(string Field, string Message)>
{
    public void Add(string field, string message) => Add((field, message));

    /// <summary>"is-invalid" for a field with an error.</summary>
    public string? Invalid(string field) => this.Any(e => e.Field == field) ? "is-invalid" : null;

    /// <summary>The id of the field's message, for its aria-describedby.</summary>
    public string? Feedback(string field) => this.Any(e => e.Field == field) ? field + "-error" : null;

    /// <summary>The field's messages under it; nothing when it has none.</summary>
    public RenderFragment Error(string field) => builder =>
    {
        var messages = this.Where(e => e.Field == field).Select(e => e.Message).ToList();
        if (messages.Count == 0)
        {
            return;
        }

        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "invalid-feedback d-block");
        builder.AddAttribute(2, "id", field + "-error");
        builder.AddContent(3, string.Join(L.English ? " " : "", messages));
        builder.CloseElement();
    };

    /// <summary>
    /// An amount in 万元 as typed (thousands commas allowed): null with the field's error when empty
    /// (<paramref name="empty"/>), not a number, or not an amount (<see cref="ApiSupport.Amount"/>).
    /// </summary>
    public Money? Amount(string field, string? text, Text empty, string zh, string en)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(field, L.T(empty));
            return null;
        }

        if (!decimal.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var wan))
        {
            Add(field, L.T($"“{text}”不是数字：请以万元为单位填写，如 1200 或 350.5", $"\"{text}\" is not a number: give 10k yuan, e.g. 1200 or 350.5"));
            return null;
        }

        var refused = new List<DomainException>();
        var amount = ApiSupport.Amount(refused, wan, field, zh, en);
        AddRange(refused.Select(e => (field, L.T(e.Text))));
        return amount;
    }
}
