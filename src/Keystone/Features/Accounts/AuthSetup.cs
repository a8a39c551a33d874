using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using System.Xml.Linq;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Keystone.Features.Accounts;

/// <summary>
/// Sign-in for people (a cookie, /login) and for scripts (a bearer token from POST /api/auth/token), the
/// role policies, the data-protection keys in the database (so several web nodes share sign-ins), and the
/// rate limit on sign-in.
/// </summary>
public static class AuthSetup
{
    public const string Scheme = "Keystone";
    public const string BearerScheme = "Bearer";
    public const string SignInLimit = "sign-in";

    /// <summary>Province, city and zone officers: they keep the ledger, review reports, read figures and briefings.</summary>
    public const string Officer = "officer";

    private static readonly string[] OfficerRoles = [nameof(Role.ProvinceAdmin), nameof(Role.CityOfficer), nameof(Role.ZoneOfficer)];

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
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
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

        services.AddDataProtection().SetApplicationName("Keystone");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));

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

    public static ClaimsPrincipal Principal(User user, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(ClaimTypes.Role, user.Role.ToString()),
        new Claim(Claims.Unit, user.OrgUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(Claims.Stamp, user.SecurityStamp),
        .. user.EnterpriseId is { } e ? [new Claim(Claims.Enterprise, e.ToString(System.Globalization.CultureInfo.InvariantCulture))] : Array.Empty<Claim>(),
        .. user.Department is { } d ? [new Claim(Claims.Department, d)] : Array.Empty<Claim>(),
    ], scheme));

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

    /// <summary>A disabled user, or one whose password changed, loses every session at once.</summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(Claims.Stamp);
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var user = int.TryParse(id, out var userId) ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId) : null;
        if (user is null || user.Disabled || user.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>Bearer tokens: looked up by hash on every request, so a token dies with its user's stamp or its expiry.</summary>
    private sealed class TokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AppDbContext db, TimeProvider clock)
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
            var now = clock.GetUtcNow();
            var found = await (from t in db.ApiTokens.AsNoTracking()
                               join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                               where t.TokenHash == hash
                               select new { Token = t, User = u }).FirstOrDefaultAsync(Context.RequestAborted);
            if (found is null || found.Token.ExpiresAt <= now || found.User.Disabled || found.Token.UserStamp != found.User.SecurityStamp)
            {
                return AuthenticateResult.Fail("The token is unknown, expired or its user disabled");
            }

            return AuthenticateResult.Success(new AuthenticationTicket(Principal(found.User, BearerScheme), BearerScheme));
        }
    }

    /// <summary>Data-protection keys as rows, so every node behind a load balancer reads the same keys.</summary>
    private sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            return db.DataProtectionKeys.AsNoTracking().AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.DataProtectionKeys.Add(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
            db.SaveChanges();
        }
    }
}
