using System.Globalization;
using Keystone.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Keystone.Web;

/// <summary>
/// The one place refusals become HTTP answers: a domain or validation error is a 400 ProblemDetails with
/// the field errors, a missing (or out-of-scope) thing a 404, a malformed request a 400 — in Chinese or
/// English by Accept-Language. Anything else is a 500 without internals.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // The culture Accept-Language chose; the handler may run outside the localization middleware's scope.
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        ProblemDetails details = exception switch
        {
            ValidationException v => Invalid(culture, v.Errors),
            DomainException d => Invalid(culture, [d]),
            NotFoundException n => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = new Text("未找到", "Not found").For(culture),
                Detail = n.Text.For(culture),
            },
            BadHttpRequestException b => new ProblemDetails
            {
                Status = b.StatusCode,
                Title = new Text("请求格式有误", "The request is malformed").For(culture),
                Detail = b.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? new Text("请求过大", "The request is too large").For(culture)
                    : Plain(b),
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = new Text("服务器内部错误，请稍后重试", "Something went wrong on the server; please try again").For(culture),
            },
        };
        if (details.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception on {Path}", http.Request.Path);
        }

        http.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    private static ValidationProblemDetails Invalid(CultureInfo culture, IEnumerable<DomainException> errors)
    {
        var list = errors.ToList();
        var byField = list
            .GroupBy(e => e.Field ?? "")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Text.For(culture)).ToArray());
        return new ValidationProblemDetails(byField)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = new Text("请求有误，未作任何更改", "The request is not valid; nothing was changed").For(culture),
            Detail = string.Join(culture.TwoLetterISOLanguageName == "en" ? "; " : "；", list.Select(e => e.Text.For(culture))),
        };
    }

    /// <summary>The framework's message names the parameter or the JSON path; the inner exception says what was wrong with it.</summary>
    private static string Plain(BadHttpRequestException e) =>
        e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
}
