using System.Text.Json;
using Keystone.Core.Data;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Accounts;

/// <summary>What became of one sign-in attempt.</summary>
public enum SignInOutcome
{
    SignedIn,

    /// <summary>Unknown name, disabled user or wrong password: the caller is told the same for each.</summary>
    Refused,

    /// <summary>This wrong password was the one that locked the account.</summary>
    LockedOut,

    /// <summary>The account was already locked: the password was not even looked at.</summary>
    Locked,
}

/// <summary>A sign-in's answer: the user when it succeeded; otherwise why not, in both languages.</summary>
public sealed record SignInResult(User? User, SignInOutcome Outcome)
{
    public static readonly Text WrongCredentials = new("用户名或密码错误", "Wrong user name or password");

    public static readonly Text LockedText = new(
        $"多次输入错误，账号已暂时锁定，请{(int)User.LockoutTime.TotalMinutes}分钟后再试",
        $"Too many wrong passwords: the account is locked for {(int)User.LockoutTime.TotalMinutes} minutes");

    public Text? Why => Outcome switch
    {
        SignInOutcome.SignedIn => null,
        SignInOutcome.Refused => WrongCredentials,
        SignInOutcome.LockedOut or SignInOutcome.Locked => LockedText,
    };
}

/// <summary>Creating and finding users, signing them in and ending their sessions: shared by `keystone users`, the demo dataset and the web.</summary>
public static class Accounts
{
    /// <summary>The demo users' password, printed in the README; `serve` warns while any demo user is active.</summary>
    public const string DemoPassword = "keystone-demo";

    public static readonly IReadOnlyList<(string Name, Role Role, string Unit)> DemoUsers =
    [
        ("demo-province", Role.ProvinceAdmin, "山西省"),
        ("demo-city", Role.CityOfficer, "阳泉市"),
        ("demo-zone", Role.ZoneOfficer, "阳泉高新区"),
        ("demo-enterprise", Role.EnterpriseReporter, "阳泉高新区"),
        ("demo-department", Role.DepartmentOfficer, "阳泉高新区"),
    ];

    /// <summary>The enterprise the demo reporter reports for: 阳泉东区智慧物流产业园's (YQGX-2024-001).</summary>
    public const string DemoEnterpriseUscc = "91140300CBPRNJHCCN";

    public static async Task<User> AddAsync(
        AppDbContext db, OrgTree tree, string userName, Role role, string unit, string password, DateTimeOffset now,
        string? uscc = null, string? department = null, CancellationToken ct = default)
    {
        var name = User.CheckName(userName);
        if (await db.Users.AnyAsync(u => u.UserName == name, ct))
        {
            throw new DomainException(new($"用户名“{name}”已存在", $"The user name \"{name}\" is taken"), "username");
        }

        var org = tree.Resolve(unit);
        CheckPlacement(role, org);
        var enterpriseId = await EnterpriseIdAsync(db, uscc, ct);
        var user = new User(name, role, org.Id, PasswordHashing.Hash(password), now, enterpriseId, department);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>The audit log's entity for sign-ins, sign-outs, lockouts and tokens (its key is the user name).</summary>
    public const string SignInEntity = "signIn";

    /// <summary>
    /// Checks a user name and password and answers who signed in, or why no one did. Every attempt is written
    /// to the audit log (with the client's address, never the password). An unknown or disabled name costs a
    /// full password check against a dummy hash, so the time taken does not tell which names exist. A wrong
    /// password is counted by one atomic UPDATE, and the account locked by another that only the count's
    /// reaching <see cref="User.LockoutFailures"/> lets through, so guesses sent in parallel lock it exactly
    /// as guesses sent one by one. A right password whose stored hash is weaker than today's work factor is
    /// hashed again.
    /// </summary>
    public static async Task<SignInResult> SignInAsync(AppDbContext db, DateTimeOffset now, string? userName, string? password, string? address, CancellationToken ct = default)
    {
        var name = (userName ?? "").Trim().ToLowerInvariant();
        var user = name.Length is > 0 and <= User.MaxNameLength
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name, ct)
            : null;
        password ??= "";
        SignInOutcome outcome;
        if (user is not null && user.IsLockedOut(now))
        {
            outcome = SignInOutcome.Locked;
        }
        else if (user is null || user.Disabled)
        {
            PasswordHashing.VerifyNobody(password);
            outcome = SignInOutcome.Refused;
        }
        else if (PasswordHashing.Verify(password, user.PasswordHash))
        {
            await ClearFailuresAsync(db, user, password, now, ct);
            outcome = SignInOutcome.SignedIn;
        }
        else
        {
            outcome = await CountFailureAsync(db, user, now, ct);
        }

        // The key is the name as tried (cut to a user name's length), so that guesses at names show too.
        var key = name.Length > User.MaxNameLength ? name[..User.MaxNameLength] : name;
        var actor = outcome == SignInOutcome.SignedIn ? key : "anonymous";
        db.AuditEntries.Add(SignInEntry(now, actor, key, outcome == SignInOutcome.SignedIn ? "succeeded" : "failed", address));
        if (outcome == SignInOutcome.LockedOut)
        {
            db.AuditEntries.Add(SignInEntry(now, actor, key, "lockedOut", address, ("lockedUntil", (now + User.LockoutTime).ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture))));
        }

