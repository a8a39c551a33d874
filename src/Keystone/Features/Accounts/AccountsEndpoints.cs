using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Accounts;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

/// <summary>One of the caller's API tokens: never the token itself, nor its hash. <c>Current</c> marks the one this request came with.</summary>
public sealed record TokenDto(int Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, bool Current);

/// <summary>One of the caller's browser sessions. <c>Current</c> marks the one this request came with.</summary>
public sealed record SessionDto(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? Address, string? Client, bool Current);

public sealed class SignInForm
{
    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>
/// Signing in and out: the /login form for people (a cookie naming a server-side session), POST
/// /api/auth/token for scripts; a user's own tokens and sessions, listed and ended one by one.
/// </summary>
public static class AccountsEndpoints
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    /// <summary>The category the sign-in log lines are written under.</summary>
    public const string LogCategory = "Keystone.Accounts";

    public static void MapAccounts(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapPost("/login", SignInAsync).AllowAnonymous().RequireRateLimiting(AuthSetup.SignInLimit).ExcludeFromDescription();
        app.MapPost("/logout", SignOutAsync).RequireAuthorization().ExcludeFromDescription();
        api.MapPost("/auth/token", TokenAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(AuthSetup.SignInLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithTags("Accounts").WithName("CreateToken").WithSummary("用户名和密码换取令牌 / a bearer token for a user name and password");

        var own = api.MapGroup("/auth").RequireAuthorization().WithTags("Accounts");
        own.MapGet("/tokens", TokensAsync).WithName("ListTokens")
            .WithSummary("本人的有效令牌（不含令牌本身）/ the caller's live tokens (never the token itself)");
        own.MapDelete("/tokens/{id:int}", RevokeTokenAsync).WithName("RevokeToken")
            .WithSummary("吊销本人的一个令牌，立即失效 / revoke one of the caller's tokens, at once");
        own.MapGet("/sessions", SessionsAsync).WithName("ListSessions")
            .WithSummary("本人的浏览器会话 / the caller's browser sessions");
        own.MapDelete("/sessions/{id:guid}", EndSessionAsync).WithName("EndSession")
            .WithSummary("结束本人的一个浏览器会话，立即失效 / end one of the caller's browser sessions, at once");
    }

    /// <summary>Signs in through <see cref="Core.Accounts.Accounts.SignInAsync"/> and writes the log line an operator watches for.</summary>
    private static async Task<Core.Accounts.SignInResult> CheckAsync(HttpContext http, AppDbContext db, TimeProvider clock, ILoggerFactory logs, string? userName, string? password, CancellationToken ct)
    {
        var address = AuthSetup.Address(http);
        var result = await Core.Accounts.Accounts.SignInAsync(db, clock.GetUtcNow(), userName, password, address, ct);
        var log = logs.CreateLogger(LogCategory);
        var name = (userName ?? "").Trim();
        name = name.Length > User.MaxNameLength ? name[..User.MaxNameLength] : name;
        switch (result.Outcome)
        {
            case SignInOutcome.SignedIn:
                log.LogInformation("Sign-in of {User} from {Address} succeeded", name, address);
                break;
            case SignInOutcome.Refused:
                log.LogWarning("Sign-in of {User} from {Address} failed", name, address);
                break;
            case SignInOutcome.LockedOut:
                log.LogWarning("Sign-in of {User} from {Address} failed; the account is locked for {Minutes} minutes", name, address, User.LockoutTime.TotalMinutes);
                break;
            case SignInOutcome.Locked:
                log.LogWarning("Sign-in of {User} from {Address} refused: the account is locked", name, address);
                break;
        }

        return result;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] SignInForm form, AppDbContext db, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var back = LocalUrl.OrRoot(form.ReturnUrl);
        var result = await CheckAsync(http, db, clock, logs, form.Username, form.Password, ct);
        if (result.User is not { } user)
        {
            // A code, not the sentence: the sign-in page says only what it knows to say, never what a link put in the URL.
            var error = result.Outcome == SignInOutcome.Refused ? "wrong" : "locked";
            return TypedResults.Redirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
        }

        var session = await Core.Accounts.Accounts.StartSessionAsync(db, user, clock.GetUtcNow(), AuthSetup.Address(http), http.Request.Headers.UserAgent.ToString(), ct);
        var claim = new System.Security.Claims.Claim(AuthSetup.Claims.Session, session.Id.ToString());
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthSetup.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme, claim));
        // The first page after sign-in is the person's work (工作台), unless they were on their way elsewhere.
        return TypedResults.Redirect(back == "/" ? "/work" : back);
    }

    /// <summary>Ends the session in the database, not only in this browser: a copy of the cookie stops working too.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, AppDbContext db, TimeProvider clock, IAntiforgery antiforgery, CancellationToken ct)
    {
        // The layout's sign-out form carries a token; a cross-site form that signs people out does not.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return CookieAntiforgery.Refusal(http);
        }

        if (AuthSetup.UserId(http.User) is { } userId && AuthSetup.SessionId(http.User) is { } sessionId)
        {
            await Core.Accounts.Accounts.EndSessionAsync(db, http.User.Identity?.Name ?? "", userId, sessionId, clock.GetUtcNow(), AuthSetup.Address(http), ct);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/login");
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> TokenAsync(HttpContext http, TokenRequest request, AppDbContext db, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var result = await CheckAsync(http, db, clock, logs, request.Username, request.Password, ct);
        if (result.User is not { } user)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: result.Why!.Value.ToString());
        }

        var (token, hash) = ApiToken.Generate();
        var now = clock.GetUtcNow();
        var expires = now + TokenLifetime;
        await db.ApiTokens.Where(t => t.UserId == user.Id && t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var issued = new ApiToken(user, hash, now, expires);
        db.ApiTokens.Add(issued);
        await db.SaveChangesAsync(ct);
        db.AuditEntries.Add(Core.Accounts.Accounts.SignInEntry(now, user.UserName, user.UserName, "tokenCreated", AuthSetup.Address(http),
            ("token", issued.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("expiresAt", issued.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TokenResponse(token, expires));
    }

    private static async Task<Ok<ListResponse<TokenDto>>> TokensAsync(HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var user = await SignedInAsync(http, db, ct);
        var now = clock.GetUtcNow();
        var current = AuthSetup.TokenId(http.User);
        var items = (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.Id && t.ExpiresAt > now && t.UserStamp == user.SecurityStamp).ToListAsync(ct))
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new TokenDto(t.Id, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.Id == current))
            .ToList();
        return TypedResults.Ok(new ListResponse<TokenDto>(items, items.Count));
    }

    /// <summary>Deletes the token's row, so the next request with it finds nothing: revoked at once, on every node.</summary>
    private static async Task<NoContent> RevokeTokenAsync(int id, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var user = await SignedInAsync(http, db, ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == user.Id, ct)
            ?? throw new NotFoundException(new($"令牌{id}不存在或无权访问", $"The token {id} does not exist or is not yours"));
        db.ApiTokens.Remove(token);
        db.AuditEntries.Add(Core.Accounts.Accounts.SignInEntry(clock.GetUtcNow(), user.UserName, user.UserName, "tokenRevoked", AuthSetup.Address(http),
            ("token", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ListResponse<SessionDto>>> SessionsAsync(HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var user = await SignedInAsync(http, db, ct);
        // A session idle longer than the cookie lives is over, whether or not anyone said so.
        var since = (clock.GetUtcNow() - AuthSetup.CookieLifetime).ToUniversalTime();
        var current = AuthSetup.SessionId(http.User);
        var items = (await db.UserSessions.AsNoTracking().Where(s => s.UserId == user.Id && s.EndedAt == null && s.LastSeenAt > since).ToListAsync(ct))
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionDto(s.Id, s.CreatedAt, s.LastSeenAt, s.Address, s.Client, s.Id == current))
            .ToList();
        return TypedResults.Ok(new ListResponse<SessionDto>(items, items.Count));
    }

    private static async Task<NoContent> EndSessionAsync(Guid id, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var user = await SignedInAsync(http, db, ct);
        if (!await Core.Accounts.Accounts.EndSessionAsync(db, user.UserName, user.Id, id, clock.GetUtcNow(), AuthSetup.Address(http), ct))
        {
            throw new NotFoundException(new($"会话{id}不存在或无权访问", $"The session {id} does not exist or is not yours"));
        }

        return TypedResults.NoContent();
    }

    /// <summary>The signed-in user's row (authentication has just checked it is live).</summary>
    private static async Task<User> SignedInAsync(HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var id = AuthSetup.UserId(http.User) ?? -1;
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct)
            ?? throw new NotFoundException(new("找不到您的账号", "Your account does not exist"));
    }
}
