using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Keystone.Tests.Features.Accounts;

public enum CallerKind
{
    Anonymous,

    /// <summary>A user whose scope includes the home zone (its own officers, the city's, the province's).</summary>
    Home,

    /// <summary>A user of a sibling zone or another city: the home zone's data is not theirs to read or change.</summary>
    Outside,
}

/// <summary>A caller of the matrix: who it is, and what is its own (for the attacks that start from its own data).</summary>
public sealed record MatrixCaller(
    string Name, CallerKind Kind, Role? Role, string? OwnUnit = null, string? OwnCity = null, string? OwnProject = null, string? OwnUscc = null, string? Department = null)
{
    /// <summary>Where the user sits when that is not <see cref="OwnUnit"/> (a city officer sits at its city).</summary>
    public string? Placed { get; init; }

    public string? OwnEnterprise { get; init; }

    public bool SignedIn => Kind != CallerKind.Anonymous;
}

/// <summary>Where a route comes from: the OpenAPI document, the app's other endpoints (pages, page posts), or a page's own form.</summary>
public enum RouteSource
{
    OpenApi,
    Endpoint,
    PageForm,
}

/// <summary>One route of the app: a method and a route template, and for a page's own form (a Razor @formname) its name.</summary>
public sealed partial record MatrixRoute(string Method, string Template, RouteSource Source, string? Form = null)
{
    public string Key => $"{Method} {Template}" + (Form is null ? "" : $" [{Form}]");

    public bool IsApi => Template.StartsWith("/api/", StringComparison.Ordinal);

    public bool IsWrite => Method != "GET";

    /// <summary>The route's parameter names, in order, without constraints.</summary>
    public IReadOnlyList<string> Parameters => ParameterPattern().Matches(Template).Select(m => m.Groups["name"].Value).ToList();

    /// <summary>The last literal segment (the action: assign, approve, reply …), or "" when the route ends in a parameter.</summary>
    public string Action => Template.Split('/').LastOrDefault(s => s.Length > 0 && !s.StartsWith('{')) is { } last && !Template.EndsWith('}') ? last : "";

    public string Fill(Func<string, string?> value) => ParameterPattern().Replace(Template, m => value(m.Groups["name"].Value) is { } v ? Uri.EscapeDataString(v) : m.Value);

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z]+)(:[^}]*)?\??\}")]
    private static partial Regex ParameterPattern();
}

/// <summary>One request the matrix sends: its content is made at send time (with the caller's antiforgery token where a form needs one).</summary>
public sealed record MatrixRequest(string Variant, HttpMethod Method, string Url, Func<string?, HttpContent?> Content, string Echo);

/// <summary>
/// The authorization matrix: every route of the app (the OpenAPI document's operations, the pages and their
/// form posts) × every caller (anonymous, each role of the home zone, officers, reporters and departments of a
/// sibling zone and of another city), pointed at the home zone's data. It collects every failure rather than
/// stopping at the first: a 5xx; anonymous not sent to sign in; a caller outside the home zone answered with
/// any of its facts, or changing any of its rows (a fingerprint of them, read straight from the database
/// before and after each write); a form post riding a sign-in cookie without an antiforgery token; and, so
/// that a refusal proves something, the home zone's own officer refused the very request that outsiders sent.
/// </summary>
public sealed partial class ScopeMatrix : IAsyncDisposable
{
    /// <summary>What may be reached without signing in (as AuthorizationTests lists it).</summary>
    private static readonly string[] Anonymous = ["/health", "/health/live", "/health/ready", "/openapi/{documentName}.json", "/scalar/{documentName?}", "/login", "/api/auth/token", "/culture/{name}"];

    private readonly List<string> failures = [];
    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly Dictionary<string, string?> tokens = [];
    private List<MatrixCaller> callers = [];
    private List<Marker> markers = [];
    private Snapshot? snapshot;
    private string? baseline;
    private JsonObject openApi = [];

    private ScopeMatrix(KeystoneApp app) => App = app;

    public KeystoneApp App { get; }

    public int RequestCount { get; private set; }

    public int Restores { get; private set; }

    public int RouteCount { get; private set; }

    public int CallerCount => callers.Count;

