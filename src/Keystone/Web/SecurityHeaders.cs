namespace Keystone.Web;

/// <summary>
/// Headers every answer carries: a Content-Security-Policy allowing only the app's own origin (no inline
/// script; inline style attributes only), no MIME sniffing, no framing, no referrer across sites.
/// The Scalar API browser is the one page allowed inline script, which it needs.
/// </summary>
public static class SecurityHeaders
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private const string ScalarPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar") ? ScalarPolicy : Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        return next(http);
    });
}
