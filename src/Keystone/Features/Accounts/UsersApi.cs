using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Keystone.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Features.Accounts;

public sealed record NewUserInput(string? Username, string? Role, string? Unit, string? Enterprise, string? Department, string? Password);

public sealed record PlacementInput(string? Role, string? Unit, string? Enterprise, string? Department);

public sealed record PasswordInput(string? Password);

public sealed record ChangePasswordInput(string? Current, string? Password);

/// <summary>
/// /api/users: the officers keep the accounts of their units (<see cref="UserAdmin"/>), as `keystone users` does from
/// the shell; a user outside the caller's units answers 404. POST /api/auth/password: anyone signed in changes
/// their own password with the current one.
/// </summary>
public static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Accounts").RequireAuthorization(AuthSetup.Officer);
        const string Ends = "The user's browser sessions and API tokens end at once (the sign-in carries its role and unit). Users outside the caller's units answer 404; the caller's own account is refused here (POST /api/auth/password changes one's own password).";
        users.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("本单位及下级单位的账号 / the users of the caller's units (unit= narrows to one unit and below)");
        users.MapPost("/", AddAsync).WithName("AddUser").WithSummary("新建账号 / add a user")
            .WithDescription("{username, role, unit, enterprise (a reporter's USCC), department (a department officer's), password}: the rules of keystone users add, the unit within the caller's.");
        users.MapGet("/{username}", GetAsync).WithName("GetUser").WithSummary("一个账号 / one user");
        users.MapPut("/{username}", ReassignAsync).WithName("ReassignUser").WithSummary("调整角色与单位 / change a user's role and unit: {role, unit, enterprise, department}").WithDescription(Ends);
        users.MapPost("/{username}/disable", DisableAsync).WithName("DisableUser").WithSummary("停用账号 / disable a user").WithDescription(Ends);
        users.MapPost("/{username}/enable", EnableAsync).WithName("EnableUser").WithSummary("启用已停用的账号 / enable a disabled user");
        users.MapPost("/{username}/reset-password", ResetPasswordAsync).WithName("ResetUserPassword").WithSummary("重设密码 / reset a user's password: {password}").WithDescription(Ends);

        api.MapPost("/auth/password", ChangePasswordAsync).RequireAuthorization().WithTags("Accounts").WithName("ChangePassword")
            .WithSummary("修改本人密码 / change one's own password: {current, password}")
            .WithDescription("The current password is required; a wrong one is refused, changes nothing and counts as a failed sign-in. Every session and token of the user ends; a browser that sent it (by its cookie) gets a new session.");
    }

    private static async Task<Ok<ListResponse<UserRow>>> ListAsync(AppDbContext db, Caller caller, TimeProvider clock, string? unit, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var rows = await UserAdmin.ListAsync(db, tree, caller, caller.Resolve(tree, unit), clock.GetUtcNow(), ct);
        return TypedResults.Ok(new ListResponse<UserRow>(rows, rows.Count));
    }

    private static async Task<Ok<UserRow>> GetAsync(AppDbContext db, Caller caller, TimeProvider clock, string username, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        return TypedResults.Ok(await RowAsync(db, tree, await UserAdmin.FindAsync(db, tree, caller, username, ct), clock, ct));
    }

    private static async Task<Created<UserRow>> AddAsync(AppDbContext db, Caller caller, TimeProvider clock, NewUserInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var user = await UserAdmin.AddAsync(db, tree, caller, input.Username, new UserPlacement(input.Role, input.Unit, input.Enterprise, input.Department), input.Password, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(user.UserName)}", await RowAsync(db, tree, user, clock, ct));
    }

    private static async Task<Ok<UserRow>> ReassignAsync(AppDbContext db, Caller caller, TimeProvider clock, string username, PlacementInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        var user = await UserAdmin.ReassignAsync(db, tree, caller, username, new UserPlacement(input.Role, input.Unit, input.Enterprise, input.Department), clock.GetUtcNow(), ct);
        return TypedResults.Ok(await RowAsync(db, tree, user, clock, ct));
    }

    private static async Task<Ok<UserRow>> DisableAsync(AppDbContext db, Caller caller, TimeProvider clock, string username, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        return TypedResults.Ok(await RowAsync(db, tree, await UserAdmin.DisableAsync(db, tree, caller, username, clock.GetUtcNow(), ct), clock, ct));
    }

    private static async Task<Ok<UserRow>> EnableAsync(AppDbContext db, Caller caller, TimeProvider clock, string username, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        return TypedResults.Ok(await RowAsync(db, tree, await UserAdmin.EnableAsync(db, tree, caller, username, ct), clock, ct));
    }

    private static async Task<Ok<UserRow>> ResetPasswordAsync(AppDbContext db, Caller caller, TimeProvider clock, string username, PasswordInput input, CancellationToken ct)
    {
        var tree = await db.LoadTreeAsync(ct);
        return TypedResults.Ok(await RowAsync(db, tree, await UserAdmin.ResetPasswordAsync(db, tree, caller, username, input.Password, clock.GetUtcNow(), ct), clock, ct));
    }

    private static async Task<NoContent> ChangePasswordAsync(HttpContext http, AppDbContext db, TimeProvider clock, ChangePasswordInput input, CancellationToken ct)
    {
        await ChangeOwnPasswordAsync(http, db, clock, input.Current, input.Password, ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The caller changes its own password (<see cref="Core.Accounts.Accounts.ChangePasswordAsync"/>): every session and
    /// token ends, and a browser that came with a cookie gets a new session at once, so it stays signed in.
    /// </summary>
    public static async Task ChangeOwnPasswordAsync(HttpContext http, AppDbContext db, TimeProvider clock, string? current, string? password, CancellationToken ct)
    {
        var id = AuthSetup.UserId(http.User) ?? throw new Core.NotFoundException(new("找不到您的账号", "Your account does not exist"));
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new Core.NotFoundException(new("找不到您的账号", "Your account does not exist"));
        var now = clock.GetUtcNow();
        await Core.Accounts.Accounts.ChangePasswordAsync(db, user, current, password, now, AuthSetup.Address(http), ct);
        if (AuthSetup.SessionId(http.User) is not null)
        {
            var session = await Core.Accounts.Accounts.StartSessionAsync(db, user, now, AuthSetup.Address(http), http.Request.Headers.UserAgent.ToString(), ct);
            var claim = new System.Security.Claims.Claim(AuthSetup.Claims.Session, session.Id.ToString());
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthSetup.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme, claim));
        }
    }

    private static async Task<UserRow> RowAsync(AppDbContext db, Core.Units.OrgTree tree, User user, TimeProvider clock, CancellationToken ct) =>
        UserAdmin.Row(tree, user, await UserAdmin.EnterpriseOfAsync(db, user, ct), clock.GetUtcNow());
}
