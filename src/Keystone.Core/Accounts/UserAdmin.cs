using Keystone.Core.Data;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Accounts;

/// <summary>A user as an administrator sees it: never its password hash or stamp.</summary>
public sealed record UserRow(
    string UserName, Role Role, string Unit, string UnitPath, string? Enterprise, string? EnterpriseName, string? Department, bool Disabled, bool Locked, DateTimeOffset CreatedAt);

/// <summary>What an administrator asks of a user's placement: its role, unit and (by role) enterprise or department.</summary>
public sealed record UserPlacement(string? Role, string? Unit, string? Enterprise = null, string? Department = null);

/// <summary>
/// Keeping accounts from the web (the users page and /api/users): the same rules as <c>keystone users</c> — the
/// same name and password checks, the same placement of each role — within the administrator's own units. The
/// officers (province, city, zone) are the administrators; each keeps the users of its unit and the units below
/// it, and a user outside them answers "not found", as a project outside does. Nobody disables, reassigns or
/// resets themselves here: one's own password is changed with the current one (<see cref="Accounts.ChangePasswordAsync"/>).
/// </summary>
public static class UserAdmin
{
    /// <summary>Whether <paramref name="caller"/> keeps accounts at all.</summary>
    public static bool Administers(Caller caller) => caller.KeepsLedger;

    public static async Task<IReadOnlyList<UserRow>> ListAsync(AppDbContext db, OrgTree tree, Caller admin, OrgUnitInfo unit, DateTimeOffset now, CancellationToken ct = default)
    {
        Require(admin);
        var units = tree.Subtree(unit.Id);
        var users = await db.Users.AsNoTracking().Where(u => units.Contains(u.OrgUnitId)).ToListAsync(ct);
        var enterpriseIds = users.Where(u => u.EnterpriseId is not null).Select(u => u.EnterpriseId!.Value).Distinct().ToList();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => enterpriseIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return users
            .Select(u => Row(tree, u, u.EnterpriseId is { } e && enterprises.TryGetValue(e, out var found) ? (found.Uscc.Value, found.Name) : null, now))
            .OrderBy(r => r.UnitPath, StringComparer.Ordinal).ThenBy(r => r.UserName, StringComparer.Ordinal)
            .ToList();
    }

    public static UserRow Row(OrgTree tree, User user, (string Uscc, string Name)? enterprise, DateTimeOffset now) => new(
        user.UserName, user.Role, tree.Contains(user.OrgUnitId) ? tree[user.OrgUnitId].Name : "?", tree.Contains(user.OrgUnitId) ? tree.PathOf(user.OrgUnitId) : "?",
        enterprise?.Uscc, enterprise?.Name, user.Department, user.Disabled, user.IsLockedOut(now), user.CreatedAt);

