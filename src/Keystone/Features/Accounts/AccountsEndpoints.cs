using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Accounts;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

public sealed class SignInForm
{
    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>Signing in and out: the /login form for people, POST /api/auth/token for scripts.</summary>
public static class AccountsEndpoints
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    public static void MapAccounts(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapPost("/login", SignInAsync).AllowAnonymous().RequireRateLimiting(AuthSetup.SignInLimit).ExcludeFromDescription();
        app.MapPost("/logout", SignOutAsync).RequireAuthorization().ExcludeFromDescription();
        api.MapPost("/auth/token", TokenAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(AuthSetup.SignInLimit)
            .WithTags("Accounts").WithName("CreateToken").WithSummary("用户名和密码换取令牌 / a bearer token for a user name and password");
    }

    /// <summary>The user, when the name and password are right and the account may sign in now; why not, otherwise.</summary>
    public static async Task<(User? User, Text? Why)> CheckAsync(AppDbContext db, TimeProvider clock, string? userName, string? password, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var name = (userName ?? "").Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name, ct);
        if (user is not null && user.IsLockedOut(now))
        {
            return (null, new("多次输入错误，账号已暂时锁定，请15分钟后再试", "Too many wrong passwords: the account is locked for 15 minutes"));
        }

        if (user is null || !user.SignIn(password ?? "", now))
        {
            await db.SaveChangesAsync(ct); // the failure count, and a lockout if it came to that
            return (null, user is not null && user.IsLockedOut(now)
                ? new("多次输入错误，账号已暂时锁定，请15分钟后再试", "Too many wrong passwords: the account is locked for 15 minutes")
                : new("用户名或密码错误", "Wrong user name or password"));
        }

        await db.SaveChangesAsync(ct);
        return (user, null);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] SignInForm form, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (user, why) = await CheckAsync(db, clock, form.Username, form.Password, ct);
        var back = form.ReturnUrl is { Length: > 0 } r && Uri.IsWellFormedUriString(r, UriKind.Relative) && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/";
        if (user is null)
        {
            return TypedResults.Redirect($"/login?error={Uri.EscapeDataString(why!.Value.ToString())}&returnUrl={Uri.EscapeDataString(back)}");
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthSetup.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.Redirect(back);
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext http, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> TokenAsync(TokenRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (user, why) = await CheckAsync(db, clock, request.Username, request.Password, ct);
        if (user is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: why!.Value.ToString());
        }

        var (token, hash) = ApiToken.Generate();
        var now = clock.GetUtcNow();
        var expires = now + TokenLifetime;
        db.ApiTokens.Where(t => t.UserId == user.Id && t.ExpiresAt < now).ExecuteDelete();
        db.ApiTokens.Add(new ApiToken(user, hash, now, expires));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TokenResponse(token, expires));
    }
}
