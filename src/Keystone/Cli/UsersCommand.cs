using System.CommandLine;
using Keystone.Core;
using Keystone.Core.Accounts;
using Keystone.Core.Data;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Keystone.Cli;

/// <summary>
/// `keystone users add|list|disable|reset-password`: accounts, from the operator's shell. There is no default
/// password anywhere: the first administrator of a production database is made here, the password read
/// from standard input so it never lands in the shell history.
/// </summary>
public static class UsersCommand
{
    public static Command Create(CliConsole console)
    {
        var users = new Command("users", "账号 / accounts");
        var username = new Option<string>("--username") { Description = "用户名 / the user name", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "从标准输入读取密码 / read the password from standard input" };

        var role = new Option<string>("--role") { Description = "NationAdmin|ProvinceAdmin|CityOfficer|ZoneOfficer|DepartmentOfficer|EnterpriseReporter", Required = true };
        var unit = new Option<string>("--unit") { Description = "所属单位 / the user's unit", Required = true };
        var enterprise = new Option<string?>("--enterprise") { Description = "填报员所属企业的统一社会信用代码 / a reporter's enterprise (USCC)" };
        var department = new Option<string?>("--department") { Description = "责任单位名称 / a department officer's department" };
        var add = new Command("add", "新建账号 / add a user") { username, role, unit, enterprise, department, passwordStdin };
        add.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var password = ReadPassword(result.GetValue(passwordStdin), c);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var user = await Accounts.AddAsync(db, tree, result.GetValue(username)!, Accounts.ParseRole(result.GetValue(role)!), result.GetValue(unit)!, password,
                c.Clock.GetUtcNow(), result.GetValue(enterprise), result.GetValue(department), ct);
            c.Out.MarkupLine(c.English
                ? $"Added [bold]{Markup.Escape(user.UserName)}[/] ({user.Role}) at {Markup.Escape(tree.PathOf(user.OrgUnitId))}."
                : $"已新建账号 [bold]{Markup.Escape(user.UserName)}[/]（{Accounts.RoleName(user.Role)}，{Markup.Escape(tree.PathOf(user.OrgUnitId))}）。");
            return 0;
        }));
        users.Subcommands.Add(add);

        var list = new Command("list", "列出账号 / list users");
        list.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var tree = await db.LoadTreeAsync(ct);
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns(c.English ? "User" : "用户名", c.English ? "Role" : "角色", c.English ? "Unit" : "单位", c.English ? "State" : "状态");
            foreach (var u in await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct))
            {
                var state = u.Disabled ? (c.English ? "disabled" : "已停用") : u.IsLockedOut(c.Clock.GetUtcNow()) ? (c.English ? "locked" : "已锁定") : (c.English ? "active" : "正常");
                table.AddRow(Markup.Escape(u.UserName), c.English ? u.Role.ToString() : Accounts.RoleName(u.Role), Markup.Escape(tree.Contains(u.OrgUnitId) ? tree.PathOf(u.OrgUnitId) : "?"), state);
            }

            c.Out.Write(table);
            return 0;
        }));
        users.Subcommands.Add(list);

        var disable = new Command("disable", "停用账号（立即失效）/ disable a user (sessions and tokens end at once)") { username };
        disable.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var user = await FindAsync(db, result.GetValue(username)!, ct);
            await Accounts.DisableAsync(db, user, c.Clock.GetUtcNow(), ct);
            c.Out.MarkupLine(c.English ? $"Disabled {Markup.Escape(user.UserName)}." : $"已停用 {Markup.Escape(user.UserName)}。");
            return 0;
        }));
        users.Subcommands.Add(disable);

        var reset = new Command("reset-password", "重设密码 / reset a password") { username, passwordStdin };
        reset.SetAction((result, ct) => KeystoneCli.Guard(KeystoneCli.WithLanguage(result, console), async () =>
        {
            var c = KeystoneCli.WithLanguage(result, console);
            var password = ReadPassword(result.GetValue(passwordStdin), c);
            await using var db = await KeystoneCli.OpenAsync(result, c, ct);
            var user = await FindAsync(db, result.GetValue(username)!, ct);
            await Accounts.ResetPasswordAsync(db, user, password, c.Clock.GetUtcNow(), ct);
            c.Out.MarkupLine(c.English ? $"Reset the password of {Markup.Escape(user.UserName)}." : $"已重设 {Markup.Escape(user.UserName)} 的密码。");
            return 0;
        }));
        users.Subcommands.Add(reset);
        return users;
    }

    private static string ReadPassword(bool fromStdin, CliConsole c)
    {
        if (!fromStdin)
        {
            throw new DomainException(new("请用 --password-stdin 从标准输入提供密码（如 echo … | keystone users add …）", "Give the password on standard input with --password-stdin (e.g. echo … | keystone users add …)"), "password");
        }

        var password = (c.Input.ReadLine() ?? "").TrimEnd('\r', '\n');
        PasswordHashing.Check(password);
        return password;
    }

    private static async Task<User> FindAsync(Keystone.Core.Data.AppDbContext db, string name, CancellationToken ct)
    {
        var key = User.CheckName(name);
        return await db.Users.FirstOrDefaultAsync(u => u.UserName == key, ct)
            ?? throw new NotFoundException(new($"找不到用户“{key}”", $"No user \"{key}\""));
    }
}
