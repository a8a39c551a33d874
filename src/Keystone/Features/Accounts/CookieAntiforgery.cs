using System.Globalization;
using Keystone.Core;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Keystone.Features.Accounts;

/// <summary>
/// The API's one antiforgery rule: a request under /api that would change something (any method but GET,
/// HEAD, OPTIONS and TRACE) and is signed in by the browser's cookie must carry the antiforgery token — in
/// the RequestVerificationToken header or the __RequestVerificationToken form field — or it is refused
/// before its endpoint runs, so nothing changes. A browser sends the cookie to this site whoever's page
/// made the request; only this site's own pages hold the token. Requests with a bearer token need none:
/// no other site can make a browser send one. The pages' own forms are checked by ASP.NET Core's
/// antiforgery middleware as they always were.
/// </summary>
public static class CookieAntiforgery
{
    /// <summary>Runs after authentication (it needs to know how the request signed in) and before any endpoint.</summary>
    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (NeedsToken(http) && !await IsValidAsync(http))
        {
            await Refusal(http).ExecuteAsync(http);
            return;
        }

        await next(http);
    });

    /// <summary>Whether the rule applies: an unsafe request under /api, signed in by the cookie.</summary>
    public static bool NeedsToken(HttpContext http)
    {
        var method = http.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        return !safe
            && http.Request.Path.StartsWithSegments("/api")
            && http.User.Identity is { IsAuthenticated: true } identity
            && identity.AuthenticationType != AuthSetup.BearerScheme;
    }

    private static async Task<bool> IsValidAsync(HttpContext http)
    {
        try
        {
            // The header is read first; only without it is the form (an upload's fields) read for the token.
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        }
        catch (InvalidDataException e)
        {
            // The form is larger than any upload is allowed to be: the same answer the endpoint would give.
            throw new BadHttpRequestException("The request body is too large", StatusCodes.Status413PayloadTooLarge, e);
        }
    }

    /// <summary>The 400 a request without a valid token gets, in the caller's language.</summary>
    public static IResult Refusal(HttpContext http)
    {
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        var why = new Text(
            "缺少或无效的防伪令牌：用登录 Cookie 发出的修改请求须带页面给出的 RequestVerificationToken 请求头（或表单字段 __RequestVerificationToken）；脚本请用 Bearer 令牌",
            "The antiforgery token is missing or not valid: a change sent with the sign-in cookie must carry the page's RequestVerificationToken header (or the __RequestVerificationToken form field); scripts use a bearer token");
        return TypedResults.Problem(new ValidationProblemDetails(new Dictionary<string, string[]> { ["RequestVerificationToken"] = [why.For(culture)] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = new Text("请求被拒绝，未作任何更改", "The request was refused; nothing was changed").For(culture),
            Detail = why.For(culture),
        });
    }
}
