using Microsoft.AspNetCore.Localization;

namespace Keystone.Web;

/// <summary>
/// The language switch: a plain link (works without JavaScript) that remembers the choice in the culture
/// cookie for a year and goes back to the page it came from.
/// </summary>
public static class CultureSwitch
{
    public static readonly string[] Cultures = ["zh-CN", "en-US"];

    public static RouteHandlerBuilder MapCultureSwitch(this WebApplication app) =>
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http) =>
        {
            var culture = Cultures.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            // Only back into this site: an open redirect would let a link here send people anywhere.
            return TypedResults.Redirect(LocalUrl.OrRoot(returnUrl));
        }).ExcludeFromDescription();

    /// <summary>The link that switches to the other language and comes back to <paramref name="here"/>.</summary>
    public static string Link(string here) =>
        $"/culture/{(L.English ? "zh-CN" : "en-US")}?returnUrl={Uri.EscapeDataString(here)}";
}