    public static async Task<ScopeMatrix> StartAsync(DbProvider provider)
    {
        // Sign-ins are rate limited per address: the matrix signs in a dozen users at once.
        var app = await KeystoneApp.StartAsync(provider, new Dictionary<string, string> { ["Keystone:SignIn:PerMinute"] = "1000" });
        var matrix = new ScopeMatrix(app);
        await matrix.BuildWorldAsync();
        matrix.markers = await matrix.MarkersAsync();
        matrix.baseline = await matrix.FingerprintAsync();
        matrix.snapshot = await Snapshot.TakeAsync(app.Database);
        return matrix;
    }

    /// <summary>Runs the whole matrix; answers every failure found, one line each.</summary>
    public async Task<IReadOnlyList<string>> RunAsync()
    {
        using (var anonymous = App.AnonymousClient())
        {
            openApi = (JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json")) as JsonObject)!;
        }

        var routes = Routes();
        RouteCount = routes.Count;
        foreach (var caller in callers)
        {
            clients[caller.Name] = caller.SignedIn ? App.Client(user: caller.Name) : App.AnonymousClient();
            tokens[caller.Name] = caller.SignedIn ? await AntiforgeryAsync(clients[caller.Name]) : null;
        }

        // 1. Anonymous: sent to sign in everywhere but the few public routes.
        var anonymousCaller = callers.Single(c => c.Kind == CallerKind.Anonymous);
        foreach (var route in routes.Where(r => !Anonymous.Contains(r.Template)))
        {
            foreach (var request in Requests(route, anonymousCaller))
            {
                var (status, response, _) = await SendAsync(anonymousCaller, request);
                var signIn = route.IsApi
                    ? status == HttpStatusCode.Unauthorized
                    : status is HttpStatusCode.Redirect or HttpStatusCode.Found && (response.Headers.Location?.OriginalString ?? "").Contains("/login", StringComparison.Ordinal);
                if (!signIn)
                {
                    Fail(route, anonymousCaller, request, status, route.IsApi ? "anonymous was not answered 401" : "anonymous was not sent to /login");
                }
            }
        }

        // 2. Outside the home zone: no fact of it in any answer, no row of it changed.
        var signedInRoutes = routes.Where(r => !Anonymous.Contains(r.Template) && r.Template != "/logout").ToList();
        var current = baseline!;
        foreach (var caller in callers.Where(c => c.Kind == CallerKind.Outside))
        {
            foreach (var route in signedInRoutes)
            {
                foreach (var request in Requests(route, caller))
                {
                    var (status, _, body) = await SendAsync(caller, request);
                    CheckServerError(route, caller, request, status, body);
                    if (Leaked(request, body) is { Count: > 0 } leaked)
                    {
                        Fail(route, caller, request, status, "answered with the home zone's " + string.Join(", ", leaked));
                    }

                    if (OwnedTarget(route, request) && (int)status is >= 200 and < 300 && !route.IsWrite)
                    {
                        Fail(route, caller, request, status, "answered 2xx for a home-zone resource");
                    }

                    if (route.IsWrite)
                    {
                        var after = await FingerprintAsync();
                        if (after != current)
                        {
                            Fail(route, caller, request, status, "changed the home zone's " + Difference(current, after));
                            await RestoreAsync();
                            current = baseline!;
                        }
                    }
                }
            }
        }

        // 3. The home zone's own officer: every read answers and every write is accepted, so the refusals above prove scope.
        var owner = callers.Single(c => c.Name == "demo-zone");
        foreach (var route in signedInRoutes.OrderBy(r => r.IsWrite))
        {
            var request = Requests(route, owner).First();
            var (status, response, body) = await SendAsync(owner, request);
            CheckServerError(route, owner, request, status, body);
            var accepted = route.Source == RouteSource.OpenApi || route.IsApi
                ? (int)status is >= 200 and < 300
                : route.IsWrite
                    ? (int)status is >= 300 and < 400 && !(response.Headers.Location?.OriginalString ?? "").Contains("rror", StringComparison.Ordinal)
                    : status == HttpStatusCode.OK;
            if (!accepted && !OwnerMayBeRefused(route))
            {
                Fail(route, owner, request, status, $"the home zone's own officer was refused (the matrix's request is wrong, so outsiders' refusals prove nothing): {Excerpt(body)}");
            }
        }

        // 4. A sign-in cookie without an antiforgery token: every form-accepting write refuses it.
        await CheckCookieFormsAsync(signedInRoutes);

        // 5. The home zone's other roles: nothing answers 5xx.
        foreach (var caller in callers.Where(c => c.Kind == CallerKind.Home && c.Name != owner.Name))
        {
            foreach (var route in signedInRoutes)
            {
                foreach (var request in Requests(route, caller))
                {
                    var (status, _, body) = await SendAsync(caller, request);
                    CheckServerError(route, caller, request, status, body);
                }
            }
        }

        return failures;
    }

    /// <summary>Every route: the OpenAPI document's operations, the app's other endpoints (pages, page posts), and the pages' own forms.</summary>
    private List<MatrixRoute> Routes()
    {
        var routes = new List<MatrixRoute>();
        foreach (var (path, operations) in openApi["paths"]!.AsObject())
        {
            foreach (var (method, _) in operations!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch"))
            {
                routes.Add(new MatrixRoute(method.ToUpperInvariant(), path, RouteSource.OpenApi));
            }
        }

        var documented = routes.Select(r => Normalize(r.Template) + " " + r.Method).ToHashSet();
        foreach (var endpoint in App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (IsStaticFile(template) || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && Anonymous.Contains(template) && template != "/login")
            {
                continue;
            }

            var component = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in component ? ["GET"] : methods.Where(m => m is not "HEAD" and not "OPTIONS"))
            {
                if (!documented.Contains(Normalize(template) + " " + method) && template != "/login")
                {
                    routes.Add(new MatrixRoute(method, template, RouteSource.Endpoint));
                }
            }
        }

        routes.AddRange(PageForms.Select(f => new MatrixRoute("POST", f.Page, RouteSource.PageForm, f.Form)));
        return routes.DistinctBy(r => r.Key).ToList();
    }

    /// <summary>A route template without parameter constraints, to match the document's paths to the endpoints'.</summary>
    private static string Normalize(string template) => Regex.Replace(template.Length > 1 ? template.TrimEnd('/') : template, @"\{(\*{0,2})([A-Za-z]+)(:[^}]*)?\??\}", m => "{" + m.Groups[2].Value.ToLowerInvariant() + "}");

    private static bool IsStaticFile(string route) =>
        route == "/{**path:file}"
        || (!route.Contains('{') && (route.StartsWith("/lib/", StringComparison.Ordinal) || route.StartsWith("/css/", StringComparison.Ordinal)
            || route.StartsWith("/js/", StringComparison.Ordinal) || route.StartsWith("/_", StringComparison.Ordinal) || route.StartsWith("/scalar/", StringComparison.Ordinal)))
        || route.Contains("{**", StringComparison.Ordinal) && route.Contains(":file", StringComparison.Ordinal);

    private async Task<(HttpStatusCode Status, HttpResponseMessage Response, string Body)> SendAsync(MatrixCaller caller, MatrixRequest request, HttpClient? client = null, bool withToken = true)
    {
        RequestCount++;
        using var message = new HttpRequestMessage(request.Method, request.Url) { Content = request.Content(withToken ? tokens.GetValueOrDefault(caller.Name) : null) };
        var response = await (client ?? clients[caller.Name]).SendAsync(message);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, response, Text(bytes, response.Content.Headers.ContentType?.MediaType));
    }

