using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keystone.Core;
using Keystone.Core.Ledger;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Web;

/// <summary>
/// The one place refusals become HTTP answers: a domain or validation error is a 400 ProblemDetails with
/// the field errors, a missing (or out-of-scope) thing a 404, a malformed request a 4xx naming the
/// parameter or JSON field and what it should be, too many imports at once a 503 with Retry-After — in
/// Chinese or English by the request's culture, never the framework's English sentence. Anything else is
/// a 500 without internals.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var culture = ApiProblems.Culture(http);
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
            ConflictException c => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = ApiProblems.TitleFor(StatusCodes.Status409Conflict).For(culture),
                Detail = c.Text.For(culture),
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = new Text("已被他人修改，未作任何更改", "Changed by someone else; nothing was changed").For(culture),
                Detail = new Text("保存时该记录恰好被他人修改，未作任何更改：请重新读取最新内容后再保存",
                    "Someone else changed the record while this was being saved; nothing was changed: read the latest and save again").For(culture),
            },
            BusyException b => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = new Text("服务器繁忙，请稍后再试", "The server is busy; please try again shortly").For(culture),
                Detail = b.Text.For(culture),
            },
            BadHttpRequestException b => ApiProblems.Malformed(culture, b.StatusCode, b.Message, b.InnerException),
            JsonException j => ApiProblems.Malformed(culture, StatusCodes.Status400BadRequest, "", j),
            AntiforgeryValidationException a => ApiProblems.Malformed(culture, StatusCodes.Status400BadRequest, "", a),
            InvalidDataException i when http.Request.HasFormContentType => ApiProblems.Malformed(culture, StatusCodes.Status400BadRequest, "", i),
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
        else if (exception is DomainException or ValidationException or NotFoundException or ConflictException or DbUpdateConcurrencyException)
        {
            // Who was refused what, where (the route, not the URL with its values); the reason in English for the operator.
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.ToString();
            var reason = exception switch
            {
                ValidationException v => string.Join("; ", v.Errors.Select(e => e.Text.En)),
                DomainException d => d.Text.En,
                NotFoundException n => n.Text.En,
                ConflictException c => c.Text.En,
                _ => "stale write",
            };
            logger.LogInformation("Refused {Method} {Route} for {User}: {Status} {Reason}",
                http.Request.Method, route, http.User.Identity?.Name ?? "anonymous", details.Status, reason);
        }

        if (exception is BusyException busy)
        {
            http.Response.Headers.RetryAfter = ((int)busy.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
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
            Title = ApiProblems.TitleFor(StatusCodes.Status400BadRequest).For(culture),
            Detail = string.Join(culture.TwoLetterISOLanguageName == "en" ? "; " : "；", list.Select(e => e.Text.For(culture))),
        };
    }
}

/// <summary>
/// Refusals the framework makes before an endpoint runs, in the caller's language: a body, query or route
/// value that cannot be read (naming the parameter or the JSON field and what it should be), a body too
/// large, a content type not accepted, an antiforgery token missing — and the bare status codes (401, 404,
/// 405, 413 …) that <c>UseStatusCodePages</c> turns into ProblemDetails.
/// </summary>
public static partial class ApiProblems
{
    public static CultureInfo Culture(HttpContext http) =>
        http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;

    public static Text TitleFor(int status) => status switch
    {
        400 => new("请求有误，未作任何更改", "The request is not valid; nothing was changed"),
        401 => new("请先登录", "Sign in first"),
        403 => new("无权进行此操作", "You may not do this"),
        404 => new("未找到", "Not found"),
        405 => new("不支持此请求方法", "This method is not allowed here"),
        406 => new("无法以所要求的格式回答", "Cannot answer in the format asked for"),
        408 => new("请求超时", "The request timed out"),
        409 => new("与现有数据冲突，未作任何更改", "The request conflicts with the data; nothing was changed"),
        412 => new("已被他人修改，未作任何更改", "Changed by someone else; nothing was changed"),
        413 => new("请求过大，未作任何更改", "The request is too large; nothing was changed"),
        415 => new("不支持的内容类型，未作任何更改", "The content type is not supported; nothing was changed"),
        422 => new("无法处理，未作任何更改", "The request cannot be processed; nothing was changed"),
        429 => new("请求过于频繁，请稍后再试", "Too many requests; please try again shortly"),
        503 => new("服务器繁忙，请稍后再试", "The server is busy; please try again shortly"),
        >= 500 => new("服务器内部错误，请稍后重试", "Something went wrong on the server; please try again"),
        _ => new("请求有误，未作任何更改", "The request is not valid; nothing was changed"),
    };

