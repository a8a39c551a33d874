using Keystone.Core;
using Keystone.Core.Data;

namespace Keystone.Web;

/// <summary>Marks a GET endpoint that writes (a thumbnail made on first request): it always runs on the primary.</summary>
public sealed class PrimaryOnlyAttribute : Attribute;

/// <summary>
/// Reads that tolerate a second's lag go to a PostgreSQL read replica when <c>ConnectionStrings__KeystoneRead</c>
/// is set: a GET or HEAD of a page, a photo, or the API's figures, briefings and exports. Everything else stays
/// on the primary: writes, the rest of the API (a script reads back what it just wrote), health checks,
/// anything outside a request (start-up, the data-protection key ring), and — for a few seconds after a user
/// changed something — that user's own reads, so the page a form redirects to shows the change
/// (read-your-own-write, kept by the <see cref="Cookie"/> cookie).
/// </summary>
public static class ReadReplica
{
    public const string Setting = "KeystoneRead";

    /// <summary>Set on the response to every change; while it lives, the browser's reads go to the primary.</summary>
    public const string Cookie = "ks-primary";

    /// <summary>How long a user's own reads stay on the primary after a change: far longer than a healthy replica lags.</summary>
    public static readonly TimeSpan Stickiness = TimeSpan.FromSeconds(10);

    /// <summary>The API's reads that may lag (prefixes under /api).</summary>
    private static readonly string[] LaggingApi = ["/api/figures", "/api/briefings", "/api/export"];

    /// <summary>The replica's target, refused unless the primary is PostgreSQL too (a SQLite file has no replicas).</summary>
    public static DatabaseTarget? Resolve(string? configured, DatabaseTarget primary)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        var read = DatabaseTarget.Resolve(configured, null);
        if (read.Provider != DbProvider.Postgres || primary.Provider != DbProvider.Postgres)
        {
            throw new DomainException(new(
                "ConnectionStrings__KeystoneRead（只读副本）须为 PostgreSQL 连接串，且主库也须为 PostgreSQL",
                "ConnectionStrings__KeystoneRead (the read replica) must be a PostgreSQL connection string, with a PostgreSQL primary"));
        }

        return read;
    }

    /// <summary>Whether the context being made for <paramref name="services"/> may read from the replica.</summary>
    public static bool Serves(IServiceProvider services)
    {
        var http = services.GetService<IHttpContextAccessor>()?.HttpContext;
        // Only the request's own scope: a scope made during a request (the key ring's) is not a read.
        if (http is null || !ReferenceEquals(http.RequestServices, services))
        {
            return false;
        }

        var request = http.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.Cookies.ContainsKey(Cookie)
            || http.GetEndpoint()?.Metadata.GetMetadata<PrimaryOnlyAttribute>() is not null
            || request.Path.StartsWithSegments("/health"))
        {
            return false;
        }

        return !request.Path.StartsWithSegments("/api") || LaggingApi.Any(p => request.Path.StartsWithSegments(p));
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the primary while serving a read: who may sign in and the bookkeeping of
    /// sessions and tokens are never judged from a copy. Without a replica, the request's own context.
    /// </summary>
    public static async Task<T> OnPrimaryAsync<T>(IServiceProvider services, Func<AppDbContext, Task<T>> work)
    {
        if (services.GetService<ReadTarget>() is null)
        {
            return await work(services.GetRequiredService<AppDbContext>());
        }

        await using var db = services.GetRequiredService<DatabaseTarget>().CreateContext();
        return await work(db);
    }

    /// <summary>After any change a user makes, that user's reads stay on the primary for <see cref="Stickiness"/>.</summary>
    public static IApplicationBuilder UseReadYourWrites(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var method = http.Request.Method;
        if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)))
        {
            http.Response.OnStarting(() =>
            {
                http.Response.Cookies.Append(Cookie, "1", new CookieOptions
                {
                    MaxAge = Stickiness,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                    IsEssential = true,
                });
                return Task.CompletedTask;
            });
        }

        return next(http);
    });
}