    /// <summary>An answer as text to look for facts in: zipped documents (.xlsx, .docx) unpacked, HTML and JSON escapes undone.</summary>
    private static string Text(byte[] bytes, string? mediaType)
    {
        string text;
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var parts = new StringBuilder();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                parts.Append(reader.ReadToEnd()).Append('\n');
            }

            text = parts.ToString();
        }
        else
        {
            text = Encoding.UTF8.GetString(bytes);
        }

        var decoded = WebUtility.HtmlDecode(text);
        if (mediaType is { } m && m.Contains("json", StringComparison.Ordinal))
        {
            try
            {
                var strings = new StringBuilder();
                Collect(JsonNode.Parse(text), strings);
                decoded += "\n" + strings;
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON after all: the raw text is what there is.
            }
        }

        return text + "\n" + decoded;
    }

    private static void Collect(JsonNode? node, StringBuilder into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    Collect(value, into);
                }

                break;
            case JsonArray a:
                foreach (var value in a)
                {
                    Collect(value, into);
                }

                break;
            case JsonValue v:
                into.Append(v.ToString()).Append('\n');
                break;
        }
    }

    /// <summary>The home zone's facts in an answer, leaving out those the request itself named (an echo is no leak).</summary>
    private List<string> Leaked(MatrixRequest request, string body)
    {
        var echo = Uri.UnescapeDataString(request.Url) + "\n" + request.Echo;
        return markers.Where(m => !echo.Contains(m.Value, StringComparison.Ordinal) && body.Contains(m.Value, StringComparison.Ordinal))
            .Select(m => $"{m.Kind} “{m.Value}”").Take(3).ToList();
    }

    private void CheckServerError(MatrixRoute route, MatrixCaller caller, MatrixRequest request, HttpStatusCode status, string body)
    {
        if ((int)status >= 500)
        {
            Fail(route, caller, request, status, "server error: " + Excerpt(body));
        }
    }

    private void Fail(MatrixRoute route, MatrixCaller caller, MatrixRequest request, HttpStatusCode status, string why) =>
        failures.Add($"{route.Key} as {caller.Name}{(request.Variant.Length > 0 ? $" ({request.Variant})" : "")}: {(int)status} — {why} [{request.Method} {Uri.UnescapeDataString(request.Url)}]");

    private static string Excerpt(string body)
    {
        var line = Regex.Replace(body.Split('\n')[0], @"\s+", " ");
        return line.Length > 240 ? line[..240] + "…" : line;
    }

    /// <summary>The antiforgery token a page gives this caller (every signed-in page carries one in its sign-out form).</summary>
    private static async Task<string?> AntiforgeryAsync(HttpClient client)
    {
        foreach (var page in new[] { "/forbidden", "/", "/problems/inbox", "/projects" })
        {
            var response = await client.GetAsync(page);
            if (AntiforgeryToken(await response.Content.ReadAsStringAsync()) is { } token)
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>
    /// The home zone's own officer signed in with the cookie (as a browser is), posting each form-accepting
    /// write without the antiforgery token: a page on another site could send exactly that.
    /// </summary>
    private async Task CheckCookieFormsAsync(IReadOnlyList<MatrixRoute> routes)
    {
        using var browser = App.AnonymousClient();
        var login = await browser.GetStringAsync("/login");
        var signedIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(login) ?? "",
            ["username"] = "demo-zone",
            ["password"] = Password,
            ["returnUrl"] = "/",
        }));
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"cookie sign-in as demo-zone: {(int)signedIn.StatusCode}");
        var owner = callers.Single(c => c.Name == "demo-zone");
        foreach (var route in routes.Where(r => r.IsWrite && AcceptsForm(r)))
        {
            var request = Requests(route, owner).First();
            var (status, _, body) = await SendAsync(owner, request, browser, withToken: false);
            CheckServerError(route, owner, request, status, body);
            if ((int)status < 400 || status == HttpStatusCode.UnprocessableEntity)
            {
                Fail(route, owner, request with { Variant = "sign-in cookie, no antiforgery token" }, status, "accepted a cookie-authenticated form post without an antiforgery token");
            }
        }
    }

    /// <summary>Whether a route takes a form (what a cross-site page can post): the pages' posts, and API operations that read multipart or urlencoded bodies.</summary>
    private bool AcceptsForm(MatrixRoute route)
    {
        if (!route.IsApi)
        {
            return true;
        }

        var content = Operation(route)?["requestBody"]?["content"]?.AsObject();
        return content is not null && content.Any(c => c.Key is "multipart/form-data" or "application/x-www-form-urlencoded");
    }

    private JsonObject? Operation(MatrixRoute route) =>
        route.Source == RouteSource.OpenApi ? openApi["paths"]?[route.Template]?[route.Method.ToLowerInvariant()] as JsonObject : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        if (snapshot is not null)
        {
            await snapshot.DisposeAsync();
        }

        await App.DisposeAsync();
    }

    private sealed record Marker(string Kind, string Value);
}
