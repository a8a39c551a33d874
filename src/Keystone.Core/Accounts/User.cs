using System.Security.Cryptography;

namespace Keystone.Core.Accounts;

/// <summary>
/// A person who signs in: one org unit, one role; a reporter is tied to one enterprise, a department officer
/// to one department. Repeated wrong passwords lock the account for a while.
/// </summary>
public sealed class User
{
    public const int LockoutFailures = 5;
    public const int MaxNameLength = 64;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    public User(string userName, Role role, int orgUnitId, string passwordHash, DateTimeOffset at, int? enterpriseId = null, string? department = null)
    {
        UserName = CheckName(userName);
        CheckRole(role, enterpriseId, department);
        Role = role;
        OrgUnitId = orgUnitId;
        EnterpriseId = role == Role.EnterpriseReporter ? enterpriseId : null;
        Department = role == Role.DepartmentOfficer ? department!.Trim() : null;
        PasswordHash = passwordHash;
        CreatedAt = at.ToUniversalTime();
        SecurityStamp = NewStamp();
    }

    private User()
    {
        UserName = "";
        PasswordHash = "";
        SecurityStamp = "";
    }

    public int Id { get; private set; }

    public string UserName { get; private set; }

    public Role Role { get; private set; }

    public int OrgUnitId { get; private set; }

    public int? EnterpriseId { get; private set; }

    public string? Department { get; private set; }

    public string PasswordHash { get; private set; }

    /// <summary>Changes whenever the password changes or the user is disabled: sessions and tokens made before stop working.</summary>
    public string SecurityStamp { get; private set; }

    public bool Disabled { get; private set; }

    public int FailedSignIns { get; private set; }

    public DateTimeOffset? LockedUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Caller Caller => new(UserName, Role, OrgUnitId, EnterpriseId, Department);

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// Whether the account may sign in now (the password aside). Wrong passwords are counted and the account
    /// locked in the database itself, one atomic update per failure, so that guesses sent in parallel lock it
    /// as surely as guesses sent one by one (<see cref="Accounts.SignInAsync"/>).
    /// </summary>
    public bool MaySignIn(DateTimeOffset now) => !Disabled && !IsLockedOut(now);

    public void ResetPassword(string passwordHash)
    {
        PasswordHash = passwordHash;
        LockedUntil = null;
        FailedSignIns = 0;
        SecurityStamp = NewStamp();
    }

    /// <summary>
    /// Gives the user another role, unit, enterprise or department. The sign-in carries them, so its sessions and
    /// tokens end (the stamp changes); a reassignment that changes nothing is refused, not ignored.
    /// </summary>
    public void Reassign(Role role, int orgUnitId, int? enterpriseId, string? department)
    {
        CheckRole(role, enterpriseId, department);
        enterpriseId = role == Role.EnterpriseReporter ? enterpriseId : null;
        department = role == Role.DepartmentOfficer ? department!.Trim() : null;
        if (role == Role && orgUnitId == OrgUnitId && enterpriseId == EnterpriseId && department == Department)
        {
            throw new DomainException(new($"用户“{UserName}”的角色和单位没有变化", $"Nothing changes for \"{UserName}\": same role and unit"), "role");
        }

        Role = role;
        OrgUnitId = orgUnitId;
        EnterpriseId = enterpriseId;
        Department = department;
        SecurityStamp = NewStamp();
    }

    /// <summary>Lets a disabled user sign in again (with the password it had; its old sessions and tokens stay ended).</summary>
    public void Enable()
    {
        if (!Disabled)
        {
            throw new DomainException(new($"用户“{UserName}”未停用", $"The user \"{UserName}\" is not disabled"), "username");
        }

        Disabled = false;
        LockedUntil = null;
        FailedSignIns = 0;
    }

    public void Disable()
    {
        if (Disabled)
        {
            throw new DomainException(new($"用户“{UserName}”已停用", $"The user \"{UserName}\" is already disabled"), "username");
        }

        Disabled = true;
        SecurityStamp = NewStamp();
    }

    public static string CheckName(string userName)
    {
        var n = (userName ?? "").Trim().ToLowerInvariant();
        if (n.Length is < 2 or > MaxNameLength || !n.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@'))
        {
            throw new DomainException(new("用户名为2到64位字母、数字或 - _ . @", "A user name is 2 to 64 letters, digits or - _ . @"), "username");
        }

        return n;
    }

    private static void CheckRole(Role role, int? enterpriseId, string? department)
    {
        if (!Enum.IsDefined(role))
        {
            throw new DomainException(new("角色无效", "The role is not valid"), "role");
        }

        if (role == Role.EnterpriseReporter && enterpriseId is null)
        {
            throw new DomainException(new("填报员须指定所属企业（统一社会信用代码）", "A reporter must be tied to an enterprise (its USCC)"), "enterprise");
        }

        if (role == Role.DepartmentOfficer && string.IsNullOrWhiteSpace(department))
        {
            throw new DomainException(new("责任单位人员须指定所属部门", "A department officer must name the department"), "department");
        }
    }

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}

/// <summary>A bearer token for the API: only its SHA-256 is stored, so a leaked database leaks no token.</summary>
public sealed class ApiToken
{
    public ApiToken(User user, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        UserId = user.Id;
        UserStamp = user.SecurityStamp;
        TokenHash = tokenHash;
        CreatedAt = createdAt.ToUniversalTime();
        ExpiresAt = expiresAt.ToUniversalTime();
    }

    private ApiToken()
    {
        TokenHash = "";
        UserStamp = "";
    }

    public int Id { get; private set; }

    public int UserId { get; private set; }

    public string TokenHash { get; private set; }

    /// <summary>The user's security stamp when the token was issued: a password reset or a disable ends the token.</summary>
    public string UserStamp { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When the token last authenticated a request, to within <see cref="SeenEvery"/>; null until it is first used.</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>How stale <see cref="LastUsedAt"/> may be: writing it on every request would turn each read into a write.</summary>
    public static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(5);

    /// <summary>Whether the token still authenticates its user: not expired, and the user's stamp unchanged since it was issued.</summary>
    public bool IsLive(User user, DateTimeOffset now) => ExpiresAt > now && !user.Disabled && UserStamp == user.SecurityStamp;

    /// <summary>A new random token and its stored hash.</summary>
    public static (string Token, string Hash) Generate()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}

/// <summary>An ASP.NET Core data-protection key, kept in the database so every web node shares sign-ins.</summary>
public sealed class DataProtectionKey
{
    public DataProtectionKey(string friendlyName, string xml)
    {
        FriendlyName = friendlyName;
        Xml = xml;
    }

    private DataProtectionKey()
    {
        FriendlyName = "";
        Xml = "";
    }

    public int Id { get; private set; }

    public string FriendlyName { get; private set; }

    public string Xml { get; private set; }
}