    /// <summary>
    /// For <c>ProblemDetailsOptions.CustomizeProblemDetails</c>: a ProblemDetails still carrying the framework's
    /// English title (a bare status code, a framework result) gets the title and a sentence in the caller's language.
    /// </summary>
    public static void Localize(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        var status = details.Status ?? context.HttpContext.Response.StatusCode;
        if (details.Title is { } title && title != ReasonPhrases.GetReasonPhrase(status) && !FrameworkTitles.Contains(title))
        {
            return;
        }

        var culture = Culture(context.HttpContext);
        if (status == StatusCodes.Status400BadRequest && details.Detail is null && Unparsable(context.HttpContext) is { } unparsable)
        {
            var malformed = Malformed(culture, status, unparsable, null);
            details.Title = malformed.Title;
            details.Detail = malformed.Detail;
            if (malformed is ValidationProblemDetails validation)
            {
                details.Extensions["errors"] = validation.Errors;
            }

            return;
        }

        details.Title = TitleFor(status).For(culture);
        var request = context.HttpContext.Request;
        var path = request.Path.Value ?? "/";
        Text? detail = status switch
        {
            401 => new("请登录后再试；接口调用请在 Authorization 头中带上令牌（Bearer …）", "Sign in first; API calls carry a token in the Authorization header (Bearer …)"),
            403 => new("您的角色或单位无权进行此操作", "Your role or unit may not do this"),
            404 => new($"地址“{path}”不存在或无权访问", $"Nothing at \"{path}\", or it is outside what you may see"),
            405 => new($"地址“{path}”不接受 {request.Method} 请求", $"\"{path}\" does not accept {request.Method}"),
            413 => new("请求体超过上限", "The request body is over the limit"),
            415 => new($"不支持内容类型“{request.ContentType}”：JSON 请以 application/json 发送，文件请以 multipart/form-data 发送",
                $"The content type \"{request.ContentType}\" is not supported: send JSON as application/json, files as multipart/form-data"),
            _ => null,
        };
        if (detail is { } d && (details.Detail is null || status is 401 or 403 or 404 or 405))
        {
            details.Detail = d.For(culture);
        }
    }

    /// <summary>
    /// The request delegates generated at build time answer a query or route value that does not parse into a
    /// nullable parameter (<c>int? page</c> given "first") with a bare 400 and no exception. The endpoint's binding
    /// metadata names its parameters: the first whose value does not parse is described as the framework's own
    /// exception would have ("Failed to bind parameter …"), for <see cref="Malformed"/> to say again. Null when
    /// every value parses (the 400 was for something else).
    /// </summary>
    private static string? Unparsable(HttpContext http)
    {
        if (http.GetEndpoint() is not { } endpoint)
        {
            return null;
        }

        foreach (var parameter in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
        {
            if (!parameter.HasTryParse)
            {
                continue;
            }

            var raw = http.Request.RouteValues.TryGetValue(parameter.Name, out var route) && route is string r ? r : http.Request.Query[parameter.Name].ToString();
            var declared = parameter.ParameterInfo.ParameterType;
            var type = Nullable.GetUnderlyingType(declared) ?? declared;
            if (raw.Length > 0 && !Parses(type, raw))
            {
                var name = type.Name + (type != declared ? "?" : "");
                return $"Failed to bind parameter \"{name} {parameter.Name}\" from \"{raw}\".";
            }
        }

        return null;
    }

    private static bool Parses(Type type, string raw)
    {
        if (type.IsEnum)
        {
            return Enum.TryParse(type, raw, ignoreCase: false, out _);
        }

        var withCulture = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withCulture is not null)
        {
            return (bool)withCulture.Invoke(null, [raw, CultureInfo.InvariantCulture, null])!;
        }

        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        return plain is null || (bool)plain.Invoke(null, [raw, null])!;
    }

    /// <summary>Titles ASP.NET Core writes itself, besides the reason phrases.</summary>
    private static readonly HashSet<string> FrameworkTitles =
    [
        "An error occurred while processing your request.",
        "One or more validation errors occurred.",
        "Payload Too Large",
        "Request Entity Too Large",
        "Content Too Large",
    ];

