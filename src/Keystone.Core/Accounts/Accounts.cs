using Keystone.Core.Data;
using Keystone.Core.Projects;
using Keystone.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Keystone.Core.Accounts;

/// <summary>Creating and finding users: shared by `keystone users`, the demo dataset and sign-in.</summary>
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
        int? enterpriseId = null;
        if (uscc is not null)
        {
            var code = new Uscc(uscc);
            enterpriseId = (await db.Enterprises.FirstOrDefaultAsync(e => e.Uscc == code, ct))?.Id
                ?? throw new NotFoundException(new($"找不到统一社会信用代码为{code}的企业", $"No enterprise with the USCC {code}"));
        }

        var user = new User(name, role, org.Id, PasswordHashing.Hash(password), now, enterpriseId, department);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>A province admin sits at a province, a city officer at a city, the rest at a zone, county or city.</summary>
    private static void CheckPlacement(Role role, OrgUnitInfo unit)
    {
        var ok = role switch
        {
            Role.ProvinceAdmin => unit.Kind == OrgUnitKind.Province,
            Role.CityOfficer => unit.Kind == OrgUnitKind.City,
            Role.ZoneOfficer or Role.DepartmentOfficer or Role.EnterpriseReporter => unit.Kind != OrgUnitKind.Province,
        };
        if (!ok)
        {
            throw new DomainException(new($"角色{RoleName(role)}不能设在{OrgUnit.KindName(unit.Kind)}“{unit.Name}”", $"A {role} cannot belong to the {unit.Kind} \"{unit.Name}\""), "unit");
        }
    }

    public static Role ParseRole(string text) => ProjectVocabulary.Normalize(text) switch
    {
        "provinceadmin" or "province" or "省级管理员" or "省" => Role.ProvinceAdmin,
        "cityofficer" or "city" or "市级" or "市" => Role.CityOfficer,
        "zoneofficer" or "zone" or "园区" or "开发区" or "管委会" => Role.ZoneOfficer,
        "departmentofficer" or "department" or "责任单位" or "部门" => Role.DepartmentOfficer,
        "enterprisereporter" or "reporter" or "enterprise" or "填报员" or "企业" => Role.EnterpriseReporter,
        _ => throw new DomainException(
            new($"角色“{text}”无效：可用 ProvinceAdmin、CityOfficer、ZoneOfficer、DepartmentOfficer、EnterpriseReporter", $"The role \"{text}\" is not valid: use ProvinceAdmin, CityOfficer, ZoneOfficer, DepartmentOfficer or EnterpriseReporter"),
            "role"),
    };

    public static string RoleName(Role role) => role switch
    {
        Role.ProvinceAdmin => "省级管理员",
        Role.CityOfficer => "市级指挥部",
        Role.ZoneOfficer => "园区管委会",
        Role.DepartmentOfficer => "责任单位",
        Role.EnterpriseReporter => "项目单位填报员",
    };

    /// <summary>Creates the demo users that do not exist yet (after the demo dataset is loaded).</summary>
    public static async Task AddDemoUsersAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var tree = new OrgTree(await db.OrgUnits.AsNoTracking().Select(u => new OrgUnitInfo(u.Id, u.Name, u.Kind, u.ParentId)).ToListAsync(ct));
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