        await db.SaveChangesAsync(ct);
        return new SignInResult(outcome == SignInOutcome.SignedIn ? user : null, outcome);
    }

    /// <summary>A wrong password: one more failure, counted in SQL; the one that reaches the limit locks the account.</summary>
    private static async Task<SignInOutcome> CountFailureAsync(AppDbContext db, User user, DateTimeOffset now, CancellationToken ct)
    {
        // Not while locked: a guess that lost the race with the one that locked the account counts for nothing,
        // as it would have been refused unread had it come a moment later.
        var counted = await db.Users
            .Where(u => u.Id == user.Id && (u.LockedUntil == null || u.LockedUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), ct);
        if (counted == 0)
        {
            return SignInOutcome.Locked;
        }

        DateTimeOffset? until = (now + User.LockoutTime).ToUniversalTime();
        var locked = await db.Users
            .Where(u => u.Id == user.Id && u.FailedSignIns >= User.LockoutFailures)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, until).SetProperty(u => u.FailedSignIns, 0), ct);
        return locked > 0 ? SignInOutcome.LockedOut : SignInOutcome.Refused;
    }

    /// <summary>A right password clears the failures (unless a parallel guess locked the account meanwhile) and upgrades a weak hash.</summary>
    private static async Task ClearFailuresAsync(AppDbContext db, User user, string password, DateTimeOffset now, CancellationToken ct)
    {
        if (PasswordHashing.NeedsRehash(user.PasswordHash) && password.Length >= PasswordHashing.MinimumLength)
        {
            // Only over the hash just checked: a password reset that landed meanwhile wins.
            var stronger = PasswordHashing.Hash(password);
            await db.Users
                .Where(u => u.Id == user.Id && u.PasswordHash == user.PasswordHash)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, stronger), ct);
        }

        if (user.FailedSignIns != 0 || user.LockedUntil is not null)
        {
            await db.Users
                .Where(u => u.Id == user.Id && (u.LockedUntil == null || u.LockedUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null), ct);
        }
    }

    /// <summary>An audit entry of the <see cref="SignInEntity"/> kind: the client's address and any other plain values, never a secret.</summary>
    public static AuditEntry SignInEntry(DateTimeOffset at, string actor, string userName, string action, string? address, params (string Name, string? Value)[] values)
    {
        var after = new Dictionary<string, string?> { ["address"] = address };
        foreach (var (field, value) in values)
        {
            after[field] = value;
        }

        return new AuditEntry(at, actor, SignInEntity, userName, action, null, JsonSerializer.Serialize(after), null);
    }

    /// <summary>Opens a browser session for a user who has just signed in; forgets the user's sessions that ended or went idle a month ago.</summary>
    public static async Task<UserSession> StartSessionAsync(AppDbContext db, User user, DateTimeOffset now, string? address, string? client, CancellationToken ct = default)
    {
        var forget = (now - TimeSpan.FromDays(30)).ToUniversalTime();
        await db.UserSessions.Where(s => s.UserId == user.Id && (s.EndedAt < forget || s.LastSeenAt < forget)).ExecuteDeleteAsync(ct);
        var session = new UserSession(user, now, address, client);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>
    /// Ends one of a user's sessions (signing out, or ending it from another browser), audited as "signedOut".
    /// False when the user has no such live session: ended already, or someone else's.
    /// </summary>
    public static async Task<bool> EndSessionAsync(AppDbContext db, string userName, int userId, Guid sessionId, DateTimeOffset now, string? address, CancellationToken ct = default)
    {
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, ct);
        if (session is null)
        {
            return false;
        }

        session.End(now);
        db.AuditEntries.Add(SignInEntry(now, userName, userName, "signedOut", address, ("session", sessionId.ToString())));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Disables a user: its stamp changes (its tokens stop working) and its sessions end, in one save.</summary>
    public static async Task DisableAsync(AppDbContext db, User user, DateTimeOffset now, CancellationToken ct = default)
    {
        user.Disable();
        await EndAllSessionsAsync(db, user, now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Gives a user a new password: its stamp changes (its tokens stop working) and its sessions end, in one save.</summary>
    public static async Task ResetPasswordAsync(AppDbContext db, User user, string password, DateTimeOffset now, CancellationToken ct = default)
    {
        user.ResetPassword(PasswordHashing.Hash(password));
        await EndAllSessionsAsync(db, user, now, ct);
        await db.SaveChangesAsync(ct);
    }

    private static async Task EndAllSessionsAsync(AppDbContext db, User user, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var session in await db.UserSessions.Where(s => s.UserId == user.Id && s.EndedAt == null).ToListAsync(ct))
        {
            session.End(now);
        }
    }

    /// <summary>
    /// Moves a user to another role or unit (a reporter's enterprise, a department officer's department): placed
    /// as <see cref="AddAsync"/> places a new one; its sessions end and its tokens stop working, in one save.
    /// </summary>
    public static async Task ReassignAsync(AppDbContext db, User user, Role role, OrgUnitInfo unit, string? uscc, string? department, DateTimeOffset now, CancellationToken ct = default)
    {
        CheckPlacement(role, unit);
        var enterpriseId = role == Role.EnterpriseReporter ? await EnterpriseIdAsync(db, uscc, ct) : null;
        user.Reassign(role, unit.Id, enterpriseId, department);
        await EndAllSessionsAsync(db, user, now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A signed-in user changes its own password: the current one is required, and a wrong one is refused and
    /// counted as a failed sign-in (five lock the account), so a borrowed session cannot try passwords at will.
    /// The new one follows the rules of <c>keystone users</c> (<see cref="PasswordHashing.Check"/>). Every session
    /// and token of the user ends, as a reset does; the caller opens a new session for the browser it came from.
    /// </summary>
    public static async Task ChangePasswordAsync(AppDbContext db, User user, string? current, string? password, DateTimeOffset now, string? address, CancellationToken ct = default)
    {
        if (user.IsLockedOut(now))
        {
            throw new DomainException(SignInResult.LockedText, "current");
        }

        if (!PasswordHashing.Verify(current ?? "", user.PasswordHash))
        {
            var outcome = await CountFailureAsync(db, user, now, ct);
            db.AuditEntries.Add(SignInEntry(now, user.UserName, user.UserName, "passwordChangeRefused", address));
            await db.SaveChangesAsync(ct);
            throw new DomainException(
                outcome == SignInOutcome.Refused ? new("当前密码不正确，密码未修改", "The current password is wrong; the password was not changed") : SignInResult.LockedText,
                "current");
        }

        PasswordHashing.Check(password ?? "");
        if (password == current)
        {
            throw new DomainException(new("新密码不能与当前密码相同", "The new password must differ from the current one"), "password");
        }

        user.ResetPassword(PasswordHashing.Hash(password!));
        await EndAllSessionsAsync(db, user, now, ct);
        db.AuditEntries.Add(SignInEntry(now, user.UserName, user.UserName, "passwordChanged", address));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<int?> EnterpriseIdAsync(AppDbContext db, string? uscc, CancellationToken ct)
    {
        if (uscc is null)
        {
            return null;
        }

        var code = new Uscc(uscc);
        return (await db.Enterprises.FirstOrDefaultAsync(e => e.Uscc == code, ct))?.Id
            ?? throw new NotFoundException(new($"找不到统一社会信用代码为{code}的企业", $"No enterprise with the USCC {code}"));
    }

    /// <summary>A province admin sits at a province, a city officer at a city, the rest at a zone, county or city.</summary>
    private static void CheckPlacement(Role role, OrgUnitInfo unit)
    {
        var ok = role switch
        {
            Role.NationAdmin => unit.Kind == OrgUnitKind.Nation,
            Role.ProvinceAdmin => unit.Kind == OrgUnitKind.Province,
            Role.CityOfficer => unit.Kind == OrgUnitKind.City,
            Role.ZoneOfficer or Role.DepartmentOfficer or Role.EnterpriseReporter => unit.Kind is not (OrgUnitKind.Province or OrgUnitKind.Nation),
        };
        if (!ok)
        {
            throw new DomainException(new($"角色{RoleName(role)}不能设在{OrgUnit.KindName(unit.Kind)}“{unit.Name}”", $"A {role} cannot belong to the {unit.Kind} \"{unit.Name}\""), "unit");
        }
    }

    public static Role ParseRole(string text) => ProjectVocabulary.Normalize(text) switch
    {
        "nationadmin" or "nation" or "全国管理员" or "全国" => Role.NationAdmin,
        "provinceadmin" or "province" or "省级管理员" or "省" => Role.ProvinceAdmin,
        "cityofficer" or "city" or "市级" or "市" => Role.CityOfficer,
        "zoneofficer" or "zone" or "园区" or "开发区" or "管委会" => Role.ZoneOfficer,
        "departmentofficer" or "department" or "责任单位" or "部门" => Role.DepartmentOfficer,
        "enterprisereporter" or "reporter" or "enterprise" or "填报员" or "企业" => Role.EnterpriseReporter,
        _ => throw new DomainException(
            new($"角色“{text}”无效：可用 NationAdmin、ProvinceAdmin、CityOfficer、ZoneOfficer、DepartmentOfficer、EnterpriseReporter", $"The role \"{text}\" is not valid: use NationAdmin, ProvinceAdmin, CityOfficer, ZoneOfficer, DepartmentOfficer or EnterpriseReporter"),
            "role"),
    };

    public static string RoleName(Role role) => role switch
    {
        Role.NationAdmin => "全国管理员",
        Role.ProvinceAdmin => "省级管理员",
        Role.CityOfficer => "市级指挥部",
        Role.ZoneOfficer => "园区管委会",
        Role.DepartmentOfficer => "责任单位",
        Role.EnterpriseReporter => "项目单位填报员",
    };

    /// <summary>Creates the demo users that do not exist yet (after the demo dataset is loaded).</summary>
    public static async Task AddDemoUsersAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var tree = await db.LoadTreeAsync(ct);
        var names = DemoUsers.Select(d => d.Name).ToList();
        var existing = await db.Users.Where(u => names.Contains(u.UserName)).Select(u => u.UserName).ToListAsync(ct);
        foreach (var (name, role, unit) in DemoUsers.Where(d => !existing.Contains(d.Name)))
        {
            await AddAsync(db, tree, name, role, unit, DemoPassword, now,
                role == Role.EnterpriseReporter ? DemoEnterpriseUscc : null,
                role == Role.DepartmentOfficer ? "阳泉高新区自然资源分局" : null, ct);
        }
    }

    /// <summary>Whether any demo user can still sign in with the published password.</summary>
    public static async Task<bool> DemoUsersActiveAsync(AppDbContext db, CancellationToken ct = default)
    {
        var names = DemoUsers.Select(d => d.Name).ToList();
        var demo = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName) && !u.Disabled).ToListAsync(ct);
        return demo.Any(u => PasswordHashing.Verify(DemoPassword, u.PasswordHash));
    }
}
