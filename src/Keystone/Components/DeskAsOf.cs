using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Keystone.Components;

/// <summary>
/// The 截至 date a user chose (<c>asOf</c> in the URL) and the links that carry it from page to page: once a
/// date is chosen, every desk link keeps it, so the whole desk reads as of that one day until the user clears it
/// (the header's ×). Without a choice each page opens at its scope's data date (<see cref="DeskScope.ResolveAsync"/>).
/// </summary>
public static class DeskAsOf
{
    public const string Key = "asOf";

    /// <summary>The date in the request's URL, as written there, when it is one (nonsense is the page's to refuse).</summary>
    public static string? Chosen(HttpContext? http)
    {
        var text = http?.Request.Query[Key].ToString();
        return !string.IsNullOrWhiteSpace(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? text
            : null;
    }

    /// <summary>
    /// <paramref name="href"/> with <c>asOf</c> added when a date is chosen and the link is a page of this site
    /// that does not name a date itself (a link that does is a deliberate other day).
    /// </summary>
    public static string Carry(string href, string? asOf)
    {
        if (asOf is null || !href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
        {
            return href;
        }

        var hash = href.IndexOf('#', StringComparison.Ordinal);
        var (path, fragment) = hash < 0 ? (href, "") : (href[..hash], href[hash..]);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0 && path[(query + 1)..].Split('&').Any(p => p.StartsWith(Key + "=", StringComparison.Ordinal)))
        {
            return href;
        }

        return Links.To(path, (Key, asOf)) + fragment;
    }

    /// <summary>The page's own path and query without the chosen date: the way back to the data date.</summary>
    public static string Without(HttpContext http)
    {
        var rest = http.Request.Query
            .Where(q => q.Key != Key)
            .SelectMany(q => q.Value.Select(v => (q.Key, (object?)v)))
            .ToArray();
        return Links.To(http.Request.Path.Value ?? "/", rest);
    }
}

/// <summary>
/// The 截至 date the page being rendered is judged as of, for the header to show: a page sets it once it has
/// resolved its scope (<see cref="DeskPage"/> does so for its pages), and the header's badge redraws.
/// </summary>
public sealed class ShownAsOf
{
    public DateOnly? Date { get; private set; }

    public event Action? Changed;

    public void Show(DateOnly date)
    {
        Date = date;
        Changed?.Invoke();
    }
}
