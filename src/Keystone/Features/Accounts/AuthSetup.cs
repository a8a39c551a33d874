using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keystone.Features.Accounts;

/// <summary>
/// Sign-in for people (a cookie, /login) and for scripts (a bearer token from POST /api/auth/token), the
/// role policies, the data-protection keys in the database (<see cref="KeyRing"/>: so several web nodes share
/// sign-ins), and the rate limit on sign-in.
/// </summary>
public static class AuthSetup
{
    public const string Scheme = "Keystone";
    public const string BearerScheme = "Bearer";
    public const string SignInLimit = "sign-in";

    /// <summary>How long a sign-in cookie lasts unused (sliding): a session idle longer is over.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);

    /// <summary>Province, city and zone officers: they keep the ledger, review reports, read figures and briefings.</summary>
    public const string Officer = "officer";

    private static readonly string[] OfficerRoles = [nameof(Role.NationAdmin), nameof(Role.ProvinceAdmin), nameof(Role.CityOfficer), nameof(Role.ZoneOfficer)];

    /// <summary>Whether the signed-in user passes the <see cref="Officer"/> policy (for what a page offers, not as the check itself).</summary>
    public static bool IsOfficer(ClaimsPrincipal user) => OfficerRoles.Any(user.IsInRole);

    /// <summary>Officers and department officers: they answer problems (a department only those assigned to it).</summary>
    public const string Answerer = "answerer";

    /// <summary>Officers and enterprise reporters: they raise problems and, as raisers, return or close them.</summary>
    public const string Raiser = "raiser";

    public static class Claims
    {
        public const string Unit = "keystone:unit";
        public const string Enterprise = "keystone:enterprise";
        public const string Department = "keystone:department";
        public const string Stamp = "keystone:stamp";

        /// <summary>The server-side <see cref="UserSession"/> a sign-in cookie belongs to.</summary>
        public const string Session = "keystone:session";

        /// <summary>The id of the <see cref="ApiToken"/> a bearer request came with.</summary>
        public const string Token = "keystone:token";
    }

    public static IServiceCollection AddKeystoneAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/forbidden";
                o.Cookie.Name = "keystone";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                // Behind a TLS proxy set Keystone:Cookies:Secure=Always; SameAsRequest keeps plain-http loopback usable.
                o.Cookie.SecurePolicy = configuration["Keystone:Cookies:Secure"] == "Always" ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = CookieLifetime;
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    // The API answers 401/403; only pages are sent to the sign-in form.
                    OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = ValidateStampAsync,
                };
            })
            .AddScheme<AuthenticationSchemeOptions, TokenHandler>(BearerScheme, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Officer, p => p.RequireAuthenticatedUser().RequireRole(OfficerRoles))
            .AddPolicy(Answerer, p => p.RequireAuthenticatedUser().RequireRole([.. OfficerRoles, nameof(Role.DepartmentOfficer)]))
            .AddPolicy(Raiser, p => p.RequireAuthenticatedUser().RequireRole([.. OfficerRoles, nameof(Role.EnterpriseReporter)]));

        services.AddKeystoneDataProtection(key => configuration[key]);

        var perMinute = configuration.GetValue<int?>("Keystone:SignIn:PerMinute") ?? 10;
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>The signed-in user's claims; <paramref name="credential"/> names the session (cookie) or the token (bearer) it came with.</summary>
    public static ClaimsPrincipal Principal(User user, string scheme, Claim? credential = null) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(ClaimTypes.Role, user.Role.ToString()),
        new Claim(Claims.Unit, user.OrgUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(Claims.Stamp, user.SecurityStamp),
        .. user.EnterpriseId is { } e ? [new Claim(Claims.Enterprise, e.ToString(System.Globalization.CultureInfo.InvariantCulture))] : Array.Empty<Claim>(),
        .. user.Department is { } d ? [new Claim(Claims.Department, d)] : Array.Empty<Claim>(),
        .. credential is not null ? [credential] : Array.Empty<Claim>(),
    ], scheme));

    /// <summary>The signed-in user's id (both schemes carry it).</summary>
    public static int? UserId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The server-side session a cookie sign-in belongs to; null for a bearer token.</summary>
    public static Guid? SessionId(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(Claims.Session), out var id) ? id : null;

    /// <summary>The token a bearer request came with; null for a cookie.</summary>
    public static int? TokenId(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Claims.Token), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The client's address, as the audit log and the logs record it.</summary>
    public static string? Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A cookie is good only while its server-side session lasts and its user's stamp is unchanged: signing
    /// out, ending the session from elsewhere, disabling the user or resetting its password ends it at once,
    /// even for a copy of the cookie taken before.
    /// </summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var valid = await ReadReplica.OnPrimaryAsync(context.HttpContext.RequestServices, db => ValidateStampAsync(context, db));
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static async Task<bool> ValidateStampAsync(CookieValidatePrincipalContext context, AppDbContext db)
    {
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(Claims.Stamp);
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var found = principal is not null && UserId(principal) is { } userId && SessionId(principal) is { } sessionId
            ? await (from s in db.UserSessions.AsNoTracking()
                     join u in db.Users.AsNoTracking() on s.UserId equals u.Id
                     where s.Id == sessionId && u.Id == userId
                     select new { s.Id, s.EndedAt, s.LastSeenAt, u.Disabled, u.SecurityStamp }).FirstOrDefaultAsync(context.HttpContext.RequestAborted)
            : null;
        if (found is null || found.EndedAt is not null || found.Disabled || found.SecurityStamp != stamp)
        {
            return false;
        }

        if (now - found.LastSeenAt >= UserSession.SeenEvery)
        {
            await db.UserSessions.Where(s => s.Id == found.Id && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now.ToUniversalTime()), context.HttpContext.RequestAborted);
        }

        return true;
    }

    /// <summary>Bearer tokens: looked up by hash on every request, so a token dies with its revocation, its user's stamp or its expiry.</summary>
    private sealed class TokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider clock)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var header = Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticateResult.NoResult();
            }

            var hash = ApiToken.HashOf(header["Bearer ".Length..].Trim());
            return await ReadReplica.OnPrimaryAsync(Context.RequestServices, db => AuthenticateAsync(db, hash));
        }

        private async Task<AuthenticateResult> AuthenticateAsync(AppDbContext db, string hash)
        {
            var now = clock.GetUtcNow();
            var found = await (from t in db.ApiTokens.AsNoTracking()
                               join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                               where t.TokenHash == hash
                               select new { Token = t, User = u }).FirstOrDefaultAsync(Context.RequestAborted);
            if (found is null || !found.Token.IsLive(found.User, now))
            {
                return AuthenticateResult.Fail("The token is unknown, revoked, expired or its user disabled");
            }

            if (found.Token.LastUsedAt is not { } used || now - used >= ApiToken.SeenEvery)
            {
                await db.ApiTokens.Where(t => t.Id == found.Token.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now.ToUniversalTime()), Context.RequestAborted);
            }

            var token = new Claim(Claims.Token, found.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return AuthenticateResult.Success(new AuthenticationTicket(Principal(found.User, BearerScheme, token), BearerScheme));
        }
    }
}