    /// <summary>
    /// A request the framework could not read. Its exception's message is English and fixed in form
    /// ("Required parameter \"int year\" was not provided from query string."); what it names — the
    /// parameter, the value, the JSON path, the limit — is taken from it and said again in the caller's language.
    /// </summary>
    public static ProblemDetails Malformed(CultureInfo culture, int status, string message, Exception? inner)
    {
        var (field, text) = Explain(status, message, inner);
        var title = (status == StatusCodes.Status400BadRequest ? new Text("请求格式有误", "The request is malformed") : TitleFor(status)).For(culture);
        if (status is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType || field is null)
        {
            return new ProblemDetails { Status = status, Title = title, Detail = text.For(culture) };
        }

        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [text.For(culture)] })
        {
            Status = status,
            Title = title,
            Detail = text.For(culture),
        };
    }

    private static (string? Field, Text Text) Explain(int status, string message, Exception? inner)
    {
        var parameter = Parameter().Match(message) is { Success: true } p ? (Type: p.Groups["type"].Value, Name: p.Groups["name"].Value) : default;
        if (inner is SaneDateJsonConverter.OutOfRangeException range)
        {
            var field = JsonField(range.Path) ?? parameter.Name;
            return (field, field is null ? range.Text : SaneDate.OutOfRange(range.Date, field));
        }

        if (inner is SaneDateJsonConverter.NotADateException notADate)
        {
            var (zh, en) = Kind("DateOnly");
            var field = JsonField(notADate.Path) ?? parameter.Name ?? "";
            return (field, new($"字段“{field}”的值无效：应为{zh}", $"The field \"{field}\" has a value of the wrong kind: it must be {en}"));
        }

        if (inner is JsonException json)
        {
            return ExplainJson(json, parameter.Name);
        }

        if (inner is AntiforgeryValidationException || message.StartsWith("Invalid anti-forgery token", StringComparison.Ordinal))
        {
            return ("__RequestVerificationToken", new("防伪令牌无效或缺失：请刷新页面后重新提交（接口调用请使用令牌而非登录 Cookie）",
                "The antiforgery token is missing or invalid: reload the page and submit again (API calls use a token, not the sign-in cookie)"));
        }

        if (status == StatusCodes.Status413PayloadTooLarge || (inner is InvalidDataException d && d.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)))
        {
            var limit = Bytes().Match(message + " " + inner?.Message) is { Success: true } m && long.TryParse(m.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) ? n : (long?)null;
            return (null, limit is { } l
                ? new($"请求体超过{Megabytes(l)}的上限，未作任何更改", $"The request body is over the {Megabytes(l)} limit; nothing was changed")
                : new("请求体超过上限，未作任何更改", "The request body is over the limit; nothing was changed"));
        }

        if (status == StatusCodes.Status415UnsupportedMediaType)
        {
            var got = Quoted().Match(message) is { Success: true } q ? q.Groups["v"].Value : "";
            return message.Contains("form media type", StringComparison.Ordinal)
                ? (null, new($"内容类型“{got}”不受支持：请以 multipart/form-data 发送表单", $"The content type \"{got}\" is not supported: send a form as multipart/form-data"))
                : (null, new($"内容类型“{got}”不受支持：请以 application/json 发送 JSON", $"The content type \"{got}\" is not supported: send JSON as application/json"));
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || message.Contains("was not provided from body", StringComparison.Ordinal))
        {
            return (parameter.Name, new("缺少请求体：请以 application/json 发送 JSON", "The request has no body: send JSON as application/json"));
        }

        if (message.StartsWith("Required parameter", StringComparison.Ordinal))
        {
            var where = Source().Match(message) is { Success: true } s ? s.Groups["source"].Value : "";
            var (zh, en) = where switch
            {
                // A route value that is missing does not match the route at all: what is missing is in the query.
                "query string" or "route or query string" => ("查询参数", "query parameter"),
                "route" => ("路径参数", "route value"),
                "header" => ("请求头", "header"),
                "form" => ("表单字段", "form field"),
                _ => ("参数", "parameter"),
            };
            return (parameter.Name, new($"缺少必填{zh}“{parameter.Name}”", $"The {en} \"{parameter.Name}\" is required"));
        }

        if (message.StartsWith("Failed to bind parameter", StringComparison.Ordinal))
        {
            var value = Value().Match(message) is { Success: true } v ? v.Groups["v"].Value : "";
            var (zh, en) = Kind(parameter.Type);
            return (parameter.Name, new($"参数“{parameter.Name}”的值“{value}”无效：应为{zh}", $"The value \"{value}\" of \"{parameter.Name}\" is not valid: it must be {en}"));
        }

        if (message.Contains("as form", StringComparison.Ordinal))
        {
            return (parameter.Name, new("表单无法读取：请以 multipart/form-data 发送", "The form cannot be read: send it as multipart/form-data"));
        }

        return (parameter.Name is { Length: > 0 } name ? name : null, status == StatusCodes.Status408RequestTimeout
            ? new("请求发送超时，未作任何更改", "The request took too long to arrive; nothing was changed")
            : new("请求格式有误，无法读取，未作任何更改", "The request is malformed and cannot be read; nothing was changed"));
    }

    private static (string? Field, Text Text) ExplainJson(JsonException json, string? parameter)
    {
        var field = JsonField(json.Path);
        var message = json.Message;
        if (Missing().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups["names"].Value.Trim().TrimEnd('.');
            return (names.Split(',')[0].Trim(), new($"缺少必填字段“{names}”", $"The field \"{names}\" is required"));
        }

        if (Converted().Match(message) is { Success: true } converted)
        {
            var (zh, en) = Kind(converted.Groups["type"].Value);
            var name = field ?? parameter ?? "";
            return (name, name.Length == 0
                ? new($"请求体应为{zh}", $"The request body must be {en}")
                : new($"字段“{name}”的值无效：应为{zh}", $"The field \"{name}\" has a value of the wrong kind: it must be {en}"));
        }

        var line = (json.LineNumber ?? 0) + 1;
        var position = (json.BytePositionInLine ?? 0) + 1;
        return message.Contains("does not contain any JSON tokens", StringComparison.Ordinal)
            ? (parameter, new("请求体为空：请发送 JSON", "The request body is empty: send JSON"))
            : (field ?? parameter, new($"请求体不是有效的 JSON：第{line}行第{position}个字节附近有错", $"The request body is not valid JSON: error near line {line}, byte {position}"));
    }

    /// <summary>"$.source.visitedOn" → "source.visitedOn"; the root is no field.</summary>
    private static string? JsonField(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>What a value of a .NET type looks like ("int?", "Nullable<int>", "System.DateOnly" …), for the sentence that asks for it.</summary>
    private static (string Zh, string En) Kind(string type)
    {
        var t = type.Replace("System.", "", StringComparison.Ordinal).Replace("Nullable<", "", StringComparison.Ordinal).Replace("Nullable`1[", "", StringComparison.Ordinal).TrimEnd('?', '>', ']');
        return t.ToLowerInvariant() switch
        {
            "dateonly" or "datetime" or "datetimeoffset" => ("日期（yyyy-MM-dd，如 2024-04-10）", "a date (yyyy-MM-dd, e.g. 2024-04-10)"),
            "guid" => ("编号（GUID）", "an id (a GUID)"),
            "bool" or "boolean" => ("true 或 false", "true or false"),
            "int" or "int32" or "long" or "int64" or "short" or "int16" or "byte" => ("整数", "a whole number"),
            "decimal" or "double" or "float" or "single" => ("数字", "a number"),
            "string" => ("文本", "text"),
            _ when t.EndsWith("[]", StringComparison.Ordinal) || t.Contains("List", StringComparison.Ordinal) => ("数组", "an array"),
            _ => ("正确格式的值", "a value of the right kind"),
        };
    }

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");

    [GeneratedRegex("""parameter "(?<type>[^"]+?) (?<name>[^" ]+)"[ .]""")]
    private static partial Regex Parameter();

    [GeneratedRegex("""was not provided from (?<source>[a-z ]+)\.""")]
    private static partial Regex Source();

    [GeneratedRegex("""from "(?<v>[^"]*)"\.$""")]
    private static partial Regex Value();

    [GeneratedRegex("got \"(?<v>[^\"]*)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex("""(?<n>\d{3,}) bytes|limit (?<n>\d{3,})""")]
    private static partial Regex Bytes();

    [GeneratedRegex("""could not be converted to (?<type>\S+?)\.?(?: Path|$)""")]
    private static partial Regex Converted();

    [GeneratedRegex("""missing required properties,? including the following: (?<names>.+)$""")]
    private static partial Regex Missing();
}
