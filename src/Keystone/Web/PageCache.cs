using System.Globalization;
using Keystone.Core.Accounts;
using Microsoft.AspNetCore.OutputCaching;

namespace Keystone.Web;

/// <summary>
/// A short-lived cache of the read-only desk pages (cockpit, ledger, briefing, rankings): leaders open the
/// same cockpit again and again, and the figures behind it change when a report or a ledger comes in, not
/// by the second. Each copy is kept per node for <c>Keystone:PageCacheSeconds</c> (default 10; 0 turns it
/// off), per URL, per language and per caller — two callers never share a page, so a page can never show
/// one caller's scope to another. A report filed through the pages clears it at once on that node; any
/// other change (an import, the API, another node) shows within the lifetime.
/// </summary>
public sealed class PageCache(TimeSpan lifetime) : IOutputCachePolicy
{
    public const string Policy = "desk";
    public const string Tag = "desk";

    public static void AddPageCache(IServiceCollection services, Func<string, string?> setting)
    {
        var seconds = setting("Keystone:PageCacheSeconds") is { Length: > 0 } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : 10;
        services.AddOutputCache(o => o.AddPolicy(Policy, new PageCache(TimeSpan.FromSeconds(seconds))));
    }

    /// <summary>Drops every cached desk page on this node (after a write through the pages).</summary>
    public static Task ClearAsync(IOutputCacheStore store) => store.EvictByTagAsync(Tag, CancellationToken.None).AsTask();

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = lifetime > TimeSpan.Zero && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = lifetime;
        context.Tags.Add(Tag);
        context.CacheVaryByRules.QueryKeys = "*";
        var caller = context.HttpContext.RequestServices.GetRequiredService<Caller>();
        context.CacheVaryByRules.VaryByValues["caller"] = $"{caller.UserName}|{caller.Role}|{caller.UnitId}|{caller.EnterpriseId}";
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        // The ledger's remembered display choices (money unit, page size, columns) shape a page without any query.
        context.CacheVaryByRules.VaryByValues["ledger-view"] = request.Cookies[Features.Projects.LedgerView.Cookie] ?? "";
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // Only a plain page is kept: never an error, a redirect, or a response that sets a cookie.
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
