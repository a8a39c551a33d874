using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Keystone.Web;

/// <summary>
/// What the OpenAPI document tells a client writer beyond the happy path: how to sign in (a bearer token from
/// POST /api/auth/token, or the browser's cookie) and, for every operation, the refusals it can answer with —
/// all ProblemDetails (<see cref="ApiExceptionHandler"/>): 400 bad input (any operation taking input), 401 not
/// signed in and 403 not allowed (any guarded operation), 404 not found or outside the caller's scope (an
/// operation naming a thing or a scope), 409 a conflicting write (also a stale body version), 412 a stale If-Match, 422 a file refused row by row (imports).
/// </summary>
public static class OpenApiErrors
{
    public const string Bearer = "Bearer";
    public const string Cookie = "Cookie";
    private const string Problem = "ProblemDetails";
    private const string Validation = "HttpValidationProblemDetails";

    public static OpenApiOptions AddErrorResponses(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "POST /api/auth/token 换取的令牌 / a token from POST /api/auth/token, sent as Authorization: Bearer …",
            };
            document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "keystone",
                Description = "浏览器登录（/login）的 Cookie；写操作另需 RequestVerificationToken 头 / the browser's sign-in cookie (/login); writes also need the RequestVerificationToken header",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas.TryAdd(Problem, ProblemSchema(withErrors: false));
            document.Components.Schemas.TryAdd(Validation, ProblemSchema(withErrors: true));
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            var guards = metadata.OfType<IAuthorizeData>().ToList();
            var route = context.Description.RelativePath ?? "";
            var method = context.Description.HttpMethod ?? "GET";
            var takesInput = context.Description.ParameterDescriptions.Count > 0;
            operation.Responses ??= new OpenApiResponses();
            if (takesInput)
            {
                Add(operation, context.Document, "400", Validation, "请求有误（逐字段说明），未作任何更改 / bad input, each field's error; nothing changed");
            }

            if (!anonymous && guards.Count > 0)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] });
                Add(operation, context.Document, "401", Problem, "未登录或令牌无效 / not signed in, or the token is unknown, revoked or expired");
                Add(operation, context.Document, "403", Problem, "角色无权进行此操作（或 Cookie 写操作缺少防伪令牌）/ the caller's role may not do this (or a cookie-signed write lacks its antiforgery token)");
            }

            if (route.Contains('{', StringComparison.Ordinal) || context.Description.ParameterDescriptions.Any(p => p.Name is "scope" or "unit"))
            {
                Add(operation, context.Document, "404", Problem, "不存在或无权访问 / does not exist or is outside the caller's scope");
            }

            if (method is "POST" or "PUT" or "DELETE" && !anonymous)
            {
                Add(operation, context.Document, "409", Problem, "与现有数据冲突，未作任何更改 / conflicts with the data as it now stands; nothing changed");
            }

            if (metadata.OfType<IfMatchMetadata>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "读取时得到的 ETag（如 \"3\"）；记录已被他人修改则 412 / the ETag read (e.g. \"3\"); 412 when the record has changed since",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                Add(operation, context.Document, "412", Problem, "已被他人修改（If-Match 与当前 ETag 不符），未作任何更改；currentVersion 与 changes 说明现状 / changed by someone else (If-Match is not the current ETag); nothing changed; currentVersion and changes say what it is now");
            }

            if (route.EndsWith("/import", StringComparison.Ordinal))
            {
                Add(operation, context.Document, "422", Problem, "文件有问题行，未导入任何数据（report 列出每个问题）/ the file has bad rows; nothing imported (report lists every problem)");
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument? document, string status, string schema, string description) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(schema, document) },
            },
        });

    private static OpenApiSchema ProblemSchema(bool withErrors)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            },
        };
        if (withErrors)
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        return schema;
    }
}
