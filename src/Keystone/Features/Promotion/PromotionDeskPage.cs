using System.Globalization;
using Keystone.Components;
using Keystone.Core;
using Keystone.Core.Data;
using Keystone.Web;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Promotion;

/// <summary>
/// What the promotion desk's pages with forms share: the refusals of the form just posted, each beside its field
/// (ids "form-field"), and the typed values read from it. A refused form keeps what was typed. An edit form
/// carries its record's version (a hidden "version"); a save from an older one is refused as stale (乐观并发:
/// <see cref="Stale"/>, answered 409) and the page shows the latest with what was typed kept.
/// </summary>
public abstract class PromotionDeskPage : DeskPage
{
    protected FieldErrors Errors { get; } = new();

    /// <summary>The form that was posted and refused (its fields show what was typed), or null.</summary>
    protected string? Refused { get; private set; }

    /// <summary>What the last <see cref="CheckVersionAsync"/> checked, to say who changed it when the change lands between its read and its write.</summary>
    private (IVersioned Record, int Expected, Concurrency.Noun Noun, string Entity, string Key)? checkedRecord;

    /// <summary>
    /// A form's concurrency check, run by its write on the record as read, before anything changes: refused
    /// (<see cref="StaleException"/>, caught by <see cref="WriteAsync"/>) when the form was rendered with another
    /// version; a form without one is not checked. A record not there yet (an upsert's) is version 0.
    /// </summary>
    protected async Task CheckVersionAsync(IVersioned? record, int? formVersion, Concurrency.Noun noun, string entity, string key)
    {
        checkedRecord = record is null ? null : (record, formVersion ?? record.Version, noun, entity, key);
        if (await Concurrency.FormAsync(Db, Caller, Tree, Clock, record, formVersion, noun, entity, key, CancellationToken.None) is { } stale)
        {
            throw stale;
        }
    }

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
        catch (StaleException e)
        {
            RefuseStale(e);
        }
        catch (DbUpdateConcurrencyException e) when (checkedRecord is { } c)
        {
            // Saved by someone else between this write's read and its save: nothing of it was written.
            var current = e.Entries.Count > 0 && await e.Entries[0].GetDatabaseValuesAsync() is { } values ? values.GetValue<int>(nameof(IVersioned.Version)) : c.Record.Version;
            Db.ChangeTracker.Clear();
            RefuseStale(await Concurrency.StaleAsync(Db, Caller, Tree, Clock, current, c.Expected, c.Noun, c.Entity, c.Key, precondition: false, CancellationToken.None));
        }

        return false;
    }

    /// <summary>What the field shows: what was posted when this form was refused, else <paramref name="value"/>.</summary>
    protected string? Kept(string form, string? posted, string? value) => Refused == form ? posted : value;

    private static string FieldOf(string form, string[] fields, string? field) =>
        form + "-" + (field is not null && fields.Contains(field) ? field : fields[0]);
}