    /// <summary>The user named, if it sits in the administrator's units; otherwise "not found".</summary>
    public static async Task<User> FindAsync(AppDbContext db, OrgTree tree, Caller admin, string? userName, CancellationToken ct = default)
    {
        Require(admin);
        var name = (userName ?? "").Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name, ct);
        return user is not null && admin.CanSee(tree, user.OrgUnitId)
            ? user
            : throw new NotFoundException(new($"找不到用户“{name}”", $"No user \"{name}\""));
    }

    /// <summary>The user's enterprise as the page and API show it (USCC and name), if it has one.</summary>
    public static async Task<(string Uscc, string Name)?> EnterpriseOfAsync(AppDbContext db, User user, CancellationToken ct = default) =>
        user.EnterpriseId is { } id && await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } e ? (e.Uscc.Value, e.Name) : null;

    public static async Task<User> AddAsync(AppDbContext db, OrgTree tree, Caller admin, string? userName, UserPlacement placement, string? password, DateTimeOffset now, CancellationToken ct = default)
    {
        Require(admin);
        var (role, unit, enterpriseId, department) = await PlaceAsync(db, tree, admin, placement, ct);
        PasswordHashing.Check(password ?? "");
        return await Accounts.AddAsync(db, tree, userName ?? "", role, unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), password!, now,
            enterpriseId, department, ct);
    }

    public static async Task<User> ReassignAsync(AppDbContext db, OrgTree tree, Caller admin, string? userName, UserPlacement placement, DateTimeOffset now, CancellationToken ct = default)
    {
        var user = await OtherAsync(db, tree, admin, userName, ct);
        var (role, unit, enterpriseId, department) = await PlaceAsync(db, tree, admin, placement, ct);
        await Accounts.ReassignAsync(db, user, role, unit, enterpriseId, department, now, ct);
        return user;
    }

    public static async Task<User> DisableAsync(AppDbContext db, OrgTree tree, Caller admin, string? userName, DateTimeOffset now, CancellationToken ct = default)
    {
        var user = await OtherAsync(db, tree, admin, userName, ct);
        await Accounts.DisableAsync(db, user, now, ct);
        return user;
    }

    public static async Task<User> EnableAsync(AppDbContext db, OrgTree tree, Caller admin, string? userName, CancellationToken ct = default)
    {
        var user = await OtherAsync(db, tree, admin, userName, ct);
        user.Enable();
        await db.SaveChangesAsync(ct);
        return user;
    }

    public static async Task<User> ResetPasswordAsync(AppDbContext db, OrgTree tree, Caller admin, string? userName, string? password, DateTimeOffset now, CancellationToken ct = default)
    {
        var user = await OtherAsync(db, tree, admin, userName, ct);
        PasswordHashing.Check(password ?? "");
        await Accounts.ResetPasswordAsync(db, user, password!, now, ct);
        return user;
    }

    /// <summary>A user in the administrator's units other than the administrator.</summary>
    private static async Task<User> OtherAsync(AppDbContext db, OrgTree tree, Caller admin, string? userName, CancellationToken ct)
    {
        var user = await FindAsync(db, tree, admin, userName, ct);
        return user.UserName == admin.UserName
            ? throw new DomainException(new("不能在这里停用、重设或调整自己的账号；修改自己的密码请用“修改密码”", "You cannot disable, reset or reassign your own account here; change your own password under \"Change password\""), "username")
            : user;
    }

    /// <summary>The role, unit (within the administrator's units), and the reporter's enterprise (one the administrator's units may use) or the department.</summary>
    private static async Task<(Role Role, OrgUnitInfo Unit, string? Enterprise, string? Department)> PlaceAsync(AppDbContext db, OrgTree tree, Caller admin, UserPlacement placement, CancellationToken ct)
    {
        var errors = new List<DomainException>();
        Role? role = null;
        OrgUnitInfo? unit = null;
        try
        {
            role = string.IsNullOrWhiteSpace(placement.Role)
                ? throw new DomainException(new("请选择角色", "Choose a role"), "role")
                : Accounts.ParseRole(placement.Role);
        }
        catch (DomainException e)
        {
            errors.Add(e);
        }

        try
        {
            unit = string.IsNullOrWhiteSpace(placement.Unit)
                ? throw new DomainException(new("请填写所属单位", "Give the user's unit"), "unit")
                : admin.Resolve(tree, placement.Unit);
        }
        catch (DomainException e)
        {
            errors.Add(e);
        }
        catch (NotFoundException e)
        {
            errors.Add(new DomainException(e.Text, "unit"));
        }

        string? enterprise = null;
        if (role == Role.EnterpriseReporter && !string.IsNullOrWhiteSpace(placement.Enterprise))
        {
            try
            {
                var code = new Uscc(placement.Enterprise.Trim());
                var found = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Uscc == code, ct);
                enterprise = found is not null && admin.MayLinkEnterprise(tree, found.OwnerUnitId)
                    ? code.Value
                    : throw new DomainException(new($"统一社会信用代码{code}对应的企业不存在或无权访问", $"No enterprise with the USCC {code} within your units"), "enterprise");
            }
            catch (DomainException e)
            {
                errors.Add(new DomainException(e.Text, "enterprise"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        return (role!.Value, unit!, enterprise, placement.Department);
    }

    private static void Require(Caller admin)
    {
        if (!Administers(admin))
        {
            throw new NotFoundException(new("找不到用户", "No such user"));
        }
    }
}
